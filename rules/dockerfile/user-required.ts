import { rule } from '../rule';
import { baseRunsNonRoot, finalUser, insertUserEdit } from './_user';

export default rule({
  id: 'dockerfile/user-required',
  kind: 'dockerfile',
  title: 'Final image has no USER: the container runs as root',
  severity: 'high',
  rationale: 'Without a USER instruction in the final stage (or in the stage it is built from), the container\'s processes run as root. A compromised process then owns the container\'s filesystem and has the best odds of escaping it through a kernel or runtime flaw. Set a numeric, non-root USER (UID 1000 or above) so that Kubernetes\' runAsNonRoot can verify it.',
  references: ['CIS Docker Benchmark 4.1: Ensure that a user for the container has been created', 'NIST SP 800-190 §4.1.2 (image configuration defects: running as root)'],
  equivalents: { checkov: ['CKV_DOCKER_3'], trivy: ['AVD-DS-0002'], kics: ['fd54f200-402c-4333-a5a4-36ef6709af2f'] },
  fix: { description: 'Insert `USER 10001:10001` before the final CMD/ENTRYPOINT (files the image writes at run time may need `chown`)', safety: 'unsafe' },
  check({ model, report }) {
    const stage = model.finalStage;
    if (!stage || finalUser(model) !== null || stage.image?.scratch || baseRunsNonRoot(model)) return;
    const from = stage.from;
    const end = stage.image ? stage.image.word.end : from.keywordSpan.end;
    report({ start: from.start, end }, 'The final stage has no USER instruction, so the container runs as root',
      { fix: () => ({ title: 'Add `USER 10001:10001` before the final command', safety: 'unsafe', edits: [insertUserEdit(model)] }) });
  },
});
