/**
 * The extension manifest (package.json) against the code it describes: activation patterns = the file patterns the
 * client hands to the server, commands declared = commands registered, settings declared = settings the server
 * reads (same defaults), files named = files present. And, when `npm run package` has made rampart.vsix, what it
 * holds (scripts/e2e/vsix.ts; the real-editor run checks a fresh package every time).
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { caseInsensitiveGlob, FILE_PATTERNS } from '../client/src/files';
import { COMMANDS } from '../server/src/lsp/server';
import { defaultSettings } from '../server/src/lsp/settings';
import { checkVsix } from '../scripts/e2e/vsix';

const root = path.resolve(__dirname, '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const contributes = pkg.contributes;

test('engines.vscode and @types/vscode stay at 1.100 (code-server 4.100 silently skips newer extensions)', () => {
  assert.match(pkg.engines.vscode, /^\^1\.(\d|[1-9]\d|100)\.\d+$/);
  assert.match(pkg.devDependencies['@types/vscode'], /^(\^|~)?1\.(\d|[1-9]\d|100)\.\d+$/);
  assert.equal(pkg.main, './dist/extension.js');
});

test('the extension activates for every file pattern it sends to the server', () => {
  for (const p of FILE_PATTERNS) assert.ok(pkg.activationEvents.includes(`workspaceContains:${caseInsensitiveGlob(p)}`), p);
  assert.equal(caseInsensitiveGlob('**/*.Dockerfile'), '**/*.[dD][oO][cC][kK][eE][rR][fF][iI][lL][eE]');
  assert.equal(caseInsensitiveGlob('**/[a-z].tf'), '**/[a-z].[tT][fF]');
});

test('every command is declared once, registered by the extension or the server, and every menu entry names one', () => {
  const declared = (contributes.commands as { command: string }[]).map(c => c.command);
  assert.equal(new Set(declared).size, declared.length, 'duplicate command');
  const source = fs.readFileSync(path.join(root, 'client', 'src', 'extension.ts'), 'utf8');
  const registered = new Set([...source.matchAll(/register\('([^']+)'/g)].map(m => m[1]));
  const server = new Set<string>(Object.values(COMMANDS));
  for (const c of declared) assert.ok(registered.has(c) || server.has(c), `${c} is declared but nobody registers it`);
  for (const c of server) assert.ok(declared.includes(c), `server command ${c} has no title`);
  for (const [menu, entries] of Object.entries(contributes.menus as Record<string, { command: string }[]>)) {
    for (const e of entries) assert.ok(declared.includes(e.command), `${menu}: ${e.command}`);
  }
  for (const c of pkg.activationEvents.filter((e: string) => e.startsWith('onCommand:'))) assert.ok(declared.includes(c.slice(10)), c);
});

test('the settings are the ones the server reads, with its defaults', () => {
  const props = contributes.configuration.properties as Record<string, { default: unknown; description?: string; markdownDescription?: string }>;
  const d = defaultSettings();
  const want: Record<string, unknown> = {
    'rampart.enable': d.enable, 'rampart.minimumSeverity': d.minimumSeverity, 'rampart.rules': d.rules,
    'rampart.kubernetes.profile': d.kubernetesProfile, 'rampart.exclude': d.exclude, 'rampart.helm.valuesFiles': d.helmValuesFiles,
    'rampart.workspaceScan': d.workspaceScan, 'rampart.severityMapping': d.severityMapping, 'rampart.trace.server': 'off',
  };
  assert.deepEqual(Object.keys(props).sort(), Object.keys(want).sort());
  for (const [k, v] of Object.entries(want)) {
    assert.deepEqual(props[k].default, v, `${k} default`);
    assert.ok((props[k].description ?? props[k].markdownDescription ?? '').length > 20, `${k} needs a description`);
  }
  const restricted: string[] = pkg.capabilities.untrustedWorkspaces.restrictedConfigurations;
  for (const k of restricted) assert.ok(k in props, k);
  assert.equal(pkg.capabilities.untrustedWorkspaces.supported, 'limited');
});

test('files the manifest names exist', () => {
  const files = [pkg.icon, ...contributes.viewsContainers.activitybar.map((c: { icon: string }) => c.icon),
    ...contributes.grammars.map((g: { path: string }) => g.path), ...contributes.languages.map((l: { configuration: string }) => l.configuration),
    'LICENSE', 'README.md', '.vscodeignore'];
  for (const f of files) assert.ok(fs.existsSync(path.join(root, f)), f);
  for (const g of contributes.grammars as { path: string; scopeName: string }[]) {
    assert.equal(JSON.parse(fs.readFileSync(path.join(root, g.path), 'utf8')).scopeName, g.scopeName, g.path);
  }
});

test('the packaged .vsix holds only what ships, under 3 MB', t => {
  const vsix = path.join(root, 'rampart.vsix');
  if (!fs.existsSync(vsix)) { t.skip('no rampart.vsix: run `npm run package`'); return; }
  assert.deepEqual(checkVsix(vsix), []);
});
