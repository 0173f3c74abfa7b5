/** Package-manager commands in RUN: which packages they install and remove, for multi-stage-build-tools. */
import { derived, derivedSlot, type ShellCommand, type ShellWord } from '../../server/src/dockerfile/shell';

export interface PackageWord { word: ShellWord; name: string; manager: string }

export interface PackageOp {
  manager: 'apt' | 'apk' | 'rpm' | 'zypper';
  action: 'install' | 'remove' | 'autoremove' | 'mark-auto';
  packages: PackageWord[];
  /** apk --virtual NAME: the group the installed packages join (removed together with `apk del NAME`). */
  group: string | null;
}

const MANAGERS: Record<string, PackageOp['manager']> = {
  'apt-get': 'apt', apt: 'apt', aptitude: 'apt', 'apt-mark': 'apt', apk: 'apk',
  yum: 'rpm', dnf: 'rpm', microdnf: 'rpm', tdnf: 'rpm', zypper: 'zypper',
};
/** Options whose value is the next word. */
const VALUE_OPTIONS: Record<PackageOp['manager'], Set<string>> = {
  apt: new Set(['-o', '-c', '-t', '--option', '--config-file', '--target-release', '--default-release']),
  apk: new Set(['-t', '--virtual', '-X', '--repository', '-p', '--root', '--arch', '--cache-dir', '--keys-dir', '--repositories-file']),
  rpm: new Set(['-c', '-x', '-d', '-e', '-R', '--config', '--exclude', '--setopt', '--enablerepo', '--disablerepo', '--repo', '--repoid', '--installroot', '--releasever', '--forcearch']),
  zypper: new Set(['-t', '--type', '-r', '--repo', '--from', '-p']),
};
const ACTIONS: Record<PackageOp['manager'], Record<string, PackageOp['action']>> = {
  apt: { install: 'install', remove: 'remove', purge: 'remove', autoremove: 'autoremove', auto: 'mark-auto' },
  apk: { add: 'install', del: 'remove' },
  rpm: { install: 'install', groupinstall: 'install', remove: 'remove', erase: 'remove', groupremove: 'remove', autoremove: 'autoremove' },
  zypper: { install: 'install', in: 'install', remove: 'remove', rm: 'remove' },
};

const PLAIN_NAME = /^[a-z0-9][a-z0-9.+_-]*$/;

/** Package name without version, release or architecture: `gcc=4:12.2.0-3` → gcc, `gcc:amd64` → gcc. */
export function packageName(spec: string): string {
  if (PLAIN_NAME.test(spec)) return spec; // nothing to remove or change
  return spec.replace(/[=<>~].*$/, '').replace(/:[a-z0-9_]+$/, '').replace(/^@/, '').toLowerCase().replace(/\s+/g, '-');
}

const has = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);
const MANAGER_NAMES = new Set(Object.keys(MANAGERS));
/** First letters of the managers' names: most command names are ruled out by theirs. */
const FIRST = new Uint8Array(128);
for (const name of MANAGER_NAMES) FIRST[name.charCodeAt(0)] = 1;
const PACKAGE_OP = derivedSlot();

/** Reads `apt-get install …`, `apk add --virtual .deps …`, `dnf group install …` and the matching removals (once per command). */
export function packageOp(cmd: ShellCommand): PackageOp | null {
  const c = cmd.name.charCodeAt(0);
  if (!(c < 128 && FIRST[c] === 1) || !MANAGER_NAMES.has(cmd.name)) return null;
  return derived(cmd, PACKAGE_OP, readOp);
}

function readOp(cmd: ShellCommand): PackageOp | null {
  const manager = MANAGERS[cmd.name];
  const argv = cmd.argv;
  const valueOpts = VALUE_OPTIONS[manager];
  let action: PackageOp['action'] | null = null;
  let group: string | null = null;
  let autoRemove = false;
  const packages: PackageWord[] = [];
  for (let i = 1; i < argv.length; i++) {
    const w = argv[i];
    const v = w.value;
    if (v.startsWith('-')) {
      if (v === '--auto-remove' || v === '--autoremove') autoRemove = true;
      const eq = v.indexOf('=');
      const opt = eq === -1 ? v : v.slice(0, eq);
      if (manager === 'apk' && (opt === '-t' || opt === '--virtual')) group = eq === -1 ? argv[i + 1]?.value ?? null : v.slice(eq + 1);
      if (eq === -1 && valueOpts.has(opt)) i++;
      continue;
    }
    if (action === null) {
      if (cmd.name === 'apt-mark') { action = v === 'auto' ? 'mark-auto' : null; if (!action) return null; continue; }
      // dnf group install / yum groups install
      if (manager === 'rpm' && (v === 'group' || v === 'groups')) continue;
      action = has(ACTIONS[manager], v) ? ACTIONS[manager][v] : null;
      if (!action) return null;
      continue;
    }
    if (v.includes('$') || v.includes('`')) continue; // only known at build time
    packages.push({ word: w, name: packageName(v), manager: cmd.name });
  }
  if (!action) return null;
  if (manager === 'apt' && action === 'remove' && autoRemove && !packages.length) action = 'autoremove';
  return { manager, action, packages, group };
}

const BUILD_TOOL = new RegExp('^(?:' + [
  'gcc', 'g\\+\\+', 'gcc-c\\+\\+', 'cpp', 'clang', 'llvm', 'lld', 'gfortran', 'build-essential', 'build-base',
  'make', 'cmake', 'ninja', 'ninja-build', 'samurai', 'meson', 'autoconf', 'automake', 'libtool', 'bison', 'flex', 'nasm', 'yasm',
  'golang', 'golang-go', 'go', 'rust', 'rustc', 'cargo', 'rustup', 'maven', 'gradle', 'ant',
].join('|') + ')(?:-\\d+(?:\\.\\d+)*)?$');
const JDK = /^(?:openjdk-?\d*-jdk(?:-headless)?|default-jdk(?:-headless)?|openjdk\d+|java-[\d.]+-openjdk-devel|temurin-\d+-jdk|dotnet-sdk-[\d.]+|development-tools)$/;

/** True for compilers, build systems and SDKs (gcc, make, build-essential, golang, cargo, maven, JDKs …). */
export function isBuildTool(name: string): boolean {
  return BUILD_TOOL.test(name) || JDK.test(name);
}
