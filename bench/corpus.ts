/**
 * A deterministic corpus of realistic Dockerfiles (20–200 lines) for the benchmark and the parser's oracle test:
 * multi-stage builds, continuations, heredocs, JSON and shell forms, comments, variables, and the usual mistakes.
 */

/** mulberry32: small, fast, seeded. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DIGEST = '@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec';
const IMAGES = ['ubuntu:22.04', 'node:20-alpine', 'python:3.12-slim' + DIGEST, 'debian', 'alpine:latest', 'golang:1.22', 'nginx:1.27.0' + DIGEST, '${BASE_IMAGE}'];
const PKGS = ['curl', 'git', 'ca-certificates', 'build-essential', 'gcc', 'make', 'openssl', 'tini', 'jq', 'unzip', 'python3-pip'];

const BLOCKS: ((r: () => number, pick: <T>(a: T[]) => T) => string)[] = [
  (_r, p) => `RUN apt-get update && \\\n    apt-get install -y ${p(PKGS)} ${p(PKGS)} \\\n    && rm -rf /var/lib/apt/lists/*`,
  (_r, p) => `RUN apk add --no-cache ${p(PKGS)} ${p(PKGS)}`,
  (_r, p) => `COPY ${p(['src/', 'package.json', '.', 'requirements.txt', 'go.mod go.sum'])} ${p(['/app/', './', '/src/'])}`,
  (_r, p) => `ENV ${p(['APP_HOME', 'NODE_ENV', 'PATH', 'LANG'])}=${p(['/app', 'production', '/app/bin:$PATH', 'C.UTF-8'])}`,
  () => 'RUN curl -fsSL https://example.com/install.sh | sh',
  () => '# Install the application dependencies',
  (_r, p) => `WORKDIR ${p(['/app', '/src', '/opt/service'])}`,
  () => 'RUN chmod 755 /app/bin/run && chown -R app:app /app',
  (_r, p) => `EXPOSE ${p(['8080', '22', '443/tcp', '3000 9090'])}`,
  () => 'RUN set -eux; \\\n    for f in a b c; do \\\n      echo "$f" >> /tmp/list; \\\n    done',
  () => 'RUN <<EOF\nset -e\npip install --no-cache-dir -r requirements.txt\npython -m compileall /app\nEOF',
  (_r, p) => `ARG ${p(['VERSION', 'BUILD_DATE', 'GIT_SHA'])}=${p(['1.2.3', 'unknown', 'dev'])}`,
  (_r, p) => `LABEL org.opencontainers.image.${p(['title', 'version', 'source'])}="${p(['demo', '1.0', 'https://example.com'])}"`,
  () => 'ADD https://example.com/archive.tar.gz /tmp/',
  () => 'RUN pip install --no-cache-dir flask==3.0.3 gunicorn==22.0.0',
  () => 'ENV DB_PASSWORD=changeme',
  () => 'RUN sudo chmod 777 /var/run',
  () => 'HEALTHCHECK --interval=30s --timeout=3s CMD curl -f http://localhost:8080/health || exit 1',
];

export function dockerfile(r: () => number, minLines = 20, maxLines = 200): string {
  const pick = <T>(a: T[]): T => a[Math.floor(r() * a.length)];
  const target = minLines + Math.floor(r() * (maxLines - minLines + 1));
  const out: string[] = ['# syntax=docker/dockerfile:1', `ARG BASE_IMAGE=${pick(IMAGES.slice(0, 7))}`];
  const stages = 1 + Math.floor(r() * 3);
  let lines = 2;
  for (let s = 0; s < stages && lines < target; s++) {
    out.push(`FROM ${pick(IMAGES)}${s < stages - 1 ? ` AS stage${s}` : ''}`);
    lines++;
    const budget = s === stages - 1 ? target : lines + Math.floor((target - lines) / (stages - s));
    while (lines < budget) {
      const b = pick(BLOCKS)(r, pick);
      out.push(b);
      lines += b.split('\n').length;
    }
  }
  if (r() < 0.6) out.push(`USER ${pick(['10001', 'root', 'app', '10001:10001'])}`);
  out.push(pick(['CMD ["node", "server.js"]', 'ENTRYPOINT ["/app/run"]', 'CMD python -m app']));
  return out.join('\n') + '\n';
}

export function corpus(count: number, seed = 42, minLines = 20, maxLines = 200): string[] {
  const r = prng(seed);
  const files: string[] = [];
  for (let i = 0; i < count; i++) files.push(dockerfile(r, minLines, maxLines));
  return files;
}
