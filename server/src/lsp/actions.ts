/**
 * The edits behind Rampart's code actions: fix-all (safe fixes, non-overlapping, re-linted until stable),
 * and the suppression comments. Suppressions are checked against the engine before they are offered.
 */
import { lintDocument, parseDocument, type LintOptions, type ParsedDocument } from '../engine/engine';
import { applyEdits } from '../engine/edits';
import { LineIndex } from '../engine/text';
import type { FileKind, Finding, Fix, TextEdit } from '../engine/types';

/** One round of linting for fix-all: the safe fixes on offer, and whether the text parses. */
export interface FixRound { fixes: Fix[]; parses: boolean }

export interface FixAllResult {
  /** Edits against the original text (empty: nothing to fix). */
  edits: TextEdit[];
  text: string;
  /** Fixes applied over all rounds. */
  applied: number;
  rounds: number;
}

export const MAX_FIX_ROUNDS = 10;

interface OffsetEdit { start: number; end: number; newText: string }

/** Picks fixes whose edits overlap neither each other nor an earlier pick (two insertions at one point overlap too). */
export function nonOverlapping(fixes: Fix[], lines: LineIndex): Fix[] {
  const taken: OffsetEdit[] = [];
  const clash = (a: OffsetEdit, b: OffsetEdit) =>
    (a.start < b.end && b.start < a.end) || (a.start === b.start && (a.start === a.end || b.start === b.end));
  const withOffsets = fixes.map(fix => ({
    fix, edits: fix.edits.map(e => ({ start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end), newText: e.newText })),
  }));
  withOffsets.sort((a, b) => Math.min(...a.edits.map(e => e.start)) - Math.min(...b.edits.map(e => e.start)));
  const out: Fix[] = [];
  for (const { fix, edits } of withOffsets) {
    if (!edits.length) continue;
    const own = edits.some((e, i) => edits.some((f, j) => i < j && clash(e, f)));
    if (own || edits.some(e => taken.some(t => clash(e, t)))) continue;
    taken.push(...edits);
    out.push(fix);
  }
  return out;
}

/**
 * Applies safe fixes round after round until none is left (or MAX_FIX_ROUNDS). A round whose result does not
 * parse while its input did is dropped. `round(text)` lints a text and returns its safe fixes.
 */
export function fixUntilStable(original: string, round: (text: string) => FixRound): FixAllResult {
  let text = original;
  let cur = round(text);
  const parses = cur.parses;
  let applied = 0, rounds = 0;
  let firstRoundEdits: TextEdit[] | null = null;
  while (rounds < MAX_FIX_ROUNDS) {
    const lines = new LineIndex(text);
    const picked = nonOverlapping(cur.fixes, lines);
    if (!picked.length) break;
    const edits = picked.flatMap(f => f.edits);
    let next: string;
    try { next = applyEdits(text, edits, lines); } catch { break; }
    if (next === text) break;
    const nextRound = round(next);
    if (parses && !nextRound.parses) break;
    if (rounds === 0) firstRoundEdits = edits;
    text = next;
    cur = nextRound;
    applied += picked.length;
    rounds++;
  }
  if (text === original) return { edits: [], text, applied: 0, rounds: 0 };
  // one round: its own minimal edits; more: one edit spanning what changed
  const edits = rounds === 1 && firstRoundEdits ? firstRoundEdits : [diffEdit(original, text)];
  return { edits, text, applied, rounds };
}

/** The single replacement that turns `a` into `b`, trimmed to what differs. */
export function diffEdit(a: string, b: string): TextEdit {
  let start = 0;
  const max = Math.min(a.length, b.length);
  while (start < max && a.charCodeAt(start) === b.charCodeAt(start)) start++;
  // do not split a surrogate pair or a \r\n
  if (start > 0 && start < a.length && isLowSurrogateOrLf(a, start)) start--;
  let endA = a.length, endB = b.length;
  while (endA > start && endB > start && a.charCodeAt(endA - 1) === b.charCodeAt(endB - 1)) { endA--; endB--; }
  if (endA < a.length && endA > start && isLowSurrogateOrLf(a, endA)) { endA++; endB++; }
  const lines = new LineIndex(a);
  return { range: lines.range(start, endA), newText: b.slice(start, endB) };
}

function isLowSurrogateOrLf(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return (c >= 0xdc00 && c <= 0xdfff) || (c === 10 && s.charCodeAt(i - 1) === 13);
}

/** Fix-all for a parsed document: the safe fixes of the findings `keep` lets through. */
export function fixAll(doc: ParsedDocument, keep: (findings: Finding[]) => Finding[], options: LintOptions = {}): FixAllResult {
  const kind: FileKind = doc.kind;
  const round = (text: string): FixRound => {
    const d = text === doc.text ? doc : parseDocument(kind, text);
    const findings = keep(lintDocument(d, { ...options, fixes: true }));
    return { parses: !d.problem, fixes: findings.flatMap(f => (f.fixes ?? []).filter(x => x.safety === 'safe')) };
  };
  return fixUntilStable(doc.text, round);
}

const LINE_IGNORE = /^(\s*#\s*rampart-ignore\s*:)([^#]*)$/;
const FILE_IGNORE = /^(\s*#\s*rampart-ignore-file\s*:)([^#]*)$/;

/** Where to add `, <rule>` to an existing suppression comment: after its ids, before ` -- reason`. */
function appendPoint(line: number, m: RegExpExecArray): { line: number; character: number } | null {
  const body = m[2];
  const reason = body.indexOf('--');
  const ids = (reason === -1 ? body : body.slice(0, reason)).trimEnd();
  if (!ids.trim()) return null; // a bare comment suppresses everything already
  return { line, character: m[1].length + ids.length };
}

/**
 * The edit that puts `# rampart-ignore: <rules>` on its own line above `line`, indented like it (or adds the
 * rules to a suppression comment already there). `inserts` tells whether it adds a line.
 */
export function lineSuppression(doc: ParsedDocument, line: number, rules: string[]): { edit: TextEdit; inserts: boolean } {
  const lines = doc.lines;
  if (line > 0) {
    const m = LINE_IGNORE.exec(lines.lineText(line - 1));
    const at = m && appendPoint(line - 1, m);
    if (at) return { edit: { range: { start: at, end: at }, newText: rules.map(r => `, ${r}`).join('') }, inserts: false };
  }
  const indent = /^[ \t]*/.exec(lines.lineText(line))![0];
  const at = { line, character: 0 };
  return { edit: { range: { start: at, end: at }, newText: `${indent}# rampart-ignore: ${rules.join(', ')}${lines.eol}` }, inserts: true };
}

/** The edit that puts `# rampart-ignore-file: <rules>` at the top, after the parser directives (or extends one there). */
export function fileSuppression(doc: ParsedDocument, rules: string[]): TextEdit {
  const lines = doc.lines;
  const directives = doc.model?.ast?.directives ?? [];
  const first = directives.length ? lines.positionAt(directives[directives.length - 1].end).line + 1 : 0;
  for (let l = first; l < lines.lineCount; l++) {
    const t = lines.lineText(l);
    if (!/^\s*#/.test(t)) break;
    const m = FILE_IGNORE.exec(t);
    const at = m && appendPoint(l, m);
    if (at) return { range: { start: at, end: at }, newText: rules.map(r => `, ${r}`).join('') };
  }
  const comment = `# rampart-ignore-file: ${rules.join(', ')}`;
  if (first >= lines.lineCount) {
    // the directives end the file without a line break
    const end = { line: lines.lineCount - 1, character: lines.lineText(lines.lineCount - 1).length };
    return { range: { start: end, end }, newText: lines.eol + comment };
  }
  const at = { line: first, character: 0 };
  return { range: { start: at, end: at }, newText: comment + lines.eol };
}

/** Lints `doc` with `edits` applied (null: the result would not parse while the original did). */
function lintWith(doc: ParsedDocument, edits: TextEdit[], options: LintOptions): Finding[] | null {
  const d = parseDocument(doc.kind, applyEdits(doc.text, edits, doc.lines));
  if (d.problem && !doc.problem) return null;
  return lintDocument(d, options);
}

const key = (rule: string, line: number) => `${rule}\0${line}`;

/**
 * Which findings a suppression comment above their line would really silence (not, e.g., inside a heredoc
 * body, where a comment line is content): all of them checked with one parse. Returns keys `rule\0line`.
 */
export function silencedByLineComments(doc: ParsedDocument, findings: Finding[], options: LintOptions = {}): Set<string> {
  const byLine = new Map<number, Set<string>>();
  for (const f of findings) {
    const l = f.range.start.line;
    if (!byLine.has(l)) byLine.set(l, new Set());
    byLine.get(l)!.add(f.ruleId);
  }
  const edits: TextEdit[] = [];
  const insertedAt: number[] = [];
  for (const [line, rules] of byLine) {
    const { edit, inserts } = lineSuppression(doc, line, [...rules]);
    edits.push(edit);
    if (inserts) insertedAt.push(line);
  }
  const after = lintWith(doc, edits, options);
  const out = new Set<string>();
  if (!after) return out;
  for (const [line, rules] of byLine) {
    const moved = line + insertedAt.filter(l => l <= line).length;
    for (const r of rules) if (!after.some(f => f.ruleId === r && f.range.start.line === moved)) out.add(key(r, line));
  }
  return out;
}

/** Which rules a file-wide suppression comment would silence entirely (one parse for all of them). */
export function silencedByFileComment(doc: ParsedDocument, rules: string[], options: LintOptions = {}): Set<string> {
  const distinct = [...new Set(rules)];
  if (!distinct.length) return new Set();
  const after = lintWith(doc, [fileSuppression(doc, distinct)], options);
  return new Set(after ? distinct.filter(r => !after.some(f => f.ruleId === r)) : []);
}

/** `# rampart-ignore: <rule>` above the finding's line, or null when it would not silence the finding. */
export function suppressLineEdit(doc: ParsedDocument, finding: Finding, options: LintOptions = {}): TextEdit | null {
  const line = finding.range.start.line;
  return silencedByLineComments(doc, [finding], options).has(key(finding.ruleId, line)) ? lineSuppression(doc, line, [finding.ruleId]).edit : null;
}

/** `# rampart-ignore-file: <rule>` at the top of the file, or null when it would not silence the rule. */
export function suppressFileEdit(doc: ParsedDocument, ruleId: string, options: LintOptions = {}): TextEdit | null {
  return silencedByFileComment(doc, [ruleId], options).has(ruleId) ? fileSuppression(doc, [ruleId]) : null;
}
