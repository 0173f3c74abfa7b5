/**
 * SARIF 2.1.0 output, shaped for GitHub code scanning (clean under `sarif-multitool validate --rule-kind Gh Sarif`).
 *
 * - run.tool.driver.rules lists every Rampart rule (not only those with results), sorted by id, then the
 *   parse-error pseudo-rule; results point at them by ruleId and ruleIndex.
 * - Locations are relative to the scan root (uriBaseId %SRCROOT%, declared in originalUriBaseIds); a file
 *   outside the root gets an absolute file: URI. Regions are 1-based, end column exclusive, UTF-16 code units.
 * - partialFingerprints["rampart/v1"] hashes the rule id, the relative path, the flagged line's text with
 *   whitespace normalised, and which occurrence of that (rule, line text) pair in the file it is — so a result
 *   keeps its fingerprint when unrelated lines are added or removed.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type * as Sarif from 'sarif';
import { HOMEPAGE, rulePage } from '../engine/docs';
import { stripBom } from '../engine/text';
import type { Finding, Severity } from '../engine/types';
import type { Rule } from '../../../rules/rule';
import { packageInfo, reportRules, ruleHelpUrl, type ReportRule } from './meta';

export interface FileFindings {
  path: string; /* absolute */
  rel: string; /* posix, relative to the root */
  findings: Finding[];
  /** The linted text (BOM removed); read from `path` when absent. Used for fingerprints. */
  text?: string;
}

export interface SarifOptions {
  root: string;
  toolVersion?: string;
  /** Skipped files and errors, reported as tool execution notifications. */
  notes?: { path?: string; message: string; level: 'error' | 'warning' | 'note' }[];
}

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const FINGERPRINT_KEY = 'rampart/v1';

export function sarifLevel(s: Severity): Sarif.ReportingConfiguration.level {
  return s === 'critical' || s === 'high' ? 'error' : s === 'medium' ? 'warning' : 'note';
}

/** GitHub maps security-severity to critical (≥ 9.0), high (7.0–8.9), medium (4.0–6.9) and low (0.1–3.9). */
export const SECURITY_SEVERITY: Record<Severity, string | undefined> = {
  critical: '9.5', high: '8.0', medium: '5.5', low: '3.0', info: undefined,
};

function pascal(id: string): string {
  return id.split(/[^A-Za-z0-9]+/).filter(Boolean).map(w => w[0].toUpperCase() + w.slice(1)).join('');
}

function helpText(r: ReportRule): string {
  const parts = [r.title + '.', r.rationale];
  if (r.fix) parts.push(`Fix: ${r.fix.description} (${r.fix.safety}).`);
  if (r.references.length) parts.push('References: ' + r.references.join('; ') + '.');
  parts.push(`Suppress with a comment on the line above: # rampart-ignore: ${r.id} -- reason`);
  return parts.join('\n\n');
}

function descriptor(r: ReportRule): Sarif.ReportingDescriptor {
  // the parse-error pseudo-rule is about the file, not about security
  const tags = [...(r.kind === 'any' ? [] : ['security', r.kind]), ...(r.tags ?? [])];
  const properties: Sarif.PropertyBag = {
    tags: [...new Set(tags)],
    precision: r.kind === 'any' ? 'very-high' : 'high',
    equivalents: r.equivalents,
  };
  const sev = SECURITY_SEVERITY[r.severity];
  if (sev !== undefined && r.kind !== 'any') properties['security-severity'] = sev;
  return {
    id: r.id,
    name: pascal(r.id),
    shortDescription: { text: r.title },
    fullDescription: { text: r.rationale },
    help: { text: helpText(r), markdown: r.kind === 'any' ? `# ${r.id}\n\n**${r.title}**\n\n${r.rationale}\n` : rulePage(r as Rule) },
    helpUri: ruleHelpUrl(r),
    defaultConfiguration: { level: sarifLevel(r.severity) },
    properties,
  };
}

function encodeRel(rel: string): string {
  return rel.split('/').map(encodeURIComponent).join('/');
}

function dirUri(dir: string): string {
  const u = pathToFileURL(dir).href;
  return u.endsWith('/') ? u : u + '/';
}

function fingerprint(parts: string[]): string {
  return createHash('sha256').update(parts.join('\0')).digest('hex').slice(0, 32);
}

function lineTextOf(text: string, line: number, starts: number[]): string {
  const s = starts[line] ?? text.length;
  const next = line + 1 < starts.length ? starts[line + 1] : text.length;
  return text.slice(s, next);
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

export function toSarif(files: FileFindings[], opts: SarifOptions): Sarif.Log {
  const rules = reportRules();
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const extra: ReportRule[] = [];
  const results: Sarif.Result[] = [];

  for (const file of files) {
    if (!file.findings.length) continue;
    const inside = !!file.rel && !file.rel.startsWith('../') && file.rel !== '..' && !path.isAbsolute(file.rel);
    const artifactLocation: Sarif.ArtifactLocation = inside
      ? { uri: encodeRel(file.rel), uriBaseId: '%SRCROOT%' }
      : { uri: pathToFileURL(file.path).href };
    let text = file.text;
    if (text === undefined) {
      try { text = stripBom(fs.readFileSync(file.path, 'utf8')).text; } catch { text = ''; }
    }
    const starts = lineStarts(text);
    const seen = new Map<string, number>();
    for (const f of file.findings) {
      let ruleIndex = index.get(f.ruleId);
      if (ruleIndex === undefined) {
        // a rule id the registry does not know (should not happen): describe it minimally
        const r: ReportRule = { id: f.ruleId, kind: 'any', title: f.ruleId, severity: f.severity, rationale: f.message, references: [], equivalents: {} };
        extra.push(r);
        ruleIndex = rules.length + extra.length - 1;
        index.set(f.ruleId, ruleIndex);
      }
      const norm = lineTextOf(text, f.range.start.line, starts).trim().replace(/\s+/g, ' ');
      const key = `${f.ruleId}\0${norm}`;
      const n = (seen.get(key) ?? 0) + 1;
      seen.set(key, n);
      const result: Sarif.Result = {
        ruleId: f.ruleId,
        ruleIndex,
        level: sarifLevel(f.severity),
        message: { text: f.message },
        // no snippets: a flagged value may be a secret, and SARIF files travel (uploads, build artifacts)
        locations: [{ physicalLocation: { artifactLocation, region: region(f.range) } }],
        partialFingerprints: { [FINGERPRINT_KEY]: fingerprint([f.ruleId, file.rel || file.path, norm, String(n)]) },
      };
      if (f.related?.length) {
        result.relatedLocations = f.related.map((r, i) => ({
          id: i + 1,
          message: { text: r.message },
          physicalLocation: { artifactLocation, region: region(r.range) },
        }));
      }
      if (f.severity !== ruleOf(rules, extra, ruleIndex).severity) result.properties = { severity: f.severity };
      results.push(result);
    }
  }

  const notes = opts.notes ?? [];
  const invocation: Sarif.Invocation = { executionSuccessful: !notes.some(n => n.level === 'error') };
  if (notes.length) {
    invocation.toolExecutionNotifications = notes.map(n => {
      const nt: Sarif.Notification = { level: n.level, message: { text: n.path ? `${n.path}: ${n.message}` : n.message } };
      return nt;
    });
  }

  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'Rampart',
          version: opts.toolVersion ?? packageInfo().version,
          semanticVersion: opts.toolVersion ?? packageInfo().version,
          informationUri: HOMEPAGE,
          rules: [...rules, ...extra].map(descriptor),
        },
      },
      invocations: [invocation],
      originalUriBaseIds: { '%SRCROOT%': { uri: dirUri(path.resolve(opts.root)) } },
      columnKind: 'utf16CodeUnits',
      results,
    }],
  };
}

function ruleOf(rules: ReportRule[], extra: ReportRule[], i: number): ReportRule {
  return i < rules.length ? rules[i] : extra[i - rules.length];
}

function region(r: Finding['range']): Sarif.Region {
  return { startLine: r.start.line + 1, startColumn: r.start.character + 1, endLine: r.end.line + 1, endColumn: r.end.character + 1 };
}
