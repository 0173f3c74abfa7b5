import { rule } from '../rule';
import type { Severity } from '../../server/src/engine/types';
import { spanOf, type Instruction, type Span } from '../../server/src/dockerfile/parser';
import { scriptWord, unquoteSegment, type ShellCommand, type ShellWord } from '../../server/src/dockerfile/shell';
import { assignments, CURL_VALUED, optionSpec, readOptions, type Assignment, type Option } from './_run';
import { ANY_PATTERN, credentialInValue, isHarmlessValue, isSecretName, looksLikeAwsSecretKey } from './_secrets';

const KEPT = 'the command line of a RUN is kept in the image history (`docker history`) and the build cache and shown in build logs';
const KEPT_HEREDOC = 'a RUN\'s heredoc is part of the instruction, kept in the Dockerfile and the build cache, and a file it writes stays in the image layer';
const ROTATE = 'rotate it (the images built so far carry it), then';
const MOUNT = 'mount it for this RUN only with `RUN --mount=type=secret,id=<id>` and read it from /run/secrets/<id>';
const CURL_HOW = 'put the option in a curl config file on a secret mount: `RUN --mount=type=secret,id=<id> curl -K /run/secrets/<id> …`';
const NPM_HOW = 'mount the registry configuration as a secret for the install only, e.g. `RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci`';
const NETRC_HOW = 'mount the .netrc as a secret for this RUN only: `RUN --mount=type=secret,id=netrc,target=/root/.netrc …`';
const MYSQL_HOW = 'put it in an option file on a secret mount and pass `--defaults-extra-file=/run/secrets/<id>` (`RUN --mount=type=secret,id=<id>`)';
const SSHPASS_HOW = 'let sshpass read it from a secret mount: `RUN --mount=type=secret,id=<id> sshpass -f /run/secrets/<id> …`';
const HTPASSWD_HOW = 'let htpasswd read it from standard input: `RUN --mount=type=secret,id=<id> htpasswd -i … < /run/secrets/<id>`';
const WGET_HOW = 'put it in a wgetrc on a secret mount: `RUN --mount=type=secret,id=<id> wget --config=/run/secrets/<id> …`';
const AWS_HOW = 'mount the AWS credentials file as a secret for this RUN only: `RUN --mount=type=secret,id=aws,target=/root/.aws/credentials …`';
const loginHow = (tool: string) => `give it to \`${tool} --password-stdin\` from a secret mount: \`RUN --mount=type=secret,id=<id> ${tool} --password-stdin … < /run/secrets/<id>\``;
const packageAuthHow = (tool: string) => tool === 'composer'
  ? 'give Composer its credentials from a secret for the install only: `RUN --mount=type=secret,id=composer_auth,env=COMPOSER_AUTH composer install`'
  : 'give Poetry its credentials from a secret for the install only: `RUN --mount=type=secret,id=<id>,env=POETRY_HTTP_BASIC_<REPO>_PASSWORD poetry install`';
const envHow = (name: string) => `set it for this RUN only from a secret: \`RUN --mount=type=secret,id=<id>,env=${name}\``;

/**
 * Values that are not a literal credential: empty, a variable or command substitution (`$TOKEN`, `${TOKEN}`,
 * `$(cat /run/secrets/x)`, cmd's `%TOKEN%`), a template (`<token>`, `{{ token }}`), filler (`xxxx`, `***`, `...`),
 * a word that says it is a stand-in (`changeme`, `dummy`, `placeholder`, `example`) or a variable's name in capitals
 * (`-p PASSWORD`, `Bearer TOKEN`): the build would use that word itself, which is no secret.
 */
function isLiteral(v: string): boolean {
  if (v === '' || v.includes('$') || v.includes('`')) return false;
  if (/^(?:<.*>|\{\{.*\}\}|\[.*\]|%[A-Za-z_][A-Za-z0-9_]*%|\.\.\.|…|(.)\1*)$/.test(v)) return false;
  if (/changeme|change[-_]me|replace[-_]?me|placeholder|redacted|dummy|example|not[-_]?a[-_]?secret/i.test(v)) return false;
  return !(/^[A-Z][A-Z0-9_]*$/.test(v) && /TOKEN|KEY|SECRET|PASS|PWD/.test(v));
}

/** What a text holds, at [at, at + len). `how` null: the caller's advice (curl's, or the secret mount). */
interface Found { at: number; len: number; what: string; how: string | null; severity?: Severity }

/** Words without any of these hold no header, npm or .netrc credential. */
const HINT = /uthori|UTHORI|rivate-token|rivate-Token|RIVATE-TOKEN|_auth|password/;
const AUTH_HEADER = /(?:^|[^A-Za-z0-9-])((?:proxy-)?authorization)\s*:\s*(bearer|basic|token)\s+([^\s"'\\,;]+)/i;
const TOKEN_HEADER = /(?:^|[^A-Za-z0-9-])(private-token)\s*:\s*([^\s"'\\,;]+)/i;
/** An .npmrc line: `//registry.example.com/:_authToken=…`, `_auth=…`, `_password=…`. */
const NPMRC = /(?:^|[:\s])(_authToken|_auth|_password)\s*=\s*([^\s"'\\]+)/;
/** A .netrc line (`machine host login user password …`), also printf's `\n`-separated form. */
const NETRC_HEAD = /(?:^|\s|\\n)(?:machine|default)(?:\s|\\n)/;
const NETRC = /(?:^|\s|\\n)password(?:\s|\\n)+([^\s"'\\]+)/;

/** Credentials in a text: shaped like one (critical), or in an authorization header, an .npmrc or a .netrc line. */
function findInText(v: string): Found[] {
  const out: Found[] = [];
  const shape = credentialInValue(v);
  // a URL's password that is a stand-in (`https://user:changeme@…`)
  const stand = shape?.kind === 'a URL with an embedded password' && !isLiteral(v.slice(shape.index, shape.index + shape.length).replace(/^[^:]*:/, ''));
  if (shape && !stand) out.push({ at: shape.index, len: shape.length, what: `${shape.kind} in clear text`, how: null });
  if (!HINT.test(v)) return out;
  const value = (m: RegExpExecArray, g: number, what: string, how: string | null) => {
    if (isLiteral(m[g])) out.push({ at: m.index + m[0].length - m[g].length, len: m[g].length, what, how, severity: 'high' });
  };
  let m = AUTH_HEADER.exec(v);
  if (m) value(m, 3, `an \`${m[1]}: ${m[2]}\` header with a literal credential`, null);
  m = TOKEN_HEADER.exec(v);
  if (m) value(m, 2, `a \`${m[1]}\` header with a literal token`, null);
  m = NPMRC.exec(v);
  if (m) value(m, 2, `a literal npm \`${m[1]}\``, NPM_HOW);
  if (NETRC_HEAD.test(v) && (m = NETRC.exec(v))) value(m, 1, 'a literal .netrc password', NETRC_HOW);
  return out;
}

const KEY_END = /-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/g;

/** Document span of w.value[from, to): exact through quotes and escapes; the whole word when its reading differs. */
function partSpan(c: ShellCommand, w: ShellWord, from: number, to: number): Span {
  if (w.raw === w.value) return spanOf(c.source, w.from + from, w.from + to);
  const seg = unquoteSegment(c.source, w);
  return seg.text === w.value ? spanOf(seg, from, to) : { start: w.start, end: w.end };
}

/** A literal credential given to a command, as the option or setting shown in `display`. */
interface Given { span: Span; display: string; what: string; how: string; /** for a heredoc */ kept?: string; /** critical: shaped like a credential */ shaped?: boolean }

/** `value`, standing at word.value[at…] in command c, when it is a literal. */
function given(c: ShellCommand, word: ShellWord | null, at: number, value: string | null, display: string, how: string, what = 'a literal password'): Given[] {
  return word && value !== null && isLiteral(value) ? [{ span: partSpan(c, word, at, at + value.length), display, what, how }] : [];
}

/** The option as written (`-p`, `--password`), without an attached value. */
function written(o: Option): string {
  const v = o.word.value;
  if (!v.startsWith('--')) return `-${o.key}`;
  const eq = v.indexOf('=');
  return eq === -1 ? v : v.slice(0, eq);
}

/** `docker login`, `helm registry login`, `helm repo add`: the tool as shown, and the words after it. */
function loginCommand(c: ShellCommand): { tool: string; args: ShellWord[] } | null {
  const a = c.argv;
  for (let i = 1; i < a.length; i++) {
    const v = a[i].value;
    if (c.name !== 'helm') { if (v === 'login') return { tool: `${c.name} login`, args: a.slice(i + 1) }; continue; }
    if ((v === 'login' && a[i - 1].value === 'registry') || (v === 'add' && a[i - 1].value === 'repo')) return { tool: `helm ${a[i - 1].value} ${v}`, args: a.slice(i + 1) };
  }
  return null;
}

const LOGIN_TOOLS = new Set(['docker', 'podman', 'buildah', 'skopeo', 'nerdctl', 'helm']);
const LOGIN = optionSpec(['u', 'p', 'username', 'password', 'authfile', 'cert-dir', 'ca-file', 'cert-file', 'key-file'], { username: 'u', password: 'p' });
const MYSQL_TOOLS = new Set([
  'mysql', 'mysqladmin', 'mysqldump', 'mysqlimport', 'mysqlshow', 'mysqlcheck', 'mysqlpump', 'mysqlsh',
  'mariadb', 'mariadb-admin', 'mariadb-dump', 'mariadb-import', 'mariadb-show', 'mariadb-check',
]);
// -p and --password take a value only when it is attached: `mysql -p db` asks for the password of database db
const MYSQL = optionSpec([...'uhPDeSrwcO'], {
  user: 'u', host: 'h', port: 'P', database: 'D', execute: 'e', socket: 'S', password: 'p', pass: 'p', password1: 'p', password2: 'p', password3: 'p',
}, { optional: ['p'] });
// sshpass stops reading options at the command it runs (`sshpass -f f ssh -p 22 host`)
const SSHPASS = optionSpec(['p', 'f', 'd', 'P'], {}, { optional: ['e'], posix: true });
const HTPASSWD = optionSpec(['C', 'r'], {}, { posix: true });
const CURL = optionSpec([...CURL_VALUED, 'oauth2-bearer', 'proxy-header', 'retry', 'retry-delay', 'retry-max-time', 'connect-timeout', 'cacert', 'url', 'resolve'], {
  user: 'u', 'proxy-user': 'U', header: 'H', output: 'o', data: 'd', 'data-raw': 'd', 'data-binary': 'd', 'data-urlencode': 'd', request: 'X', form: 'F',
  'user-agent': 'A', 'upload-file': 'T', config: 'K', cookie: 'b', referer: 'e', 'write-out': 'w', 'max-time': 'm', proxy: 'x',
});
/** A word that may be curl's -u/-U (also in a cluster), --user, --proxy-user or --oauth2-bearer. */
const CURL_CREDENTIAL_OPTION = /^-[A-Za-z]*[uU]|^--(?:proxy-)?user|^--oauth2-bearer/;
const WGET_PASSWORDS = ['password', 'http-password', 'ftp-password', 'proxy-password'];
const WGET = optionSpec([...'oaeiBOtTwQPlARDXIU', ...WGET_PASSWORDS, 'user', 'http-user', 'ftp-user', 'proxy-user', 'header', 'post-data', 'body-data', 'method'], {
  'output-document': 'O', 'output-file': 'o', 'user-agent': 'U', 'directory-prefix': 'P', tries: 't', timeout: 'T', input: 'i',
});
/** Registry credentials in npm, pnpm and Yarn configuration (`//host/:_authToken`, Yarn Berry's `npmAuthToken`). */
const NPM_AUTH_KEY = /(?:^|[:.])(?:_authToken|_auth|_password|npmAuthToken|npmAuthIdent|npmPassword)$/;
/** Composer's and Poetry's credential settings: which value is the secret (http-basic: user, then password). */
const PACKAGE_AUTH_KEY = /^(http-basic|bitbucket-oauth|github-oauth|gitlab-oauth|gitlab-token|bearer|pypi-token)\.\S/;
/** Variables that tools read a password from (PGPASSWORD for psql, MYSQL_PWD, SSHPASS for `sshpass -e`, REDISCLI_AUTH). */
const TOOL_SECRET_VARS = new Set(['PGPASSWORD', 'MYSQL_PWD', 'SSHPASS', 'REDISCLI_AUTH']);
/** The commands givenTo reads. */
const TOOLS = new Set([...LOGIN_TOOLS, ...MYSQL_TOOLS, 'sshpass', 'htpasswd', 'curl', 'wget', 'npm', 'pnpm', 'yarn', 'composer', 'poetry', 'aws']);

/** `user:password` (curl -u): the password part, when there is one. */
function userPassword(c: ShellCommand, o: Option, display: string): Given[] {
  const colon = o.value?.indexOf(':') ?? -1;
  return colon === -1 ? [] : given(c, o.valueWord, o.valueAt + colon + 1, o.value!.slice(colon + 1), display, CURL_HOW);
}

/** The operands of `… config set`, `… config`, skipping options (and the value of `--location`, `-f`). */
function configOperands(words: ShellWord[], valued: string[]): ShellWord[] {
  const out: ShellWord[] = [];
  for (let i = 0; i < words.length; i++) {
    const v = words[i].value;
    if (v.startsWith('-')) { if (valued.includes(v)) i++; continue; }
    out.push(words[i]);
  }
  return out;
}

/** The literal credentials a command is given by option or operand, for the tools that take them. */
function givenTo(ins: Instruction, cmds: ShellCommand[], c: ShellCommand): Given[] {
  const a = c.argv;
  const name = c.name;
  if (LOGIN_TOOLS.has(name)) {
    const login = loginCommand(c);
    if (!login) return [];
    const { options } = readOptions(login.args, LOGIN);
    const out: Given[] = [];
    for (const o of options) {
      if (o.key === 'password-stdin') { out.push(...literalFeed(ins, cmds, c, login.tool)); continue; }
      if (o.key !== 'p' || o.value === null) continue;
      // pflag reads `-p=secret` as `-p secret`
      const eq = o.valueWord === o.word && !o.word.value.startsWith('--') && o.value.startsWith('=') ? 1 : 0;
      out.push(...given(c, o.valueWord, o.valueAt + eq, o.value.slice(eq), `${login.tool} ${written(o)}`, loginHow(login.tool)));
    }
    return out;
  }
  if (MYSQL_TOOLS.has(name)) {
    return readOptions(a.slice(1), MYSQL).options.filter(o => o.key === 'p').flatMap(o => given(c, o.valueWord, o.valueAt, o.value, `${name} ${written(o)}`, MYSQL_HOW));
  }
  switch (name) {
    case 'sshpass':
      return readOptions(a.slice(1), SSHPASS).options.filter(o => o.key === 'p').flatMap(o => given(c, o.valueWord, o.valueAt, o.value, 'sshpass -p', SSHPASS_HOW));
    case 'htpasswd': {
      const { options, operands } = readOptions(a.slice(1), HTPASSWD);
      if (!options.some(o => o.key === 'b')) return [];
      const w = operands[options.some(o => o.key === 'n') ? 1 : 2];
      return w ? given(c, w, 0, w.value, 'htpasswd -b', HTPASSWD_HOW) : [];
    }
    case 'curl':
      // most curl commands have none of the options read here: skip reading their options at all
      if (!a.some(w => CURL_CREDENTIAL_OPTION.test(w.value))) return [];
      return readOptions(a.slice(1), CURL).options.flatMap(o => o.key === 'u' || o.key === 'U' ? userPassword(c, o, `curl ${written(o)}`)
        : o.key === 'oauth2-bearer' ? given(c, o.valueWord, o.valueAt, o.value, 'curl --oauth2-bearer', CURL_HOW, 'a literal bearer token') : []);
    case 'wget':
      if (!a.some(w => w.value.includes('password'))) return [];
      return readOptions(a.slice(1), WGET).options.flatMap(o => WGET_PASSWORDS.includes(o.key) ? given(c, o.valueWord, o.valueAt, o.value, `wget --${o.key}`, WGET_HOW) : []);
    case 'npm': case 'pnpm': case 'yarn': {
      // npm config set KEY VALUE [KEY VALUE …], npm set …, KEY=VALUE
      let i = 1;
      if (a[i]?.value === 'config') i++;
      if (a[i]?.value !== 'set' || (i === 1 && name !== 'npm')) return [];
      const ops = configOperands(a.slice(i + 1), ['--location', '-L']);
      const out: Given[] = [];
      for (let k = 0; k < ops.length; k++) {
        const v = ops[k].value;
        const eq = v.indexOf('=');
        const key = eq === -1 ? v : v.slice(0, eq);
        if (!NPM_AUTH_KEY.test(key)) { if (eq === -1) k++; continue; }
        const display = `${name} config set ${key}`;
        if (eq !== -1) out.push(...given(c, ops[k], eq + 1, v.slice(eq + 1), display, NPM_HOW, 'a literal registry credential'));
        else if (ops[k + 1]) out.push(...given(c, ops[++k], 0, ops[k].value, display, NPM_HOW, 'a literal registry credential'));
      }
      return out;
    }
    case 'composer': case 'poetry': {
      // composer config [-g] [-a] http-basic.HOST USER PASSWORD, poetry config pypi-token.REPO TOKEN
      const at = a.findIndex((w, k) => k > 0 && w.value === 'config');
      if (at === -1) return [];
      const ops = configOperands(a.slice(at + 1), ['-f', '--file']);
      const m = ops.length ? PACKAGE_AUTH_KEY.exec(ops[0].value) : null;
      if (!m) return [];
      const w = ops[m[1] === 'http-basic' || m[1] === 'bitbucket-oauth' ? 2 : 1];
      return w ? given(c, w, 0, w.value, `${name} config ${ops[0].value}`, packageAuthHow(name), 'a literal credential') : [];
    }
    case 'aws': {
      // aws configure set [profile.NAME.]aws_secret_access_key VALUE
      if (a[1]?.value !== 'configure' || a[2]?.value !== 'set') return [];
      const ops = configOperands(a.slice(3), ['--profile']);
      if (ops.length < 2 || !/(?:^|\.)(?:aws_secret_access_key|aws_session_token)$/.test(ops[0].value)) return [];
      const shaped = looksLikeAwsSecretKey(ops[1].value);
      return given(c, ops[1], 0, ops[1].value, `aws configure set ${ops[0].value}`, AWS_HOW, shaped ? 'an AWS secret access key in clear text' : 'a literal AWS credential')
        .map(g => ({ ...g, shaped }));
    }
  }
  return [];
}

/**
 * `echo secret | docker login --password-stdin`, `<<< secret`, `<<EOF` with a literal body: the password is in the
 * RUN all the same.
 */
function literalFeed(ins: Instruction, cmds: ShellCommand[], c: ShellCommand, tool: string): Given[] {
  const display = `${tool} --password-stdin`;
  const how = `feed it from a secret mount: \`RUN --mount=type=secret,id=<id> ${tool} --password-stdin … < /run/secrets/<id>\``;
  for (const r of c.redirections) {
    if (r.op === '<<<' && r.target) return given(c, r.target, 0, r.target.value, display, how);
    if ((r.op === '<<' || r.op === '<<-') && r.target) {
      const h = ins.heredocs.find(x => x.name === r.target!.value);
      const body = h?.content.trim();
      if (!h || !body || body.includes('\n') || !isLiteral(body)) return [];
      const start = h.body.start + h.content.indexOf(body);
      return [{ span: { start, end: start + body.length }, display, what: 'a literal password in a heredoc', how, kept: KEPT_HEREDOC }];
    }
  }
  const prev = cmds[cmds.indexOf(c) - 1];
  if (!prev || prev.pipeline !== c.pipeline || prev.element !== c.element - 1 || (prev.name !== 'echo' && prev.name !== 'printf')) return [];
  let args = prev.argv.slice(1);
  if (prev.name === 'echo') while (args.length && /^-[neE]+$/.test(args[0].value)) args = args.slice(1);
  else if (args.length > 1) args = args.slice(1); // printf FORMAT ARG…
  if (!args.length || !args.every(w => isLiteral(w.value))) return [];
  const what = `a literal password through \`${prev.name}\``;
  if (args.length === 1) return given(prev, args[0], 0, args[0].value, display, how, what);
  return [{ span: { start: args[0].start, end: args[args.length - 1].end }, display, what, how }];
}

/** A word that may hold what findInText reports: one of the parts its patterns need. */
const SUSPECT = new RegExp(`${ANY_PATTERN.source}|${HINT.source}`);
/**
 * The same test for a whole RUN at once, where a URL counts only with a `user:password@` part:
 * most RUNs download from plain URLs, and their words need not be looked at one by one.
 */
const SUSPECT_RUN = new RegExp(`${ANY_PATTERN.source.replace(':\\/\\/', ':\\/\\/[^\\s/@:]*:[^\\s/@]+@')}|${HINT.source}`);

interface WordHit { span: Span; message: string; severity?: Severity }
const NO_HITS: readonly WordHit[] = [];

/** What findInText finds in the suspect words of c (not in its `sh -c` script, not inside a substitution). */
function wordHits(c: ShellCommand, words: ShellWord[], assigned: Assignment[]): WordHit[] {
  const out: WordHit[] = [];
  const script = scriptWord(c);
  for (const w of words) {
    if (w === script) continue;
    const found = findInText(w.value);
    if (!found.length) continue;
    const as = assigned.find(x => x.word === w);
    const subject = as ? `\`${as.name}\` is set to` : c.name ? `\`${c.name}\` is given` : 'A command is given';
    for (const f of found) {
      const span = partSpan(c, w, f.at, f.at + f.len);
      if (w.subs?.some(s => s.start < span.end && span.start < s.end)) continue; // the inner command's
      out.push({ span, message: message(subject, f.what, KEPT, f.how ?? (c.name === 'curl' ? CURL_HOW : MOUNT)), severity: f.severity });
    }
  }
  return out;
}

/** Is there a `NAME=…` word before the command's name (`PGPASSWORD=x psql`, `env TOKEN=x cmd`)? Most commands have none. */
function assignsBefore(c: ShellCommand): boolean {
  for (const w of c.words) {
    if (w === c.argv[0]) return false;
    if (w.value.includes('=')) return true;
  }
  return false;
}

function message(subject: string, what: string, kept: string, how: string): string {
  return `${subject} ${what}: ${kept}; ${ROTATE} ${how}`;
}

export default rule({
  id: 'dockerfile/no-secrets-in-run',
  kind: 'dockerfile',
  title: 'Secret written into a RUN command',
  severity: 'critical',
  sensitive: true,
  rationale: 'Whatever a RUN instruction says is recorded: BuildKit and the classic builder store each RUN\'s command line in the image history, where anyone who can pull the image reads it with `docker history --no-trunc`; it is part of the build cache key, it is printed in CI build logs, and the Dockerfile with it usually sits in Git. A token, key or password typed into a RUN (`docker login -p …`, `curl -u user:…`, `-H "Authorization: Bearer …"`, `mysql -p…`, `git clone https://user:…@…`, `echo "//registry.npmjs.org/:_authToken=…" > .npmrc`, `export GITHUB_TOKEN=ghp_…`) therefore leaks to everyone who sees any of these, and stays valid until it is rotated. Mount the secret for the one RUN that needs it (`RUN --mount=type=secret,id=<id>`, read from /run/secrets/<id> or set with `env=`), and hand it over with the tool\'s own way of reading it from a file or standard input (`--password-stdin`, `curl -K`, `sshpass -f`, `--defaults-extra-file`). Values that are variable references (`$NPM_TOKEN`, `$(cat /run/secrets/x)`), empty values, `curl -u user` and URLs without a password (the tool then asks or reads a file), placeholders (`<token>`, `xxxx`, `changeme`, `AKIAIOSFODNN7EXAMPLE`) and `-p` options that mean something else (`mkdir -p`, `ssh -p 22`) are not reported; account passwords (`chpasswd`, `useradd -p`) are dockerfile/no-account-password\'s. There is no automatic fix: the value has to move into a secret that the build is given, and the exposed credential has to be rotated.',
  references: [
    'CIS Docker Benchmark 4.10: Ensure secrets are not stored in Dockerfiles',
    'NIST SP 800-190 §4.1.4: Embedded clear text secrets',
  ],
  equivalents: {},
  check({ model, report }) {
    for (const stage of model.stages) {
      for (const ins of stage.instructions) {
        if (ins.keyword !== 'RUN') continue;
        const cmds = model.shell(ins);
        // one finding per stretch of text: a token in `sh -c '…'` or `$(…)` is met again in the inner command
        const taken: Span[] = [];
        const add = (span: Span, msg: string, severity?: Severity) => {
          if (taken.some(t => t.start < span.end && span.start < t.end)) return;
          taken.push(span);
          report(span, msg, severity ? { severity } : undefined);
        };
        // exec form: JSON escapes could hide a character from the whole-text test
        const suspectRun = !!ins.json || SUSPECT_RUN.test(ins.args.text) || ins.heredocs.some(h => SUSPECT_RUN.test(h.content));
        for (const c of cmds) {
          let suspects: ShellWord[] | null = null;
          if (suspectRun) {
            for (const w of c.words) if (w.value.length >= 8 && SUSPECT.test(w.value)) (suspects ??= []).push(w);
            for (const w of c.redirects) if (w.value.length >= 8 && SUSPECT.test(w.value)) (suspects ??= []).push(w);
          }
          const mayAssign = c.name === 'export' || ((!c.argv.length || c.words[0] !== c.argv[0]) && assignsBefore(c));
          const assigned = mayAssign ? assignments(c) : [];
          // what is shaped like a credential first (critical), then what the tool is given, then headers and config lines
          const later = suspects ? wordHits(c, suspects, assigned) : NO_HITS;
          for (const h of later) if (!h.severity) add(h.span, h.message);
          if (TOOLS.has(c.name)) for (const g of givenTo(ins, cmds, c)) add(g.span, message(`\`${g.display}\` is given`, g.what, g.kept ?? KEPT, g.how), g.shaped ? undefined : 'high');
          for (const h of later) if (h.severity) add(h.span, h.message, h.severity);
          for (const as of assigned) {
            if (!(TOOL_SECRET_VARS.has(as.name) || isSecretName(as.name)) || !isLiteral(as.value) || isHarmlessValue(as.value)) continue;
            const at = as.word.value.length - as.value.length;
            const aws = looksLikeAwsSecretKey(as.value);
            add(partSpan(c, as.word, at, as.word.value.length), message(`\`${as.name}\` is set to`, aws ? 'an AWS secret access key in clear text' : 'a literal secret', KEPT, envHow(as.name)), aws ? undefined : 'high');
          }
        }
        // heredocs the RUN feeds to a command as data (`cat <<EOF > ~/.npmrc`): scripts were read as commands above
        for (const h of ins.heredocs) {
          if (cmds.some(c => c.source.text === h.content && c.source.runs[1] === h.body.start)) continue;
          const t = h.content;
          for (let from = 0; from < t.length;) {
            const nl = t.indexOf('\n', from);
            let to = nl === -1 ? t.length : nl;
            if (to - from >= 8) {
              for (const f of findInText(t.slice(from, to))) {
                let end = from + f.at + f.len;
                // a private key's block runs to its END line
                if (f.what.startsWith('a private key') && !t.slice(from + f.at, end).includes('-----END ')) {
                  KEY_END.lastIndex = end;
                  const e = KEY_END.exec(t);
                  const next = t.indexOf('-----BEGIN ', end);
                  if (e && (next === -1 || next > e.index)) { end = e.index + e[0].length; to = Math.max(to, end); }
                }
                add({ start: h.body.start + from + f.at, end: h.body.start + end }, message('A heredoc of this RUN holds', f.what, KEPT_HEREDOC, f.how ?? MOUNT), f.severity);
              }
            }
            from = to + 1;
          }
        }
      }
    }
  },
});
