/**
 * The fixtures are the specification: every file under test-fixtures/<kind>/ is linted and its findings must
 * equal its inline `# expect:` lines exactly (rule, range, message; no missing, no extra). Every fix offered is
 * applied and the result re-linted: it must still parse (its changed RUN scripts too, by `bash -n`) and that rule
 * must fire less.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { lintText, PARSE_ERROR_RULE } from '../server/src/engine/engine';
import { applyEdits } from '../server/src/engine/edits';
import { allRules } from '../rules/index';
import { FIXTURES, fmtRange, readExpectations, walk } from './fixtures';
import { parseDockerfile } from '../server/src/dockerfile/parser';
import { spawnSync } from 'child_process';

/** The shell scripts of a Dockerfile's shell-form RUN instructions (continuations joined; heredoc RUNs left out). */
function runScripts(text: string): string[] {
  return parseDockerfile(text).instructions
    .filter(i => i.keyword === 'RUN' && !i.json && !i.heredocs.length)
    .map(i => i.args.text.slice(i.restStart));
}

const HAS_BASH = spawnSync('bash', ['-c', 'exit 0']).status === 0;
/** `bash -n`: the script parses (nothing is run). */
function shellParses(script: string): boolean {
  return spawnSync('bash', ['-n'], { input: script }).status === 0;
}

/**
 * The RUN scripts a fix changed that no longer parse as shell although they did before (e.g. a removal that
 * leaves `if true; fi`). The scripts before and after are lined up by their common prefix and suffix.
 */
function shellBrokenBy(before: string, after: string): string[] {
  if (!HAS_BASH || /^\s*SHELL\s*\[\s*"[^"]*(powershell|pwsh|cmd)/im.test(before)) return [];
  const a = runScripts(before), b = runScripts(after);
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const was = a.slice(head, a.length - tail), now = b.slice(head, b.length - tail);
  if (!was.every(shellParses)) return []; // the fixture's own shell is odd there on purpose
  return now.filter(x => !shellParses(x));
}

const DOMAINS = ['dockerfile'];
const files = DOMAINS.flatMap(d => walk(path.join(FIXTURES, d)));

for (const file of files) {
  const rel = path.relative(FIXTURES, file);
  test(`fixture ${rel}`, () => {
    const text = fs.readFileSync(file, 'utf8');
    // the engine keeps going when a rule throws; here a rule that throws fails the fixture
    const errors: string[] = [];
    const onRuleError = (id: string, e: unknown) => { errors.push(`${id}: ${e instanceof Error ? e.stack ?? e.message : String(e)}`); };
    const res = lintText(file, text, { fixes: true, onRuleError });
    assert.ok(res, `${rel}: not recognised as a checked file`);
    const expected = readExpectations(file, text).map(e => `${e.ruleId} ${fmtRange(e.range)} ${e.message}`).sort();
    const actual = res.findings.map(f => `${f.ruleId} ${fmtRange(f.range)} ${f.message}`).sort();
    assert.deepEqual(actual, expected, `${rel}: findings differ from its # expect: lines`);

    for (const f of res.findings) {
      for (const fix of f.fixes ?? []) {
        const fixed = applyEdits(text, fix.edits);
        const again = lintText(file, fixed, { onRuleError })!;
        assert.ok(!again.findings.some(g => g.ruleId === PARSE_ERROR_RULE), `${rel}: fix "${fix.title}" for ${f.ruleId} breaks parsing:\n${fixed}`);
        assert.deepEqual(shellBrokenBy(text, fixed), [], `${rel}: fix "${fix.title}" for ${f.ruleId} leaves a RUN that bash -n rejects:\n${fixed}`);
        const before = res.findings.filter(g => g.ruleId === f.ruleId).length;
        const after = again.findings.filter(g => g.ruleId === f.ruleId).length;
        assert.ok(after < before, `${rel}: fix "${fix.title}" for ${f.ruleId} at ${fmtRange(f.range)} does not remove the finding:\n${fixed}`);
      }
    }
    assert.deepEqual(errors, [], `${rel}: a rule threw`);
  });
}

test('every rule has a positive and a negative fixture', () => {
  const byRule = new Map<string, { bad: boolean; good: boolean }>();
  for (const r of allRules) byRule.set(r.id, { bad: false, good: false });
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    const res = lintText(file, text)!;
    const fired = new Set(res.findings.map(f => f.ruleId));
    // a rule's own folder: test-fixtures/<domain>/<rule-name>/...
    const parts = path.relative(FIXTURES, file).split(path.sep);
    const owner = parts.length >= 3 ? `${parts[0]}/${parts[1]}` : null;
    for (const id of fired) if (byRule.has(id)) byRule.get(id)!.bad = true;
    if (owner && byRule.has(owner) && !fired.has(owner)) byRule.get(owner)!.good = true;
  }
  const missing = [...byRule].filter(([, v]) => !v.bad || !v.good).map(([id, v]) => `${id}${v.bad ? '' : ' (no positive)'}${v.good ? '' : ' (no negative)'}`);
  assert.deepEqual(missing, [], 'rules without fixtures');
});

test('every rule has a fix-bearing fixture when it declares a fix', () => {
  const fixed = new Set<string>();
  for (const file of files) {
    const res = lintText(file, fs.readFileSync(file, 'utf8'), { fixes: true })!;
    for (const f of res.findings) if (f.fixes?.length) fixed.add(f.ruleId);
  }
  const missing = allRules.filter(r => r.fix && !fixed.has(r.id)).map(r => r.id);
  assert.deepEqual(missing, [], 'rules that declare a fix but never produce one in the fixtures');
});
