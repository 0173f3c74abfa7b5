/** The odd cases of Dockerfile syntax, end to end through the engine (ranges and messages). */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { parseDockerfile } from '../server/src/dockerfile/parser';
import { buildDockerfileModel } from '../server/src/dockerfile/model';
import { lintText, PARSE_ERROR_RULE } from '../server/src/engine/engine';
import { LineIndex } from '../server/src/engine/text';

const D = '@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec';
const at = (text: string, start: number, end: number) => { const r = new LineIndex(text).range(start, end); return `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`; };
const lint = (text: string) => lintText('Dockerfile', text)!.findings;
const ids = (text: string) => lint(text).map(f => f.ruleId);

test('line continuations: words keep exact positions across lines, comments and blank lines inside are skipped', () => {
  const t = 'FROM a\nRUN apt-get update && \\\n    # why\n\n    apt-get install -y curl\n';
  const p = parseDockerfile(t);
  const run = p.instructions[1];
  assert.equal(run.args.text, 'apt-get update &&     apt-get install -y curl');
  const curl = run.words[run.words.length - 1];
  assert.equal(at(t, curl.start, curl.end), '4:23-4:27');
  assert.equal(at(t, run.start, run.end), '1:0-4:27');
  assert.deepEqual(p.comments.map(c => c.text), ['# why']);
});

test('escape directive: backtick continues lines and backslashes are literal', () => {
  const t = '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN dir C:\\ `\n    && echo done\n';
  const p = parseDockerfile(t);
  assert.equal(p.escape, '`');
  assert.equal(p.directives[0].name, 'escape');
  assert.equal(p.instructions[1].args.text, 'dir C:\\     && echo done');
});

test('parser directives only at the top; a later one is a comment', () => {
  const t = '# syntax=docker/dockerfile:1\n# check=error=true\nFROM a\n# escape=`\nRUN x \\\n y\n';
  const p = parseDockerfile(t);
  assert.deepEqual(p.directives.map(d => d.name), ['syntax', 'check']);
  assert.equal(p.escape, '\\');
  assert.equal(p.instructions[1].args.text, 'x  y');
});

test('heredocs: body spans, <<- tab stripping, quoted delimiter, several per instruction, shell commands inside', () => {
  const t = `FROM a\nRUN <<EOF bash\nsudo apt-get install -y x\nEOF\nCOPY <<-"A" /a <<B /b\n\tone\n\tA\ntwo\nB\nUSER 10001\n`;
  const p = parseDockerfile(t);
  const [run, copy, user] = p.instructions.slice(1);
  assert.equal(run.heredocs[0].content, 'sudo apt-get install -y x\n');
  assert.equal(at(t, run.start, run.end), '1:0-3:3');
  assert.deepEqual(copy.heredocs.map(h => [h.name, h.stripTabs, h.quoted, h.content]), [['A', true, true, '\tone\n'], ['B', false, false, 'two\n']]);
  assert.equal(user.keyword, 'USER');
  const m = buildDockerfileModel(t);
  const sudo = m.shell(run).find(c => c.wrappers.length)!;
  assert.equal(sudo.name, 'apt-get');
  assert.equal(at(t, sudo.wrappers[0].start, sudo.wrappers[0].end), '2:0-2:4');
});

test('an unterminated heredoc is a parse problem, and the body runs to the end', () => {
  const t = 'FROM a\nRUN <<EOF\necho x\n';
  const f = lint(t).find(x => x.ruleId === PARSE_ERROR_RULE)!;
  assert.equal(f.message, 'Heredoc "EOF" is never terminated');
  assert.deepEqual(f.range, { start: { line: 1, character: 4 }, end: { line: 1, character: 9 } });
});

test('ARG before FROM feeds ${VAR} in FROM; a stage ARG re-declaration inherits the default', () => {
  const t = `ARG BASE=node\nARG TAG=20.15.1\nFROM \${BASE}:\${TAG}${D} AS build\nARG TAG\nFROM build\n`;
  const m = buildDockerfileModel(t);
  assert.equal(m.stages[0].image!.expanded, `node:20.15.1${D}`);
  assert.equal(m.stages[0].image!.tag, '20.15.1');
  assert.equal(m.stages[0].image!.tagSpan, null, 'no literal span when the tag came from a variable');
  assert.equal(m.variablesAt(m.stages[0].instructions[0]).get('TAG'), undefined);
  assert.equal(m.stages[1].image!.stageRef, m.stages[0]);
});

test('${VAR} in USER resolves through ARG and ENV of the stage', () => {
  const t = `FROM alpine:3.20${D}\nARG UID=0\nENV RUN_AS=\${UID}\nHEALTHCHECK CMD ["true"]\nUSER \${RUN_AS}\n`;
  const f = lint(t).filter(x => x.ruleId === 'dockerfile/no-root-user');
  assert.equal(f.length, 1);
  assert.equal(f[0].message, 'The final image runs as root (USER ${RUN_AS})');
});

test('multi-stage: only the final stage\'s USER counts; COPY --from flags are parsed', () => {
  const t = `FROM golang:1.22${D} AS build\nUSER root\nFROM alpine:3.20${D}\nCOPY --from=build --chown=10001:10001 /out/app /app\nUSER 10001\nHEALTHCHECK CMD ["/app"]\n`;
  assert.ok(!ids(t).includes('dockerfile/no-root-user'));
  const copy = parseDockerfile(t).instructions[3];
  assert.deepEqual(copy.flags.map(f => [f.name, f.value]), [['from', 'build'], ['chown', '10001:10001']]);
  assert.deepEqual(copy.words.map(w => w.value), ['/out/app', '/app']);
});

test('CRLF line endings: same findings and columns as LF', () => {
  const lf = `FROM alpine:3.20${D}\nHEALTHCHECK CMD ["true"]\nUSER root\n`;
  const crlf = lf.replace(/\n/g, '\r\n');
  assert.deepEqual(lint(crlf), lint(lf));
});

test('a BOM does not hide the first line', () => {
  const t = `\uFEFF# syntax=docker/dockerfile:1\nFROM alpine:3.20${D}\n`;
  assert.equal(parseDockerfile(t).directives[0]?.name, 'syntax');
});

test('tabs and lower-case keywords are instructions', () => {
  const p = parseDockerfile('from\talpine\n\tuser\troot\n');
  assert.deepEqual(p.instructions.map(i => [i.keyword, i.words.map(w => w.value)]), [['FROM', ['alpine']], ['USER', ['root']]]);
});

test('JSON exec form elements carry their spans; a broken array is shell form', () => {
  const t = 'FROM a\nCMD ["node", "server.js"]\nCMD ["node", server.js]\n';
  const p = parseDockerfile(t);
  assert.deepEqual(p.instructions[1].json!.map(w => [w.value, at(t, w.start, w.end)]), [['node', '1:5-1:11'], ['server.js', '1:13-1:24']]);
  assert.equal(p.instructions[2].json, null);
});

test('half-typed and garbage input: at most one parse-error finding, never a throw', () => {
  for (const t of ['FRO', 'FROM', 'RUN x', '\\\n\\\n', '<<<', 'FROM a\nRUN <<', 'FROM a\nUSER', '\u0000\u0001\u0002', '"""', 'FROM a\n\\']) {
    const f = lint(t);
    assert.ok(f.filter(x => x.ruleId === PARSE_ERROR_RULE).length <= 1, JSON.stringify(t));
  }
  assert.deepEqual(lint('FRO').map(f => [f.ruleId, f.message]), [[PARSE_ERROR_RULE, 'Unknown instruction "FRO"']]);
});

test('random bytes never throw and a huge file parses in linear time', () => {
  let seed = 1;
  const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  for (let k = 0; k < 200; k++) {
    let s = '';
    for (let i = 0; i < 400; i++) s += String.fromCharCode(Math.floor(rnd() * 256));
    lintText('Dockerfile', s);
  }
  const big = `FROM alpine:3.20${D}\n` + 'RUN echo "line" && \\\n  true\n'.repeat(25000);
  const f = lintText('Dockerfile', big)!;
  assert.equal(f.doc.model.instructions.length, 25001);
});

test('heredoc bodies are scripts only when a shell runs them', () => {
  const t = `FROM a\nRUN <<EOF\nsudo true\nEOF\nRUN bash -e <<EOF\nsudo true\nEOF\nRUN cat <<EOF > /usr/local/bin/x\nsudo chmod 777 /x\nEOF\nRUN python3 <<EOF\nimport os\nEOF\n`;
  const m = buildDockerfileModel(t);
  const [a, b, c, d] = m.instructions.slice(1).map(i => m.shell(i).map(x => x.name));
  assert.deepEqual(a, ['true']);
  assert.deepEqual(b, ['true']);
  assert.deepEqual(c, ['cat']);
  assert.deepEqual(d, ['python3']);
});

test('ENV is inherited from the stage a stage is built on; ARG is not', () => {
  const t = `FROM a AS base\nENV PIP_NO_CACHE_DIR=1\nARG LOCAL=x\nFROM base\nRUN true\n`;
  const m = buildDockerfileModel(t);
  const vars = m.variablesAt(m.instructions[4]);
  assert.equal(vars.get('PIP_NO_CACHE_DIR'), '1');
  assert.equal(vars.has('LOCAL'), false);
});
