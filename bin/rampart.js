#!/usr/bin/env node
'use strict';
// The `rampart` command: runs the compiled CLI (npm run build compiles it into ../out).
const path = require('path');
const main = path.join(__dirname, '..', 'out', 'server', 'src', 'cli', 'main.js');
let cli;
try {
  cli = require(main);
} catch (e) {
  if (e && e.code === 'MODULE_NOT_FOUND' && String(e.message).includes(main)) {
    process.stderr.write(`rampart: not built yet: ${path.relative(process.cwd(), main) || main} is missing; run \`npm run build\` in ${path.join(__dirname, '..')}\n`);
    process.exit(2);
  }
  throw e;
}
cli.main(process.argv);
