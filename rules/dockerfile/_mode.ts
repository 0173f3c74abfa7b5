/**
 * File modes set in RUN: `chmod MODE`, `install -m MODE`, `mkdir -m MODE` (octal or symbolic), what they grant,
 * and the same mode with some bits taken away, for no-world-writable and no-setuid.
 */
import type { Span } from '../../server/src/dockerfile/parser';
import type { ShellCommand, ShellWord } from '../../server/src/dockerfile/shell';

export interface ModeArg {
  command: ShellCommand;
  word: ShellWord;
  /** The mode text, e.g. `777`, `u+s`. */
  mode: string;
  /** Where the mode is written: the word, or the value part of `--mode=777` / `-m777`. */
  span: Span;
  /** True when replacing `span` with a new mode is a plain text edit (no escapes; quotes around a whole word are fine). */
  editable: boolean;
  /** `chmod 777`, `mkdir -m 777` for messages. */
  label: string;
}

const CHMOD_OPTION = /^-[RvcfHLP]+$/;
const NO_MODES: readonly ModeArg[] = [];

/** The commands that set modes (the only ones modeArgs reads). */
export const MODE_COMMANDS = ['chmod', 'install', 'mkdir'];

/** The mode arguments of a command. */
export function modeArgs(c: ShellCommand): readonly ModeArg[] {
  if (c.name !== 'chmod' && c.name !== 'install' && c.name !== 'mkdir') return NO_MODES;
  const a = c.argv;
  const plain = (w: ShellWord) => (w.raw === w.value || w.raw === `"${w.value}"` || w.raw === `'${w.value}'`) && w.end - w.start === w.raw.length;
  if (c.name === 'chmod') {
    for (let i = 1; i < a.length; i++) {
      const v = a[i].value;
      if (v === '--') return i + 1 < a.length ? [arg(c, a[i + 1], a[i + 1].value, a[i + 1], plain(a[i + 1]), `chmod ${a[i + 1].value}`)] : [];
      if (v.startsWith('--reference')) return [];
      if (v.startsWith('--') || CHMOD_OPTION.test(v)) continue;
      return [arg(c, a[i], v, a[i], plain(a[i]), `chmod ${v}`)];
    }
    return [];
  }
  if (c.name === 'install' || c.name === 'mkdir') {
    const out: ModeArg[] = [];
    for (let i = 1; i < a.length; i++) {
      const w = a[i];
      const v = w.value;
      if (v === '--') break;
      let mode: string | null = null;
      let span: Span = w;
      let ok = plain(w);
      if (v === '--mode') {
        if (i + 1 >= a.length) break;
        const m = a[++i];
        out.push(arg(c, m, m.value, m, plain(m), `${c.name} --mode ${m.value}`));
        continue;
      }
      if (v.startsWith('--mode=')) { mode = v.slice(7); span = { start: w.start + 7, end: w.end }; ok = w.raw === v && w.end - w.start === v.length; }
      else if (/^-[A-Za-z]*m/.test(v)) {
        // a short cluster with m: `-Dm755`, or `-dm 755` with the mode in the next word
        const k = v.indexOf('m');
        if (k === v.length - 1) {
          if (i + 1 >= a.length) break;
          const m = a[++i];
          mode = m.value; span = m; ok = plain(m);
          out.push(arg(c, m, mode, span, ok, `${c.name} -m ${mode}`));
          continue;
        }
        mode = v.slice(k + 1); span = { start: w.start + k + 1, end: w.end }; ok = w.raw === v && w.end - w.start === v.length;
      }
      if (mode !== null) out.push(arg(c, w, mode, span, ok, `${c.name} ${v.startsWith('--') ? `--mode=${mode}` : `-m ${mode}`}`));
    }
    return out;
  }
  return [];
}

function arg(command: ShellCommand, word: ShellWord, mode: string, span: Span, editable: boolean, label: string): ModeArg {
  return { command, word, mode, span, editable, label };
}

interface Action { op: '+' | '-' | '='; perms: string }
interface Clause { who: string; actions: Action[] }
type Mode = { octal: number; width: number } | { clauses: Clause[] };

const SYMBOLIC = /^[ugoa]*([-+=]([rwxXst]*|[ugo]))+(,[ugoa]*([-+=]([rwxXst]*|[ugo]))+)*$/;

export function parseMode(text: string): Mode | null {
  if (/^[0-7]{1,5}$/.test(text)) {
    const v = parseInt(text, 8);
    return v > 0o7777 ? null : { octal: v, width: text.length };
  }
  if (!SYMBOLIC.test(text)) return null;
  return {
    clauses: text.split(',').map(part => {
      const who = /^[ugoa]*/.exec(part)![0];
      const actions: Action[] = [];
      const re = /([-+=])([rwxXst]*|[ugo])/g;
      let m: RegExpExecArray | null;
      re.lastIndex = who.length;
      while ((m = re.exec(part))) actions.push({ op: m[1] as Action['op'], perms: m[2] });
      return { who, actions };
    }),
  };
}

const members = (who: string) => (who === '' || who.includes('a') ? 'ugo' : who);
const grants = (a: Action) => a.op === '+' || a.op === '=';

/** Write access for "others", except with the sticky bit (`1777`, `o+wt`: shared directories such as /tmp). */
export function grantsOthersWrite(m: Mode): boolean {
  if ('octal' in m) return (m.octal & 0o002) !== 0 && (m.octal & 0o1000) === 0;
  if (m.clauses.some(c => c.actions.some(a => grants(a) && a.perms.includes('t')))) return false;
  // an empty "who" is limited by the umask (022 in a build), which keeps others from getting write
  return m.clauses.some(c => c.who !== '' && members(c.who).includes('o') && c.actions.some(a => grants(a) && a.perms.includes('w')));
}

/** Which of setuid (u) and setgid (g) the mode sets. */
export function setIdBits(m: Mode): { u: boolean; g: boolean } {
  if ('octal' in m) return { u: (m.octal & 0o4000) !== 0, g: (m.octal & 0o2000) !== 0 };
  let u = false, g = false;
  for (const c of m.clauses) {
    for (const a of c.actions) {
      if (!grants(a) || !a.perms.includes('s')) continue;
      const who = members(c.who);
      if (who.includes('u')) u = true;
      if (who.includes('g')) g = true;
    }
  }
  return { u, g };
}

/** The mode without write access for group and others where it granted write to others (777 → 755, a+rwx → u+rwx,go+rx). */
export function withoutOthersWrite(text: string): string | null {
  const m = parseMode(text);
  if (!m) return null;
  if ('octal' in m) return (m.octal & ~0o022).toString(8).padStart(m.width, '0');
  const out: string[] = [];
  for (const c of m.clauses) {
    const who = members(c.who);
    for (const a of c.actions) {
      if (c.who === '' || !who.includes('o') || !grants(a) || !a.perms.includes('w')) { out.push(c.who + a.op + a.perms); continue; }
      const keep = who.replace(/[go]/g, '');
      if (keep) out.push(keep + a.op + a.perms);
      const rest = a.perms.replace(/w/g, '');
      if (rest || a.op === '=') out.push(who.replace(/u/g, '') + a.op + rest);
    }
  }
  return out.length ? out.join(',') : 'o-w';
}

/** The mode without setuid/setgid (4755 → 0755, u+rws → u+rw); `u+s` alone becomes `u-s`. */
export function withoutSetId(text: string): string | null {
  const m = parseMode(text);
  if (!m) return null;
  if ('octal' in m) return (m.octal & ~0o6000).toString(8).padStart(m.width, '0');
  const { u, g } = setIdBits(m);
  const out: string[] = [];
  for (const c of m.clauses) {
    for (const a of c.actions) {
      if (!grants(a) || !a.perms.includes('s')) { out.push(c.who + a.op + a.perms); continue; }
      const rest = a.perms.replace(/s/g, '');
      if (rest || a.op === '=') out.push(c.who + a.op + rest);
    }
  }
  return out.length ? out.join(',') : `${u ? 'u' : ''}${g ? 'g' : ''}-s`;
}
