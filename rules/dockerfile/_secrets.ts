/** What looks like a secret in ENV/ARG: by the variable's name, and by the shape of a value whatever its name. */
import { remembered } from '../../server/src/engine/memo';

/** Name words that mean "this holds a secret" wherever they stand in the name. */
const SECRET_WORDS = new Set([
  'PASSWORD', 'PASSWORDS', 'PASSWD', 'PASSPHRASE', 'SECRET', 'SECRETS', 'TOKEN', 'TOKENS', 'APIKEY', 'APIKEYS',
  'PRIVATEKEY', 'ACCESSKEY', 'SECRETKEY', 'CREDENTIAL', 'CREDENTIALS', 'AUTHTOKEN',
]);
/** Words that mean a secret only as the last word of a longer name (DB_PASS, MYSQL_PWD, API_KEY, NPM_AUTH). */
const SECRET_LAST_WORDS = new Set(['PASS', 'PW', 'PWD', 'KEY', 'KEYS', 'AUTH']);
/** Endings that make one run-together word a password (PGPASSWORD, DBPASSWD, SSHPASSPHRASE). */
const PASSWORD_ENDING = /.(PASSWORD|PASSWD|PASSPHRASE)$/;
/** A last word that makes the variable describe a secret rather than hold it (…_FILE, …_PATH, KEY_ID, …_LENGTH). */
const METADATA_LAST_WORDS = new Set([
  'FILE', 'FILES', 'FILENAME', 'PATH', 'PATHS', 'DIR', 'DIRS', 'DIRECTORY', 'FOLDER', 'LOCATION', 'MOUNT',
  'ID', 'IDS', 'NAME', 'NAMES', 'LENGTH', 'LEN', 'SIZE', 'BITS', 'TYPE', 'ALGORITHM', 'ALGO', 'ALG', 'FORMAT',
  'TTL', 'EXPIRY', 'EXPIRES', 'EXPIRATION', 'TIMEOUT', 'LIFETIME', 'HEADER', 'FIELD', 'PARAM', 'COOKIE',
  'ENDPOINT', 'URL', 'URI', 'HOST', 'PORT', 'SERVER', 'PROVIDER', 'POLICY', 'MODE', 'METHOD', 'VERSION',
  'PREFIX', 'SUFFIX', 'COUNT', 'MIN', 'MAX', 'ENABLED', 'DISABLED', 'REQUIRED', 'CHECK', 'ENV', 'VAR',
]);
/** Words that make a key or token public (PUBLIC_KEY, GPG_KEY fingerprints, NEXT_PUBLIC_…_API_KEY). */
const PUBLIC_WORDS = new Set(['PUBLIC', 'PUB', 'PUBKEY', 'GPG', 'PGP', 'GNUPG', 'FINGERPRINT']);
/** Words that, right before a last KEY, name a data key rather than a credential (SORT_KEY, CACHE_KEY). */
const DATA_KEY_WORDS = new Set(['SORT', 'CACHE', 'PARTITION', 'PRIMARY', 'FOREIGN', 'ROUTING', 'OBJECT', 'LOOKUP', 'IDEMPOTENCY', 'HOT', 'SHORTCUT', 'SHARD', 'INDEX']);

/** Every word of SECRET_WORDS and SECRET_LAST_WORDS contains one of these. */
const SECRET_PART = /PASS|SECRET|TOKEN|KEY|CREDENTIAL|PW|AUTH/i;
/** Upper-casing may turn other characters into these letters (ß → SS). */
const ASCII = /^[\x00-\x7f]*$/;

const isUpper = (c: number) => c >= 65 && c <= 90;

/** Upper-cased words of a variable name: `dbPassword` and `DB_PASSWORD` both give DB, PASSWORD. */
export function nameWords(name: string): string[] {
  if (ASCII.test(name)) {
    // the same, without regular expressions: a word ends at a character that is not a letter or a digit, and
    // between a lower-case letter or digit and an upper-case letter
    const out: string[] = [];
    let start = -1;
    for (let i = 0; i <= name.length; i++) {
      const c = i < name.length ? name.charCodeAt(i) : 0;
      const upper = c >= 65 && c <= 90;
      const alnum = upper || (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
      if (start !== -1 && (!alnum || (upper && !isUpper(name.charCodeAt(i - 1))))) { out.push(name.slice(start, i).toUpperCase()); start = -1; }
      if (alnum && start === -1) start = i;
    }
    return out;
  }
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase().split(/[^A-Z0-9]+/).filter(Boolean);
}

/** True when the name says the variable holds a credential (read once per name: the same names come back in every file). */
export const isSecretName: (name: string) => boolean = remembered(readSecretName);

function readSecretName(name: string): boolean {
  if (!SECRET_PART.test(name) && ASCII.test(name)) return false; // none of the words below can be in it
  const w = nameWords(name);
  if (!w.length) return false;
  const last = w[w.length - 1];
  if (METADATA_LAST_WORDS.has(last)) return false;
  // the words that make it secret: GPG_KEY has only KEY, GPG_PASSPHRASE has PASSPHRASE
  const why = w.filter((x, i) => SECRET_WORDS.has(x) || (i === w.length - 1 && i > 0 && SECRET_LAST_WORDS.has(x)) || PASSWORD_ENDING.test(x));
  if (!why.length) return false;
  const keyOnly = why.every(x => /^(KEYS?|APIKEYS?|TOKENS?)$/.test(x)) && !w.includes('PRIVATE');
  if (keyOnly && w.some(x => PUBLIC_WORDS.has(x))) return false;
  if (why.length === 1 && /^KEYS?$/.test(last) && DATA_KEY_WORDS.has(w[w.length - 2])) return false;
  return true;
}

/**
 * Values that cannot be the secret itself: empty, a switch (`yes`, `false`, `0`), a file path that points at a
 * mounted secret (`/run/secrets/db`), or an ARN naming a secret store entry.
 */
export function isHarmlessValue(v: string): boolean {
  const t = v.trim();
  return t === '' || /^(true|false|yes|no|on|off|0|1|none|null|nil|enabled|disabled)$/i.test(t)
    || /^(\/|\.\.?\/|~\/)\S*$/.test(t) || /^arn:/.test(t);
}

/** What looks like a credential, and where: for a URL, its `user:password` part. */
export interface ValueMatch { kind: string; index: number; length: number }

/** Documentation fills the random part of a token with one character (`ghp_xxxx…`, `AKIAXXXX…`, `xoxb-xxxx-xxxx`). */
function filler(token: string): boolean {
  return /^(.)\1*$/.test(token.replace(/^(?:AKIA|ASIA|[a-z]+(?:_pat)?[-_])/, '').replace(/[-_]/g, ''));
}

/** A URL password that is not one: a variable, a template (`<token>`, `{{ pw }}`, `%PW%`) or filler (`***`). */
const NOT_A_PASSWORD = /^(?:\$|<.*>$|\{\{|%[A-Za-z_][A-Za-z0-9_]*%$|(.)\1*$)/;

/**
 * A URL's `user:password` that is a credential: not for a database on the build's own localhost or Rails' nulldb
 * adapter (`postgres://postgres:postgres@localhost/app` lets a build step run), not anonymous FTP, and for GitHub's
 * `https://TOKEN:x-oauth-basic@github.com` the user is the credential.
 */
function urlCredential(m: RegExpExecArray): boolean {
  const [, scheme, , user, password, host] = m;
  if (/^(?:localhost|127\.0\.0\.1|\[::1\])(?::\d+)?$/i.test(host) || /^nulldb$/i.test(scheme) || /^(?:anonymous|ftp)$/i.test(user)) return false;
  return password === 'x-oauth-basic' ? user !== '' && !NOT_A_PASSWORD.test(user) : !NOT_A_PASSWORD.test(password);
}

/**
 * `has`: parts the pattern needs (a value without any of them is not tried); `part`: the group that holds the secret
 * (the pattern's `d` flag gives its position), else the whole match.
 */
const VALUE_PATTERNS: { kind: string; has: string[]; re: RegExp; ok?: (m: RegExpExecArray) => boolean; part?: number }[] = [
  // AWS documents AKIAIOSFODNN7EXAMPLE: examples are not reported
  { kind: 'an AWS access key ID', has: ['AKIA', 'ASIA'], re: /(?<![A-Z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Za-z0-9])/, ok: m => !m[0].endsWith('EXAMPLE') && !filler(m[0]) },
  { kind: 'a GitHub token', has: ['gh', 'github_pat_'], re: /(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})/, ok: m => !filler(m[0]) },
  // personal, deploy, pipeline-trigger and runner tokens
  { kind: 'a GitLab token', has: ['gl'], re: /(?<![A-Za-z0-9_-])gl(?:pat|dt|ptt|rt)-[A-Za-z0-9_-]{20,}/, ok: m => !filler(m[0]) },
  { kind: 'a Slack token', has: ['xox'], re: /(?<![A-Za-z0-9])xox[abposr]-[A-Za-z0-9-]{10,}/, ok: m => !filler(m[0]) },
  { kind: 'an npm access token', has: ['npm_'], re: /(?<![A-Za-z0-9_])npm_[A-Za-z0-9]{36}(?![A-Za-z0-9])/, ok: m => !filler(m[0]) },
  // a macaroon: `pypi-` then base64 that starts with the same header for every token
  { kind: 'a PyPI API token', has: ['pypi-'], re: /(?<![A-Za-z0-9_-])pypi-Ag[A-Za-z0-9_-]{50,}/, ok: m => !filler(m[0]) },
  { kind: 'a Docker Hub access token', has: ['dckr_pat_'], re: /(?<![A-Za-z0-9_])dckr_pat_[A-Za-z0-9_-]{27,}/, ok: m => !filler(m[0]) },
  // the whole block when its end is in the same value
  { kind: 'a private key', has: ['-----BEGIN '], re: /-----BEGIN ((?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?)-----(?:[A-Za-z0-9+/=:,\s\\-]*?-----END \1-----)?/ },
  // scheme://user:password@host, unless the password is a variable reference or a placeholder
  { kind: 'a URL with an embedded password', has: ['@'], re: /([A-Za-z][A-Za-z0-9+.-]*):\/\/(([^\s:/@]*):([^\s/@]+))@([^\s/@]+)/d, ok: urlCredential, part: 2 },
];

/** A part that each of the patterns needs: values without any of them are skipped at once. */
export const ANY_PATTERN = /AKIA|ASIA|gh[pousr]_|github_pat_|gl(?:pat|dt|ptt|rt)-|xox|npm_|pypi-|dckr_pat_|-----BEGIN |:\/\//;

/** The first credential-shaped part of a value, whatever the variable is called. */
export function credentialInValue(v: string): ValueMatch | null {
  if (!ANY_PATTERN.test(v)) return null;
  for (const p of VALUE_PATTERNS) {
    if (!p.has.some(h => v.includes(h))) continue;
    const m = p.re.exec(v);
    if (!m || (p.ok && !p.ok(m))) continue;
    if (p.part === undefined) return { kind: p.kind, index: m.index, length: m[0].length };
    const [from, to] = m.indices![p.part];
    return { kind: p.kind, index: from, length: to - from };
  }
  return null;
}

/** An AWS secret access key: 40 characters of base64 with both cases (not a hex digest). Only meaningful next to an access key ID. */
export function looksLikeAwsSecretKey(v: string): boolean {
  const t = v.trim();
  return /^[A-Za-z0-9/+]{40}$/.test(t) && /[a-z]/.test(t) && /[A-Z]/.test(t) && !/EXAMPLEKEY$/.test(t);
}

export const SECRET_ADVICE = 'pass it at build time with `RUN --mount=type=secret` and at run time from a secret store';
