/** The demo workspace (npm run demo) shows every Dockerfile rule at least once, skips what .gitignore lists,
 * and its hardened service comes out clean. */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { lintText } from '../server/src/engine/engine';
import { walkFiles } from '../server/src/scan/walk';
import { allRules } from '../rules/index';
import { FIXTURES } from './fixtures';

const DEMO = path.join(FIXTURES, 'demo');

test('demo: every rule fires somewhere, the git-ignored file is skipped, services/web is clean', async () => {
  const fired = new Map<string, number>();
  const scanned: string[] = [];
  for await (const e of walkFiles([DEMO])) {
    if ('skipped' in e) continue;
    scanned.push(e.rel);
    const res = lintText(e.path, fs.readFileSync(e.path, 'utf8'))!;
    if (e.rel === 'services/web/Dockerfile') assert.deepEqual(res.findings, [], 'the hardened service has findings');
    for (const f of res.findings) fired.set(f.ruleId, (fired.get(f.ruleId) ?? 0) + 1);
  }
  assert.ok(!scanned.some(r => r.startsWith('legacy/ignored/')), 'git-ignored file was scanned');
  assert.ok(scanned.includes('services/web/Dockerfile'));
  const missing = allRules.map(r => r.id).filter(id => !fired.has(id));
  assert.deepEqual(missing, [], 'rules the demo never shows');
});
