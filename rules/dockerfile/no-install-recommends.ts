import { rule } from '../rule';
import type { ShellCommand } from '../../server/src/dockerfile/shell';
import { findOption, readPackageCommand } from './_pkg';
import { editable, shippedRuns } from './_run';

/** `-o APT::Install-Recommends=false` (or `0`), also as written in an apt.conf line. */
const NO_RECOMMENDS = /APT::Install-Recommends\s*(=|\s)\s*"?(false|0|no)"?/i;

export default rule({
  id: 'dockerfile/no-install-recommends',
  kind: 'dockerfile',
  title: 'apt-get install without --no-install-recommends',
  severity: 'low',
  rationale: 'By default apt also installs every package that the requested ones merely recommend: documentation tools, extra libraries, sometimes whole language runtimes or daemons. Each of them is more code in the image to patch, scan and possibly exploit, and none was chosen on purpose. Pass `--no-install-recommends` and list the few extra packages you really need (often `ca-certificates`). Only the stages that end up in the final image are checked.',
  references: [
    'CIS Docker Benchmark 4.3: Ensure that unnecessary packages are not installed in the container',
    'NIST SP 800-190 §4.1.1: Image vulnerabilities',
  ],
  equivalents: { hadolint: ['DL3015'], trivy: ['AVD-DS-0029'], kics: ['7384dfb2-fcd1-4fbf-91cd-6c44c318c33c'] },
  fix: { description: 'Insert `--no-install-recommends` after `install` (a program may need a recommended package, such as `ca-certificates` for HTTPS, which must then be listed)', safety: 'unsafe' },
  check({ model, report }) {
    let configured = false;
    for (const ins of shippedRuns(model)) {
      const cmds = model.shell(ins);
      for (const c of cmds) {
        // an apt.conf line written by the Dockerfile (echo 'APT::Install-Recommends "false";' > /etc/apt/apt.conf.d/…)
        if (writesAptConf(c, cmds)) { configured = true; continue; }
        const p = readPackageCommand(c);
        if (!p || p.family !== 'apt' || p.subcommand !== 'install' || !p.sub || configured) continue;
        if (findOption(p, '--no-install-recommends')) continue;
        if (p.options.some(o => (o.name === '-o' || o.name === '--option') && o.value !== null && NO_RECOMMENDS.test(o.value))) continue;
        const sub = p.sub;
        report(sub, `\`${p.manager} install\` also installs recommended packages: add \`--no-install-recommends\``, {
          fix: editable(model, ins, sub) ? () => ({ title: 'Add `--no-install-recommends`', safety: 'unsafe', edits: [{ start: sub.end, end: sub.end, newText: ' --no-install-recommends' }] }) : undefined,
        });
      }
    }
  },
});

/** `echo '…Install-Recommends "false";' > /etc/apt/…`, or `| tee /etc/apt/…`. */
function writesAptConf(c: ShellCommand, cmds: ShellCommand[]): boolean {
  if (c.name !== 'tee' && !c.redirections.length) return false;
  const targets = c.name === 'tee' ? c.argv.slice(1).map(w => w.value) : c.redirections.filter(r => r.op.includes('>')).map(r => r.target?.value ?? '');
  if (!targets.some(t => t.startsWith('/etc/apt/'))) return false;
  return cmds.some(x => x.pipeline === c.pipeline && x.argv.some(w => NO_RECOMMENDS.test(w.value)));
}
