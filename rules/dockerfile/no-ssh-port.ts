import { rule } from '../rule';
import { expandVars } from '../../server/src/dockerfile/model';
import { deleteInstruction, deleteWord } from './_edit';

const PORT_RE = /^(\d+)(?:-(\d+))?(?:\/(tcp|udp|sctp))?$/i;

/** `lo-hi/proto` without port 22: `20-25/tcp` → `20-21/tcp 23-25/tcp`. */
function withoutSsh(lo: number, hi: number, proto: string): string {
  const part = (a: number, b: number) => (a === b ? `${a}` : `${a}-${b}`) + proto;
  return [lo <= 21 ? part(lo, 21) : '', hi >= 23 ? part(23, hi) : ''].filter(Boolean).join(' ');
}

export default rule({
  id: 'dockerfile/no-ssh-port',
  kind: 'dockerfile',
  title: 'EXPOSE of the SSH port 22',
  severity: 'medium',
  rationale: 'Exposing port 22 means an SSH daemon runs in the container: one more network service with its own vulnerabilities, host keys and passwords or authorized keys baked into the image, and a way in that bypasses the orchestrator\'s access control and audit. Containers are reached with `docker exec` or `kubectl exec`, and files are exchanged through volumes. Remove the port and the SSH server.',
  references: [
    'CIS Docker Benchmark v1.6.0 5.7: Ensure sshd is not run within containers',
    'CIS Docker Benchmark v1.6.0 5.9: Ensure that only needed ports are open on the container',
    'NIST SP 800-190 §4.1.2: Image configuration defects',
  ],
  equivalents: { checkov: ['CKV_DOCKER_1'], trivy: ['AVD-DS-0004'], kics: ['5907595b-5b6d-4142-b173-dbb0e73fbff8'] },
  fix: { description: 'Remove port 22 from EXPOSE (the whole instruction when it is the only port; a range is split around 22)', safety: 'unsafe' },
  check({ model, report }) {
    for (const ins of model.all('EXPOSE')) {
      const words = ins.words;
      const vars = model.variablesAt(ins);
      words.forEach((w, i) => {
        const { value, unresolved } = expandVars(w.value, vars);
        const m = unresolved ? null : PORT_RE.exec(value);
        if (!m || (m[3] && m[3].toLowerCase() !== 'tcp')) return;
        const lo = Number(m[1]);
        const hi = m[2] ? Number(m[2]) : lo;
        if (lo > 22 || hi < 22) return;
        const range = hi > lo;
        const literal = !w.value.includes('$');
        report(w, range ? `EXPOSE ${w.value} includes port 22 (SSH): do not run an SSH server in the container; use \`docker exec\` or \`kubectl exec\` to get a shell`
          : `EXPOSE ${w.value} publishes the SSH port: do not run an SSH server in the container; use \`docker exec\` or \`kubectl exec\` to get a shell`, {
          fix: range && !literal ? undefined : () => {
            const rest = range ? withoutSsh(lo, hi, m[3] ? `/${m[3]}` : '') : '';
            if (rest) return { title: `Expose ${rest} without port 22`, safety: 'unsafe', edits: [{ ...w, newText: rest }] };
            const edit = words.length === 1 ? deleteInstruction(model, ins) : deleteWord(words, i);
            return { title: words.length === 1 ? 'Remove the EXPOSE instruction' : `Remove ${w.value} from EXPOSE`, safety: 'unsafe', edits: [edit] };
          },
        });
      });
    }
  },
});
