/** The project configuration file: what it accepts, and where it says each problem is. */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { excludedBy, findProjectConfig, loadProjectConfig, parseProjectConfig } from '../server/src/config/project';
import { tempDir, writeTree } from './fixtures';

const parse = (text: string) => parseProjectConfig('/repo/.rampart.yaml', text);
const where = (text: string) => parse(text).problems.map(p => `${p.line}:${p.column}-${p.endLine}:${p.endColumn} ${p.message}`);

test('accepts YAML and JSON; empty files and comments are no settings', () => {
  const y = parse('# team settings\nrules:\n  dockerfile/no-sudo: "off"\n  dockerfile/user-required: critical\nexclude: [vendor/, "**/*.old"]\nfailOn: none\n');
  assert.deepEqual(y.problems, []);
  assert.deepEqual(y.config.rules, { 'dockerfile/no-sudo': 'off', 'dockerfile/user-required': 'critical' });
  assert.deepEqual(y.config.exclude, ['vendor/', '**/*.old']);
  assert.equal(y.config.failOn, 'none');
  assert.equal(y.config.dir, '/repo');
  const j = parseProjectConfig('/repo/.rampart.json', '{"rules": {"dockerfile/no-sudo": "low"}, "failOn": "high"}');
  assert.deepEqual([j.problems, j.config.rules, j.config.failOn], [[], { 'dockerfile/no-sudo': 'low' }, 'high']);
  for (const empty of ['', '\n', '# nothing yet\n', 'rules:\nexclude:\n']) assert.deepEqual(parse(empty).problems, [], JSON.stringify(empty));
  // `off` unquoted is the string off (YAML 1.2), not false
  assert.deepEqual(parse('rules:\n  dockerfile/no-sudo: off\n').config.rules, { 'dockerfile/no-sudo': 'off' });
});

test('each problem points at the key or value that is wrong, and the valid parts are kept', () => {
  const text = 'rules:\n  dockerfile/healthcheck: off\n  dockerfile/no-sudo: 3\n  dockerfile/user-required: low\nexclude: vendor\nfailOn: [high]\nextra: 1\n';
  assert.deepEqual(where(text), [
    '2:3-2:25 rules: "dockerfile/healthcheck" is not a rule id (did you mean dockerfile/healthcheck-present?)',
    '3:23-3:24 rules: dockerfile/no-sudo: expected off or a severity (critical, high, medium, low, info), found 3',
    '5:10-5:16 exclude: expected a list of gitignore-style globs',
    '6:9-6:15 failOn: expected none or a severity (critical, high, medium, low, info), found a list',
    '7:1-7:6 unknown setting "extra" (expected rules, exclude, failOn)',
  ]);
  assert.deepEqual(parse(text).config.rules, { 'dockerfile/user-required': 'low' });
  assert.deepEqual(where('- rules\n'), ['1:1-2:1 expected settings (rules, exclude, failOn), found a list']);
  assert.deepEqual(where('rules:\n  dockerfile/no-sudo: off\n  dockerfile/no-sudo: low\n'), ['3:3-3:4 Map keys must be unique']);
  // an alias is never expanded
  assert.match(where('a: &x off\nrules:\n  dockerfile/no-sudo: *x\n').join('\n'), /3:23-3:25 rules: dockerfile\/no-sudo: expected off or a severity .*found an alias \(\*x\)/);
});

test('positions count lines the way editors do: CRLF, a BOM, tabs', () => {
  assert.deepEqual(where('\uFEFFrules:\r\n  dockerfile/nope: off\r\n'), ['2:3-2:18 rules: "dockerfile/nope" is not a rule id']);
});

test('loading: missing, binary and oversized files are problems at 1:1; the nearest file up to the git top is found', () => {
  const dir = tempDir('rampart-config-');
  writeTree(dir, { 'bin.yaml': Buffer.from([0, 1, 2]), 'big.yaml': 'x'.repeat(300 * 1024), 'repo/.git/': '', 'repo/a/b/c.txt': '', '.rampart.yaml': 'failOn: low\n' });
  for (const [file, message] of [['nope.yaml', 'does not exist'], ['bin.yaml', 'binary, not a configuration file'], ['big.yaml', 'larger than 256 KB; not read'], ['repo', 'not a file']]) {
    const r = loadProjectConfig(path.join(dir, file));
    assert.deepEqual(r.problems.map(p => `${p.line}:${p.column} ${p.message}`), [`1:1 ${message}`], file);
  }
  assert.equal(findProjectConfig(path.join(dir, 'repo', 'a', 'b')), null, 'not above the git top');
  fs.writeFileSync(path.join(dir, 'repo', '.rampart.yml'), 'failOn: high\n');
  assert.equal(findProjectConfig(path.join(dir, 'repo', 'a', 'b')), path.join(dir, 'repo', '.rampart.yml'));
  fs.writeFileSync(path.join(dir, 'repo', 'a', '.rampart.json'), '{}');
  assert.equal(findProjectConfig(path.join(dir, 'repo', 'a', 'b')), path.join(dir, 'repo', 'a', '.rampart.json'));
});

test('exclude globs are relative to the file\'s directory, with gitignore semantics', () => {
  const { config } = parse('exclude: [legacy/, "*.old.Dockerfile", /top.Dockerfile]\n');
  assert.ok(excludedBy(config, '/repo/legacy/Dockerfile'));
  assert.ok(excludedBy(config, '/repo/legacy', true));
  assert.ok(!excludedBy(config, '/repo/legacy'), 'a file named legacy is not the directory legacy/');
  assert.ok(excludedBy(config, '/repo/svc/api.old.Dockerfile'));
  assert.ok(excludedBy(config, '/repo/top.Dockerfile'));
  assert.ok(!excludedBy(config, '/repo/svc/top.Dockerfile'), 'anchored to the file\'s directory');
  assert.ok(!excludedBy(config, '/elsewhere/legacy/Dockerfile'), 'outside the directory');
});

test('the generated JSON schema that editors use agrees with the validator', () => {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const Ajv = require('ajv').default as new (o: object) => { compile(s: object): ((d: unknown) => boolean) };
  const schema = JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', '..', 'schemas', 'rampart.schema.json'), 'utf8'));
  const valid = new Ajv({ strict: false }).compile(schema);
  const cases = [
    'rules:\n  dockerfile/no-sudo: "off"\n  rampart/parse-error: low\nexclude: [a/]\nfailOn: none\n',
    '{}',
    'rules:\n  dockerfile/no-sudo: loud\n',
    'rules:\n  dockerfile/nope: low\n',
    'failOn: hihg\n',
    'exclude: [3]\n',
    'colour: red\n',
  ];
  for (const text of cases) {
    const ours = parse(text).problems.length === 0;
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const data = require('yaml').parse(text);
    assert.equal(valid(data), ours, text);
  }
});

test('never throws, and every problem has a position inside the text', () => {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const fc = require('fast-check') as typeof import('fast-check');
  const piece = fc.constantFrom('rules:', 'exclude:', 'failOn:', '\n', '  ', '- ', ': ', 'dockerfile/no-sudo', 'off', 'high', '"', "'", '[', ']', '{', '}',
    '&a ', '*a', '!!str ', '#', '\t', '\r\n', '---\n', '...', '\uFEFF', '%YAML 1.2\n', '? ', ',');
  fc.assert(fc.property(fc.array(fc.oneof(piece, fc.string()), { maxLength: 40 }), parts => {
    const text = parts.join('');
    const r = parse(text);
    const lines = text.split('\n').length + 1;
    for (const p of r.problems) {
      assert.ok(p.line >= 1 && p.line <= lines && p.column >= 1 && p.endLine >= p.line, JSON.stringify({ text, p }));
    }
  }), { numRuns: 2000 });
});
