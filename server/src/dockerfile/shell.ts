/**
 * A small POSIX-shell tokenizer for RUN instructions and heredoc scripts: enough structure for hardening rules
 * (commands, their words, pipelines, operators, redirections, command substitutions) with exact document
 * offsets. It never throws and never evaluates anything.
 */
import type { Segmented, Span, Word } from './parser';
import { spanOf } from './parser';

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
}

const KEYWORDS = new Set(['then', 'do', 'else', 'elif', 'if', 'while', 'until', '!', '{', '}', 'fi', 'done', 'time']);

interface WrapperSpec {
  /** Short options that take a value (`-u bob`). */
  short?: string;
  /** Long options that take a separate value (`--user bob`). */
  long?: string[];
  /** Operands before the command (`gosu USER cmd`, `timeout 5 cmd`). */
  operands?: number;
}
const WRAPPERS: Record<string, WrapperSpec> = {
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
};
const SHELLS = /^(sh|bash|ash|dash|zsh|ksh|mksh)$/;

/** A module-wide counter so that pipeline numbers never collide between nested parses. */
let nextPipeline = 0;

interface SubRange { kind: Substitution['kind']; /** inner text */ from: number; to: number; /** with delimiters */ start: number; end: number }
export interface Token { kind: 'word' | 'op' | 'redir'; from: number; to: number; value: string; subs?: SubRange[] }

const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';

export function tokenize(s: string): Token[] {
  const out: Token[] = [];
  const n = s.length;
  let i = 0;
  /** Heredoc delimiters (`cat <<EOF`) whose bodies start after the next newline. */
  const heredocs: { delim: string; strip: boolean }[] = [];
  let wantDelim: boolean | null = null;
  while (i < n) {
    const c = s[i];
    if (c === ' ' || c === '\t' || c === '\r') { i++; continue; }
    if (c === '\\' && s[i + 1] === '\n') { i += 2; continue; }
    if (c === '\\' && s[i + 1] === '\r' && s[i + 2] === '\n') { i += 3; continue; }
    if (c === '\n') {
      out.push({ kind: 'op', from: i, to: i + 1, value: '\n' }); i++;
      // skip the bodies of heredocs opened on this line
      for (const h of heredocs.splice(0)) {
        while (i < n) {
          let e = s.indexOf('\n', i);
          if (e === -1) e = n;
          let line = s.slice(i, e).replace(/\r$/, '');
          if (h.strip) line = line.replace(/^\t+/, '');
          i = e + 1;
          if (line === h.delim) break;
        }
      }
      continue;
    }
    if (c === '#') { while (i < n && s[i] !== '\n') i++; continue; }
    if (c === '&' || c === '|' || c === ';') {
      const two = s.slice(i, i + 2);
      if (two === '&&' || two === '||') { out.push({ kind: 'op', from: i, to: i + 2, value: two }); i += 2; continue; }
      if (two === '|&') { out.push({ kind: 'op', from: i, to: i + 2, value: '|' }); i += 2; continue; }
      if (two === ';;') { out.push({ kind: 'op', from: i, to: i + 2, value: ';' }); i += 2; continue; }
      if (c === '&' && s[i + 1] === '>') { // &> file, &>> file
        let j = i + 2; if (s[j] === '>') j++;
        out.push({ kind: 'redir', from: i, to: j, value: s.slice(i, j) }); i = j; continue;
      }
      out.push({ kind: 'op', from: i, to: i + 1, value: c }); i++; continue;
    }
    if (c === '(' || c === ')') { out.push({ kind: 'op', from: i, to: i + 1, value: c }); i++; continue; }
    if ((c === '<' || c === '>') && s[i + 1] !== '(') {
      const j = redirEnd(s, i);
      const value = s.slice(i, j);
      out.push({ kind: 'redir', from: i, to: j, value });
      if (value === '<<' || value === '<<-') wantDelim = value === '<<-';
      i = j; continue;
    }
    // a word
    const from = i;
    let value = '';
    const subs: SubRange[] = [];
    while (i < n) {
      const d = s[i];
      if ((d === '<' || d === '>') && s[i + 1] === '(' && i === from) { // process substitution
        const close = matchParen(s, i + 1);
        const end = close === -1 ? n : close + 1;
        subs.push({ kind: d === '<' ? '<(' : '>(', from: i + 2, to: close === -1 ? n : close, start: i, end });
        value += s.slice(i, end); i = end; continue;
      }
      if (d === ' ' || d === '\t' || d === '\n' || d === '\r' || d === ';' || d === '&' || d === '|' || d === '(' || d === ')' || d === '<' || d === '>') {
        // 2>file: digits directly followed by a redirection belong to it
        if ((d === '>' || d === '<') && /^[0-9]+$/.test(s.slice(from, i))) { value = ''; subs.length = 0; i = from; }
        break;
      }
      if (d === '\\') {
        if (s[i + 1] === '\n') { i += 2; continue; }
        if (s[i + 1] === '\r' && s[i + 2] === '\n') { i += 3; continue; }
        if (i + 1 < n) { value += s[i + 1]; i += 2; } else { i++; }
        continue;
      }
      if (d === "'") {
        const e = s.indexOf("'", i + 1);
        value += s.slice(i + 1, e === -1 ? n : e); i = e === -1 ? n : e + 1; continue;
      }
      if (d === '"') {
        i++;
        while (i < n && s[i] !== '"') {
          if (s[i] === '\\' && i + 1 < n && '$`"\\\n'.includes(s[i + 1])) { if (s[i + 1] !== '\n') value += s[i + 1]; i += 2; continue; }
          if (s[i] === '$' && s[i + 1] === '(') { const e = dollarParen(s, i, subs); value += s.slice(i, e); i = e; continue; }
          if (s[i] === '`') { const e = backtick(s, i, subs); value += s.slice(i, e); i = e; continue; }
          value += s[i]; i++;
        }
        if (i < n) i++; // the closing quote
        continue;
      }
      if (d === '$' && s[i + 1] === '(') { const e = dollarParen(s, i, subs); value += s.slice(i, e); i = e; continue; }
      if (d === '`') { const e = backtick(s, i, subs); value += s.slice(i, e); i = e; continue; }
      if (d === '$' && s[i + 1] === '{') { const e = s.indexOf('}', i); const stop = e === -1 ? n : e + 1; value += s.slice(i, stop); i = stop; continue; }
      value += d; i++;
    }
    if (i === from) {
      // digits of a redirection (2>file, 2>&1)
      let j = i; while (j < n && isDigit(s[j])) j++;
      const k = redirEnd(s, j);
      out.push({ kind: 'redir', from: i, to: k, value: s.slice(i, k) }); i = k; continue;
    }
    out.push(subs.length ? { kind: 'word', from, to: i, value, subs } : { kind: 'word', from, to: i, value });
    if (wantDelim !== null) { heredocs.push({ delim: value, strip: wantDelim }); wantDelim = null; }
  }
  return out;
}

/** End of a redirection operator starting at `i` (`>`, `>>`, `<<-`, `>&2`, `<&-`, `>|`). */
function redirEnd(s: string, i: number): number {
  let j = i;
  while (j < s.length && (s[j] === '<' || s[j] === '>') && j - i < 3) j++;
  if (s[j] === '&') { j++; while (isDigit(s[j])) j++; if (s[j] === '-' && s[j - 1] === '&') j++; }
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
    const c = s[i];
    if (c === '(') depth++;
    else if (c === ')') { depth--; if (depth === 0) return i; }
    else if (c === "'") { const e = s.indexOf("'", i + 1); if (e === -1) return -1; i = e; }
    else if (c === '"') {
      let j = i + 1;
      while (j < s.length && s[j] !== '"') j += s[j] === '\\' ? 2 : 1;
      if (j >= s.length) return -1;
      i = j;
    } else if (c === '\\') i++;
    i++;
  }
  return -1;
}

export function basename(p: string): string {
  const k = p.lastIndexOf('/');
  return k === -1 ? p : p.slice(k + 1);
}

/** A part of a segment, keeping the mapping to the document. */
export function subSegment(seg: Segmented, from: number, to: number): Segmented {
  const map = seg.map.slice(from, to);
  map.push(to > from ? seg.map[to - 1] + 1 : seg.map[Math.min(from, seg.map.length - 1)]);
  return { text: seg.text.slice(from, to), map };
}

const MAX_DEPTH = 8;

/**
 * Splits a script into simple commands, in order. Commands inside substitutions (`$(…)`, `<(…)`) and those that
 * `find -exec` runs come right after the command that holds them; they have a `context`, a `parent` and their own
 * `source` object, so `c.source === top.source && !c.context` selects the script's own sequence. The `-c` script
 * of `sh -c '…'` is not parsed here (see nestedScript): the model expands it.
 */
export function parseShell(seg: Segmented, depth = 0): ShellCommand[] {
  const toks = tokenize(seg.text);
  const out: ShellCommand[] = [];
  let words: ShellWord[] = [];
  let redirections: Redirection[] = [];
  let first = -1, last = -1;
  let op: ShellOp = '';
  let pipeline = nextPipeline++;
  let pending: Token | null = null;
  const mkWord = (t: Token): ShellWord => {
    const sp = spanOf(seg, t.from, t.to);
    const w: ShellWord = { value: t.value, raw: seg.text.slice(t.from, t.to), from: t.from, to: t.to, start: sp.start, end: sp.end };
    if (t.subs) {
      w.subs = t.subs.map(r => {
        const outer = spanOf(seg, r.start, r.end);
        const commands = depth < MAX_DEPTH ? parseShell(subSegment(seg, r.from, r.to), depth + 1) : [];
        for (const c of commands) c.context ??= 'substitution';
        return { kind: r.kind, start: outer.start, end: outer.end, commands };
      });
    }
    return w;
  };
  const flush = (nextOp: ShellOp) => {
    if (pending) { redirections.push(redirection(seg, pending, null)); pending = null; }
    if (words.length) { // a lone redirection (`> file`) is not a command
      const sp = spanOf(seg, first, last);
      const c: ShellCommand = {
        words, argv: [], name: '', wrappers: [], wrapperArgs: [], op, pipeline, redirects: redirections.flatMap(r => (r.target ? [r.target] : [])),
        redirections, source: seg, start: sp.start, end: sp.end,
      };
      finish(c);
      out.push(c);
      const script = scriptWord(c);
      for (const w of [...words, ...redirections.flatMap(r => (r.target ? [r.target] : []))]) {
        if (w === script || !w.subs) continue;
        for (const sub of w.subs) for (const inner of sub.commands) { if (inner.context === 'substitution') inner.parent ??= c; out.push(inner); }
      }
      out.push(...findExec(c));
    }
    if (nextOp !== '|') pipeline = nextPipeline++;
    words = []; redirections = []; first = -1; last = -1;
    op = nextOp;
  };
  for (const t of toks) {
    if (t.kind === 'op') { flush(t.value as ShellOp); continue; }
    if (first === -1) first = t.from;
    last = t.to;
    if (t.kind === 'redir') {
      if (pending) redirections.push(redirection(seg, pending, null));
      // `2>&1`, `>&2`, `<&-` carry their target; the others take the next word
      if (/&[0-9-]*$/.test(t.value) && t.value !== '&>' && t.value !== '&>>') { redirections.push(redirection(seg, t, null)); pending = null; }
      else pending = t;
      continue;
    }
    const w = mkWord(t);
    if (pending) { redirections.push(redirection(seg, pending, w)); pending = null; continue; }
    words.push(w);
  }
  flush('');
  return out;
}

function redirection(seg: Segmented, t: Token, target: ShellWord | null): Redirection {
  const sp = spanOf(seg, t.from, t.to);
  return { op: t.value, target, start: sp.start, end: target ? target.end : sp.end };
}

/** Removes keywords, assignments and wrappers (with their options) from the front of a command. */
function finish(c: ShellCommand): ShellCommand {
  let k = 0;
  const w = c.words;
  for (;;) {
    while (k < w.length && (KEYWORDS.has(w[k].raw) || /^[A-Za-z_][A-Za-z0-9_]*=/.test(w[k].raw))) k++;
    if (k >= w.length) break;
    const wrapper = basename(w[k].value);
    const spec = Object.prototype.hasOwnProperty.call(WRAPPERS, wrapper) ? WRAPPERS[wrapper] : undefined;
    if (!spec) break;
    // `command -v x` looks a command up; it does not run it
    if (wrapper === 'command' && k + 1 < w.length && /^-[vV]+$/.test(w[k + 1].value)) break;
    c.wrappers.push(w[k]);
    const start = ++k;
    k = skipOptions(w, k, spec.short ?? '', spec.long ?? []);
    for (let n = spec.operands ?? 0; n > 0 && k < w.length; n--) k++;
    c.wrapperArgs.push(w.slice(start, k));
  }
  c.argv = w.slice(k);
  const head = c.argv[0];
  c.name = !head || /^(\$\(|`|<\(|>\()/.test(head.raw) ? '' : basename(head.value);
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

/** `find … -exec cmd {} ;` — the commands find runs, as commands of their own. */
function findExec(c: ShellCommand): ShellCommand[] {
  if (c.name !== 'find') return [];
  const out: ShellCommand[] = [];
  const a = c.argv;
  for (let i = 1; i < a.length; i++) {
    if (!/^-(exec|execdir|ok|okdir)$/.test(a[i].value)) continue;
    let j = i + 1;
    while (j < a.length && a[j].value !== ';' && a[j].value !== '+') j++;
    const words = a.slice(i + 1, j);
    if (words.length) {
      out.push(finish({
        words, argv: [], name: '', wrappers: [], wrapperArgs: [], op: '', pipeline: nextPipeline++, redirects: [], redirections: [],
        source: { text: c.source.text, map: c.source.map }, start: words[0].start, end: words[words.length - 1].end, context: 'find-exec', parent: c,
      }));
    }
    i = j;
  }
  return out;
}

/** The word holding the script of `sh -c 'script'`, `bash -ec "…"`, `su -c '…' user`, or null. */
export function scriptWord(cmd: ShellCommand): ShellWord | null {
  const a = cmd.argv;
  if (cmd.name === 'su' || cmd.name === 'runuser') {
    for (let i = 1; i < a.length - 1; i++) if (a[i].value === '-c' || a[i].value === '--command') return a[i + 1];
    return null;
  }
  if (!SHELLS.test(cmd.name)) return null;
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

/** The value of a word with a character-exact mapping back to the document. */
export function unquoteSegment(src: Segmented, w: ShellWord): Segmented {
  const s = src.text;
  const text: string[] = [];
  const map: number[] = [];
  let i = w.from;
  let q = '';
  while (i < w.to) {
    const c = s[i];
    if (!q && (c === '"' || c === "'")) { q = c; i++; continue; }
    if (q && c === q) { q = ''; i++; continue; }
    if (c === '\\' && q !== "'" && i + 1 < w.to && (q !== '"' || '$`"\\\n'.includes(s[i + 1]))) {
      text.push(s[i + 1]); map.push(src.map[i + 1]); i += 2; continue;
    }
    text.push(c); map.push(src.map[i]); i++;
  }
  map.push(w.end);
  return { text: text.join(''), map };
}

const SAFE_ARG = /^[A-Za-z0-9_\-./:=@%+,^~]+$/;

/**
 * The exec form `RUN ["sh", "-c", "…"]` as shell text: the elements joined by spaces, each quoted when the shell
 * would otherwise split or expand it, with every character mapped to its place in the document (JSON escapes
 * included). `text` is the document.
 */
export function execFormSegment(elements: Word[], text: string): Segmented {
  const out: string[] = [];
  const map: number[] = [];
  for (const w of elements) {
    if (out.length) { out.push(' '); map.push(w.start); }
    // decode the JSON string between its quotes, keeping each character's offset
    const chars: string[] = [];
    const offs: number[] = [];
    for (let i = w.start + 1; i < w.end - 1;) {
      if (text[i] === '\\' && i + 1 < w.end - 1) {
        const e = text[i + 1];
        if (e === 'u') { chars.push(String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16) || 0)); offs.push(i); i += 6; continue; }
        chars.push(({ n: '\n', t: '\t', r: '\r', b: '\b', f: '\f' } as Record<string, string>)[e] ?? e); offs.push(i); i += 2; continue;
      }
      chars.push(text[i]); offs.push(i); i++;
    }
    const value = chars.join('');
    if (value !== '' && SAFE_ARG.test(value)) {
      out.push(value); map.push(...offs);
      continue;
    }
    out.push("'"); map.push(w.start);
    chars.forEach((ch, k) => {
      if (ch === "'") { out.push("'\\''"); map.push(offs[k], offs[k], offs[k], offs[k]); } else { out.push(ch); map.push(offs[k]); }
    });
    out.push("'"); map.push(w.end - 1);
  }
  map.push(elements.length ? elements[elements.length - 1].end : 0);
  return { text: out.join(''), map };
}
