#!/usr/bin/env node
// Part of `npm test`: runs the real-editor tests (`npm run test:e2e`) when the editors are installed
// (`npm run setup:editors`), and says so when they are not. Exits with the e2e run's code.
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..', '..');
const entry = path.join(root, '.vscode-test', 'code-server', 'node_modules', 'code-server', 'out', 'node', 'entry.js');
if (!fs.existsSync(entry)) {
  console.log('e2e: skipped — code-server is not installed (run `npm run setup:editors`, as .ci/run does)');
  process.exit(0);
}
for (const step of [['scripts/bundle.js'], ['out/scripts/e2e/run.js']]) {
  const r = spawnSync(process.execPath, step, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
