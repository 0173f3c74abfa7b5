import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { docFiles, indexSource } from '../scripts/gen';
import { allRules } from '../rules/index';

const root = path.resolve(__dirname, '..', '..');
const read = (rel: string) => (fs.existsSync(path.join(root, rel)) ? fs.readFileSync(path.join(root, rel), 'utf8') : null);

test('rules/index.ts lists every rule module (run `npm run gen` when this fails)', () => {
  assert.equal(read('rules/index.ts'), indexSource());
});

test('docs/rules.md and docs/rules/** are generated from the rules (run `npm run gen` when this fails)', () => {
  for (const [rel, content] of docFiles(allRules)) assert.equal(read(rel), content, `${rel} is stale`);
});

test('rule metadata is complete and ids are unique', () => {
  const ids = new Set<string>();
  for (const r of allRules) {
    assert.match(r.id, /^(dockerfile|k8s|helm|terraform|iam|vault)\/[a-z0-9]+(-[a-z0-9]+)*$/, r.id);
    assert.ok(!ids.has(r.id), `duplicate id ${r.id}`);
    ids.add(r.id);
    assert.ok(r.title.length > 5 && r.rationale.length > 60, `${r.id}: title and rationale`);
    assert.ok(r.references.length > 0, `${r.id}: references`);
    for (const [peer, list] of Object.entries(r.equivalents)) {
      assert.ok(['checkov', 'hadolint', 'trivy', 'kics', 'kube-linter', 'polaris'].includes(peer), `${r.id}: unknown peer ${peer}`);
      assert.ok(Array.isArray(list) && list.length > 0, `${r.id}: empty ${peer}`);
    }
  }
});
