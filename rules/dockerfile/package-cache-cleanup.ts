import { rule } from '../rule';
import { stageChain, type DockerfileModel, type Stage } from '../../server/src/dockerfile/model';
import type { Instruction } from '../../server/src/dockerfile/parser';
import type { ShellCommand } from '../../server/src/dockerfile/shell';
import { findOption, readPackageCommand, type PackageCommand } from './_pkg';
import { appendAfter, assignments, cacheCovers, cacheMounts, editable, removedPaths, shippedRuns } from './_run';

/** apt subcommands that read or fill /var/lib/apt/lists. */
const APT_LISTS = new Set(['update', 'install', 'upgrade', 'dist-upgrade', 'full-upgrade', 'build-dep', 'reinstall', 'source']);
const RPM_INSTALLS = new Set(['install', 'update', 'upgrade', 'reinstall', 'groupinstall', 'localinstall', 'downgrade', 'distro-sync', 'group', 'groups', 'makecache']);
const ZYPPER_INSTALLS = new Set(['install', 'update', 'dist-upgrade', 'patch', 'source-install', 'refresh']);
const RPM_CACHES = ['/var/cache/yum', '/var/cache/dnf', '/var/cache/libdnf5', '/var/cache/tdnf'];

const isPackageCommand = (c: ShellCommand) => readPackageCommand(c) !== null;
/**
 * Index refreshes: a RUN whose last use of a manager is one of these installs nothing from it, which is
 * update-not-alone's finding (move the refresh into the RUN that installs); cleaning up here would be wrong advice.
 */
const refreshOnly = (p: PackageCommand) => p.subcommand === 'update' && p.family === 'apt' || p.subcommand === 'makecache' || p.subcommand === 'refresh';
/** A path without its trailing `/` or `/*`. */
const trimDir = (p: string) => (p.endsWith('/*') ? p.slice(0, -2) : p.endsWith('/') ? p.slice(0, -1) : p);
const under = (p: string, dir: string) => { const n = trimDir(p); return n === dir || (n.length > dir.length && n.charCodeAt(dir.length) === 47 && n.startsWith(dir)); };

export default rule({
  id: 'dockerfile/package-cache-cleanup',
  kind: 'dockerfile',
  title: 'Package manager cache left in the image',
  severity: 'low',
  rationale: 'Package indexes and downloaded packages (apt\'s /var/lib/apt/lists, apk\'s /var/cache/apk, the yum/dnf/zypper caches, pip\'s ~/.cache/pip) are only needed while installing. Left in a layer they add megabytes to every pull, and stale indexes let a later `apt-get install` in a derived image install outdated package versions without refreshing first. Because each RUN is a layer, the clean-up must happen in the same RUN as the install: `rm -rf /var/lib/apt/lists/*`, `apk add --no-cache`, `dnf clean all`, `zypper clean --all`, `pip install --no-cache-dir`, or a BuildKit cache mount (`RUN --mount=type=cache,target=…`). Only the stages that end up in the final image are checked.',
  references: [
    'CIS Docker Benchmark 4.7: Ensure update instructions are not used alone in the Dockerfile',
    'CIS Docker Benchmark 4.3: Ensure that unnecessary packages are not installed in the container',
  ],
  equivalents: {
    hadolint: ['DL3009', 'DL3019', 'DL3032', 'DL3040', 'DL3036', 'DL3042'],
    trivy: ['AVD-DS-0025', 'AVD-DS-0015', 'AVD-DS-0019', 'AVD-DS-0027', 'AVD-DS-0020'],
    kics: [
      'df746b39-6564-4fed-bf85-e9c44382303c', 'ae9c56a6-3ed1-4ac0-9b54-31267f51151d', '00481784-25aa-4a55-8633-3136dfcf4f37',
      '295acb63-9246-4b21-b441-7c1f1fb62dc0', '38300d1a-feb2-4a48-936a-d1ef1cd24313', 'f2f903fb-b977-461e-98d7-b3e2185c6118',
    ],
  },
  fix: {
    description: 'apk: add `--no-cache`; pip: add `--no-cache-dir`; apt: append `&& rm -rf /var/lib/apt/lists/*` after the RUN\'s last apt command (offered as unsafe when a later RUN installs without `apt-get update`); yum/dnf/microdnf/tdnf: append `&& <manager> clean all`; zypper: append `&& zypper clean --all`',
    safety: 'safe',
  },
  check({ model, report }) {
    let needsLists: ((ins: Instruction) => boolean) | null = null;
    for (const ins of shippedRuns(model)) {
      const cmds = model.shell(ins);
      if (!cmds.some(isPackageCommand)) continue;
      const pkgs = cmds.map(readPackageCommand);
      const at = (p: PackageCommand) => cmds.indexOf(p.command);
      const apt: PackageCommand[] = [], apk: PackageCommand[] = [], rpm: PackageCommand[] = [], zypper: PackageCommand[] = [];
      for (const p of pkgs) {
        if (p?.family === 'apt') apt.push(p);
        else if (p?.family === 'apk') apk.push(p);
        else if (p?.family === 'rpm') rpm.push(p);
        else if (p?.family === 'zypper') zypper.push(p);
      }

      // apt: the lists must be deleted after the last command that fills or reads them
      const aptUses = apt.filter(p => APT_LISTS.has(p.subcommand) && p.sub);
      if (aptUses.length && !refreshOnly(aptUses[aptUses.length - 1]) && !cacheCovers(ins, '/var/lib/apt/lists')) {
        const last = aptUses[aptUses.length - 1];
        if (!removedPaths(cmds, at(last)).some(p => under(p, '/var/lib/apt/lists') || trimDir(p) === '/var/lib/apt')) {
          const tail = apt[apt.length - 1].command;
          report(last.sub!, `\`${last.manager} ${last.sub!.value}\` leaves the package lists in /var/lib/apt/lists: end this RUN with \`rm -rf /var/lib/apt/lists/*\``, {
            fix: () => {
              const edit = appendAfter(model, ins, cmds, tail, ' && rm -rf /var/lib/apt/lists/*');
              return edit && { title: 'Delete the apt lists in this RUN', safety: (needsLists ??= laterNeedsAptLists(model))(ins) ? 'unsafe' : 'safe', edits: [edit] };
            },
          });
        }
      }

      // apk add without --no-cache
      if (!cacheCovers(ins, '/var/cache/apk') && !cacheCovers(ins, '/etc/apk/cache')) {
        for (const p of apk) {
          if (p.subcommand !== 'add' || !p.sub || findOption(p, '--no-cache')) continue;
          if (removedPaths(cmds, at(p)).some(x => under(x, '/var/cache/apk'))) continue;
          const sub = p.sub;
          report(sub, '`apk add` without `--no-cache` keeps the package index in /var/cache/apk: add `--no-cache`', {
            fix: editable(model, ins, sub) ? () => ({ title: 'Add `--no-cache`', safety: 'safe', edits: [{ start: sub.end, end: sub.end, newText: ' --no-cache' }] }) : undefined,
          });
        }
      }

      // yum/dnf/microdnf/tdnf: `clean all` after the last install
      const rpmInstalls = rpm.filter(p => RPM_INSTALLS.has(p.subcommand) && p.sub);
      if (rpmInstalls.length && !refreshOnly(rpmInstalls[rpmInstalls.length - 1]) && !RPM_CACHES.some(d => cacheCovers(ins, d))) {
        const last = rpmInstalls[rpmInstalls.length - 1];
        const cleaned = rpm.some(p => at(p) > at(last) && p.subcommand === 'clean' && p.operands.some(o => o.value === 'all'))
          || removedPaths(cmds, at(last)).some(x => RPM_CACHES.some(d => under(x, d)));
        if (!cleaned) {
          const tail = rpm[rpm.length - 1].command;
          report(last.sub!, `\`${last.manager} ${last.sub!.value}\` leaves its package cache in the image: end this RUN with \`${last.manager} clean all\``, {
            fix: () => {
              const edit = appendAfter(model, ins, cmds, tail, ` && ${last.manager} clean all`);
              return edit && { title: `Run \`${last.manager} clean all\` in this RUN`, safety: 'safe', edits: [edit] };
            },
          });
        }
      }

      // zypper: `zypper clean` after the last install
      const zInstalls = zypper.filter(p => ZYPPER_INSTALLS.has(p.subcommand) && p.sub);
      if (zInstalls.length && !refreshOnly(zInstalls[zInstalls.length - 1]) && !cacheCovers(ins, '/var/cache/zypp')) {
        const last = zInstalls[zInstalls.length - 1];
        const cleaned = zypper.some(p => at(p) > at(last) && p.subcommand === 'clean') || removedPaths(cmds, at(last)).some(x => under(x, '/var/cache/zypp'));
        if (!cleaned) {
          const tail = zypper[zypper.length - 1].command;
          report(last.sub!, `\`zypper ${last.sub!.value}\` leaves its package cache in the image: end this RUN with \`zypper clean --all\``, {
            fix: () => {
              const edit = appendAfter(model, ins, cmds, tail, ' && zypper clean --all');
              return edit && { title: 'Run `zypper clean --all` in this RUN', safety: 'safe', edits: [edit] };
            },
          });
        }
      }

      // pip install without --no-cache-dir
      const pip = pkgs.some(p => p?.family === 'pip' && p.subcommand === 'install');
      if (pip && !pipNoCacheEnv(model.variablesAt(ins).get('PIP_NO_CACHE_DIR')) && !cacheMounts(ins).some(t => /\/\.cache(\/pip)?$/.test(t))) {
        let exported = false;
        for (const p of pkgs) {
          if (!p) continue;
          if (p.family !== 'pip' || p.subcommand !== 'install' || !p.sub) continue;
          if (p.options.some(o => o.name.startsWith('--no-cache'))) continue;
          exported ||= cmds.slice(0, at(p)).some(c => c.name === 'export' && assignments(c).some(a => a.name === 'PIP_NO_CACHE_DIR' && pipNoCacheEnv(a.value)));
          if (exported || assignments(p.command).some(a => a.name === 'PIP_NO_CACHE_DIR' && pipNoCacheEnv(a.value))) continue;
          if (removedPaths(cmds, at(p)).some(x => /\/\.cache(\/pip)?(\/\*?)?$/.test(x))) continue;
          const sub = p.sub;
          report(sub, `\`${/^pip/.test(p.command.name) ? p.command.name : 'pip'} install\` keeps the downloaded packages in pip's cache: add \`--no-cache-dir\``, {
            fix: editable(model, ins, sub) ? () => ({ title: 'Add `--no-cache-dir`', safety: 'safe', edits: [{ start: sub.end, end: sub.end, newText: ' --no-cache-dir' }] }) : undefined,
          });
        }
      }
    }
  },
});

/** PIP_NO_CACHE_DIR turns the cache off for any value but the false ones. */
function pipNoCacheEnv(v: string | null | undefined): boolean {
  return v !== undefined && v !== null && !/^(|0|false|no|off)$/i.test(v);
}

/**
 * For a RUN: does a later RUN (in its stage or a stage built on it) use apt's lists without `apt-get update` first?
 * Deleting the lists would then break that RUN.
 */
function laterNeedsAptLists(model: DockerfileModel): (ins: Instruction) => boolean {
  // per stage, the start of its last RUN that needs the lists
  const last = new Map<Stage, number>();
  for (const s of model.stages) {
    for (const run of s.instructions) {
      if (run.keyword !== 'RUN') continue;
      for (const c of model.shell(run)) {
        const p = readPackageCommand(c);
        if (p?.family === 'apt' && p.subcommand === 'update') break;
        if ((c.name === 'apt-cache' && c.argv.length > 1) || (p?.family === 'apt' && APT_LISTS.has(p.subcommand))) { last.set(s, run.start); break; }
      }
    }
  }
  return ins => {
    const stage = model.stageOf(ins);
    if (!stage) return false;
    for (const [s, start] of last) {
      if (s === stage ? start > ins.start : stageChain(s).includes(stage)) return true;
    }
    return false;
  };
}
