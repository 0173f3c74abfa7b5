import { rule } from '../rule';
import { basename } from '../../server/src/dockerfile/shell';
import { editable } from './_run';

export default rule({
  id: 'dockerfile/no-sudo',
  kind: 'dockerfile',
  title: 'sudo used in RUN',
  severity: 'medium',
  rationale: 'RUN steps already run as root unless a USER says otherwise, so `sudo` adds nothing to the build; it only means that sudo is installed and configured in the image. At run time that gives a process running as the unprivileged user a ready way back to root (through a permissive sudoers entry, a missing password or a sudo vulnerability). Run the privileged steps before switching to the non-root USER (or switch back with `USER root` for them), and use `gosu`/`su-exec` when an entrypoint must drop privileges.',
  references: [
    'CIS Docker Benchmark 4.3: Ensure that unnecessary packages are not installed in the container',
    'NIST SP 800-190 §4.1.2: Image configuration defects',
  ],
  equivalents: { checkov: ['CKV2_DOCKER_1'], hadolint: ['DL3004'], trivy: ['AVD-DS-0010'], kics: ['8ada6e80-0ade-439e-b176-0b28f6bce35a'] },
  fix: { description: 'Remove `sudo` and its options (with `sudo -u <user>`, the command then runs as the current user instead)', safety: 'unsafe' },
  check({ model, report }) {
    for (const { instruction: ins, command: c } of model.runs()) {
      if (!c.wrappers.length) continue;
      c.wrappers.forEach((w, k) => {
        if (basename(w.value) !== 'sudo') return;
        const args = c.wrapperArgs[k] ?? [];
        const after = c.words[c.words.indexOf(w) + 1 + args.length];
        report(w, c.argv.length ? `\`sudo ${c.argv[0].value}\`: RUN already runs as root (or as the USER you set); drop sudo and order USER instructions instead`
          : '`sudo` in RUN: the build already runs as root (or as the USER you set); drop sudo and order USER instructions instead', {
          fix: after && c.argv.length && editable(model, ins, w) && editable(model, ins, after)
            ? () => ({ title: 'Remove `sudo`', safety: 'unsafe', edits: [{ start: w.start, end: after.start, newText: '' }] })
            : undefined,
        });
      });
    }
  },
});
