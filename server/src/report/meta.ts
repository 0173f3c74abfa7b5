/** What the reports say about Rampart itself and its rules: version, and every rule id a finding can carry. */
import * as fs from 'fs';
import * as path from 'path';
import { allRules } from '../../../rules/index';
import type { RuleMeta } from '../../../rules/rule';
import { PARSE_ERROR_META, ruleById } from '../engine/engine';
import { ruleDocUrl } from '../engine/docs';
import type { FileKind, Finding, FixSafety } from '../engine/types';

let pkg: { name: string; version: string; homepage?: string } | undefined;

/** Rampart's package.json, found by walking up from this module (works from the sources and from any build dir). */
export function packageInfo(): { name: string; version: string } {
  if (pkg) return pkg;
  let dir = __dirname;
  for (let i = 0; i < 8; i++) {
    try {
      const p = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
      if (p && p.name === 'rampart' && typeof p.version === 'string') return (pkg = p);
    } catch { /* keep looking */ }
    const up = path.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return (pkg = { name: 'rampart', version: '0.0.0' });
}

export type ReportRule = RuleMeta & { kind: FileKind | 'any' };

/** Every rule, sorted by id, followed by the parse-error pseudo-rule. */
export function reportRules(): ReportRule[] {
  return [...(allRules as ReportRule[])].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).concat(PARSE_ERROR_META as ReportRule);
}

export function ruleHelpUrl(r: ReportRule): string {
  return ruleDocUrl(r.id);
}

/**
 * What --fix can do for a finding: 'safe' (applied by --fix), 'unsafe' (needs --unsafe-fixes) or null. Uses the
 * finding's computed fixes when present, else the rule's declared fix.
 */
export function fixSafety(f: Finding): FixSafety | null {
  if (f.fixes) return f.fixes.length ? (f.fixes.some(x => x.safety === 'safe') ? 'safe' : 'unsafe') : null;
  return f.fixable ? ruleById.get(f.ruleId)?.fix?.safety ?? 'safe' : null;
}
