/**
 * The one package-manager reader for RUN commands: which manager, its subcommand, its options (with their values)
 * and the operands after the subcommand, all as shell words with document spans. Covers apt-get/apt, aptitude,
 * apt-mark, apk, yum/dnf/microdnf/tdnf, zypper, rpm and pip (also `python -m pip`). Every rule about package
 * managers reads commands through it (multi-stage-build-tools through packageChange in _build-tools.ts).
 */
import { derived, derivedSlot, type ShellCommand, type ShellWord } from '../../server/src/dockerfile/shell';
import type { DockerfileModel, RunCommand } from '../../server/src/dockerfile/model';

/** apt: apt-get and apt; aptitude and apt-mark are read too but kept apart (their options and subcommands differ). */
export type Family = 'apt' | 'aptitude' | 'apt-mark' | 'apk' | 'rpm' | 'zypper' | 'pip' | 'rpmtool';

export interface PkgOption {
  word: ShellWord;
  /** `--no-cache`, `-o`, or a short cluster such as `-qy`. */
  name: string;
  /** The value, attached (`--root=/x`, `-oFoo=1`) or the next word (`-o Foo=1`); null for a switch. */
  value: string | null;
  /** The separate value word, when the value is the next word. */
  valueWord: ShellWord | null;
}

export interface PackageCommand {
  command: ShellCommand;
  /** How the manager was invoked: apt-get, apt, apk, yum, dnf, microdnf, tdnf, zypper, rpm, pip. */
  manager: string;
  family: Family;
  /** The subcommand word (install, add, update …); null for rpm and when missing. */
  sub: ShellWord | null;
  /** The subcommand, lower-case, aliases resolved (zypper in → install, dup → dist-upgrade). */
  subcommand: string;
  options: PkgOption[];
  /** Operands after the subcommand (packages, files, `clean all`'s `all` …). */
  operands: ShellWord[];
}

interface Spec { family: Family; short: string; long: Set<string> }
const APT: Spec = { family: 'apt', short: 'octa', long: new Set(['--option', '--config-file', '--target-release', '--default-release', '--host-architecture']) };
const RPM: Spec = {
  family: 'rpm', short: 'cxdeR',
  long: new Set(['--config', '--installroot', '--enablerepo', '--disablerepo', '--repo', '--repoid', '--exclude', '--setopt', '--releasever',
    '--debuglevel', '--errorlevel', '--downloaddir', '--destdir', '--forcearch', '--repofrompath', '--disableexcludes', '--color']),
};
const SPECS: Record<string, Spec> = {
  'apt-get': APT, apt: APT,
  aptitude: { family: 'aptitude', short: 'otFwS', long: new Set(['--option', '--target-release', '--default-release', '--display-format', '--width', '--sort']) },
  'apt-mark': { family: 'apt-mark', short: 'oc', long: new Set(['--option', '--config-file', '--file']) },
  apk: { family: 'apk', short: 'Xpt', long: new Set(['--repository', '--root', '--virtual', '--arch', '--cache-dir', '--keys-dir', '--repositories-file', '--cache-max-age', '--timeout']) },
  yum: RPM, dnf: RPM, dnf5: RPM, microdnf: RPM, tdnf: RPM,
  zypper: { family: 'zypper', short: 'RcDCrtp', long: new Set(['--root', '--config', '--reposd-dir', '--cache-dir', '--repo', '--type', '--from', '--plus-repo']) },
  rpm: { family: 'rpmtool', short: 'D', long: new Set(['--root', '--dbpath', '--define', '--predefine', '--prefix', '--relocate', '--excludepath']) },
  pip: {
    family: 'pip', short: 'rceift',
    long: new Set(['--requirement', '--constraint', '--editable', '--index-url', '--extra-index-url', '--trusted-host', '--find-links', '--target',
      '--prefix', '--root', '--src', '--cache-dir', '--platform', '--python-version', '--implementation', '--abi', '--upgrade-strategy',
      '--progress-bar', '--log', '--proxy', '--retries', '--timeout', '--exists-action', '--cert', '--client-cert', '--only-binary',
      '--no-binary', '--config-settings', '--global-option', '--report']),
  },
};
const MANAGERS = new Map(Object.entries(SPECS));

/** The package database a family's commands read and change: apt-get, apt, aptitude and apt-mark share dpkg's and apt's lists. */
export type PackageDatabase = 'apt' | 'apk' | 'rpm' | 'zypper';
export const DATABASE: Partial<Record<Family, PackageDatabase>> = { apt: 'apt', aptitude: 'apt', 'apt-mark': 'apt', apk: 'apk', rpm: 'rpm', zypper: 'zypper' };
/** First letters of the managers' names: most command names are ruled out by theirs. */
const FIRST = new Uint8Array(128);
for (const name of MANAGERS.keys()) FIRST[name.charCodeAt(0)] = 1;

/** pip…, python… (read further by readCommand), or one of SPECS. */
function maybeManager(name: string): boolean {
  const c = name.charCodeAt(0);
  return c === 112 /* p */ || (c < 128 && FIRST[c] === 1 && MANAGERS.has(name));
}

const ZYPPER_ALIASES: Record<string, string> = { in: 'install', up: 'update', dup: 'dist-upgrade', rm: 'remove', cc: 'clean', ref: 'refresh' };

const PACKAGE_COMMAND = derivedSlot();

/**
 * Reads a package-manager command, or returns null when `c` is not one. Read once per command and shared by the
 * rules that ask (they must not modify it).
 */
export function readPackageCommand(c: ShellCommand): PackageCommand | null {
  if (!maybeManager(c.name)) return null;
  return derived(c, PACKAGE_COMMAND, readCommand);
}

function readCommand(c: ShellCommand): PackageCommand | null {
  let manager = c.name;
  let start = 1;
  if (/^pip[0-9.]*$/.test(manager)) manager = 'pip';
  else if (/^python[0-9.]*$/.test(manager)) {
    const a = c.argv;
    if (a[1]?.value === '-m' && /^pip[0-9.]*$/.test(a[2]?.value ?? '')) start = 3;
    else if (/^-mpip[0-9.]*$/.test(a[1]?.value ?? '')) start = 2;
    else return null;
    manager = 'pip';
  }
  const spec = MANAGERS.get(manager);
  if (!spec) return null;
  const options: PkgOption[] = [];
  const operands: ShellWord[] = [];
  let sub: ShellWord | null = null;
  const a = c.argv;
  let onlyOperands = false;
  for (let i = start; i < a.length; i++) {
    const w = a[i];
    const v = w.value;
    if (!onlyOperands && v === '--') { onlyOperands = true; continue; }
    if (!onlyOperands && v.startsWith('-') && v !== '-') {
      const opt: PkgOption = { word: w, name: v, value: null, valueWord: null };
      if (v.startsWith('--')) {
        const eq = v.indexOf('=');
        if (eq !== -1) { opt.name = v.slice(0, eq); opt.value = v.slice(eq + 1); }
        else if (spec.long.has(v) && i + 1 < a.length) { opt.valueWord = a[++i]; opt.value = opt.valueWord.value; }
      } else {
        for (let j = 1; j < v.length; j++) {
          if (!spec.short.includes(v[j])) continue;
          opt.name = v.slice(0, j + 1);
          if (j < v.length - 1) opt.value = v.slice(j + 1);
          else if (i + 1 < a.length) { opt.valueWord = a[++i]; opt.value = opt.valueWord.value; }
          break;
        }
      }
      options.push(opt);
      continue;
    }
    if (!sub && spec.family !== 'rpmtool') sub = w;
    else operands.push(w);
  }
  let subcommand = sub ? sub.value.toLowerCase() : '';
  if (spec.family === 'zypper' && Object.prototype.hasOwnProperty.call(ZYPPER_ALIASES, subcommand)) subcommand = ZYPPER_ALIASES[subcommand];
  return { command: c, manager, family: spec.family, sub, subcommand, options, operands };
}

/** The first option named one of `names` (long `--x` or short `-x`); a short name also matches inside a cluster (`-qy` has `-y`). */
export function findOption(p: PackageCommand, ...names: string[]): PkgOption | undefined {
  return p.options.find(o => names.some(n => o.name === n || (n.length === 2 && n[0] === '-' && n[1] !== '-' && /^-[A-Za-z]+$/.test(o.name) && o.name.includes(n[1]))));
}

const PACKAGE_RUNS = Symbol('package runs');

/** The package managers' commands of every RUN, with their readings, in order (read once per document). */
export function packageRuns(model: DockerfileModel): readonly { run: RunCommand; pkg: PackageCommand }[] {
  return model.derived(PACKAGE_RUNS, m => {
    const out: { run: RunCommand; pkg: PackageCommand }[] = [];
    for (const run of m.runs()) { const pkg = readPackageCommand(run.command); if (pkg) out.push({ run, pkg }); }
    return out;
  });
}

/** The package managers' commands of a list of shell commands, in order. */
export function packageCommands(cmds: ShellCommand[]): PackageCommand[] {
  const out: PackageCommand[] = [];
  for (const c of cmds) { const p = readPackageCommand(c); if (p) out.push(p); }
  return out;
}
