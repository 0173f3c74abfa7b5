#!/usr/bin/env node
/**
 * `npm test` after the build: node's test runner over out/test (spec output on the console, TAP kept to count),
 * then the real-editor tests when the editors are installed (`npm run setup:editors`), then one closing line
 * `N passed, N failed` over both. Exits non-zero when anything failed.
 */
const { spawnSync, spawn } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const root = path.resolve(__dirname, '..');
let passed = 0;
let failed = 0;
let status = 0;

const tap = path.join(os.tmpdir(), `rampart-test-${process.pid}.tap`);
const unit = spawnSync(process.execPath, ['--test', '--test-timeout=180000', '--test-reporter=spec', '--test-reporter-destination=stdout',
  '--test-reporter=tap', `--test-reporter-destination=${tap}`, 'out/test/'], { cwd: root, stdio: 'inherit' });
const tapText = fs.existsSync(tap) ? fs.readFileSync(tap, 'utf8') : '';
fs.rmSync(tap, { force: true });
const count = (name) => { const m = [...tapText.matchAll(new RegExp(`^# ${name} (\\d+)$`, 'gm'))].pop(); return m ? Number(m[1]) : 0; };
passed += count('pass');
failed += count('fail') + count('cancelled');
if (unit.status !== 0) status = 1;
if (!tapText) { failed++; console.error('test: node --test produced no results'); }

const entry = path.join(root, '.vscode-test', 'code-server', 'node_modules', 'code-server', 'out', 'node', 'entry.js');
function finish() {
  console.log(`\n${passed} passed, ${failed} failed`);
  process.exit(status || (failed ? 1 : 0));
}
if (!fs.existsSync(entry)) {
  console.log('\ne2e: skipped — the editors are not installed (run `npm run setup:editors`, as .ci/run does)');
  finish();
} else {
  const bundle = spawnSync(process.execPath, ['scripts/bundle.js'], { cwd: root, stdio: 'inherit' });
  if (bundle.status !== 0) { failed++; status = 1; finish(); }
  const e2e = spawn(process.execPath, ['out/scripts/e2e/run.js'], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  e2e.stdout.on('data', d => { process.stdout.write(d); out += d; });
  e2e.on('close', code => {
    // "<p> passed, <f> failed (extension tests); <ok> of <n> steps ok"
    const m = /(\d+) passed, (\d+) failed \(extension tests\); (\d+) of (\d+) steps ok/.exec(out);
    if (m) {
      const [p, f, ok, n] = m.slice(1).map(Number);
      const otherOk = ok - (f === 0 && p > 0 ? 1 : 0);
      passed += p + Math.max(0, otherOk);
      failed += f + Math.max(0, n - ok - (f > 0 || p === 0 ? 1 : 0));
    } else {
      failed++;
    }
    if (code !== 0) status = 1;
    finish();
  });
}
