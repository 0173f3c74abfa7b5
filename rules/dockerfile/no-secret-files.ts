import { rule } from '../rule';
import { expandVars, resolveImagePath, stageChain, workdirAt, type DockerfileModel, type Stage, type VarLookup } from '../../server/src/dockerfile/model';
import { unquote, type Instruction, type Span, type Word } from '../../server/src/dockerfile/parser';
import { isRemoteSource } from './_add';
import { stageLabel } from './_image';
import { shippedStages } from './_run';
import { harmlessName, secretFile, type SecretFile } from './_secret-files';

/** Variables whose value is the path of a credentials file: `COPY sa.json $GOOGLE_APPLICATION_CREDENTIALS`. */
const CREDENTIAL_PATH_VARS = new Map<string, SecretFile>([
  ['GOOGLE_APPLICATION_CREDENTIALS', { what: 'Google Cloud credentials' }],
  ['AWS_SHARED_CREDENTIALS_FILE', { what: 'AWS credentials' }],
  ['KUBECONFIG', { what: 'Kubernetes cluster credentials' }],
  ['HF_TOKEN_PATH', { what: 'a Hugging Face token' }],
]);

const GLOB_RE = /[*?[]/;

interface Arg { word: Word; span: Span; written: string; value: string | null }

export default rule({
  id: 'dockerfile/no-secret-files',
  kind: 'dockerfile',
  title: 'Credentials file copied into the image',
  severity: 'high',
  rationale: 'COPY and ADD write what they copy into a layer of the image, and every layer ships with it: anyone who can pull the image can unpack a private key, an `.env` file, a cloud or registry credentials file or an SSH directory copied in, and a `RUN rm` later only hides the file in a newer layer. A build step that needs such a file should get it for that step only, with `RUN --mount=type=secret` (or `RUN --mount=type=ssh` for SSH keys), and a running container should get it from the orchestrator\'s secret store; a .dockerignore keeps the files out of the build context altogether. The rule reads file names, not contents: public certificates and keys (`ca.pem`, `server.crt`, `id_rsa.pub`), templates such as `.env.example`, encrypted files and code files are not reported, and package-manager settings such as `.npmrc`, which often hold only a registry address, are reported only when a later RUN deletes them. A copy in a build stage that the final image leaves out is reported at medium severity, unless a `COPY --from` brings the file into the final image. `COPY . .` is not reported: what it copies depends on a .dockerignore the rule cannot see.',
  references: [
    'CIS Docker Benchmark 4.10: Ensure secrets are not stored in Dockerfiles',
    'NIST SP 800-190 §4.1.4: Embedded clear text secrets',
  ],
  equivalents: { trivy: ['AVD-DS-0031'] },
  check({ model, report }) {
    let shipped: Set<Stage> | null = null;
    for (const stage of model.stages) {
      let credentialPaths: Map<string, SecretFile> | null = null;
      for (let at = 0; at < stage.instructions.length; at++) {
        const ins = stage.instructions[at];
        if ((ins.keyword !== 'COPY' && ins.keyword !== 'ADD') || ins.heredocs.length) continue; // inline content is in the Dockerfile itself
        const list = ins.json ?? ins.words;
        if (list.length < 2) continue;
        let vars: VarLookup | null = null;
        const args: Arg[] = list.map(word => {
          const written = ins.json ? word.value : unquote(word.value);
          const { value, unresolved } = written.includes('$') ? expandVars(written, vars ??= model.variablesAt(ins)) : { value: written, unresolved: false };
          // an exec-form element's range is its content, without the JSON quotes
          const span = ins.json && word.end - word.start > 2 ? { start: word.start + 1, end: word.end - 1 } : word;
          return { word, span, written, value: unresolved ? null : value };
        });
        const dest = args[args.length - 1];
        const sources = args.slice(0, -1);
        const intoDir = sources.length > 1 || !!dest.value?.endsWith('/');
        // the destination's path in the image, read only when a source needs it
        let destPath: string | null | undefined;
        const destination = () => {
          if (destPath !== undefined) return destPath;
          const wd = dest.value === null ? null : dest.value.startsWith('/') ? '/' : workdirAt(model, ins);
          return destPath = wd === null || !dest.value ? null : resolveImagePath(wd, dest.value);
        };
        // where a source lands in the image: the destination itself, or the destination directory + its name
        const landing = (src: string, kind: SecretFile | null) => destination() === null ? null
          : intoDir && !kind?.dir ? resolveImagePath(destination()!, baseName(src)) : destination();

        const hits: { arg: Arg; kind: SecretFile; path: string | null; glob: boolean; toDest: boolean }[] = [];
        for (const src of sources) {
          if (src.value === null || src.value === '' || isRemoteSource(src.value)) continue;
          const glob = GLOB_RE.test(src.value);
          const kind = secretFile(src.value, glob);
          if (kind) { hits.push({ arg: src, kind, path: landing(src.value, kind), glob, toDest: false }); continue; }
          // `COPY .env.example .env` copies no secret, and `COPY venv/ .env` or `COPY .. …` copies a directory
          if (glob || src.value.endsWith('/') || /^\.{0,2}$/.test(baseName(src.value)) || harmlessName(src.value)) continue;
          // a plain source copied to a name that says what it holds: `COPY deploy /root/.ssh/id_ed25519`, or to the
          // path an ENV names as a credentials file
          const byDest = sources.length === 1 && !intoDir ? destKind(dest) : null;
          const envFiles = byDest ? null : (credentialPaths ??= credentialFiles(model, stage));
          const path = byDest || envFiles?.size ? landing(src.value, null) : null;
          const byEnv = path === null || !envFiles ? null : envFiles.get(path) ?? null;
          if (byDest ?? byEnv) hits.push({ arg: byDest ? dest : src, kind: (byDest ?? byEnv)!, path, glob: false, toDest: !!byDest });
        }

        for (const hit of hits) {
          const value = hit.arg.value ?? hit.arg.written; // `$GOOGLE_APPLICATION_CREDENTIALS` may have no value here
          const name = baseName(hit.path ?? value);
          const deleted = deletion(model, stage, at, name);
          if (hit.kind.maybe && !deleted) continue; // `.npmrc` with only a registry address is common
          const inFinal = (shipped ??= shippedStages(model)).has(stage);
          const via = inFinal || hit.path === null || deleted ? null : copiedIntoFinal(model, shipped, stage, hit.path);
          const kw = ins.keyword;
          const shown = hit.arg.written === value ? value : `${hit.arg.written} (${value})`;
          const what = hit.glob ? hit.kind.many ?? hit.kind.what : hit.kind.what;
          const place = inFinal ? 'an image layer' : `build stage ${stageLabel(stage)}${via ? `, which ${via.keyword} --from copies into the final image` : ''}`;
          const evidence = hit.kind.maybe ? ' (a later RUN deletes it, so it holds a credential)' : '';
          const exposure = inFinal || via
            ? 'anyone who can pull the image can read it, and deleting it in a later RUN does not remove it from that layer'
            : 'the final image leaves that stage out, but its layers stay in the build cache and in any cache exported from the build';
          const related = [];
          if (deleted) related.push({ span: deleted, message: 'This deletes the file from the filesystem, not from the layer the copy wrote' });
          if (via) related.push({ span: via.keywordSpan, message: `${via.keyword} --from that copies ${hit.path} into the final image` });
          // a description with a relative clause (`…, which holds private keys`) closes it with a comma
          const described = `${what}${/, which /.test(what) ? ',' : ''}${evidence}`;
          report(hit.arg.span, `${kw} ${hit.toDest ? 'to' : 'of'} ${shown} writes ${described} into ${place}: ${exposure}. ${advice(hit.kind, hit.glob ? null : secretId(value), hit.path)}`, {
            severity: inFinal || via ? hit.kind.severity : 'medium',
            related: related.length ? related : undefined,
          });
        }
      }
    }
  },
});

/** The last part of a path, trailing slashes ignored. */
function baseName(p: string): string {
  const t = p.replace(/\/+$/, '');
  return t.slice(t.lastIndexOf('/') + 1);
}

/** What a destination holds by its name, or by the variable it is written as (`$GOOGLE_APPLICATION_CREDENTIALS`). */
function destKind(dest: Arg): SecretFile | null {
  const v = /^\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?$/.exec(dest.written);
  const byVar = v ? CREDENTIAL_PATH_VARS.get(v[1]) : undefined;
  if (byVar) return byVar;
  const kind = dest.value ? secretFile(dest.value) : null;
  return kind && !kind.dir ? kind : null; // `COPY ssh_config /root/.ssh` may copy into an existing directory
}

/** The files that the stage's ENV (and its base stages') name as credentials: `ENV GOOGLE_APPLICATION_CREDENTIALS=/secrets/sa.json`. */
function credentialFiles(model: DockerfileModel, stage: Stage): Map<string, SecretFile> {
  const out = new Map<string, SecretFile>();
  for (const s of stageChain(stage)) {
    for (const ins of s.instructions) {
      if (ins.keyword !== 'ENV') continue;
      for (const kv of model.keyValues(ins)) {
        const kind = CREDENTIAL_PATH_VARS.get(kv.key.value);
        if (!kind || !kv.text || !kv.text.startsWith('/') || kv.text.includes('$')) continue;
        out.set(resolveImagePath('/', kv.text), kind);
      }
    }
  }
  return out;
}

/** The first `rm` of a file with this name in a later RUN of the stage. */
function deletion(model: DockerfileModel, stage: Stage, from: number, name: string): Span | null {
  for (let at = from + 1; at < stage.instructions.length; at++) {
    const ins = stage.instructions[at];
    if (ins.keyword !== 'RUN') continue;
    for (const c of model.shell(ins)) {
      if (c.name !== 'rm') continue;
      for (const w of c.argv.slice(1)) if (!w.value.startsWith('-') && baseName(w.value) === name) return w;
    }
  }
  return null;
}

/** A COPY --from in a stage of the final image that copies `path` (or a directory holding it) out of `stage` or a stage built on it. */
function copiedIntoFinal(model: DockerfileModel, shipped: Set<Stage>, stage: Stage, path: string): Instruction | null {
  for (const s of shipped) {
    for (const ins of s.instructions) {
      if (ins.keyword !== 'COPY' && ins.keyword !== 'ADD') continue;
      const from = ins.flags.find(f => f.name === 'from')?.value;
      if (!from) continue;
      const source = /^\d+$/.test(from) ? model.stages[Number(from)] : model.stages.find(x => x.alias?.value.toLowerCase() === from.toLowerCase());
      if (!source || source.index >= s.index || !stageChain(source).includes(stage)) continue;
      const list = ins.json ?? ins.words;
      for (const w of list.slice(0, -1)) {
        const v = ins.json ? w.value : unquote(w.value);
        if (v.includes('$') || GLOB_RE.test(v)) continue;
        // COPY --from reads paths from the root of the other stage
        const src = resolveImagePath('/', v);
        if (path === src || src === '/' || path.startsWith(src + '/')) return ins;
      }
    }
  }
  return null;
}

/** A secret id for the advice, from the copied file's name: `.npmrc` → npmrc, `gcp-sa.json` → gcp-sa, `.env.production` → env-production. */
function secretId(path: string): string {
  let name = baseName(path).toLowerCase();
  if (!name.startsWith('.') && name.lastIndexOf('.') > 0) name = name.slice(0, name.lastIndexOf('.'));
  return name.replace(/[^a-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '');
}

function advice(kind: SecretFile, id: string | null, path: string | null): string {
  const keep = 'keep it out of the build context with .dockerignore';
  if (kind.ssh) return `Use \`RUN --mount=type=ssh\` for the build steps that need the key, give it to the running container from a secret store, and ${keep}`;
  const mount = kind.dir || !id ? '`RUN --mount=type=secret`' : `\`RUN --mount=type=secret,id=${id}${path ? `,target=${path}` : ''}\``;
  return `If a build step needs it, mount it for that step only with ${mount}; give it to the running container from a secret store, and ${keep}`;
}
