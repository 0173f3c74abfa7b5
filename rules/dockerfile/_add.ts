/** Reading ADD sources for no-add-local and no-add-url. */
import { expandVars, type DockerfileModel } from '../../server/src/dockerfile/model';
import { unquote, type Instruction, type Word } from '../../server/src/dockerfile/parser';

export interface AddSource {
  word: Word;
  /** After quotes and ARG/ENV substitution; null when a variable has no value. */
  value: string | null;
  url: boolean;
  git: boolean;
}

const URL_RE = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//;

/** A source that COPY/ADD fetches instead of reading it from the build context: a URL or a `git@host:` address. */
export function isRemoteSource(v: string): boolean {
  return URL_RE.test(v) || v.startsWith('git@');
}

const ADD_SOURCES = Symbol('add sources');

/** The sources of an ADD (read once per instruction). */
export function addSources(model: DockerfileModel, ins: Instruction): AddSource[] {
  const byIns = model.derived(ADD_SOURCES, () => new Map<Instruction, AddSource[]>());
  let sources = byIns.get(ins);
  if (!sources) byIns.set(ins, sources = readSources(model, ins));
  return sources;
}

function readSources(model: DockerfileModel, ins: Instruction): AddSource[] {
  const args = ins.json ?? ins.words;
  if (args.length < 2) return [];
  const vars = model.variablesAt(ins);
  return args.slice(0, -1).map(word => {
    const { value, unresolved } = expandVars(ins.json ? word.value : unquote(word.value), vars);
    const v = unresolved ? null : value;
    const url = v !== null && isRemoteSource(v);
    const git = url && (/^(git|ssh):\/\/|^git@/.test(v!) || /\.git(#.*)?$/.test(v!) || ins.flags.some(f => f.name === 'keep-git-dir'));
    return { word, value: v, url, git };
  });
}

/** Local files ADD would unpack: tarballs, and compressed files that may be tarballs. */
export function isArchiveName(p: string): boolean {
  return /\.(tar|tgz|tbz2?|txz|tzst|tlz|gz|bz2|xz|zst|lzma)$/i.test(p);
}
