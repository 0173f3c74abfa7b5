/**
 * Headless Neovim as a second, independent LSP client (scripts/nvim-lsp-check.sh): the built server over
 * --stdio, a Dockerfile fixture, and the diagnostics, code actions and hover Neovim ends up with.
 * Skipped, saying so, when nvim is not installed (the project's .ci/run installs it).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { SERVER_MAIN } from '../bench/lsp';

const ROOT = path.resolve(__dirname, '..', '..');
const SCRIPT = path.join(ROOT, 'scripts', 'nvim-lsp-check.sh');
const FIXTURE = path.join(ROOT, 'test-fixtures', 'lsp', 'Dockerfile');
const nvim = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
const skip = nvim.error || nvim.status !== 0 ? 'nvim is not on PATH: install Neovim (apt-get install neovim) to run the Neovim client check' : false;

interface NvimDiagnostic { code: string; line: number; col: number; end_line: number; end_col: number; severity: string; source: string; actions: string[] }

function check(settings?: unknown): { status: number | null; out: { diagnostics: NvimDiagnostic[]; hover: string | null; publishes: number; version: number | null }; stderr: string } {
  // a folder of its own as the workspace root, so the workspace scan sees only this file
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-nvim-'));
  try {
    const file = path.join(dir, 'Dockerfile');
    fs.copyFileSync(FIXTURE, file);
    const env: NodeJS.ProcessEnv = { ...process.env, NVIM_LSP_ROOT: dir, NVIM_LSP_MIN: '1', NVIM_LSP_TIMEOUT_MS: '10000' };
    if (settings) env.NVIM_LSP_SETTINGS = JSON.stringify(settings);
    const r = spawnSync('bash', [SCRIPT, file, process.execPath, SERVER_MAIN, '--stdio'], { encoding: 'utf8', env, timeout: 60_000 });
    let out;
    try { out = JSON.parse(r.stdout); } catch { throw new Error(`no JSON from nvim-lsp-check (status ${r.status}):\n${r.stdout}\n${r.stderr}`); }
    return { status: r.status, out, stderr: r.stderr };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('Neovim as an LSP client', { skip }, () => {
  it('gets the diagnostics (codes, 1-based positions, severities), quick fixes and a hover', () => {
    const { status, out, stderr } = check();
    assert.equal(status, 0, stderr);
    assert.equal(out.version, 0);
    assert.deepEqual(out.diagnostics.map(d => `${d.code} ${d.line}:${d.col}-${d.end_line}:${d.end_col} ${d.severity} ${d.source}`), [
      'dockerfile/no-add-local 4:1-4:4 INFO rampart',
      'dockerfile/no-secrets-in-env-arg 7:5-7:19 ERROR rampart',
      'dockerfile/no-ssh-port 8:13-8:15 WARN rampart',
      'dockerfile/no-root-user 10:6-10:10 ERROR rampart',
    ]);
    const root = out.diagnostics.find(d => d.code === 'dockerfile/no-root-user')!;
    assert.deepEqual(root.actions.slice(0, 4), [
      'Run as UID 10001',
      'Suppress dockerfile/no-root-user on this line',
      'Suppress dockerfile/no-root-user in this file',
      'Show documentation for dockerfile/no-root-user',
    ]);
    assert.ok(out.hover && out.hover.includes('`dockerfile/no-add-local`'), String(out.hover));
  });

  it('takes the client\'s settings (workspace/didChangeConfiguration): rules switched off, a minimum severity', () => {
    const { status, out, stderr } = check({ rampart: { rules: { 'dockerfile/no-root-user': 'off' }, minimumSeverity: 'medium' } });
    assert.equal(status, 0, stderr);
    assert.deepEqual(out.diagnostics.map(d => d.code), ['dockerfile/no-secrets-in-env-arg', 'dockerfile/no-ssh-port']);
  });
});
