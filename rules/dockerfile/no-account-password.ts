import { rule } from '../rule';
import type { DockerfileModel } from '../../server/src/dockerfile/model';
import type { Instruction, Span } from '../../server/src/dockerfile/parser';
import { readsPipe, type ShellCommand } from '../../server/src/dockerfile/shell';
import { optionSpec as spec, readOptions, type Option, type OptionSpec } from './_run';

const ACCOUNT_ADVICE = 'lock the account (`usermod -L`, `passwd -l`) or create it without a password (`useradd -r -s /usr/sbin/nologin`, `adduser --disabled-password`); give credentials to the running container from a secret store';
const GROUP_ADVICE = 'do not give groups a password (whoever knows it joins the group with `newgrp`); add the users who need the group with `usermod -aG`';

const SPECS = new Map<string, OptionSpec>(Object.entries({
  // shadow-utils, the Red Hat (libuser) passwd and BusyBox (-a ALG)
  passwd: spec([...'anxwirRP'], {
    delete: 'd', lock: 'l', unlock: 'u', expire: 'e', status: 'S', mindays: 'n', maxdays: 'x', warndays: 'w', inactive: 'i',
    repository: 'r', root: 'R', prefix: 'P', 'keep-tokens': 'k', keep: 'k', stdin: 's', quiet: 'q', force: 'f', help: 'h', usage: 'h',
  }),
  chpasswd: spec([...'csRP'], { 'crypt-method': 'c', encrypted: 'e', md5: 'm', root: 'R', prefix: 'P', 'sha-rounds': 's', help: 'h' }),
  usermod: spec([...'cdefgGlpPRsuZvVwW', 'selinux-range'], {
    password: 'p', lock: 'L', unlock: 'U', comment: 'c', home: 'd', expiredate: 'e', inactive: 'f', gid: 'g', groups: 'G', login: 'l',
    prefix: 'P', root: 'R', shell: 's', uid: 'u', 'selinux-user': 'Z', 'add-subuids': 'v', 'del-subuids': 'V', 'add-subgids': 'w',
    'del-subgids': 'W', append: 'a', 'move-home': 'm', 'non-unique': 'o', remove: 'r', 'selinux-range': 'selinux-range',
  }),
  useradd: spec([...'bcdefgGkKpPRsuZ', 'selinux-range'], {
    password: 'p', 'base-dir': 'b', comment: 'c', 'home-dir': 'd', expiredate: 'e', inactive: 'f', gid: 'g', groups: 'G', skel: 'k',
    key: 'K', prefix: 'P', root: 'R', shell: 's', uid: 'u', 'selinux-user': 'Z', 'selinux-range': 'selinux-range', system: 'r',
    'create-home': 'm', 'no-create-home': 'M', 'no-user-group': 'N', 'user-group': 'U', 'non-unique': 'o', 'no-log-init': 'l',
  }),
  groupadd: spec([...'gKpPRU'], { password: 'p', gid: 'g', key: 'K', prefix: 'P', root: 'R', users: 'U', force: 'f', 'non-unique': 'o', system: 'r' }),
  groupmod: spec([...'gnpPRU'], { password: 'p', gid: 'g', 'new-name': 'n', prefix: 'P', root: 'R', users: 'U', append: 'a', 'non-unique': 'o' }),
  gpasswd: spec([...'adQAM'], { add: 'a', delete: 'd', root: 'Q', 'delete-password': 'r', restrict: 'R', administrators: 'A', members: 'M', help: 'h' }),
  // Debian's adduser (long options only) and BusyBox's (short ones, and the same long names)
  adduser: spec([...'hgsGuk', 'gid', 'conf', 'firstuid', 'lastuid', 'firstgid', 'lastgid'], {
    'disabled-password': 'D', 'disabled-login': 'D', 'empty-password': 'D', system: 'S', group: 'group', home: 'h', gecos: 'g', comment: 'g',
    shell: 's', ingroup: 'G', uid: 'u', skel: 'k', gid: 'gid', conf: 'conf', firstuid: 'firstuid', lastuid: 'lastuid', firstgid: 'firstgid', lastgid: 'lastgid',
  }),
}));
SPECS.set('chgpasswd', SPECS.get('chpasswd')!);

/** passwd options that do something other than set a new password (lock, expire, report, password ageing, help). */
const PASSWD_OTHER = new Set([...'leSnxwih?']);

/** `-p '*'`, `-p '!'`, `-p '!!'`: a password field no password matches (a locked account). */
const isLockedValue = (v: string) => /^[!*]+$/.test(v);

/** The command reads its standard input from a pipe or a redirection (`… | cmd`, `cmd < file`, `<<EOF`, `<<<`), not /dev/null. */
function stdinFed(c: ShellCommand): boolean {
  return readsPipe(c) || c.redirections.some(r => /^0?</.test(r.op) && !r.op.includes('&') && r.target?.value !== '/dev/null');
}

/** A `--mount=type=secret` on the RUN. */
function secretMount(ins: Instruction): boolean {
  return ins.flags.some(f => f.name === 'mount' && /(^|,)type=secret(,|$)/.test(f.value ?? ''));
}

/**
 * `echo 'app:!' | chpasswd -e`, `chpasswd -e <<< 'app:*'`: every line fed to the command sets a locked value. Read
 * from an echo/printf with literal arguments right before it in the pipeline, or from a here-string.
 */
function feedsOnlyLocked(model: DockerfileModel, ins: Instruction, c: ShellCommand): boolean {
  let text: string | null = null;
  const here = c.redirections.find(r => r.op === '<<<');
  if (here?.target) text = here.target.value;
  else if (c.op === '|') {
    const cmds = model.shell(ins);
    const prev = cmds[cmds.indexOf(c) - 1];
    if (prev && prev.pipeline === c.pipeline && (prev.name === 'echo' || prev.name === 'printf')) {
      const args = prev.argv.slice(1);
      while (prev.name === 'echo' && args.length && /^-[neE]+$/.test(args[0].value)) args.shift();
      text = args.map(w => w.value).join(' ');
    }
  }
  if (text === null || /[$`]/.test(text)) return false;
  const lines = text.split(/\\n|\n/).filter(l => l.trim() !== '');
  return lines.length > 0 && lines.every(l => /^[^:]+:[!*]+$/.test(l.trim()));
}

export default rule({
  id: 'dockerfile/no-account-password',
  kind: 'dockerfile',
  title: 'Account password set in RUN',
  severity: 'high',
  sensitive: true,
  rationale: 'A RUN that sets an account password (`chpasswd`, `passwd`, `usermod -p`/`useradd -p`, a password piped into `adduser`) writes its hash to /etc/shadow in a layer of the image. Everyone who can pull the image can read that hash and crack it offline, every container started from the image accepts the same login, and changing it means rebuilding and redeploying; the clear-text password is usually in the Dockerfile, the build arguments or the image history as well. A secret mount only keeps the clear text out of the layer: the hash still ships. Removing a password (`passwd -d`, `-p \'\'`) or unlocking one (`passwd -u`, which BusyBox turns into an empty password for an account made with `adduser -D`) is worse: any process in the container can `su` to that account. Group passwords (`chgpasswd`, `gpasswd`, `groupadd -p`) have the same problem with /etc/gshadow and `newgrp`. Create service accounts locked (`useradd -r -s /usr/sbin/nologin`, `adduser --disabled-password`), lock existing ones, and give credentials to the running container from a secret store. Checkov\'s CKV2_DOCKER_17 looks for the word `chpasswd` in the RUN text; this rule reads the commands instead, so it also covers the other tools and wrapped or nested commands, and it leaves alone locking (`passwd -l`, `usermod -L`, `usermod -p \'!\'`), look-ups and the word used as data.',
  references: [
    'CIS Docker Benchmark 4.10: Ensure secrets are not stored in Dockerfiles',
    'NIST SP 800-190 §4.1.4: Embedded clear text secrets',
  ],
  equivalents: { checkov: ['CKV2_DOCKER_17'] },
  check({ model, report }) {
    for (const { instruction: ins, command: c } of model.runs()) {
      // `busybox passwd …` runs the applet
      const head = c.name === 'busybox' ? 1 : 0;
      const word = c.argv[head];
      if (!word) continue;
      const name = head ? word.value : c.name;
      const s = SPECS.get(name);
      if (!s) continue;
      const cmd = c.argv.slice(0, head + 1).map(w => w.value).join(' ');
      const { options, operands } = readOptions(c.argv.slice(head + 1), s);
      const has = (key: string) => options.find(o => o.key === key);
      const secret = secretMount(ins);
      const set = (span: Span, what: string, group = false) => report(span, `\`${what}\` sets ${group ? 'a group' : 'an account'} password during the build${secret ? ' from a build secret: the secret itself stays out of the layer, but' : ':'} the hash is stored in ${group ? '/etc/gshadow' : '/etc/shadow'} in the image layer, where anyone who can pull the image can read it and crack it offline; ${group ? GROUP_ADVICE : ACCOUNT_ADVICE}`);
      const empty = (span: Span, what: string) => report(span, `\`${what}\` leaves the account without a password: anyone with a shell in the container can \`su\` to it; ${ACCOUNT_ADVICE}`);
      const unlock = (o: Option) => report(o.span, `\`${cmd} ${o.word.value}\` unlocks the account's password: ${name === 'passwd' ? 'with BusyBox an account created by `adduser -D` is left with no password at all, and otherwise ' : ''}the password hash stored in the image works again; ${ACCOUNT_ADVICE}`);

      switch (name) {
        case 'chpasswd':
        case 'chgpasswd':
          if (has('h')) break;
          if (has('e') && feedsOnlyLocked(model, ins, c)) break;
          set(word, cmd, name === 'chgpasswd');
          break;
        case 'passwd': {
          const d = has('d');
          if (d) { empty(d.span, `${cmd} ${d.word.value}`); break; }
          const u = has('u');
          if (u) { unlock(u); break; }
          if (options.some(o => PASSWD_OTHER.has(o.key))) break;
          set(word, cmd);
          break;
        }
        case 'usermod':
        case 'useradd':
        case 'groupadd':
        case 'groupmod': {
          const p = has('p');
          const group = name.startsWith('group');
          if (p && p.value !== null && !isLockedValue(p.value)) {
            const opt = `${cmd} ${p.word.value.startsWith('--') ? '--password' : '-p'}`;
            // an empty group password lets no one in who is not a member
            if (p.value === '') { if (!group) empty(p.span, `${opt} ''`); }
            else set(p.span, opt, group);
            break;
          }
          const u = name === 'usermod' && !p ? has('U') : undefined;
          if (u) unlock(u);
          break;
        }
        case 'gpasswd':
          // `gpasswd GROUP` alone asks for the group's new password
          if (operands.length === 1 && options.every(o => o.key === 'Q')) set(word, cmd, true);
          break;
        case 'adduser':
          // creates one account (a second operand adds an existing user to a group) and asks for its password, which
          // only happens when something feeds it
          if (operands.length === 1 && !has('D') && !has('S') && !has('group') && stdinFed(c)) set(word, cmd);
          break;
      }
    }
  },
});
