/**
 * What a package-manager command does to the set of installed packages (for multi-stage-build-tools), read from
 * the shared reader in _pkg.ts, and which packages are build tools.
 */
import { derived, derivedSlot, type ShellCommand, type ShellWord } from '../../server/src/dockerfile/shell';
import { DATABASE, findOption, readPackageCommand, type PackageCommand, type PackageDatabase } from './_pkg';

export interface PackageWord { word: ShellWord; name: string; manager: string }

export interface PackageChange {
  manager: PackageDatabase;
  action: 'install' | 'remove' | 'autoremove' | 'mark-auto';
  packages: PackageWord[];
  /** apk --virtual NAME: the group the installed packages join (removed together with `apk del NAME`). */
  group: string | null;
}

const ACTIONS: Record<PackageChange['manager'], Record<string, PackageChange['action']>> = {
  apt: { install: 'install', remove: 'remove', purge: 'remove', autoremove: 'autoremove' },
  apk: { add: 'install', del: 'remove' },
  rpm: { install: 'install', groupinstall: 'install', remove: 'remove', erase: 'remove', groupremove: 'remove', autoremove: 'autoremove' },
  zypper: { install: 'install', remove: 'remove' },
};

const PLAIN_NAME = /^[a-z0-9][a-z0-9.+_-]*$/;

/** Package name without version, release or architecture: `gcc=4:12.2.0-3` → gcc, `gcc:amd64` → gcc. */
export function packageName(spec: string): string {
  if (PLAIN_NAME.test(spec)) return spec; // nothing to remove or change
  return spec.replace(/[=<>~].*$/, '').replace(/:[a-z0-9_]+$/, '').replace(/^@/, '').toLowerCase().replace(/\s+/g, '-');
}

const has = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);
const PACKAGE_CHANGE = derivedSlot();

/** Reads `apt-get install …`, `apk add --virtual .deps …`, `dnf group install …` and the matching removals (once per command). */
export function packageChange(cmd: ShellCommand): PackageChange | null {
  const p = readPackageCommand(cmd);
  return p && DATABASE[p.family] ? derived(cmd, PACKAGE_CHANGE, () => readChange(p)) : null;
}

function readChange(p: PackageCommand): PackageChange | null {
  const manager = DATABASE[p.family]!;
  let operands = p.operands;
  let verb = p.subcommand;
  if (p.family === 'apt-mark') {
    if (verb !== 'auto') return null;
    return { manager, action: 'mark-auto', packages: [], group: null };
  }
  if (p.family === 'rpm' && (verb === 'group' || verb === 'groups')) { // dnf group install, yum groups install
    verb = operands[0]?.value.toLowerCase() ?? '';
    operands = operands.slice(1);
  }
  let action = has(ACTIONS[manager], verb) ? ACTIONS[manager][verb] : null;
  if (!action) return null;
  const packages: PackageWord[] = [];
  for (const w of operands) {
    if (w.value.includes('$') || w.value.includes('`')) continue; // only known at build time
    packages.push({ word: w, name: packageName(w.value), manager: p.manager });
  }
  if (manager === 'apt' && action === 'remove' && !packages.length && findOption(p, '--auto-remove', '--autoremove')) action = 'autoremove';
  const group = manager === 'apk' ? findOption(p, '--virtual', '-t')?.value ?? null : null;
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
