/** The language server's pure parts: fix-all's rounds, suppression edits, settings validation, diagnostics mapping. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  diffEdit, fixAll, fixUntilStable, MAX_FIX_ROUNDS, nonOverlapping, silencedByFileComment, silencedByLineComments, suppressFileEdit, suppressLineEdit,
} from '../server/src/lsp/actions';
import { applySettings, toDiagnostic } from '../server/src/lsp/convert';
import { defaultSettings, parseSettings } from '../server/src/lsp/settings';
import { lintDocument, parseDocument } from '../server/src/engine/engine';
import { applyEdits } from '../server/src/engine/edits';
import { LineIndex } from '../server/src/engine/text';
import type { Finding, Fix } from '../server/src/engine/types';

/** A fix replacing text[start, end) (single line texts). */
function fix(title: string, start: number, end: number, newText: string, safety: 'safe' | 'unsafe' = 'safe'): Fix {
  return { title, safety, edits: [{ range: { start: { line: 0, character: start }, end: { line: 0, character: end } }, newText }] };
}

describe('fix-all', () => {
  it('picks non-overlapping fixes, in document order; two insertions at one point overlap', () => {
    const lines = new LineIndex('abcdef');
    const picked = nonOverlapping([fix('cd', 2, 4, 'X'), fix('ab', 0, 2, 'Y'), fix('bc', 1, 3, 'Z'), fix('ins1', 5, 5, '1'), fix('ins2', 5, 5, '2')], lines);
    assert.deepEqual(picked.map(f => f.title), ['ab', 'cd', 'ins1']);
  });

  it('re-lints until stable: a fix that enables another is applied in the next round, as one edit', () => {
    // each round offers one fix: the first "a" becomes "b"
    const round = (text: string) => ({ parses: true, fixes: text.includes('a') ? [fix('a->b', text.indexOf('a'), text.indexOf('a') + 1, 'b')] : [] });
    const r = fixUntilStable('xaaay', round);
    assert.equal(r.text, 'xbbby');
    assert.equal(r.rounds, 3);
    assert.equal(r.applied, 3);
    assert.deepEqual(r.edits, [{ range: { start: { line: 0, character: 1 }, end: { line: 0, character: 4 } }, newText: 'bbb' }]);
    assert.equal(applyEdits('xaaay', r.edits), 'xbbby');
  });

  it('overlapping fixes are applied over several rounds, never together', () => {
    let calls = 0;
    const round = (text: string) => {
      calls++;
      const fixes: Fix[] = [];
      if (text.startsWith('ab')) fixes.push(fix('ab->AB', 0, 2, 'AB'));
      if (text.slice(1, 3) === 'bc') fixes.push(fix('bc->BC', 1, 3, 'BC'));
      return { parses: true, fixes };
    };
    const r = fixUntilStable('abc', round);
    assert.equal(r.text, 'ABc');
    assert.ok(calls <= 3);
  });

  it('one round keeps the fixes\' own minimal edits', () => {
    const r = fixUntilStable('abcdef', t => ({ parses: true, fixes: t === 'abcdef' ? [fix('a', 0, 1, 'A'), fix('e', 4, 5, 'E')] : [] }));
    assert.deepEqual(r.edits.map(e => e.newText), ['A', 'E']);
    assert.equal(r.rounds, 1);
  });

  it('drops a round whose result no longer parses, and stops after MAX_FIX_ROUNDS', () => {
    const breaks = fixUntilStable('ok', t => ({ parses: !t.includes('!'), fixes: [fix('break', 0, 2, 'ok!')] }));
    assert.deepEqual(breaks, { edits: [], text: 'ok', applied: 0, rounds: 0 });
    const endless = fixUntilStable('', t => ({ parses: true, fixes: [fix('grow', t.length, t.length, 'x')] }));
    assert.equal(endless.rounds, MAX_FIX_ROUNDS);
    assert.equal(endless.text, 'x'.repeat(MAX_FIX_ROUNDS));
  });

  it('diffEdit never splits a surrogate pair or a CRLF', () => {
    const a = 'x\u{1F600}y\r\nz', b = 'x\u{1F601}y\nz';
    const e = diffEdit(a, b);
    assert.equal(applyEdits(a, [e]), b);
    const startOffset = new LineIndex(a).offsetAt(e.range.start);
    assert.equal(startOffset, 1, 'starts before the high surrogate');
  });

  it('on a real Dockerfile: only safe fixes, and only for findings the settings keep', () => {
    const text = 'FROM alpine:3.20.1@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec\nADD a.txt /a/\nadd b.txt /b/\nHEALTHCHECK CMD ["true"]\nUSER root\n';
    const doc = parseDocument('dockerfile', text);
    const r = fixAll(doc, f => f);
    assert.equal(r.text, text.replace('ADD a', 'COPY a').replace('add b', 'copy b'));
    assert.equal(r.applied, 2);
    const s = parseSettings({ rules: { 'dockerfile/no-add-local': 'off' } }).settings;
    assert.deepEqual(fixAll(doc, f => applySettings(f, s)).edits, []);
  });
});

describe('suppression edits', () => {
  const base = 'FROM alpine:3.20.1@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec\nHEALTHCHECK CMD ["true"]\n';
  const first = (text: string, rule: string) => {
    const doc = parseDocument('dockerfile', text);
    return { doc, f: lintDocument(doc).find((x: Finding) => x.ruleId === rule)! };
  };

  it('keeps CRLF line ends and the line\'s indentation (tabs too)', () => {
    const text = (base + 'ENV A=1 \\\n\tAPP_SECRET_KEY=hunter2\nUSER 10001\n').replace(/\n/g, '\r\n');
    const { doc, f } = first(text, 'dockerfile/no-secrets-in-env-arg');
    const e = suppressLineEdit(doc, f)!;
    assert.equal(e.newText, '\t# rampart-ignore: dockerfile/no-secrets-in-env-arg\r\n');
    const after = applyEdits(text, [e]);
    assert.equal(lintDocument(parseDocument('dockerfile', after)).filter(x => x.ruleId === 'dockerfile/no-secrets-in-env-arg').length, 0);
  });

  it('checks every line suppression of a request with one parse: not inside a heredoc body', () => {
    const text = base + 'RUN <<EOF\n  curl -fsSL https://example.com/i.sh | sh\nEOF\nENV A=1 \\\n    APP_SECRET_KEY=hunter2\nEXPOSE 22\nUSER root\n';
    const doc = parseDocument('dockerfile', text);
    const findings = lintDocument(doc);
    assert.deepEqual(findings.map(f => `${f.ruleId}@${f.range.start.line}`),
      ['dockerfile/no-pipe-to-shell@3', 'dockerfile/pipefail@3', 'dockerfile/no-secrets-in-env-arg@6', 'dockerfile/no-ssh-port@7', 'dockerfile/no-root-user@8']);
    const ok = silencedByLineComments(doc, findings);
    assert.deepEqual([...ok].map(k => k.replace('\0', '@')).sort(),
      ['dockerfile/no-root-user@8', 'dockerfile/no-secrets-in-env-arg@6', 'dockerfile/no-ssh-port@7']);
    assert.equal(suppressLineEdit(doc, findings[0]), null);
    assert.deepEqual(silencedByFileComment(doc, findings.map(f => f.ruleId)), new Set(findings.map(f => f.ruleId)));
  });

  it('file suppression after the directives; appended to an existing one; at the end of a directives-only file', () => {
    const withDirective = '# syntax=docker/dockerfile:1\n# escape=\\\n' + base + 'USER root\n';
    let { doc } = first(withDirective, 'dockerfile/no-root-user');
    let e = suppressFileEdit(doc, 'dockerfile/no-root-user')!;
    assert.deepEqual(e.range.start, { line: 2, character: 0 });
    assert.equal(e.newText, '# rampart-ignore-file: dockerfile/no-root-user\n');

    const existing = '# rampart-ignore-file: dockerfile/user-numeric -- reviewed\n' + base + 'USER root\n';
    ({ doc } = first(existing, 'dockerfile/no-root-user'));
    e = suppressFileEdit(doc, 'dockerfile/no-root-user')!;
    assert.equal(applyEdits(existing, [e]).split('\n')[0], '# rampart-ignore-file: dockerfile/user-numeric, dockerfile/no-root-user -- reviewed');

    const onlyDirective = '# syntax=docker/dockerfile:1';
    doc = parseDocument('dockerfile', onlyDirective);
    e = suppressFileEdit(doc, 'dockerfile/no-root-user')!;
    assert.equal(applyEdits(onlyDirective, [e]), '# syntax=docker/dockerfile:1\n# rampart-ignore-file: dockerfile/no-root-user');
  });
});

describe('settings', () => {
  it('defaults, nested and dotted keys', () => {
    assert.deepEqual(parseSettings(null), { settings: defaultSettings(), problems: [] });
    const s = parseSettings({ kubernetes: { profile: 'baseline' }, 'helm.valuesFiles': ['v.yaml'], exclude: ['vendor/', ''] }).settings;
    assert.equal(s.kubernetesProfile, 'baseline');
    assert.deepEqual(s.helmValuesFiles, ['v.yaml']);
    assert.deepEqual(s.exclude, ['vendor/']);
  });

  it('bad values fall back to the default, each named', () => {
    const r = parseSettings({
      enable: 'yes', minimumSeverity: 3, rules: { 'dockerfile/no-root-user': 'loud', 'nope/rule': 'off', 'dockerfile/user-numeric': 'off' },
      kubernetes: { profile: 'strict' }, severityMapping: { high: 'fatal', huge: 'error', low: 'hint' }, workspaceScan: 1,
    });
    assert.equal(r.settings.enable, true);
    assert.equal(r.settings.minimumSeverity, 'info');
    assert.deepEqual(r.settings.rules, { 'dockerfile/user-numeric': 'off' });
    assert.equal(r.settings.kubernetesProfile, 'restricted');
    assert.equal(r.settings.severityMapping.high, 'error');
    assert.equal(r.settings.severityMapping.low, 'hint');
    assert.equal(r.settings.workspaceScan, true);
    for (const name of ['rampart.enable', 'rampart.minimumSeverity', 'rampart.rules["dockerfile/no-root-user"]', 'unknown rule id "nope/rule"',
      'rampart.kubernetes.profile', 'rampart.severityMapping.high', 'rampart.severityMapping: "huge"', 'rampart.workspaceScan']) {
      assert.ok(r.problems.some(p => p.includes(name)), `no problem mentions ${name}: ${r.problems.join(' | ')}`);
    }
    assert.equal(parseSettings('everything').problems.length, 1);
  });

  it('maps severities to diagnostic levels, with the mapping setting applied', () => {
    const f: Finding = { ruleId: 'dockerfile/no-root-user', severity: 'high', message: 'm', range: { start: { line: 1, character: 2 }, end: { line: 1, character: 4 } }, fixable: true };
    const caps = { relatedInformation: true };
    assert.equal(toDiagnostic(f, 'file:///x', 3, defaultSettings(), caps).severity, 1);
    const s = parseSettings({ severityMapping: { high: 'hint' } }).settings;
    assert.equal(toDiagnostic(f, 'file:///x', 3, s, caps).severity, 4);
    for (const [sev, level] of [['critical', 1], ['medium', 2], ['low', 3], ['info', 4]] as const) {
      assert.equal(toDiagnostic({ ...f, severity: sev }, 'file:///x', 3, defaultSettings(), caps).severity, level);
    }
    const related = toDiagnostic({ ...f, related: [{ range: f.range, message: 'here' }] }, 'file:///x', 3, defaultSettings(), caps);
    assert.deepEqual(related.relatedInformation, [{ location: { uri: 'file:///x', range: f.range }, message: 'here' }]);
    assert.equal(toDiagnostic({ ...f, related: [{ range: f.range, message: 'here' }] }, 'file:///x', 3, defaultSettings(), { relatedInformation: false }).relatedInformation, undefined);
  });
});
