import { rule } from '../rule';
import { stageChain, type KeyValue, type Stage } from '../../server/src/dockerfile/model';
import type { Instruction } from '../../server/src/dockerfile/parser';
import { credentialInValue, isHarmlessValue, isSecretName, looksLikeAwsSecretKey, SECRET_ADVICE } from './_secrets';

export default rule({
  id: 'dockerfile/no-secrets-in-env-arg',
  kind: 'dockerfile',
  title: 'Secret in ENV or ARG',
  sensitive: true,
  severity: 'critical',
  rationale: 'Whatever an ENV sets is stored in the image configuration, and every build argument in scope is written into the image history next to each RUN that follows it: anyone who can pull the image reads them with `docker inspect` or `docker history`, and a literal value is in the Dockerfile and its Git history as well. Credentials therefore must not pass through ENV or ARG. Mount them for the one RUN that needs them (`RUN --mount=type=secret,id=…,env=…`) and give them to the running container from the orchestrator\'s secret store. Names that point at a mounted secret (`…_FILE`, `…_PATH`), public keys and GPG fingerprints, empty values and switches such as `…_PASSWORD=yes` are not reported; values shaped like AWS, GitHub or Slack credentials, private keys and URLs with a password are reported whatever the variable is called.',
  references: [
    'CIS Docker Benchmark 4.10: Ensure secrets are not stored in Dockerfiles',
    'NIST SP 800-190 §4.1.4: Embedded clear text secrets',
  ],
  equivalents: { hadolint: ['DL3064'], trivy: ['AVD-DS-0031'], kics: ['a88baa34-e2ad-44ea-ad6f-8cac87bc7c71'] },
  check({ model, report }) {
    const pairs = (ins: Instruction) => model.keyValues(ins).filter(kv => kv.key.value);
    let hasAwsKeyId = false;
    for (const i of model.instructions) {
      if (i.keyword !== 'ENV' && i.keyword !== 'ARG') continue;
      for (const kv of model.keyValues(i)) if (kv.key.value && kv.text !== null && credentialInValue(kv.text)?.kind === 'an AWS access key ID') hasAwsKeyId = true;
    }
    const finalChain = model.finalStage ? stageChain(model.finalStage) : [];

    const checkPair = (ins: Instruction, kv: KeyValue, scope: Scope | null) => {
      const kw = ins.keyword;
      const name = kv.key.value;
      const raw = kv.value?.value ?? '';
      const text = kv.text ?? '';

      // by the value's shape, whatever the name
      if (kv.value && text) {
        const found = credentialInValue(text)?.kind ?? (hasAwsKeyId && looksLikeAwsSecretKey(text) ? 'an AWS secret access key' : null);
        if (found) {
          report(kv.value, `The value of ${kw} ${name} looks like ${found}: it is stored in the image and in the Dockerfile; remove it and ${SECRET_ADVICE}`);
          return;
        }
      }
      if (!isSecretName(name)) return;

      const literal = !/(^|[^\\])\$[{A-Za-z_]/.test(raw);
      if (literal && text !== '' && !isHarmlessValue(text)) {
        report(kv.key, kw === 'ENV'
          ? `ENV ${name} holds a literal secret: it is stored in the image and in the Dockerfile; remove it and ${SECRET_ADVICE}`
          : `ARG ${name} has a literal secret as its default: it is stored in the Dockerfile and in the image history; remove it and ${SECRET_ADVICE}`);
        return;
      }
      if (!scope) return; // a global ARG without a value is only visible to FROM

      if (kw === 'ENV') {
        if (literal) return; // empty or a switch
        // ENV NAME=$ARG persists a build argument in the image configuration
        const arg = [...raw.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)].map(m => m[1]).find(v => scope.definedBy.get(v) === 'ARG');
        if (arg) report(kv.key, `ENV ${name} copies build argument ${arg} into the image configuration, where anyone who can pull the image reads it: use \`RUN --mount=type=secret,id=${name},env=${name}\` for the commands that need it and give it to the container at run time from a secret store`);
        return;
      }
      // ARG without a literal value: a build argument, reported when something after it can use it
      // (every RUN sees the build arguments in scope as environment variables)
      if (!literal || text === '' || kv.value === null) {
        if (scope.lastRun < scope.at && (scope.lastRef().get(name) ?? -1) <= scope.at) return;
        report(kv.key, `Build argument ${name} looks like a secret: values passed with --build-arg are kept in the image history of the instructions that use them; use \`RUN --mount=type=secret,id=${name},env=${name}\` instead`,
          finalChain.includes(scope.stage) ? undefined : { severity: 'high' });
      }
    };

    for (const ins of model.instructions) if (ins.stage === -1 && ins.keyword === 'ARG') for (const kv of pairs(ins)) checkPair(ins, kv, null);
    for (const stage of model.stages) {
      // what later instructions use: the last RUN, and the last reference to each variable
      const list = stage.instructions;
      let lastRun = -1;
      for (let at = 0; at < list.length; at++) if (list[at].keyword === 'RUN') lastRun = at;
      let refs: Map<string, number> | null = null;
      const lastRef = () => (refs ??= lastReferences(list));
      const definedBy = new Map<string, string>();
      for (let at = 0; at < list.length; at++) {
        const ins = list[at];
        if (ins.keyword !== 'ENV' && ins.keyword !== 'ARG') continue;
        const kvs = pairs(ins);
        for (const kv of kvs) checkPair(ins, kv, { stage, at, lastRun, lastRef, definedBy });
        for (const kv of kvs) definedBy.set(kv.key.value, ins.keyword);
      }
    }
  },
});

interface Scope { stage: Stage; at: number; lastRun: number; lastRef: () => Map<string, number>; definedBy: Map<string, string> }

/** For each variable, the index of the last instruction that refers to it. */
function lastReferences(list: Instruction[]): Map<string, number> {
  const lastRef = new Map<string, number>();
  list.forEach((i, at) => {
    if (i.args.text.includes('$')) for (const m of i.args.text.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)) lastRef.set(m[1], at);
  });
  return lastRef;
}
