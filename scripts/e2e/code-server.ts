/**
 * VS Code for the real-editor tests: the npm package code-server (VS Code 1.100.3, installed by install.sh into
 * .vscode-test/code-server) on loopback, and its web workbench driven by Debian's chromium through
 * playwright-core. Nothing is downloaded.
 *
 * Env: CODE_SERVER_ENTRY (code-server's out/node/entry.js), CHROMIUM_PATH (default /usr/bin/chromium).
 */
import { spawn, spawnSync, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { chromium, type Browser } from 'playwright-core';

/** The repository root (this file runs from <root>/<outDir>/scripts/e2e/). */
export const ROOT = path.resolve(__dirname, '..', '..', '..');

export function codeServerEntry(): string {
  if (process.env.CODE_SERVER_ENTRY) return path.resolve(process.env.CODE_SERVER_ENTRY);
  const entry = path.join(ROOT, '.vscode-test', 'code-server', 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  if (!fs.existsSync(entry)) throw new Error(`code-server is not installed (${entry} missing): run bash scripts/e2e/install.sh`);
  return entry;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

function healthy(url: string): Promise<boolean> {
  return new Promise(resolve => {
    const req = http.get(url, res => { res.resume(); resolve(res.statusCode === 200); });
    req.on('error', () => resolve(false));
    req.setTimeout(2000, () => { req.destroy(); resolve(false); });
  });
}

export interface CodeServer {
  url: string;
  authority: string;
  /** The run's temp folder: profile, extensions, log, IPC sockets. */
  tmp: string;
  logFile: string;
  stop(keepTemp?: boolean): Promise<void>;
}

export interface StartOptions {
  extensionsDir?: string;
  /** Packaged extensions to install first. */
  vsix?: string[];
  /** Extra user settings. */
  settings?: Record<string, unknown>;
}

/** Starts code-server with a fresh profile in a temp folder; resolves when /healthz answers. */
export async function startCodeServer(opts: StartOptions = {}): Promise<CodeServer> {
  const entry = codeServerEntry();
  const port = await freePort();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-code-server-'));
  const userData = path.join(tmp, 'user-data');
  const extensions = opts.extensionsDir ?? path.join(tmp, 'extensions');
  const runTmp = path.join(tmp, 'tmp');
  for (const d of [path.join(userData, 'User'), extensions, runTmp]) fs.mkdirSync(d, { recursive: true });
  // Own config file: nothing is written to ~/.config/code-server.
  const config = path.join(tmp, 'config.yaml');
  fs.writeFileSync(config, 'auth: none\ncert: false\n');
  fs.writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify({
    'extensions.autoCheckUpdates': false, 'extensions.autoUpdate': false, 'extensions.ignoreRecommendations': true,
    'telemetry.telemetryLevel': 'off', 'update.mode': 'none', 'workbench.startupEditor': 'none',
    'workbench.enableExperiments': false, 'workbench.tips.enabled': false, 'git.enabled': false,
    'workbench.colorTheme': 'Default Light Modern',
    ...opts.settings,
  }, null, 2));
  // An empty gallery service url keeps the workbench from looking up open-vsx; TMPDIR puts VS Code's IPC sockets in
  // the run folder (XDG_RUNTIME_DIR would win over it, so it is dropped).
  const env: NodeJS.ProcessEnv = { EXTENSIONS_GALLERY: '{"serviceUrl":""}', ...process.env, TMPDIR: runTmp };
  delete env.XDG_RUNTIME_DIR;
  const common = ['--config', config, '--user-data-dir', userData, '--extensions-dir', extensions];
  for (const vsix of opts.vsix ?? []) {
    const r = spawnSync(process.execPath, [entry, ...common, '--install-extension', path.resolve(vsix)], { env, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`--install-extension ${vsix} failed:\n${r.stdout}${r.stderr}`);
  }
  const logFile = path.join(tmp, 'code-server.log');
  const log = fs.openSync(logFile, 'a');
  const proc: ChildProcess = spawn(process.execPath, [entry, ...common, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override',
    '--ignore-last-opened'], { env, stdio: ['ignore', log, log], detached: true /* own process group: stop() ends all */ });
  let exited = false;
  proc.on('exit', () => { exited = true; });
  const killGroup = (signal: NodeJS.Signals) => { try { process.kill(-proc.pid!, signal); } catch { /* gone */ } };
  const url = `http://127.0.0.1:${port}/`;
  const deadline = Date.now() + 60_000;
  while (!(await healthy(`${url}healthz`))) {
    if (exited || Date.now() > deadline) {
      killGroup('SIGKILL');
      throw new Error(`code-server did not start; see ${logFile}`);
    }
    await new Promise(r => setTimeout(r, 200));
  }
  return {
    url, authority: `127.0.0.1:${port}`, tmp, logFile,
    async stop(keepTemp = false) {
      if (!exited) {
        killGroup('SIGTERM');
        for (let t = Date.now(); !exited && Date.now() - t < 5000;) await new Promise(r => setTimeout(r, 100));
        if (!exited) killGroup('SIGKILL');
      }
      fs.closeSync(log);
      if (!keepTemp) fs.rmSync(tmp, { recursive: true, force: true, maxRetries: 3 });
    },
  };
}

/** The workbench URL that opens `folder`, with VS Code's extension development/test options as its payload. */
export function workbenchUrl(server: CodeServer, o: { folder?: string; extensionDevelopmentPaths?: string[]; extensionTestsPath?: string }): string {
  const remote = (p: string) => `vscode-remote://${server.authority}${path.resolve(p).split(path.sep).map(encodeURIComponent).join('/')}`;
  const payload: [string, string][] = (o.extensionDevelopmentPaths ?? []).map(p => ['extensionDevelopmentPath', remote(p)]);
  if (o.extensionTestsPath) payload.push(['extensionTestsPath', remote(o.extensionTestsPath)]);
  const q = new URLSearchParams();
  if (o.folder) q.set('folder', path.resolve(o.folder));
  if (payload.length) q.set('payload', JSON.stringify(payload));
  return `${server.url}?${q}`;
}

/** Headless Debian chromium (a fresh temporary profile each time). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}
