import { rule } from '../rule';

export default rule({
  id: 'dockerfile/no-insecure-run',
  kind: 'dockerfile',
  title: 'RUN --security=insecure',
  severity: 'high',
  rationale: '`RUN --security=insecure` runs the step in a privileged container: all capabilities, no seccomp or AppArmor confinement and access to the host\'s devices. Anything that step executes, including every script and package it downloads, can take over the build host or the BuildKit daemon and tamper with other builds and their caches. It needs the `security.insecure` entitlement precisely because it breaks isolation. Do the privileged work outside the image build, or find an unprivileged way (a user-space tool, a pre-built artifact) to produce the same result.',
  references: [
    'NIST SP 800-190 §4.4.3: Insecure container runtime configurations',
    'NIST SP 800-190 §4.5.5: Host file system tampering',
  ],
  equivalents: {},
  fix: { description: 'Remove the `--security=insecure` flag (steps that really need privileges will then fail)', safety: 'unsafe' },
  check({ model, report }) {
    for (const ins of model.instructions) {
      if (ins.keyword !== 'RUN' || !ins.flags.length) continue;
      ins.flags.forEach((f, k) => {
        if (f.name !== 'security' || f.value?.toLowerCase() !== 'insecure') return;
        const next = ins.flags[k + 1] ?? ins.words[0] ?? ins.json?.[0];
        report(f, `\`${model.text.slice(f.start, f.end)}\` runs this step with full privileges on the build host`, {
          fix: next ? () => ({ title: 'Remove `--security=insecure`', safety: 'unsafe', edits: [{ start: f.start, end: next.start, newText: '' }] }) : undefined,
        });
      });
    }
  },
});
