import { rule } from '../rule';
import { imageUserland, rootImage } from './_image';
import { finalUser } from './_user';

export default rule({
  id: 'dockerfile/user-numeric',
  kind: 'dockerfile',
  title: 'Final USER is a name, not a numeric UID',
  severity: 'low',
  rationale: 'A user name is resolved through the image\'s /etc/passwd at run time, so neither a reviewer nor Kubernetes can verify that it is not root: `runAsNonRoot: true` rejects a pod whose image user is a name. A numeric UID (1000 or above) can be checked by both. Windows images are not reported: their accounts (ContainerUser, ContainerAdministrator) have no numeric id.',
  references: ['CIS Docker Benchmark 4.1: Ensure that a user for the container has been created', 'Kubernetes Pod Security Standards (restricted): Running as Non-root'],
  equivalents: {},
  check({ model, report }) {
    const u = finalUser(model);
    if (!u || u.unresolved || /^\d+$/.test(u.resolved) || u.resolved === 'root' || u.resolved === '') return;
    const base = model.finalStage ? rootImage(model.finalStage) : null;
    if (base && imageUserland(base) === 'windows') return;
    report(u.span, `The final image runs as user "${u.resolved}": use a numeric UID of 1000 or above so that it can be verified`);
  },
});
