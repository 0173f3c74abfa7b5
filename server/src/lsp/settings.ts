/**
 * The `rampart.*` settings: defaults, and a validator that never throws. Each bad value is replaced by its
 * default and described in `problems`, naming the setting, so the server can report it once.
 */
import { ruleById, PARSE_ERROR_RULE } from '../engine/engine';
import { isSeverity, type Severity } from '../engine/types';
import type { ProjectConfig } from '../config/project';

export type DiagnosticLevel = 'error' | 'warning' | 'information' | 'hint';
export const DIAGNOSTIC_LEVELS: readonly DiagnosticLevel[] = ['error', 'warning', 'information', 'hint'];

export interface Settings {
  enable: boolean;
  /** Findings below this severity are dropped. */
  minimumSeverity: Severity;
  /** Per rule: 'off' or another severity. */
  rules: Record<string, 'off' | Severity>;
  /** Stored for the Kubernetes rules. */
  kubernetesProfile: 'baseline' | 'restricted';
  /** gitignore-style globs, relative to the workspace folder. */
  exclude: string[];
  /** Stored for the Helm rules. */
  helmValuesFiles: string[];
  workspaceScan: boolean;
  severityMapping: Record<Severity, DiagnosticLevel>;
  /** The folder's project configuration (.rampart.yaml), whose rules are merged under `rules` and whose exclude globs apply too. */
  project: ProjectConfig | null;
}

export const DEFAULT_SEVERITY_MAPPING: Readonly<Record<Severity, DiagnosticLevel>> = Object.freeze({
  critical: 'error', high: 'error', medium: 'warning', low: 'information', info: 'hint',
});

export function defaultSettings(): Settings {
  return {
    enable: true, minimumSeverity: 'info', rules: {}, kubernetesProfile: 'restricted', exclude: [],
    helmValuesFiles: [], workspaceScan: true, severityMapping: { ...DEFAULT_SEVERITY_MAPPING }, project: null,
  };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const show = (v: unknown): string => {
  try { return JSON.stringify(v) ?? String(v); } catch { return String(v); }
};

/** Reads `section.key`, accepting both nested (`{kubernetes: {profile}}`) and dotted (`{"kubernetes.profile"}`) forms. */
function pick(raw: Record<string, unknown>, dotted: string): unknown {
  if (dotted in raw) return raw[dotted];
  const [head, ...rest] = dotted.split('.');
  if (!rest.length) return undefined;
  const inner = raw[head];
  return isObject(inner) ? pick(inner, rest.join('.')) : undefined;
}

export interface ParsedSettings { settings: Settings; problems: string[] }

/** Validates the `rampart` section as a client sent it (null/undefined = all defaults). */
export function parseSettings(raw: unknown): ParsedSettings {
  const s = defaultSettings();
  const problems: string[] = [];
  if (raw === null || raw === undefined) return { settings: s, problems };
  if (!isObject(raw)) return { settings: s, problems: [`rampart: expected an object of settings, got ${show(raw)}; using the defaults`] };
  const bad = (name: string, value: unknown, expected: string) =>
    problems.push(`rampart.${name}: ${show(value)} is not ${expected}; using the default`);

  const bool = (name: 'enable' | 'workspaceScan') => {
    const v = pick(raw, name);
    if (v === undefined || v === null) return;
    if (typeof v === 'boolean') s[name] = v; else bad(name, v, 'true or false');
  };
  bool('enable');
  bool('workspaceScan');

  const min = pick(raw, 'minimumSeverity');
  if (min !== undefined && min !== null) {
    if (isSeverity(min)) s.minimumSeverity = min; else bad('minimumSeverity', min, 'one of critical, high, medium, low, info');
  }

  const rules = pick(raw, 'rules');
  if (rules !== undefined && rules !== null) {
    if (!isObject(rules)) bad('rules', rules, 'an object of rule id to "off" or a severity');
    else {
      for (const [id, v] of Object.entries(rules)) {
        if (!ruleById.has(id) && id !== PARSE_ERROR_RULE) { problems.push(`rampart.rules: unknown rule id "${id}"; ignored`); continue; }
        if (v === 'off' || isSeverity(v)) s.rules[id] = v;
        else problems.push(`rampart.rules["${id}"]: ${show(v)} is not "off" or a severity (critical, high, medium, low, info); ignored`);
      }
    }
  }

  const profile = pick(raw, 'kubernetes.profile');
  if (profile !== undefined && profile !== null) {
    if (profile === 'baseline' || profile === 'restricted') s.kubernetesProfile = profile;
    else bad('kubernetes.profile', profile, '"baseline" or "restricted"');
  }

  const strings = (name: 'exclude' | 'helm.valuesFiles', set: (v: string[]) => void) => {
    const v = pick(raw, name);
    if (v === undefined || v === null) return;
    if (Array.isArray(v) && v.every(x => typeof x === 'string')) set(v.filter(x => x.trim() !== ''));
    else bad(name, v, 'an array of strings');
  };
  strings('exclude', v => { s.exclude = v; });
  strings('helm.valuesFiles', v => { s.helmValuesFiles = v; });

  const mapping = pick(raw, 'severityMapping');
  if (mapping !== undefined && mapping !== null) {
    if (!isObject(mapping)) bad('severityMapping', mapping, 'an object of severity to error, warning, information or hint');
    else {
      for (const [sev, level] of Object.entries(mapping)) {
        if (!isSeverity(sev)) { problems.push(`rampart.severityMapping: "${sev}" is not a severity (critical, high, medium, low, info); ignored`); continue; }
        if ((DIAGNOSTIC_LEVELS as readonly unknown[]).includes(level)) s.severityMapping[sev] = level as DiagnosticLevel;
        else problems.push(`rampart.severityMapping.${sev}: ${show(level)} is not one of error, warning, information, hint; ignored`);
      }
    }
  }
  return { settings: s, problems };
}

/**
 * A folder's settings with its project configuration under them: the configuration's rule settings apply unless
 * the user's own `rampart.rules` says otherwise (personal settings win over the repository's).
 */
export function withProject(s: Settings, project: ProjectConfig | null): Settings {
  if (!project) return s;
  return { ...s, rules: { ...project.rules, ...s.rules }, project };
}

/** Settings whose change means the workspace must be walked again (which files, or how they are read). */
export function scanInputsChanged(a: Settings, b: Settings): boolean {
  return a.enable !== b.enable || a.workspaceScan !== b.workspaceScan || show(a.exclude) !== show(b.exclude) ||
    a.project?.dir !== b.project?.dir || show(a.project?.exclude) !== show(b.project?.exclude) ||
    a.kubernetesProfile !== b.kubernetesProfile || show(a.helmValuesFiles) !== show(b.helmValuesFiles);
}

/** Settings that change which findings are shown, and how. */
export function filterChanged(a: Settings, b: Settings): boolean {
  return a.enable !== b.enable || a.minimumSeverity !== b.minimumSeverity || show(a.rules) !== show(b.rules) ||
    show(a.severityMapping) !== show(b.severityMapping);
}
