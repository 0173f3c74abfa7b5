import { rule } from '../rule';
import { stageChain } from '../../server/src/dockerfile/model';

export default rule({
  id: 'dockerfile/healthcheck-present',
  kind: 'dockerfile',
  title: 'Final image has no HEALTHCHECK',
  severity: 'low',
  rationale: 'Without a HEALTHCHECK, Docker and Swarm consider a container healthy as long as its main process exists, so a hung or deadlocked service keeps receiving traffic and is never restarted. Declare a cheap check of the service itself in the final stage (or in the stage it is built on). `HEALTHCHECK NONE` counts as a decision, not an omission: it is the right choice when an orchestrator probes the container instead (Kubernetes ignores HEALTHCHECK and uses liveness and readiness probes), and it documents that choice in the Dockerfile.',
  references: ['CIS Docker Benchmark 4.6: Ensure that HEALTHCHECK instructions have been added to container images'],
  equivalents: { checkov: ['CKV_DOCKER_2'], hadolint: ['DL3057'], trivy: ['AVD-DS-0026'], kics: ['b03a748a-542d-44f4-bb86-9199ab4fd2d5'] },
  check({ model, report }) {
    const stage = model.finalStage;
    if (!stage) return;
    if (stageChain(stage).some(s => s.instructions.some(i => i.keyword === 'HEALTHCHECK'))) return;
    const from = stage.from;
    const end = stage.image ? stage.image.word.end : from.keywordSpan.end;
    report({ start: from.start, end }, 'The final stage has no HEALTHCHECK, so a hung process still counts as healthy: add `HEALTHCHECK CMD …` (or `HEALTHCHECK NONE` when an orchestrator probes the container)');
  },
});
