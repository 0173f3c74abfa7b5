import { rule } from '../rule';
import type { FixSpec } from '../rule';
import type { DockerfileModel } from '../../server/src/dockerfile/model';
import type { Instruction, Span } from '../../server/src/dockerfile/parser';
import type { ShellCommand, ShellWord } from '../../server/src/dockerfile/shell';
import { deleteInstruction } from './_edit';
import { readPackageCommand } from './_pkg';
import { assignments, CURL_VALUED, deleteWords, editable } from './_run';

const FALSE = /^(0|false|no|off)$/i;

/** Environment variables that turn certificate checks off, and the message for each. */
function envProblem(name: string, value: string): string | null {
  if (name === 'NODE_TLS_REJECT_UNAUTHORIZED' && value === '0') return 'Node.js then accepts any TLS certificate';
  if (name === 'PYTHONHTTPSVERIFY' && value === '0') return 'Python\'s HTTPS clients then skip certificate checks';
  if (name === 'GIT_SSL_NO_VERIFY') return 'git then skips TLS certificate checks (whatever the value)';
  if (name === 'PIP_TRUSTED_HOST' && value !== '') return 'pip then trusts those hosts without valid TLS certificates';
  if (name.length === 21 && name.toLowerCase() === 'npm_config_strict_ssl' && FALSE.test(value)) return 'npm then accepts any TLS certificate';
  return null;
}

const NODE_MANAGERS = new Set(['npm', 'yarn', 'pnpm']);
const RPM_TOOLS = new Set(['yum', 'dnf', 'dnf5', 'microdnf', 'tdnf', 'yum-config-manager']);

interface Hit { span: Span; message: string; remove?: { words: ShellWord[]; index: number; count: number } | { char: number } }

/** A finding on argv[i], removed with the `count` words from it. */
function flag(c: ShellCommand, i: number, message: string, count = 1): Hit {
  return { span: c.argv[i], message, remove: { words: c.words, index: c.words.indexOf(c.argv[i]), count } };
}

/** False for the commands commandHits cannot find anything in: other names, not pip, nothing before the command word. */
function mayHit(c: ShellCommand): boolean {
  return c.name === 'export' || !c.argv.length || c.words[0] !== c.argv[0] // assignments
    || c.name === 'curl' || c.name === 'wget' || c.name === 'git' || NODE_MANAGERS.has(c.name) || RPM_TOOLS.has(c.name)
    || (c.name.charCodeAt(0) === 112 /* pip…, python… */ && readPackageCommand(c)?.family === 'pip');
}

function commandHits(c: ShellCommand): Hit[] {
  const hits: Hit[] = [];
  const a = c.argv;
  const w = c.words;
  if (c.name === 'curl') {
    for (let i = 1; i < a.length; i++) {
      const v = a[i].value;
      if (v === '--') break;
      if (v === '--insecure') hits.push(flag(c, i, '`curl --insecure` accepts any TLS certificate, so the download can be swapped in transit'));
      else if (/^-[A-Za-z0-9#:]+$/.test(v)) {
        for (let j = 1; j < v.length; j++) {
          if (v[j] === 'k') {
            hits.push(v === '-k' ? flag(c, i, '`curl -k` accepts any TLS certificate, so the download can be swapped in transit')
              : { span: a[i], message: `\`curl ${v}\` includes -k, which accepts any TLS certificate, so the download can be swapped in transit`, remove: { char: a[i].start + j } });
            break;
          }
          if (CURL_VALUED.includes(v[j])) { if (j === v.length - 1) i++; break; }
        }
      }
    }
  } else if (c.name === 'wget') {
    a.forEach((x, i) => { if (x.value === '--no-check-certificate') hits.push(flag(c, i, '`wget --no-check-certificate` accepts any TLS certificate, so the download can be swapped in transit')); });
  } else if (c.name === 'git') {
    for (let i = 1; i < a.length; i++) {
      const v = a[i].value;
      if (v === '-c' && i + 1 < a.length && /^http\..*sslverify=(.*)$/i.test(a[i + 1].value) && FALSE.test(/=(.*)$/.exec(a[i + 1].value)![1])) {
        hits.push({ span: a[i + 1], message: `\`git -c ${a[i + 1].value}\` turns off TLS certificate checks`, remove: { words: w, index: w.indexOf(a[i]), count: 2 } });
      }
      if (v === 'config') {
        const rest = a.slice(i + 1).filter(x => !x.value.startsWith('-'));
        const k = rest.findIndex(x => /^http\..*sslverify$/i.test(x.value));
        if (k !== -1 && rest[k + 1] && FALSE.test(rest[k + 1].value)) hits.push({ span: { start: rest[k].start, end: rest[k + 1].end }, message: `\`git config ${rest[k].value} ${rest[k + 1].value}\` turns off TLS certificate checks for git` });
        break;
      }
    }
  } else if (NODE_MANAGERS.has(c.name)) {
    for (let i = 1; i < a.length; i++) {
      const v = a[i].value;
      if (v === '--no-strict-ssl' || (/^--strict-ssl=/.test(v) && FALSE.test(v.slice(13)))) hits.push(flag(c, i, `\`${c.name} ${v}\` accepts any TLS certificate from the registry`));
      else if (v === '--strict-ssl' && a[i + 1] && FALSE.test(a[i + 1].value)) hits.push(flag(c, i, `\`${c.name} --strict-ssl ${a[i + 1].value}\` accepts any TLS certificate from the registry`, 2));
      else if (v === 'set' || v === 'config') {
        const j = v === 'config' ? i + 2 : i + 1;
        if (v === 'config' && a[i + 1]?.value !== 'set') break;
        const key = a[j];
        if (!key) break;
        const [k, inline] = key.value.split('=', 2);
        const value = inline ?? a[j + 1]?.value;
        if (/^(strict-ssl|enableStrictSsl)$/.test(k) && value !== undefined && FALSE.test(value)) {
          const end = inline !== undefined ? key.end : a[j + 1].end;
          hits.push({ span: { start: key.start, end }, message: `\`${c.name} config set ${k} ${value}\` makes ${c.name} accept any TLS certificate from the registry` });
        }
        break;
      }
    }
  }
  const p = readPackageCommand(c);
  if (p?.family === 'pip') {
    for (const o of p.options) {
      if (o.name !== '--trusted-host') continue;
      const index = w.indexOf(o.word);
      const shown = o.value === null ? '--trusted-host' : `--trusted-host ${o.value}`;
      hits.push({ span: o.word, message: `\`pip ${shown}\` skips TLS certificate checks for that host`, remove: { words: w, index, count: o.valueWord ? 2 : 1 } });
    }
    const cfg = p.subcommand === 'config' && p.operands[0]?.value === 'set' ? p.operands : null;
    if (cfg && cfg[1] && /(^|\.)trusted-host$/.test(cfg[1].value) && cfg[2]) hits.push({ span: { start: cfg[1].start, end: cfg[2].end }, message: `\`pip config set ${cfg[1].value}\` makes pip skip TLS certificate checks for ${cfg[2].value}` });
  }
  // yum/dnf --setopt=sslverify=0, yum-config-manager --save --setopt=*.sslverify=false
  if (RPM_TOOLS.has(c.name)) {
    for (let i = 1; i < a.length; i++) {
      const v = a[i].value;
      const setopt = v.startsWith('--setopt=') ? { value: v.slice(9), span: a[i], count: 1 } : v === '--setopt' && a[i + 1] ? { value: a[i + 1].value, span: a[i + 1], count: 2 } : null;
      const m = setopt && /(^|\.)sslverify=(.*)$/i.exec(setopt.value);
      if (setopt && m && FALSE.test(m[2])) hits.push({ span: setopt.span, message: `\`--setopt=${setopt.value}\` makes ${c.name} download packages and metadata without TLS certificate checks`, remove: { words: w, index: w.indexOf(a[i]), count: setopt.count } });
    }
  }
  for (const as of assignments(c)) {
    const why = envProblem(as.name, as.value);
    if (why) hits.push({ span: as.word, message: `${as.word.value}: ${why}` });
  }
  return hits;
}

function fixFor(model: DockerfileModel, ins: Instruction, hit: Hit): (() => FixSpec | null) | undefined {
  const r = hit.remove;
  if (!r) return undefined;
  if ('char' in r) {
    const w = hit.span as ShellWord;
    if (!editable(model, ins, w)) return undefined;
    return () => ({ title: 'Remove `-k`', safety: 'unsafe', edits: [{ start: r.char, end: r.char + 1, newText: '' }] });
  }
  const words = r.words.slice(r.index, r.index + r.count);
  if (r.index < 0 || r.words.length < 2 || !words.every(x => editable(model, ins, x))) return undefined;
  return () => ({ title: `Remove \`${words.map(x => x.value).join(' ')}\``, safety: 'unsafe', edits: [deleteWords(r.words, r.index, r.count)] });
}

export default rule({
  id: 'dockerfile/tls-verification-disabled',
  kind: 'dockerfile',
  title: 'TLS certificate verification turned off',
  severity: 'high',
  rationale: 'Certificate checks are what tie an HTTPS download to the server it claims to come from. With `curl -k`, `wget --no-check-certificate`, `pip --trusted-host`, `npm config set strict-ssl false`, `git -c http.sslVerify=false`, yum\'s `sslverify=0` or variables such as NODE_TLS_REJECT_UNAUTHORIZED=0, PYTHONHTTPSVERIFY=0, GIT_SSL_NO_VERIFY and PIP_TRUSTED_HOST, anyone on the network path (a proxy, a hijacked resolver, a rogue Wi-Fi) can serve their own packages and scripts to the build, and they end up in the image. Set in ENV or ARG, the variables also stay on for the application at run time. Fix the trust store instead: install `ca-certificates`, or add your proxy\'s or registry\'s CA certificate to the image.',
  references: [
    'CIS Docker Benchmark 4.11: Ensure only verified packages are installed',
    'NIST SP 800-190 §4.1.5: Use of untrusted images',
    'NIST SP 800-190 §4.2.1: Insecure connections to registries',
  ],
  equivalents: {
    checkov: ['CKV2_DOCKER_2', 'CKV2_DOCKER_3', 'CKV2_DOCKER_4', 'CKV2_DOCKER_16', 'CKV2_DOCKER_5', 'CKV2_DOCKER_6', 'CKV2_DOCKER_12', 'CKV2_DOCKER_13', 'CKV2_DOCKER_14', 'CKV2_DOCKER_15'],
  },
  fix: { description: 'Remove the flag that turns the check off (`-k`, `--insecure`, `--no-check-certificate`, `--trusted-host <host>`, `--setopt=sslverify=0` …), or the ENV/ARG variable; downloads from hosts with untrusted certificates then fail until their CA is installed', safety: 'unsafe' },
  check({ model, report }) {
    for (const { instruction: ins, command } of model.runs()) {
      if (!mayHit(command)) continue;
      for (const hit of commandHits(command)) report(hit.span, hit.message, { fix: fixFor(model, ins, hit) });
    }
    for (const ins of model.instructions) {
      if (ins.keyword !== 'ENV' && ins.keyword !== 'ARG') continue;
      const pairs = model.keyValues(ins);
      pairs.forEach((kv, i) => {
        if (kv.text === null) return;
        const why = envProblem(kv.key.value, kv.text);
        if (!why) return;
        const span = { start: kv.key.start, end: kv.value ? kv.value.end : kv.key.end };
        const own = pairs.length === ins.words.length; // KEY=value pairs, one per word
        report(span, `${ins.keyword} ${kv.key.value}=${kv.text}: ${why}`, {
          fix: pairs.length === 1 ? () => ({ title: `Remove ${ins.keyword} ${kv.key.value}`, safety: 'unsafe', edits: [deleteInstruction(model, ins)] })
            : own ? () => ({ title: `Remove ${kv.key.value}`, safety: 'unsafe', edits: [deleteWords(ins.words, i)] }) : undefined,
        });
      });
    }
  },
});
