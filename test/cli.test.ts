/**
 * The real `rampart` command, spawned against temporary directories: exit codes, output shapes, what is walked
 * and skipped, bad inputs, --fix, --output, and SARIF validity under the SARIF multitool's GitHub rules.
 *
 * From `out/` (npm test) this runs bin/rampart.js; from another build dir it runs that build's cli/main.js
 * (bin/rampart.js always loads out/), and the shim is tested on its own.
 */
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { execFile, execFileSync, spawn } from 'child_process';
import { lintText, PARSE_ERROR_RULE, ruleById } from '../server/src/engine/engine';
import { stripBom } from '../server/src/engine/text';
import { SEVERITY_RANK, SEVERITIES, type Severity } from '../server/src/engine/types';
import { allRules } from '../rules/index';
import type { JsonReport } from '../server/src/report/json';
import { FIXTURES, tempDir, walk, writeTree } from './fixtures';

const OUT = path.resolve(__dirname, '..');
const REPO = path.resolve(OUT, '..');
const SHIM = path.join(REPO, 'bin', 'rampart.js');
const MAIN = path.join(OUT, 'server', 'src', 'cli', 'main.js');
const ENTRY = path.basename(OUT) === 'out' ? SHIM : MAIN;
const MULTITOOL = path.join(REPO, 'node_modules', '.bin', process.platform === 'win32' ? 'sarif-multitool.cmd' : 'sarif-multitool');
const PKG = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));

const tmp = () => tempDir('rampart-cli-');
const tree = writeTree;

interface Run { code: number | null; stdout: string; stderr: string }

function rampart(args: string[], opts: { cwd: string; env?: Record<string, string>; entry?: string; timeoutMs?: number }): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.NO_COLOR; delete env.FORCE_COLOR;
  Object.assign(env, opts.env ?? {});
  return new Promise(resolve => {
    execFile(process.execPath, [opts.entry ?? ENTRY, ...args], { cwd: opts.cwd, env, timeout: opts.timeoutMs ?? 20_000, maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : null) : 0;
      resolve({ code, stdout, stderr: (err as { killed?: boolean } | null)?.killed ? stderr + '[killed: timed out]' : stderr });
    });
  });
}

function json(r: Run): JsonReport {
  try { return JSON.parse(r.stdout); } catch { assert.fail(`not JSON (exit ${r.code}):\n${r.stdout}\n${r.stderr}`); }
}

/** One line per problem on stderr, each starting with "rampart: " or "error: ". */
function oneLineReasons(stderr: string): string[] {
  const lines = stderr.trimEnd().split('\n').filter(Boolean);
  for (const l of lines) assert.match(l, /^(rampart|error): \S/, `stderr line: ${l}`);
  return lines;
}

/** A Dockerfile no rule can flag: every rule is suppressed for the file. */
const QUIET = '# rampart-ignore-file\nFROM alpine:3.20\nUSER 10001:10001\nCMD ["sh"]\n';
const ROOT_USER = 'FROM alpine:3.20\nUSER root\nCMD ["sh"]\n';
const NO_USER = 'FROM alpine:3.20\nRUN echo hi\nCMD ["sh"]\n';

function failsAt(report: JsonReport, failOn: Severity | 'none'): boolean {
  if (failOn === 'none') return false;
  return report.files.some(f => f.findings.some(x => SEVERITY_RANK[x.severity] >= SEVERITY_RANK[failOn]));
}

describe('rampart CLI', { concurrency: 4 }, () => {
  test('--version, help, usage errors (exit 2, one line on stderr)', async () => {
    const cwd = tmp();
    const v = await rampart(['--version'], { cwd });
    assert.equal(v.code, 0);
    assert.equal(v.stdout.trim(), PKG.version);
    const h = await rampart(['scan', '--help'], { cwd });
    assert.equal(h.code, 0);
    for (const flag of ['--format', '--output', '--fail-on', '--fix', '--unsafe-fixes', '--exclude', '--no-color', 'Exit codes']) assert.ok(h.stdout.includes(flag), flag);
    const none = await rampart([], { cwd });
    assert.equal(none.code, 2);
    assert.match(none.stderr, /Usage: rampart/);
    for (const args of [['scan', '--bogus'], ['scan', '--format', 'xml'], ['scan', '--fail-on', 'severe'], ['scan', '--unsafe-fixes'], ['frobnicate'], ['lsp']]) {
      const r = await rampart(args, { cwd });
      assert.equal(r.code, 2, args.join(' '));
      assert.equal(oneLineReasons(r.stderr).length, 1, `${args.join(' ')}: ${r.stderr}`);
      assert.equal(r.stdout, '');
    }
  });

  test('rules: every rule with its severity, fix and title; --format json', async () => {
    const cwd = tmp();
    const t = await rampart(['rules'], { cwd });
    assert.equal(t.code, 0);
    for (const r of allRules) {
      const line = t.stdout.split('\n').find(l => l.startsWith(r.id + ' '));
      assert.ok(line, r.id);
      assert.match(line!, new RegExp(`^${r.id}\\s+${r.severity}\\s+${r.fix ? r.fix.safety : '-'}\\s+${r.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
    }
    const j = await rampart(['rules', '--format', 'json'], { cwd });
    const list = JSON.parse(j.stdout) as { id: string; severity: string; fix: string | null }[];
    assert.deepEqual(list.map(r => r.id), [...allRules.map(r => r.id)].sort().concat(PARSE_ERROR_RULE));
  });

  test('scan: findings in text, exit 1 at the default --fail-on high; a quiet tree exits 0', async () => {
    const cwd = tmp();
    tree(cwd, { 'svc/Dockerfile': ROOT_USER, 'ok/Dockerfile': QUIET });
    const r = await rampart(['scan'], { cwd });
    assert.equal(r.code, 1, r.stderr);
    assert.equal(r.stderr, '');
    const lines = r.stdout.split('\n');
    const at = lines.indexOf('svc/Dockerfile');
    assert.ok(at >= 0, r.stdout);
    const sev = ruleById.get('dockerfile/no-root-user')!.severity;
    const f = lines.findIndex(l => new RegExp(`^ {2}2:6 +${sev} +dockerfile/no-root-user +\\S`).test(l));
    assert.ok(f > at, r.stdout);
    assert.match(lines[f + 1], /^ +2 \| USER root$/);
    assert.match(lines[f + 2], /^ +\| {6}\^{4}$/);
    assert.ok(!r.stdout.includes('ok/Dockerfile'));
    const summary = lines.find(l => / files? scanned, /.test(l))!;
    assert.match(summary, new RegExp(`^\\d+ findings? \\(.*\\d+ ${sev}.*\\) in 1 of 2 files scanned, \\d+(ms|\\.\\d\\ds)$`));
    assert.ok(!r.stdout.includes('\u001b['), 'no colour when not on a terminal');

    const quiet = await rampart(['scan', 'ok'], { cwd });
    assert.equal(quiet.code, 0);
    assert.match(quiet.stdout, /^No findings in 1 file scanned, \d+(ms|\.\d\ds)\n$/);
  });

  test('text report never quotes the source line of a secret finding', async () => {
    const cwd = tmp();
    tree(cwd, { Dockerfile: 'FROM alpine:3.20\nENV DB_PASSWORD=hunter2-Secret-Value\nUSER 10001\n' });
    const r = await rampart(['scan', '--fail-on', 'none'], { cwd });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /dockerfile\/no-secrets-in-env-arg/);
    assert.ok(!r.stdout.includes('hunter2-Secret-Value'), r.stdout);
    assert.match(r.stdout, /\(source line not shown: it may hold a secret\)/);
  });

  test('colour: FORCE_COLOR turns it on; --no-color and NO_COLOR win', async () => {
    const cwd = tmp();
    tree(cwd, { Dockerfile: ROOT_USER });
    assert.ok((await rampart(['scan'], { cwd, env: { FORCE_COLOR: '1' } })).stdout.includes('\u001b['));
    assert.ok(!(await rampart(['scan', '--no-color'], { cwd, env: { FORCE_COLOR: '1' } })).stdout.includes('\u001b['));
    assert.ok(!(await rampart(['scan'], { cwd, env: { FORCE_COLOR: '1', NO_COLOR: '1' } })).stdout.includes('\u001b['));
  });

  test('--fail-on: exit 1 exactly when a finding is at or above it; none never fails', async () => {
    const cwd = tmp();
    tree(cwd, { 'a/Dockerfile': ROOT_USER, 'b/Dockerfile': NO_USER });
    const report = json(await rampart(['scan', '--format', 'json', '--fail-on', 'none'], { cwd }));
    assert.ok(report.files.some(f => f.findings.some(x => x.ruleId === 'dockerfile/no-root-user')));
    assert.equal((await rampart(['scan'], { cwd })).code, failsAt(report, 'high') ? 1 : 0, 'default: high');
    assert.equal((await rampart(['scan', '--fail-on', ruleById.get('dockerfile/no-root-user')!.severity], { cwd })).code, 1);
    for (const level of [...SEVERITIES, 'none'] as const) {
      const r = await rampart(['scan', '--format', 'json', '--fail-on', level], { cwd });
      assert.equal(r.code, failsAt(json(r), level) ? 1 : 0, level);
    }
    const quiet = tmp();
    tree(quiet, { Dockerfile: QUIET });
    assert.equal((await rampart(['scan', '--fail-on', 'info'], { cwd: quiet })).code, 0);
  });

  test('.rampart.yaml: rules off or re-graded, exclude relative to the file, failOn; found above the scanned path; --config, --no-config', async () => {
    const cwd = tmp();
    fs.mkdirSync(path.join(cwd, '.git')); // the search for a configuration stops here
    tree(cwd, {
      '.rampart.yaml': 'rules:\n  dockerfile/no-root-user: low\n  dockerfile/healthcheck-present: off\nexclude:\n  - legacy/\nfailOn: low\n',
      'svc/a/Dockerfile': ROOT_USER, 'legacy/Dockerfile': ROOT_USER, 'other.yaml': 'failOn: none\n',
    });
    const ids = (r: Run) => json(r).files.flatMap(f => f.findings.map(x => `${f.path} ${x.ruleId} ${x.severity}`)).sort();
    const plain = ids(await rampart(['scan', '--format', 'json', '--no-config', '--fail-on', 'none'], { cwd }));
    assert.ok(plain.includes('legacy/Dockerfile dockerfile/no-root-user high') && plain.includes('svc/a/Dockerfile dockerfile/healthcheck-present low'));
    const configured = await rampart(['scan', '--format', 'json'], { cwd });
    assert.deepEqual(json(configured).configs, ['.rampart.yaml']);
    assert.match((await rampart(['scan', 'svc'], { cwd })).stdout, /1 file scanned, settings from \.rampart\.yaml, \d+ms\n/);
    assert.deepEqual(ids(configured), plain.filter(l => l.startsWith('svc/') && !l.includes('healthcheck-present')).map(l => l.replace('no-root-user high', 'no-root-user low')));
    // what is left is low: failOn low fails the scan where the default (high) would not, and --fail-on wins over it
    assert.ok(failsAt(json(configured), 'low') && !failsAt(json(configured), 'high'));
    assert.equal(configured.code, 1, 'failOn: low');
    assert.equal((await rampart(['scan', '--fail-on', 'high'], { cwd })).code, 0, '--fail-on on the command line wins');
    // scanning a subdirectory still finds the file above it
    const sub = await rampart(['scan', '--format', 'json', 'svc/a'], { cwd });
    assert.deepEqual(ids(sub), ids(configured));
    const other = await rampart(['scan', '--format', 'json', '-c', 'other.yaml'], { cwd });
    assert.ok(ids(other).includes('legacy/Dockerfile dockerfile/no-root-user high'));
    assert.ok(failsAt(json(other), 'high'));
    assert.equal(other.code, 0, 'its failOn: none');
    // a configuration above the git work tree's top is not the project's
    const outer = tmp();
    tree(outer, { '.rampart.yaml': 'rules: {dockerfile/no-root-user: "off"}\n', 'repo/.git/': '', 'repo/Dockerfile': ROOT_USER });
    assert.ok(ids(await rampart(['scan', '--format', 'json', 'repo'], { cwd: outer })).some(l => l.includes('no-root-user')));
  });

  test('.rampart.yaml with problems: exit 2, file:line:column and the reason on stderr, nothing scanned', async () => {
    const cwd = tmp();
    fs.mkdirSync(path.join(cwd, '.git'));
    tree(cwd, { '.rampart.yaml': 'rules:\n  healthcheck-present: off\n  dockerfile/no-sudo: loud\nfailOn: hihg\ncolour: red\n', Dockerfile: ROOT_USER });
    const r = await rampart(['scan'], { cwd });
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.deepEqual(oneLineReasons(r.stderr), [
      'rampart: .rampart.yaml:2:3: rules: "healthcheck-present" is not a rule id (did you mean dockerfile/healthcheck-present?)',
      'rampart: .rampart.yaml:3:23: rules: dockerfile/no-sudo: expected off or a severity (critical, high, medium, low, info), found "loud"',
      'rampart: .rampart.yaml:4:9: failOn: expected none or a severity (critical, high, medium, low, info), found "hihg"',
      'rampart: .rampart.yaml:5:1: unknown setting "colour" (expected rules, exclude, failOn)',
    ]);
    tree(cwd, { '.rampart.yaml': 'rules: [dockerfile/no-sudo\n' });
    const syntax = await rampart(['scan'], { cwd });
    assert.equal(syntax.code, 2);
    assert.match(syntax.stderr, /^rampart: \.rampart\.yaml:\d+:\d+: Flow sequence/);
    const missing = await rampart(['scan', '--config', 'nope.yaml'], { cwd });
    assert.equal(missing.code, 2);
    assert.deepEqual(oneLineReasons(missing.stderr), ['rampart: nope.yaml:1:1: does not exist']);
    // --no-config scans without it
    assert.equal((await rampart(['scan', '--no-config', '--fail-on', 'none'], { cwd })).code, 0);
  });

  test('walking: .gitignore, --exclude, node_modules, VCS dirs, symlink loops; every bad input noted, the rest scanned', async () => {
    const cwd = tmp();
    const random = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256));
    random[100] = 0;
    tree(cwd, {
      '.gitignore': 'ignored/\n*.tmp.Dockerfile\n',
      'sub/.gitignore': 'local.Dockerfile\n',
      'Dockerfile': ROOT_USER, 'ignored/Dockerfile': ROOT_USER, 'a.tmp.Dockerfile': ROOT_USER, 'sub/local.Dockerfile': ROOT_USER, 'sub/Dockerfile': NO_USER,
      'node_modules/x/Dockerfile': ROOT_USER, '.git/Dockerfile': ROOT_USER, 'vendor/Dockerfile': ROOT_USER, 'docs/example.Dockerfile': ROOT_USER,
      'random/Dockerfile': random,
      'huge/Dockerfile': 'FROM alpine\n' + ('# ' + 'x'.repeat(98) + '\n').repeat(52_500),
      'crlf/Dockerfile': '\uFEFFFROM alpine:3.20\r\nUSER root\r\nCMD ["sh"]\r\n',
      'broken/Dockerfile': 'FROM alpine\nFOO bar\n',
      'dir/Dockerfile/inner.txt': 'not a Dockerfile',
      'README.md': '# not checked',
    });
    fs.symlinkSync('..', path.join(cwd, 'sub', 'loop'));
    fs.symlinkSync('nowhere', path.join(cwd, 'sub', 'dangling.Dockerfile'));
    if (process.platform !== 'win32') execFileSync('mkfifo', [path.join(cwd, 'sub', 'pipe.Dockerfile')]);

    const r = await rampart(['scan', '.', 'missing-dir', '--format', 'json', '--exclude', 'vendor', '--exclude', 'docs/*.Dockerfile'], { cwd });
    const report = json(r);
    assert.equal(r.code, 2, 'a path that does not exist and an unreadable file are I/O errors');
    assert.deepEqual(oneLineReasons(r.stderr).sort(), ['rampart: missing-dir: does not exist', 'rampart: sub/dangling.Dockerfile: unreadable: broken symbolic link']);
    assert.deepEqual(report.files.map(f => f.path).sort(), ['Dockerfile', 'broken/Dockerfile', 'crlf/Dockerfile', 'sub/Dockerfile']);
    assert.deepEqual(report.notes.map(n => `${n.level} ${n.path}: ${n.message}`).sort(), [
      'error missing-dir: does not exist',
      'error sub/dangling.Dockerfile: unreadable: broken symbolic link',
      'warning huge/Dockerfile: skipped: larger than 5 MB',
      ...(process.platform !== 'win32' ? ['warning sub/pipe.Dockerfile: skipped: not a regular file (a FIFO)'] : []),
      'warning random/Dockerfile: skipped: binary',
    ].sort());
    assert.equal(report.summary.filesScanned, 4);
    assert.equal(report.summary.errors, 2);
    // the BOM is not counted in columns; CRLF does not shift anything
    const crlf = report.files.find(f => f.path === 'crlf/Dockerfile')!;
    assert.deepEqual(crlf.findings.find(f => f.ruleId === 'dockerfile/no-root-user')?.range, { startLine: 2, startColumn: 6, endLine: 2, endColumn: 10 });
    const broken = report.files.find(f => f.path === 'broken/Dockerfile')!;
    assert.deepEqual(broken.findings.find(f => f.ruleId === PARSE_ERROR_RULE)?.range, { startLine: 2, startColumn: 1, endLine: 2, endColumn: 4 });

    // the text report says the same, with errors on stderr only
    const t = await rampart(['scan', '.', 'missing-dir', '--exclude', 'vendor', '--exclude', 'docs/*.Dockerfile'], { cwd });
    assert.equal(t.code, 2);
    assert.ok(t.stdout.includes('warning: random/Dockerfile: skipped: binary'));
    assert.ok(!t.stdout.includes('missing-dir'));
    assert.match(t.stdout, / in \d of 4 files scanned, 3 skipped, 2 errors, /);
  });

  test('a 50,000-line Dockerfile is scanned to the end (its speed is a bench figure, not a test)', async () => {
    const cwd = tmp();
    tree(cwd, { Dockerfile: 'FROM alpine:3.20\n' + Array.from({ length: 50_000 }, (_, i) => `RUN echo ${i}`).join('\n') + '\nRUN sudo true\n' });
    // a hang is caught by the process timeout (generous, so that a loaded machine does not fail it)
    const r = await rampart(['scan', '--format', 'json', '--fail-on', 'none'], { cwd, timeoutMs: 60_000 });
    assert.equal(r.code, 0, `exit ${r.code}: ${r.stderr}`);
    const report = json(r);
    assert.equal(report.summary.filesScanned, 1);
    // the last line was read (JSON ranges are 1-based)
    const sudo = report.files[0].findings.find(f => f.ruleId === 'dockerfile/no-sudo')?.range;
    assert.deepEqual(sudo && [sudo.startLine, sudo.startColumn], [50_002, 5]);
    assert.equal(report.summary.errors, 0);
  });

  test('unreadable files (EACCES) are errors, the rest is scanned', { skip: process.getuid?.() === 0 || process.platform === 'win32' ? 'root reads everything' : false }, async () => {
    const cwd = tmp();
    tree(cwd, { 'a/Dockerfile': ROOT_USER, 'b/Dockerfile': ROOT_USER });
    fs.chmodSync(path.join(cwd, 'a', 'Dockerfile'), 0);
    const r = await rampart(['scan', '--format', 'json'], { cwd });
    assert.equal(r.code, 2);
    assert.deepEqual(json(r).files.map(f => f.path), ['b/Dockerfile']);
    assert.match(r.stderr, /^rampart: a\/Dockerfile: unreadable: EACCES\n$/);
  });

  test('--output writes the report (creating directories) and prints nothing; an unwritable output is exit 2', async () => {
    const cwd = tmp();
    tree(cwd, { Dockerfile: ROOT_USER });
    const r = await rampart(['scan', '--format', 'json', '--output', 'reports/deep/out.json'], { cwd });
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, '');
    const report = JSON.parse(fs.readFileSync(path.join(cwd, 'reports', 'deep', 'out.json'), 'utf8')) as JsonReport;
    assert.deepEqual(report.files.map(f => f.path), ['Dockerfile']);
    const text = await rampart(['scan', '-o', 'report.txt'], { cwd, env: { FORCE_COLOR: '1' } });
    assert.equal(text.code, 1);
    const written = fs.readFileSync(path.join(cwd, 'report.txt'), 'utf8');
    assert.ok(written.startsWith('Dockerfile\n') && !written.includes('\u001b['), 'no colour in files');
    const bad = await rampart(['scan', '--output', 'Dockerfile/x.json'], { cwd });
    assert.equal(bad.code, 2);
    assert.match(oneLineReasons(bad.stderr)[0], /^rampart: could not write Dockerfile\/x\.json: E[A-Z]+$/);
  });

  test('--fix: unsafe fixes only with --unsafe-fixes; BOM and CRLF kept; files that do not parse are untouched', async () => {
    const cwd = tmp();
    const crlf = '\uFEFFFROM alpine:3.20\r\nRUN echo hi\r\nCMD ["sh"]\r\n';
    const broken = 'FROM alpine\nFOO bar\nCMD ["sh"]\n';
    tree(cwd, { 'crlf/Dockerfile': crlf, 'broken/Dockerfile': broken });
    const read = (rel: string) => fs.readFileSync(path.join(cwd, rel), 'utf8');

    const safe = json(await rampart(['scan', '--fix', '--format', 'json'], { cwd }));
    assert.ok(!safe.files.some(f => f.fixed.some(x => x.safety === 'unsafe')));
    if (!safe.files.some(f => f.fixed.length)) assert.equal(read('crlf/Dockerfile'), crlf, 'nothing fixed: file untouched');

    const r = await rampart(['scan', '--fix', '--unsafe-fixes', '--format', 'json'], { cwd });
    const report = json(r);
    const after = read('crlf/Dockerfile');
    assert.ok(after.startsWith('\uFEFFFROM alpine'), 'BOM kept');
    assert.ok(!/(^|[^\r])\n/.test(after), 'every line break is still CRLF');
    assert.notEqual(after, crlf);
    const fixedFile = report.files.find(f => f.path === 'crlf/Dockerfile')!;
    assert.ok(fixedFile.fixed.some(x => x.ruleId === 'dockerfile/user-required'), JSON.stringify(fixedFile));
    // the reported findings are exactly those of the written file
    const relint = lintText('Dockerfile', stripBom(after).text)!.findings.map(f => `${f.ruleId} ${f.range.start.line + 1}:${f.range.start.character + 1}`);
    assert.deepEqual(fixedFile.findings.map(f => `${f.ruleId} ${f.range.startLine}:${f.range.startColumn}`), relint);
    assert.ok(!relint.some(x => x.startsWith('dockerfile/user-required ')));

    assert.equal(read('broken/Dockerfile'), broken, 'not touched');
    assert.ok(report.notes.some(n => n.path === 'broken/Dockerfile' && /does not parse/.test(n.message)));

    const text = await rampart(['scan', '--fix', '--unsafe-fixes'], { cwd });
    assert.doesNotMatch(text.stdout, /fixed /, 'a second run has nothing left to fix');
  });

  test('--fix --unsafe-fixes on every fixture: no fixable finding is left and the files still parse', async () => {
    const cwd = tmp();
    const fixtures = walk(path.join(FIXTURES, 'dockerfile'));
    const originals = new Map<string, string>();
    for (const f of fixtures) {
      const rel = path.relative(FIXTURES, f).split(path.sep).join('/');
      const text = fs.readFileSync(f, 'utf8');
      originals.set(rel, text);
      tree(cwd, { [rel]: text });
    }
    const r = await rampart(['scan', '--fix', '--unsafe-fixes', '--format', 'json', '--fail-on', 'none'], { cwd });
    const report = json(r);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(report.notes.filter(n => !/does not parse/.test(n.message)), [], 'every fix applied cleanly');
    assert.equal(report.files.length, originals.size);
    for (const file of report.files) {
      const before = lintText(file.path, originals.get(file.path)!, { fixes: true })!;
      const text = fs.readFileSync(path.join(cwd, file.path), 'utf8');
      if (before.findings.some(f => f.ruleId === PARSE_ERROR_RULE)) {
        assert.equal(text, originals.get(file.path), `${file.path}: does not parse, must be untouched`);
        continue;
      }
      const now = lintText(file.path, text, { fixes: true })!.findings;
      assert.ok(!now.some(f => f.ruleId === PARSE_ERROR_RULE), `${file.path}: fixed file must parse:\n${text}`);
      assert.deepEqual(now.filter(f => f.fixes?.length).map(f => f.ruleId), [], `${file.path}: fixable findings left:\n${text}`);
      assert.equal(file.fixed.length > 0, before.findings.some(f => f.fixes?.length), file.path);
      assert.deepEqual(file.findings.filter(f => f.fixable), [], `${file.path}: the report says something is still fixable`);
      assert.equal(text === originals.get(file.path), file.fixed.length === 0, file.path);
    }
    for (const id of new Set(report.files.flatMap(f => f.fixed.map(x => x.ruleId)))) assert.ok(ruleById.get(id)?.fix, `${id} declares its fix`);
  });

  test('sarif: valid for GitHub code scanning (sarif-multitool, Gh and Sarif rules), paths relative to the current directory', async () => {
    const cwd = tmp();
    tree(cwd, { 'svc/api/Dockerfile': ROOT_USER, 'svc/web/Dockerfile': NO_USER, 'odd name/x.Dockerfile': '\uFEFFFROM alpine\r\nUSER root\r\n', 'broken/Dockerfile': 'FROM a\nFOO\n', 'bin/Dockerfile': Buffer.from([0, 1, 2]) });
    const r = await rampart(['scan', '--format', 'sarif', '-o', 'out.sarif'], { cwd });
    assert.equal(r.code, 1, r.stderr);
    const log = JSON.parse(fs.readFileSync(path.join(cwd, 'out.sarif'), 'utf8'));
    const run = log.runs[0];
    assert.equal(log.version, '2.1.0');
    assert.ok(log.$schema);
    assert.equal(run.tool.driver.version, PKG.version);
    const uris = new Set(run.results.map((x: { locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string } } }[] }) => {
      const a = x.locations[0].physicalLocation.artifactLocation;
      assert.equal(a.uriBaseId, '%SRCROOT%');
      return a.uri;
    }));
    assert.deepEqual([...uris].sort(), ['broken/Dockerfile', 'odd%20name/x.Dockerfile', 'svc/api/Dockerfile', 'svc/web/Dockerfile']);
    for (const res of run.results) assert.equal(run.tool.driver.rules[res.ruleIndex].id, res.ruleId);
    assert.ok(run.invocations[0].toolExecutionNotifications.some((n: { message: { text: string } }) => /bin\/Dockerfile: skipped: binary/.test(n.message.text)));

    // the check can fail: a log GitHub would reject is reported (validated in the same multitool run)
    const broken = structuredClone(log);
    delete broken.runs[0].results[0].message.text;
    delete broken.runs[0].results[0].locations[0].physicalLocation.region.startLine;
    fs.writeFileSync(path.join(cwd, 'bad.sarif'), JSON.stringify(broken));
    const v = validate([path.join(cwd, 'out.sarif'), path.join(cwd, 'bad.sarif')]);
    assert.deepEqual(v.problems.filter(p => p.includes('out.sarif')), [], v.output);
    const bad = v.problems.filter(p => p.includes('bad.sarif'));
    assert.ok(bad.some(p => /GH\d+/.test(p)) && bad.some(p => /SARIF1007/.test(p)), v.output);
  });

  test('lsp: delegates to the language server when it is built', async () => {
    const cwd = tmp();
    const built = fs.existsSync(path.join(OUT, 'server', 'src', 'lsp', 'server.js'));
    if (!built) {
      const r = await rampart(['lsp', '--stdio'], { cwd });
      assert.equal(r.code, 2);
      assert.equal(r.stderr, 'rampart: the language server is not part of this build\n');
      return;
    }
    // speak LSP: initialize must be answered over stdio
    const child = spawn(process.execPath, [ENTRY, 'lsp', '--stdio'], { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } });
    child.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    let reply: string;
    try {
      reply = await new Promise<string>((resolve, reject) => {
        let buf = '';
        const timer = setTimeout(() => reject(new Error('no reply to initialize: ' + buf)), 20_000);
        child.stdout.on('data', (d: Buffer) => { buf += d.toString(); if (/"id":\s*1\b/.test(buf)) { clearTimeout(timer); resolve(buf); } });
        child.on('exit', code => { clearTimeout(timer); reject(new Error(`the language server exited (${code}): ${buf}`)); });
      });
    } finally {
      child.kill();
    }
    assert.match(reply, /"capabilities"/);
  });
});

test('bin/rampart.js: a tiny shim that says clearly when the project is not built', async () => {
  const dir = tmp();
  fs.mkdirSync(path.join(dir, 'bin'));
  fs.copyFileSync(SHIM, path.join(dir, 'bin', 'rampart.js'));
  const entry = path.join(dir, 'bin', 'rampart.js');
  const missing = await rampart(['--version'], { cwd: dir, entry });
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /^rampart: not built yet: .*main\.js is missing; run `npm run build` in .*\n$/);
  assert.ok(fs.readFileSync(SHIM, 'utf8').startsWith('#!/usr/bin/env node\n'));
  // with a build in place it runs it
  const target = path.join(dir, 'out', 'server', 'src', 'cli');
  fs.mkdirSync(target, { recursive: true });
  fs.symlinkSync(MAIN, path.join(target, 'main.js'));
  const ok = await rampart(['--version'], { cwd: dir, entry });
  assert.equal(ok.code, 0, ok.stderr);
  assert.equal(ok.stdout.trim(), PKG.version);
});

/** Runs the SARIF multitool (offline); returns the error and warning lines it prints. */
function validate(files: string[]): { problems: string[]; output: string } {
  let output: string;
  try {
    output = execFileSync(MULTITOOL, ['validate', ...files, '--rule-kind', 'Gh', 'Sarif'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string; status?: number };
    assert.fail(`sarif-multitool failed (exit ${err.status}):\n${err.stdout}\n${err.stderr}`);
  }
  assert.match(output, /Analysis completed successfully/, output);
  return { problems: output.split('\n').filter(l => /: (error|warning) [A-Z]+\d+:/.test(l)), output };
}
