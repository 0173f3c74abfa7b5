/** Findings -> LSP diagnostics, with the user's settings applied; rule metadata for hovers and requests. */
import { Diagnostic, DiagnosticSeverity } from 'vscode-languageserver/node';
import { equivalentsText, ruleDocUrl } from '../engine/docs';
import { metaFor, PARSE_ERROR_RULE, ruleById } from '../engine/engine';
import { SEVERITY_RANK, type Finding, type Range, type Severity } from '../engine/types';
import type { Equivalents } from '../../../rules/rule';
import type { DiagnosticLevel, Settings } from './settings';

export const SOURCE = 'rampart';

const LEVEL: Record<DiagnosticLevel, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information, hint: DiagnosticSeverity.Hint,
};

/** What a diagnostic carries for its code actions. */
export interface DiagnosticData { rule: string; version: number | null; fixable: boolean }

/** The findings the user sees: rules switched off and findings below the minimum severity dropped, severities overridden. */
export function applySettings(findings: Finding[], s: Settings): Finding[] {
  if (!s.enable) return [];
  const out: Finding[] = [];
  const min = SEVERITY_RANK[s.minimumSeverity];
  for (const f of findings) {
    const o = s.rules[f.ruleId];
    if (o === 'off') continue;
    const g = o && o !== f.severity ? { ...f, severity: o } : f;
    if (SEVERITY_RANK[g.severity] < min) continue;
    out.push(g);
  }
  return out;
}

export function docUrl(id: string): string {
  return ruleDocUrl(id);
}

export interface Caps { relatedInformation: boolean }

export function toDiagnostic(f: Finding, uri: string, version: number | null, s: Settings, caps: Caps): Diagnostic {
  const d: Diagnostic = {
    range: f.range,
    severity: LEVEL[s.severityMapping[f.severity]],
    code: f.ruleId,
    codeDescription: { href: docUrl(f.ruleId) },
    source: SOURCE,
    message: f.message,
  };
  if (f.related?.length && caps.relatedInformation) {
    d.relatedInformation = f.related.map(r => ({ location: { uri, range: r.range }, message: r.message }));
  }
  const data: DiagnosticData = { rule: f.ruleId, version, fixable: !!f.fixable };
  d.data = data;
  return d;
}

export function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character &&
    a.end.line === b.end.line && a.end.character === b.end.character;
}

export function before(a: { line: number; character: number }, b: { line: number; character: number }): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

/** Ranges touch or overlap (an empty range touches what contains it). */
export function intersects(a: Range, b: Range): boolean {
  return !before(a.end, b.start) && !before(b.end, a.start);
}

export interface RuleInfo {
  id: string; title: string; severity: Severity; rationale: string; references: string[];
  equivalents: Equivalents; url: string;
  fix?: { description: string; safety: 'safe' | 'unsafe' };
}

/** Every rule id, sorted, then the parse-error pseudo-rule. */
export function allRuleIds(): string[] {
  return [...ruleById.keys()].sort().concat(PARSE_ERROR_RULE);
}

export function ruleInfo(id: string): RuleInfo | null {
  const r = metaFor(id);
  if (!r) return null;
  const info: RuleInfo = {
    id: r.id, title: r.title, severity: r.severity, rationale: r.rationale, references: [...r.references],
    equivalents: r.equivalents, url: ruleDocUrl(r.id),
  };
  if (r.fix) info.fix = { ...r.fix };
  return info;
}

/** Hover text for one finding. */
export function hoverMarkdown(f: Finding): string {
  const info = ruleInfo(f.ruleId);
  const lines = [`**${escapeMd(info?.title ?? f.ruleId)}**`, '', `\`${f.ruleId}\` · severity **${f.severity}**`, '', escapeMd(f.message)];
  if (info) {
    lines.push('', escapeMd(info.rationale));
    if (info.references.length) lines.push('', '**References**', '', ...info.references.map(r => `- ${escapeMd(r)}`));
    const r = ruleById.get(f.ruleId);
    if (r) lines.push('', `**Same check in other tools:** ${escapeMd(equivalentsText(r))}`);
    lines.push('', `[Documentation for ${f.ruleId}](${info.url})`);
  }
  return lines.join('\n');
}

export function hoverPlain(f: Finding): string {
  const info = ruleInfo(f.ruleId);
  const parts = [`${info?.title ?? f.ruleId} (${f.ruleId}, severity ${f.severity})`, f.message];
  if (info) {
    parts.push(info.rationale);
    if (info.references.length) parts.push('References: ' + info.references.join('; '));
    const r = ruleById.get(f.ruleId);
    if (r) parts.push('Same check in other tools: ' + equivalentsText(r));
    parts.push('Documentation: ' + info.url);
  }
  return parts.join('\n\n');
}

/** Escapes Markdown outside `code spans` (rule texts use them; a message may quote file content). */
function escapeMd(s: string): string {
  return s.split(/(`[^`]*`)/).map((part, i) => (i % 2 ? part : part.replace(/([\\*_[\]<>#|~])/g, '\\$1'))).join('');
}
