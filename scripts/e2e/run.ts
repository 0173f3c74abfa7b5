/**
 * `npm run test:e2e` (after tsc and scripts/bundle.js): Rampart in real editors.
 *  1. the mocha suite client/test/*.e2e.ts in VS Code 1.100 (code-server) through @vscode/test-electron's runTests,
 *     with the unpacked extension (dist/ bundles) on a temporary copy of test-fixtures/e2e-workspace;
 *  2. the TextMate grammars, tokenized by VS Code's own engine (grammar-check);
 *  3. `vsce package` into a temporary .vsix, checked for size and contents;
 *  4. that .vsix installed into a fresh code-server, the demo workspace opened, checked in the UI and
 *     photographed into out/e2e/screenshot.png (docs/screenshot.png, the README's, with UPDATE_SCREENSHOT=1).
 * Prints each step's result and `N passed, N failed`; exits 1 when anything failed.
 *
 * Options: --only=tests (just step 1). Env: RAMPART_E2E_FAIL=1 adds a deliberately failing test;
 * E2E_TIMEOUT, E2E_VERBOSE (see vscode-shim).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runTests } from '@vscode/test-electron';
import { ROOT, codeServerEntry } from './code-server';
import { checkVsix } from './vsix';
import { lintText } from '../../server/src/engine/engine';
import { walkFiles } from '../../server/src/scan/walk';

const here = (f: string) => path.join(__dirname, f);

interface Step { name: string; ok: boolean; detail: string; seconds: number }

async function timed(name: string, fn: () => Promise<string> | string): Promise<Step> {
  const t0 = Date.now();
  console.log(`\n=== ${name}`);
  try {
    const detail = await fn();
    return { name, ok: true, detail, seconds: (Date.now() - t0) / 1000 };
  } catch (e) {
    return { name, ok: false, detail: e instanceof Error ? e.message : String(e), seconds: (Date.now() - t0) / 1000 };
  }
}

/** The first file of a folder (in the workspace scan's order, as the Problems panel lists them) that has findings. */
async function firstWithFindings(folder: string): Promise<string | undefined> {
  if (!fs.existsSync(folder)) return undefined;
  for await (const e of walkFiles([folder], {})) {
    if ('skipped' in e) continue;
    if (lintText(e.path, fs.readFileSync(e.path, 'utf8'))?.findings.length) return e.rel;
  }
  return undefined;
}

function node(script: string, args: string[]): { status: number | null } {
  return spawnSync(process.execPath, [script, ...args], { stdio: 'inherit', cwd: ROOT });
}

async function main(): Promise<number> {
  const only = process.argv.find(a => a.startsWith('--only='))?.slice('--only='.length);
  for (const f of ['dist/extension.js', 'dist/server.js']) {
    if (!fs.existsSync(path.join(ROOT, f))) { console.error(`${f} is missing: run node scripts/bundle.js first`); return 2; }
  }
  codeServerEntry(); // throws with the install hint when code-server is missing
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-e2e-'));
  const steps: Step[] = [];
  let tally = { passed: 0, failed: 0 };

  steps.push(await timed('extension tests in VS Code (code-server)', async () => {
    const workspace = path.join(tmp, 'workspace');
    fs.cpSync(path.join(ROOT, 'test-fixtures', 'e2e-workspace'), workspace, { recursive: true });
    const results = path.join(tmp, 'results.json');
    let code: number;
    try {
      code = await runTests({
        vscodeExecutablePath: process.execPath, // node <shim> <folder> …: the shim stands in for VS Code
        launchArgs: [here('vscode-shim.js'), workspace],
        extensionDevelopmentPath: ROOT,
        extensionTestsPath: path.resolve(__dirname, '..', '..', 'client', 'test'),
        extensionTestsEnv: { RAMPART_E2E_RESULTS: results, RAMPART_E2E_FAIL: process.env.RAMPART_E2E_FAIL ?? '' },
      });
    } catch (e) {
      code = typeof (e as { code?: unknown }).code === 'number' ? (e as { code: number }).code : 1;
    }
    if (fs.existsSync(results)) tally = JSON.parse(fs.readFileSync(results, 'utf8'));
    const line = `${tally.passed} passed, ${tally.failed} failed`;
    if (code !== 0 || tally.failed > 0 || tally.passed === 0) throw new Error(`${line} (exit ${code})`);
    return line;
  }));

  if (only !== 'tests') {
    steps.push(await timed('TextMate grammars (VS Code\'s tokenizer)', () => {
      if (node(here('grammar-check.js'), []).status !== 0) throw new Error('grammar checks failed');
      return 'ok';
    }));

    const vsix = path.join(tmp, 'rampart.vsix');
    steps.push(await timed('vsce package', () => {
      const vsce = path.join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
      const r = node(vsce, ['package', '--no-dependencies', '--allow-missing-repository',
        '--baseContentUrl', 'https://github.com/rampart-dev/rampart/blob/main/', '--baseImagesUrl', 'https://github.com/rampart-dev/rampart/raw/main/',
        '-o', vsix]);
      if (r.status !== 0) throw new Error(`vsce exited with ${r.status}`);
      const problems = checkVsix(vsix);
      if (problems.length) throw new Error(problems.join('; '));
      return `${(fs.statSync(vsix).size / 1024).toFixed(0)} KB, only the shipped files`;
    }));

    steps.push(await timed('screenshot of the installed .vsix', async () => {
      if (!fs.existsSync(vsix)) throw new Error('no .vsix to install');
      let folder = path.join(ROOT, 'test-fixtures', 'demo');
      let open = await firstWithFindings(folder);
      if (!open) open = await firstWithFindings(folder = path.join(ROOT, 'test-fixtures', 'e2e-workspace'));
      if (!open) throw new Error('no file with findings to show');
      // the tracked picture changes only on request, so that running the tests leaves the work tree clean
      const out = process.env.UPDATE_SCREENSHOT === '1' ? path.join(ROOT, 'docs', 'screenshot.png') : path.join(ROOT, 'out', 'e2e', 'screenshot.png');
      fs.mkdirSync(path.dirname(out), { recursive: true });
      const r = node(here('screenshot.js'), [`--vsix=${vsix}`, `--open=${open}`, `--out=${out}`, folder]);
      if (r.status !== 0) throw new Error(`screenshot exited with ${r.status}`);
      return `${path.relative(ROOT, out)} (${(fs.statSync(out).size / 1024).toFixed(0)} KB): ${path.relative(ROOT, folder)}, ${open}`;
    }));
  }

  const failed = steps.filter(s => !s.ok);
  if (!failed.length) fs.rmSync(tmp, { recursive: true, force: true });
  console.log('\n=== summary');
  for (const s of steps) console.log(`${s.ok ? 'ok  ' : 'FAIL'} ${s.name}: ${s.detail} (${s.seconds.toFixed(1)} s)`);
  console.log(`${tally.passed} passed, ${tally.failed} failed (extension tests); ${steps.length - failed.length} of ${steps.length} steps ok`);
  return failed.length ? 1 : 0;
}

main().then(c => process.exit(c), e => { console.error(e); process.exit(1); });
