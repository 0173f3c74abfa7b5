/**
 * The scan engine: parse a document once, build its domain model, run every enabled rule over it, return
 * findings. Importable without VS Code. Never throws on any input.
 */
import { allRules } from '../../../rules/index';
import type { FixSpec, ReportOptions, Rule, RuleMeta } from '../../../rules/rule';
import { buildDockerfileModel, type DockerfileModel } from '../dockerfile/model';
import type { Span } from '../dockerfile/parser';
import { detectKind } from './detect';
import { LineIndex } from './text';
import type { FileKind, Finding, Fix, Severity } from './types';

export const PARSE_ERROR_RULE = 'rampart/parse-error';

/** The parse-error pseudo-rule's metadata, so that documentation, hovers and SARIF can describe it like a rule. */
export const PARSE_ERROR_META: RuleMeta & { kind: string } = {
  id: PARSE_ERROR_RULE,
  kind: 'any',
  title: 'File could not be parsed',
  severity: 'medium',
  rationale: 'Rampart could not read this part of the file, so the checks below it may be incomplete, and the tool that builds or applies the file will most likely reject it too. The message names what the parser expected. Fixes are never applied to a file with a parse error.',
  references: ['Dockerfile reference: https://docs.docker.com/reference/dockerfile/'],
  equivalents: {},
  tags: ['correctness'],
};

/** Metadata of a rule id, the parse-error pseudo-rule included. */
export function metaFor(ruleId: string): (RuleMeta & { kind: string }) | undefined {
  return ruleId === PARSE_ERROR_RULE ? PARSE_ERROR_META : ruleById.get(ruleId);
}

export interface ParsedDocument {
  kind: FileKind;
  text: string;
  lines: LineIndex;
  model: DockerfileModel;
  /** The first problem the parser met, if any. */
  problem: { span: Span; message: string } | null;
  /** Comment-based suppressions: line -> rule ids ('*' = all); fileWide rule ids. */
  suppress: { lines: Map<number, Set<string>>; file: Set<string> };
}

export interface LintOptions {
  /** Per-rule override: 'off' or another severity. */
  rules?: Record<string, 'off' | Severity>;
  /** Compute each finding's fixes (otherwise only `fixable` is set). */
  fixes?: boolean;
  /** Called once per failing rule and document; default: one line on stderr per rule id per process. */
  onRuleError?: (ruleId: string, error: unknown) => void;
}

const rulesByKind = new Map<FileKind, Rule[]>();
for (const r of allRules as Rule[]) {
  const list = rulesByKind.get(r.kind) ?? [];
  list.push(r);
  rulesByKind.set(r.kind, list);
}
export const ruleById = new Map<string, Rule>((allRules as Rule[]).map(r => [r.id, r]));

export function rulesFor(kind: FileKind): Rule[] {
  return rulesByKind.get(kind) ?? [];
}

const SUPPRESS_RE = /#\s*rampart-ignore(-file)?\b:?\s*([^#]*)/;

/** Parses text of a known kind. Never throws. */
export function parseDocument(kind: FileKind, text: string): ParsedDocument {
  const lines = new LineIndex(text);
  const model = buildDockerfileModel(text);
  const p = model.ast.problems[0];
  const suppress = { lines: new Map<number, Set<string>>(), file: new Set<string>() };
  for (const c of model.ast.comments) {
    if (!c.text.includes('rampart-ignore')) continue;
    const m = SUPPRESS_RE.exec(c.text);
    if (!m) continue;
    const ids = m[2].split('--')[0].split(/[\s,]+/).filter(Boolean);
    const set = ids.length ? ids : ['*'];
    if (m[1]) { for (const id of set) suppress.file.add(id); continue; }
    // applies to the next line that is not a comment
    let line = lines.positionAt(c.start).line + 1;
    while (line < lines.lineCount && /^\s*#/.test(lines.lineText(line))) line++;
    const s = suppress.lines.get(line) ?? new Set<string>();
    for (const id of set) s.add(id);
    suppress.lines.set(line, s);
  }
  return { kind, text, lines, model, problem: p ? { span: { start: p.start, end: p.end }, message: p.message } : null, suppress };
}

const NO_OVERRIDES: Record<string, 'off' | Severity> = {};
const reportedRuleErrors = new Set<string>();
function defaultRuleError(ruleId: string, error: unknown) {
  if (reportedRuleErrors.has(ruleId)) return;
  reportedRuleErrors.add(ruleId);
  process.stderr.write(`rampart: rule ${ruleId} failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
}

interface Raw { rule: Rule; start: number; end: number; message: string; options?: ReportOptions }

/** Runs the enabled rules on a parsed document. */
export function lintDocument(doc: ParsedDocument, options: LintOptions = {}): Finding[] {
  const raws: Raw[] = [];
  const overrides: Record<string, 'off' | Severity> = options.rules ?? NO_OVERRIDES;
  const overridden = overrides !== NO_OVERRIDES;
  // rules run one after the other, synchronously: one context serves them all
  let rule: Rule = null!;
  const ctx = {
    model: doc.model,
    report: (span: Span, message: string, opts?: ReportOptions) => { raws.push({ rule, start: span.start, end: span.end, message, options: opts }); },
  };
  const fileWide = doc.suppress.file;
  for (rule of rulesFor(doc.kind)) {
    if ((overridden && overrides[rule.id] === 'off') || (fileWide.size && (fileWide.has(rule.id) || fileWide.has('*')))) continue;
    try {
      rule.check(ctx);
    } catch (e) {
      (options.onRuleError ?? defaultRuleError)(rule.id, e);
    }
  }
  const findings: Finding[] = [];
  if (doc.problem && overrides[PARSE_ERROR_RULE] !== 'off') {
    findings.push({
      ruleId: PARSE_ERROR_RULE, severity: (overrides[PARSE_ERROR_RULE] as Severity) ?? 'medium',
      message: doc.problem.message, range: doc.lines.range(doc.problem.span.start, doc.problem.span.end),
    });
  }
  raws.sort((a, b) => a.start - b.start || a.end - b.end || (a.rule.id < b.rule.id ? -1 : a.rule.id > b.rule.id ? 1 : 0));
  for (const r of raws) {
    const range = doc.lines.range(r.start, r.end);
    const sup = doc.suppress.lines.size ? doc.suppress.lines.get(range.start.line) : undefined;
    if (sup && (sup.has(r.rule.id) || sup.has('*'))) continue;
    const o = overridden ? overrides[r.rule.id] : undefined;
    const f: Finding = { ruleId: r.rule.id, severity: (o && o !== 'off' ? o : r.options?.severity ?? r.rule.severity), message: r.message, range };
    if (r.options?.related?.length) f.related = r.options.related.map(x => ({ range: doc.lines.range(x.span.start, x.span.end), message: x.message }));
    if (r.options?.fix) {
      f.fixable = true;
      if (options.fixes) {
        const fix = computeFix(doc, r.rule.id, r.options.fix, options.onRuleError ?? defaultRuleError);
        f.fixes = fix ? [fix] : [];
        if (!fix) f.fixable = false;
      }
    }
    findings.push(f);
  }
  return findings;
}

function computeFix(doc: ParsedDocument, ruleId: string, thunk: () => FixSpec | null, onError: (ruleId: string, error: unknown) => void): Fix | null {
  let spec: FixSpec | null;
  try { spec = thunk(); } catch (e) { onError(ruleId + ' (fix)', e); return null; }
  if (!spec || !spec.edits.length) return null;
  return {
    title: spec.title, safety: spec.safety,
    edits: spec.edits.map(e => ({ range: doc.lines.range(e.start, e.end), newText: e.newText })),
  };
}

export interface LintResult { kind: FileKind; findings: Finding[]; doc: ParsedDocument }

/** Detects the kind from the file name, parses and lints. Returns null for files Rampart does not check. */
export function lintText(fileName: string, text: string, options: LintOptions = {}): LintResult | null {
  const kind = detectKind(fileName, text);
  if (!kind) return null;
  const doc = parseDocument(kind, text);
  return { kind, findings: lintDocument(doc, options), doc };
}
