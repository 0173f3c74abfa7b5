/**
 * The extension-test entry point VS Code loads (extensionTestsPath): runs every *.e2e.js next to it with mocha,
 * in the real extension host. Resolves when all passed, rejects otherwise: VS Code's exit code follows.
 */
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30_000, reporter: 'spec' });
  for (const f of fs.readdirSync(__dirname).sort()) if (f.endsWith('.e2e.js')) mocha.addFile(path.join(__dirname, f));
  let passed = 0, failed = 0;
  return new Promise((resolve, reject) => {
    const runner = mocha.run(failures => {
      console.log(`${passed} passed, ${failed} failed`);
      // for scripts/e2e/run.ts, which cannot read this process's console
      if (process.env.RAMPART_E2E_RESULTS) fs.writeFileSync(process.env.RAMPART_E2E_RESULTS, JSON.stringify({ passed, failed }));
      if (failures > 0) reject(new Error(`${failures} test(s) failed`)); else resolve();
    });
    runner.on('pass', () => passed++);
    runner.on('fail', () => failed++);
  });
}
