import { rule } from '../rule';
import { DEFAULT_UID, finalUser } from './_user';

export default rule({
  id: 'dockerfile/user-low-uid',
  kind: 'dockerfile',
  title: 'Final USER has a UID below 1000',
  severity: 'medium',
  rationale: 'UIDs below 1000 belong to system accounts on most distributions (daemon, bin, nobody is 65534). A container running as one of them can share file ownership with host system services if a volume or the host filesystem is mounted. Use a dedicated UID of 1000 or above; 10001 is a common choice that collides with no host account.',
  references: ['CIS Docker Benchmark 4.1: Ensure that a user for the container has been created', 'NIST SP 800-190 §4.1.2 (image configuration defects: running as root)'],
  equivalents: {},
  fix: { description: `Replace the UID with ${DEFAULT_UID}`, safety: 'unsafe' },
  check({ model, report }) {
    const u = finalUser(model);
    if (!u || u.unresolved || !/^\d+$/.test(u.resolved)) return;
    const uid = Number(u.resolved);
    if (uid === 0 || uid >= 1000) return;
    report(u.span, `The final image runs as UID ${uid}, below 1000 (a system account range)`,
      { fix: () => ({ title: `Run as UID ${DEFAULT_UID}`, safety: 'unsafe', edits: [{ start: u.span.start, end: u.span.end, newText: DEFAULT_UID }] }) });
  },
});
