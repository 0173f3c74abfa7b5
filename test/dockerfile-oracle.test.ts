/**
 * Differential test: the engine's Dockerfile tokenizer against dockerfile-ast (the reference parser) on every
 * fixture, the benchmark corpus and random line soups. Instruction keywords and ranges, keyword ranges, parser
 * directives, and the arguments of instructions without quotes or heredocs must agree exactly.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import * as fc from 'fast-check';
import { DockerfileParser } from 'dockerfile-ast';
import { parseDockerfile } from '../server/src/dockerfile/parser';
import { LineIndex } from '../server/src/engine/text';
import { detectKind } from '../server/src/engine/detect';
import { corpus } from '../bench/corpus';
import { FIXTURES, walk } from './fixtures';

type R = { start: { line: number; character: number }; end: { line: number; character: number } };
const fmt = (r: R) => `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;

function ours(text: string): string[] {
  const p = parseDockerfile(text);
  const L = new LineIndex(text);
  const out = p.instructions.map(i => {
    const simple = !i.heredocs.length && !/["'`]/.test(i.args.text) && i.keyword !== 'ONBUILD' && !/^[^A-Z]/.test(i.keyword);
    const words = simple ? [...i.flags, ...i.words].map(w => `${text.slice(w.start, w.end).replace(/\\\r?\n[ \t]*/g, '')}@${fmt(L.range(w.start, w.end))}`).join(' ') : '*';
    return `${i.keyword} ${fmt(L.range(i.start, i.end))} kw ${fmt(L.range(i.keywordSpan.start, i.keywordSpan.end))} ${words}`;
  });
  return [...out, 'directives ' + p.directives.map(d => `${d.name}=${d.value}`).join(',')];
}

function theirs(text: string, oursLines: string[]): string[] {
  const d = DockerfileParser.parse(text);
  const L = new LineIndex(text);
  const out = d.getInstructions().map((i, k) => {
    const simple = !oursLines[k]?.endsWith(' *');
    const flags = typeof (i as any).getFlags === 'function' ? (i as any).getFlags() as { getRange(): R }[] : [];
    const args = i.getArguments().filter(a => !flags.some(f => fmt(f.getRange()) === fmt(a.getRange())));
    const words = simple ? [...flags.map(f => `${text.slice(L.offsetAt(f.getRange().start), L.offsetAt(f.getRange().end))}@${fmt(f.getRange())}`), ...args.map(a => `${a.getValue()}@${fmt(a.getRange())}`)].join(' ') : '*';
    return `${i.getKeyword()} ${fmt(i.getRange())} kw ${fmt(i.getInstructionRange())} ${words}`;
  });
  return [...out, 'directives ' + d.getDirectives().map(x => `${x.getName()}=${x.getValue()}`).join(',')];
}

function agree(text: string, label: string) {
  const a = ours(text);
  assert.deepEqual(a, theirs(text, a), label);
}

test('tokenizer agrees with dockerfile-ast on every Dockerfile fixture', () => {
  const files = walk(FIXTURES).filter(f => detectKind(f) === 'dockerfile');
  assert.ok(files.length > 0);
  for (const f of files) agree(fs.readFileSync(f, 'utf8'), path.relative(FIXTURES, f));
});

test('tokenizer agrees with dockerfile-ast on the benchmark corpus', () => {
  corpus(300, 7).forEach((t, i) => agree(t, `corpus file ${i}`));
});

test('tokenizer agrees with dockerfile-ast on random line soups (continuations, comments, blank lines, CRLF)', () => {
  const line = fc.constantFrom(
    'FROM alpine:3.20 AS base', 'RUN echo a \\', '  && echo b', '# comment', '', '   ', 'ENV A=1 B=2', 'USER 10001',
    'RUN set -e; \\', '    make', 'EXPOSE 22 80', 'WORKDIR /app', '\tRUN x', 'COPY a b', 'RUN \\', 'ARG X', 'run lower case',
    'HEALTHCHECK --interval=5s CMD true', 'RUN <<EOF', 'EOF', 'echo in heredoc', 'COPY <<-END /x', '\tEND', '# escape=`',
    'RUN a `', 'ENV X="a b" Y=\'c d\'', 'COPY --from=build --chown=1:1 /a /b', 'FROM scratch', 'RUN echo "x \\', 'LABEL a=b', 'RUN --mount=type=cache,target=/root/.cache pip install x', 'CMD ["a", "b"]', 'ONBUILD RUN x',
  );
  fc.assert(fc.property(fc.array(line, { maxLength: 30 }), fc.boolean(), (lines, crlf) => {
    agree(lines.join(crlf ? '\r\n' : '\n'), JSON.stringify(lines));
  }), { numRuns: 1500, seed: 1 });
});
