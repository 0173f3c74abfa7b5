import { rule } from '../rule';
import { packageRuns } from './_pkg';

/** Subcommands that upgrade every installed package when no package is named. */
const UPGRADES: Record<string, Set<string>> = {
  apt: new Set(['upgrade', 'dist-upgrade', 'full-upgrade']),
  apk: new Set(['upgrade']),
  rpm: new Set(['upgrade', 'update', 'distro-sync', 'upgrade-minimal', 'update-minimal']),
  zypper: new Set(['update', 'dist-upgrade', 'patch']),
};

export default rule({
  id: 'dockerfile/no-dist-upgrade',
  kind: 'dockerfile',
  title: 'Whole-system package upgrade in RUN',
  severity: 'low',
  rationale: 'An unqualified `apt-get upgrade`/`dist-upgrade`, `apk upgrade`, `yum`/`dnf update` or `zypper dup` upgrades every package of the base image to whatever the mirrors serve on the day of the build. The image content then depends on the build date rather than on the Dockerfile, two builds of the same commit differ, pinned base-image digests stop describing what ships, and upgrades the base image\'s maintainers have not tested (major versions, changed configuration) slip in. Take security fixes by moving to a newer base image tag or digest instead, and upgrade single packages by name when a fix cannot wait.',
  references: [
    'CIS Docker Benchmark 4.4: Ensure images are scanned and rebuilt to include security patches',
    'NIST SP 800-190 §4.1.1: Image vulnerabilities',
  ],
  equivalents: { hadolint: ['DL3035'], trivy: ['AVD-DS-0024'] },
  check({ model, report }) {
    for (const { pkg: p } of packageRuns(model)) {
      if (!p.sub || !UPGRADES[p.family]?.has(p.subcommand)) continue;
      if (p.operands.length) continue; // named packages: a targeted upgrade
      report(p.sub, `\`${p.manager} ${p.sub.value}\` upgrades every package in the image to whatever is current at build time: move to a newer base image instead, or upgrade named packages`);
    }
  },
});
