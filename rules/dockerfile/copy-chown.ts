import { rule, type FixSpec } from '../rule';
import { expandVars, resolveImagePath, stageChain, workdirAt, type DockerfileModel, type Stage, type VarLookup } from '../../server/src/dockerfile/model';
import { offsetAt, unquote, type Instruction, type Span } from '../../server/src/dockerfile/parser';
import type { ShellCommand } from '../../server/src/dockerfile/shell';
import type { OffsetEdit } from '../../server/src/engine/types';
import { deleteInstruction, deleteRunCommand } from './_edit';

interface Copy {
  ins: Instruction;
  /** Index in its stage. */
  at: number;
  /** The destination as written, its span, and resolved to an absolute path. */
  destSpan: Span;
  dest: string;
  /** Absolute paths of the files it copies that can be named: `COPY app.py /app/` → /app/app.py. */
  files: string[];
}

/** COPY/ADD destination (and the single files it names), resolved against WORKDIR; null when not known. */
function readCopy(model: DockerfileModel, ins: Instruction, at = -1): Copy | null {
  const args = ins.json ?? ins.words;
  if (args.length < 2) return null;
  const last = args[args.length - 1];
  const written = ins.json ? last.value : unquote(last.value);
  const { value, unresolved } = written.includes('$') ? expandVars(written, model.variablesAt(ins)) : { value: written, unresolved: false };
  if (unresolved || !value) return null;
  const wd = value.startsWith('/') ? '/' : workdirAt(model, ins);
  if (wd === null) return null;
  const dest = resolveImagePath(wd, value);
  const intoDir = value.endsWith('/') || args.length > 2;
  const files: string[] = [];
  if (intoDir) {
    for (let k = 0; k < args.length - 1; k++) {
      const src = ins.json ? args[k].value : unquote(args[k].value);
      let e = src.length; // the last part, trailing slashes removed
      while (e > 0 && src.charCodeAt(e - 1) === 47) e--;
      const base = src.slice(src.lastIndexOf('/', e - 1) + 1, e);
      // only names that are clearly files: a directory's contents, not the directory, are copied
      if (/^[^*?[$<]+\.[A-Za-z0-9]+$/.test(base)) files.push(resolveImagePath(dest, base));
    }
  }
  return { ins, at, destSpan: { start: last.start, end: last.end }, dest, files };
}

interface Chown { owner: string; recursive: boolean; paths: { word: ShellCommand['argv'][number]; path: string | null }[] }

function readChown(model: DockerfileModel, ins: Instruction, cmd: ShellCommand): Chown | null {
  let recursive = false;
  let owner: string | null = null;
  const paths: Chown['paths'] = [];
  let scope: VarLookup | null = null;
  const vars = () => (scope ??= model.variablesAt(ins));
  for (const w of cmd.argv.slice(1)) {
    const v = w.value;
    if (owner === null && v.startsWith('-') && v !== '-') {
      if (v === '--recursive' || /^-[A-Za-z]*R/.test(v)) recursive = true;
      if (v.startsWith('--reference') || v.startsWith('--from')) return null; // owner taken from a file, or conditional
      continue;
    }
    if (owner === null) { owner = v; continue; }
    let path: string | null = null;
    const { value, unresolved } = v.includes('$') ? expandVars(v, vars()) : { value: v, unresolved: false };
    if (!unresolved && value && !/[*?[`]|\$\(/.test(value)) {
      const wd = value.startsWith('/') ? '/' : workdirAt(model, ins);
      if (wd !== null) path = resolveImagePath(wd, value);
    }
    paths.push({ word: w, path });
  }
  // COPY --chown takes user[:group]; it expands ARG/ENV but not a shell's $(id -u)
  if (!owner || !paths.length || owner.startsWith(':') || /[`.]|\$\(/.test(owner)) return null;
  if (owner.includes('$')) for (const m of owner.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)) if (!vars().has(m[1])) return null;
  return { owner, recursive, paths };
}

const NO_COPIES: readonly Copy[] = [];
function add(m: Map<string, Copy[]>, k: string, c: Copy) {
  const l = m.get(k);
  if (l) l.push(c); else m.set(k, [c]);
}

/** Is `p` the path `dir` or inside it? */
const within = (p: string, dir: string) => p === dir || p.startsWith(dir === '/' ? '/' : dir + '/');

export default rule({
  id: 'dockerfile/copy-chown',
  kind: 'dockerfile',
  title: 'RUN chown of files a COPY just added',
  severity: 'low',
  rationale: 'A `RUN chown` of files that an earlier COPY or ADD put in place copies every one of them again into a new layer, doubling their size in the image, and the ownership is decided away from the instruction that creates the files. `COPY --chown=<user>:<group>` sets the owner as the files are written, in the same layer. Also ask whether the process needs to own its files at all: code and configuration that stay owned by root cannot be rewritten by a compromised process.',
  references: [
    'NIST SP 800-190 §4.1.2: Image configuration defects',
    'CIS Docker Benchmark 4.1: Ensure that a user for the container has been created (ownership for the non-root user)',
  ],
  equivalents: {},
  fix: {
    description: 'Add `--chown=<owner>` to the COPY and remove the chown (the whole RUN when it is its only command). A single finding\'s fix is marked safe only when the RUN does nothing else, the chown is recursive, its paths are exactly the COPY destinations, and nothing else wrote there first (no WORKDIR, RUN, or other COPY/ADD into those paths)',
    safety: 'unsafe',
  },
  check({ model, report }) {
    const chowns = model.commandsNamed('chown');
    if (!chowns.length) return;
    // the chown commands of each RUN, in order: the other commands need not be looked at
    const chownRuns = new Map<Instruction, ShellCommand[]>();
    for (const r of chowns) {
      const list = chownRuns.get(r.instruction);
      if (list) list.push(r.command); else chownRuns.set(r.instruction, [r.command]);
    }
    for (const stage of model.stages) {
      // only a chown can be reported, and only about the copies before it
      const list = stage.instructions;
      let lastChown = -1;
      for (let at = 0; at < list.length; at++) if (chownRuns.has(list[at])) lastChown = at;
      if (lastChown === -1) continue;
      const byDest = new Map<string, Copy[]>();
      const byFile = new Map<string, Copy[]>();
      for (let at = 0; at <= lastChown; at++) {
        const ins = list[at];
        if (ins.keyword === 'COPY' || ins.keyword === 'ADD') {
          const c = readCopy(model, ins, at);
          if (c) { add(byDest, c.dest, c); for (const f of c.files) add(byFile, f, c); }
          continue;
        }
        const cmds = chownRuns.get(ins);
        if (!cmds) continue;
        for (const cmd of cmds) {
          // nothing copied yet (or all of it settled by earlier chowns): nothing to report
          if (!byDest.size && !byFile.size) continue;
          const chown = readChown(model, ins, cmd);
          if (!chown) continue;
          // for each path, the copies that wrote exactly there (their destination or a file they named)
          const hits = chown.paths.map(p => ({ word: p.word, path: p.path, exact: p.path === null ? NO_COPIES : byDest.get(p.path) ?? NO_COPIES, file: p.path === null ? NO_COPIES : byFile.get(p.path) ?? NO_COPIES }));
          const first = hits.find(h => h.exact.length || h.file.length);
          // what this chown covered is settled: a later chown of the same path is about later copies only
          for (const h of hits) if (h.path !== null) { byDest.delete(h.path); byFile.delete(h.path); }
          if (!first) continue;
          const matched: Copy[] = [];
          for (const h of hits) {
            for (const c of h.exact) if (!matched.includes(c)) matched.push(c);
            for (const c of h.file) if (!matched.includes(c)) matched.push(c);
          }
          const allMatched = hits.every(h => h.exact.length || h.file.length);
          const copyWord = matched[0].ins.keyword;
          const shown = first.word.value === first.path ? first.path : `${first.word.value} (${first.path})`;
          const wrote = (c: Copy) => hits.find(h => h.exact.includes(c) || h.file.includes(c))!.path;
          report(first.word, `chown of ${shown}, which ${copyWord} just added: set the owner while copying with \`${copyWord} --chown=${chown.owner}\` instead of a separate chown, which duplicates every file into a new layer`, {
            related: matched.map(c => ({ span: c.destSpan, message: `${c.ins.keyword} that writes ${wrote(c)}` })),
            fix: allMatched ? () => fixChown(model, stage, at, cmd, chown, hits.map(h => h.path!), matched) : undefined,
          });
        }
      }
    }
  },
});

/** Beyond this many earlier instructions the fix is offered as unsafe without proving it safe (keeps --fix linear). */
const SAFETY_SCAN_LIMIT = 2000;

function fixChown(model: DockerfileModel, stage: Stage, runAt: number, cmd: ShellCommand, chown: Chown,
  paths: string[], matched: Copy[]): FixSpec | null {
  const run = stage.instructions[runAt];
  const cmds = model.shell(run);
  const only = cmds.length === 1 && !run.heredocs.length;
  const removal = only ? deleteInstruction(model, run) : deleteRunCommand(model, run, cmd);
  if (!removal) return null;
  const edits: OffsetEdit[] = [removal];
  for (const c of matched) {
    const flag = c.ins.flags.find(f => f.name === 'chown');
    if (flag?.valueSpan) edits.push({ start: flag.valueSpan.start, end: flag.valueSpan.end, newText: chown.owner });
    else edits.push({ start: offsetAt(c.ins.args, 0), end: offsetAt(c.ins.args, 0), newText: `--chown=${chown.owner} ` });
  }
  const title = `Use ${matched[0].ins.keyword} --chown=${chown.owner} and remove the chown`;
  const safeShape = only && chown.recursive && matched.every(c => c.ins.keyword === 'COPY')
    && paths.every(p => matched.some(c => c.dest === p)) && matched.every(c => paths.includes(c.dest));
  const ancestors = stageChain(stage).slice(1);
  if (!safeShape || ancestors.reduce((n, s) => n + s.instructions.length, runAt) > SAFETY_SCAN_LIMIT) return { title, safety: 'unsafe', edits };
  // behaviour is kept only when nothing but the matched COPYs wrote under the chowned paths
  const firstCopy = Math.min(...matched.map(c => c.at));
  const mine = new Set(matched.map(c => c.ins));
  const touches = (i: Instruction, at: number): boolean => {
    if (mine.has(i)) return false;
    if (i.keyword === 'WORKDIR') { const after = workdirAfter(model, i); return after === null || paths.some(p => within(after, p)); }
    if (i.keyword === 'COPY' || i.keyword === 'ADD') { const c = readCopy(model, i); return !c || paths.some(p => within(c.dest, p)); }
    if (i.keyword === 'RUN') return at > firstCopy || paths.some(p => i.args.text.includes(p));
    return false;
  };
  const safe = !ancestors.some(s => s.instructions.some(i => touches(i, -1))) && !stage.instructions.slice(0, runAt).some(touches);
  return { title, safety: safe ? 'safe' : 'unsafe', edits };
}

/** The working directory a WORKDIR instruction sets, or null when it is not known. */
function workdirAfter(model: DockerfileModel, ins: Instruction): string | null {
  const { value, unresolved } = expandVars(unquote(ins.args.text.slice(ins.restStart).trim()), model.variablesAt(ins));
  if (unresolved || !value) return null;
  const wd = value.startsWith('/') ? '/' : workdirAt(model, ins);
  return wd === null ? null : resolveImagePath(wd, value);
}
