/**
 * dockerfile/pipefail: what the fixtures cannot say — the exact text each fix produces (and where none is offered),
 * which images the fix knows to have bash (imageUserland), and that cut-off input never makes it throw.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { lintText } from '../server/src/engine/engine';
import { applyEdits } from '../server/src/engine/edits';
import type { Finding } from '../server/src/engine/types';
import { buildDockerfileModel } from '../server/src/dockerfile/model';
import { imageUserland } from '../rules/dockerfile/_image';
import { FIXTURES } from './fixtures';

const ID = 'dockerfile/pipefail';
const D = '0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec';
const GET = 'curl -fsSL https://downloads.example.com/app.tar.gz | tar -xz -C /opt';

function findings(text: string): Finding[] {
  const res = lintText('Dockerfile', text, { fixes: true });
  assert.ok(res);
  return res.findings.filter(f => f.ruleId === ID);
}

/** The text after each finding's fix (null where none is offered). */
function fixedTexts(text: string): (string | null)[] {
  return findings(text).map(f => f.fixes?.length ? applyEdits(text, f.fixes[0].edits) : null);
}

test('pipefail fix: a SHELL line before the stage\'s first reported RUN, the same for all its findings', () => {
  const text = `FROM debian:12.6-slim@sha256:${D}\nRUN apt-get update\n  RUN ${GET}\nRUN wget -qO- https://x.example.com/b.tgz | tar -xz\n`;
  const want = `FROM debian:12.6-slim@sha256:${D}\nRUN apt-get update\n  SHELL ["/bin/bash", "-o", "pipefail", "-c"]\n  RUN ${GET}\nRUN wget -qO- https://x.example.com/b.tgz | tar -xz\n`;
  assert.deepEqual(fixedTexts(text), [want, want]);
  assert.deepEqual(findings(want), []);
  assert.equal(findings(text)[0].fixes![0].safety, 'unsafe');
  // Alpine has ash, not bash; a stage built on another gets its own SHELL line
  const alpine = `FROM alpine:3.20.1@sha256:${D} AS a\nFROM a\nRUN ${GET}\n`;
  assert.deepEqual(fixedTexts(alpine), [`FROM alpine:3.20.1@sha256:${D} AS a\nFROM a\nSHELL ["/bin/ash", "-o", "pipefail", "-c"]\nRUN ${GET}\n`]);
  // CRLF
  const crlf = `FROM ubuntu:24.04@sha256:${D}\r\nRUN ${GET}\r\n`;
  assert.deepEqual(fixedTexts(crlf), [`FROM ubuntu:24.04@sha256:${D}\r\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\r\nRUN ${GET}\r\n`]);
});

test('pipefail fix: -o pipefail added to a SHELL of bash, and to the bash of a RUN', () => {
  const shell = `FROM debian:12.6@sha256:${D}\nSHELL ["/bin/bash", "-e", "-c"]\nRUN ${GET}\n`;
  assert.deepEqual(fixedTexts(shell), [`FROM debian:12.6@sha256:${D}\nSHELL ["/bin/bash", "-o", "pipefail", "-e", "-c"]\nRUN ${GET}\n`]);
  const nested = `FROM example.com/base:1\nRUN bash -c '${GET}'\nRUN bash -e <<EOF\n${GET}\nEOF\n`;
  assert.deepEqual(fixedTexts(nested), [
    `FROM example.com/base:1\nRUN bash -o pipefail -c '${GET}'\nRUN bash -e <<EOF\n${GET}\nEOF\n`,
    `FROM example.com/base:1\nRUN bash -c '${GET}'\nRUN bash -o pipefail -e <<EOF\n${GET}\nEOF\n`,
  ]);
});

test('pipefail fix: none where bash is not known to be there, or where pipefail or bash would change another RUN', () => {
  const none = (text: string) => assert.deepEqual(fixedTexts(text), [null], text);
  none(`FROM example.com/base:1\nRUN ${GET}\n`); // unknown image
  none(`FROM gcr.io/distroless/base-debian12@sha256:${D}\nRUN ${GET}\n`);
  none(`FROM debian:12.6@sha256:${D}\nRUN sh -c '${GET}'\n`); // sh is not bash
  none(`FROM debian:12.6@sha256:${D}\nRUN ["bash", "-c", "${GET}"]\n`); // an exec-form element
  none(`FROM debian:12.6@sha256:${D}\nSHELL ["/usr/bin/zsh", "-c"]\nRUN ${GET}\n`);
  none(`FROM debian:12.6@sha256:${D}\nRUN ${GET}\nRUN yes | /opt/sdk/bin/sdkmanager --licenses\n`);
  none(`FROM debian:12.6@sha256:${D}\nRUN ${GET}\nRUN dpkg -l | grep -q libssl3 || exit 1\n`);
  none(`FROM debian:12.6@sha256:${D} AS a\nRUN ${GET}\nFROM a\nRUN ls /opt | head -n1\n`); // a stage built on it
  none(`FROM debian:12.6@sha256:${D}\nRUN ${GET}\nRUN echo "a\\nb" > /etc/motd\n`); // dash and bash echo differ
  none(`FROM alpine:3.20.1@sha256:${D}\nSHELL ["/bin/ash", "-o", "pipefail", "-c"]\nRUN set +o pipefail; ${GET}\n`);
  // the same echo under Alpine's ash: no change of shell, the fix stays
  assert.equal(fixedTexts(`FROM alpine:3.20.1@sha256:${D}\nRUN ${GET}\nRUN echo "a\\nb" > /etc/motd\n`)[0]?.includes('SHELL ["/bin/ash"'), true);
  // an earlier RUN is not affected by a SHELL inserted after it
  assert.notEqual(fixedTexts(`FROM debian:12.6@sha256:${D}\nRUN yes | /opt/sdk/bin/sdkmanager --licenses\nRUN ${GET}\n`)[0], null);
});

test('imageUserland: the images the fix knows to have bash, Alpine\'s ash, Windows', () => {
  const userland = (ref: string) => imageUserland(buildDockerfileModel(`FROM ${ref}\n`).stages[0].image!);
  const cases: [string, ReturnType<typeof imageUserland>][] = [
    ['debian:12.6', 'bash'], ['debian:12.6-slim', 'bash'], ['debian:bookworm-slim', 'bash'], ['python:3.12.4-slim-bookworm', 'bash'],
    ['node:20.15.1-bookworm-slim', 'bash'], ['ubuntu:24.04', 'bash'], ['fedora:40', 'bash'], ['registry.access.redhat.com/ubi9/ubi:9.4', 'bash'],
    ['docker.io/library/golang:1.22', 'bash'],
    ['alpine:3.20', 'alpine'], ['node:20-alpine', 'alpine'], ['python:3.12-alpine3.20', 'alpine'],
    ['mcr.microsoft.com/windows/servercore:ltsc2022', 'windows'], ['mcr.microsoft.com/dotnet/sdk:8.0-nanoserver-ltsc2022', 'windows'],
    ['gcr.io/distroless/static-debian12', null], ['busybox:1.36', null], ['example.com/team/base:1', null], ['registry.access.redhat.com/ubi9/ubi-minimal', null],
    [`debian@sha256:${D}`, null],
  ];
  for (const [ref, want] of cases) assert.equal(userland(ref), want, ref);
});

test('pipefail: the fixtures cut at every 7th character lint and fix without throwing', () => {
  for (const name of ['odd.Dockerfile', 'bad.Dockerfile', 'crlf.Dockerfile']) {
    const text = fs.readFileSync(path.join(FIXTURES, 'dockerfile', 'pipefail', name), 'utf8');
    for (let n = 0; n <= text.length; n += 7) {
      const errors: string[] = [];
      const res = lintText('Dockerfile', text.slice(0, n), { fixes: true, onRuleError: (id, e) => errors.push(`${id}: ${String(e)}`) });
      assert.ok(res);
      for (const f of res.findings) for (const fix of f.fixes ?? []) applyEdits(text.slice(0, n), fix.edits);
      assert.deepEqual(errors, [], `${name} cut at ${n}`);
    }
  }
});
