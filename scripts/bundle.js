#!/usr/bin/env node
// Bundles the extension and the language server with esbuild into dist/ (what the .vsix ships and what the
// real-editor tests load): dist/extension.js from client/src/extension.ts, dist/server.js from
// server/src/lsp/main.ts. Minified, CommonJS for Node 20, `vscode` left to the extension host.
// Usage: node scripts/bundle.js [--dev]   (--dev: not minified, with inline source maps)
'use strict';
const path = require('path');
const esbuild = require('esbuild');

const root = path.resolve(__dirname, '..');
const dev = process.argv.includes('--dev');
const common = {
  bundle: true, platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'],
  minify: !dev, sourcemap: dev ? 'inline' : false, legalComments: 'none', logLevel: 'warning',
};
const bundles = [
  { entryPoints: [path.join(root, 'client/src/extension.ts')], outfile: path.join(root, 'dist/extension.js') },
  { entryPoints: [path.join(root, 'server/src/lsp/main.ts')], outfile: path.join(root, 'dist/server.js') },
];

Promise.all(bundles.map(b => esbuild.build({ ...common, ...b, metafile: true }))).then(results => {
  for (const [i, r] of results.entries()) {
    const out = Object.entries(r.metafile.outputs)[0];
    console.log(`${path.relative(root, bundles[i].outfile)}: ${(out[1].bytes / 1024).toFixed(0)} KB`);
  }
}, () => process.exit(1));
