/**
 * Stands in for a VS Code executable in @vscode/test-electron's runTests({ vscodeExecutablePath: node,
 * launchArgs: [this file, folder] }): takes VS Code's CLI arguments, runs the extension tests in code-server's Node
 * extension host through its web workbench in headless chromium, and exits with the tests' exit code.
 *
 * Used: --extensionDevelopmentPath (repeatable), --extensionTestsPath, --extensions-dir, the first positional
 * folder. Ignored: --user-data-dir (each run gets a fresh profile) and every other flag runTests adds.
 * The workbench reports through two functions it looks for on `window` in extension-test mode:
 * codeAutomationLog(type, args) for each console line of the test runner, codeAutomationExit(code) at the end.
 *
 * Env: E2E_TIMEOUT (seconds, default 300; exit 124 on timeout), E2E_VERBOSE=1 (echo the browser console).
 */
import * as fs from 'fs';
import * as util from 'util';
import { launchChromium, startCodeServer, workbenchUrl } from './code-server';

/** The workbench's own start-up chatter, which reaches the same log as the tests' output (shown with E2E_VERBOSE=1). */
const WORKBENCH_NOISE = /^(Creating a socket|Resolving connection token|Resolved connection token|Ignoring fetching additional builtin|Updating additional builtin|\[Service Worker\]|ChatSessionStore)/;

function parseArgs(argv: string[]) {
  const o = { dev: [] as string[], tests: '', extensionsDir: undefined as string | undefined, folder: undefined as string | undefined };
  const withValue = new Set(['extensionDevelopmentPath', 'extensionTestsPath', 'extensions-dir', 'user-data-dir']);
  for (let i = 0; i < argv.length; i++) {
    const m = /^--([^=]+)(?:=(.*))?$/.exec(argv[i]);
    if (!m) {
      if (!o.folder && fs.existsSync(argv[i]) && fs.statSync(argv[i]).isDirectory()) o.folder = argv[i];
      continue;
    }
    const value = m[2] ?? (withValue.has(m[1]) ? argv[++i] : undefined);
    if (m[1] === 'extensionDevelopmentPath' && value) o.dev.push(value);
    else if (m[1] === 'extensionTestsPath' && value) o.tests = value;
    else if (m[1] === 'extensions-dir') o.extensionsDir = value;
  }
  return o;
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if (!args.tests || !args.dev.length) {
    console.error('vscode-shim: need --extensionDevelopmentPath and --extensionTestsPath');
    return 2;
  }
  const timeout = Number(process.env.E2E_TIMEOUT || 300);
  const verbose = process.env.E2E_VERBOSE === '1';
  const t0 = Date.now();
  const stamp = () => `[vscode-shim +${((Date.now() - t0) / 1000).toFixed(1)}s]`;
  const server = await startCodeServer({ extensionsDir: args.extensionsDir });
  console.log(`${stamp()} code-server (VS Code 1.100) at ${server.url}`);
  let code = 1;
  const browser = await launchChromium().catch(e => { console.error(`${stamp()} chromium: ${e}`); return undefined; });
  try {
    if (!browser) return code;
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const finished = new Promise<number>(resolve => {
      void page.exposeFunction('codeAutomationLog', (type: string, logArgs: unknown) => {
        const text = util.format(...(Array.isArray(logArgs) ? logArgs : [logArgs]));
        if (!verbose && WORKBENCH_NOISE.test(text)) return;
        (type === 'error' ? console.error : console.log)(text);
      });
      void page.exposeFunction('codeAutomationExit', (c: unknown) => resolve(Number(c)));
      setTimeout(() => { console.error(`${stamp()} timed out after ${timeout}s`); resolve(124); }, timeout * 1000).unref();
      browser.on('disconnected', () => resolve(1));
    });
    if (verbose) page.on('console', m => console.log(`[browser ${m.type()}] ${m.text()}`));
    page.on('pageerror', e => console.error(`[browser] ${e.message}`));
    await page.goto(workbenchUrl(server, { folder: args.folder, extensionDevelopmentPaths: args.dev, extensionTestsPath: args.tests }));
    code = await finished;
  } catch (e) {
    console.error(`${stamp()} ${e instanceof Error ? e.stack : e}`);
    code = 1;
  } finally {
    await browser?.close().catch(() => undefined);
    // A failed run keeps code-server's log and the profile's logs (extension host, language server output).
    await server.stop(code !== 0);
    if (code !== 0) console.error(`${stamp()} logs kept in ${server.tmp}`);
  }
  console.log(`${stamp()} extension tests exited with ${code}`);
  return code;
}

main().then(c => process.exit(c), e => { console.error(e); process.exit(1); });
