/** Core types shared by the engine, the rules, the CLI and the language server. */

export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'info';
export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'];
/** Higher is more severe. */
export const SEVERITY_RANK: Record<Severity, number> = { critical: 4, high: 3, medium: 2, low: 1, info: 0 };

export function isSeverity(s: unknown): s is Severity {
  return typeof s === 'string' && (SEVERITIES as readonly string[]).includes(s);
}

/** LSP-style position: 0-based line and UTF-16 character. */
export interface Position { line: number; character: number }
export interface Range { start: Position; end: Position }
export interface TextEdit { range: Range; newText: string }

/** An edit on the document text, by UTF-16 offsets (end exclusive). Rules produce these. */
export interface OffsetEdit { start: number; end: number; newText: string }

/** safe: behaviour kept; unsafe: behaviour may change (applied only on request). */
export type FixSafety = 'safe' | 'unsafe';

export interface Fix { title: string; safety: FixSafety; edits: TextEdit[] }

export type FileKind = 'dockerfile';

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  range: Range;
  /** Fixes, present when the engine was asked to compute them (they are computed lazily otherwise). */
  fixes?: Fix[];
  /** True when the rule offered a fix for this finding (whether or not it was computed). */
  fixable?: boolean;
  related?: { range: Range; message: string }[];
}
