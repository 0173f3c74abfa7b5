/** The shell tokenizer for RUN: words with exact offsets, quoting, substitutions, redirections, pipelines, wrappers, nested scripts. */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { elementIn, execFormSegment, nestedScript, parseShell, pipesInto, readsPipe, scriptWord, tokenize, type ShellCommand } from '../server/src/dockerfile/shell';
import { buildDockerfileModel } from '../server/src/dockerfile/model';
import { indexOfOffset, offsetAt, plainSegment, subSegment } from '../server/src/dockerfile/parser';

/** A script that is its own document: offsets equal indexes. */
const seg = (text: string) => plainSegment(text, 0);
const parse = (text: string) => parseShell(seg(text));
/** The document text a span covers. */
const cut = (text: string, s: { start: number; end: number }) => text.slice(s.start, s.end);
const argv = (c: ShellCommand) => c.argv.map(w => w.value);

test('words: values without quotes, raw text and document offsets', () => {
  const t = `echo "a b" 'c d' e\\ f "x\\"y" 'it'\\''s' \\$HOME pre"mid"post`;
  const [c] = parse(t);
  assert.deepEqual(argv(c), ['echo', 'a b', 'c d', 'e f', 'x"y', "it's", '$HOME', 'premidpost']);
  assert.deepEqual(c.argv.map(w => cut(t, w)), ['echo', '"a b"', "'c d'", 'e\\ f', '"x\\"y"', "'it'\\''s'", '\\$HOME', 'pre"mid"post']);
  for (const w of c.argv) assert.equal(cut(t, w), w.raw);
  // backslash inside double quotes is kept unless it escapes $ ` " \ or newline
  assert.deepEqual(argv(parse('echo "a\\b" "c\\$d"')[0]), ['echo', 'a\\b', 'c$d']);
});

test('offsets follow the segment map across Dockerfile continuations and comment lines', () => {
  const t = 'FROM a\nRUN set -e; \\\n    # refresh\n    apt-get update \\\n      && apt-get install -y curl\n';
  const cmds = buildDockerfileModel(t).runs().map(r => r.command);
  assert.deepEqual(cmds.map(c => c.name), ['set', 'apt-get', 'apt-get']);
  const install = cmds[2];
  assert.equal(cut(t, install.argv[1]), 'install');
  assert.equal(cut(t, install), 'apt-get install -y curl');
  assert.equal(install.op, '&&');
  assert.equal(cmds[1].op, ';');
});

test('operators: && || ; & newline, and pipelines share a number that no other command has', () => {
  const cmds = parse('a | b |& c && d || e; f & g\nh');
  assert.deepEqual(cmds.map(c => c.name), ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']);
  assert.deepEqual(cmds.map(c => c.op), ['', '|', '|', '&&', '||', ';', '&', '\n']);
  assert.equal(new Set(cmds.slice(0, 3).map(c => c.pipeline)).size, 1);
  assert.equal(new Set(cmds.map(c => c.pipeline)).size, 6);
  // numbers never repeat between parses (nested scripts are parsed separately)
  const other = parse('a | b');
  assert.ok(!cmds.some(c => c.pipeline === other[0].pipeline));
});

test('compound commands in pipelines: a subshell, a group or a loop is one element; its commands know where it stands', () => {
  const shape = (text: string) => {
    const cmds = parse(text);
    const base = Math.min(...cmds.flatMap(c => [c.pipeline, ...(c.enclosing ?? []).map(e => e.pipeline)]));
    return cmds.map(c => `${c.words.map(w => w.raw).join(' ')}@${c.pipeline - base}.${c.element}${(c.enclosing ?? []).map(e => ` in ${e.pipeline - base}.${e.element}`).join('')}`);
  };
  assert.deepEqual(shape('(cd /src && curl x) | sh'), ['cd /src@1.0 in 0.0', 'curl x@2.0 in 0.0', 'sh@0.1']);
  assert.deepEqual(shape('curl x | (cd /tmp && sh)'), ['curl x@0.0', 'cd /tmp@1.0 in 0.1', 'sh@2.0 in 0.1']);
  assert.deepEqual(shape('{ curl x; } | bash'), ['{ curl x@1.0 in 0.0', '}@0.0', 'bash@0.1']);
  assert.deepEqual(shape('cat f | while read l; do sh; done | sort'), ['cat f@0.0', 'while read l@1.0 in 0.1', 'do sh@2.0 in 0.1', 'done@0.1', 'sort@0.2']);
  assert.deepEqual(shape('case $x in a) curl x;; esac | sh'), ['case $x in a@1.0 in 0.0', 'curl x@2.0 in 0.0', 'esac@0.0', 'sh@0.1']);
  // nested: the inner pipeline keeps its own numbers, the outer one is listed after it
  assert.deepEqual(shape('a | { b | c; } | d'), ['a@0.0', '{ b@1.0 in 0.1', 'c@1.1 in 0.1', '}@0.1', 'd@0.2']);
  assert.deepEqual(shape('( (curl x) ) | sh'), ['curl x@2.0 in 0.0', 'sh@0.1']);
  // not piped, or piped elsewhere: no enclosing pipeline
  assert.deepEqual(shape('(a) > f | b'), ['a@1.0', 'b@0.1']);
  assert.ok(parse('(a; b) && c').every(c => !c.enclosing && c.element === 0));
  // a function's parentheses are not a subshell
  assert.ok(parse('f() { a; }; f | b').every(c => !c.enclosing));
  // stderr joined to the pipe keeps stdout in it
  assert.deepEqual(shape('(a) 2>&1 | b'), ['a@1.0 in 0.0', 'b@0.1']);

  const [curl, cd, sh] = parse('curl x | (cd /tmp && sh)');
  assert.ok(pipesInto(curl, sh) && pipesInto(curl, cd) && !pipesInto(cd, sh) && !pipesInto(sh, curl));
  assert.ok(readsPipe(sh) && !readsPipe(curl));
  const [a, b, c] = parse('(curl x; sh) | cat');
  assert.ok(!pipesInto(a, b) && pipesInto(a, c) && pipesInto(b, c));
  const [toFile, next] = parse('curl x > f | sh');
  assert.ok(!pipesInto(toFile, next));
  assert.equal(elementIn(c, a.enclosing![0].pipeline), 1);
  assert.equal(elementIn(c, a.pipeline), -1);
  // absurd nesting: only the outermost few piped levels are followed, so the work stays linear
  const deep = parse('('.repeat(300) + 'curl x' + ')|sh'.repeat(300));
  assert.equal(deep[0].enclosing!.length, 8);
  assert.ok(pipesInto(deep[0], deep[deep.length - 1]));
});

test('redirections: 2>&1, > /dev/null, 2>/dev/null, &>, >>, <<<, none of them in argv; the command span covers them', () => {
  const t = 'cmd -x 2>&1 > /dev/null 2>/dev/null &>>all.log >>out <<<"input" <in';
  const [c] = parse(t);
  assert.deepEqual(argv(c), ['cmd', '-x']);
  assert.deepEqual(c.redirections.map(r => [r.op, r.target?.value ?? null]), [
    ['2>&1', null], ['>', '/dev/null'], ['2>', '/dev/null'], ['&>>', 'all.log'], ['>>', 'out'], ['<<<', 'input'], ['<', 'in'],
  ]);
  assert.deepEqual(c.redirects.map(w => w.value), ['/dev/null', '/dev/null', 'all.log', 'out', 'input', 'in']);
  assert.equal(cut(t, c.redirections[1]), '> /dev/null');
  assert.equal(c.end, t.length);
  const [d] = parse('echo >&2 hi; exec 3<&-');
  assert.deepEqual(argv(d), ['echo', 'hi']);
  assert.deepEqual(d.redirections.map(r => r.op), ['>&2']);
  // a digit that is a word, not a file descriptor
  assert.deepEqual(argv(parse('echo 2 > f')[0]), ['echo', '2']);
});

test('heredocs inside a script: the body is skipped, the command after it is read', () => {
  const cmds = parse("cat <<'EOF' > /etc/app.conf\nsudo=not a command\nEOF\nchmod 600 /etc/app.conf\ncat <<-END\n\tx\n\tEND\necho done");
  assert.deepEqual(cmds.map(c => c.name), ['cat', 'chmod', 'cat', 'echo']);
  assert.deepEqual(cmds[0].redirections.map(r => [r.op, r.target?.value]), [['<<', 'EOF'], ['>', '/etc/app.conf']]);
});

test('comments: # starts a comment only at the start of a word', () => {
  const cmds = parse('echo a#b # trailing comment\n# whole line\necho c');
  assert.deepEqual(cmds.map(argv), [['echo', 'a#b'], ['echo', 'c']]);
});

test('command substitutions: kept verbatim in the word, parsed into commands with document spans', () => {
  const t = 'echo "v=$(curl -fsSL https://x | sh)" `date` $((1 + 2)) && cat <(wget -qO- https://y)';
  const cmds = parse(t);
  assert.deepEqual(cmds.map(c => [c.name, c.context ?? '']), [
    ['echo', ''], ['curl', 'substitution'], ['sh', 'substitution'], ['date', 'substitution'], ['cat', ''], ['wget', 'substitution'],
  ]);
  const echo = cmds[0];
  assert.equal(echo.argv[1].value, 'v=$(curl -fsSL https://x | sh)');
  assert.deepEqual(echo.argv[1].subs!.map(s => [s.kind, cut(t, s)]), [['$(', '$(curl -fsSL https://x | sh)']]);
  assert.equal(echo.argv[3].subs, undefined, 'arithmetic is not a command');
  assert.equal(cmds[1].parent, echo);
  assert.equal(cmds[1].pipeline, cmds[2].pipeline);
  assert.notEqual(cmds[1].pipeline, echo.pipeline);
  assert.equal(cut(t, cmds[1].argv[2]), 'https://x');
  assert.equal(cmds[5].parent, cmds[4]);
  assert.deepEqual(cmds[4].argv[1].subs!.map(s => s.kind), ['<(']);
  // nothing inside single quotes
  assert.deepEqual(parse("echo '$(rm -rf /)'").map(c => c.name), ['echo']);
  // a substitution in command position has no name
  assert.equal(parse('$(curl x) arg')[0].name, '');
  // a quoted parenthesis inside does not end it
  assert.deepEqual(parse('echo $(printf ")" | wc -c) end')[0].argv.map(w => w.value), ['echo', '$(printf ")" | wc -c)', 'end']);
});

test('nested scripts: sh -c, bash -o pipefail -ec, su -c, with exact offsets; not sh script.sh', () => {
  const t = `sh -c 'curl -k "https://a b" | bash' && bash -o pipefail -ec "apt-get install -y \\"x\\"" && su -c "ls /" root && sh ./setup.sh -c`;
  const cmds = parse(t);
  const inner = nestedScript(cmds[0])!;
  assert.equal(inner.text, 'curl -k "https://a b" | bash');
  const sub = parseShell(inner);
  assert.deepEqual(sub.map(c => c.name), ['curl', 'bash']);
  assert.equal(cut(t, sub[0].argv[2]), '"https://a b"');
  assert.equal(cut(t, sub[1].argv[0]), 'bash');
  const inner2 = nestedScript(cmds[1])!;
  assert.equal(inner2.text, 'apt-get install -y "x"');
  const install = parseShell(inner2)[0];
  assert.equal(cut(t, install.argv[1]), 'install');
  assert.equal(install.argv[3].value, 'x');
  assert.equal(nestedScript(cmds[2])!.text, 'ls /');
  assert.equal(scriptWord(cmds[3]), null);
  // the model expands them, also through wrappers
  const m = buildDockerfileModel(`FROM a\nRUN sudo -u app sh -c 'chmod 777 /x'\n`);
  const chmod = m.runs().map(r => r.command).find(c => c.name === 'chmod')!;
  assert.equal(cut(m.text, chmod.argv[1]), '777');
});

test('wrappers: sudo with options, env with assignments, nice, timeout, xargs, gosu; command -v is a lookup', () => {
  const one = (t: string) => parse(t)[0];
  let c = one('sudo -E -u www-data --preserve-env=PATH -- apt-get install -y x');
  assert.equal(c.name, 'apt-get');
  assert.deepEqual(c.wrappers.map(w => w.value), ['sudo']);
  assert.deepEqual(c.wrapperArgs[0].map(w => w.value), ['-E', '-u', 'www-data', '--preserve-env=PATH', '--']);
  c = one('sudo -Eu bob id');
  assert.deepEqual([c.name, c.wrapperArgs[0].length], ['id', 2]);
  c = one('FOO=1 env -i A=b B="c d" /usr/bin/make install');
  assert.deepEqual([c.name, argv(c)], ['make', ['/usr/bin/make', 'install']]);
  c = one('nice -n 5 timeout -s KILL 60 gosu app:app sudo chmod 755 /x');
  assert.deepEqual(c.wrappers.map(w => w.value), ['nice', 'timeout', 'gosu', 'sudo']);
  assert.deepEqual(argv(c), ['chmod', '755', '/x']);
  c = one('xargs -0 -I{} chmod 777 {}');
  assert.deepEqual(argv(c), ['chmod', '777', '{}']);
  c = one('command -v sudo');
  assert.deepEqual([c.name, c.wrappers.length], ['command', 0]);
  c = one('sudo -v');
  assert.deepEqual([c.name, c.argv.length, c.wrappers.length], ['', 0, 1]);
  c = one('if ! /usr/bin/sudo true; then');
  assert.deepEqual([c.name, c.wrappers.map(w => w.value)], ['true', ['/usr/bin/sudo']]);
});

test('find -exec: the command find runs is a command of its own', () => {
  const t = 'find / -xdev -perm /6000 -type f -exec chmod a-s {} \\; -o -execdir sudo rm {} + || true';
  const cmds = parse(t);
  assert.deepEqual(cmds.map(c => [c.name, c.context ?? '']), [['find', ''], ['chmod', 'find-exec'], ['rm', 'find-exec'], ['true', '']]);
  assert.deepEqual(argv(cmds[1]), ['chmod', 'a-s', '{}']);
  assert.equal(cmds[1].parent, cmds[0]);
  assert.deepEqual(cmds[2].wrappers.map(w => w.value), ['sudo']);
  assert.notEqual(cmds[1].source, cmds[0].source, 'a find-exec command is not part of the script sequence');
  assert.equal(cut(t, cmds[1]), 'chmod a-s {}');
});

test('line continuations inside heredoc bodies, LF and CRLF', () => {
  for (const eol of ['\n', '\r\n']) {
    const t = `FROM a${eol}RUN <<EOF${eol}apt-get install -y \\${eol}  curl${eol}echo "done"${eol}EOF${eol}`;
    const cmds = buildDockerfileModel(t).runs().map(r => r.command);
    assert.deepEqual(cmds.map(argv), [['apt-get', 'install', '-y', 'curl'], ['echo', 'done']], JSON.stringify(eol));
    assert.equal(cut(t, cmds[0].argv[3]), 'curl');
  }
});

test('exec form: execFormSegment quotes elements and maps every character, JSON escapes included', () => {
  const t = 'RUN ["sh", "-c", "apt-get install -y \\"x\\" && echo \\"it\'s\\""]';
  const els = [...t.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map(m => ({ value: JSON.parse(m[0]) as string, start: m.index!, end: m.index! + m[0].length }));
  const s = execFormSegment(els, t);
  for (let i = 0; i < s.text.length; i++) assert.ok(offsetAt(s, i) > t.indexOf('[') && offsetAt(s, i) < t.lastIndexOf(']'), 'every character maps inside the array');
  const [sh] = parseShell(s);
  assert.deepEqual(argv(sh), ['sh', '-c', 'apt-get install -y "x" && echo "it\'s"']);
  const inner = parseShell(nestedScript(sh)!);
  assert.deepEqual(inner.map(argv), [['apt-get', 'install', '-y', 'x'], ['echo', "it's"]]);
  assert.equal(cut(t, inner[0].argv[1]), 'install');
  // an escape sequence maps to its first character: a word that ends with one ends one character early
  assert.ok(t.slice(inner[0].argv[3].start).startsWith('\\"x\\"'));
  assert.ok(t.slice(inner[1].argv[1].start).startsWith('\\"it\'s\\"'));
  // elements that need no quoting map one to one, inside their JSON quotes
  const [simple] = parseShell(execFormSegment(els.slice(0, 2), t));
  assert.equal(cut(t, simple.argv[1]), '-c');
  // so do elements the shell must quote: the word is the element's content, without the JSON quotes
  const script = els[2];
  assert.equal(sh.argv[2].start, script.start + 1, 'the script word starts after the JSON quote');
  assert.ok(sh.argv[2].end < script.end, 'and ends before the closing one');
  const t2 = 'RUN ["usermod", "-p", "$6$x y", ""]';
  const els2 = [...t2.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map(m => ({ value: JSON.parse(m[0]) as string, start: m.index!, end: m.index! + m[0].length }));
  const [usermod] = parseShell(execFormSegment(els2, t2));
  assert.deepEqual(argv(usermod), ['usermod', '-p', '$6$x y', '']);
  assert.equal(cut(t2, usermod.argv[2]), '$6$x y');
  assert.equal(cut(t2, usermod.argv[3]), '""', 'an empty element keeps its quotes: it has no character of its own');
});

test('model: exec-form `sh -c` scripts map to document offsets', () => {
  const t = 'FROM a\nRUN ["sh", "-c", "apt-get install -y curl"]\n';
  const install = buildDockerfileModel(t).runs().map(r => r.command).find(c => c.name === 'apt-get')!;
  assert.equal(cut(t, install.argv[1]), 'install');
});

test('model: each heredoc body is a script only when a shell reads it', () => {
  const t = 'FROM a\nRUN cat <<A > /etc/motd && bash <<B\nsudo is not used here\nA\nchmod 777 /app\nB\n';
  const names = buildDockerfileModel(t).runs().map(r => r.command.name);
  assert.deepEqual(names, ['cat', 'chmod'], 'the motd text fed to cat is data, the body bash reads is a script');
  const both = 'FROM a\nRUN <<X\napt-get update\nX\n';
  assert.deepEqual(buildDockerfileModel(both).runs().map(r => r.command.name), ['apt-get'], 'a body no command reads runs as the script');
});

test('never throws, and every span stays inside the text in order', () => {
  const piece = fc.constantFrom(' ', '\t', '\n', '\\\n', '\\', "'", '"', '$(', ')', '(', '`', '<(', '<<', '<<-', 'EOF', '>', '2>&1', '&', '&&', '|',
    '||', ';', '#', 'sudo', '-u', 'x', 'sh', '-c', 'curl', 'find', '-exec', '{}', '\\;', '${', '}', '=', 'A=b', 'env', '\r\n');
  fc.assert(fc.property(fc.array(piece, { maxLength: 40 }), parts => {
    const t = parts.join('');
    const walk = (cmds: ShellCommand[]) => {
      for (const c of cmds) {
        assert.ok(c.start <= c.end && c.end <= t.length, 'command span');
        for (const w of c.words) assert.ok(w.start >= 0 && w.start <= w.end && w.end <= t.length, 'word span');
        const inner = nestedScript(c);
        if (inner) walk(parseShell(inner));
      }
    };
    walk(parseShell(seg(t)));
    assert.ok(Array.isArray(tokenize(t)));
  }), { numRuns: 2000 });
});

test('deeply nested substitutions stop at a depth limit instead of overflowing the stack', () => {
  const t = 'echo ' + '$('.repeat(5000) + 'x' + ')'.repeat(5000);
  const cmds = parse(t);
  assert.ok(cmds.length > 1 && cmds.length < 20);
});

test('segments map every character to its document offset: continuations, sub-segments, unquoted sh -c scripts', () => {
  const line = fc.constantFrom('RUN a \\', '  b "c d" \\', '# note', '', "  sh -c 'e \"f\" g\\\\h' \\", '\tx=1 \\', '  $(y z) `w`', 'RUN --mount=type=cache,target=/x k', 'FROM s');
  fc.assert(fc.property(fc.array(line, { maxLength: 12 }), fc.boolean(), (lines, crlf) => {
    const t = 'FROM a\n' + lines.join(crlf ? '\r\n' : '\n') + '\n';
    const model = buildDockerfileModel(t);
    for (const ins of model.instructions) {
      const seg = ins.args;
      for (let i = 0; i < seg.text.length; i++) {
        assert.equal(t[offsetAt(seg, i)], seg.text[i], 'an argument character comes from its offset');
        assert.equal(indexOfOffset(seg, offsetAt(seg, i)), i, 'and the offset leads back to it');
      }
      for (let from = 0; from <= seg.text.length; from += 3) {
        const sub = subSegment(seg, from, seg.text.length);
        for (let i = 0; i < sub.text.length; i++) assert.equal(offsetAt(sub, i), offsetAt(seg, from + i), 'a sub-segment keeps the offsets');
        assert.equal(sub.end, seg.end);
      }
      if (ins.keyword !== 'RUN') continue;
      for (const c of model.shell(ins)) {
        const inner = nestedScript(c);
        if (!inner) continue;
        // an unquoted script character is the same character in the document, or the one after a backslash
        for (let i = 0; i < inner.text.length; i++) assert.equal(t[offsetAt(inner, i)], inner.text[i]);
      }
    }
  }), { numRuns: 500, seed: 3 });
});
