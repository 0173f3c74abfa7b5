/**
 * A small POSIX-shell tokenizer for RUN instructions and heredoc scripts: enough structure for hardening rules
 * (commands, their words, pipelines, operators, redirections, command substitutions) with exact document
 * offsets. It never throws and never evaluates anything.
 */
import type { Segmented, Span, Word } from './parser';
import { offsetAt, runAt, subSegment } from './parser';

export { subSegment };

export interface ShellWord extends Span {
  /** The word with quotes removed and escapes resolved ($(...) and `...` are kept verbatim). */
  value: string;
  /** The word as written. */
  raw: string;
  /** Position in the tokenized text (not the document). */
  from: number;
  to: number;
  /** Command and process substitutions inside the word (`$(…)`, `` `…` ``, `<(…)`, `>(…)`), outside single quotes. */
  subs?: Substitution[];
}

export interface Substitution extends Span {
  kind: '$(' | '`' | '<(' | '>(';
  /** The commands inside, parsed (their substitutions and nested scripts included). */
  commands: ShellCommand[];
}

export interface Redirection extends Span {
  /** The operator as written, with its file descriptors: `>`, `2>`, `>>`, `2>&1`, `&>`, `<<`, `<<<` … */
  op: string;
  /** The target word (`> file`), or null when the operator carries it (`2>&1`, `>&2`). */
  target: ShellWord | null;
}

export type ShellOp = '' | '&&' | '||' | ';' | '|' | '&' | '\n' | '(' | ')';

/** An element of a pipeline: `pipeline` numbers as in ShellCommand, `element` counts from 0. */
export interface PipelinePlace { pipeline: number; element: number }

/** A simple command. Its span runs from its first word or redirection to its last (`cmd x > /dev/null` whole). */
export interface ShellCommand extends Span {
  /** Every word of the simple command, as written (assignments and wrappers included, redirections not). */
  words: ShellWord[];
  /** The words that run: leading assignments, keywords (then, do, !, {) and wrappers (sudo, env, …) removed. */
  argv: ShellWord[];
  /** Base name of argv[0] (e.g. `apt-get` for `/usr/bin/apt-get`), or '' when there is none or it is a substitution. */
  name: string;
  /** Wrappers that were removed from the front, e.g. ['sudo']. */
  wrappers: ShellWord[];
  /** For each wrapper, the words it consumed after itself: its options, their values and operands (`-u bob`, `5`). */
  wrapperArgs: ShellWord[][];
  /** The operator that comes before this command. */
  op: ShellOp;
  /** Commands joined by `|` share a pipeline number; numbers are unique across every parse. */
  pipeline: number;
  /** Position of the command's element in its pipeline (0 first); a compound command (`( … )`, `{ …; }`, a loop) is one element. */
  element: number;
  /**
   * The pipelines this command takes part in through the compound commands around it, innermost first:
   * in `(cd /tmp && curl …) | sh`, curl is in the subshell, which is element 0 of sh's pipeline. Only for
   * compound commands that are piped; undefined otherwise.
   */
  enclosing?: PipelinePlace[];
  /** Redirection targets (`> file`), not part of argv. */
  redirects: ShellWord[];
  /** Every redirection of the command, with its operator. */
  redirections: Redirection[];
  /** The text this command was tokenized from, for nested scripts. */
  source: Segmented;
  /** Set for commands that do not stand in the script's own sequence: inside `$(…)`/`<(…)`, or `find -exec`. */
  context?: 'substitution' | 'find-exec';
  /** The command whose word holds this substitution, or the `find` of a `-exec`. */
  parent?: ShellCommand;
  /** Readings derived from this command, kept with it (see derived()). */
  memo: unknown[] | null;
}

let slots = 0;
/** A new key for derived(). */
export function derivedSlot(): number { return slots++; }

/**
 * A reading of a command that several rules share (e.g. its package-manager reading): computed on first use and
 * kept on the command, so that it lives and dies with the document's model. `compute` never returns undefined.
 */
export function derived<T>(c: ShellCommand, slot: number, compute: (c: ShellCommand) => T): T {
  const memo = (c.memo ??= []);
  const v = memo[slot];
  return v !== undefined ? v as T : (memo[slot] = compute(c));
}

/** Reserved words that may come before a command: then, do, else, elif, if, while, until, !, {, }, fi, done, esac, time. */
export function isKeyword(s: string): boolean {
  switch (s.charCodeAt(0)) {
    case 33: case 123: case 125: return s.length === 1; // ! { }
    case 100: return s === 'do' || s === 'done';
    case 101: return s === 'else' || s === 'elif' || s === 'esac';
    case 102: return s === 'fi';
    case 105: return s === 'if';
    case 116: return s === 'then' || s === 'time';
    case 117: return s === 'until';
    case 119: return s === 'while';
    default: return false;
  }
}

interface WrapperSpec {
  /** Short options that take a value (`-u bob`). */
  short?: string;
  /** Long options that take a separate value (`--user bob`). */
  long?: string[];
  /** Operands before the command (`gosu USER cmd`, `timeout 5 cmd`). */
  operands?: number;
}
const WRAPPERS = new Map<string, WrapperSpec>(Object.entries({
  sudo: { short: 'ugCDhpRrTtU', long: ['--user', '--group', '--close-from', '--chdir', '--host', '--prompt', '--chroot', '--role', '--type', '--command-timeout', '--other-user'] },
  doas: { short: 'uC' },
  env: { short: 'uCS', long: ['--unset', '--chdir', '--split-string'] },
  nohup: {},
  exec: { short: 'a' },
  command: {},
  nice: { short: 'n', long: ['--adjustment'] },
  ionice: { short: 'cnp', long: ['--class', '--classdata', '--pid'] },
  timeout: { short: 'sk', long: ['--signal', '--kill-after'], operands: 1 },
  stdbuf: { short: 'ioe', long: ['--input', '--output', '--error'] },
  chroot: { long: ['--userspec', '--groups'], operands: 1 },
  gosu: { operands: 1 },
  'su-exec': { operands: 1 },
  xargs: { short: 'aEdILnPs', long: ['--arg-file', '--delimiter', '--max-lines', '--max-args', '--max-procs', '--max-chars', '--process-slot-var'] },
  eatmydata: {},
}));
/** sh, bash, ash, dash, zsh, ksh, mksh. */
function isShellName(s: string): boolean {
  switch (s.length) {
    case 2: return s === 'sh';
    case 3: return s === 'ash' || s === 'zsh' || s === 'ksh';
    case 4: return s === 'bash' || s === 'dash' || s === 'mksh';
    default: return false;
  }
}

/** The wrappers by the length of their names: a lookup compares a few short strings instead of hashing the name. */
const WRAPPERS_BY_LENGTH: [string, WrapperSpec][][] = [];
for (const [name, spec] of WRAPPERS) (WRAPPERS_BY_LENGTH[name.length] ??= []).push([name, spec]);

function wrapperSpec(name: string): WrapperSpec | undefined {
  const list = WRAPPERS_BY_LENGTH[name.length];
  if (list) for (const [n, spec] of list) if (n === name) return spec;
  return undefined;
}

/** A module-wide counter so that pipeline numbers never collide between nested parses. */
let nextPipeline = 0;

/** Shared empty lists of the commands that have no wrappers or redirections (never mutated). */
const NONE: never[] = Object.freeze([]) as unknown as never[];

interface SubRange { kind: Substitution['kind']; /** inner text */ from: number; to: number; /** with delimiters */ start: number; end: number }
export interface Token { kind: 'word' | 'op' | 'redir'; from: number; to: number; value: string; subs?: SubRange[] }

const isDigit = (c: number) => c >= 48 && c <= 57;
/** What a character is to an unquoted word: part of it, its end (blanks, newlines, ; & | ( ) < >), or special. */
const ORDINARY = 0, BREAK = 1, SPECIAL = 2;
const CLASS = new Uint8Array(128);
for (const ch of ' \t\n\r;&|()<>') CLASS[ch.charCodeAt(0)] = BREAK;
for (const ch of '\\\'"$`') CLASS[ch.charCodeAt(0)] = SPECIAL;
/** What a backslash escapes inside double quotes: $ ` " \ and newline. */
const dqEscapable = (c: number) => c === 36 || c === 96 || c === 34 || c === 92 || c === 10;

const END = 0, WORD = 1, OP = 2, REDIR = 3;

/**
 * The shell lexer: `next()` reads one token and leaves it in the lexer's fields (no object per token). Heredoc
 * bodies of commands in the script (`cat <<EOF`) are skipped after the newline that ends their line.
 */
class Lexer {
  i = 0;
  from = 0;
  to = 0;
  /** An operator, a redirection as written, or a word's value. */
  value = '';
  /** For a word: true when it has no quotes or escapes (value is the raw text). */
  plain = true;
  subs: SubRange[] | null = null;
  private heredocs: { delim: string; strip: boolean }[] | null = null;
  private wantDelim: boolean | null = null;
  constructor(private readonly s: string) {}

  next(): number {
    const s = this.s;
    const n = s.length;
    let i = this.i;
    while (i < n) {
      const c = s.charCodeAt(i);
      if (c === 32 || c === 9 || c === 13) { i++; continue; }
      if (c === 92 /* \ */) {
        const d = s.charCodeAt(i + 1);
        if (d === 10) { i += 2; continue; }
        if (d === 13 && s.charCodeAt(i + 2) === 10) { i += 3; continue; }
      }
      if (c === 10) {
        this.op(i, i + 1, '\n');
        i++;
        if (this.heredocs) { i = this.skipBodies(i); this.heredocs = null; }
        this.i = i;
        return OP;
      }
      if (c === 35 /* # */) { while (i < n && s.charCodeAt(i) !== 10) i++; continue; }
      if (c === 38 || c === 124 || c === 59) { // & | ;
        const d = s.charCodeAt(i + 1);
        if (c === 38 && d === 38) return this.op(i, i + 2, '&&');
        if (c === 124 && d === 124) return this.op(i, i + 2, '||');
        if (c === 124 && d === 38) return this.op(i, i + 2, '|');
        if (c === 59 && d === 59) return this.op(i, i + 2, ';');
        if (c === 38 && d === 62) { // &> file, &>> file
          let j = i + 2; if (s.charCodeAt(j) === 62) j++;
          return this.redir(i, j);
        }
        return this.op(i, i + 1, c === 38 ? '&' : c === 124 ? '|' : ';');
      }
      if (c === 40 || c === 41) return this.op(i, i + 1, c === 40 ? '(' : ')');
      if ((c === 60 || c === 62) && s.charCodeAt(i + 1) !== 40) {
        const kind = this.redir(i, redirEnd(s, i));
        if (this.value === '<<' || this.value === '<<-') this.wantDelim = this.value === '<<-';
        return kind;
      }
      // a plain word (ordinary characters up to a blank or an operator) is read here, anything else by word()
      if (c < 128 && CLASS[c] === ORDINARY) {
        let j = i + 1;
        let d = 0;
        while (j < n && ((d = s.charCodeAt(j)) >= 128 || CLASS[d] === ORDINARY)) j++;
        if (j >= n || (CLASS[d] === BREAK && d !== 60 && d !== 62)) return this.done(i, j, s.slice(i, j), true, null);
      }
      return this.word(i);
    }
    this.i = i;
    return END;
  }

  private op(from: number, to: number, value: string): number {
    this.from = from; this.to = to; this.value = value; this.i = to;
    return OP;
  }

  private redir(from: number, to: number): number {
    this.from = from; this.to = to; this.value = this.s.slice(from, to); this.i = to;
    return REDIR;
  }

  private word(from: number): number {
    const s = this.s;
    const n = s.length;
    let i = from;
    let value = '';
    let lit = from; // s[lit, i) goes into the value as written
    let subs: SubRange[] | null = null;
    const first = s.charCodeAt(i);
    if ((first === 60 || first === 62) && s.charCodeAt(i + 1) === 40) { // process substitution <( >(
      const close = matchParen(s, i + 1);
      const end = close === -1 ? n : close + 1;
      subs = [{ kind: first === 60 ? '<(' : '>(', from: i + 2, to: close === -1 ? n : close, start: i, end }];
      i = end;
    }
    while (i < n) {
      const d = s.charCodeAt(i);
      const k = d < 128 ? CLASS[d] : ORDINARY;
      if (k === ORDINARY) { i++; continue; }
      if (k === BREAK) {
        // 2>file: digits directly followed by a redirection belong to it
        if ((d === 62 || d === 60) && allDigits(s, from, i)) {
          let j = from; while (j < n && isDigit(s.charCodeAt(j))) j++;
          return this.redir(from, redirEnd(s, j));
        }
        break;
      }
      if (d === 92) {
        value += s.slice(lit, i);
        const e = s.charCodeAt(i + 1);
        if (e === 10) i += 2;
        else if (e === 13 && s.charCodeAt(i + 2) === 10) i += 3;
        else if (i + 1 < n) { lit = i + 1; i += 2; continue; } else i++;
        lit = i;
        continue;
      }
      if (d === 39) { // '…'
        value += s.slice(lit, i);
        const e = s.indexOf("'", i + 1);
        value += s.slice(i + 1, e === -1 ? n : e);
        i = e === -1 ? n : e + 1; lit = i;
        continue;
      }
      if (d === 34) { // "…"
        value += s.slice(lit, i);
        lit = ++i;
        while (i < n) {
          const q = s.charCodeAt(i);
          if (q === 34) break;
          if (q === 92 && i + 1 < n && dqEscapable(s.charCodeAt(i + 1))) {
            value += s.slice(lit, i);
            lit = s.charCodeAt(i + 1) === 10 ? i + 2 : i + 1;
            i += 2; continue;
          }
          if (q === 36 && s.charCodeAt(i + 1) === 40) { i = dollarParen(s, i, subs ??= []); continue; }
          if (q === 96) { i = backtick(s, i, subs ??= []); continue; }
          i++;
        }
        value += s.slice(lit, i);
        if (i < n) i++; // the closing quote
        lit = i;
        continue;
      }
      if (d === 36 && s.charCodeAt(i + 1) === 40) { i = dollarParen(s, i, subs ??= []); continue; }
      if (d === 96) { i = backtick(s, i, subs ??= []); continue; }
      if (d === 36 && s.charCodeAt(i + 1) === 123) { const e = s.indexOf('}', i); i = e === -1 ? n : e + 1; continue; }
      i++;
    }
    const plain = lit === from;
    return this.done(from, i, plain ? s.slice(from, i) : value + s.slice(lit, i), plain, subs && subs.length ? subs : null);
  }

  private done(from: number, to: number, value: string, plain: boolean, subs: SubRange[] | null): number {
    this.value = value; this.plain = plain; this.subs = subs;
    this.from = from; this.to = to; this.i = to;
    if (this.wantDelim !== null) { (this.heredocs ??= []).push({ delim: value, strip: this.wantDelim }); this.wantDelim = null; }
    return WORD;
  }

  /** Skips the bodies of the heredocs opened on the line that ended before `i`. */
  private skipBodies(i: number): number {
    const s = this.s;
    const n = s.length;
    for (const h of this.heredocs!) {
      while (i < n) {
        let e = s.indexOf('\n', i);
        if (e === -1) e = n;
        let line = s.slice(i, e).replace(/\r$/, '');
        if (h.strip) line = line.replace(/^\t+/, '');
        i = e + 1;
        if (line === h.delim) break;
      }
    }
    return i;
  }
}

function allDigits(s: string, from: number, to: number): boolean {
  if (to <= from) return false;
  for (let j = from; j < to; j++) if (!isDigit(s.charCodeAt(j))) return false;
  return true;
}

/** The tokens of a script (for tests and tools; parseShell reads the lexer directly). */
export function tokenize(s: string): Token[] {
  const out: Token[] = [];
  const lx = new Lexer(s);
  for (let k = lx.next(); k !== END; k = lx.next()) {
    const kind = k === WORD ? 'word' : k === OP ? 'op' : 'redir';
    out.push(k === WORD && lx.subs ? { kind, from: lx.from, to: lx.to, value: lx.value, subs: lx.subs } : { kind, from: lx.from, to: lx.to, value: lx.value });
  }
  return out;
}

/** End of a redirection operator starting at `i` (`>`, `>>`, `<<-`, `>&2`, `<&-`, `>|`). */
function redirEnd(s: string, i: number): number {
  let j = i;
  while (j < s.length && (s[j] === '<' || s[j] === '>') && j - i < 3) j++;
  if (s[j] === '&') { j++; while (isDigit(s.charCodeAt(j))) j++; if (s[j] === '-' && s[j - 1] === '&') j++; }
  else if (s[j] === '|' && s[j - 1] === '>') j++;
  else if (s[j] === '-' && s.slice(i, j) === '<<') j++;
  return j;
}

/** `$(…)` at i: records the substitution (not for `$((arithmetic))`) and returns the index after it. */
function dollarParen(s: string, i: number, subs: SubRange[]): number {
  const close = matchParen(s, i + 1);
  const end = close === -1 ? s.length : close + 1;
  if (s[i + 2] !== '(') subs.push({ kind: '$(', from: i + 2, to: close === -1 ? s.length : close, start: i, end });
  return end;
}

function backtick(s: string, i: number, subs: SubRange[]): number {
  let j = i + 1;
  while (j < s.length && s[j] !== '`') j += s[j] === '\\' ? 2 : 1;
  const close = Math.min(j, s.length);
  subs.push({ kind: '`', from: i + 1, to: close, start: i, end: Math.min(close + 1, s.length) });
  return Math.min(close + 1, s.length);
}

/** Index of the `)` that closes the `(` at `open`, skipping quotes and escapes; -1 when unclosed. */
function matchParen(s: string, open: number): number {
  let depth = 0;
  let i = open;
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (c === 40) depth++;
    else if (c === 41) { depth--; if (depth === 0) return i; }
    else if (c === 39) { const e = s.indexOf("'", i + 1); if (e === -1) return -1; i = e; }
    else if (c === 34) {
      let j = i + 1;
      while (j < s.length && s.charCodeAt(j) !== 34) j += s.charCodeAt(j) === 92 ? 2 : 1;
      if (j >= s.length) return -1;
      i = j;
    } else if (c === 92) i++;
    i++;
  }
  return -1;
}

export function basename(p: string): string {
  let k = p.length - 1;
  while (k >= 0 && p.charCodeAt(k) !== 47) k--;
  return k === -1 ? p : p.slice(k + 1);
}

const MAX_DEPTH = 8;
/** Piped compound commands are followed up to this depth of nesting. */
const MAX_PIPED_NESTING = 8;

/** Reserved words that open and close compound commands; `for`, `case` and `select` head their command's argv. */
const OPENERS = new Set(['{', 'if', 'while', 'until', 'for', 'case', 'select']);
const CLOSERS = new Set(['}', 'fi', 'done', 'esac']);
const LOOP_HEADS = new Set(['for', 'case', 'select']);

/** An open compound command: `( … )` or a reserved-word one, from out[start], standing at `place` in its pipeline. */
interface Group { paren: boolean; /** `name()`: a function's parentheses, not a subshell */ fn: boolean; start: number; place: PipelinePlace }

/** Does a redirection send stdout somewhere other than the pipe (`> f`, `1>> f`, `&> f`, `>&2`)? */
function stdoutAway(op: string): boolean {
  return /^(1?>(>|\|)?|&>>?)$/.test(op) || /^1?>&[02-9]$/.test(op);
}

/** `2>&1`, `>&2`, `<&-` carry their target; the others (`> file`, `&> file`) take the next word. */
function carriesTarget(op: string): boolean {
  return /&[0-9-]*$/.test(op) && op !== '&>' && op !== '&>>';
}

/**
 * Splits a script into simple commands, in order. Commands inside substitutions (`$(…)`, `<(…)`) and those that
 * `find -exec` runs come right after the command that holds them; they have a `context`, a `parent` and their own
 * `source` object, so `c.source === top.source && !c.context` selects the script's own sequence. The `-c` script
 * of `sh -c '…'` is not parsed here (see nestedScript): the model expands it.
 */
export function parseShell(seg: Segmented, depth = 0): ShellCommand[] {
  const text = seg.text;
  const lx = new Lexer(text);
  const out: ShellCommand[] = [];
  let words: ShellWord[] = [];
  let redirections: Redirection[] = NONE;
  let first = -1, last = -1;
  let op: ShellOp = '';
  let pipeline = nextPipeline++;
  let element = 0;
  // open compound commands, innermost last; a subshell that just closed waits for the next operator to be `|`
  const groups: Group[] = [];
  let closed: { group: Group; end: number } | null = null;
  const enclose = (g: Group, end: number) => {
    // compound commands piped inside more than a few others: not followed (keeps absurd nesting linear)
    if (groups.length >= MAX_PIPED_NESTING) return;
    for (let k = g.start; k < end; k++) if (!out[k].context) (out[k].enclosing ??= []).push(g.place);
  };
  // a redirection operator waiting for its target word
  let pendingOp: string | null = null;
  let pendingFrom = 0, pendingTo = 0;
  const redirect = (target: ShellWord | null) => {
    const start = offsetAt(seg, pendingFrom);
    const end = target ? target.end : pendingTo > pendingFrom ? offsetAt(seg, pendingTo - 1) + 1 : start;
    if (redirections === NONE) redirections = [];
    redirections.push({ op: pendingOp!, target, start, end });
    pendingOp = null;
  };
  /** Compound-command words at the front of `c` (`while`, `{`, `done`, `fi`; `for`, `case`, `select` are its argv[0]). */
  const compound = (c: ShellCommand, nextOp: ShellOp) => {
    const lead = c.argv.length ? c.words.indexOf(c.argv[0]) + (LOOP_HEADS.has(c.argv[0].raw) ? 1 : 0) : c.words.length;
    for (let k = 0; k < lead; k++) {
      const w = c.words[k].raw;
      if (OPENERS.has(w)) {
        // the compound command takes the command's place in the pipeline; inside, pipelines start afresh
        groups.push({ paren: false, fn: false, start: out.length, place: { pipeline, element } });
        c.pipeline = pipeline = nextPipeline++;
        c.element = element = 0;
      } else if (CLOSERS.has(w) && groups.length && !groups[groups.length - 1].paren) {
        const g = groups.pop()!;
        c.pipeline = pipeline = g.place.pipeline;
        c.element = element = g.place.element;
        if (g.place.element > 0 || (nextOp === '|' && !c.redirections.some(r => stdoutAway(r.op)))) enclose(g, out.length);
      }
    }
  };
  const flush = (nextOp: ShellOp) => {
    if (pendingOp !== null) redirect(null);
    if (closed) { // `( … ) | next`
      if (nextOp === '|' && !words.length && !redirections.some(r => stdoutAway(r.op))) enclose(closed.group, closed.end);
      closed = null;
    }
    if (words.length) { // a lone redirection (`> file`) is not a command
      let redirects: ShellWord[] = NONE;
      for (let k = 0; k < redirections.length; k++) {
        const t = redirections[k].target;
        if (t) (redirects === NONE ? (redirects = []) : redirects).push(t);
      }
      const start = offsetAt(seg, first);
      const c: ShellCommand = {
        words, argv: words, name: '', wrappers: NONE, wrapperArgs: NONE, op, pipeline, element, redirects,
        redirections, source: seg, start, end: last > first ? offsetAt(seg, last - 1) + 1 : start, memo: null,
        // set for substitutions and piped compound commands; present from the start, so that every command has one shape
        context: undefined, parent: undefined, enclosing: undefined,
      };
      finish(c);
      if (c.argv !== words || LOOP_HEADS.has(c.name)) compound(c, nextOp);
      out.push(c);
      if (hasSubs(words) || hasSubs(redirects)) {
        const script = scriptWord(c);
        for (const w of words) if (w.subs && w !== script) pushInner(c, w, out);
        for (const w of redirects) if (w.subs && w !== script) pushInner(c, w, out);
      }
      if (c.name === 'find') findExec(c, out);
    }
    const place: PipelinePlace = { pipeline, element };
    if (nextOp === '|') element++;
    else { pipeline = nextPipeline++; element = 0; }
    if (nextOp === '(') {
      // `name()` opens a function's parentheses, not a subshell
      groups.push({ paren: true, fn: words.length > 0, start: out.length, place });
    } else if (nextOp === ')' && groups.length && groups[groups.length - 1].paren) { // in `case`, `)` ends a pattern
      const g = groups.pop()!;
      if (!g.fn) {
        pipeline = g.place.pipeline;
        element = g.place.element;
        if (g.place.element > 0) enclose(g, out.length); else closed = { group: g, end: out.length };
      }
    }
    words = []; redirections = NONE; first = -1; last = -1;
    op = nextOp;
  };
  for (let k = lx.next(); k !== END; k = lx.next()) {
    if (k === OP) { flush(lx.value as ShellOp); continue; }
    if (first === -1) first = lx.from;
    last = lx.to;
    if (k === REDIR) {
      if (pendingOp !== null) redirect(null);
      pendingOp = lx.value; pendingFrom = lx.from; pendingTo = lx.to;
      if (carriesTarget(lx.value)) redirect(null);
      continue;
    }
    const from = lx.from, to = lx.to;
    const start = offsetAt(seg, from);
    const w: ShellWord = { value: lx.value, raw: lx.plain ? lx.value : text.slice(from, to), from, to, start, end: to > from ? offsetAt(seg, to - 1) + 1 : start };
    if (lx.subs) {
      w.subs = lx.subs.map(r => {
        const outerStart = offsetAt(seg, r.start);
        const commands = depth < MAX_DEPTH ? parseShell(subSegment(seg, r.from, r.to), depth + 1) : [];
        for (const c of commands) c.context ??= 'substitution';
        return { kind: r.kind, start: outerStart, end: r.end > r.start ? offsetAt(seg, r.end - 1) + 1 : outerStart, commands };
      });
    }
    if (pendingOp !== null) { redirect(w); continue; }
    words.push(w);
  }
  flush('');
  return out;
}

/** Where `c` stands in the pipeline numbered `pipeline`: its own element, the element of a compound command around it, or -1. */
export function elementIn(c: ShellCommand, pipeline: number): number {
  if (c.pipeline === pipeline) return c.element;
  if (c.enclosing) for (const p of c.enclosing) if (p.pipeline === pipeline) return p.element;
  return -1;
}

/** Does `c` read from a pipe: does it stand, itself or inside a compound command, after a pipeline's first element? */
export function readsPipe(c: ShellCommand): boolean {
  return c.element > 0 || (c.enclosing !== undefined && c.enclosing.some(p => p.element > 0));
}

/**
 * Does the output of `a` go through pipes into `b`: does `b` stand in a later element of a pipeline `a` is in
 * (`curl … | sh`, `curl … | tee f | sh`, `(cd d && curl …) | sh`, `curl … | while read l; do …; done`)? Not when
 * `a` sends its output elsewhere (`> file`).
 */
export function pipesInto(a: ShellCommand, b: ShellCommand): boolean {
  if (a.redirections.length && a.redirections.some(r => stdoutAway(r.op))) return false;
  if (elementIn(b, a.pipeline) > a.element) return true;
  if (a.enclosing) for (const p of a.enclosing) if (elementIn(b, p.pipeline) > p.element) return true;
  return false;
}

function hasSubs(words: ShellWord[]): boolean {
  for (let k = 0; k < words.length; k++) if (words[k].subs) return true;
  return false;
}

/** The commands of the substitutions in `w`, after the command `c` that holds them. */
function pushInner(c: ShellCommand, w: ShellWord, out: ShellCommand[]): void {
  for (const sub of w.subs!) for (const x of sub.commands) { if (x.context === 'substitution') x.parent ??= c; out.push(x); }
}

/** Does a command word start with a substitution (`$(…)`, `` `…` ``, `<(…)`, `>(…)`)? Then the command has no name. */
function startsWithSubstitution(raw: string): boolean {
  const c = raw.charCodeAt(0);
  const d = raw.charCodeAt(1);
  return c === 96 || ((c === 36 || c === 60 || c === 62) && d === 40);
}

/** `NAME=…` as written. */
function isAssignment(raw: string): boolean {
  const n = raw.length;
  let c = raw.charCodeAt(0);
  if (!((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95)) return false;
  for (let i = 1; i < n; i++) {
    c = raw.charCodeAt(i);
    if (c === 61) return true;
    if (!((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || (c >= 48 && c <= 57))) return false;
  }
  return false;
}

/** Removes keywords, assignments and wrappers (with their options) from the front of a command. */
function finish(c: ShellCommand): ShellCommand {
  let k = 0;
  const w = c.words;
  for (;;) {
    while (k < w.length && (isKeyword(w[k].raw) || isAssignment(w[k].raw))) k++;
    if (k >= w.length) break;
    const wrapper = basename(w[k].value);
    const spec = wrapperSpec(wrapper);
    if (!spec) break;
    // `command -v x` looks a command up; it does not run it
    if (wrapper === 'command' && k + 1 < w.length && /^-[vV]+$/.test(w[k + 1].value)) break;
    if (c.wrappers === NONE) { c.wrappers = []; c.wrapperArgs = []; }
    c.wrappers.push(w[k]);
    const start = ++k;
    k = skipOptions(w, k, spec.short ?? '', spec.long ?? []);
    for (let n = spec.operands ?? 0; n > 0 && k < w.length; n--) k++;
    c.wrapperArgs.push(w.slice(start, k));
  }
  c.argv = k === 0 ? w : w.slice(k);
  const head = c.argv[0];
  c.name = !head || startsWithSubstitution(head.raw) ? '' : basename(head.value);
  return c;
}

/**
 * Skips the options at words[k…]: short clusters (`-Eu bob`), long options (`--user bob`, `--user=bob`) and `--`.
 * Returns the index of the first operand.
 */
export function skipOptions(words: { value: string }[], k: number, short: string, long: readonly string[]): number {
  while (k < words.length) {
    const v = words[k].value;
    if (v === '--') return k + 1;
    if (!v.startsWith('-') || v === '-') return k;
    k++;
    if (v.startsWith('--')) {
      if (!v.includes('=') && long.includes(v)) k++;
      continue;
    }
    for (let j = 1; j < v.length; j++) {
      if (short.includes(v[j])) { if (j === v.length - 1) k++; break; }
    }
  }
  return k;
}

const EXEC_OPTIONS = new Set(['-exec', '-execdir', '-ok', '-okdir']);

/** `find … -exec cmd {} ;` — the commands find runs, as commands of their own, appended to `out`. */
function findExec(c: ShellCommand, out: ShellCommand[]): void {
  const a = c.argv;
  for (let i = 1; i < a.length; i++) {
    if (!EXEC_OPTIONS.has(a[i].value)) continue;
    let j = i + 1;
    while (j < a.length && a[j].value !== ';' && a[j].value !== '+') j++;
    const words = a.slice(i + 1, j);
    if (words.length) {
      out.push(finish({
        words, argv: words, name: '', wrappers: NONE, wrapperArgs: NONE, op: '', pipeline: nextPipeline++, element: 0, redirects: NONE, redirections: NONE,
        source: { text: c.source.text, runs: c.source.runs, end: c.source.end }, start: words[0].start, end: words[words.length - 1].end, memo: null, context: 'find-exec', parent: c, enclosing: undefined,
      }));
    }
    i = j;
  }
}

/** The word holding the script of `sh -c 'script'`, `bash -ec "…"`, `su -c '…' user`, or null. */
export function scriptWord(cmd: ShellCommand): ShellWord | null {
  const a = cmd.argv;
  if (cmd.name === 'su' || cmd.name === 'runuser') {
    for (let i = 1; i < a.length - 1; i++) if (a[i].value === '-c' || a[i].value === '--command') return a[i + 1];
    return null;
  }
  if (!isShellName(cmd.name)) return null;
  let c = false;
  for (let i = 1; i < a.length; i++) {
    const v = a[i].value;
    if (v === '--' || v === '-') return c && i + 1 < a.length ? a[i + 1] : null;
    if (/^[-+]o$/.test(v)) { i++; continue; }
    if (v.startsWith('--')) continue;
    if (/^[-+][A-Za-z]+$/.test(v)) { if (v[0] === '-' && v.includes('c')) c = true; continue; }
    return c ? a[i] : null;
  }
  return null;
}

/** For `sh -c 'script'` and the like: the script word as a tokenizable segment with document offsets. */
export function nestedScript(cmd: ShellCommand): Segmented | null {
  const w = scriptWord(cmd);
  return w ? unquoteSegment(cmd.source, w) : null;
}

/** Builds a segment piece by piece, merging runs that continue each other in the document. */
class SegmentBuilder {
  text = '';
  readonly runs: number[] = [];
  /** Appends `len` characters that come from consecutive document offsets starting at `off`. */
  mapped(off: number, len: number): void {
    const r = this.runs;
    const at = this.text.length;
    if (!r.length || r[r.length - 1] + (at - r[r.length - 2]) !== off) r.push(at, off);
  }
  /** Appends src.text[from, to) with its own mapping. */
  copy(src: Segmented, from: number, to: number): void {
    if (to <= from) return;
    const r = src.runs;
    let k = runAt(r, from);
    let pos = from;
    while (pos < to) {
      const runEnd = k + 2 < r.length ? r[k + 2] : src.text.length;
      const stop = Math.min(to, runEnd);
      this.mapped(r[k + 1] + (pos - r[k]), stop - pos);
      this.text += src.text.slice(pos, stop);
      pos = stop;
      k += 2;
    }
  }
  char(ch: string, off: number): void {
    this.mapped(off, 1);
    this.text += ch;
  }
  done(end: number): Segmented {
    return { text: this.text, runs: this.runs, end };
  }
}

/** The value of a word with a character-exact mapping back to the document. */
export function unquoteSegment(src: Segmented, w: ShellWord): Segmented {
  const s = src.text;
  const b = new SegmentBuilder();
  let i = w.from;
  let lit = i; // s[lit, i) is copied as written
  let q = 0;
  while (i < w.to) {
    const c = s.charCodeAt(i);
    if (!q && (c === 34 || c === 39)) { b.copy(src, lit, i); q = c; lit = ++i; continue; }
    if (q && c === q) { b.copy(src, lit, i); q = 0; lit = ++i; continue; }
    if (c === 92 && q !== 39 && i + 1 < w.to && (q !== 34 || dqEscapable(s.charCodeAt(i + 1)))) {
      b.copy(src, lit, i); lit = i + 1; i += 2; continue;
    }
    i++;
  }
  b.copy(src, lit, w.to);
  return b.done(w.end);
}

const SAFE_ARG = /^[A-Za-z0-9_\-./:=@%+,^~]+$/;
const JSON_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f' };

/**
 * The exec form `RUN ["sh", "-c", "…"]` as shell text: the elements joined by spaces, each quoted when the shell
 * would otherwise split or expand it, with every character mapped to its place in the document (JSON escapes
 * included). `text` is the document.
 */
export function execFormSegment(elements: Word[], text: string): Segmented {
  const b = new SegmentBuilder();
  for (const w of elements) {
    if (b.text.length) b.char(' ', w.start);
    // decode the JSON string between its quotes, keeping each character's offset
    const chars: string[] = [];
    const offs: number[] = [];
    for (let i = w.start + 1; i < w.end - 1;) {
      if (text[i] === '\\' && i + 1 < w.end - 1) {
        const e = text[i + 1];
        if (e === 'u') { chars.push(String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16) || 0)); offs.push(i); i += 6; continue; }
        chars.push(Object.prototype.hasOwnProperty.call(JSON_ESCAPES, e) ? JSON_ESCAPES[e] : e); offs.push(i); i += 2; continue;
      }
      chars.push(text[i]); offs.push(i); i++;
    }
    const value = chars.join('');
    if (value !== '' && SAFE_ARG.test(value)) {
      chars.forEach((ch, k) => b.char(ch, offs[k]));
      continue;
    }
    // the quotes the shell needs stand on the element's first and last characters, so that the word's span is
    // the element's content, as for the elements that need no quotes (an empty element keeps the JSON quotes)
    const last = offs.length - 1;
    b.char("'", last >= 0 ? offs[0] : w.start);
    chars.forEach((ch, k) => {
      if (ch === "'") for (const x of "'\\''") b.char(x, offs[k]); else b.char(ch, offs[k]);
    });
    b.char("'", last >= 0 ? offs[last] : w.end - 1);
  }
  return b.done(elements.length ? elements[elements.length - 1].end : 0);
}
