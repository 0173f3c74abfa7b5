/** Shared reading of USER for the user-* rules: who the final image runs as. */
import type { DockerfileModel } from '../../server/src/dockerfile/model';
import { expandVars } from '../../server/src/dockerfile/model';
import type { Instruction, Span } from '../../server/src/dockerfile/parser';

export interface UserInfo {
  instruction: Instruction;
  /** The user part (before ':'), as written, with its span. */
  user: string;
  span: Span;
  /** After variable substitution. */
  resolved: string;
  unresolved: boolean;
}

const FINAL_USER = Symbol('final user');

/** Who the final image runs as (read once per document): undefined without a stage, null without a USER. */
export function finalUser(model: DockerfileModel): UserInfo | null | undefined {
  return model.derived(FINAL_USER, readFinalUser);
}

function readFinalUser(model: DockerfileModel): UserInfo | null | undefined {
  const stage = model.finalStage;
  if (!stage) return undefined;
  const ins = model.effectiveUser(stage);
  if (!ins || !ins.words.length) return null;
  const w = ins.words[0];
  const colon = w.value.indexOf(':');
  const user = colon === -1 ? w.value : w.value.slice(0, colon);
  const { value, unresolved } = expandVars(user, model.variablesAt(ins));
  return { instruction: ins, user, span: { start: w.start, end: w.start + user.length }, resolved: value.split(':')[0], unresolved };
}

/** Images whose default user is already non-root (distroless :nonroot, chainguard). */
export function baseRunsNonRoot(model: DockerfileModel): boolean {
  let stage = model.finalStage;
  while (stage?.image?.stageRef) stage = stage.image.stageRef;
  const img = stage?.image;
  if (!img) return false;
  return /(^|\/)distroless\//.test(img.name) && /nonroot/.test(img.tag ?? '') || /^cgr\.dev\//.test(img.name) && !/-dev$/.test(img.tag ?? '');
}

export const DEFAULT_UID = '10001';

/** Inserts `USER 10001:10001` where it takes effect for the final command. */
export function insertUserEdit(model: DockerfileModel) {
  const stage = model.finalStage!;
  const p = model.insertionPointBeforeCommand(stage);
  const eol = model.text.includes('\r\n') ? '\r\n' : '\n';
  const line = `USER ${DEFAULT_UID}:${DEFAULT_UID}`;
  return p.atEnd ? { start: p.offset, end: p.offset, newText: eol + line } : { start: p.offset, end: p.offset, newText: line + eol };
}
