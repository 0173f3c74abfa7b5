import { rule } from '../rule';
import type { Span } from '../../server/src/dockerfile/parser';
import { pipesInto, skipOptions, scriptWord, type ShellCommand, type ShellWord } from '../../server/src/dockerfile/shell';

/**
 * Interpreters that run a program read from stdin: `code` options give them the program instead, `values` options
 * take a value, `stdin` options make them read the program from stdin whatever follows (`sh -s arg`).
 */
const INTERPRETERS: { re: RegExp; code: string; values: string; stdin?: string }[] = [
  { re: /^(sh|bash|ash|dash|zsh|ksh|mksh)$/, code: 'c', values: 'oO', stdin: 's' },
  { re: /^python[0-9.]*$/, code: 'cm', values: 'WX' },
  { re: /^(perl|ruby)[0-9.]*$/, code: 'eE', values: 'IrM' },
  { re: /^(node|nodejs)$/, code: 'ep', values: 'r' },
  { re: /^php[0-9.]*$/, code: 'rBRFE', values: 'cdz' },
];

type Interpreter = (typeof INTERPRETERS)[number];
/** Command name -> its interpreter spec (null: not an interpreter); names repeat, the regexes run once per name. */
const byName = new Map<string, Interpreter | null>();

/** First letters of the interpreters' names (sh bash ash dash zsh ksh mksh python perl php ruby node). */
const FIRST = new Set('sbadzkmprn');

function interpreter(c: ShellCommand): Interpreter | undefined {
  if (!FIRST.has(c.name[0])) return undefined;
  let spec = byName.get(c.name);
  if (spec === undefined) {
    if (byName.size > 10000) byName.clear();
    byName.set(c.name, spec = INTERPRETERS.find(i => i.re.test(c.name)) ?? null);
  }
  return spec ?? undefined;
}

/** curl and wget, when what they download goes to stdout. */
function downloadsToStdout(c: ShellCommand): boolean {
  if (c.name !== 'curl' && c.name !== 'wget') return false;
  const a = c.argv.slice(1).map(w => w.value);
  if (c.name === 'curl') {
    // -o FILE / -O / --remote-name write to files (`-o -` is stdout)
    for (let i = 0; i < a.length; i++) {
      const v = a[i];
      if (v === '--output' || v === '-o') { if (a[i + 1] !== '-') return false; continue; }
      if (v.startsWith('--output=')) { if (v !== '--output=-') return false; continue; }
      if (v === '--remote-name' || v === '--remote-name-all') return false;
      if (/^-[A-Za-z]+$/.test(v) && !v.startsWith('--')) {
        const o = v.search(/[oO]/);
        if (o !== -1 && v[o] === 'O') return false;
        if (o !== -1 && (o < v.length - 1 ? v.slice(o + 1) !== '-' : a[i + 1] !== '-')) return false;
      }
    }
    return true;
  }
  if (c.name === 'wget') {
    // wget saves to a file unless -O - (also -qO-, --output-document=-)
    for (let i = 0; i < a.length; i++) {
      const v = a[i];
      if (v === '--output-document=-' || v === '-O-' || (v === '--output-document' && a[i + 1] === '-')) return true;
      if (/^-[A-Za-z]*O/.test(v) && !v.startsWith('--')) { const rest = v.slice(v.indexOf('O') + 1); if (rest === '-' || (rest === '' && a[i + 1] === '-')) return true; }
    }
    return false;
  }
  return false;
}

/** The interpreter reads its program from stdin: no code option, and no script operand (or `-`, /dev/stdin, or `sh -s`). */
function runsStdin(c: ShellCommand): boolean {
  const spec = interpreter(c);
  if (!spec) return false;
  const a = c.argv;
  for (let i = 1; i < a.length; i++) {
    const v = a[i].value;
    if (/^-[A-Za-z]+$/.test(v)) {
      if ([...v.slice(1)].some(ch => spec.code.includes(ch))) return false;
      if (spec.stdin && [...v.slice(1)].some(ch => spec.stdin!.includes(ch))) return true;
    }
  }
  const k = skipOptions(a, 1, spec.values, []);
  return k >= a.length || a[k].value === '-' || a[k].value === '/dev/stdin';
}

/**
 * A finding needs a downloader (curl | sh), or a command with a substitution in its arguments
 * (`sh -c "$(curl …)"`, `bash <(curl …)`).
 */
function mayTakePart(c: ShellCommand): boolean {
  if (c.name === 'curl' || c.name === 'wget') return true;
  for (let i = 1; i < c.argv.length; i++) if (c.argv[i].subs) return true;
  return false;
}

/** A substitution `$(curl …)`, `` `wget -O- …` `` or `<(curl …)` in word `w` whose commands download to stdout. */
function downloadIn(w: ShellWord, kinds: string[]): { sub: Span; downloader: ShellCommand } | null {
  for (const s of w.subs ?? []) {
    if (!kinds.includes(s.kind)) continue;
    const d = s.commands.find(downloadsToStdout);
    if (d) return { sub: s, downloader: d };
  }
  return null;
}

export default rule({
  id: 'dockerfile/no-pipe-to-shell',
  kind: 'dockerfile',
  title: 'Downloaded script run straight from the network (curl | sh)',
  severity: 'high',
  rationale: 'Piping `curl` or `wget` output into a shell (or running it through `sh -c "$(curl …)"` or `bash <(curl …)`) executes whatever the server sends at build time, with the build\'s privileges, and nothing records what that was. A compromised or hijacked download host, a redirect or a truncated transfer then goes straight into the image, and two builds of the same Dockerfile can run different code. Download the script to a file, check it against a pinned checksum or signature (`sha256sum -c`, `gpg --verify`), and only then run it, or install the software from a signed package repository.',
  references: [
    'CIS Docker Benchmark 4.11: Ensure only verified packages are installed',
    'NIST SP 800-190 §4.1.3: Embedded malware',
    'NIST SP 800-190 §4.1.5: Use of untrusted images',
  ],
  equivalents: {},
  check({ model, report }) {
    for (const ins of model.instructions) {
      if (ins.keyword !== 'RUN') continue;
      const cmds = model.shell(ins);
      if (!cmds.some(mayTakePart)) continue;
      const seen: Span[] = [];
      const emit = (span: Span, msg: string) => {
        if (!seen.some(s => s.start === span.start && s.end === span.end)) { seen.push(span); report(span, msg); }
      };
      // curl … | [tee …|] sh, also through compound commands: `(cd /tmp && curl …) | sh`, `curl … | (cd /tmp && sh)`
      let readers: Map<number, ShellCommand[]> | null = null;
      for (const c of cmds) {
        if (!downloadsToStdout(c)) continue;
        readers ??= byPipeline(cmds.filter(runsStdin));
        // the nearest interpreter after it that its output reaches
        let sh: ShellCommand | null = null;
        for (const p of [c.pipeline, ...(c.enclosing ?? []).map(e => e.pipeline)]) {
          for (const r of readers.get(p) ?? []) if (r.start > c.start && (!sh || r.start < sh.start) && pipesInto(c, r)) sh = r;
        }
        if (sh) emit({ start: c.argv[0].start, end: sh.argv[0].end }, `\`${c.name}\` output is piped into \`${sh.name}\` and run unverified: download to a file, check its checksum or signature, then run it`);
      }
      for (const c of cmds) {
        const spec = interpreter(c);
        if (spec || c.name === 'eval' || c.name === 'source' || c.name === '.') {
          // sh -c "$(curl …)", eval "$(curl …)"
          const script = spec ? (scriptWord(c) ?? codeWord(c, spec.code[0])) : c.name === 'eval' ? c.argv[1] ?? null : null;
          const sub = script ? downloadIn(script, ['$(', '`']) : null;
          // the substitution is the script itself ("$(curl …)"), not a part of it (echo "$(curl …)")
          if (script && sub && (sub.sub.start === script.start || (sub.sub.start === script.start + 1 && script.raw[0] === '"'))) {
            emit({ start: c.argv[0].start, end: script.end }, `\`${c.name}\` runs a script fetched by \`${sub.downloader.name}\` without verifying it: download to a file, check its checksum or signature, then run it`);
            continue;
          }
          // bash <(curl …), source <(curl …)
          const operand = c.argv.slice(1).find(w => !w.value.startsWith('-') || w.raw.startsWith('<('));
          const proc = operand ? downloadIn(operand, ['<(']) : null;
          if (operand && proc) emit({ start: c.argv[0].start, end: operand.end }, `\`${c.name}\` runs a script fetched by \`${proc.downloader.name}\` without verifying it: download to a file, check its checksum or signature, then run it`);
        }
      }
    }
  },
});

/** Commands by each pipeline they stand in (their own and those of the compound commands around them). */
function byPipeline(cmds: ShellCommand[]): Map<number, ShellCommand[]> {
  const out = new Map<number, ShellCommand[]>();
  for (const c of cmds) {
    for (const p of [c.pipeline, ...(c.enclosing ?? []).map(e => e.pipeline)]) {
      const list = out.get(p);
      if (list) list.push(c); else out.set(p, [c]);
    }
  }
  return out;
}

/** `python -c CODE`, `perl -e CODE`: the word after the code option. */
function codeWord(c: ShellCommand, flag: string): ShellWord | null {
  const a = c.argv;
  for (let i = 1; i < a.length - 1; i++) if (a[i].value === '-' + flag) return a[i + 1];
  return null;
}
