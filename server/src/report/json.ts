/**
 * The JSON report (`rampart scan --format json`). Its shape is stable: fields are only ever added, and `version`
 * changes if one is removed or changes meaning.
 *
 * - Paths are relative to `root` (the directory rampart ran in), with `/` separators; a file outside it keeps
 *   its absolute path.
 * - Ranges are 1-based lines and columns, the end column exclusive, columns counted in UTF-16 code units
 *   (the same convention as SARIF regions and the text report).
 * - `files` lists every file that was checked, with or without findings; `notes` lists what was skipped and why,
 *   and errors (level "error" makes the exit code 2).
 */
import * as path from 'path';
import { SEVERITIES, type Finding, type FixSafety, type Severity } from '../engine/types';
import type { NoteLevel, ScanResult } from '../scan/scan';
import { fixSafety, packageInfo } from './meta';
import { countBySeverity } from './text';

export const JSON_REPORT_VERSION = 1;

export interface JsonRange { startLine: number; startColumn: number; endLine: number; endColumn: number }

export interface JsonFinding {
  ruleId: string;
  severity: Severity;
  message: string;
  range: JsonRange;
  /** A fix is available; `fix` says whether `--fix` applies it ("safe") or only `--fix --unsafe-fixes` ("unsafe"). */
  fixable: boolean;
  fix: FixSafety | null;
  related?: { message: string; range: JsonRange }[];
}

export interface JsonReport {
  version: 1;
  tool: { name: 'rampart'; version: string };
  root: string;
  /** The project configuration files (.rampart.yaml) whose settings applied, relative to root. */
  configs: string[];
  files: {
    path: string;
    findings: JsonFinding[];
    /** With --fix: what was fixed in this file (each range as it was in the text that fix was applied to). */
    fixed: { ruleId: string; title: string; safety: FixSafety; range: JsonRange }[];
  }[];
  notes: { path: string; level: NoteLevel; message: string }[];
  summary: {
    findings: number;
    bySeverity: Record<Severity, number>;
    filesScanned: number;
    filesWithFindings: number;
    fixed: number;
    errors: number;
    durationMs: number;
  };
}

export function jsonRange(r: Finding['range']): JsonRange {
  return { startLine: r.start.line + 1, startColumn: r.start.character + 1, endLine: r.end.line + 1, endColumn: r.end.character + 1 };
}

export function relPath(abs: string, root: string): string {
  const rel = path.relative(root, abs);
  if (!rel) return '.';
  if (path.isAbsolute(rel) || rel.split(path.sep)[0] === '..') return abs;
  return rel.split(path.sep).join('/');
}

export function toJsonReport(result: ScanResult, root: string): JsonReport {
  const all = result.files.flatMap(f => f.findings);
  const bySev = countBySeverity(all);
  return {
    version: JSON_REPORT_VERSION,
    tool: { name: 'rampart', version: packageInfo().version },
    root,
    configs: (result.configs ?? []).map(c => relPath(c, root)),
    files: result.files.map(f => ({
      path: relPath(f.path, root),
      findings: f.findings.map(x => {
        const j: JsonFinding = {
          ruleId: x.ruleId, severity: x.severity, message: x.message, range: jsonRange(x.range),
          fixable: fixSafety(x) !== null, fix: fixSafety(x),
        };
        if (x.related?.length) j.related = x.related.map(r => ({ message: r.message, range: jsonRange(r.range) }));
        return j;
      }),
      fixed: f.fixed.map(a => ({ ruleId: a.ruleId, title: a.title, safety: a.safety, range: jsonRange(a.range) })),
    })),
    notes: result.notes.map(n => ({ path: relPath(n.path, root), level: n.level, message: n.message })),
    summary: {
      findings: all.length,
      bySeverity: Object.fromEntries(SEVERITIES.map(s => [s, bySev[s]])) as Record<Severity, number>,
      filesScanned: result.filesScanned,
      filesWithFindings: result.files.filter(f => f.findings.length).length,
      fixed: result.files.reduce((n, f) => n + f.fixed.length, 0),
      errors: result.notes.filter(n => n.level === 'error').length,
      durationMs: Math.round(result.durationMs),
    },
  };
}
