import { rule } from '../rule';
import { DEFAULT_UID, finalUser } from './_user';

export default rule({
  id: 'dockerfile/no-root-user',
  kind: 'dockerfile',
  title: 'Final USER is root',
  severity: 'high',
  rationale: 'The last USER of the final stage decides who the container\'s processes run as. `root` or UID 0 gives a compromised process full control of the container and the best odds of escaping it. Switch back to a non-root, numeric UID (1000 or above) after the steps that need root.',
  references: ['CIS Docker Benchmark 4.1: Ensure that a user for the container has been created', 'NIST SP 800-190 §4.1.2 (image configuration defects: running as root)'],
  equivalents: { checkov: ['CKV_DOCKER_8'], hadolint: ['DL3002'], trivy: ['AVD-DS-0002'], kics: ['67fd0c4a-68cf-46d7-8c41-bc9fba7e40ae'] },
  fix: { description: 'Replace the user with `10001` (the group, if any, is kept)', safety: 'unsafe' },
  check({ model, report }) {
    const u = finalUser(model);
    if (!u || u.unresolved) return;
    if (u.resolved !== 'root' && !/^0+$/.test(u.resolved)) return;
    report(u.span, `The final image runs as root (USER ${u.user})`,
      { fix: () => ({ title: `Run as UID ${DEFAULT_UID}`, safety: 'unsafe', edits: [{ start: u.span.start, end: u.span.end, newText: DEFAULT_UID }] }) });
  },
});
