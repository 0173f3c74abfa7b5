/**
 * What the fixtures cannot say about no-secrets-in-run: severities, that messages never repeat the secret, that
 * every look-alike the negative fixture shows has a twin that is reported (so the negatives can fail), ranges
 * through quotes, JSON escapes and heredocs, the credential shapes added to _secrets.ts, and that it never
 * reports what no-account-password or no-secrets-in-env-arg report.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { lintText } from '../server/src/engine/engine';
import type { Finding } from '../server/src/engine/types';
import { credentialInValue } from '../rules/dockerfile/_secrets';

const ID = 'dockerfile/no-secrets-in-run';
const D = '0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec';

function lint(body: string): { text: string; findings: Finding[] } {
  const text = `FROM debian:12.6-slim@sha256:${D}\n${body}\n`;
  const res = lintText('Dockerfile', text, {});
  assert.ok(res);
  return { text, findings: res.findings };
}

/** The text each finding of the rule covers. */
function covered(body: string): string[] {
  const { text, findings } = lint(body);
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  const off = (p: { line: number; character: number }) => starts[p.line] + p.character;
  return findings.filter(f => f.ruleId === ID).map(f => text.slice(off(f.range.start), off(f.range.end)));
}

test('no-secrets-in-run: messages never repeat the secret value', () => {
  const secrets = ['hunter2', 'ghp_FAKE', 'Bearer-s3cr3t', 'npmT0ken', 'pgS3cret', 'AKIAZZZZ', 'glpat-FAKE', 'netrcPw9', 'pw1234'];
  const { findings } = lint([
    'RUN docker login -u bob -p hunter2 registry.example.com',
    'RUN git clone https://x-access-token:ghp_FAKEfakeFAKEfakeFAKEfakeFAKEfake0000@github.com/o/r.git',
    'RUN curl -H "Authorization: Bearer Bearer-s3cr3t" https://api.example.com',
    'RUN echo "//registry.npmjs.org/:_authToken=npmT0ken" > .npmrc',
    'RUN PGPASSWORD=pgS3cret psql -h db -c "SELECT 1"',
    'RUN AWS_ACCESS_KEY_ID=AKIAZZZZFAKEFAKE0000 aws s3 ls',
    'RUN git clone https://oauth2:glpat-FAKEfakeFAKEfake0000@gitlab.com/o/r.git',
    'RUN printf "machine github.com login bot password netrcPw9\\n" > /root/.netrc',
    'RUN pip install --index-url https://ci:pw1234@pypi.example.com/simple app',
  ].join('\n'));
  const mine = findings.filter(f => f.ruleId === ID);
  assert.equal(mine.length, 9);
  for (const f of mine) for (const s of secrets) assert.ok(!f.message.includes(s), f.message);
});

test('no-secrets-in-run: credential shapes are critical, passwords given by option or header are high', () => {
  const sev = (body: string) => lint(body).findings.filter(f => f.ruleId === ID).map(f => f.severity);
  assert.deepEqual(sev('RUN git clone https://bob:s3cr3t@github.com/o/r.git'), ['critical']);
  assert.deepEqual(sev('RUN curl -fsSL -u bob:ghp_FAKEfakeFAKEfakeFAKEfakeFAKEfake0000 https://x.example.com'), ['critical']);
  assert.deepEqual(sev('RUN aws configure set aws_secret_access_key FakeSecretAccessKey/NotReal+0000abcdEFGH'), ['critical']);
  assert.deepEqual(sev('RUN docker login -p hunter2 && curl -u bob:s3cr3t https://x && curl -H "Authorization: Basic Ym9iOnMzY3IzdA==" https://x'), ['high', 'high', 'high']);
  assert.deepEqual(sev('RUN export API_TOKEN=s3cr3tv4lue && make'), ['high']);
});

test('no-secrets-in-run: each look-alike of the negative fixture has a reported twin', () => {
  const pairs: [string, string][] = [
    // variable references and command substitutions against literals
    ['RUN curl -u "bot:$(cat /run/secrets/gh)" https://x', 'RUN curl -u "bot:s3cr3tPw" https://x'],
    ['RUN curl -H "Authorization: Bearer $GITHUB_TOKEN" https://x', 'RUN curl -H "Authorization: Bearer s3cr3tTok" https://x'],
    ['RUN git clone "https://x-access-token:${GITHUB_TOKEN}@github.com/o/r.git"', 'RUN git clone "https://x-access-token:s3cr3tTok@github.com/o/r.git"'],
    ['RUN echo "//npm.pkg.github.com/:_authToken=${NPM_TOKEN}" > .npmrc', 'RUN echo "//npm.pkg.github.com/:_authToken=s3cr3tTok" > .npmrc'],
    ['RUN npm config set //registry.npmjs.org/:_authToken "$NPM_TOKEN"', 'RUN npm config set //registry.npmjs.org/:_authToken "s3cr3tTok"'],
    ['RUN PGPASSWORD="$(cat /run/secrets/db)" psql -c "SELECT 1"', 'RUN PGPASSWORD="s3cr3tPw" psql -c "SELECT 1"'],
    ['RUN wget --password="$(cat /run/secrets/db)" https://x', 'RUN wget --password="s3cr3tPw" https://x'],
    // files and standard input against literals
    ['RUN helm registry login ghcr.io -u bot --password-stdin < /run/secrets/ghcr', 'RUN echo s3cr3tPw | helm registry login ghcr.io -u bot --password-stdin'],
    ['RUN echo "$GHCR_TOKEN" | helm registry login ghcr.io -u bot --password-stdin', 'RUN echo "s3cr3tTok" | helm registry login ghcr.io -u bot --password-stdin'],
    ['RUN sshpass -f /run/secrets/pw scp -P 2222 a@b:/x .', 'RUN sshpass -p s3cr3tPw scp -P 2222 a@b:/x .'],
    ['RUN curl -H @/run/secrets/api_header https://x', 'RUN curl -H "PRIVATE-TOKEN: s3cr3tTok" https://x'],
    // no password, an empty one, a user-only URL
    ['RUN curl -u anonymous https://x', 'RUN curl -u anonymous:s3cr3tPw https://x'],
    ["RUN curl -u 'guest:' https://x", "RUN curl -u 'guest:s3cr3tPw' https://x"],
    ['RUN git clone https://oauth2@gitlab.example.com/o/r.git', 'RUN git clone https://oauth2:s3cr3tTok@gitlab.example.com/o/r.git'],
    ['RUN mysql -u reader -p app', 'RUN mysql -u reader -papp'],
    ['RUN mysql -u reader --password app', 'RUN mysql -u reader --password=app'],
    // -p of other tools and of the command sshpass runs
    ['RUN ssh -p 2222 deploy@build.example.com true', 'RUN sshpass -p 5ecret22 ssh deploy@build.example.com true'],
    ['RUN sshpass -f /run/secrets/pw ssh -p 2222 deploy@h true', 'RUN sshpass -p s3cr3tPw ssh -p 2222 deploy@h true'],
    // placeholders against values
    ["RUN printf '%s\\n' '//registry.npmjs.org/:_authToken=<token>' > npmrc.template", "RUN printf '%s\\n' '//registry.npmjs.org/:_authToken=s3cr3tTok' > npmrc"],
    ["RUN printf '%s\\n' 'aws_access_key_id = AKIAIOSFODNN7EXAMPLE' > creds.template", "RUN printf '%s\\n' 'aws_access_key_id = AKIAZZZZFAKEFAKE0000' > creds"],
    ["RUN printf '%s\\n' 'machine github.com login bot password changeme' > netrc.template", "RUN printf '%s\\n' 'machine github.com login bot password s3cr3tPw' > netrc"],
    ["RUN echo 'git clone https://user:****@git.example.com/repo.git'", "RUN echo 'git clone https://user:s3cr3tPw@git.example.com/repo.git'"],
    ['RUN docker login -u bot -p PASSWORD registry.example.com', 'RUN docker login -u bot -p Pa55word registry.example.com'],
    ['RUN echo ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'RUN echo ghp_FAKEfakeFAKEfakeFAKEfakeFAKEfake0000'],
    // URLs whose user:password is not a credential: GitHub's fixed x-oauth-basic, a build's own database, anonymous FTP, a stand-in
    ['RUN git config --global url."https://${GITHUB_TOKEN}:x-oauth-basic@github.com/".insteadOf https://github.com/', 'RUN git config --global url."https://0123456789abcdef0123456789abcdef01234567:x-oauth-basic@github.com/".insteadOf https://github.com/'],
    ['RUN DATABASE_URL=postgres://postgres:postgres@localhost:5432/app bundle exec rails assets:precompile', 'RUN DATABASE_URL=postgres://postgres:Zq8s3cr3t@db.example.com:5432/app bundle exec rails assets:precompile'],
    ['RUN DATABASE_URL=nulldb://user:pass@db/app bundle exec rails assets:precompile', 'RUN DATABASE_URL=mysql2://user:Zq8s3cr3t@db/app bundle exec rails assets:precompile'],
    ['RUN curl -fsSL -o x.tgz ftp://anonymous:guest@ftp.example.com/pub/x.tgz', 'RUN curl -fsSL -o x.tgz ftp://mirror:Zq8s3cr3t@ftp.example.com/pub/x.tgz'],
    ['RUN echo "postgres://app:changeme@db/app" > /etc/app/db.example', 'RUN echo "postgres://app:Zq8s3cr3t@db/app" > /etc/app/db'],
    // throwaway values for a build step, switches and mounted-secret paths
    ['RUN SECRET_KEY=dummy npm run build', 'RUN SECRET_KEY=k8Hq2xVz npm run build'],
    ['RUN SECRET_KEY_BASE=1 bundle exec rails assets:precompile', 'RUN SECRET_KEY_BASE=k8Hq2xVz bundle exec rails assets:precompile'],
    ['RUN export DB_PASSWORD_FILE=/run/secrets/db && ./migrate', 'RUN export DB_PASSWORD=k8Hq2xVz && ./migrate'],
  ];
  for (const [quiet, loud] of pairs) {
    assert.deepEqual(covered(quiet), [], quiet);
    assert.equal(covered(loud).length, 1, loud);
  }
});

test('no-secrets-in-run: the range is the secret itself, through quotes, escapes, JSON and heredocs', () => {
  assert.deepEqual(covered('RUN docker login --password="s3 cr3t" r.example.com'), ['s3 cr3t']);
  assert.deepEqual(covered("RUN mysql -u root -p'it''s-me' -e 'SELECT 1'"), ["it''s-me"]);
  assert.deepEqual(covered('RUN curl -u "bob:s3\\"cr3t" https://x'), ['s3\\"cr3t']);
  assert.deepEqual(covered('RUN docker login -p=s3cr3tPw r.example.com'), ['s3cr3tPw']); // pflag reads -p=VALUE
  assert.deepEqual(covered('RUN ["curl", "-u", "bob:s3\\u0063r3t", "https://x"]'), ['s3\\u0063r3t']);
  assert.deepEqual(covered('RUN bash -c "echo \'//registry.npmjs.org/:_authToken=s3cr3tTok\' > ~/.npmrc"'), ['s3cr3tTok']);
  assert.deepEqual(covered('RUN git clone https://bob:s3cr3t@github.com/o/r.git'), ['bob:s3cr3t']);
  assert.deepEqual(covered('RUN curl -fsSL \\\n    -u bob:s3\\\ncr3t https://x'), ['s3\\\ncr3t']);
  assert.deepEqual(covered('RUN curl -u bob:s3cr3t https://x \\\r\n    && docker login -u bob -p "hunter22" r.example.com\r'), ['s3cr3t', 'hunter22']); // CRLF
  // standard input: a here-string, a one-line heredoc, echo and printf
  assert.deepEqual(covered("RUN docker login -u bob --password-stdin r.example.com <<< 'hunter22'"), ['hunter22']);
  assert.deepEqual(covered('RUN docker login -u bob --password-stdin r.example.com <<EOF\n  hunter22\nEOF'), ['hunter22']);
  assert.deepEqual(covered('RUN docker login -u bob --password-stdin r.example.com <<EOF\n$REGISTRY_PASSWORD\nEOF'), []);
  assert.deepEqual(covered("RUN printf '%s' 'hunter22' | podman login -u bob --password-stdin quay.io"), ['hunter22']);
  // a token inside `$(…)` is reported once, by the inner command; likewise inside `sh -c '…'`
  assert.deepEqual(covered('RUN X="$(echo ghp_FAKEfakeFAKEfakeFAKEfakeFAKEfake0000)" && echo "$X"'), ['ghp_FAKEfakeFAKEfakeFAKEfakeFAKEfake0000']);
  assert.deepEqual(covered("RUN sh -c 'curl -u bob:ghp_FAKEfakeFAKEfakeFAKEfakeFAKEfake0000 https://x'"), ['ghp_FAKEfakeFAKEfakeFAKEfakeFAKEfake0000']);
});

test('no-secrets-in-run: tool settings (composer, poetry, yarn, aws, helm, wget, htpasswd)', () => {
  assert.deepEqual(covered('RUN composer config -g http-basic.repo.example.com ci s3cr3tPw'), ['s3cr3tPw']);
  assert.deepEqual(covered('RUN composer config --global github-oauth.github.com 0123456789abcdef0123456789abcdef01234567'), ['0123456789abcdef0123456789abcdef01234567']);
  assert.deepEqual(covered('RUN composer config -g --unset http-basic.repo.example.com'), []);
  assert.deepEqual(covered('RUN poetry config http-basic.private ci s3cr3tPw'), ['s3cr3tPw']);
  assert.deepEqual(covered('RUN yarn config set npmAuthToken s3cr3tTok'), ['s3cr3tTok']);
  assert.deepEqual(covered('RUN yarn config set npmRegistryServer https://npm.example.com'), []);
  assert.deepEqual(covered('RUN aws configure set region eu-west-1 && aws configure set aws_session_token s3cr3tTok'), ['s3cr3tTok']);
  assert.deepEqual(covered('RUN helm repo add internal https://charts.example.com --username bot --password s3cr3tPw'), ['s3cr3tPw']);
  assert.deepEqual(covered('RUN wget --http-password s3cr3tPw --ftp-password=s3cr3tPw2 https://x'), ['s3cr3tPw', 's3cr3tPw2']);
  assert.deepEqual(covered('RUN htpasswd -nbB admin s3cr3tPw > /etc/nginx/.htpasswd && htpasswd -c /etc/nginx/.htpasswd admin'), ['s3cr3tPw']);
  assert.deepEqual(covered('RUN curl -H "Private-Token: s3cr3tTok" https://x'), ['s3cr3tTok']);
  assert.deepEqual(covered('RUN curl --oauth2-bearer s3cr3tTok -U proxy:pr0xyPw -x http://proxy:3128 https://x'), ['s3cr3tTok', 'pr0xyPw']);
  assert.deepEqual(covered('RUN git -c http.extraHeader="Authorization: Basic Ym9iOnMzY3IzdA==" clone https://github.com/o/r'), ['Ym9iOnMzY3IzdA==']);
});

test('no-secrets-in-run: account passwords and ENV/ARG values are the other rules\' findings', () => {
  const ids = (body: string) => lint(body).findings.map(f => f.ruleId).filter(id => id.includes('secret') || id.includes('password')).sort();
  assert.deepEqual(ids('RUN useradd -r -p s3cr3tHash app'), ['dockerfile/no-account-password']);
  assert.deepEqual(ids("RUN echo 'app:s3cr3tPw' | chpasswd"), ['dockerfile/no-account-password']);
  // the ARG holds the token; the RUN only names it
  assert.deepEqual(ids('ARG GITHUB_TOKEN=ghp_FAKEfakeFAKEfakeFAKEfakeFAKEfake0000\nRUN git clone "https://x:${GITHUB_TOKEN}@github.com/o/r.git"'), ['dockerfile/no-secrets-in-env-arg']);
  // in a RUN, `export` is the RUN's
  assert.deepEqual(ids('RUN export GITHUB_TOKEN=ghp_FAKEfakeFAKEfakeFAKEfakeFAKEfake0000 && make'), [ID]);
});

test('no-secrets-in-run: never throws on half-typed input', () => {
  const inputs = [
    'RUN curl -u', 'RUN curl -u bob:', 'RUN curl -H', 'RUN docker login -p', 'RUN docker login --password=', 'RUN docker login --password-stdin <<EOF',
    'RUN docker login --password-stdin <<<', 'RUN echo x | docker login --password-stdin', 'RUN cat <<EOF\n_authToken=', 'RUN cat <<EOF\n-----BEGIN RSA PRIVATE KEY-----',
    'RUN htpasswd -b', 'RUN htpasswd -nb a', 'RUN npm config set', 'RUN npm config set _authToken', 'RUN composer config http-basic.x', 'RUN poetry config',
    'RUN aws configure set aws_secret_access_key', 'RUN ["curl", "-u"', 'RUN mysql -p', 'RUN sshpass -p', 'RUN helm repo add', 'RUN wget --password',
    'RUN X=', 'RUN export', 'RUN sh -c', 'RUN sh -c "curl -u a:', 'RUN "$(curl -u a:b', 'RUN printf "machine h password',
  ];
  for (const body of inputs) {
    const errors: string[] = [];
    const text = `FROM debian:12\n${body}`;
    assert.ok(lintText('Dockerfile', text, { onRuleError: (id, e) => errors.push(`${id}: ${String(e)}`) }));
    assert.deepEqual(errors, [], JSON.stringify(body));
  }
});

test('credential shapes: GitLab, npm, PyPI and Docker Hub tokens, filler, URL placeholders, whole private keys', () => {
  const kind = (v: string) => credentialInValue(v)?.kind ?? null;
  assert.equal(kind('glpat-FAKEfakeFAKEfake0000'), 'a GitLab token');
  assert.equal(kind('gldt-FAKEfakeFAKEfake0000'), 'a GitLab token');
  assert.equal(kind('glpat-short'), null);
  assert.equal(kind('npm_FAKEfakeFAKEfakeFAKEfakeFAKEfake0000'), 'an npm access token');
  assert.equal(kind('npm_config_cache=/var/cache/npm'), null);
  assert.equal(kind('NPM_FAKEfakeFAKEfakeFAKEfakeFAKEfake0000'), null);
  assert.equal(kind('pypi-AgEIcHlwaS5vcmcFAKEfakeFAKEfakeFAKEfakeFAKEfakeFAKEfakeFAKE0000'), 'a PyPI API token');
  assert.equal(kind('pypi-server-1.5.2'), null);
  assert.equal(kind('dckr_pat_FAKEfakeFAKEfakeFAKEfake000'), 'a Docker Hub access token');
  assert.equal(kind('dckr_pat_short'), null);
  // filler in documentation
  for (const v of ['ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'AKIAXXXXXXXXXXXXXXXX', 'xoxb-xxxxxxxxxx-xxxxxxxxxxxx', 'glpat-xxxxxxxxxxxxxxxxxxxx', 'npm_000000000000000000000000000000000000']) assert.equal(kind(v), null, v);
  assert.equal(kind('github_pat_FAKE0000000000000000000000'), 'a GitHub token');
  // a URL's password: placeholders and variables are not, and the reported part is user:password
  for (const v of ['https://u:<password>@h.example.com', 'https://u:****@h.example.com', 'https://u:${PW}@h.example.com', 'https://u:%PW%@h.example.com', 'https://u:{{ pw }}@h']) assert.equal(kind(v), null, v);
  for (const v of ['postgres://postgres:postgres@localhost:5432/app', 'mysql://root:root@127.0.0.1/db', 'nulldb://u:p@db/app', 'ftp://anonymous:guest@ftp.example.com/pub/x', 'https://${T}:x-oauth-basic@github.com/o/r']) assert.equal(kind(v), null, v);
  assert.equal(kind('https://0123abcd4567ef89:x-oauth-basic@github.com/o/r'), 'a URL with an embedded password');
  assert.equal(kind('postgres://app:Zq8s3cr3t@db.example.com:5432/app'), 'a URL with an embedded password');
  const url = 'see https://ci:s3cr3t@pypi.example.com/simple';
  const m = credentialInValue(url)!;
  assert.equal(url.slice(m.index, m.index + m.length), 'ci:s3cr3t');
  const key = 'k="-----BEGIN EC PRIVATE KEY-----\nMHcCAQEE\n-----END EC PRIVATE KEY-----"';
  const k = credentialInValue(key)!;
  assert.equal(key.slice(k.index, k.index + k.length), '-----BEGIN EC PRIVATE KEY-----\nMHcCAQEE\n-----END EC PRIVATE KEY-----');
});
