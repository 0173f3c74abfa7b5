/** Edits shared by the Dockerfile fixes: removing a whole instruction, a word, or one command of a RUN. */
import type { OffsetEdit } from '../../server/src/engine/types';
import type { DockerfileModel } from '../../server/src/dockerfile/model';
import type { Instruction, Span } from '../../server/src/dockerfile/parser';
import { isKeyword, type ShellCommand } from '../../server/src/dockerfile/shell';

/** Deletes the lines an instruction occupies (continuations and heredoc bodies included). */
export function deleteInstruction(model: DockerfileModel, ins: Instruction): OffsetEdit {
  const text = model.text;
  const lineStart = text.lastIndexOf('\n', ins.start - 1) + 1;
  const nl = text.indexOf('\n', ins.end);
  if (nl !== -1) return { start: lineStart, end: nl + 1, newText: '' };
  // last line without a newline: take the line break before it instead
  let start = lineStart;
  if (start > 0) { start--; if (start > 0 && text[start - 1] === '\r') start--; }
  return { start, end: text.length, newText: '' };
}

/** Deletes one of several whitespace-separated words, with the whitespace (or continuation) that separates it. */
export function deleteWord(words: Span[], index: number): OffsetEdit {
  const w = words[index];
  if (index > 0) return { start: words[index - 1].end, end: w.end, newText: '' };
  return { start: w.start, end: words[index + 1].start, newText: '' };
}

/**
 * Deletes `cmd` from its RUN when it is joined to its neighbours by `&&` or `;` at the top level of the
 * instruction (not inside a heredoc, `sh -c` or a pipeline, and not led by a reserved word: `then cmd`). Returns null when that is not the case or when it
 * is the RUN's only command (delete the instruction instead).
 */
export function deleteRunCommand(model: DockerfileModel, ins: Instruction, cmd: ShellCommand): OffsetEdit | null {
  if (ins.heredocs.length || ins.json) return null;
  // `then chown …`, `do …`, `{ …`: the reserved word belongs to a compound command, which would lose its body
  const head = cmd.argv.length ? cmd.words.indexOf(cmd.argv[0]) : cmd.words.length;
  for (let k = 0; k < head; k++) if (isKeyword(cmd.words[k].raw)) return null;
  const all = model.shell(ins);
  const top = all.filter(c => c.source === all[0].source);
  const i = top.indexOf(cmd);
  if (i === -1 || top.length < 2) return null;
  const joins = (op: string) => op === '&&' || op === ';';
  const next = top[i + 1];
  if (next) {
    if (!joins(next.op) || (i > 0 && !joins(cmd.op))) return null;
    if (next.pipeline === cmd.pipeline) return null;
    return { start: cmd.start, end: next.start, newText: '' };
  }
  if (!joins(cmd.op)) return null;
  return { start: commandEnd(top[i - 1]), end: commandEnd(cmd), newText: '' };
}

/** Where a command's text ends, redirections (`> file`) included. */
export function commandEnd(cmd: ShellCommand): number {
  return cmd.redirects.reduce((e, r) => Math.max(e, r.end), cmd.end);
}
