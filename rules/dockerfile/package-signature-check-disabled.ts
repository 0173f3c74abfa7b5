import { rule } from '../rule';
import type { ShellCommand, ShellWord } from '../../server/src/dockerfile/shell';
import type { Span } from '../../server/src/dockerfile/parser';
import { readPackageCommand } from './_pkg';
import { deleteWords, editable } from './_run';

const TRUE = /^(1|true|yes|on)$/i;
const FALSE = /^(0|false|no|off)$/i;

/** Flags that skip signature checks, by package-manager family. */
const FLAG_TABLE: Record<string, Record<string, string>> = {
  apk: { '--allow-untrusted': 'lets apk install packages whose signatures it cannot verify' },
  apt: {
    '--allow-unauthenticated': 'lets apt install packages that fail signature checks',
    '--force-yes': 'makes apt install packages that fail signature checks (and override its other safety prompts)',
    '--allow-insecure-repositories': 'lets apt use repositories whose metadata is unsigned',
  },
  rpm: { '--nogpgcheck': 'installs packages without checking their GPG signatures', '--no-gpgchecks': 'installs packages without checking their GPG signatures' },
  rpmtool: { '--nosignature': 'installs the package without checking its signature', '--nodigest': 'installs the package without checking its digests' },
  zypper: { '--no-gpg-checks': 'installs packages without checking their GPG signatures', '--allow-unsigned-rpm': 'installs RPM files that carry no signature' },
};
const FLAGS = new Map(Object.entries(FLAG_TABLE).map(([family, flags]) => [family, new Map(Object.entries(flags))]));
const RPM_TOOLS = new Set(['yum', 'dnf', 'dnf5', 'microdnf', 'tdnf', 'yum-config-manager']);
/** apt -o settings that do the same. */
const APT_SETTINGS = /^(APT::Get::AllowUnauthenticated|Acquire::AllowInsecureRepositories|APT::Get::force-yes)=(.*)$/i;

interface Hit { span: Span; message: string; words?: ShellWord[]; index?: number; count?: number }

function hits(c: ShellCommand): Hit[] {
  const out: Hit[] = [];
  const p = readPackageCommand(c);
  if (p) {
    const flags = FLAGS.get(p.family);
    for (const o of p.options) {
      const index = c.words.indexOf(o.word);
      const what = flags?.get(o.name);
      if (what && o.value === null) out.push({ span: o.word, message: `\`${o.name}\` ${what}`, words: c.words, index, count: 1 });
      if (p.family === 'apt' && (o.name === '-o' || o.name === '--option') && o.value) {
        const m = APT_SETTINGS.exec(o.value);
        if (m && TRUE.test(m[2].replace(/^"|"$/g, ''))) {
          out.push({ span: o.valueWord ?? o.word, message: `\`${o.value}\` lets apt install packages that fail signature checks`, words: c.words, index, count: o.valueWord ? 2 : 1 });
        }
      }
    }
  }
  // yum/dnf --setopt=gpgcheck=0, yum-config-manager --setopt=*.gpgcheck=0
  if (RPM_TOOLS.has(c.name)) {
    const a = c.argv;
    for (let i = 1; i < a.length; i++) {
      const v = a[i].value;
      const setopt = v.startsWith('--setopt=') ? { value: v.slice(9), span: a[i], count: 1 } : v === '--setopt' && a[i + 1] ? { value: a[i + 1].value, span: a[i + 1], count: 2 } : null;
      const m = setopt && /(^|\.)(localpkg_)?gpgcheck=(.*)$/i.exec(setopt.value);
      if (setopt && m && FALSE.test(m[3])) out.push({ span: setopt.span, message: `\`--setopt=${setopt.value}\` makes ${c.name} install packages without checking their GPG signatures`, words: c.words, index: c.words.indexOf(a[i]), count: setopt.count });
    }
  }
  // echo "deb [trusted=yes] http://…" > /etc/apt/sources.list.d/…
  if (c.name === 'echo' || c.name === 'printf') {
    for (const w of c.argv.slice(1)) {
      if (/\[[^\]]*\btrusted=yes\b[^\]]*\]/.test(w.value)) out.push({ span: w, message: '`[trusted=yes]` makes apt accept this repository\'s packages without any signature' });
    }
  }
  return out;
}

export default rule({
  id: 'dockerfile/package-signature-check-disabled',
  kind: 'dockerfile',
  title: 'Package signature checks turned off',
  severity: 'high',
  rationale: 'Package managers verify each package (or the signed repository metadata that lists its checksum) against the distribution\'s keys, so that a mirror, a proxy or a man in the middle cannot slip in a modified package. `apk --allow-untrusted`, `apt-get --allow-unauthenticated` or `--force-yes`, `[trusted=yes]` sources, `yum/dnf --nogpgcheck` or `gpgcheck=0`, and `rpm --nosignature`/`--nodigest` turn that check off, so whatever the network delivers is installed with root privileges into the image. Trust the repository\'s signing key instead (a keyring under /etc/apt/keyrings referenced with `signed-by=`, `rpm --import`, the key in /etc/apk/keys) and keep verification on.',
  references: [
    'CIS Docker Benchmark 4.11: Ensure only verified packages are installed',
    'NIST SP 800-190 §4.1.5: Use of untrusted images',
  ],
  equivalents: { checkov: ['CKV2_DOCKER_7', 'CKV2_DOCKER_8', 'CKV2_DOCKER_11', 'CKV2_DOCKER_9', 'CKV2_DOCKER_10'] },
  fix: { description: 'Remove the flag or option that turns verification off; the install then fails until the repository\'s signing key is trusted', safety: 'unsafe' },
  check({ model, report }) {
    for (const { instruction: ins, command } of model.runs()) {
      if (!readPackageCommand(command) && !RPM_TOOLS.has(command.name) && command.name !== 'echo' && command.name !== 'printf') continue; // see hits
      for (const h of hits(command)) {
        const { words, index, count } = h;
        const ok = words && index !== undefined && index >= 0 && count && words.length > 1 && words.slice(index, index + count).every(w => editable(model, ins, w));
        report(h.span, h.message, {
          fix: ok ? () => ({ title: `Remove \`${words!.slice(index!, index! + count!).map(w => w.value).join(' ')}\``, safety: 'unsafe', edits: [deleteWords(words!, index!, count!)] }) : undefined,
        });
      }
    }
  },
});
