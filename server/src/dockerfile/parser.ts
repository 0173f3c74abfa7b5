/**
 * A lean, position-exact Dockerfile tokenizer.
 *
 * Why not dockerfile-ast at run time: it re-scans an instruction's text on every argument query and parses at
 * ~500 realistic files/s here, a sixth of the throughput Rampart needs; it also stops at whitespace words, while
 * rules need shell words inside RUN with exact offsets. dockerfile-ast stays the oracle: test/dockerfile-oracle
 * checks that this tokenizer finds the same instructions, keywords, arguments and ranges on every fixture.
 *
 * Everything here works on UTF-16 offsets into the document text; LSP positions are made only when reporting.
 */

export interface Span { start: number; end: number }

/**
 * Text with line continuations removed (or quotes resolved), and where each of its characters came from in the
 * document, as runs of consecutive characters: compact, so that no per-character array is ever built.
 */
export interface Segmented {
  text: string;
  /**
   * Pairs [textIndex, documentOffset], textIndex strictly ascending and starting at 0 (empty for empty text):
   * text[i] comes from documentOffset + (i - textIndex) of the last pair whose textIndex <= i. Read it with offsetAt.
   */
  runs: number[];
  /** Document offset just after the text (for an empty text: where it stands). */
  end: number;
}

/** A segment that is one stretch of the document starting at `start`. */
export function plainSegment(text: string, start: number): Segmented {
  return { text, runs: text.length ? [0, start] : [], end: start + text.length };
}

/** Document offset of seg.text[i]; seg.end for i >= text.length. */
export function offsetAt(seg: Segmented, i: number): number {
  if (i >= seg.text.length) return seg.end;
  const r = seg.runs;
  const k = r.length === 2 ? 0 : runAt(r, i);
  return r[k + 1] + (i - r[k]);
}

/** Position in `runs` of the pair that text index i belongs to (the last one whose text index is <= i). */
export function runAt(runs: number[], i: number): number {
  let lo = 0, hi = (runs.length >> 1) - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (runs[mid << 1] <= i) lo = mid; else hi = mid - 1;
  }
  return lo << 1;
}

export interface Word extends Span { value: string }

export interface Flag extends Span {
  name: string;
  value: string | null;
  nameSpan: Span;
  valueSpan: Span | null;
}

export interface Heredoc {
  /** The delimiter word, e.g. EOF. */
  name: string;
  /** `<<-` strips leading tabs. */
  stripTabs: boolean;
  /** A quoted delimiter (<<'EOF') disables expansion inside the body. */
  quoted: boolean;
  /** The `<<EOF` marker in the instruction line. */
  marker: Span;
  /** The body lines, between the instruction and the terminator line. */
  body: Span;
  content: string;
  terminated: boolean;
}

export interface Instruction extends Span {
  /** Upper-cased keyword, e.g. RUN. */
  keyword: string;
  keywordSpan: Span;
  /** Arguments after the keyword, continuation-joined, leading whitespace removed. */
  args: Segmented;
  /** Leading `--name[=value]` flags (FROM, RUN, COPY, ADD, HEALTHCHECK). */
  flags: Flag[];
  /** Whitespace-separated words after the flags (quotes kept in value, continuations removed). */
  words: Word[];
  /** Offset within args.text where the words after the flags start. */
  restStart: number;
  /** The exec (JSON array) form's elements, or null for the shell form. */
  json: Word[] | null;
  heredocs: Heredoc[];
  /** 0-based line of the keyword. */
  line: number;
  /** Index of the stage this instruction belongs to (-1 before the first FROM). */
  stage: number;
  /** Index of this instruction in ParsedDockerfile.instructions. */
  index: number;
}

export interface Comment extends Span { text: string }
export interface Directive extends Span { name: string; value: string }

export interface ParseProblem extends Span { message: string }

export interface ParsedDockerfile {
  text: string;
  escape: string;
  directives: Directive[];
  comments: Comment[];
  instructions: Instruction[];
  problems: ParseProblem[];
}

export const KNOWN_INSTRUCTIONS = new Set([
  'FROM', 'RUN', 'CMD', 'LABEL', 'MAINTAINER', 'EXPOSE', 'ENV', 'ADD', 'COPY', 'ENTRYPOINT', 'VOLUME', 'USER',
  'WORKDIR', 'ARG', 'ONBUILD', 'STOPSIGNAL', 'HEALTHCHECK', 'SHELL',
]);
const FLAG_INSTRUCTIONS = new Set(['FROM', 'RUN', 'COPY', 'ADD', 'HEALTHCHECK']);
const HEREDOC_INSTRUCTIONS = new Set(['RUN', 'COPY', 'ADD']);
const JSON_INSTRUCTIONS = new Set(['RUN', 'CMD', 'ENTRYPOINT', 'SHELL', 'VOLUME', 'ADD', 'COPY']);

const isWs = (c: number) => c === 32 || c === 9;

/** The known keywords by length, to recognise a keyword in the text without upper-casing a copy of it. */
const KEYWORDS_BY_LENGTH: string[][] = [];
for (const k of KNOWN_INSTRUCTIONS) (KEYWORDS_BY_LENGTH[k.length] ??= []).push(k);

/** The known keyword written (in any case) at text[start, end), or null. */
function knownKeyword(text: string, start: number, end: number): string | null {
  const candidates = KEYWORDS_BY_LENGTH[end - start];
  if (!candidates) return null;
  next: for (const k of candidates) {
    for (let i = 0; i < k.length; i++) {
      const c = text.charCodeAt(start + i);
      // ASCII letters only: k[i] upper case, or the same letter in lower case
      if (c !== k.charCodeAt(i) && c !== k.charCodeAt(i) + 32) continue next;
    }
    return k;
  }
  return null;
}

function lineEndAt(text: string, from: number): number {
  const nl = text.indexOf('\n', from);
  return nl === -1 ? text.length : nl;
}
/** End of the content of the line ending at `nl` (drops a \r). */
function contentEnd(text: string, lineStart: number, nl: number): number {
  return nl > lineStart && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
}

/** Scratch list of the pieces of one instruction (reused: parsing never re-enters). */
const PIECES: number[] = [];

/** Parses a whole Dockerfile. Never throws; problems are collected. */
export function parseDockerfile(text: string): ParsedDockerfile {
  const directives: Directive[] = [];
  const comments: Comment[] = [];
  const instructions: Instruction[] = [];
  const problems: ParseProblem[] = [];
  let escape = '\\';
  // A byte-order mark is not content (callers should strip it; a stray one must not hide a directive).
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const len = text.length;
  let line = 0;
  let inDirectives = true;
  let stage = -1;

  while (pos < len) {
    const nl = lineEndAt(text, pos);
    const end = contentEnd(text, pos, nl);
    let i = pos;
    while (i < end && isWs(text.charCodeAt(i))) i++;
    if (i === end) { // blank line
      inDirectives = false;
      pos = nl + 1; line++;
      continue;
    }
    if (text.charCodeAt(i) === 35 /* # */) {
      const ctext = text.slice(i, end);
      if (inDirectives) {
        const m = /^#\s*([A-Za-z][A-Za-z0-9_-]*)\s*=\s*(.*?)\s*$/.exec(ctext);
        if (m && !directives.some(d => d.name === m[1].toLowerCase())) {
          const name = m[1].toLowerCase();
          directives.push({ name, value: m[2], start: i, end });
          if (name === 'escape' && (m[2] === '`' || m[2] === '\\')) escape = m[2];
          pos = nl + 1; line++;
          continue;
        }
        inDirectives = false;
      }
      comments.push({ text: ctext, start: i, end });
      pos = nl + 1; line++;
      continue;
    }
    inDirectives = false;

    // An instruction: keyword, then arguments with continuations.
    const kwStart = i;
    while (i < end && !isWs(text.charCodeAt(i))) i++;
    const kwEnd = i;
    const known = knownKeyword(text, kwStart, kwEnd);
    const startLine = line;
    const pieces = PIECES; // [start, end) pairs of document text that make up the joined arguments
    let np = 0;
    // skip whitespace between keyword and arguments
    while (i < end && isWs(text.charCodeAt(i))) i++;
    let segStart = i;
    let curNl = nl;
    let curEnd = end;
    let instrEnd = end;
    for (;;) {
      // Does this physical line end with the escape character (then only whitespace)?
      let j = curEnd;
      while (j > segStart && isWs(text.charCodeAt(j - 1))) j--;
      const continued = j > segStart && text[j - 1] === escape;
      const segEnd = continued ? j - 1 : curEnd;
      if (segEnd > segStart) { pieces[np++] = segStart; pieces[np++] = segEnd; }
      instrEnd = continued ? j : curEnd;
      if (!continued) break;
      // move to the following lines, skipping blank and comment lines
      let next = curNl + 1;
      line++;
      let found = false;
      while (next < len) {
        const nnl = lineEndAt(text, next);
        const nend = contentEnd(text, next, nnl);
        let t = next;
        while (t < nend && isWs(text.charCodeAt(t))) t++;
        if (t === nend || text.charCodeAt(t) === 35) {
          if (t !== nend) comments.push({ text: text.slice(t, nend), start: t, end: nend });
          next = nnl + 1; line++;
          continue;
        }
        segStart = next; curNl = nnl; curEnd = nend;
        found = true;
        break;
      }
      if (!found) { curNl = len; instrEnd = len; break; } // a dangling continuation runs to the end of the file
    }
    // trim trailing whitespace of the joined arguments
    while (np) {
      let e = pieces[np - 1];
      const b = pieces[np - 2];
      while (e > b && isWs(text.charCodeAt(e - 1))) e--;
      if (e > b) { pieces[np - 1] = e; break; }
      np -= 2;
    }
    let argsText: string;
    let runs: number[];
    if (np === 2) {
      argsText = text.slice(pieces[0], pieces[1]);
      runs = [0, pieces[0]];
    } else {
      argsText = '';
      runs = [];
      for (let k = 0; k < np; k += 2) {
        runs.push(argsText.length, pieces[k]);
        argsText += text.slice(pieces[k], pieces[k + 1]);
      }
    }
    const args: Segmented = { text: argsText, runs, end: np ? pieces[np - 1] : segStart };
    // one piece (no continuation): its words are read straight from the document
    const oneLine = np === 2;

    const rawKeyword = known ?? text.slice(kwStart, kwEnd);
    const keyword = known ?? rawKeyword.toUpperCase();
    pos = curNl + 1; line++;

    if (known === null) {
      if (!/^[A-Za-z]+$/.test(rawKeyword)) {
        problems.push({ start: kwStart, end: kwEnd, message: `Expected a Dockerfile instruction, found "${truncate(rawKeyword)}"` });
      } else if (!KNOWN_INSTRUCTIONS.has(keyword)) {
        problems.push({ start: kwStart, end: kwEnd, message: `Unknown instruction "${truncate(rawKeyword)}"` });
      }
    }
    if (keyword === 'FROM') stage++;
    else if (stage === -1 && keyword !== 'ARG' && KNOWN_INSTRUCTIONS.has(keyword)) {
      problems.push({ start: kwStart, end: kwEnd, message: `${keyword} before the first FROM: a Dockerfile must begin with FROM (or ARG)` });
    }

    const flags: Flag[] = [];
    let rest = 0;
    let words = oneLine ? splitDocumentWords(text, pieces[0], pieces[1]) : splitWords(args);
    if (FLAG_INSTRUCTIONS.has(keyword)) {
      let w = 0;
      while (w < words.length && words[w].value.startsWith('--') && words[w].value.length > 2) {
        flags.push(makeFlag(words[w]));
        w++;
      }
      if (w > 0) {
        rest = words.length > w ? indexOfOffset(args, words[w].start) : args.text.length;
        words = words.slice(w);
      }
    }
    let json: Word[] | null = null;
    if (JSON_INSTRUCTIONS.has(keyword) || keyword === 'HEALTHCHECK') {
      json = parseJsonForm(args, rest, keyword === 'HEALTHCHECK');
    }
    const instr: Instruction = {
      keyword, keywordSpan: { start: kwStart, end: kwEnd }, args, flags, words, restStart: rest, json,
      heredocs: [], line: startLine, stage, index: instructions.length, start: kwStart, end: instrEnd,
    };
    if (HEREDOC_INSTRUCTIONS.has(keyword) && argsText.includes('<<') && json === null) {
      const hd = readHeredocs(text, args, pos);
      if (hd.length) {
        instr.heredocs = hd;
        const last = hd[hd.length - 1];
        // continue after the terminator line
        const termNl = lineEndAt(text, last.body.end);
        const consumedTo = last.terminated ? termNl + 1 : len;
        for (let k = pos; k < Math.min(consumedTo, len); k++) if (text.charCodeAt(k) === 10) line++;
        pos = consumedTo;
        instr.end = last.terminated ? contentEnd(text, last.body.end, termNl) : last.body.end;
        for (const h of hd) {
          if (!h.terminated) problems.push({ start: h.marker.start, end: h.marker.end, message: `Heredoc "${h.name}" is never terminated` });
        }
      }
    }
    instructions.push(instr);
  }
  if (!instructions.some(i => i.keyword === 'FROM') && instructions.length > 0 && problems.length === 0) {
    const first = instructions[0];
    problems.push({ ...first.keywordSpan, message: 'No FROM instruction: this is not a buildable Dockerfile' });
  }
  return { text, escape, directives, comments, instructions, problems };
}

function truncate(s: string): string {
  return s.length > 40 ? s.slice(0, 40) + '…' : s;
}

/** Index into seg.text of the first character at or after document offset `off` (text.length when none). */
export function indexOfOffset(seg: Segmented, off: number): number {
  const r = seg.runs;
  const n = seg.text.length;
  for (let k = 0; k < r.length; k += 2) {
    const runEnd = k + 2 < r.length ? r[k + 2] : n;
    if (r[k + 1] + (runEnd - 1 - r[k]) >= off) return r[k] + Math.max(0, off - r[k + 1]);
  }
  return n;
}

/** Document span of seg.text[from, to). */
export function spanOf(seg: Segmented, from: number, to: number): Span {
  const start = offsetAt(seg, from);
  return { start, end: to > from ? offsetAt(seg, to - 1) + 1 : start };
}

/** A part of a segment, keeping the mapping to the document. */
export function subSegment(seg: Segmented, from: number, to: number): Segmented {
  const end = to > from ? offsetAt(seg, to - 1) + 1 : offsetAt(seg, from);
  if (to <= from) return { text: '', runs: [], end };
  const r = seg.runs;
  const k0 = runAt(r, from);
  const runs: number[] = [0, r[k0 + 1] + (from - r[k0])];
  for (let k = k0 + 2; k < r.length && r[k] < to; k += 2) runs.push(r[k] - from, r[k + 1]);
  return { text: seg.text.slice(from, to), runs, end };
}

/** Calls `emit(start, end)` for each whitespace-separated word of s[from, n); quoted runs ("..." '...') stay in one word. */
function scanWords(s: string, from: number, n: number, emit: (ws: number, we: number) => void): void {
  let i = from;
  while (i < n) {
    let c = s.charCodeAt(i);
    while (i < n && (c === 32 || c === 9)) c = s.charCodeAt(++i);
    if (i >= n) break;
    const ws = i;
    let q = 0;
    while (i < n) {
      c = s.charCodeAt(i);
      if (q) {
        if (c === 92 /* \ */ && q === 34 && i + 1 < n) { i += 2; continue; }
        if (c === q) q = 0;
        i++;
        continue;
      }
      if (c === 32 || c === 9) break;
      if (c === 34 || c === 39) q = c;
      else if (c === 92 && i + 1 < n) { i += 2; continue; }
      i++;
    }
    emit(ws, i);
  }
}

/** Whitespace-separated words of a segment, with document offsets. */
export function splitWords(seg: Segmented, from = 0): Word[] {
  const s = seg.text;
  const out: Word[] = [];
  scanWords(s, from, s.length, (ws, we) => {
    const start = offsetAt(seg, ws);
    out.push({ value: s.slice(ws, we), start, end: we > ws ? offsetAt(seg, we - 1) + 1 : start });
  });
  return out;
}

/** splitWords for a segment that is the document's text[from, to) as it is (offsets are indexes). */
function splitDocumentWords(s: string, from: number, n: number): Word[] {
  const out: Word[] = [];
  scanWords(s, from, n, (ws, we) => out.push({ value: s.slice(ws, we), start: ws, end: we }));
  return out;
}

function makeFlag(w: Word): Flag {
  const eq = w.value.indexOf('=');
  const name = (eq === -1 ? w.value.slice(2) : w.value.slice(2, eq)).toLowerCase();
  // Words never contain continuations inside flags in practice; offsets are computed from the word start.
  if (eq === -1) return { ...w, name, value: null, nameSpan: { start: w.start, end: w.end }, valueSpan: null };
  return {
    start: w.start, end: w.end, value: unquote(w.value.slice(eq + 1)), name,
    nameSpan: { start: w.start, end: w.start + eq }, valueSpan: { start: w.start + eq + 1, end: w.end },
  };
}

/** Removes one level of surrounding quotes and backslash escapes inside double quotes. */
export function unquote(s: string): string {
  if (s.length >= 2 && ((s[0] === '"' && s[s.length - 1] === '"') || (s[0] === "'" && s[s.length - 1] === "'"))) {
    const inner = s.slice(1, -1);
    return s[0] === '"' ? inner.replace(/\\(.)/g, '$1') : inner;
  }
  if (s.includes('"') || s.includes("'")) {
    // quotes in the middle (KEY="a b"): strip each quoted part
    return s.replace(/"((?:[^"\\]|\\.)*)"|'([^']*)'/g, (_m, d, q) => (d !== undefined ? d.replace(/\\(.)/g, '$1') : q));
  }
  return s;
}

/** Exec form: a JSON array of strings. Returns its elements with document spans (quotes included), or null. */
function parseJsonForm(seg: Segmented, from: number, healthcheck: boolean): Word[] | null {
  const s = seg.text;
  let i = from;
  if (healthcheck) {
    // HEALTHCHECK [flags] CMD [...]
    const m = /^\s*CMD\s+/i.exec(s.slice(from));
    if (!m) return null;
    i = from + m[0].length;
  }
  while (i < s.length && (s[i] === ' ' || s[i] === '\t')) i++;
  if (s[i] !== '[') return null;
  const body = s.slice(i).trimEnd();
  if (!body.endsWith(']')) return null;
  let values: unknown;
  try { values = JSON.parse(body); } catch { return null; }
  if (!Array.isArray(values) || !values.every(v => typeof v === 'string')) return null;
  const out: Word[] = [];
  const re = /"((?:[^"\\]|\\.)*)"/g;
  re.lastIndex = i;
  let m: RegExpExecArray | null;
  let k = 0;
  while ((m = re.exec(s)) && k < values.length) {
    const sp = spanOf(seg, m.index, m.index + m[0].length);
    out.push({ value: values[k] as string, start: sp.start, end: sp.end });
    k++;
  }
  return out;
}

function readHeredocs(text: string, args: Segmented, bodyFrom: number): Heredoc[] {
  const out: Heredoc[] = [];
  const re = /<<(-?)(["']?)([A-Za-z_][A-Za-z0-9_]*)\2/g;
  let m: RegExpExecArray | null;
  const found: { name: string; strip: boolean; quoted: boolean; marker: Span }[] = [];
  while ((m = re.exec(args.text))) {
    if (m.index > 0 && args.text[m.index - 1] === '<') continue; // <<< here-string
    found.push({ name: m[3], strip: m[1] === '-', quoted: m[2] !== '', marker: spanOf(args, m.index, m.index + m[0].length) });
  }
  let pos = bodyFrom;
  for (const f of found) {
    const bodyStart = pos;
    let terminated = false;
    let bodyEnd = text.length;
    while (pos < text.length) {
      const nl = lineEndAt(text, pos);
      const end = contentEnd(text, pos, nl);
      let l = text.slice(pos, end);
      if (f.strip) l = l.replace(/^\t+/, '');
      if (l === f.name) { bodyEnd = pos; terminated = true; pos = nl + 1; break; }
      pos = nl + 1;
    }
    if (!terminated) bodyEnd = text.length;
    // body span excludes the terminator line; when terminated, `pos` is after the terminator line
    out.push({
      name: f.name, stripTabs: f.strip, quoted: f.quoted, marker: f.marker,
      body: { start: bodyStart, end: bodyEnd }, content: text.slice(bodyStart, bodyEnd), terminated,
    });
    if (!terminated) break;
  }
  // When terminated, body.end is the start of the terminator line; the caller finds its end.
  return out;
}
