/**
 * A small POSIX-shell tokenizer for RUN instructions and heredoc scripts: enough structure for hardening rules
 * (commands, their words, pipelines and operators) with exact document offsets. It never throws and never
 * evaluates anything.
 */
import type { Segmented, Span } from './parser';
import { spanOf } from './parser';

export interface ShellWord extends Span {
  /** The word with quotes removed and escapes resolved ($(...) and `...` are kept verbatim). */
  value: string;
  /** The word as written. */
  raw: string;
  /** Position in the tokenized text (not the document). */
  from: number;
  to: number;
}

export type ShellOp = '' | '&&' | '||' | ';' | '|' | '&' | '\n' | '(' | ')';

export interface ShellCommand extends Span {
  /** Every word of the simple command, as written (assignments and wrappers included). */
  words: ShellWord[];
  /** The words that run: leading assignments, keywords (then, do, !, {) and wrappers (sudo, env, …) removed. */
  argv: ShellWord[];
  /** Base name of argv[0] (e.g. `apt-get` for `/usr/bin/apt-get`), or '' when there is none. */
  name: string;
  /** Wrappers that were removed from the front, e.g. ['sudo']. */
  wrappers: ShellWord[];
  /** The operator that comes before this command. */
  op: ShellOp;
  /** Commands joined by `|` share a pipeline number. */
  pipeline: number;
  /** Redirection targets (`> file`), not part of argv. */
  redirects: ShellWord[];
  /** The text this command was tokenized from, for nested scripts. */
  source: Segmented;
}

const KEYWORDS = new Set(['then', 'do', 'else', 'elif', 'if', 'while', 'until', '!', '{', '}', 'fi', 'done', 'time']);
const WRAPPERS = new Set(['sudo', 'env', 'nohup', 'exec', 'command', 'doas', 'su-exec', 'gosu', 'chroot', 'nice', 'timeout', 'stdbuf']);
/** Wrappers whose first non-option argument is not the command (gosu USER cmd, timeout 5 cmd). */
const WRAPPER_SKIP_ARG = new Set(['gosu', 'su-exec', 'timeout', 'chroot']);

interface Token { kind: 'word' | 'op' | 'redir'; from: number; to: number; value: string }

export function tokenize(s: string): Token[] {
  const out: Token[] = [];
  const n = s.length;
  let i = 0;
  while (i < n) {
    const c = s[i];
    if (c === ' ' || c === '\t' || c === '\r') { i++; continue; }
    if (c === '\\' && s[i + 1] === '\n') { i += 2; continue; }
    if (c === '\n') { out.push({ kind: 'op', from: i, to: i + 1, value: '\n' }); i++; continue; }
    if (c === '#') { while (i < n && s[i] !== '\n') i++; continue; }
    if (c === '&' || c === '|' || c === ';') {
      const two = s.slice(i, i + 2);
      if (two === '&&' || two === '||') { out.push({ kind: 'op', from: i, to: i + 2, value: two }); i += 2; continue; }
      if (two === '|&') { out.push({ kind: 'op', from: i, to: i + 2, value: '|' }); i += 2; continue; }
      if (two === ';;') { out.push({ kind: 'op', from: i, to: i + 2, value: ';' }); i += 2; continue; }
      if (c === '&' && s[i + 1] === '>') { // &> file
        let j = i + 2; if (s[j] === '>') j++;
        out.push({ kind: 'redir', from: i, to: j, value: s.slice(i, j) }); i = j; continue;
      }
      out.push({ kind: 'op', from: i, to: i + 1, value: c }); i++; continue;
    }
    if (c === '(' || c === ')') { out.push({ kind: 'op', from: i, to: i + 1, value: c }); i++; continue; }
    if (c === '<' || c === '>') {
      let j = i + 1;
      while (j < n && (s[j] === '<' || s[j] === '>' || s[j] === '&' || s[j] === '|' || s[j] === '-')) j++;
      // 2>&1: the digit after &
      while (j < n && s[i + 1] !== undefined && /[0-9]/.test(s[j]) && s[j - 1] === '&') j++;
      out.push({ kind: 'redir', from: i, to: j, value: s.slice(i, j) }); i = j; continue;
    }
    // a word
    const from = i;
    let value = '';
    while (i < n) {
      const d = s[i];
      if (d === ' ' || d === '\t' || d === '\n' || d === '\r' || d === ';' || d === '&' || d === '|' || d === '(' || d === ')' || d === '<' || d === '>') {
        // 2>file: digits directly followed by a redirection belong to it
        if ((d === '>' || d === '<') && /^[0-9]+$/.test(s.slice(from, i))) { value = ''; i = from; break; }
        break;
      }
      if (d === '\\') { if (i + 1 < n) { if (s[i + 1] !== '\n') value += s[i + 1]; i += 2; } else { i++; } continue; }
      if (d === "'") {
        const e = s.indexOf("'", i + 1);
        const stop = e === -1 ? n : e;
        value += s.slice(i + 1, stop); i = stop + 1; continue;
      }
      if (d === '"') {
        i++;
        while (i < n && s[i] !== '"') {
          if (s[i] === '\\' && i + 1 < n && '$`"\\\n'.includes(s[i + 1])) { if (s[i + 1] !== '\n') value += s[i + 1]; i += 2; continue; }
          if (s[i] === '$' && s[i + 1] === '(') { const e = skipParens(s, i + 1); value += s.slice(i, e); i = e; continue; }
          value += s[i]; i++;
        }
        i++; continue;
      }
      if (d === '$' && s[i + 1] === '(') { const e = skipParens(s, i + 1); value += s.slice(i, e); i = e; continue; }
      if (d === '`') { const e = s.indexOf('`', i + 1); const stop = e === -1 ? n : e + 1; value += s.slice(i, stop); i = stop; continue; }
      if (d === '$' && s[i + 1] === '{') { const e = s.indexOf('}', i); const stop = e === -1 ? n : e + 1; value += s.slice(i, stop); i = stop; continue; }
      value += d; i++;
    }
    if (i === from) {
      // digits of a redirection (2>file)
      let j = i; while (j < n && /[0-9]/.test(s[j])) j++;
      let k = j; while (k < n && (s[k] === '<' || s[k] === '>' || s[k] === '&')) k++;
      while (k < n && /[0-9-]/.test(s[k]) && s[k - 1] === '&') k++;
      out.push({ kind: 'redir', from: i, to: k, value: s.slice(i, k) }); i = k; continue;
    }
    out.push({ kind: 'word', from, to: i, value });
  }
  return out;
}

function skipParens(s: string, open: number): number {
  let depth = 0;
  let i = open;
  while (i < s.length) {
    const c = s[i];
    if (c === '(') depth++;
    else if (c === ')') { depth--; if (depth === 0) return i + 1; }
    else if (c === "'") { const e = s.indexOf("'", i + 1); i = e === -1 ? s.length : e; }
    else if (c === '\\') i++;
    i++;
  }
  return s.length;
}

export function basename(p: string): string {
  const k = p.lastIndexOf('/');
  return k === -1 ? p : p.slice(k + 1);
}

/** Splits a script into simple commands. */
export function parseShell(seg: Segmented): ShellCommand[] {
  const toks = tokenize(seg.text);
  const out: ShellCommand[] = [];
  let words: ShellWord[] = [];
  let redirects: ShellWord[] = [];
  let op: ShellOp = '';
  let pipeline = 0;
  let pendingRedir = false;
  const mkWord = (t: Token): ShellWord => {
    const sp = spanOf(seg, t.from, t.to);
    return { value: t.value, raw: seg.text.slice(t.from, t.to), from: t.from, to: t.to, start: sp.start, end: sp.end };
  };
  const flush = (nextOp: ShellOp) => {
    if (words.length) {
      const first = words[0], last = words[words.length - 1];
      out.push(finish({ words, argv: [], name: '', wrappers: [], op, pipeline, redirects, source: seg, start: first.start, end: last.end }));
    }
    if (nextOp !== '|') pipeline++;
    words = []; redirects = [];
    op = nextOp;
  };
  for (const t of toks) {
    if (t.kind === 'op') { pendingRedir = false; flush(t.value as ShellOp); continue; }
    if (t.kind === 'redir') {
      // <<EOF heredoc markers and `>&2` carry their target inside the token or have none
      pendingRedir = !/&[0-9-]$/.test(t.value);
      continue;
    }
    const w = mkWord(t);
    if (pendingRedir) { redirects.push(w); pendingRedir = false; continue; }
    words.push(w);
  }
  flush('');
  return out;
}

function finish(c: ShellCommand): ShellCommand {
  let k = 0;
  const w = c.words;
  for (;;) {
    while (k < w.length && (KEYWORDS.has(w[k].raw) || /^[A-Za-z_][A-Za-z0-9_]*=/.test(w[k].raw))) k++;
    if (k < w.length && WRAPPERS.has(basename(w[k].value))) {
      const wrapper = basename(w[k].value);
      c.wrappers.push(w[k]);
      k++;
      // options of the wrapper (sudo -u x, env -i, nice -n 5)
      while (k < w.length && w[k].value.startsWith('-')) {
        const opt = w[k].value;
        k++;
        if ((wrapper === 'sudo' && /^-[ugCDhpRrTt]$/.test(opt)) || (wrapper === 'nice' && opt === '-n') || (wrapper === 'env' && /^-[uC]$/.test(opt))) k++;
      }
      if (WRAPPER_SKIP_ARG.has(wrapper) && k < w.length) k++;
      continue;
    }
    break;
  }
  c.argv = w.slice(k);
  c.name = c.argv.length ? basename(c.argv[0].value) : '';
  return c;
}

/** For `sh -c 'script'` and the like: the script word as a tokenizable segment with document offsets. */
export function nestedScript(cmd: ShellCommand): Segmented | null {
  if (!/^(sh|bash|ash|dash|zsh|ksh)$/.test(cmd.name)) return null;
  const a = cmd.argv;
  for (let i = 1; i < a.length - 1; i++) {
    if (/^-[a-z]*c[a-z]*$/.test(a[i].value)) return unquoteSegment(cmd.source, a[i + 1]);
  }
  return null;
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
    if (c === '\\' && q !== "'" && i + 1 < w.to) { text.push(s[i + 1]); map.push(src.map[i + 1]); i += 2; continue; }
    text.push(c); map.push(src.map[i]); i++;
  }
  map.push(w.end);
  return { text: text.join(''), map };
}
