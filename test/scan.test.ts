/** The file walker and the scanner, in process: what is walked, what is skipped and why, and --fix. */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { tempDir, writeTree } from './fixtures';
import { execFileSync } from 'child_process';
import { walkFiles, type WalkEntry, type WalkOptions } from '../server/src/scan/walk';
import { fixText, scan } from '../server/src/scan/scan';
import { lintText, PARSE_ERROR_RULE, ruleById } from '../server/src/engine/engine';

const tmp = () => tempDir('rampart-scan-');
const tree = writeTree;

async function collect(roots: string[], opts?: WalkOptions): Promise<WalkEntry[]> {
  const out: WalkEntry[] = [];
  for await (const e of walkFiles(roots, opts)) out.push(e);
  return out;
}

const summary = (es: WalkEntry[]) => es.map(e => ('skipped' in e ? `${e.rel} SKIP ${e.skipped}` : e.rel));

const HARDENED = 'FROM alpine:3.20\nUSER 10001:10001\nCMD ["sh"]\n';

test('walk: only files Rampart checks, in a stable depth-first name order; node_modules and VCS dirs skipped', async () => {
  const root = tmp();
  tree(root, {
    'Dockerfile': HARDENED, 'README.md': 'x', 'b/Dockerfile': HARDENED, 'a/api.dockerfile': HARDENED, 'a/Containerfile': HARDENED,
    'a/Dockerfile.dockerignore': 'x', 'node_modules/pkg/Dockerfile': HARDENED, '.git/Dockerfile': HARDENED, '.hg/Dockerfile': HARDENED,
    '.svn/Dockerfile': HARDENED, 'a/node_modules/Dockerfile': HARDENED,
  });
  assert.deepEqual(summary(await collect([root])), ['Dockerfile', 'a/Containerfile', 'a/api.dockerfile', 'b/Dockerfile']);
});

test('walk: .gitignore at the root and nested, with git precedence (deeper files override, negation)', async () => {
  const root = tmp();
  tree(root, {
    '.gitignore': 'ignored/\n*.tmp.Dockerfile\n!keep.tmp.Dockerfile\n',
    'ignored/Dockerfile': HARDENED,
    'a.tmp.Dockerfile': HARDENED, 'keep.tmp.Dockerfile': HARDENED, 'local.Dockerfile': HARDENED,
    'sub/.gitignore': 'local.Dockerfile\n!b.tmp.Dockerfile\n',
    'sub/local.Dockerfile': HARDENED, 'sub/b.tmp.Dockerfile': HARDENED, 'sub/c.tmp.Dockerfile': HARDENED,
    'sub/deeper/local.Dockerfile': HARDENED,
  });
  assert.deepEqual(summary(await collect([root])), ['keep.tmp.Dockerfile', 'local.Dockerfile', 'sub/b.tmp.Dockerfile']);
});

test('walk: .gitignore files above the root count inside a git work tree, not outside one', async () => {
  const outer = tmp();
  tree(outer, { '.gitignore': 'skipme/\n', 'inner/skipme/Dockerfile': HARDENED, 'inner/Dockerfile': HARDENED });
  assert.deepEqual(summary(await collect([path.join(outer, 'inner')])), ['Dockerfile', 'skipme/Dockerfile'], 'no .git: the outer .gitignore is not ours');
  fs.mkdirSync(path.join(outer, '.git'));
  assert.deepEqual(summary(await collect([path.join(outer, 'inner')])), ['Dockerfile']);
});

test('walk: exclude globs are gitignore patterns relative to the root', async () => {
  const root = tmp();
  tree(root, { 'vendor/Dockerfile': HARDENED, 'x/vendor/Dockerfile': HARDENED, 'docs/a.Dockerfile': HARDENED, 'docs/deep/b.Dockerfile': HARDENED, 'Dockerfile': HARDENED });
  assert.deepEqual(summary(await collect([root], { exclude: ['/vendor', 'docs/*.Dockerfile'] })), ['Dockerfile', 'docs/deep/b.Dockerfile', 'x/vendor/Dockerfile']);
  assert.deepEqual(summary(await collect([root], { exclude: ['vendor/', '**/deep/**'] })), ['Dockerfile', 'docs/a.Dockerfile']);
});

test('walk: skipped files carry a reason; symlinked directories are not followed; a file root is itself', async () => {
  const root = tmp();
  const bin = Buffer.from('FROM x\n\0\0\0');
  tree(root, { 'big/Dockerfile': 'FROM alpine\n' + '#'.repeat(2000) + '\n', 'bin/Dockerfile': bin, 'ok/Dockerfile': HARDENED, 'dirnamed/Dockerfile/': '' });
  fs.symlinkSync('..', path.join(root, 'ok', 'loop'));
  fs.symlinkSync('missing-target', path.join(root, 'ok', 'dangling.Dockerfile'));
  fs.symlinkSync('Dockerfile', path.join(root, 'ok', 'alias.Dockerfile'));
  if (process.platform !== 'win32') execFileSync('mkfifo', [path.join(root, 'ok', 'fifo.Dockerfile')]);
  const got = summary(await collect([root, path.join(root, 'ok', 'Dockerfile'), path.join(root, 'nope')], { maxBytes: 1000 }));
  assert.deepEqual(got, [
    'big/Dockerfile SKIP larger than 1000 bytes',
    'bin/Dockerfile SKIP binary',
    'ok/Dockerfile',
    'ok/alias.Dockerfile',
    'ok/dangling.Dockerfile SKIP unreadable: broken symbolic link',
    ...(process.platform !== 'win32' ? ['ok/fifo.Dockerfile SKIP not a regular file (a FIFO)'] : []),
    'Dockerfile',
    ' SKIP does not exist',
  ]);
  const [fileRoot] = (await collect([path.join(root, 'ok', 'Dockerfile')]));
  assert.equal(fileRoot.root, path.join(root, 'ok'));
  const other = await collect([path.join(root, 'README.md')]);
  assert.equal(other.length, 1);
  assert.ok('skipped' in other[0] && /does not exist/.test(other[0].skipped));
  fs.writeFileSync(path.join(root, 'README.md'), 'x');
  const notOurs = await collect([path.join(root, 'README.md')]);
  assert.ok('skipped' in notOurs[0] && /not a file Rampart checks/.test(notOurs[0].skipped));
});

test('walk: streams (the first entry arrives before the tree is read) and stops on abort', async () => {
  const root = tmp();
  for (let i = 0; i < 300; i++) tree(root, { [`d${String(i).padStart(3, '0')}/Dockerfile`]: HARDENED });
  // a file added to the last directory after the walk has started is still found: directories are read lazily
  const lazy: string[] = [];
  for await (const e of walkFiles([root])) {
    if (!lazy.length) tree(root, { 'd299/late.Dockerfile': HARDENED });
    lazy.push(e.rel);
  }
  assert.equal(lazy.length, 301);
  assert.deepEqual(lazy.slice(-2), ['d299/Dockerfile', 'd299/late.Dockerfile']);

  const ac = new AbortController();
  const seen: string[] = [];
  for await (const e of walkFiles([root], { signal: ac.signal })) {
    seen.push(e.rel);
    if (seen.length === 5) ac.abort();
  }
  assert.deepEqual(seen, ['d000/Dockerfile', 'd001/Dockerfile', 'd002/Dockerfile', 'd003/Dockerfile', 'd004/Dockerfile']);
});

test('scan: BOM stripped for linting, CRLF kept, invalid UTF-8 and UTF-16 noted, nothing crashes', async () => {
  const root = tmp();
  tree(root, {
    'bom/Dockerfile': '\uFEFFFROM alpine:3.20\r\nUSER 0\r\nCMD ["sh"]\r\n',
    'latin1/Dockerfile': Buffer.from('FROM alpine:3.20\n# caf\xe9\nUSER 10001\n', 'latin1'),
    'utf16/Dockerfile': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('FROM alpine\n', 'utf16le')]),
    'empty/Dockerfile': '',
  });
  const res = await scan([root]);
  const bom = res.files.find(f => f.rel === 'bom/Dockerfile')!;
  const user0 = bom.findings.find(f => f.ruleId === 'dockerfile/no-root-user');
  assert.ok(user0, 'USER 0 is found');
  assert.deepEqual(user0!.range.start, { line: 1, character: 5 }, 'positions count from after the BOM');
  assert.ok(res.files.some(f => f.rel === 'latin1/Dockerfile'));
  assert.ok(res.files.some(f => f.rel === 'empty/Dockerfile'));
  const notes = res.notes.map(n => `${path.relative(root, n.path)} ${n.level} ${n.message}`).sort();
  assert.deepEqual(notes, [
    `latin1${path.sep}Dockerfile warning not valid UTF-8: checked with replacement characters`,
    `utf16${path.sep}Dockerfile warning skipped: UTF-16 encoded (only UTF-8 is supported)`,
  ]);
});

test('fixText: applies the allowed fixes until stable, never touches a file that does not parse', () => {
  const unsafeRule = [...ruleById.values()].find(r => r.fix?.safety === 'unsafe' && r.id === 'dockerfile/user-required');
  assert.ok(unsafeRule, 'the example rule exists');
  const text = 'FROM alpine:3.20\r\nRUN echo hi\r\nCMD ["sh"]\r\n';
  const safeOnly = fixText('Dockerfile', text);
  assert.ok(!safeOnly.applied.some(a => a.safety === 'unsafe'), 'unsafe fixes need unsafeFixes');
  const all = fixText('Dockerfile', text, { unsafeFixes: true });
  assert.ok(all.applied.some(a => a.ruleId === 'dockerfile/user-required'));
  assert.ok(!all.findings.some(f => f.ruleId === 'dockerfile/user-required'));
  assert.ok(!/[^\r]\n/.test(all.text), 'inserted lines use CRLF');
  assert.deepEqual(lintText('Dockerfile', all.text)!.findings, all.findings, 'reported findings are those of the fixed text');
  // stable: fixing again changes nothing
  assert.equal(fixText('Dockerfile', all.text, { unsafeFixes: true }).text, all.text);

  const broken = 'FROM alpine\nFOO bar\nCMD ["sh"]\n';
  const b = fixText('Dockerfile', broken, { unsafeFixes: true });
  assert.equal(b.text, broken);
  assert.deepEqual(b.applied, []);
  assert.ok(b.findings.some(f => f.ruleId === PARSE_ERROR_RULE));
  assert.match(b.stoppedBecause ?? '', /does not parse/);
});

// speed is a bench figure; here a hang is caught by the test's timeout, generous so that a loaded machine does not fail it
test('scan: a 50,000-line Dockerfile and a 1 MB line are scanned to the end', { timeout: 60_000 }, async () => {
  const root = tmp();
  const lines = ['FROM alpine:3.20'];
  for (let i = 0; i < 50_000; i++) lines.push(`RUN echo ${i}`);
  lines.push('RUN sudo true');
  tree(root, { 'long/Dockerfile': lines.join('\n') + '\n', 'wide/Dockerfile': 'FROM alpine:3.20\nRUN echo ' + 'a'.repeat(1_000_000) + ' && sudo true\n' });
  const res = await scan([root]);
  assert.equal(res.filesScanned, 2);
  assert.deepEqual(res.notes, []);
  // the last line of each was read
  const sudo = (rel: string) => res.files.find(f => f.rel === rel)!.findings.find(f => f.ruleId === 'dockerfile/no-sudo')?.range.start;
  assert.deepEqual(sudo('long/Dockerfile'), { line: 50_001, character: 4 });
  assert.deepEqual(sudo('wide/Dockerfile'), { line: 1, character: 1_000_013 });
});
