/**
 * Scans paths: walks them, reads each file Rampart checks, lints it and (on request) fixes it. Never throws for a
 * bad input: a missing path, an unreadable, binary, huge or non-UTF-8 file becomes a note and the rest is scanned.
 *
 * Text: read as UTF-8; a leading BOM is removed before linting (positions count from after it) and put back
 * when a fixed file is written; line endings are kept as they are.
 *
 * --fix: the chosen fixes (safe ones; unsafe ones too with `unsafeFixes`) whose edits do not touch each other are
 * applied together, the file is linted again and the loop repeats until nothing is left to fix (at most
 * MAX_FIX_PASSES passes). A file with a parse error is never edited, and a pass whose result would not parse is
 * dropped.
 */
import * as fs from 'fs';
import { lintText, PARSE_ERROR_RULE, type LintOptions } from '../engine/engine';
import { applyEdits } from '../engine/edits';
import { BOM, LineIndex, stripBom } from '../engine/text';
import type { Finding, FixSafety, Range, TextEdit } from '../engine/types';
import { formatBytes, notTextReason, TimeSlicer, walkFiles, DEFAULT_MAX_BYTES, type WalkOptions } from './walk';

export const MAX_FIX_PASSES = 10;

export interface ScanOptions extends WalkOptions {
  /** Apply fixes and write the files back. */
  fix?: boolean;
  /** With `fix`: apply unsafe fixes too. */
  unsafeFixes?: boolean;
  /** Per-rule overrides ('off' or a severity). */
  rules?: LintOptions['rules'];
}

export interface AppliedFix { ruleId: string; title: string; safety: FixSafety; /** where the finding was in the text the fix was applied to */ range: Range }

export interface FileResult {
  path: string; /* absolute */
  root: string;
  rel: string; /* posix, relative to root */
  /** With their fixes computed, so that reports say exactly what --fix would do. */
  findings: Finding[];
  /** The linted text (BOM removed, after fixes); kept only when there are findings, for reports. */
  text?: string;
  fixed: AppliedFix[];
}

export type NoteLevel = 'error' | 'warning' | 'note';
export interface ScanNote { path: string; level: NoteLevel; message: string }

export interface ScanResult {
  files: FileResult[];
  notes: ScanNote[];
  filesScanned: number;
  durationMs: number;
  /** The project configuration files whose settings applied (absolute paths). */
  configs?: string[];
}

/** Reasons that mean Rampart could not do what it was asked (exit code 2), as opposed to files it chose to skip. */
export function skipLevel(reason: string): NoteLevel {
  return reason === 'does not exist' || reason.startsWith('unreadable') ? 'error' : 'warning';
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function decode(buf: Buffer): { text: string; valid: boolean } {
  try {
    return { text: utf8.decode(buf), valid: true };
  } catch {
    return { text: buf.toString('utf8'), valid: false };
  }
}

function hasParseError(findings: Finding[]): boolean {
  return findings.some(f => f.ruleId === PARSE_ERROR_RULE);
}

/** Edits whose offsets touch (overlap, or meet at the same point) conflict; conflicting fixes wait for a later pass. */
function touches(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start <= b.end && b.start <= a.end;
}

interface PassResult { edits: TextEdit[]; applied: AppliedFix[] }

function chooseFixes(text: string, findings: Finding[], unsafe: boolean): PassResult {
  const lines = new LineIndex(text);
  const eol = lines.eol;
  const taken: { start: number; end: number }[] = [];
  const out: PassResult = { edits: [], applied: [] };
  for (const f of findings) {
    const fix = f.fixes?.find(x => x.safety === 'safe' || unsafe);
    if (!fix || !fix.edits.length) continue;
    const spans = fix.edits.map(e => ({ start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end) }));
    if (spans.some(s => taken.some(t => touches(s, t)))) continue;
    taken.push(...spans);
    // inserted lines follow the file's line endings
    out.edits.push(...fix.edits.map(e => ({ range: e.range, newText: eol === '\r\n' ? e.newText.replace(/\r?\n/g, '\r\n') : e.newText })));
    out.applied.push({ ruleId: f.ruleId, title: fix.title, safety: fix.safety, range: f.range });
  }
  return out;
}

/** Applies fixes until none is left (bounded). Returns the final text, its findings and what was applied. */
export function fixText(fileName: string, text: string, opts: { unsafeFixes?: boolean; rules?: LintOptions['rules']; onRuleError?: LintOptions['onRuleError'] } = {}):
  { text: string; findings: Finding[]; applied: AppliedFix[]; stoppedBecause?: string } {
  let cur = text;
  let res = lintText(fileName, cur, { fixes: true, rules: opts.rules, onRuleError: opts.onRuleError });
  if (!res) return { text, findings: [], applied: [] };
  const applied: AppliedFix[] = [];
  if (hasParseError(res.findings)) return { text, findings: res.findings, applied, stoppedBecause: 'the file does not parse, so it was not fixed' };
  let stoppedBecause: string | undefined;
  // a rule whose fix did not make its findings fewer is not asked again (guards against a fix that repeats forever)
  const banned = new Set<string>();
  const count = (fs: Finding[], id: string) => fs.reduce((n, f) => n + (f.ruleId === id ? 1 : 0), 0);
  for (let pass = 0; ; pass++) {
    const chosen = chooseFixes(cur, res.findings.filter(f => !banned.has(f.ruleId)), !!opts.unsafeFixes);
    if (!chosen.edits.length) break;
    if (pass === MAX_FIX_PASSES) { stoppedBecause = `fixes were still being offered after ${MAX_FIX_PASSES} passes; stopped`; break; }
    let next: string;
    try {
      next = applyEdits(cur, chosen.edits);
    } catch (e) {
      stoppedBecause = `a fix could not be applied (${e instanceof Error ? e.message : String(e)})`;
      break;
    }
    const again = lintText(fileName, next, { fixes: true, rules: opts.rules, onRuleError: opts.onRuleError })!;
    const ids = [...new Set(chosen.applied.map(a => a.ruleId))];
    if (hasParseError(again.findings)) {
      for (const id of ids) banned.add(id);
      stoppedBecause = `fixing ${ids.join(', ')} would break parsing, so it was not applied`;
      continue;
    }
    const before = res.findings;
    const useless = ids.filter(id => count(again.findings, id) >= count(before, id));
    if (useless.length) {
      // drop this pass and try again without them
      for (const id of useless) banned.add(id);
      stoppedBecause = `the fix for ${[...banned].join(', ')} did not remove the finding, so it was not applied`;
      continue;
    }
    applied.push(...chosen.applied);
    cur = next;
    res = again;
  }
  return { text: cur, findings: res.findings, applied, stoppedBecause };
}

/** Scans one file that the walker accepted. Returns its result, or a note when it could not be checked. */
export function scanFile(entry: { path: string; root: string; rel: string }, opts: ScanOptions, notes: ScanNote[]): FileResult | null {
  const note = (level: NoteLevel, message: string) => { notes.push({ path: entry.path, level, message }); };
  let buf: Buffer;
  try {
    buf = fs.readFileSync(entry.path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException)?.code;
    note('error', code === 'ENOENT' ? 'does not exist' : `unreadable: ${code ?? String(e)}`);
    return null;
  }
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  if (buf.length > maxBytes) { note('warning', `skipped: larger than ${formatBytes(maxBytes)}`); return null; }
  const notText = notTextReason(buf);
  if (notText) { note('warning', `skipped: ${notText}`); return null; }
  const decoded = decode(buf);
  if (!decoded.valid) note('warning', 'not valid UTF-8: checked with replacement characters' + (opts.fix ? ', not fixed' : ''));
  const { text, bom } = stripBom(decoded.text);

  const ruleErrors = new Set<string>();
  const onRuleError = (ruleId: string, error: unknown) => {
    if (ruleErrors.has(ruleId)) return;
    ruleErrors.add(ruleId);
    note('error', `internal error in rule ${ruleId}: ${error instanceof Error ? error.message : String(error)}`);
  };

  try {
    if (opts.fix && decoded.valid) {
      const r = fixText(entry.path, text, { unsafeFixes: opts.unsafeFixes, rules: opts.rules, onRuleError });
      if (r.stoppedBecause) note('warning', r.stoppedBecause);
      if (r.text !== text) {
        try {
          fs.writeFileSync(entry.path, (bom ? BOM : '') + r.text, 'utf8');
        } catch (e) {
          note('error', `could not write the fixes: ${(e as NodeJS.ErrnoException)?.code ?? String(e)}`);
          const plain = lintText(entry.path, text, { fixes: true, rules: opts.rules, onRuleError });
          return { ...entry, findings: plain?.findings ?? [], text, fixed: [] };
        }
      }
      return { ...entry, findings: r.findings, text: r.findings.length ? r.text : undefined, fixed: r.applied };
    }
    const res = lintText(entry.path, text, { fixes: true, rules: opts.rules, onRuleError });
    const findings = res?.findings ?? [];
    return { ...entry, findings, text: findings.length ? text : undefined, fixed: [] };
  } catch (e) {
    // the engine promises never to throw; if it does, report it and go on with the next file
    note('error', `internal error: ${e instanceof Error ? e.message : String(e)}`);
    return null;
  }
}

/** Scans the given paths (files or directories). */
export async function scan(paths: string[], opts: ScanOptions = {}): Promise<ScanResult> {
  const t0 = performance.now();
  const files: FileResult[] = [];
  const notes: ScanNote[] = [];
  const slicer = new TimeSlicer();
  for await (const entry of walkFiles(paths, opts)) {
    if ('skipped' in entry) {
      const level = skipLevel(entry.skipped);
      notes.push({ path: entry.path, level, message: level === 'error' ? entry.skipped : `skipped: ${entry.skipped}` });
      continue;
    }
    const r = scanFile(entry, opts, notes);
    if (r) files.push(r);
    if (slicer.due) await slicer.yield();
  }
  return { files, notes, filesScanned: files.length, durationMs: performance.now() - t0 };
}
