/**
 * What the fixtures cannot say about the image, secret, ADD, EXPOSE, chown, build-tool and HEALTHCHECK rules:
 * the exact text a fix produces and whether it is marked safe, per-finding severities, and that half-typed or
 * odd input never makes them throw.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { lintText } from '../server/src/engine/engine';
import { applyEdits } from '../server/src/engine/edits';
import type { Finding } from '../server/src/engine/types';

const D = '0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec';
const TAIL = `USER 10001:10001\nHEALTHCHECK CMD ["/app", "health"]\nENTRYPOINT ["/app"]\n`;

function findings(text: string, ruleId: string): Finding[] {
  const res = lintText('Dockerfile', text, { fixes: true });
  assert.ok(res);
  return res.findings.filter(f => f.ruleId === ruleId);
}

/** The single finding of a rule, its single fix applied. */
function fixed(text: string, ruleId: string): { text: string; safety: string; title: string } {
  const fs = findings(text, ruleId);
  assert.equal(fs.length, 1, `one ${ruleId} finding expected, got ${JSON.stringify(fs.map(f => f.message))}`);
  const fix = fs[0].fixes?.[0];
  assert.ok(fix, `${ruleId}: a fix expected`);
  return { text: applyEdits(text, fix.edits), safety: fix.safety, title: fix.title };
}

test('copy-chown: exact destination, recursive, only command → whole RUN removed, safe', () => {
  const src = `FROM node:20@sha256:${D}\nCOPY --from=build /out /srv/app\nRUN chown -R 10001:10001 /srv/app\n${TAIL}`;
  const r = fixed(src, 'dockerfile/copy-chown');
  assert.equal(r.safety, 'safe');
  assert.equal(r.text, `FROM node:20@sha256:${D}\nCOPY --chown=10001:10001 --from=build /out /srv/app\n${TAIL}`);
});

test('copy-chown: an existing --chown is replaced; CRLF line endings are kept', () => {
  const src = `FROM node:20@sha256:${D}\r\nCOPY --chown=1:1 dist /srv/app\r\nRUN chown -R node:node /srv/app\r\nCMD ["x"]\r\n`;
  const r = fixed(src, 'dockerfile/copy-chown');
  assert.equal(r.safety, 'safe');
  assert.equal(r.text, `FROM node:20@sha256:${D}\r\nCOPY --chown=node:node dist /srv/app\r\nCMD ["x"]\r\n`);
});

test('copy-chown: chown among other commands → only the chown is removed, unsafe', () => {
  const first = `FROM node:20@sha256:${D}\nCOPY dist /srv/app\nRUN chown -R 1:1 /srv/app \\\n && npm prune\n`;
  const a = fixed(first, 'dockerfile/copy-chown');
  assert.equal(a.safety, 'unsafe');
  assert.equal(a.text, `FROM node:20@sha256:${D}\nCOPY --chown=1:1 dist /srv/app\nRUN npm prune\n`);
  const last = `FROM node:20@sha256:${D}\nCOPY dist /srv/app\nRUN npm prune > /var/log/prune.log \\\n && chown -R 1:1 /srv/app\n`;
  assert.equal(fixed(last, 'dockerfile/copy-chown').text, `FROM node:20@sha256:${D}\nCOPY --chown=1:1 dist /srv/app\nRUN npm prune > /var/log/prune.log\n`);
});

test('copy-chown: unsafe when the chown is not recursive, or something else wrote there first', () => {
  const notRecursive = `FROM node:20@sha256:${D}\nCOPY dist /srv/app\nRUN chown 1:1 /srv/app\n`;
  assert.equal(fixed(notRecursive, 'dockerfile/copy-chown').safety, 'unsafe');
  const workdir = `FROM node:20@sha256:${D}\nWORKDIR /srv/app\nCOPY dist .\nRUN chown -R 1:1 /srv/app\n`;
  assert.equal(fixed(workdir, 'dockerfile/copy-chown').safety, 'unsafe');
  const runBetween = `FROM node:20@sha256:${D}\nCOPY dist /srv/app\nRUN npm ci --prefix /srv/app\nRUN chown -R 1:1 /srv/app\n`;
  assert.equal(fixed(runBetween, 'dockerfile/copy-chown').safety, 'unsafe');
  const otherCopy = `FROM node:20@sha256:${D}\nCOPY extra /srv/app/extra\nCOPY dist /srv/app\nRUN chown -R 1:1 /srv/app\n`;
  assert.equal(fixed(otherCopy, 'dockerfile/copy-chown').safety, 'unsafe');
});

test('copy-chown: a later chown of the same path is about the copies since the previous chown', () => {
  const src = `FROM node:20@sha256:${D}\nCOPY a /srv/app\nRUN chown -R 1:1 /srv/app\nCOPY b /srv/app\nRUN chown -R 1:1 /srv/app\n`;
  const fs = findings(src, 'dockerfile/copy-chown');
  assert.deepEqual(fs.map(f => [f.range.start.line, f.related?.map(r => r.range.start.line)]), [[2, [1]], [4, [3]]]);
});

test('copy-chown: no finding for shell-computed owners, globs, or a chown inside sh -c without a fix', () => {
  assert.equal(findings(`FROM node:20@sha256:${D}\nCOPY a /srv/app\nRUN chown -R "$(id -u)" /srv/app\n`, 'dockerfile/copy-chown').length, 0);
  assert.equal(findings(`FROM node:20@sha256:${D}\nCOPY a /srv/app\nRUN chown -R 1 /srv/*\n`, 'dockerfile/copy-chown').length, 0);
  const nested = findings(`FROM node:20@sha256:${D}\nCOPY a /srv/app\nRUN sh -c 'chown -R 1 /srv/app'\n`, 'dockerfile/copy-chown');
  assert.equal(nested.length, 1);
  assert.deepEqual(nested[0].fixes, []);
});

test('copy-chown: a chown led by a reserved word (`then chown …`) is reported without a fix that would empty the branch', () => {
  for (const run of ['if true; then chown -R 1 /srv/app; fi', 'set -e; if true; then chown -R 1 /srv/app && npm prune; fi', 'for d in x; do chown -R 1 /srv/app; done']) {
    const fs = findings(`FROM node:20@sha256:${D}\nCOPY a /srv/app\nRUN ${run}\n`, 'dockerfile/copy-chown');
    assert.equal(fs.length, 1, run);
    assert.deepEqual(fs[0].fixes, [], run);
  }
  // inside the branch, after another command, it can go
  const inside = fixed(`FROM node:20@sha256:${D}\nCOPY a /srv/app\nRUN if true; then npm prune; chown -R 1 /srv/app; fi\n`, 'dockerfile/copy-chown');
  assert.equal(inside.text, `FROM node:20@sha256:${D}\nCOPY --chown=1 a /srv/app\nRUN if true; then npm prune; fi\n`);
});

test('no-ssh-port: a range is split around 22; the only port removes the instruction; a second port only the word', () => {
  const range = fixed(`FROM debian:12@sha256:${D}\nEXPOSE 20-25/tcp 80\n`, 'dockerfile/no-ssh-port');
  assert.equal(range.text, `FROM debian:12@sha256:${D}\nEXPOSE 20-21/tcp 23-25/tcp 80\n`);
  assert.equal(range.safety, 'unsafe');
  assert.equal(fixed(`FROM debian:12@sha256:${D}\nEXPOSE 21-22\n`, 'dockerfile/no-ssh-port').text, `FROM debian:12@sha256:${D}\nEXPOSE 21\n`);
  assert.equal(fixed(`FROM debian:12@sha256:${D}\nEXPOSE 22\nCMD ["x"]`, 'dockerfile/no-ssh-port').text, `FROM debian:12@sha256:${D}\nCMD ["x"]`);
  assert.equal(fixed(`FROM debian:12@sha256:${D}\nCMD ["x"]\nEXPOSE 22`, 'dockerfile/no-ssh-port').text, `FROM debian:12@sha256:${D}\nCMD ["x"]`);
  assert.equal(fixed(`FROM debian:12@sha256:${D}\nEXPOSE 22 \\\n  8080\n`, 'dockerfile/no-ssh-port').text, `FROM debian:12@sha256:${D}\nEXPOSE 8080\n`);
  assert.equal(fixed(`FROM debian:12@sha256:${D}\nEXPOSE 8080 \\\n  22\n`, 'dockerfile/no-ssh-port').text, `FROM debian:12@sha256:${D}\nEXPOSE 8080\n`);
});

test('no-add-local: ADD → COPY keeps the keyword case; not offered for ADD-only flags; archives are info', () => {
  const lower = fixed(`FROM debian:12@sha256:${D}\nadd app /app\n`, 'dockerfile/no-add-local');
  assert.equal(lower.text, `FROM debian:12@sha256:${D}\ncopy app /app\n`);
  assert.equal(lower.safety, 'safe');
  const withChecksum = findings(`FROM debian:12@sha256:${D}\nADD --keep-git-dir=true app /app\n`, 'dockerfile/no-add-local');
  assert.equal(withChecksum.length, 1);
  assert.equal(withChecksum[0].fixable, undefined);
  const archive = findings(`FROM debian:12@sha256:${D}\nADD rootfs.tar.xz /\n`, 'dockerfile/no-add-local');
  assert.equal(archive[0].severity, 'info');
  assert.equal(archive[0].fixable, undefined);
});

test('no-secrets-in-env-arg: a used secret build argument is critical in the final image, high in a build-only stage', () => {
  const src = `FROM node:20@sha256:${D} AS build\nARG NPM_TOKEN\nRUN npm ci\nFROM node:20@sha256:${D} AS runtime\nARG GITHUB_TOKEN\nRUN ./fetch\n`;
  const fs = findings(src, 'dockerfile/no-secrets-in-env-arg');
  assert.deepEqual(fs.map(f => [f.range.start.line, f.severity]), [[1, 'high'], [4, 'critical']]);
  // the final stage built on the stage that uses it: the history is in the final image
  const chained = `FROM node:20@sha256:${D} AS build\nARG NPM_TOKEN\nRUN npm ci\nFROM build\n`;
  assert.equal(findings(chained, 'dockerfile/no-secrets-in-env-arg')[0].severity, 'critical');
});

test('no-secrets-in-env-arg: messages never repeat the secret value', () => {
  const src = `FROM node:20@sha256:${D}\nENV DB_PASSWORD=hunter2 HOOK=xoxb-not-a-real-token-0000 URL=https://u:pw1234@h/x\n`;
  const fs = findings(src, 'dockerfile/no-secrets-in-env-arg');
  assert.equal(fs.length, 3);
  for (const f of fs) for (const secret of ['hunter2', 'xoxb-', 'pw1234']) assert.ok(!f.message.includes(secret), f.message);
});

test('multi-stage-build-tools: follows the chain of stages into the final image, and removals along it', () => {
  const install = 'RUN apt-get install -y --no-install-recommends gcc\n';
  const inherited = `FROM debian:12@sha256:${D} AS base\n${install}FROM base\n`;
  assert.equal(findings(inherited, 'dockerfile/multi-stage-build-tools').length, 1);
  assert.equal(findings(`${inherited}RUN apt-get purge -y gcc\n`, 'dockerfile/multi-stage-build-tools').length, 0);
  // a removal with another package manager does not count
  assert.equal(findings(`${inherited}RUN apk del gcc\n`, 'dockerfile/multi-stage-build-tools').length, 1);
  const sibling = `FROM debian:12@sha256:${D} AS base\n${install}FROM debian:12@sha256:${D}\n`;
  assert.equal(findings(sibling, 'dockerfile/multi-stage-build-tools').length, 0);
});

test('the rules never throw on half-typed or odd input', () => {
  const inputs = [
    'FROM', 'FROM :', 'FROM @', 'FROM node:', 'FROM ${', 'ADD', 'ADD x', 'ADD []', 'ADD ["a"]', 'COPY', 'COPY x', 'EXPOSE', 'EXPOSE -', 'EXPOSE 22-',
    'EXPOSE 99999999999999999999-22', 'ENV', 'ENV =x', 'ENV A', 'ARG =', 'ARG', 'RUN chown', 'RUN chown -R', 'RUN chown x', 'RUN apt-get install',
    'RUN apk add --virtual', 'RUN dnf group', 'HEALTHCHECK', 'WORKDIR', 'WORKDIR ${X', '\uFEFFFROM a\r\nEXPOSE 22\r\n', 'FROM a\nCOPY . .\nRUN chown -R 1 .',
    'FROM scratch\nWORKDIR ..\nCOPY a ../b\nRUN chown -R 1 ../../b', '\0\0\0', 'FROM a AS a\nFROM a\nFROM a',
  ];
  // a failing fix is reported on stderr by the engine (not through onRuleError)
  const stderr: string[] = [];
  const write = process.stderr.write;
  process.stderr.write = ((chunk: string | Uint8Array) => { stderr.push(String(chunk)); return true; }) as typeof process.stderr.write;
  try {
    for (const text of inputs) {
      for (const body of [text, `FROM node:20\n${text}\n`]) {
        const errors: string[] = [];
        const res = lintText('Dockerfile', body, { fixes: true, onRuleError: (id, e) => errors.push(`${id}: ${String(e)}`) });
        assert.ok(res);
        assert.deepEqual(errors, [], JSON.stringify(body));
      }
    }
  } finally {
    process.stderr.write = write;
  }
  assert.deepEqual(stderr, []);
});
