/**
 * Which file names hold credentials (for no-secret-files): read from the path's last part (and its parent for
 * `.aws/credentials`, `.kube/config` …), never from the file's content, which a rule cannot see.
 */
import { remembered } from '../../server/src/engine/memo';
import type { Severity } from '../../server/src/engine/types';
import { nameWords } from './_secrets';

export interface SecretFile {
  /** What it holds, for the message: `an SSH private key`. */
  what: string;
  /** An SSH key: the advice is `RUN --mount=type=ssh`. */
  ssh?: boolean;
  /** A directory of credentials rather than one file. */
  dir?: boolean;
  /**
   * Package-manager configuration that holds a token only in some projects (`.npmrc` often holds just
   * `registry=` or a `${NPM_TOKEN}` placeholder): reported only when the Dockerfile deletes it afterwards.
   */
  maybe?: boolean;
  severity?: Severity;
  /** For a glob (`*.key`): what the files it matches hold. */
  many?: string;
}

const SSH_KEY: SecretFile = { what: 'an SSH private key', ssh: true };
const PRIVATE_KEY: SecretFile = { what: 'a private key', many: 'private keys' };
const KEYSTORE: SecretFile = { what: 'a keystore, which holds private keys', many: 'keystores, which hold private keys' };
const ENV_FILE: SecretFile = { what: 'an environment file, which usually holds passwords and API keys' };
const AWS: SecretFile = { what: 'AWS credentials' };
const GCLOUD: SecretFile = { what: 'Google Cloud credentials' };
const KUBE: SecretFile = { what: 'Kubernetes cluster credentials' };
const SERVICE_ACCOUNT: SecretFile = { what: 'a service-account key (by its name)' };
const REGISTRY: SecretFile = { what: 'container registry credentials' };
const REGISTRY_CONFIG: SecretFile = { what: 'a package registry configuration', maybe: true };

/** Files whose purpose is to hold a credential, by their exact (lower-case) name. */
const BY_NAME = new Map<string, SecretFile>([
  ['.ssh', { what: 'a directory of SSH keys', ssh: true, dir: true }],
  ['.gnupg', { what: 'a GnuPG home directory, which holds private keys', dir: true }],
  ['.aws', { ...AWS, dir: true }],
  ['.kube', { ...KUBE, dir: true }],
  ['.docker', { ...REGISTRY, dir: true }],
  ['.git-credentials', { what: 'stored Git credentials' }],
  ['.netrc', { what: 'login credentials (.netrc)' }],
  ['_netrc', { what: 'login credentials (.netrc)' }],
  ['.pgpass', { what: 'PostgreSQL passwords' }],
  ['.my.cnf', { what: 'MySQL client credentials' }],
  ['.pypirc', { what: 'package index credentials' }],
  ['.dockercfg', REGISTRY],
  ['auth.json', { what: 'registry credentials (auth.json)' }],
  ['.s3cfg', AWS],
  ['.passwd-s3fs', AWS],
  ['.boto', { what: 'cloud storage credentials' }],
  ['application_default_credentials.json', GCLOUD],
  ['.vault-token', { what: 'a Vault token' }],
  ['.htpasswd', { what: 'password hashes', severity: 'medium' }],
  ['htpasswd', { what: 'password hashes', severity: 'medium' }],
  ['.npmrc', REGISTRY_CONFIG],
  ['.yarnrc', REGISTRY_CONFIG],
  ['.yarnrc.yml', REGISTRY_CONFIG],
  ['pip.conf', REGISTRY_CONFIG],
  ['pip.ini', REGISTRY_CONFIG],
  ['.gemrc', REGISTRY_CONFIG],
  ['nuget.config', REGISTRY_CONFIG],
  ['settings.xml', REGISTRY_CONFIG],
]);

/** By the parent directory and the name: `.aws/credentials`, `.kube/config`. */
const BY_PARENT = new Map<string, SecretFile>([
  ['.aws/credentials', AWS],
  ['.kube/config', KUBE],
  ['.docker/config.json', REGISTRY],
  ['.config/gcloud', { ...GCLOUD, dir: true }],
  ['huggingface/token', { what: 'a Hugging Face token' }],
]);

/** Files under ~/.ssh that are not private keys. */
const SSH_PUBLIC = new Set(['known_hosts', 'known_hosts2', 'config', 'authorized_keys', 'authorized_keys2', 'environment', 'rc']);

/** Name words (or dot-separated parts) that mark a template, an example or a placeholder. */
const PLACEHOLDER = new Set(['EXAMPLE', 'EXAMPLES', 'SAMPLE', 'SAMPLES', 'TEMPLATE', 'TEMPLATES', 'TMPL', 'TPL', 'DIST', 'DEFAULT', 'DEFAULTS', 'SCHEMA', 'DUMMY', 'FAKE', 'MOCK', 'PLACEHOLDER', 'STUB']);
/** Name words that make a file public: `public-key.pem`, `pubkey.pem`. */
const PUBLIC = new Set(['PUBLIC', 'PUB', 'PUBKEY']);
/** Name words of `.key`/`.pem` files that are no private key: a package repository's key (`nginx_signing.key`, `Release.key`), a licence key. */
const NOT_PRIVATE_KEY = new Set(['GPG', 'PGP', 'GNUPG', 'ASC', 'KEYRING', 'ARCHIVE', 'REPO', 'APT', 'YUM', 'RPM', 'DEB', 'SIGNING', 'RELEASE', 'LICENSE', 'LICENCE']);
/** Name words of a keystore that holds only CA certificates. */
const TRUSTSTORE = new Set(['TRUST', 'TRUSTSTORE', 'CACERTS', 'CA']);
/** Dot-separated parts that say the file is encrypted (`secrets.enc.yaml`, `.env.vault`, `id_rsa.gpg`). */
const ENCRYPTED = new Set(['enc', 'encrypted', 'gpg', 'pgp', 'asc', 'age', 'sops', 'vault', 'aes', 'kdbx']);
/**
 * Code, documents, templates, certificates and public keys: `secrets.py`, `secret_santa.py`, `id_rsa.pub` and
 * `server.crt` hold no credential.
 */
const NOT_SECRET_EXT = new Set(['py', 'pyc', 'js', 'mjs', 'cjs', 'ts', 'mts', 'cts', 'tsx', 'jsx', 'go', 'rb', 'java', 'kt', 'kts', 'scala', 'groovy', 'rs', 'c', 'h', 'cc', 'cpp', 'hpp', 'cs', 'fs', 'php', 'sh', 'bash', 'zsh', 'ps1', 'psm1', 'bat', 'cmd', 'swift', 'm', 'pl', 'pm', 'lua', 'ex', 'exs', 'erl', 'clj', 'dart', 'r', 'jl', 'vue', 'svelte', 'html', 'htm', 'css', 'scss', 'md', 'rst', 'adoc', 'tf', 'hcl', 'rego', 'sql', 'proto', 'graphql', 'j2', 'jinja', 'tpl', 'tmpl', 'erb', 'mustache', 'hbs', 'pub', 'crt', 'cer', 'der', 'csr', 'lock']);
/** Data files whose name may say what they hold (`db-password.txt`, `secrets.yaml`). */
const DATA_EXT = new Set(['json', 'yaml', 'yml', 'toml', 'ini', 'conf', 'cfg', 'cnf', 'txt', 'properties', 'xml', 'env']);
const KEYSTORE_EXT = new Set(['p12', 'pfx', 'jks', 'keystore', 'bks', 'bcfks']);

/** Words before a last KEY of a JSON file that make it a service-account key: `sa-key.json`, `gcp_key.json`. */
const SERVICE_ACCOUNT_WORDS = new Set(['SA', 'SERVICE', 'ACCOUNT', 'GCP', 'GCLOUD', 'GOOGLE', 'GCS', 'FIREBASE']);
/** Other words before a last KEY that make it a credential: `secret-key.json`, `master_key.json`. */
const KEY_QUALIFIERS = new Set(['SECRET', 'ACCESS', 'AUTH', 'MASTER', 'ENCRYPTION']);

const SSH_KEY_NAME = /^(?:id_(?:rsa|dsa|ecdsa|ed25519)(?:_sk)?|ssh_host_(?:rsa|dsa|ecdsa|ed25519)_key)(?:[._-][a-z0-9_-]+)?$/;
const ENV_NAME = /^\.env(?:\.[^.]+)*$|^[^.]+\.env$/;

/** The name and its parent directory (lower-case), read from a path (trailing slashes ignored). */
function lastParts(path: string): { name: string; parent: string } {
  let end = path.length;
  while (end > 0 && path.charCodeAt(end - 1) === 47) end--;
  const slash = path.lastIndexOf('/', end - 1);
  const parent = slash > 0 ? path.slice(path.lastIndexOf('/', slash - 1) + 1, slash).toLowerCase() : '';
  return { name: path.slice(slash + 1, end), parent };
}

interface NameReading { lower: string; ext: string; parts: string[]; words: string[]; harmless: boolean }

function readName(name: string): NameReading {
  const lower = name.toLowerCase();
  const dot = lower.lastIndexOf('.');
  const ext = dot > 0 ? lower.slice(dot + 1) : '';
  const parts = lower.split('.');
  // the words of the name's first part: `client_secret_123.apps.googleusercontent.com.json` → CLIENT SECRET 123,
  // `.npmrc` → NPMRC, `.my.cnf` → MY
  const first = name.startsWith('.') ? name.slice(1).split('.')[0] : name.split('.')[0];
  const words = nameWords(first);
  const harmless = NOT_SECRET_EXT.has(ext) || parts.some(p => ENCRYPTED.has(p) || PLACEHOLDER.has(p.toUpperCase()))
    || words.some(w => PLACEHOLDER.has(w) || PUBLIC.has(w));
  return { lower, ext, parts, words, harmless };
}

/**
 * True when the name says the file is public, an example, encrypted or code (`ca.pem`'s `.pem` aside):
 * `.env.example`, `id_rsa.pub`, `secrets.enc.yaml`, `server.crt`, `setup.py`. A COPY of such a file to a
 * secret-looking destination (`COPY .env.example .env`) copies no secret.
 */
export const harmlessName: (path: string) => boolean = remembered((path: string) => {
  const { name, parent } = lastParts(path);
  return name !== '' && !known(name.toLowerCase(), parent) && readName(name).harmless;
});

/** A file of BY_NAME or BY_PARENT (`application_default_credentials.json` despite its DEFAULT). */
const known = (lower: string, parent: string) => BY_PARENT.get(`${parent}/${lower}`) ?? BY_NAME.get(lower) ?? null;

/**
 * What the file or directory at `path` (a COPY/ADD source or destination, after variable expansion) holds, when
 * its name says it holds credentials; null otherwise. In a glob (`*.key`), only the extension can be trusted:
 * `COPY *.key` copies keys, but `COPY .env*` copies `.env.example` as well. A path written with a trailing slash is
 * a directory, which only the directory kinds (`.ssh/`) can be.
 */
export function secretFile(path: string, glob = false): SecretFile | null {
  return glob ? secretGlob(path) : secretPath(path);
}
// the same names (package.json, src/, requirements.txt …) come back in every Dockerfile: each is read once
const secretPath = remembered((path: string) => readSecretFile(path, false));
const secretGlob = remembered((path: string) => readSecretFile(path, true));

function readSecretFile(path: string, glob: boolean): SecretFile | null {
  const { name, parent } = lastParts(path);
  if (!name || name === '.' || name === '..') return null;
  const reading = readName(name);
  const { lower, ext, parts, words } = reading;
  const found = (glob ? null : known(lower, parent)) ?? (reading.harmless ? null : glob ? byExtension(ext, parts, words) : /[*?[]/.test(name) ? null : byName(lower, parent, ext, parts, words));
  return found && path.endsWith('/') && !found.dir ? null : found;
}

/** Keys and keystores, which a glob's literal extension can name: `*.key`, `*-key.pem`, `*.p12`. */
function byExtension(ext: string, parts: string[], words: string[]): SecretFile | null {
  if (KEYSTORE_EXT.has(ext)) return words.some(w => TRUSTSTORE.has(w)) ? null : KEYSTORE;
  if (ext !== 'key' && ext !== 'ppk' && ext !== 'pem') return null;
  if (words.some(w => NOT_PRIVATE_KEY.has(w))) return null;
  // a .pem is a certificate unless its name says key: `privkey.pem`, `server-key.pem`, `tls.key.pem`
  return ext !== 'pem' || words.some(w => w === 'KEY' || w === 'PRIVKEY' || w === 'PRIVATE') || parts.includes('key') ? PRIVATE_KEY : null;
}

/** Last words of a data file's name that say it holds a credential: `db-password.txt`, `gcp-credentials.json`. */
const SECRET_NOUN = new Map(Object.entries({
  PASSWORD: 'a password file', PASSWORDS: 'a password file', SECRET: 'a secrets file', SECRETS: 'a secrets file',
  CREDENTIAL: 'a credentials file', CREDENTIALS: 'a credentials file', CREDS: 'a credentials file', KEYFILE: 'a key file',
  APIKEY: 'an API key file', APIKEYS: 'an API key file', PRIVATEKEY: 'a private key', SECRETKEY: 'a secret key file', ACCESSKEY: 'an access key file',
}));

function byName(lower: string, parent: string, ext: string, parts: string[], words: string[]): SecretFile | null {
  if (SSH_KEY_NAME.test(lower) || (parent === '.ssh' && !SSH_PUBLIC.has(lower))) return SSH_KEY;
  if (ENV_NAME.test(lower)) return words.some(w => w === 'TEST' || w === 'TESTING') || parts.some(p => p === 'test' || p === 'testing') ? null : ENV_FILE;
  const key = byExtension(ext, parts, words);
  if (key) return key;
  if (ext === 'kubeconfig' || words.includes('KUBECONFIG')) return KUBE;
  if (ext === '' && words.length >= 2 && words[words.length - 2] === 'DEPLOY' && words[words.length - 1] === 'KEY') return SSH_KEY;

  // data files whose name says what they hold; never code (`secrets.py`) or a name where the word is not the
  // point (`password-policy.json`, `tokenizer.json`)
  if (!DATA_EXT.has(ext) || !words.length) return null;
  if (words.includes('ADMINSDK') || words.includes('SERVICEACCOUNT') || words.some((w, i) => w === 'SERVICE' && words[i + 1] === 'ACCOUNT')) {
    return ext === 'json' ? SERVICE_ACCOUNT : null; // a YAML ServiceAccount is a Kubernetes manifest
  }
  if (words[0] === 'CLIENT' && words[1] === 'SECRET') return { what: 'an OAuth client secret' };
  const last = words[words.length - 1];
  const noun = SECRET_NOUN.get(last);
  if (noun) return { what: `${noun} (by its name)` };
  if (ext !== 'json' || last !== 'KEY') return null;
  // `key.json`, `sa-key.json`, `gcp_key.json` (service-account keys), `api-key.json`, `private-key.json`
  const before = words.length === 1 ? 'SA' : words[words.length - 2];
  if (SERVICE_ACCOUNT_WORDS.has(before)) return SERVICE_ACCOUNT;
  if (before === 'API') return { what: 'an API key file (by its name)' };
  if (before === 'PRIVATE') return PRIVATE_KEY;
  return KEY_QUALIFIERS.has(before) ? { what: 'a key file (by its name)' } : null;
}
