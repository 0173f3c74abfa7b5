/**
 * The project configuration file, `.rampart.yaml` (or `.rampart.yml`, `.rampart.json`), kept in a repository so
 * that the CLI, CI and every editor apply the same rule settings:
 *
 *   rules:                                   # per rule: "off" or another severity
 *     dockerfile/healthcheck-present: off
 *     dockerfile/image-digest-pinned: high
 *   exclude:                                 # gitignore-style globs, relative to this file's directory
 *     - legacy/**
 *   failOn: medium                           # the CLI's --fail-on when the command line does not give one
 *
 * It is data only: nothing in it is ever executed. Reading never throws; each problem names the file, line and
 * column, and the valid parts are kept (the CLI refuses to scan with a broken file; the editor shows the
 * problems on the file and uses the rest).
 */
import * as fs from 'fs';
import * as path from 'path';
import ignore, { type Ignore } from 'ignore';
import type { Node } from 'yaml';
import { ruleById, PARSE_ERROR_RULE } from '../engine/engine';
import { isSeverity, SEVERITIES, type Severity } from '../engine/types';

/** The names looked for, in this order, in each directory. */
export const CONFIG_NAMES = ['.rampart.yaml', '.rampart.yml', '.rampart.json'] as const;

export interface ProjectConfig {
  /** Absolute path of the file. */
  file: string;
  /** Its directory: `exclude` globs are relative to it. */
  dir: string;
  rules: Record<string, 'off' | Severity>;
  exclude: string[];
  failOn: Severity | 'none' | null;
}

/** A problem in a configuration file; line and column are 1-based. */
export interface ConfigProblem {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
}

export interface LoadedConfig { config: ProjectConfig; problems: ConfigProblem[] }

/** `file:line:column: message`, as compilers print it. */
export function formatProblem(p: ConfigProblem, cwd = process.cwd()): string {
  const rel = path.relative(cwd, p.file);
  const shown = rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : p.file;
  return `${shown}:${p.line}:${p.column}: ${p.message}`;
}

/** The yaml package, loaded on first use: most runs have no configuration file, and loading it costs ~50 ms. */
let yamlModule: typeof import('yaml') | null = null;
// eslint-disable-next-line @typescript-eslint/no-var-requires
const yaml = () => (yamlModule ??= require('yaml') as typeof import('yaml'));

/** Files larger than this are not read (a configuration is a few lines). */
const MAX_CONFIG_BYTES = 256 * 1024;
/** The settings a configuration file may hold. */
export const CONFIG_KEYS = ['rules', 'exclude', 'failOn'] as const;
const KEYS: readonly string[] = CONFIG_KEYS;

/** Parses and validates a configuration file's text. Never throws. */
export function parseProjectConfig(file: string, text: string): LoadedConfig {
  const config: ProjectConfig = { file, dir: path.dirname(file), rules: {}, exclude: [], failOn: null };
  const problems: ConfigProblem[] = [];
  const { isMap, isScalar, isSeq, LineCounter, parseDocument } = yaml();
  const lc = new LineCounter();
  const at = (start: number, end: number, message: string) => {
    const a = lc.linePos(start), b = lc.linePos(Math.max(start, end));
    problems.push({ file, line: a.line, column: a.col, endLine: b.line, endColumn: b.col, message });
  };
  const on = (n: Node | null | undefined, message: string) => {
    const r = (n as Node | null)?.range;
    if (r) at(r[0], r[1], message); else at(0, 0, message);
  };
  let doc;
  try {
    // YAML 1.2 (`off` is a string), one document, no custom tags; aliases are never expanded (no alias bombs)
    doc = parseDocument(text.replace(/^\uFEFF/, ''), { lineCounter: lc, prettyErrors: false, uniqueKeys: true, customTags: [] });
  } catch (e) {
    at(0, 0, `could not be read: ${e instanceof Error ? e.message : String(e)}`);
    return { config, problems };
  }
  for (const e of doc.errors) at(e.pos[0], e.pos[1], e.message.split('\n')[0]);
  if (doc.errors.length) return { config, problems };
  const root = doc.contents;
  if (root === null || (isScalar(root) && (root.value === null || root.value === ''))) return { config, problems }; // empty file
  if (!isMap(root)) { on(root, `expected settings (${KEYS.join(', ')}), found ${describe(root)}`); return { config, problems }; }

  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : null;
    const value = pair.value as Node | null;
    if (key === 'rules') readRules(value, config, on);
    else if (key === 'exclude') {
      if (value === null || (isScalar(value) && value.value === null)) continue;
      if (!isSeq(value)) { on(value, 'exclude: expected a list of gitignore-style globs'); continue; }
      for (const item of value.items) {
        if (isScalar(item) && typeof item.value === 'string') { if (item.value.trim()) config.exclude.push(item.value); }
        else on(item as Node, `exclude: expected a glob (a string), found ${describe(item as Node)}`);
      }
    } else if (key === 'failOn') {
      const v = isScalar(value) ? value.value : undefined;
      if (v === 'none' || isSeverity(v)) config.failOn = v;
      else on(value ?? pair.key, `failOn: expected none or a severity (${SEVERITIES.join(', ')}), found ${describe(value)}`);
    } else {
      on(pair.key, `unknown setting ${key === null ? describe(pair.key as Node) : JSON.stringify(key)} (expected ${KEYS.join(', ')})`);
    }
  }
  return { config, problems };
}

function readRules(value: Node | null, config: ProjectConfig, on: (n: Node | null | undefined, message: string) => void): void {
  const { isMap, isScalar } = yaml();
  if (value === null || (isScalar(value) && value.value === null)) return;
  if (!isMap(value)) { on(value, 'rules: expected a map of rule id to "off" or a severity'); return; }
  for (const item of value.items) {
    const id = isScalar(item.key) ? String(item.key.value) : null;
    if (id === null || (!ruleById.has(id) && id !== PARSE_ERROR_RULE)) {
      const near = id === null ? null : nearestRuleId(id);
      on(item.key as Node, `rules: ${id === null ? describe(item.key as Node) : JSON.stringify(id)} is not a rule id${near ? ` (did you mean ${near}?)` : ''}`);
      continue;
    }
    const v = isScalar(item.value) ? item.value.value : undefined;
    if (v === 'off' || isSeverity(v)) config.rules[id] = v;
    else on((item.value as Node | null) ?? (item.key as Node), `rules: ${id}: expected off or a severity (${SEVERITIES.join(', ')}), found ${describe(item.value as Node | null)}`);
  }
}

function describe(n: Node | null | undefined): string {
  const { isAlias, isMap, isScalar, isSeq } = yaml();
  if (n === null || n === undefined) return 'nothing';
  if (isMap(n)) return 'a map';
  if (isSeq(n)) return 'a list';
  if (isScalar(n)) return n.value === null ? 'nothing' : JSON.stringify(n.value);
  if (isAlias(n)) return `an alias (*${n.source}), which is not supported here`;
  return 'an unsupported value';
}

/** The rule id closest to a misspelt one (edit distance at most a third of its name's length), or null. */
function nearestRuleId(id: string): string | null {
  let best: string | null = null;
  let bestD = Math.max(2, Math.floor(id.slice(id.indexOf('/') + 1).length / 3)) + 1;
  for (const known of ruleById.keys()) {
    // the id without its domain (`healthcheck-present`), or cut short (`dockerfile/healthcheck`), are common slips
    if (known.endsWith('/' + id) || known.startsWith(id + '-')) return known;
    const d = distance(id, known, bestD);
    if (d < bestD) { bestD = d; best = known; }
  }
  return best;
}

/** Levenshtein distance, giving up (returning `limit`) once it is reached. */
function distance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) >= limit) return limit;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let min = i;
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (cur[j] < min) min = cur[j];
    }
    if (min >= limit) return limit;
    prev = cur;
  }
  return Math.min(prev[b.length], limit);
}

/** Reads and validates a configuration file. Never throws: a file that cannot be read is a problem at 1:1. */
export function loadProjectConfig(file: string): LoadedConfig {
  const abs = path.resolve(file);
  const fail = (message: string): LoadedConfig => ({
    config: { file: abs, dir: path.dirname(abs), rules: {}, exclude: [], failOn: null },
    problems: [{ file: abs, line: 1, column: 1, endLine: 1, endColumn: 1, message }],
  });
  let buf: Buffer;
  try {
    const st = fs.statSync(abs);
    if (!st.isFile()) return fail('not a file');
    if (st.size > MAX_CONFIG_BYTES) return fail(`larger than ${MAX_CONFIG_BYTES / 1024} KB; not read`);
    buf = fs.readFileSync(abs);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException)?.code;
    return fail(code === 'ENOENT' ? 'does not exist' : `unreadable: ${code ?? String(e)}`);
  }
  if (buf.includes(0)) return fail('binary, not a configuration file');
  return parseProjectConfig(abs, buf.toString('utf8'));
}

/**
 * The configuration file in `dir` or the nearest directory above it, or null. The search stops at the top of a
 * git work tree (the directory holding `.git`): a file above the repository is not the project's.
 */
export function findProjectConfig(dir: string): string | null {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    for (const name of CONFIG_NAMES) {
      const p = path.join(d, name);
      try { if (fs.statSync(p).isFile()) return p; } catch { /* not here */ }
    }
    if (path.dirname(d) === d || fs.existsSync(path.join(d, '.git'))) return null;
  }
}

/** Is `file` excluded by the configuration's globs (matched relative to the configuration's directory)? */
export function excludedBy(config: ProjectConfig, file: string, isDir = false): boolean {
  if (!config.exclude.length) return false;
  const rel = path.relative(config.dir, file).split(path.sep).join('/');
  if (!rel || rel.startsWith('../') || rel === '..' || path.isAbsolute(rel)) return false;
  const ig = matcher(config);
  const parts = rel.split('/');
  for (let i = 1; i <= parts.length; i++) {
    const sub = parts.slice(0, i).join('/');
    if (ig.ignores(i < parts.length || isDir ? sub + '/' : sub)) return true;
  }
  return false;
}

const matchers = new WeakMap<ProjectConfig, Ignore>();
function matcher(config: ProjectConfig): Ignore {
  let ig = matchers.get(config);
  if (!ig) matchers.set(config, ig = ignore().add(config.exclude));
  return ig;
}
