import { rule, type FixSpec } from '../rule';
import type { DockerfileModel, Stage } from '../../server/src/dockerfile/model';
import type { Instruction } from '../../server/src/dockerfile/parser';
import { scriptWord, type ShellCommand } from '../../server/src/dockerfile/shell';
import type { OffsetEdit } from '../../server/src/engine/types';
import { DATABASE, findOption, packageRuns, readPackageCommand, type PackageCommand, type PackageDatabase } from './_pkg';
import { deleteInstruction, deleteRunCommand } from './_edit';
import { editable, removedPaths } from './_run';

/** Managers that share one package index (apt-get, apt and aptitude all read /var/lib/apt/lists): _pkg's DATABASE. */
type Group = PackageDatabase;

/** Subcommands that only refresh the index (`yum/dnf update` upgrade packages: no-dist-upgrade's business). */
const REFRESH: Record<Group, Set<string>> = {
  apt: new Set(['update']),
  apk: new Set(['update']),
  rpm: new Set(['makecache', 'check-update', 'check-upgrade']),
  zypper: new Set(['refresh']),
};
/** Subcommands that download or install from the index (zypper aliases are resolved by readPackageCommand). */
const USE: Record<Group, Set<string>> = {
  apt: new Set(['install', 'reinstall', 'upgrade', 'dist-upgrade', 'full-upgrade', 'safe-upgrade', 'dselect-upgrade', 'build-dep', 'source', 'download', 'satisfy']),
  apk: new Set(['add', 'upgrade', 'fix', 'fetch']),
  rpm: new Set(['install', 'in', 'reinstall', 'rei', 'groupinstall', 'localinstall', 'upgrade', 'up', 'update', 'upgrade-minimal', 'update-minimal',
    'distro-sync', 'dsync', 'downgrade', 'group', 'groups', 'module', 'builddep', 'download', 'swap', 'shell']),
  zypper: new Set(['install', 'update', 'dist-upgrade', 'patch', 'source-install', 'si', 'download', 'install-new-recommends', 'inr', 'verify', 've']),
};
/** How to refresh and install in one step, per group (`%` is the manager as written). */
const ADVICE: Record<Group, string> = {
  apt: 'run `% update && % install …` in one RUN',
  apk: 'drop it and install with `apk add --no-cache …`, which fetches a fresh index itself',
  rpm: 'drop it (`% install` refreshes expired metadata itself) or run it in the same RUN as the install',
  zypper: 'run `zypper refresh && zypper install …` in one RUN',
};

/**
 * Commands that never read a package index. Any other command after the refresh (a script, `make`, a tool such
 * as rosdep or install_packages that installs through apt) might install from it: the refresh is then not reported.
 */
const HARMLESS = new Set([
  'echo', 'printf', 'true', 'false', ':', 'test', '[', '[[', 'cd', 'export', 'set', 'unset', 'sleep', 'exit', 'return', 'umask', 'wait',
  'rm', 'rmdir', 'mkdir', 'ln', 'cp', 'mv', 'chmod', 'chown', 'chgrp', 'touch', 'cat', 'tee', 'ls', 'find', 'sed', 'awk', 'grep', 'head', 'tail',
  'cut', 'tr', 'sort', 'uniq', 'wc', 'date', 'uname', 'which', 'type', 'hash', 'mktemp', 'readlink', 'realpath', 'dirname', 'basename', 'stat',
  'du', 'df', 'nproc', 'getent', 'id', 'whoami', 'install', 'command', 'for', 'git',
  'curl', 'wget', 'tar', 'gzip', 'gunzip', 'unzip', 'zip', 'bzip2', 'xz', 'sha256sum', 'sha512sum', 'md5sum', 'base64',
  'gpg', 'gpgv', 'gpgconf', 'apt-key', 'rpmkeys', 'update-ca-certificates', 'update-crypto-policies',
  'useradd', 'adduser', 'groupadd', 'addgroup', 'usermod', 'userdel', 'deluser', 'groupmod', 'chpasswd', 'passwd',
  'locale-gen', 'localedef', 'update-locale', 'ldconfig', 'update-alternatives', 'dpkg-reconfigure', 'debconf-set-selections', 'dpkg',
  'apt-cache', 'apt-config', 'add-apt-repository', 'apt-add-repository', 'yum-config-manager',
]);
const LOOPS = new Set(['while', 'until', 'for']);

type Role = 'refresh' | 'use' | 'opaque' | null;

/** What a command does with `group`'s index: refreshes it, uses it, might use it (opaque), or nothing (null). */
function role(c: ShellCommand, group: Group): Role {
  const p = readPackageCommand(c);
  if (p) {
    if (DATABASE[p.family] !== group) return null;
    if (REFRESH[group].has(p.subcommand)) return 'refresh';
    return USE[group].has(p.subcommand) || p.subcommand.includes('$') ? 'use' : null;
  }
  if (!c.argv.length || scriptWord(c)) return null; // keywords only; `sh -c`: its script's commands follow it
  return HARMLESS.has(c.name) ? null : 'opaque';
}

/** Does `cmds[from+1…]` delete the index that `group`'s refresh wrote? Then nothing stale stays in the layer. */
function dropsIndex(group: Group, cmds: ShellCommand[], from: number): boolean {
  if (group === 'apt' || group === 'apk') {
    const dir = group === 'apt' ? '/var/lib/apt/lists' : '/var/cache/apk';
    return removedPaths(cmds, from).some(p => p === dir || p.startsWith(dir + '/'));
  }
  return cmds.slice(from + 1).some(c => {
    const p = readPackageCommand(c);
    if (!p || DATABASE[p.family] !== group || p.subcommand !== 'clean') return false;
    return group === 'rpm' ? p.operands.some(o => o.value === 'all' || o.value === 'metadata') : !!findOption(p, '--all', '-a', '--metadata', '-m');
  });
}

export default rule({
  id: 'dockerfile/update-not-alone',
  kind: 'dockerfile',
  title: 'Package index refreshed in a RUN that installs nothing from it',
  severity: 'low',
  rationale: 'Docker caches each RUN as a layer and reuses it as long as its text and everything before it are unchanged. A RUN that only refreshes the package index (`apt-get update`, `apk update`, `dnf makecache`, `zypper refresh`) is therefore built once and then reused, while a later RUN that installs is rebuilt whenever its package list changes, against the index frozen in the cached layer: it installs outdated versions, misses security fixes, or fails with 404 errors once the mirrors drop the old files. Refresh and install in the same RUN (`apt-get update && apt-get install …`, `apk add --no-cache …`) so that the index is always as new as the install that uses it. Every stage is checked. `yum`/`dnf update` upgrade packages rather than refresh an index (see dockerfile/no-dist-upgrade), and a refresh followed in its RUN by a command Rampart cannot read (a script, `make`, an installer such as rosdep) is not reported.',
  references: [
    'CIS Docker Benchmark 4.7: Ensure update instructions are not used alone in the Dockerfile',
    'NIST SP 800-190 §4.1.1: Image vulnerabilities',
  ],
  equivalents: { checkov: ['CKV_DOCKER_5'], trivy: ['AVD-DS-0017'], kics: ['9bae49be-0aa3-4de5-bab2-4c3a069e40cd'] },
  fix: {
    description: 'When a later RUN of the same stage installs with the same package manager: remove the refresh (its whole RUN when it is the only command) and put it in front of that install (`apt-get update && apt-get install …`, `zypper refresh && zypper install …`); apk: remove it and add `--no-cache` to the `apk add`; yum/dnf (which refresh expired metadata themselves), or when the install\'s RUN already refreshes: only remove it',
    safety: 'unsafe',
  },
  check({ model, report }) {
    const uses = new Map<string, (NextUse | null)[]>();
    let last: Instruction | null = null;
    for (const { run } of packageRuns(model)) {
      const ins = run.instruction;
      if (ins === last) continue;
      last = ins;
      const cmds = model.shell(ins);
      const groups = new Set<Group>();
      for (const c of cmds) {
        const p = readPackageCommand(c);
        const g = p && DATABASE[p.family];
        if (g && REFRESH[g].has(p.subcommand) && p.sub) groups.add(g);
      }
      if (!groups.size) continue;
      const loop = cmds.some(c => c.words.length > 0 && LOOPS.has(c.words[0].raw));
      for (const group of groups) {
        const roles = cmds.map(c => role(c, group));
        const at = roles.lastIndexOf('refresh');
        // a loop may run the commands before the refresh again after it (`until apt-get install …; do apt-get update; done`)
        const rest = loop ? roles.filter((_, i) => i !== at) : roles.slice(at + 1);
        if (rest.includes('use') || rest.includes('opaque') || dropsIndex(group, cmds, at)) continue;
        const p = readPackageCommand(cmds[at])!;
        const said = `${p.manager} ${p.sub!.value}`;
        const key = `${run.stage.index} ${group}`;
        let after = uses.get(key);
        if (!after) uses.set(key, after = usesAfter(model, run.stage, group));
        const list = run.stage.instructions;
        const pos = list[ins.index - run.stage.from.index - 1] === ins ? ins.index - run.stage.from.index - 1 : list.indexOf(ins);
        const next = after[pos];
        report(p.sub!, `\`${said}\` refreshes the package index but nothing after it in this RUN installs from it: Docker reuses this layer from its cache, so later RUNs can install from an index as old as the cache (outdated packages, 404s); ${ADVICE[group].replace(/%/g, p.manager)}`, {
          related: next && !next.fresh ? [{ span: next.use.sub!, message: `\`${next.use.manager} ${next.use.sub!.value}\` in a later RUN reads the index that \`${said}\` left in this layer` }] : undefined,
          fix: next ? () => moveRefresh(model, ins, cmds[at], p, next) : undefined,
        });
      }
    }
  },
});

interface NextUse {
  ins: Instruction;
  cmds: ShellCommand[];
  use: PackageCommand;
  /** The install does not read this layer's index: its RUN refreshes first, or the manager fetches its own. */
  fresh: boolean;
  /** A RUN between runs a command that might read the index (a script …). */
  opaqueBetween: boolean;
}

/** For each instruction of a stage, the first later RUN that installs with `group` (read once per stage and group). */
function usesAfter(model: DockerfileModel, stage: Stage, group: Group): (NextUse | null)[] {
  const list = stage.instructions;
  const out: (NextUse | null)[] = new Array(list.length);
  let next: NextUse | null = null;
  let opaque = false;
  for (let i = list.length - 1; i >= 0; i--) {
    out[i] = next && (next.opaqueBetween === opaque ? next : { ...next, opaqueBetween: opaque });
    const r = list[i];
    if (r.keyword !== 'RUN') continue;
    const cmds = model.shell(r);
    const roles = cmds.map(x => role(x, group));
    const at = roles.indexOf('use');
    if (at === -1) { opaque ||= roles.includes('opaque'); continue; }
    const use = readPackageCommand(cmds[at])!;
    const fresh = roles.lastIndexOf('refresh', at) !== -1 || group === 'rpm'
      || (group === 'apk' && !!findOption(use, '--no-cache', '--update-cache', '-U'));
    next = { ins: r, cmds, use, fresh, opaqueBetween: false };
    opaque = false;
  }
  return out;
}

/**
 * Removes the refresh from its RUN and, unless the install already gets a fresh index, puts it in front of the
 * install's command. Only when nothing between them (or before the install in its RUN) might need the index.
 */
function moveRefresh(model: DockerfileModel, ins: Instruction, refresh: ShellCommand, p: PackageCommand, next: NextUse): FixSpec | null {
  const group = DATABASE[p.family]!;
  if (next.opaqueBetween) return null;
  const first = next.cmds.findIndex(c => role(c, group) !== null);
  if (role(next.cmds[first], group) === 'opaque') return null;
  // the RUN's refreshes after its last install (`apt-get update && apt-get update`): all go, or none
  const roles = model.shell(ins).map(c => role(c, group));
  const trailing = roles.slice(roles.lastIndexOf('use') + 1).filter(r => r === 'refresh').length;
  const alone = model.shell(ins).every((c, i) => !c.argv.length || roles[i] === 'refresh');
  const remove = alone ? deleteInstruction(model, ins) : trailing === 1 ? deleteRunCommand(model, ins, refresh) : null;
  if (!remove) return null;
  const said = `\`${p.manager} ${p.sub!.value}\``;
  if (next.fresh) return { title: `Remove ${said}`, safety: 'unsafe', edits: [remove] };
  if (group === 'apk') {
    // `apk add --no-cache` fetches a fresh index itself and keeps none in the image
    const sub = next.use.sub!;
    if (!editable(model, next.ins, sub)) return null;
    return { title: `Remove ${said} and add \`--no-cache\` to the later \`apk ${sub.value}\``, safety: 'unsafe', edits: [remove, { start: sub.end, end: sub.end, newText: ' --no-cache' }] };
  }
  const insert = prefix(model, next, refresh);
  return insert && { title: `Move ${said} into the RUN that installs`, safety: 'unsafe', edits: [remove, insert] };
}

const JOINS = new Set(['', '&&', ';']);

/** Inserts `<refresh> && ` before the install command, when it is a plain command of its RUN's own script. */
function prefix(model: DockerfileModel, next: NextUse, refresh: ShellCommand): OffsetEdit | null {
  const c = next.use.command;
  const head = c.words[0];
  if (next.ins.json || next.ins.heredocs.length || c.context || c.source !== next.cmds[0].source || !JOINS.has(c.op)) return null;
  if (/^(then|do|else|elif|if|while|until|!|\{|time)$/.test(head.raw)) return null;
  if (!editable(model, next.ins, head)) return null;
  const text = refresh.words.map(w => w.raw).join(' ');
  if (/[\n'"`$\\]/.test(text)) return null;
  return { start: head.start, end: head.start, newText: `${text} && ` };
}
