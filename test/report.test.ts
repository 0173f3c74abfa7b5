/** The reports, in process: SARIF structure and fingerprints, the JSON shape, the text report's excerpts. */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'path';
import type * as Sarif from 'sarif';
import { lintText, PARSE_ERROR_RULE } from '../server/src/engine/engine';
import { ruleDocUrl } from '../server/src/engine/docs';
import { LineIndex } from '../server/src/engine/text';
import type { Finding } from '../server/src/engine/types';
import { allRules } from '../rules/index';
import { FINGERPRINT_KEY, toSarif, type FileFindings } from '../server/src/report/sarif';
import { toJsonReport } from '../server/src/report/json';
import { excerpt, textReport } from '../server/src/report/text';
import type { ScanResult } from '../server/src/scan/scan';

const ROOT = path.resolve('/', 'repo');
const abs = (rel: string) => path.join(ROOT, ...rel.split('/'));

function findingsOf(rel: string, text: string): FileFindings {
  return { path: abs(rel), rel, findings: lintText(rel, text)!.findings, text };
}

function run(log: Sarif.Log): Sarif.Run {
  assert.equal(log.runs.length, 1);
  return log.runs[0];
}

const ROOT_IMAGE = 'FROM alpine:3.20\nRUN echo hi\nCMD ["sh"]\n';

test('sarif: every rule is described, with the metadata GitHub reads', () => {
  const r = run(toSarif([], { root: ROOT, toolVersion: '1.2.3' }));
  const driver = r.tool.driver;
  assert.equal(driver.name, 'Rampart');
  assert.equal(driver.version, '1.2.3');
  assert.ok(driver.informationUri?.startsWith('https://'));
  const ids = driver.rules!.map(d => d.id);
  assert.deepEqual(ids, [...allRules.map(x => x.id)].sort().concat(PARSE_ERROR_RULE));
  const levels = { critical: 'error', high: 'error', medium: 'warning', low: 'note', info: 'note' } as const;
  for (const rule of allRules) {
    const d = driver.rules!.find(x => x.id === rule.id)!;
    assert.equal(d.shortDescription?.text, rule.title);
    assert.equal(d.fullDescription?.text, rule.rationale);
    assert.equal(d.helpUri, ruleDocUrl(rule.id));
    assert.ok(d.help?.text && d.help.markdown?.includes(rule.rationale));
    assert.equal(d.defaultConfiguration?.level, levels[rule.severity]);
    assert.deepEqual(d.properties?.equivalents, rule.equivalents);
    assert.ok((d.properties?.tags as string[]).includes('security'));
    assert.ok((d.properties?.tags as string[]).includes(rule.kind));
    const sev = d.properties?.['security-severity'];
    const n = Number(sev);
    const band = { critical: [9, 10], high: [7, 8.9], medium: [4, 6.9], low: [0.1, 3.9] } as Record<string, [number, number]>;
    if (rule.severity === 'info') assert.equal(sev, undefined);
    else assert.ok(typeof sev === 'string' && n >= band[rule.severity][0] && n <= band[rule.severity][1], `${rule.id}: ${sev}`);
  }
  assert.deepEqual(r.originalUriBaseIds?.['%SRCROOT%']?.uri?.endsWith('/'), true);
  assert.equal(r.columnKind, 'utf16CodeUnits');
});

test('sarif: results point at their rule, file (relative) and exact region (1-based, end exclusive)', () => {
  const f: Finding = { ruleId: 'dockerfile/no-root-user', severity: 'critical', message: 'm', range: { start: { line: 2, character: 4 }, end: { line: 3, character: 0 } } };
  const log = toSarif([{ path: abs('a b/Dockerfile'), rel: 'a b/Dockerfile', findings: [f], text: 'FROM x\nRUN y\nUSER root\nCMD z\n' }], { root: ROOT });
  const r = run(log);
  const res = r.results![0];
  assert.equal(res.ruleId, 'dockerfile/no-root-user');
  assert.equal(r.tool.driver.rules![res.ruleIndex!].id, res.ruleId);
  assert.equal(res.level, 'error', 'the finding\'s own severity decides the level');
  assert.equal(res.message.text, 'm');
  assert.deepEqual(res.locations![0].physicalLocation, {
    artifactLocation: { uri: 'a%20b/Dockerfile', uriBaseId: '%SRCROOT%' },
    region: { startLine: 3, startColumn: 5, endLine: 4, endColumn: 1 },
  });
  const outside = run(toSarif([{ path: path.resolve('/', 'elsewhere', 'Dockerfile'), rel: '../elsewhere/Dockerfile', findings: [f], text: 'FROM x\n' }], { root: ROOT }));
  const loc = outside.results![0].locations![0].physicalLocation!.artifactLocation!;
  assert.equal(loc.uriBaseId, undefined);
  assert.match(loc.uri!, /^file:\/\/.*\/elsewhere\/Dockerfile$/);
});

test('sarif: fingerprints survive unrelated edits and tell repeated lines apart', () => {
  // only the USER finding matters here (other rules may flag the FROM line)
  const userOnly = (ff: FileFindings) => ({ ...ff, findings: ff.findings.filter(f => f.ruleId === 'dockerfile/no-root-user') });
  const fp = (text: string) => run(toSarif([userOnly(findingsOf('svc/Dockerfile', text))], { root: ROOT })).results!.map(r => `${r.ruleId} ${r.partialFingerprints![FINGERPRINT_KEY]}`);
  const base = fp('FROM alpine:3.20\nUSER root\nCMD ["sh"]\n');
  assert.equal(base.length, 1);
  assert.deepEqual(fp('# a comment\n\nFROM alpine:3.20\nLABEL a=b\nUSER   root\nCMD ["sh"]\n'), base, 'moved lines and whitespace do not matter');
  assert.notDeepEqual(fp('FROM alpine:3.20\nUSER 0\nCMD ["sh"]\n'), base, 'a changed flagged line is a new result');
  const other = run(toSarif([userOnly(findingsOf('other/Dockerfile', 'FROM alpine:3.20\nUSER root\nCMD ["sh"]\n'))], { root: ROOT })).results!;
  assert.notEqual(other[0].partialFingerprints![FINGERPRINT_KEY], base[0].split(' ')[1], 'the path is part of it');
  const twice: Finding = { ruleId: 'dockerfile/user-numeric', severity: 'low', message: 'm', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 4 } } };
  const again = { ...twice, range: { start: { line: 1, character: 0 }, end: { line: 1, character: 4 } } };
  const rs = run(toSarif([{ path: abs('D'), rel: 'D', findings: [twice, again], text: 'USER a\nUSER a\n' }], { root: ROOT })).results!;
  assert.notEqual(rs[0].partialFingerprints![FINGERPRINT_KEY], rs[1].partialFingerprints![FINGERPRINT_KEY]);
});

const USER_REQUIRED: Finding = {
  ruleId: 'dockerfile/user-required', severity: 'high', message: 'The final stage has no USER instruction, so the container runs as root',
  range: { start: { line: 0, character: 0 }, end: { line: 0, character: 16 } }, fixable: true,
};

/** A scan result with the given findings (not the engine's: the reports are tested on their own). */
function result(files: { rel: string; text: string; findings: Finding[] }[], notes: ScanResult['notes'] = []): ScanResult {
  return {
    files: files.map(f => ({ path: abs(f.rel), root: ROOT, rel: f.rel, findings: f.findings, text: f.text, fixed: [] })),
    notes, filesScanned: files.length, durationMs: 12.3,
  };
}

test('json: the documented shape, 1-based ranges, paths relative to the root', () => {
  const j = toJsonReport(result([{ rel: 'a/Dockerfile', text: ROOT_IMAGE, findings: [USER_REQUIRED] }, { rel: 'b/Dockerfile', text: 'FROM alpine:3.20\nUSER 10001:10001\n', findings: [] }],
    [{ path: abs('c/Dockerfile'), level: 'warning', message: 'skipped: binary' }]), ROOT);
  assert.equal(j.version, 1);
  assert.equal(j.tool.name, 'rampart');
  assert.deepEqual(j.files.map(f => f.path), ['a/Dockerfile', 'b/Dockerfile']);
  const f = j.files[0].findings.find(x => x.ruleId === 'dockerfile/user-required')!;
  assert.deepEqual(f.range, { startLine: 1, startColumn: 1, endLine: 1, endColumn: 17 });
  assert.equal(f.fixable, true);
  assert.equal(f.fix, 'unsafe');
  assert.deepEqual(j.notes, [{ path: 'c/Dockerfile', level: 'warning', message: 'skipped: binary' }]);
  assert.equal(j.summary.findings, j.files.reduce((n, x) => n + x.findings.length, 0));
  assert.equal(j.summary.filesScanned, 2);
  assert.equal(j.summary.filesWithFindings, j.files.filter(x => x.findings.length).length);
  assert.deepEqual(Object.keys(j.summary.bySeverity), ['critical', 'high', 'medium', 'low', 'info']);
});

test('text: the flagged line with a caret underline of the exact range (tabs, long lines, multi-line, empty ranges)', () => {
  const mk = (sl: number, sc: number, el: number, ec: number): Finding => ({ ruleId: 'x', severity: 'low', message: 'm', range: { start: { line: sl, character: sc }, end: { line: el, character: ec } } });
  const t = new LineIndex('FROM a\n\tUSER\troot\r\nCMD x\n');
  assert.deepEqual(excerpt(t, mk(1, 6, 1, 10)), { lineNo: 2, source: ' USER root', carets: '      ^^^^' });
  assert.deepEqual(excerpt(t, mk(0, 0, 2, 3)), { lineNo: 1, source: 'FROM a', carets: '^^^^^^ (continues to line 3)' });
  assert.deepEqual(excerpt(t, mk(2, 5, 2, 5)), { lineNo: 3, source: 'CMD x', carets: '     ^' });
  const long = new LineIndex('RUN ' + 'a'.repeat(500) + ' --insecure ' + 'b'.repeat(500));
  const ex = excerpt(long, mk(0, 505, 0, 515));
  assert.ok(ex.source.length <= 122 && ex.source.startsWith('…') && ex.source.endsWith('…'));
  assert.equal(ex.source.slice(ex.carets.indexOf('^'), ex.carets.lastIndexOf('^') + 1), '--insecure');
});

test('text: grouped by file, `line:col severity rule-id message`, notes, and a summary with counts', () => {
  const out = textReport(result([{ rel: 'a/Dockerfile', text: ROOT_IMAGE, findings: [USER_REQUIRED] }, { rel: 'b/Dockerfile', text: 'FROM alpine:3.20\nUSER 10001:10001\n', findings: [] }],
    [{ path: abs('c/Dockerfile'), level: 'warning', message: 'skipped: binary' }]), { color: false, cwd: ROOT });
  const lines = out.split('\n');
  assert.equal(lines[0], 'a/Dockerfile');
  assert.match(lines[1], /^ {2}1:1 {2}high {2}dockerfile\/user-required {2}The final stage has no USER instruction, so the container runs as root/);
  assert.match(lines[1], / \[fixable, unsafe\]$/);
  assert.match(lines[2], /^ +1 \| FROM alpine:3\.20$/);
  assert.match(lines[3], /^ +\| \^{16}$/);
  assert.equal(lines[2].indexOf('|'), lines[3].indexOf('|'));
  assert.ok(!out.includes('b/Dockerfile\n'), 'clean files are not listed');
  assert.ok(lines.includes('1 can be fixed with --fix --unsafe-fixes.'));
  assert.ok(lines.includes('warning: c/Dockerfile: skipped: binary'));
  assert.match(out, /\n1 finding \(1 high\) in 1 of 2 files scanned, 1 skipped, 12ms\n/);
  assert.ok(!out.includes('\u001b['), 'no colour when asked not to');
  assert.ok(textReport(result([{ rel: 'a/Dockerfile', text: ROOT_IMAGE, findings: [USER_REQUIRED] }]), { color: true, cwd: ROOT }).includes('\u001b[31m'));
  assert.match(textReport(result([{ rel: 'b/Dockerfile', text: 'FROM alpine:3.20\nUSER 10001:10001\n', findings: [] }]), { color: false, cwd: ROOT }), /^No findings in 1 file scanned, 12ms\n$/);
});
