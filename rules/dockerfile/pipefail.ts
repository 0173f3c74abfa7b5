import { rule, type FixSpec } from '../rule';
import { stageChain, type DockerfileModel, type Stage } from '../../server/src/dockerfile/model';
import type { Heredoc, Instruction, Segmented } from '../../server/src/dockerfile/parser';
import { basename, elementIn, pipesInto, readsPipe, parseShell, scriptWord, subSegment, type ShellCommand } from '../../server/src/dockerfile/shell';
import { editable } from './_run';
import { imageUserland, rootImage } from './_image';

const POSIX_SHELL = /^(ba|da|a|z|k|mk)?sh$/;
/** Shells that take `-o pipefail` on their command line and in `set` (sh and dash: only recent dash releases). */
const PIPEFAIL_SHELL = /^(ba|a|z|k|mk)sh$/;

/** The shell that runs a RUN's shell form: the SHELL instruction in effect (null: the default `/bin/sh -c`). */
interface ShellState {
  ins: Instruction | null;
  name: string;
  posix: boolean;
  pipefail: boolean;
  /** Index of the first option element of the SHELL's JSON array (after the shell, and after `env`/`busybox`). */
  options: number;
}

/** A script of a RUN and what runs it: the SHELL (`shell`), a shell command of the RUN (`bash -c '…'`, `bash <<EOF`) or a shebang line. */
interface Script {
  shell: ShellState | null;
  runner: ShellCommand | null;
  pipefail: boolean;
  /** The `set +o pipefail` that switched it off, if that is why it is off. */
  offBy: ShellCommand | null;
  /** Nesting in compound commands (if, while, for, case, { }): a `set -o pipefail` inside counts only where it runs. */
  depth: number;
}

/**
 * Where pipefail is switched by options: `-o pipefail` (also in a cluster: `-eo pipefail`, `-euxo pipefail`) turns it
 * on, `+o pipefail` off; null when the options do not mention it. Reads words[from, to) up to the first operand.
 */
function pipefailOption(words: { value: string }[], from: number, to = words.length): boolean | null {
  let on: boolean | null = null;
  for (let i = from; i < to; i++) {
    const v = words[i].value;
    if (v.startsWith('--') && v.length > 2) continue;
    if (!/^[-+][A-Za-z]+$/.test(v)) break;
    if (v.includes('o') && i + 1 < to) { i++; if (words[i].value === 'pipefail') on = v[0] === '-'; }
  }
  return on;
}

/** A SHELL instruction's shell (null when it is not in the JSON form, which Docker rejects). */
function readShell(ins: Instruction): ShellState | null {
  const a = ins.json;
  if (!a || !a.length) return null;
  let name = basename(a[0].value).toLowerCase().replace(/\.exe$/, '');
  // `["/usr/bin/env", "bash", …]`, `["/bin/busybox", "ash", …]`: the shell is the next element
  const k = (name === 'env' || name === 'busybox') && a.length > 1 ? 1 : 0;
  if (k) name = basename(a[1].value).toLowerCase();
  return { ins, name, posix: POSIX_SHELL.test(name), pipefail: pipefailOption(a, k + 1) === true, options: k + 1 };
}

/** The registry image at the root of a stage's chain (`FROM builder` followed back), or null. */
/** Commands whose failure in front of a pipe does not matter: they only print (or, like `yes`, always die of SIGPIPE). */
const HARMLESS = new Set(['echo', 'printf', 'yes', 'true', ':']);

function harmless(c: ShellCommand): boolean {
  if (!c.argv.length || HARMLESS.has(c.name)) return true; // argv-less: the end of a group (`} | …`) or a bare assignment
  if ((c.name === 'for' || c.name === 'case' || c.name === 'select') && c.argv[0].raw === c.name) return true; // a loop's or case's head prints nothing
  // `cat <<EOF | …` prints its heredoc; `cat file | …` fails when the file is missing
  return c.name === 'cat' && c.argv.every((w, i) => i === 0 || w.value.startsWith('-')) && !c.redirections.some(r => /^\d*<$/.test(r.op));
}

/** Readers that stop early (`head`, `grep -q`, `grep -m N`): under pipefail the writer's SIGPIPE would fail the pipeline. */
function stopsEarly(c: ShellCommand): boolean {
  if (c.name === 'head') return true;
  if (!/^[ef]?grep$/.test(c.name)) return false;
  return c.argv.some((w, i) => i > 0 && (/^-[A-Za-z]*[qm]/.test(w.value) || /^--(quiet|silent|max-count)/.test(w.value)));
}

/** Pipelines that pipefail would break: `yes | …`, `… | head`, `… | grep -q`. */
function hostileToPipefail(cmds: ShellCommand[]): boolean {
  return cmds.some((c, i) => (readsPipe(c) && stopsEarly(c)) || (c.name === 'yes' && cmds.slice(i + 1).some(d => pipesInto(c, d))));
}

/** `echo` with a backslash in an argument prints differently in dash (/bin/sh on Debian and Ubuntu) and in bash. */
function echoDiffers(cmds: ShellCommand[]): boolean {
  return cmds.some(c => c.name === 'echo' && c.argv.some(w => w.value.includes('\\')));
}

const OPENERS = new Set(['if', 'while', 'until', '{', 'for', 'case', 'select']);
const CLOSERS = new Set(['fi', 'done', '}', 'esac']);

/** Updates a script's nesting for the compound-command words at the front of `c` (`if`, `then`, `done` …). */
function nest(s: Script, c: ShellCommand): void {
  const lead = c.argv.length ? c.words.indexOf(c.argv[0]) + 1 : c.words.length;
  for (let k = 0; k < lead; k++) {
    const w = c.words[k].raw;
    if (OPENERS.has(w)) s.depth++;
    else if (CLOSERS.has(w)) s.depth = Math.max(0, s.depth - 1);
  }
}

/** The script that runs a heredoc body: the SHELL (`RUN <<EOF`), its shebang line, or the shell command reading it (`RUN bash <<EOF`). */
function heredocScript(ins: Instruction, h: Heredoc, st: ShellState): Script | null {
  const head = parseShell(subSegment(ins.args, ins.restStart, ins.args.text.length)).filter(c => c.argv.length);
  if (!head.length) {
    if (!h.content.startsWith('#!')) return { shell: st, runner: null, pipefail: st.pipefail, offBy: null, depth: 0 };
    const nl = h.content.indexOf('\n');
    const words = h.content.slice(2, nl === -1 ? undefined : nl).trim().split(/\s+/);
    const k = basename(words[0]) === 'env' ? 1 : 0;
    if (!POSIX_SHELL.test(basename(words[k] ?? ''))) return null;
    return { shell: null, runner: null, pipefail: words.includes('pipefail'), offBy: null, depth: 0 };
  }
  const runner = head.find(c => POSIX_SHELL.test(c.name) && !scriptWord(c) && c.redirections.some(r => /<<-?$/.test(r.op) && r.target?.value === h.name));
  return runner ? { shell: null, runner, pipefail: pipefailOption(runner.argv, 1) === true, offBy: null, depth: 0 } : null; // null: data (`cat <<EOF > file`)
}

interface Pipe {
  number: number;
  /** In order; a compound command's members (`( … )`, `while …; done`) share its element (see elementIn). */
  members: ShellCommand[];
  script: Script;
  pipefail: boolean;
  offBy: ShellCommand | null;
}

/** The pipelines of a RUN with the script they run in and whether pipefail is on there; and each command's script. */
function pipelines(ins: Instruction, cmds: ShellCommand[], st: ShellState): { pipes: Pipe[]; owner: Map<ShellCommand, Script> } {
  const scripts = new Map<Segmented, Script | null>();
  const owner = new Map<ShellCommand, Script>();
  const byNumber = new Map<number, Pipe>();
  const pipes: Pipe[] = [];
  let top: Script | null = null;
  for (let i = 0; i < cmds.length; i++) {
    const c = cmds[i];
    let s: Script | null | undefined;
    if (c.context === 'substitution') {
      s = c.parent && owner.get(c.parent);
      if (!s) continue;
      owner.set(c, s);
      // the status of `$(…)` counts only in a bare assignment (`V=$(curl … | jq …)`); `<(…)` is never checked
      const sub = c.parent!.words.flatMap(w => w.subs ?? []).find(x => x.commands.includes(c));
      if (c.parent!.argv.length || !sub || (sub.kind !== '$(' && sub.kind !== '`')) continue;
    } else if (c.context) {
      continue;
    } else {
      s = scripts.get(c.source);
      if (s === undefined) {
        const h = ins.heredocs.find(x => x.content === c.source.text && c.source.runs[1] === x.body.start);
        s = h ? heredocScript(ins, h, st) : top ?? (top = { shell: st, runner: null, pipefail: st.pipefail, offBy: null, depth: 0 });
        scripts.set(c.source, s);
      }
      if (!s) continue;
      owner.set(c, s);
      nest(s, c);
      // `sh -c 'script'`: the script is a new shell, with the options given to it
      const next = cmds[i + 1];
      const w = scriptWord(c);
      if (w && next && next.source !== c.source && !next.context && !scripts.has(next.source)) {
        const on = POSIX_SHELL.test(c.name) && pipefailOption(c.argv, 1, c.argv.indexOf(w)) === true;
        scripts.set(next.source, { shell: null, runner: c, pipefail: on, offBy: null, depth: 0 });
      }
    }
    for (const number of c.enclosing ? [c.pipeline, ...c.enclosing.map(e => e.pipeline)] : [c.pipeline]) {
      let p = byNumber.get(number);
      if (!p) { byNumber.set(number, p = { number, members: [], script: s, pipefail: s.pipefail, offBy: s.offBy }); pipes.push(p); }
      p.members.push(c);
    }
    if (c.name === 'set' && !c.context && s.depth === 0) {
      const on = pipefailOption(c.argv, 1);
      if (on !== null) { s.pipefail = on; s.offBy = on ? null : c; }
    }
  }
  return { pipes: pipes.filter(p => elementIn(p.members[p.members.length - 1], p.number) > 0), owner };
}

interface Candidate {
  ins: Instruction; stage: Stage; cmds: ShellCommand[]; pipe: Pipe; owner: Map<ShellCommand, Script>;
  producer: ShellCommand;
  /** The first command of the pipeline's last element (`while read …` of a loop), and the last command of all (its `done`). */
  consumer: ShellCommand;
  last: ShellCommand;
}

/** The pipelines of the RUN that hide a failure: pipefail off, a producer that can fail, no `|| true` after it. */
function hiddenFailures(ins: Instruction, stage: Stage, st: ShellState, cmds: ShellCommand[]): Candidate[] {
  const out: Candidate[] = [];
  const { pipes, owner } = pipelines(ins, cmds, st);
  for (const pipe of pipes) {
    if (pipe.pipefail) continue;
    const m = pipe.members;
    const at = (c: ShellCommand) => elementIn(c, pipe.number);
    const last = m[m.length - 1];
    const end = at(last);
    if (m.some(c => at(c) > 0 && stopsEarly(c))) continue;
    // in a compound command, the download is what matters (`(cd /tmp && curl …) | tar x`), not the `cd`
    const before = m.filter(c => at(c) < end && !harmless(c));
    const producer = before.find(c => DOWNLOADERS.has(c.name)) ?? before[0];
    if (!producer) continue;
    const consumer = m.find(c => at(c) === end)!;
    // `… | tar xz || true`: the author ignores the pipeline's failure on purpose
    const after = cmds.slice(cmds.indexOf(last) + 1).find(c => c.source === last.source && c.context === last.context && c.parent === last.parent);
    if (after && after.op === '||' && after.argv.length === 1 && (after.name === 'true' || after.name === ':')) continue;
    out.push({ ins, stage, cmds, pipe, owner, producer, consumer, last });
  }
  return out;
}

/** How a message names a pipeline element: `tar`, `while`, `(cd … tar)`, `{ cd … tar; }`. */
function elementLabel(commands: ShellCommand[]): string {
  const first = commands[0];
  if (commands.length === 1) return first.name || first.argv[0]?.raw || first.words[0].raw;
  const opener = first.words[0].raw;
  if (OPENERS.has(opener) && opener !== '{') return opener;
  const names = commands.filter(x => x.name).map(x => x.name);
  const inner = names.length > 1 ? `${names[0]} … ${names[names.length - 1]}` : names[0] ?? '…';
  return opener === '{' ? `{ ${inner}; }` : `(${inner})`;
}

/** A SHELL instruction as a message quotes it: `SHELL ["/bin/sh", "-c"]`. */
function shellText(ins: Instruction): string {
  return `SHELL [${ins.json!.map(e => JSON.stringify(e.value)).join(', ')}]`;
}

/** What to do, for the script the pipeline runs in. */
function remedy(c: Candidate): string {
  const { script } = c.pipe;
  if (c.pipe.offBy) return 'remove the `set +o pipefail` before it';
  const shellLine = (dir: string) => `\`SHELL ["/bin/${dir}", "-o", "pipefail", "-c"]\``;
  if (script.shell) {
    const st = script.shell;
    const root = rootImage(c.stage);
    const alpine = root !== null && imageUserland(root) === 'alpine';
    if (st.ins && PIPEFAIL_SHELL.test(st.name)) return `add \`"-o", "pipefail"\` to \`${shellText(st.ins)}\``;
    const where = st.ins ? `use ${shellLine(alpine ? 'ash' : 'bash')} instead of \`${shellText(st.ins)}\`` : `add ${shellLine(alpine ? 'ash' : 'bash')} before this RUN`;
    return `${where} (or begin the script with \`set -o pipefail\`${alpine ? '' : ' where /bin/sh supports it'})`;
  }
  const r = script.runner;
  if (!r) return 'add `set -o pipefail` at the start of the script';
  if (PIPEFAIL_SHELL.test(r.name)) return `add \`-o pipefail\` to the \`${r.name}\` that runs the script (or begin the script with \`set -o pipefail\`)`;
  if (POSIX_SHELL.test(r.name)) return `run the script with \`bash -o pipefail\` rather than \`${r.name}\` (or begin it with \`set -o pipefail\` where \`${r.name}\` supports it)`;
  return 'begin the script with `set -o pipefail`';
}

const DOWNLOADERS = new Set(['curl', 'wget']);

export default rule({
  id: 'dockerfile/pipefail',
  kind: 'dockerfile',
  title: 'Pipeline in RUN without pipefail hides the failure of an earlier command',
  severity: 'low',
  rationale: 'A shell pipeline (`a | b`) exits with the status of its last command: when `curl` fails half-way in `curl -fsSL https://… | sh`, `wget -O- … | tar xz` or `curl … | gpg --dearmor > key.gpg`, the shell carries on with the partial or empty output and the RUN succeeds, so the image is built from a truncated installer, a half-extracted archive or an empty key, and nothing in the build log says so. The `pipefail` option makes a pipeline fail when any of its commands fails. Set it for every RUN with `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` (on Alpine, which has no bash: `SHELL ["/bin/ash", "-o", "pipefail", "-c"]`), or begin the script with `set -o pipefail` where the shell supports it: bash, zsh, ksh and BusyBox ash do, but dash, the /bin/sh of Debian and Ubuntu, only does from Debian 13 on, and older releases stop the RUN with "Illegal option -o pipefail". The rule reads the SHELL in effect (also from the stage a stage is built on), `set -o pipefail` earlier in the same script outside compound commands, and the options of `bash -c` and `bash <<EOF` scripts. It does not report pipelines whose earlier commands cannot fail in a way that matters (`echo`, `printf`, `yes`, `cat` of a heredoc), pipelines that end in a reader that stops early (`head`, `grep -q`: pipefail would fail them when the writer gets SIGPIPE), pipelines followed by `|| true`, exec-form RUNs, and RUNs whose SHELL is not a POSIX shell (PowerShell, cmd) or that build on a Windows image.',
  references: [
    'NIST SP 800-190 §4.1.2: Image configuration defects',
    'CIS Docker Benchmark 4.11: Ensure only verified packages are installed',
  ],
  equivalents: { hadolint: ['DL4006'], kics: ['efbf148a-67e9-42d2-ac47-02fa1c0d0b22'] },
  fix: {
    description: 'On a stage whose base image is known to have bash (a full distribution image, or a -slim Debian-based one) or is Alpine, and that keeps the default shell: insert `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` (Alpine: `/bin/ash`) before the stage\'s first RUN with such a pipeline, so that it and the later RUNs of the stage (and of the stages built on it) run with pipefail; with a SHELL of bash or ash: add `"-o", "pipefail"` to it; for a `bash -c` or `bash <<EOF` script: add `-o pipefail` to that command. Not offered when a RUN it would affect pipes `yes` or into `head` or `grep -q`, which pipefail would fail, or, where bash replaces dash, runs `echo` with a backslash, which the two shells print differently',
    safety: 'unsafe',
  },
  check({ model, report }) {
    const runs: { ins: Instruction; stage: Stage; st: ShellState }[] = [];
    const finalShell = new Map<Stage, ShellState>();
    for (const stage of model.stages) {
      const base = stage.image?.stageRef;
      const root = rootImage(stage);
      let st = (base && finalShell.get(base)) || { ins: null, name: 'sh', posix: !root || imageUserland(root) !== 'windows', pipefail: false, options: 0 };
      for (const ins of stage.instructions) {
        if (ins.keyword === 'SHELL') st = readShell(ins) ?? st;
        else if (ins.keyword === 'RUN') runs.push({ ins, stage, st });
      }
      finalShell.set(stage, st);
    }
    const found: Candidate[] = [];
    for (const { ins, stage, st } of runs) {
      if (!st.posix && !ins.json) continue; // a PowerShell or cmd RUN: its `|` is not a POSIX pipe
      const cmds = model.shell(ins);
      if (!cmds.some(readsPipe)) continue;
      found.push(...hiddenFailures(ins, stage, st, cmds));
    }
    // the SHELL fix of a stage goes before its first RUN reported under the default shell, for all its findings
    const firstDefault = new Map<Stage, Instruction>();
    /** Whether the SHELL fix at a point (a stage's first reported RUN, or a SHELL) is safe enough: read once, not per finding. */
    const allowed = new Map<Instruction, boolean>();
    for (const c of found) if (c.pipe.script.shell?.ins === null && !firstDefault.has(c.stage)) firstDefault.set(c.stage, c.ins);

    for (const c of found) {
      const p = c.producer.name || c.producer.argv[0].raw;
      // what the output goes into as written: `while read …`, `xargs -r cmd` (xargs is a wrapper to the tokenizer), else the command
      const into = c.consumer;
      const opener = into.words[0].raw;
      const headWord = OPENERS.has(opener) ? into.words[0]
        : into.wrappers.find(w => basename(w.value) === 'xargs') ?? into.argv[0] ?? into.words[into.words.length - 1];
      const m = c.pipe.members;
      const at = (x: ShellCommand) => elementIn(x, c.pipe.number);
      const l = headWord === into.argv[0] && into.pipeline !== c.pipe.number ? elementLabel(m.filter(x => at(x) === at(into)))
        : opener === '{' ? elementLabel(m.filter(x => at(x) === at(into)))
        : headWord === into.argv[0] && into.name ? into.name : basename(headWord.value);
      const what = DOWNLOADERS.has(c.producer.name) ? 'a failed or partial download' : 'its missing or partial output';
      // each element in between
      const between: string[] = [];
      for (let e = at(c.producer) + 1; e < at(into); e++) between.push(`\`${elementLabel(m.filter(x => at(x) === e))}\``);
      const through = between.length ? ` through ${between.join(', ')}` : '';
      report({ start: c.producer.argv[0].start, end: headWord.end },
        `\`${p}\` is piped${through} into \`${l}\`: without pipefail a failure of \`${p}\` does not fail the RUN, so ${what} is used; ${remedy(c)}`, {
          related: c.pipe.script.shell?.ins ? [{ span: c.pipe.script.shell.ins, message: 'The SHELL that runs this RUN, without pipefail' }] : undefined,
          fix: () => fixFor(model, c, runs, firstDefault, allowed),
        });
    }
  },
});

/** The fix for a finding (see the rule's fix description), or null. */
function fixFor(model: DockerfileModel, c: Candidate, runs: { ins: Instruction; stage: Stage; st: ShellState }[], firstDefault: Map<Stage, Instruction>,
  allowed: Map<Instruction, boolean>): FixSpec | null {
  const once = (key: Instruction, ok: () => boolean) => {
    let v = allowed.get(key);
    if (v === undefined) allowed.set(key, v = ok());
    return v;
  };
  const { script } = c.pipe;
  if (c.pipe.offBy) return null;
  if (script.runner) {
    // `bash -c '…'`, `bash <<EOF`: bash is there, since the RUN runs it
    const w = script.runner.argv[0];
    if (!/^(ba|a)sh$/.test(script.runner.name) || !editable(model, c.ins, w)) return null;
    const own = c.cmds.filter(x => c.owner.get(x) === script);
    if (hostileToPipefail(own)) return null;
    return { title: `Run \`${script.runner.name}\` with \`-o pipefail\``, safety: 'unsafe', edits: [{ start: w.end, end: w.end, newText: ' -o pipefail' }] };
  }
  const st = script.shell;
  if (!st) return null;
  if (st.ins) {
    // a SHELL of bash or ash: add the option to it, for every RUN it runs
    const a = st.ins.json!;
    if (!/^(ba|a)sh$/.test(st.name) || a.length <= st.options) return null;
    if (!once(st.ins, () => !runs.some(r => r.st.ins === st.ins && !r.ins.json && hostileToPipefail(model.shell(r.ins))))) return null;
    return { title: `Add \`-o pipefail\` to the SHELL on line ${st.ins.line + 1}`, safety: 'unsafe', edits: [{ start: a[st.options].start, end: a[st.options].start, newText: '"-o", "pipefail", ' }] };
  }
  const first = firstDefault.get(c.stage);
  const image = rootImage(c.stage);
  const userland = image && imageUserland(image);
  if (!first || (userland !== 'bash' && userland !== 'alpine')) return null;
  if (!once(first, () => {
    const affected = runs.filter(r => r.st.ins === null && !r.ins.json
      && (r.stage === c.stage ? r.ins.index >= first.index : stageChain(r.stage).includes(c.stage)));
    const cmds = affected.flatMap(r => model.shell(r.ins));
    return !hostileToPipefail(cmds) && !(userland === 'bash' && echoDiffers(cmds));
  })) return null;
  const text = model.text;
  const lineStart = text.lastIndexOf('\n', first.start - 1) + 1;
  const indent = /^[ \t]*$/.test(text.slice(lineStart, first.start)) ? text.slice(lineStart, first.start) : '';
  const eol = text[text.indexOf('\n', first.start) - 1] === '\r' ? '\r\n' : '\n';
  const shell = `SHELL ["/bin/${userland === 'alpine' ? 'ash' : 'bash'}", "-o", "pipefail", "-c"]`;
  return {
    title: first === c.ins ? `Insert \`${shell}\` before this RUN` : `Insert \`${shell}\` before the RUN on line ${first.line + 1}`,
    safety: 'unsafe',
    edits: [{ start: lineStart, end: lineStart, newText: `${indent}${shell}${eol}` }],
  };
}
