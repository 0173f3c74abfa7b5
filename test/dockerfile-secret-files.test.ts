/** The file names no-secret-files reads as credentials, and the look-alikes it must leave alone. */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { harmlessName, secretFile } from '../rules/dockerfile/_secret-files';
import { lintText } from '../server/src/engine/engine';

/** What the rule says the file holds (for a glob, what the files it matches hold). */
function kind(p: string): string | null {
  const glob = /[*?[]/.test(p);
  const k = secretFile(p, glob);
  return k ? (glob ? k.many ?? k.what : k.what) : null;
}

test('secret files: credentials by name, by parent directory and by extension', () => {
  const cases: [string, string][] = [
    ['id_rsa', 'an SSH private key'], ['keys/id_ed25519_sk', 'an SSH private key'], ['id_rsa_deploy', 'an SSH private key'],
    ['ssh_host_ecdsa_key', 'an SSH private key'], ['.ssh/github', 'an SSH private key'], ['github_deploy_key', 'an SSH private key'],
    ['.ssh/', 'a directory of SSH keys'], ['home/.gnupg', 'a GnuPG home directory, which holds private keys'],
    ['tls.key', 'a private key'], ['config/master.key', 'a private key'], ['privkey.pem', 'a private key'],
    ['ca-key.pem', 'a private key'], ['server.key.pem', 'a private key'], ['*.key', 'private keys'], ['tls/*-key.pem', 'private keys'],
    ['client.p12', 'a keystore, which holds private keys'], ['release.keystore', 'a keystore, which holds private keys'], ['signing.jks', 'a keystore, which holds private keys'],
    ['repo-credentials.json', 'a credentials file (by its name)'],
    ['.env', 'an environment file, which usually holds passwords and API keys'], ['.env.production.local', 'an environment file, which usually holds passwords and API keys'],
    ['prod.env', 'an environment file, which usually holds passwords and API keys'],
    ['.aws/credentials', 'AWS credentials'], ['.aws', 'AWS credentials'], ['.s3cfg', 'AWS credentials'],
    ['gcloud/application_default_credentials.json', 'Google Cloud credentials'], ['.config/gcloud/', 'Google Cloud credentials'],
    ['serviceAccountKey.json', 'a service-account key (by its name)'], ['proj-firebase-adminsdk-x1y2z-0a1b2c3d4e.json', 'a service-account key (by its name)'],
    ['key.json', 'a service-account key (by its name)'], ['gcp_key.json', 'a service-account key (by its name)'],
    ['client_secret_1234-abcd.apps.googleusercontent.com.json', 'an OAuth client secret'],
    ['.kube/config', 'Kubernetes cluster credentials'], ['kubeconfig-prod.yaml', 'Kubernetes cluster credentials'], ['dev.kubeconfig', 'Kubernetes cluster credentials'],
    ['.docker/config.json', 'container registry credentials'], ['.dockercfg', 'container registry credentials'],
    ['.git-credentials', 'stored Git credentials'], ['.netrc', 'login credentials (.netrc)'], ['.pypirc', 'package index credentials'],
    ['.npmrc', 'a package registry configuration'], ['.htpasswd', 'password hashes'],
    ['credentials.json', 'a credentials file (by its name)'], ['db-password.txt', 'a password file (by its name)'], ['secrets.yaml', 'a secrets file (by its name)'],
    ['api-key.json', 'an API key file (by its name)'],
  ];
  for (const [p, what] of cases) assert.equal(kind(p), what, p);
});

test('secret files: public files, templates, encrypted files, code and ambiguous names are not secrets', () => {
  for (const p of [
    'id_rsa.pub', 'ssh_host_rsa_key.pub', '.ssh/known_hosts', '.ssh/config', 'authorized_keys', 'ca.pem', 'cert.pem', 'fullchain.pem',
    'server.crt', 'public-key.pem', 'pubkey.pem', 'nginx_signing.key', 'Release.key', 'license.key', 'truststore.jks', 'cacerts.p12', 'ca.p12', 'archive-keyring.pem',
    '.env.example', '.env.sample', '.env.template', '.env.dist', '.env.test', 'example.env', '.env.vault', '.env/', 'venv/.env/',
    'secrets.enc.yaml', 'id_rsa.gpg', 'secret_santa.py', 'secrets.py', 'credentials.go', 'password-policy.json', 'passwords_policy.md',
    'tokenizer.json', 'special_tokens_map.json', 'service-account.yaml', 'keys.json', 'keys', 'keys/', 'secrets', 'credentials',
    'gcloud', 'config.json', 'terraform.tfvars', 'package.json', '*.pem', '.env*', '*.env', 'id_rsa*', 'certs/*.crt', '.', '..', '/',
  ]) assert.equal(kind(p), null, p);
  assert.ok(harmlessName('.env.example') && harmlessName('.npmrc.template') && harmlessName('id_rsa.pub'));
  assert.ok(!harmlessName('application_default_credentials.json'), 'a known credentials file is never harmless, DEFAULT or not');
  assert.ok(!harmlessName('deploy') && !harmlessName('runtime.json'));
});

/** The rule's findings; any rule error fails the test. */
function lint(text: string) {
  const errors: string[] = [];
  const res = lintText('Dockerfile', text, { onRuleError: (id, e) => errors.push(`${id}: ${String(e)}`) });
  assert.ok(res);
  assert.deepEqual(errors, [], JSON.stringify(text));
  return res.findings.filter(f => f.ruleId === 'dockerfile/no-secret-files');
}

test('no-secret-files: never throws on half-typed or odd COPY/ADD instructions', () => {
  const lines = ['COPY', 'COPY id_rsa', 'COPY --from= id_rsa /x', 'COPY ["id_rsa"', 'COPY "" /x', 'COPY ["", ""]', 'COPY / /', 'COPY .. /x/.env',
    'COPY $X /x/.env', 'COPY x ${GOOGLE_APPLICATION_CREDENTIALS}', 'COPY --from=9 /.env /x', 'ADD git@github.com:x/y.git /src/.env', 'COPY <<EOF /app/.env',
    'COPY .env', 'COPY \\\n .env \\\n', 'COPY --from=stage .ssh', 'COPY ${', 'ADD ["a"]'];
  for (const l of lines) for (const text of [`FROM alpine:3.20\n${l}`, `FROM alpine:3.20\r\n${l}\r\n`]) lint(text);
  assert.equal(lint('FROM alpine:3.20\nCOPY x ${GOOGLE_APPLICATION_CREDENTIALS}\n').length, 1, 'the variable names a credentials file even without a value');
  assert.equal(lint('FROM alpine:3.20\nCOPY .. /x/.env\nCOPY venv/ /app/.env\n').length, 0, 'a directory copied to a name like .env is not an environment file');
});

test('no-secret-files: severity by stage, and the later rm as related information', () => {
  const [builder] = lint('FROM node:20 AS deps\nWORKDIR /app\nCOPY .npmrc ./\nRUN npm ci && rm .npmrc\nFROM node:20-slim\nCOPY --from=deps /app/node_modules /app/node_modules\n');
  assert.equal(builder.severity, 'medium', 'a build stage the final image leaves out');
  assert.equal(builder.related?.length, 1, 'the rm that does not remove the layer');
  // the same copy, with the whole directory taken into the final image: the rm happened before, so it is not shipped
  assert.equal(lint('FROM node:20 AS deps\nWORKDIR /app\nCOPY .npmrc ./\nRUN npm ci && rm .npmrc\nFROM node:20-slim\nCOPY --from=deps /app /app\n')[0].severity, 'medium');
  const [via] = lint('FROM node:20 AS build\nWORKDIR /app\nCOPY .env ./\nFROM node:20-slim\nCOPY --from=build /app /app\n');
  assert.equal(via.severity, 'high', 'COPY --from brings it into the final image');
  assert.equal(lint('FROM node:20 AS build\nWORKDIR /app\nCOPY .env ./\nFROM node:20-slim\nCOPY --from=build /app/dist /app\n')[0].severity, 'medium');
  assert.equal(lint('FROM nginx:1.27\nCOPY .htpasswd /etc/nginx/\n')[0].severity, 'medium', 'password hashes');
  assert.equal(lint('FROM node:20\nCOPY package.json .npmrc ./\nRUN npm ci\n').length, 0, 'registry settings that stay are not reported');
});
