/** What looks like a secret in ENV/ARG: by the variable's name, and by the shape of a value whatever its name. */
import { remembered } from '../../server/src/engine/memo';

/** Name words that mean "this holds a secret" wherever they stand in the name. */
const SECRET_WORDS = new Set([
  'PASSWORD', 'PASSWORDS', 'PASSWD', 'PASSPHRASE', 'SECRET', 'SECRETS', 'TOKEN', 'TOKENS', 'APIKEY', 'APIKEYS',
  'PRIVATEKEY', 'ACCESSKEY', 'SECRETKEY', 'CREDENTIAL', 'CREDENTIALS', 'AUTHTOKEN',
]);
/** Words that mean a secret only as the last word of a longer name (DB_PASS, API_KEY, NPM_AUTH). */
const SECRET_LAST_WORDS = new Set(['PASS', 'PW', 'KEY', 'KEYS', 'AUTH']);
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
  const why = w.filter((x, i) => SECRET_WORDS.has(x) || (i === w.length - 1 && i > 0 && SECRET_LAST_WORDS.has(x)));
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

export interface ValueMatch { kind: string; index: number; length: number }

const VALUE_PATTERNS: { kind: string; re: RegExp; ok?: (m: RegExpExecArray) => boolean }[] = [
  // AWS documents AKIAIOSFODNN7EXAMPLE: examples are not reported
  { kind: 'an AWS access key ID', re: /(?<![A-Z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Za-z0-9])/, ok: m => !m[0].endsWith('EXAMPLE') },
  { kind: 'a GitHub token', re: /(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})/ },
  { kind: 'a Slack token', re: /(?<![A-Za-z0-9])xox[abposr]-[A-Za-z0-9-]{10,}/ },
  { kind: 'a private key', re: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/ },
  // scheme://user:password@host, unless the password is a variable reference
  { kind: 'a URL with an embedded password', re: /[A-Za-z][A-Za-z0-9+.-]*:\/\/[^\s:/@]*:([^\s/@]+)@[^\s/@]+/, ok: m => !m[1].startsWith('$') },
];

/** A part that each of the patterns needs: values without any of them are skipped at once. */
const ANY_PATTERN = /AKIA|ASIA|gh[pousr]_|github_pat_|xox|-----BEGIN |:\/\//;

/** The first credential-shaped part of a value, whatever the variable is called. */
export function credentialInValue(v: string): ValueMatch | null {
  if (!ANY_PATTERN.test(v)) return null;
  for (const p of VALUE_PATTERNS) {
    const m = p.re.exec(v);
    if (m && (!p.ok || p.ok(m))) return { kind: p.kind, index: m.index, length: m[0].length };
  }
  return null;
}

/** An AWS secret access key: 40 characters of base64 with both cases (not a hex digest). Only meaningful next to an access key ID. */
export function looksLikeAwsSecretKey(v: string): boolean {
  const t = v.trim();
  return /^[A-Za-z0-9/+]{40}$/.test(t) && /[a-z]/.test(t) && /[A-Z]/.test(t) && !/EXAMPLEKEY$/.test(t);
}

export const SECRET_ADVICE = 'pass it at build time with `RUN --mount=type=secret` and at run time from a secret store';
