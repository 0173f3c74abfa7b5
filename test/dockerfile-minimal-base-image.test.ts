/**
 * dockerfile/minimal-base-image: which images count as a full distribution (the fixtures show one final image
 * each; this walks the whole table), the related locations of a stage chain, and odd input.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { lintText } from '../server/src/engine/engine';
import type { Finding } from '../server/src/engine/types';

const ID = 'dockerfile/minimal-base-image';

function findings(text: string): Finding[] {
  const res = lintText('Dockerfile', text);
  assert.ok(res);
  return res.findings.filter(f => f.ruleId === ID);
}

/** The distribution the message names for a final `FROM <image>`, or null when there is no finding. */
function judged(image: string): string | null {
  const fs = findings(`FROM ${image}\n`);
  assert.ok(fs.length <= 1, image);
  if (!fs.length) return null;
  const m = / a full (.+?) userland /.exec(fs[0].message);
  assert.ok(m, fs[0].message);
  return m[1];
}

test('minimal-base-image: full distributions and the default variants of language images', () => {
  const full: [string, string][] = [
    ['ubuntu:24.04', 'Ubuntu'], ['ubuntu', 'Ubuntu'], ['debian:12', 'Debian'], ['debian:bookworm-backports', 'Debian'],
    ['centos:7', 'CentOS'], ['quay.io/centos/centos:stream9', 'CentOS Stream'], ['fedora:40', 'Fedora'],
    ['rockylinux:9', 'Rocky Linux'], ['almalinux:9', 'AlmaLinux'], ['amazonlinux:2023', 'Amazon Linux'],
    ['oraclelinux:9', 'Oracle Linux'], ['opensuse/leap:15.6', 'openSUSE Leap'], ['archlinux:base', 'Arch Linux'],
    ['registry.access.redhat.com/ubi9/ubi:9.4', 'Red Hat UBI'], ['registry.access.redhat.com/ubi8', 'Red Hat UBI'],
    ['redhat/ubi9:latest', 'Red Hat UBI'], ['registry.suse.com/bci/bci-base:15.6', 'SUSE Linux Enterprise'],
    ['docker.io/library/debian:12', 'Debian'], ['index.docker.io/library/node:20', 'Debian'], ['library/python:3.12', 'Debian'],
    ['public.ecr.aws/docker/library/ruby:3.3', 'Debian'],
    ['node:20', 'Debian'], ['node:lts', 'Debian'], ['node', 'Debian'], ['python:3.12-bookworm', 'Debian'],
    ['golang:1.22', 'Debian'], ['php:8.3-fpm', 'Debian'], ['php:8.3-apache', 'Debian'], ['perl:5.40', 'Debian'],
    ['rust:1.79', 'Debian'], ['elixir:1.17', 'Debian'], ['erlang:27', 'Debian'], ['haskell:9.10', 'Debian'],
    ['buildpack-deps:jammy', 'Ubuntu'], ['eclipse-temurin:21-jre', 'Ubuntu'], ['eclipse-temurin:17-jdk-centos7', 'CentOS'],
    ['amazoncorretto:21', 'Amazon Linux'], ['amazoncorretto:21-al2023-headless', 'Amazon Linux'],
    ['openjdk:21', 'Linux distribution'], ['openjdk:11-jre-bullseye', 'Debian'], ['openjdk:21-oraclelinux8', 'Oracle Linux'],
    ['maven:3.9-eclipse-temurin-21', 'Ubuntu'], ['maven:3.9-amazoncorretto-21', 'Amazon Linux'],
    ['maven:3.9.9-amazoncorretto-21-debian', 'Debian'], ['gradle:8.8-jdk21-jammy', 'Ubuntu'], ['gradle:8.8', 'Linux distribution'],
  ];
  for (const [image, distro] of full) assert.equal(judged(image), distro, image);
});

test('minimal-base-image: minimal variants, minimal images and unknown images are not reported', () => {
  const clean = [
    'debian:12-slim', 'debian:bookworm-slim', 'debian:stable-slim', 'node:20-slim', 'node:20-bookworm-slim', 'node:20-alpine',
    'node:20.15.1-alpine3.20', 'python:3.12-slim-bookworm', 'python:3.12-alpine', 'rust:1-slim-bookworm', 'golang:1.22-alpine',
    'php:8.3-fpm-alpine', 'perl:5.40-slim', 'elixir:1.17-otp-27-slim', 'haskell:9.10-slim-bullseye',
    'eclipse-temurin:21-jre-alpine', 'eclipse-temurin:21-jre-ubi9-minimal', 'amazoncorretto:21-alpine3.20',
    'maven:3.9-eclipse-temurin-21-alpine', 'oraclelinux:9-slim', 'rockylinux:9-minimal', 'almalinux:9-micro',
    'amazonlinux:2023-minimal', 'registry.access.redhat.com/ubi9/ubi-minimal:9.4', 'registry.access.redhat.com/ubi9/ubi-micro',
    'registry.access.redhat.com/ubi9-minimal', 'registry.suse.com/bci/bci-micro:15.6', 'registry.fedoraproject.org/fedora-minimal:40',
    'alpine:3.20', 'busybox:1.36', 'gcr.io/distroless/static-debian12', 'gcr.io/distroless/python3-debian12:nonroot',
    'cgr.dev/chainguard/node:latest', 'mcr.microsoft.com/dotnet/runtime:8.0-jammy-chiseled', 'ubuntu/python:3.12-24.04_stable',
    'python:3.12-windowsservercore-ltsc2022', 'golang:1.22-nanoserver', 'scratch', 'registry.example.com/ubuntu-like/base:1',
    'myorg/ubuntu:24.04', 'node@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec',
  ];
  for (const image of clean) assert.equal(judged(image), null, image);
});

test('minimal-base-image: only the final stage counts, followed through FROM <stage>', () => {
  const text = 'FROM debian:12 AS base\nFROM base AS app\nFROM golang:1.22 AS build\nFROM app\n';
  const [f, ...more] = findings(text);
  assert.equal(more.length, 0);
  assert.deepEqual(f.range, { start: { line: 0, character: 5 }, end: { line: 0, character: 14 } });
  assert.match(f.message, /^The final image is built on debian:12 \(through stages "app" → "base"\), a full Debian userland/);
  assert.deepEqual(f.related?.map(r => [r.range.start.line, r.range.start.character, r.range.end.character, r.message]), [
    [3, 5, 8, 'The final stage is built on stage "app"'],
    [1, 5, 9, 'Stage "app" is built on stage "base"'],
  ]);
  assert.equal(findings('FROM debian:12 AS base\nFROM gcr.io/distroless/static-debian12\nCOPY --from=base /etc/passwd /etc/passwd\n').length, 0);
  // ${VAR:-default} and a variable set to a full image: the word as written, the image it expands to
  const [v] = findings('ARG BASE=node:20\nFROM ${BASE}\n');
  assert.match(v.message, /^The final image is built on \$\{BASE\} \(node:20\), a full Debian userland/);
  assert.equal(findings('ARG BASE=node:20-alpine\nFROM ${BASE}\n').length, 0);
  assert.equal(findings('FROM ${BASE:-ubuntu:24.04}\n').length, 1);
  assert.equal(findings('ARG BASE\nFROM ${BASE}\n').length, 0);
  // a rampart-ignore comment silences it, for images that are meant to be full (dev containers, CI toolboxes)
  assert.equal(findings('# rampart-ignore: dockerfile/minimal-base-image\nFROM ubuntu:24.04\n').length, 0);
});

test('minimal-base-image: odd and half-typed input never throws', () => {
  for (const text of ['FROM', 'FROM \n', 'FROM --platform=linux/amd64\n', 'FROM ubuntu:\n', 'FROM :24.04\n', 'FROM ubuntu@\n',
    'FROM a AS a\nFROM a\n', 'FROM ubuntu:24.04 AS\n', 'FROM ${\n', 'FROM $\n', 'RUN echo\n', 'FROM UBUNTU:24.04\r\nRUN true\r\n',
    'FROM \\\n  ubuntu:24.04\n', 'FROM ["ubuntu:24.04"]\n']) {
    assert.doesNotThrow(() => findings(text), text);
  }
  // a word split by a continuation still points at the image word
  const [f] = findings('FROM \\\n  ubuntu:24.04\n');
  assert.deepEqual(f.range, { start: { line: 1, character: 2 }, end: { line: 1, character: 14 } });
});
