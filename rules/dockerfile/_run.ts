/** Shared reading of RUN commands for the rules about what RUN executes: stages, sequences, cache mounts, edits. */
import type { OffsetEdit } from '../../server/src/engine/types';
import { stageChain, type DockerfileModel, type Stage } from '../../server/src/dockerfile/model';
import type { Instruction, Span } from '../../server/src/dockerfile/parser';
import type { ShellCommand, ShellWord } from '../../server/src/dockerfile/shell';

/** The stages whose layers end up in the final image: the final stage and the stages it is built on. */
export function shippedStages(model: DockerfileModel): Set<Stage> {
  return new Set(model.finalStage ? stageChain(model.finalStage) : []);
}

/** RUN instructions of the given stages, in build order. */
export function runsIn(stages: Iterable<Stage>): Instruction[] {
  const out: Instruction[] = [];
  for (const s of [...stages].sort((a, b) => a.index - b.index)) for (const i of s.instructions) if (i.keyword === 'RUN') out.push(i);
  return out;
}

const SHIPPED_RUNS = Symbol('shipped runs');

/** The RUN instructions of the stages that end up in the final image, in build order (read once per document). */
export function shippedRuns(model: DockerfileModel): Instruction[] {
  return model.derived(SHIPPED_RUNS, m => runsIn(shippedStages(m)));
}

/** The command that follows `c` in its own script (same source, not a substitution), or null. */
export function nextInSequence(cmds: ShellCommand[], c: ShellCommand): ShellCommand | null {
  for (let i = cmds.indexOf(c) + 1; i < cmds.length; i++) if (cmds[i].source === c.source && !cmds[i].context) return cmds[i];
  return null;
}

/** Targets of the RUN's `--mount=type=cache,target=…` flags. */
export function cacheMounts(ins: Instruction): string[] {
  const out: string[] = [];
  for (const f of ins.flags) {
    if (f.name !== 'mount' || !f.value) continue;
    const kv = new Map(f.value.split(',').map(p => { const e = p.indexOf('='); return e === -1 ? [p, ''] : [p.slice(0, e), p.slice(e + 1)]; }));
    const target = kv.get('target') ?? kv.get('dst') ?? kv.get('destination');
    if (kv.get('type') === 'cache' && target) out.push(target.replace(/\/+$/, '') || '/');
  }
  return out;
}

/** True when one of the RUN's cache mounts covers `dir` (the mount is `dir` or one of its parents). */
export function cacheCovers(ins: Instruction, dir: string): boolean {
  if (!ins.flags.length) return false;
  return cacheMounts(ins).some(t => dir === t || dir.startsWith(t + '/'));
}

/** The operands of `rm` commands after index `from` in `cmds`. */
export function removedPaths(cmds: ShellCommand[], from: number): string[] {
  const out: string[] = [];
  for (const c of cmds.slice(from + 1)) {
    if (c.name !== 'rm') continue;
    for (const w of c.argv.slice(1)) if (!w.value.startsWith('-')) out.push(w.value);
  }
  return out;
}

/** True when the word's document text is exactly what the shell read (no quoting or escapes) and it is not a whole
 * element of an exec-form JSON array, so that edits next to it are plain text edits. */
export function editable(model: DockerfileModel, ins: Instruction, w: ShellWord): boolean {
  if (model.text.slice(w.start, w.end) !== w.raw) return false;
  return !ins.json?.some(e => e.start + 1 === w.start && e.end - 1 === w.end);
}

/** Deletes `count` consecutive words starting at words[index], with the whitespace that separates them. */
export function deleteWords(words: Span[], index: number, count = 1): OffsetEdit {
  const lastWord = words[index + count - 1];
  if (index > 0) return { start: words[index - 1].end, end: lastWord.end, newText: '' };
  const next = words[index + count];
  return { start: words[index].start, end: next ? next.start : lastWord.end, newText: '' };
}

/**
 * Appends `text` (e.g. ` && rm -rf /var/lib/apt/lists/*`) right after command `c`, when that keeps the shell's
 * grouping: `c` is a plain command of its script (not inside a pipeline, a substitution or `find -exec`) and the
 * next operator is `&&`, `;`, `||`, a newline or nothing. Returns null otherwise.
 */
export function appendAfter(model: DockerfileModel, ins: Instruction, cmds: ShellCommand[], c: ShellCommand, text: string): OffsetEdit | null {
  if (c.context || c.op === '|' || !c.argv.length) return null;
  const next = nextInSequence(cmds, c);
  if (next && (next.op === '|' || next.op === '&' || next.op === '(')) return null;
  const last = c.words[c.words.length - 1];
  if (!editable(model, ins, last)) return null;
  // after redirections too (`apt-get install x > /dev/null`)
  return { start: c.end, end: c.end, newText: text };
}

export interface Assignment { name: string; value: string; word: ShellWord }

/** `NAME=value` words that set the environment of command `c` (`NAME=v cmd`, `env NAME=v cmd`, `export NAME=v`). */
export function assignments(c: ShellCommand): Assignment[] {
  if (c.name !== 'export' && c.argv.length && c.words[0] === c.argv[0]) return []; // nothing before the command
  const head = c.argv.length ? c.words.slice(0, c.words.indexOf(c.argv[0])) : c.words;
  const words = c.name === 'export' ? [...head, ...c.argv.slice(1)] : head;
  const out: Assignment[] = [];
  for (const w of words) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(w.value);
    if (m) out.push({ name: m[1], value: w.value.slice(m[0].length), word: w });
  }
  return out;
}

/** curl's short options that take a value (the next word, or the rest of a short cluster). */
export const CURL_VALUED = 'AbcCdDeEFHKmoPQrtTuUwxXyYz';

/**
 * How a tool reads its options (getopt_long: short clusters, `-pVALUE`, `--long VALUE`, `--long=VALUE`, options
 * after operands, `--`): the letters and long names that take a value, and each long name's key (its short letter).
 * `optional` keys take a value only when it is attached (`mysql -pSECRET`, `--password=SECRET`; `-p` alone asks for
 * it); with `posix`, options end at the first operand (`sshpass -p x ssh -p 22 host`).
 */
export interface OptionSpec { valued: Set<string>; long: Record<string, string>; optional?: Set<string>; posix?: boolean }
export const optionSpec = (valued: string[], long: Record<string, string>, more: { optional?: string[]; posix?: boolean } = {}): OptionSpec =>
  ({ valued: new Set(valued), long, optional: more.optional && new Set(more.optional), posix: more.posix });

export interface Option {
  key: string;
  word: ShellWord;
  value: string | null;
  /** The option with its value. */
  span: Span;
  /** The word that holds the value (the option's own word when it is attached), and where the value starts in its value. */
  valueWord: ShellWord | null;
  valueAt: number;
}

/** The options and operands of a command read the way getopt_long reads them (exact long names only). */
export function readOptions(args: ShellWord[], s: OptionSpec): { options: Option[]; operands: ShellWord[] } {
  const options: Option[] = [];
  const operands: ShellWord[] = [];
  let only = false;
  for (let i = 0; i < args.length; i++) {
    const w = args[i];
    const v = w.value;
    if (only || v === '-' || !v.startsWith('-')) { operands.push(w); if (s.posix) only = true; continue; }
    if (v === '--') { only = true; continue; }
    const take = (key: string, at: number): void => {
      const attached = at < 0 ? null : v.slice(at);
      if (s.optional?.has(key) || !s.valued.has(key) || attached !== null) {
        const value = s.valued.has(key) || s.optional?.has(key) ? attached : null;
        options.push({ key, word: w, value, span: w, valueWord: value === null ? null : w, valueAt: value === null ? 0 : at });
        return;
      }
      const next = args[i + 1];
      if (next) i++;
      options.push({ key, word: w, value: next ? next.value : null, span: { start: w.start, end: next ? next.end : w.end }, valueWord: next ?? null, valueAt: 0 });
    };
    if (v.startsWith('--')) {
      const eq = v.indexOf('=');
      const name = v.slice(2, eq === -1 ? undefined : eq);
      take(Object.prototype.hasOwnProperty.call(s.long, name) ? s.long[name] : name, eq === -1 ? -1 : eq + 1);
      continue;
    }
    for (let j = 1; j < v.length; j++) {
      if (s.valued.has(v[j]) || s.optional?.has(v[j])) { take(v[j], j + 1 < v.length ? j + 1 : -1); break; }
      options.push({ key: v[j], word: w, value: null, span: w, valueWord: null, valueAt: 0 });
    }
  }
  return { options, operands };
}
