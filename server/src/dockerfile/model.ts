/**
 * The Dockerfile domain model: stages, base images, variables and the shell commands of RUN instructions,
 * built once per document version and shared by every Dockerfile rule.
 */
import { parseDockerfile, plainSegment, splitWords, subSegment, unquote, type Instruction, type ParsedDockerfile, type Segmented, type Span, type Word } from './parser';
import { execFormSegment, nestedScript, parseShell, type ShellCommand } from './shell';

const SHELLS = /^(ba|da|a|z|k)?sh$/;

export interface ImageRef {
  /** The FROM argument as written. */
  word: Word;
  /** After ${VAR} substitution with the global ARG defaults. */
  expanded: string;
  /** True when a variable had no value to substitute. */
  unresolved: boolean;
  /** Repository without tag or digest, e.g. `docker.io/library/node` or `node`. */
  name: string;
  tag: string | null;
  digest: string | null;
  /** Document spans of `:tag` / `@digest` when the image is written literally (no variables). */
  tagSpan: Span | null;
  digestSpan: Span | null;
  scratch: boolean;
  /** The name of an earlier stage (FROM builder), not a registry image. */
  stageRef: Stage | null;
}

export interface Stage {
  index: number;
  from: Instruction;
  image: ImageRef | null;
  /** `AS name` */
  alias: Word | null;
  platform: Word | null;
  /** Instructions after FROM, up to the next FROM. */
  instructions: Instruction[];
}

export interface RunCommand {
  instruction: Instruction;
  stage: Stage;
  command: ShellCommand;
}

const NO_RUNS: readonly RunCommand[] = [];

export interface KeyValue { key: Word; value: Word | null; /** Unquoted value */ text: string | null }

export class DockerfileModel {
  readonly stages: Stage[] = [];
  /** ARGs declared before the first FROM, with their default values. */
  readonly globalArgs = new Map<string, string | null>();
  private _runs: RunCommand[] | null = null;
  /** Per-instruction caches, by Instruction.index (for this model's own instructions: see owns()). */
  private _shell: (ShellCommand[] | undefined)[] = [];
  private _kv: (KeyValue[] | undefined)[] = [];
  /** Position of each instruction in its stage's list. */
  private _at: (number | undefined)[] = [];
  // made on first use: many documents never need them
  private _named: Map<string, readonly RunCommand[]> | null = null;
  private _derived: Map<symbol, unknown> | null = null;

  constructor(readonly ast: ParsedDockerfile) {
    for (const ins of ast.instructions) {
      if (ins.keyword === 'FROM') {
        this.stages.push(this.makeStage(ins));
      } else if (ins.stage === -1) {
        if (ins.keyword === 'ARG') for (const kv of this.keyValues(ins)) if (!this.globalArgs.has(kv.key.value)) this.globalArgs.set(kv.key.value, kv.text);
      } else if (this.stages.length) {
        const list = this.stages[this.stages.length - 1].instructions;
        this._at[ins.index] = list.length;
        list.push(ins);
      }
    }
  }

  /** A reading of the document that several rules share (e.g. workdirAt's): computed on first use, kept with the model. */
  derived<T>(key: symbol, compute: (model: DockerfileModel) => T): T {
    const derived = (this._derived ??= new Map());
    if (derived.has(key)) return derived.get(key) as T;
    const value = compute(this);
    derived.set(key, value);
    return value;
  }

  private owns(ins: Instruction): boolean {
    return this.ast.instructions[ins.index] === ins;
  }

  get text(): string { return this.ast.text; }
  get instructions(): Instruction[] { return this.ast.instructions; }
  get finalStage(): Stage | null { return this.stages.length ? this.stages[this.stages.length - 1] : null; }

  /** Instructions of one keyword in a stage (or everywhere). */
  all(keyword: string, stage?: Stage): Instruction[] {
    return (stage ? stage.instructions : this.ast.instructions).filter(i => i.keyword === keyword);
  }

  stageOf(ins: Instruction): Stage | null {
    return ins.stage >= 0 ? this.stages[ins.stage] ?? null : null;
  }

  /** The simple commands a RUN instruction executes (shell form, heredoc scripts, `sh -c '…'` bodies). */
  shell(ins: Instruction): ShellCommand[] {
    const own = this.owns(ins);
    let cmds = own ? this._shell[ins.index] : undefined;
    if (cmds) return cmds;
    cmds = [];
    if (ins.keyword === 'RUN') {
      if (ins.heredocs.length) {
        // `RUN <<EOF` and `RUN bash <<EOF` run the body as a script; `RUN cat <<EOF > file` or
        // `RUN python3 <<EOF` feed it as data, which is not shell. Each body goes to the command whose `<<NAME`
        // names it: in `cat <<A > f && bash <<B`, B is a script and A is data.
        const head = parseShell(restSegment(ins)).filter(c => c.argv.length > 0);
        const shells = head.filter(c => SHELLS.test(c.name) && !c.argv.some(w => /^-[a-z]*c[a-z]*$/.test(w.value)));
        expandNested(head.filter(c => !shells.includes(c)), cmds);
        for (const h of ins.heredocs) {
          const reader = head.find(c => c.redirections.some(r => (r.op === '<<' || r.op === '<<-') && r.target?.value === h.name));
          // a body no command names (a marker the tokenizer could not pair) is a script when a shell reads some body
          const script = head.length === 0 || (reader ? shells.includes(reader) : shells.length > 0);
          if (script) expandNested(parseShell(bodySegment(h.body, h.content)), cmds);
        }
      } else if (ins.json) {
        expandNested(parseShell(execFormSegment(ins.json, this.text)), cmds);
      } else {
        expandNested(parseShell(restSegment(ins)), cmds);
      }
    }
    if (own) this._shell[ins.index] = cmds;
    return cmds;
  }

  /** Every simple command of every RUN, in order. */
  runs(): RunCommand[] {
    if (this._runs) return this._runs;
    const out: RunCommand[] = [];
    for (const stage of this.stages) {
      for (const ins of stage.instructions) {
        if (ins.keyword !== 'RUN') continue;
        for (const command of this.shell(ins)) out.push({ instruction: ins, stage, command });
      }
    }
    this._runs = out;
    return out;
  }

  /** The commands of every RUN that have one of these names (`chown`, `apt-get` …), in order (see runs()). */
  commandsNamed(...names: string[]): readonly RunCommand[] {
    const key = names.length === 1 ? names[0] : names.join(' ');
    let list = (this._named ??= new Map()).get(key);
    if (!list) {
      const out: RunCommand[] = [];
      for (const r of this.runs()) {
        const name = r.command.name;
        for (let k = 0; k < names.length; k++) if (name === names[k]) { out.push(r); break; }
      }
      this._named.set(key, list = out.length ? out : NO_RUNS);
    }
    return list;
  }

  /** ENV/ARG/LABEL pairs: `KEY=value …` or the legacy `KEY value with spaces` (read once per instruction). */
  keyValues(ins: Instruction): KeyValue[] {
    if (!this.owns(ins)) return this.readKeyValues(ins);
    return this._kv[ins.index] ??= this.readKeyValues(ins);
  }

  private readKeyValues(ins: Instruction): KeyValue[] {
    const words = ins.words;
    if (!words.length) return [];
    if (ins.keyword === 'ARG' || words[0].value.includes('=')) {
      return words.map(w => {
        const eq = w.value.indexOf('=');
        if (eq === -1) return { key: w, value: null, text: null };
        const key: Word = { value: w.value.slice(0, eq), start: w.start, end: w.start + eq };
        const value: Word = { value: w.value.slice(eq + 1), start: w.start + eq + 1, end: w.end };
        return { key, value, text: unquote(value.value) };
      });
    }
    const key = words[0];
    const rest = words.slice(1);
    if (!rest.length) return [{ key, value: null, text: null }];
    const value: Word = { value: this.text.slice(rest[0].start, rest[rest.length - 1].end), start: rest[0].start, end: rest[rest.length - 1].end };
    return [{ key, value, text: unquote(rest.map(r => r.value).join(' ')) }];
  }

  /**
   * Variables visible just before `ins`: the stage's ARG (with global defaults) and ENV, and the ENV of the
   * stages it is built on (`FROM <stage>`). Each stage is indexed once per document, so rules may ask for many
   * instructions and stay linear on huge files.
   */
  variablesAt(ins: Instruction): VarLookup {
    const stage = this.stageOf(ins);
    if (!stage) return this.globalArgs;
    const at = this.owns(ins) ? this._at[ins.index] : undefined;
    return new VariablesView(this.varIndex(stage), at ?? stage.instructions.length);
  }

  private _vars: Map<Stage, Map<string, VarDef[]>> | null = null;
  private varIndex(stage: Stage, seen?: Set<Stage>): Map<string, VarDef[]> {
    const cached = (this._vars ??= new Map()).get(stage);
    if (cached) return cached;
    const defs = new Map<string, VarDef[]>();
    const vars = new Map<string, string | null>();
    const base = stage.image?.stageRef;
    if (base && !seen?.has(base)) {
      (seen ??= new Set()).add(base);
      for (const [name, list] of this.varIndex(base, seen)) {
        let k = list.length - 1; // the last ENV
        while (k >= 0 && !list[k].env) k--;
        if (k >= 0) define(defs, vars, name, list[k].value, -1, true);
      }
    }
    const list = stage.instructions;
    for (let at = 0; at < list.length; at++) {
      const i = list[at];
      if (i.keyword !== 'ARG' && i.keyword !== 'ENV') continue;
      for (const kv of this.keyValues(i)) {
        const name = kv.key.value;
        const value = i.keyword === 'ARG'
          ? (kv.text !== null ? expandVars(kv.text, vars).value : this.globalArgs.get(name) ?? null)
          : (kv.text === null ? null : expandVars(kv.text, vars).value);
        define(defs, vars, name, value, at, i.keyword === 'ENV');
      }
    }
    this._vars.set(stage, defs);
    return defs;
  }

  /** The USER in effect at the end of a stage: its last USER, else the one its base stage ends with. */
  effectiveUser(stage: Stage, seen = new Set<Stage>()): Instruction | null {
    const users = this.all('USER', stage);
    if (users.length) return users[users.length - 1];
    const base = stage.image?.stageRef;
    if (base && !seen.has(base)) { seen.add(base); return this.effectiveUser(base, seen); }
    return null;
  }

  /** Where a new instruction should go to take effect for the final command: before the final stage's
   * first CMD/ENTRYPOINT (else at the end). Returns the offset of that line's start and its indentation. */
  insertionPointBeforeCommand(stage: Stage): { offset: number; atEnd: boolean } {
    const cmd = stage.instructions.find(i => i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT');
    if (cmd) {
      const lineStart = this.text.lastIndexOf('\n', cmd.start - 1) + 1;
      return { offset: lineStart, atEnd: false };
    }
    const last = stage.instructions.length ? stage.instructions[stage.instructions.length - 1] : stage.from;
    return { offset: last.end, atEnd: true };
  }

  private makeStage(ins: Instruction): Stage {
    const w = ins.words;
    const platform = ins.flags.find(f => f.name === 'platform');
    const stage: Stage = {
      index: this.stages.length, from: ins, image: null,
      alias: w.length >= 3 && w[1].value.toLowerCase() === 'as' ? w[2] : null,
      platform: platform ? { value: platform.value ?? '', start: platform.start, end: platform.end } : null,
      instructions: [],
    };
    if (w.length) stage.image = this.imageRef(w[0]);
    return stage;
  }

  private imageRef(word: Word): ImageRef {
    const { value: expanded, unresolved } = expandVars(word.value, this.globalArgs);
    const literal = !word.value.includes('$');
    let rest = expanded;
    let digest: string | null = null;
    let digestSpan: Span | null = null;
    const at = rest.indexOf('@');
    if (at !== -1) {
      digest = rest.slice(at + 1);
      if (literal) digestSpan = { start: word.start + at, end: word.start + rest.length };
      rest = rest.slice(0, at);
    }
    let tag: string | null = null;
    let tagSpan: Span | null = null;
    const colon = rest.lastIndexOf(':');
    if (colon > rest.lastIndexOf('/')) {
      tag = rest.slice(colon + 1);
      if (literal) tagSpan = { start: word.start + colon, end: word.start + rest.length };
      rest = rest.slice(0, colon);
    }
    const lower = rest.toLowerCase();
    const stageRef = this.stages.find(s => s.alias && s.alias.value.toLowerCase() === lower && tag === null && digest === null) ?? null;
    return { word, expanded, unresolved, name: rest, tag, digest, tagSpan, digestSpan, scratch: lower === 'scratch', stageRef };
  }
}

/** ${VAR}, $VAR, ${VAR:-default}, ${VAR-default}, ${VAR:+alt}, ${VAR+alt}; \$ stays literal. */
export function expandVars(s: string, vars: VarLookup): { value: string; unresolved: boolean } {
  if (!s.includes('$')) return { value: s, unresolved: false };
  let unresolved = false;
  const value = s.replace(/\\\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
    (m, braced: string | undefined, op: string | undefined, word: string | undefined, bare: string | undefined) => {
      if (m === '\\$') return '$';
      const name = (braced ?? bare)!;
      const has = vars.has(name);
      const v = vars.get(name);
      const set = has && v !== null && v !== undefined;
      const nonEmpty = set && v !== '';
      if (op === ':-') return nonEmpty ? v! : word ?? '';
      if (op === '-') return set ? v! : word ?? '';
      if (op === ':+') return nonEmpty ? word ?? '' : '';
      if (op === '+') return set ? word ?? '' : '';
      if (!set) { unresolved = true; return ''; }
      return v!;
    });
  return { value, unresolved };
}

function restSegment(ins: Instruction): Segmented {
  if (ins.restStart === 0) return ins.args;
  return subSegment(ins.args, ins.restStart, ins.args.text.length);
}

function bodySegment(body: Span, content: string): Segmented {
  return plainSegment(content, body.start);
}

/** Appends each command to `out`, followed by the commands of the script it runs (`sh -c '…'`), recursively. */
function expandNested(cmds: ShellCommand[], out: ShellCommand[], depth = 0): ShellCommand[] {
  for (const c of cmds) {
    out.push(c);
    const inner = depth < 3 ? nestedScript(c) : null;
    if (inner) expandNested(parseShell(inner), out, depth + 1);
  }
  return out;
}

export function buildDockerfileModel(text: string): DockerfileModel {
  return new DockerfileModel(parseDockerfile(text));
}

export { splitWords };

/** A path resolved against a directory, with `.`/`..` and repeated or trailing slashes removed (POSIX, no file system). */
export function resolveImagePath(dir: string, p: string): string {
  // the usual cases need no splitting: an absolute path that is already normal (or is with its trailing slash
  // removed), and a plain relative path (`a/b`) against a normal directory
  if (p.charCodeAt(0) === 47) {
    if (isNormalPath(p)) return p;
    if (p.charCodeAt(p.length - 1) === 47 && isNormalPath(p.slice(0, -1))) return p.slice(0, -1);
  } else if (p !== '' && p.charCodeAt(0) !== 46 && !p.includes('//') && !p.includes('/.') && p.charCodeAt(p.length - 1) !== 47 && isNormalPath(dir)) {
    return dir.length === 1 ? '/' + p : dir + '/' + p;
  }
  const out: string[] = [];
  for (const part of (p.startsWith('/') ? p : `${dir}/${p}`).split('/')) {
    if (!part || part === '.') continue;
    if (part === '..') out.pop(); else out.push(part);
  }
  return '/' + out.join('/');
}

/** Absolute, without empty, `.` or `..` parts, and without a trailing slash (except `/` itself). */
function isNormalPath(p: string): boolean {
  return p.charCodeAt(0) === 47 && !p.includes('//') && !p.includes('/.') && (p.length === 1 || p.charCodeAt(p.length - 1) !== 47);
}

/** The stage and the earlier stages it is built on (`FROM <stage>`), nearest first. */
export function stageChain(stage: Stage): Stage[] {
  const out: Stage[] = [];
  for (let s: Stage | null = stage; s && !out.includes(s); s = s.image?.stageRef ?? null) out.push(s);
  return out;
}

/**
 * The working directory just before `ins` (absolute), following WORKDIR through the stages it is built on.
 * null when it is unknown: set by an unresolved variable, or never set on top of a registry image (whose own
 * WORKDIR is not known offline). `scratch` starts at `/`. Computed once per document.
 */
export function workdirAt(model: DockerfileModel, ins: Instruction): string | null {
  if (model.instructions[ins.index] !== ins) return null; // not one of the model's own
  return model.derived(WORKDIRS, workdirs)[ins.index] ?? null;
}
const WORKDIRS = Symbol('workdirs');

/** The working directory before each instruction of a stage, by Instruction.index. */
function workdirs(model: DockerfileModel): (string | null)[] {
  const dirs: (string | null)[] = [];
  const finalDir = new Map<Stage, string | null>();
  for (const stage of model.stages) {
    const base = stage.image?.stageRef;
    let dir: string | null = base ? finalDir.get(base) ?? null : stage.image?.scratch ? '/' : null;
    for (const i of stage.instructions) {
      dirs[i.index] = dir;
      if (i.keyword !== 'WORKDIR') continue;
      const raw = unquote(i.args.text.slice(i.restStart).trim());
      const { value, unresolved } = raw.includes('$') ? expandVars(raw, model.variablesAt(i)) : { value: raw, unresolved: false };
      if (unresolved || !value) dir = null;
      else if (value.startsWith('/')) dir = resolveImagePath('/', value);
      else dir = dir === null ? null : resolveImagePath(dir, value);
    }
    finalDir.set(stage, dir);
  }
  return dirs;
}

/** Variable lookup for expandVars: a Map, or a view of one point of a stage. */
export interface VarLookup { has(name: string): boolean; get(name: string): string | null | undefined }

interface VarDef { at: number; value: string | null; env: boolean }

function define(defs: Map<string, VarDef[]>, vars: Map<string, string | null>, name: string, value: string | null, at: number, env: boolean) {
  vars.set(name, value);
  const list = defs.get(name);
  if (list) list.push({ at, value, env }); else defs.set(name, [{ at, value, env }]);
}

/** The variables of one point of a stage, answered from the stage's definition index. */
class VariablesView implements VarLookup {
  constructor(private readonly defs: Map<string, VarDef[]>, private readonly at: number) {}
  private find(name: string): VarDef | undefined {
    const list = this.defs.get(name);
    if (!list) return undefined;
    let lo = 0, hi = list.length; // first definition at or after `at`
    while (lo < hi) { const mid = (lo + hi) >> 1; if (list[mid].at < this.at) lo = mid + 1; else hi = mid; }
    return lo > 0 ? list[lo - 1] : undefined;
  }
  has(name: string): boolean { return this.find(name) !== undefined; }
  get(name: string): string | null | undefined { return this.find(name)?.value; }
}
