import { rule } from '../rule';
import { expandVars, type DockerfileModel, type VarLookup } from '../../server/src/dockerfile/model';
import type { Instruction, Span } from '../../server/src/dockerfile/parser';
import type { ShellCommand, ShellWord } from '../../server/src/dockerfile/shell';
import { findOption, packageRuns, type PackageCommand } from './_pkg';
import { optionSpec, readOptions } from './_run';

/**
 * What a package word asks for: nothing to report (pinned, or not a registry package: a file, a URL, a group …),
 * a name without any version, or a version that moves (`@latest`, `>=1.2`, `^4`, `pkg/bookworm-backports`).
 * `nameEnd` is where the name ends in the text; `pin` is the pinned form to suggest.
 */
type Verdict = null | { moving: boolean; name: string; nameEnd: number; pin: string };

const none = (name: string, pin: string): Verdict => ({ moving: false, name, nameEnd: name.length, pin });
const moving = (text: string, nameEnd: number, pin: string): Verdict => ({ moving: true, name: text.slice(0, nameEnd), nameEnd, pin });

/** A path, a URL or a package file: its content is what the Dockerfile names, not a registry's current version. */
function local(v: string, ext: RegExp): boolean {
  const c = v[0];
  return c === '.' || c === '/' || c === '~' || v.includes('://') || ext.test(v);
}
const DEB = /\.deb$/, APK_FILE = /\.apk$/, RPM_FILE = /\.rpm$/, GEM_FILE = /\.gem$/;
const PIP_FILE = /\.(whl|zip|tar\.gz|tgz|tar\.bz2|tar\.xz|tar)$/;

// apt-get/apt/aptitude: `name[:arch]`, pinned as `name=1.2.3` (or `name=1.2.*`); `name/release` picks a suite, not a version.
const APT_NAME = /^[a-z0-9][a-z0-9+.-]*(:[a-z0-9-]+)?$/i;
function apt(v: string): Verdict {
  if (v.includes('=') || local(v, DEB)) return null;
  const slash = v.indexOf('/');
  const name = slash === -1 ? v : v.slice(0, slash);
  if (!APT_NAME.test(name) || name.endsWith('-')) return null; // a glob, or `pkg-` (remove it)
  return slash === -1 ? none(name, `${name}=<version>`) : moving(v, slash, `${name}=<version>`);
}

// apk: `name` or `name@repo-tag`, pinned as `name=1.2.3-r0`, `name~1.2` or `name<2` (`name>=1.2` alone moves).
const APK_NAME = /^[A-Za-z0-9][\w.+-]*(@[\w.-]+)?$/;
function apk(v: string): Verdict {
  const c = comparison(v, APK_NAME, name => `${name}=<version>`);
  if (c !== undefined) return c;
  if (local(v, APK_FILE) || !APK_NAME.test(v)) return null; // so:…/cmd:… provides are left alone
  return none(v, `${v}=<version>`);
}

/**
 * `name=1.2`, `name~1.2`, `name>=1.2,<2`, `"nginx >= 1.24"`: undefined when `v` has no comparison. A lower bound
 * alone (`>`, `>=`) moves with every release; `=`, `~`, `<`, `<=` pin or bound the version.
 */
function comparison(v: string, nameRe: RegExp, pin: (name: string) => string): Verdict | undefined {
  const m = /^([^\s=<>~]+)\s*([=<>~])/.exec(v);
  if (!m) return undefined;
  if (!nameRe.test(m[1]) || m[2] !== '>' || v.includes('<')) return null;
  return moving(v, m[1].length, pin(m[1]));
}

// rpm (yum/dnf/microdnf/tdnf) and zypper: `name` or `name.arch`, pinned as name-version[-release] or with a comparison.
const RPM_NAME = /^[A-Za-z0-9_][\w.+-]*$/;
/** A version segment: digits, then a separator or the end (`1.24.0`, `1:1.2`, `17`; not `75dpi`, `x11`). */
const VERSION_PART = /^\d+([.:_~^+]|$)/;
/** `nginx-1.24.0`, `nginx-1.24.0-1.el9`, `java-17-openjdk-17.0.9`; not `python3-pip`, `java-17-openjdk`, `xorg-x11-fonts-75dpi`. */
function rpmVersioned(v: string): boolean {
  const parts = v.split('-');
  const n = parts.length;
  if (n < 2) return false;
  if (VERSION_PART.test(parts[n - 1])) return true;
  return n >= 3 && VERSION_PART.test(parts[n - 2]) && /^\d/.test(parts[n - 1]);
}
function rpm(v: string): Verdict {
  const c = comparison(v, RPM_NAME, name => `${name}-<version>`);
  if (c !== undefined) return c;
  if (local(v, RPM_FILE) || !RPM_NAME.test(v) || rpmVersioned(v)) return null; // `@group`, `cap(x)`, globs: not judged
  const arch = RPM_ARCH.exec(v);
  return none(v, arch ? `${v.slice(0, arch.index)}-<version>${arch[0]}` : `${v}-<version>`);
}
/** `glibc.i686`: the architecture goes after the version (`glibc-2.34.i686`). */
const RPM_ARCH = /\.(x86_64|i686|i386|noarch|aarch64|ppc64le|s390x|armv7hl|src)$/;
function zypper(v: string): Verdict {
  const c = comparison(v, RPM_NAME, name => `${name}=<version>`);
  if (c !== undefined) return c;
  if (local(v, RPM_FILE) || !RPM_NAME.test(v) || rpmVersioned(v)) return null; // `pattern:x`, `!x`, `-x`: not judged
  return none(v, `${v}=<version>`);
}

// pip: PEP 508 requirements. Pinned: `==`, `===`, `~=`, or an upper bound (`>=1.2,<2`); a lower bound alone moves.
const PEP508 = /^([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(\[[^\]]*\])?\s*([^;]*)/;
const CLAUSE = /^\s*(===|==|~=|!=|<=|>=|<|>)/;
const VCS = /^(git|hg|svn|bzr)\+/;
function pip(v: string): Verdict {
  if (VCS.test(v)) {
    // git+https://host/org/repo.git@<ref>#egg=x: pinned by the ref (user@ in the authority does not count)
    const url = v.split('#')[0];
    const path = url.slice(url.indexOf('://') + 3);
    const rest = path.indexOf('/') === -1 ? '' : path.slice(path.indexOf('/'));
    return rest.includes('@') ? null : moving(v, v.length, `${url}@<commit>`);
  }
  if (local(v, PIP_FILE) || v.includes('/') || v.includes('\\')) return null;
  const m = PEP508.exec(v);
  if (!m) return null;
  const name = m[1];
  const spec = m[3].trim();
  if (spec.startsWith('@')) return null; // name @ https://… : a direct reference
  const nameEnd = m[2] ? v.indexOf(m[2], name.length) + m[2].length : name.length;
  const pin = `${name}${m[2] ?? ''}==<version>`;
  if (!spec) return none(v.slice(0, nameEnd), pin); // `name`, `name[extra]`, `name; marker`
  const ops = spec.split(',').map(c => CLAUSE.exec(c)?.[1]);
  if (ops.some(o => o === undefined)) return null; // not a specifier we can read
  if (ops.some(o => o === '==' || o === '===' || o === '~=' || o === '<' || o === '<=')) return null;
  return moving(v, nameEnd, pin);
}
/** pip, setuptools and wheel with `--upgrade`: the installer's own tooling, refreshed on purpose (not reported). */
const PIP_TOOLING = new Set(['pip', 'setuptools', 'wheel']);

// npm: `name` or `@scope/name`, pinned as `name@1.2.3`; tags (`latest`, `next`), ranges (`^4`, `~1.2`, `4`, `4.x`) move.
const NPM_NAME = /^(@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*$/i;
const EXACT_SEMVER = /^[=v]?\d+\.\d+\.\d+(-[\w.-]+)?(\+[\w.-]+)?$/;
function npm(v: string): Verdict {
  const at = v.indexOf('@', 1);
  const name = at === -1 ? v : v.slice(0, at);
  if (!NPM_NAME.test(name) || v.endsWith('.tgz') || v.endsWith('.tar.gz') || v.endsWith('.tar')) return null; // paths, git/URL specs, user/repo
  if (at === -1) return none(name, `${name}@<version>`);
  const spec = v.slice(at + 1);
  if (EXACT_SEMVER.test(spec) || spec.includes(':') || spec.includes('/')) return null; // npm:alias@…, github:…, git URLs
  return moving(v, at, `${name}@<version>`);
}
const NPM_INSTALL = new Set(['install', 'i', 'add', 'in', 'isntall']);
const NPM_OPTIONS = optionSpec(['prefix', 'C', 'registry', 'cache', 'userconfig', 'globalconfig', 'loglevel', 'omit', 'include', 'tag',
  'workspace', 'w', 'install-strategy', 'before', 'location', 'script-shell'], {});

// gem: `name`, pinned as `name:1.2.3` or with -v/--version.
const GEM_NAME = /^[A-Za-z0-9][\w.-]*$/;
function gem(v: string): Verdict {
  if (v.includes(':') || local(v, GEM_FILE) || !GEM_NAME.test(v)) return null;
  return none(v, `${v}:<version>`);
}
const GEM_OPTIONS = optionSpec(['v', 'i', 'n', 's', 'p', 'g', 'P', 'platform', 'build-root', 'without', 'config-file', 'target-rbconfig'],
  { version: 'v', 'install-dir': 'i', bindir: 'n', source: 's', 'http-proxy': 'p', file: 'g', 'trust-policy': 'P' }, { optional: ['document'] });

// go install: `path@version`. Without `@` the current module's go.mod chooses the version (Go refuses it elsewhere);
// only a full semantic version or a commit pins: `@latest`, `@v1`, `@main`, `@<v2` move.
const GO_VALUED = new Set(['C', 'p', 'asmflags', 'buildmode', 'compiler', 'gccgoflags', 'gcflags', 'installsuffix', 'ldflags', 'mod', 'modfile',
  'overlay', 'pgo', 'pkgdir', 'tags', 'toolexec', 'coverpkg', 'covermode', 'o']);
const GO_PINNED = /^(v\d+\.\d+\.\d+([-+][\w.+-]*)?|[0-9a-f]{7,40})$/;
function go(v: string): Verdict {
  const at = v.lastIndexOf('@');
  if (at <= 0 || v.startsWith('.') || v.startsWith('/')) return null;
  const path = v.slice(0, at);
  return GO_PINNED.test(v.slice(at + 1)) ? null : moving(v, at, `${path}@v<version>`);
}

type Judge = (v: string) => Verdict;

function messageFor(text: string, verdict: NonNullable<Verdict>, how: string): string {
  return verdict.moving
    ? `\`${text}\` does not fix a version for ${how}, so each build can get a different (possibly broken or compromised) release: pin an exact one (\`${verdict.pin}\`)`
    : `\`${verdict.name}\` is installed by ${how} without a version, so each build can get a different (possibly broken or compromised) release: pin it (\`${verdict.pin}\`)`;
}

export default rule({
  id: 'dockerfile/pin-package-versions',
  kind: 'dockerfile',
  title: 'Package installed without a pinned version',
  severity: 'low',
  rationale: 'A package installed by name alone (`apt-get install curl`, `apk add git`, `dnf install nginx`, `pip install requests`, `npm install -g pnpm`, `gem install bundler`, `go install …@latest`) is whatever the repository or registry serves on the day of the build. Two builds of the same commit then ship different code, a broken or compromised release is picked up silently, and a scan of yesterday\'s image says nothing about today\'s. Pin each package to a version (`curl=7.88.1-10+deb12u6`, `nginx-1.24.0`, `requests==2.32.3`, `pnpm@9.1.0`, `bundler:2.5.11`, `…@v1.2.3`), or install from a lock or requirements file. Tags and ranges that move are reported too: npm tags and ranges (`@latest`, `^4`), a pip requirement with only a lower bound (`>=1.2`), an apt suite (`pkg/bookworm-backports`) and Go queries other than a full version or commit. Files, URLs, local paths, requirements/constraints files, `npm ci` and a bare `npm install` (the lockfile pins) are not reported, nor `pip install --upgrade pip setuptools wheel`. Every stage is checked: what a build stage installs shapes the artifacts copied into the image. There is no automatic fix, since the right version cannot be known offline; one finding is reported per package, and projects that do not pin can switch the rule off in `.rampart.yaml`.',
  references: [
    'NIST SP 800-190 §4.1.1: Image vulnerabilities',
    'NIST SP 800-190 §4.1.5: Use of untrusted images',
  ],
  equivalents: {
    hadolint: ['DL3008', 'DL3013', 'DL3016', 'DL3018', 'DL3028', 'DL3033', 'DL3037', 'DL3041', 'DL3062'],
    kics: ['965a08d7-ef86-4f14-8792-4a3b2098937e', '02d9c71f-3ee8-4986-9c27-1a20d0d19bfc', 'e36d8880-3f78-4546-b9a1-12f0745ca0d5',
      'd3499f6d-1651-41bb-a9a7-de925fea487b', '22cd11f7-9c6c-4f6e-84c0-02058120b341', '6452c424-1d92-4deb-bb18-a03e95d579c4',
      '93d88cf7-f078-46a8-8ddc-178e03aeacf1', '562952e4-0348-4dea-9826-44f3a2c6117b'],
  },
  check({ model, report }) {
    const judgeAll = (ins: Instruction, how: string, words: ShellWord[], judge: Judge, skip?: (v: string) => boolean): void => {
      let vars: VarLookup | undefined;
      for (const w of words) {
        if (w.subs || w.value.includes('`')) continue; // $(…): not known
        // the usual word: no variable, one package
        if (!w.value.includes('$')) {
          if (skip?.(w.value)) continue;
          const verdict = judge(w.value);
          if (verdict) report(namePart(model, w, verdict.nameEnd), messageFor(w.value, verdict, how));
          continue;
        }
        // packages from a variable: each one of its value is judged, and reported on the variable's word
        const { value, unresolved } = expandVars(w.value, vars ??= model.variablesAt(ins));
        if (unresolved || value.includes('$')) continue; // a variable without a value: not known
        for (const text of value.split(/\s+/)) {
          if (!text || skip?.(text)) continue;
          const verdict = judge(text);
          if (verdict) report(w, messageFor(text, verdict, how));
        }
      }
    };

    for (const { run, pkg } of packageRuns(model)) {
      const how = pkg.sub ? `\`${pkg.manager} ${pkg.sub.value}\`` : `\`${pkg.manager}\``;
      const judged = judgeOf(pkg);
      if (!judged) continue;
      judgeAll(run.instruction, how, judged.operands, judged.judge, judged.skip);
    }
    for (const { instruction, command } of model.commandsNamed('npm', 'gem', 'go')) {
      const judged = command.name === 'npm' ? readNpm(command) : command.name === 'gem' ? readGem(command) : readGo(command);
      if (judged) judgeAll(instruction, judged.how, judged.operands, judged.judge);
    }
  },
});

/** The operands of an install that name packages, and how to judge them; null for other subcommands and forms. */
function judgeOf(p: PackageCommand): { operands: ShellWord[]; judge: Judge; skip?: (v: string) => boolean } | null {
  const s = p.subcommand;
  switch (p.family) {
    case 'apt': case 'aptitude': return s === 'install' ? { operands: p.operands, judge: apt } : null;
    case 'apk': return s === 'add' ? { operands: p.operands, judge: apk } : null;
    case 'rpm': return s === 'install' || s === 'in' ? { operands: p.operands, judge: rpm } : null;
    case 'zypper': {
      if (s !== 'install') return null;
      const type = findOption(p, '-t', '--type');
      return type && type.value !== 'package' ? null : { operands: p.operands, judge: zypper }; // patterns, patches, products
    }
    case 'pip': {
      if (s !== 'install') return null;
      // a requirements or constraints file may pin the named packages too; --no-index installs from local archives
      if (findOption(p, '-r', '--requirement', '-c', '--constraint', '--no-index')) return null;
      const upgrade = findOption(p, '-U', '--upgrade');
      const operands = p.operands.filter((w, i, all) => w.value !== '@' && all[i + 1]?.value !== '@' && all[i - 1]?.value !== '@'); // name @ url
      return { operands, judge: pip, skip: upgrade ? v => PIP_TOOLING.has(v.toLowerCase()) : undefined };
    }
    default: return null;
  }
}

interface Judged { how: string; operands: ShellWord[]; judge: Judge }

function readNpm(c: ShellCommand): Judged | null {
  const { operands } = readOptions(c.argv.slice(1), NPM_OPTIONS);
  const sub = operands[0];
  if (!sub || !NPM_INSTALL.has(sub.value)) return null;
  return { how: `\`npm ${sub.value}\``, operands: operands.slice(1), judge: npm };
}

function readGem(c: ShellCommand): Judged | null {
  const { options, operands } = readOptions(c.argv.slice(1), GEM_OPTIONS);
  const sub = operands[0];
  if (!sub || (sub.value !== 'install' && sub.value !== 'i')) return null;
  if (options.some(o => o.key === 'v' || o.key === 'g')) return null; // -v pins the named gems; --file installs from a Gemfile
  return { how: `\`gem ${sub.value}\``, operands: operands.slice(1), judge: gem };
}

function readGo(c: ShellCommand): Judged | null {
  const a = c.argv;
  if (a[1]?.value !== 'install') return null;
  const operands: ShellWord[] = [];
  for (let i = 2; i < a.length; i++) {
    const v = a[i].value;
    if (v.startsWith('-')) {
      const name = v.replace(/^--?/, '');
      if (!name.includes('=') && GO_VALUED.has(name)) i++;
      continue;
    }
    operands.push(a[i]);
  }
  return { how: '`go install`', operands, judge: go };
}

/** The first `end` characters of the word's value in the document: the word itself when quoting or escapes make the
 * value and the text differ in other ways than one pair of enclosing quotes. */
function namePart(model: DockerfileModel, w: ShellWord, end: number): Span {
  const written = model.text.slice(w.start, w.end);
  if (written === w.value) return { start: w.start, end: w.start + end };
  const q = written[0];
  if ((q === '"' || q === "'") && written === q + w.value + q) return { start: w.start + 1, end: w.start + 1 + end };
  return w;
}
