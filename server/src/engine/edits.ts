import { LineIndex } from './text';
import type { TextEdit } from './types';

/** Applies non-overlapping edits to a text. Throws on overlapping edits (a rule bug). */
export function applyEdits(text: string, edits: TextEdit[], lines = new LineIndex(text)): string {
  const abs = edits.map(e => ({ start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end), newText: e.newText }))
    .sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let pos = 0;
  for (const e of abs) {
    if (e.start < pos) throw new Error('overlapping edits');
    out += text.slice(pos, e.start) + e.newText;
    pos = e.end;
  }
  return out + text.slice(pos);
}
