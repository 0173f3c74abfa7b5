/**
 * The human report: findings grouped by file (paths relative to the current directory), each as
 * `line:col severity rule-id message` followed by the source line with the flagged range underlined; then notes
 * (skipped files, errors) and a one-line summary.
 */
import * as path from 'path';
import { PARSE_ERROR_RULE, ruleById } from '../engine/engine';
import { fixSafety } from './meta';
import { LineIndex } from '../engine/text';
import { SEVERITIES, SEVERITY_RANK, type Finding, type Severity } from '../engine/types';
import type { FileResult, ScanNote, ScanResult } from '../scan/scan';

export interface TextOptions {
  color: boolean;
  cwd?: string;
  fix?: boolean;
  unsafeFixes?: boolean;
  /** Leave error notes out of the report (the CLI prints them on stderr); they are still counted. */
  omitErrors?: boolean;
}

const ESC = '\u001b[';
type Style = (s: string) => string;
function styles(on: boolean) {
  const w = (open: string, close: string): Style => (on ? s => `${ESC}${open}m${s}${ESC}${close}m` : s => s);
  return {
    bold: w('1', '22'), dim: w('2', '22'), underline: w('4', '24'),
    red: w('31', '39'), yellow: w('33', '39'), cyan: w('36', '39'), magenta: w('35', '39'), green: w('32', '39'), gray: w('90', '39'),
  };
}

/** Relative to the current directory when inside it, absolute otherwise. */
export function displayPath(abs: string, cwd = process.cwd()): string {
  const rel = path.relative(cwd, abs);
  if (!rel) return '.';
  return path.isAbsolute(rel) || rel.split(path.sep)[0] === '..' ? abs : rel.split(path.sep).join('/');
}

const MAX_SHOWN = 120;

/** The flagged line (control characters shown as spaces so the carets line up) and its caret underline. */
export function excerpt(lines: LineIndex, f: Finding): { lineNo: number; source: string; carets: string } {
  const line = Math.min(f.range.start.line, lines.lineCount - 1);
  const full = lines.lineText(line).replace(/[\u0000-\u001f\u007f]/g, ' ');
  const start = Math.min(f.range.start.character, full.length);
  const end = f.range.end.line > line ? full.length : Math.min(Math.max(f.range.end.character, start), full.length);
  // long lines: show a window around the range
  let from = 0, to = full.length;
  if (full.length > MAX_SHOWN) {
    from = Math.max(0, Math.min(start - 20, full.length - MAX_SHOWN));
    to = Math.min(full.length, from + MAX_SHOWN);
  }
  const pre = from > 0 ? '…' : '';
  const post = to < full.length ? '…' : '';
  const source = pre + full.slice(from, to) + post;
  const cStart = pre.length + Math.max(0, start - from);
  const cEnd = pre.length + Math.max(0, Math.min(end, to) - from);
  const width = Math.max(1, cEnd - cStart);
  const more = f.range.end.line > line ? ` (continues to line ${f.range.end.line + 1})` : '';
  return { lineNo: line + 1, source, carets: ' '.repeat(cStart) + '^'.repeat(width) + more };
}

export function countBySeverity(findings: Iterable<Finding>): Record<Severity, number> {
  const c = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
  for (const f of findings) c[f.severity]++;
  return c;
}

function plural(n: number, one: string, many = one + 's'): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)}ms` : `${(ms / 1000).toFixed(2)}s`;
}

export function textReport(result: ScanResult, opts: TextOptions): string {
  const s = styles(opts.color);
  const sev: Record<Severity, Style> = { critical: x => s.bold(s.magenta(x)), high: s.red, medium: s.yellow, low: s.cyan, info: s.gray };
  const cwd = opts.cwd ?? process.cwd();
  const out: string[] = [];
  let safeFixable = 0, unsafeFixable = 0, fixedCount = 0, fixedFiles = 0;

  for (const file of result.files) {
    if (!file.findings.length && !file.fixed.length) continue;
    out.push(s.bold(s.underline(displayPath(file.path, cwd))));
    const lines = file.text !== undefined ? new LineIndex(file.text) : null;
    const sorted = [...file.findings].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character ||
      SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity]);
    const posW = Math.max(...sorted.map(f => `${f.range.start.line + 1}:${f.range.start.character + 1}`.length), 0);
    const sevW = Math.max(...sorted.map(f => f.severity.length), 0);
    const idW = Math.max(...sorted.map(f => f.ruleId.length), 0);
    const unfixable = sorted.some(f => f.ruleId === PARSE_ERROR_RULE);
    for (const f of sorted) {
      const pos = `${f.range.start.line + 1}:${f.range.start.character + 1}`;
      let hint = '';
      const safety = unfixable ? null : fixSafety(f);
      if (safety) {
        if (safety === 'safe') { safeFixable++; hint = ' ' + s.green('[fixable]'); }
        else { unsafeFixable++; hint = ' ' + s.green('[fixable, unsafe]'); }
      }
      out.push(`  ${s.dim(pos.padEnd(posW))}  ${sev[f.severity](f.severity.padEnd(sevW))}  ${s.gray(f.ruleId.padEnd(idW))}  ${f.message}${hint}`);
      if (lines && ruleById.get(f.ruleId)?.sensitive) {
        out.push(`${' '.repeat(posW + 4)}${s.dim('(source line not shown: it may hold a secret)')}`);
      } else if (lines) {
        const ex = excerpt(lines, f);
        const num = String(ex.lineNo);
        const gutter = ' '.repeat(posW + 4);
        out.push(`${gutter}${s.dim(num + ' |')} ${ex.source}`);
        out.push(`${gutter}${s.dim(' '.repeat(num.length) + ' |')} ${s.red(ex.carets)}`);
      }
    }
    for (const a of file.fixed) {
      out.push(`  ${s.green('fixed')} ${a.range.start.line + 1}:${a.range.start.character + 1} ${a.ruleId}: ${a.title}${a.safety === 'unsafe' ? ' (unsafe)' : ''}`);
    }
    if (file.fixed.length) { fixedCount += file.fixed.length; fixedFiles++; }
    out.push('');
  }

  const notes = result.notes.filter(n => !(opts.omitErrors && n.level === 'error')).sort((a, b) => levelRank(a) - levelRank(b));
  for (const n of notes) out.push(formatNote(n, cwd, s));
  if (notes.length) out.push('');

  const all = result.files.flatMap(f => f.findings);
  const counts = countBySeverity(all);
  const withFindings = result.files.filter(f => f.findings.length).length;
  const errors = result.notes.filter(n => n.level === 'error').length;
  const skipped = result.notes.filter(n => n.message.startsWith('skipped')).length;
  const tail = [
    `${plural(result.filesScanned, 'file')} scanned`,
    ...(skipped ? [`${skipped} skipped`] : []),
    ...(errors ? [s.red(plural(errors, 'error'))] : []),
    ...(result.configs?.length ? [`settings from ${result.configs.map(c => displayPath(c, cwd)).join(', ')}`] : []),
    formatDuration(result.durationMs),
  ].join(', ');
  if (fixedCount) out.push(s.green(`Fixed ${plural(fixedCount, 'finding')} in ${plural(fixedFiles, 'file')}.`));
  if (all.length) {
    const parts = SEVERITIES.filter(x => counts[x]).map(x => sev[x](`${counts[x]} ${x}`));
    out.push(`${s.bold(plural(all.length, 'finding'))} (${parts.join(', ')}) in ${withFindings} of ${tail}`);
    if (!opts.fix) {
      const hints: string[] = [];
      if (safeFixable) hints.push(`${safeFixable} can be fixed with --fix`);
      if (unsafeFixable) hints.push(`${unsafeFixable}${safeFixable ? '' : ' can be fixed'} with --fix --unsafe-fixes`);
      if (hints.length) out.push(s.dim(hints.join(', ') + '.'));
    } else if (unsafeFixable && !opts.unsafeFixes) {
      out.push(s.dim(`${unsafeFixable} more can be fixed with --fix --unsafe-fixes.`));
    }
  } else if (result.filesScanned === 0) {
    const extra = [...(skipped ? [`${skipped} skipped`] : []), ...(errors ? [s.red(plural(errors, 'error'))] : [])].join(', ');
    out.push(`No files to check${extra ? ` (${extra})` : ''}. Rampart looks for Dockerfile, Containerfile, *.dockerfile and Dockerfile.* files.`);
  } else {
    out.push(`${s.green('No findings')} in ${tail}`);
  }
  return out.join('\n') + '\n';
}

function levelRank(n: ScanNote): number {
  return n.level === 'note' ? 0 : n.level === 'warning' ? 1 : 2;
}

function formatNote(n: ScanNote, cwd: string, s: ReturnType<typeof styles>): string {
  const label = n.level === 'error' ? s.red('error') : n.level === 'warning' ? s.yellow('warning') : s.cyan('note');
  return `${label}: ${displayPath(n.path, cwd)}: ${n.message}`;
}

export type { FileResult };
