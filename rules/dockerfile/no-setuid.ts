import { rule } from '../rule';
import { MODE_COMMANDS, modeArgs, parseMode, setIdBits, withoutSetId } from './_mode';

export default rule({
  id: 'dockerfile/no-setuid',
  kind: 'dockerfile',
  title: 'chmod sets the setuid or setgid bit',
  severity: 'high',
  rationale: 'A setuid (or setgid) program runs with the privileges of its owner (or group) whatever the caller, so a setuid-root binary in the image is a standing path from the unprivileged runtime user to root: any bug or shell escape in it becomes a privilege escalation inside the container, one step closer to the host. Containers almost never need these bits. Leave them off the files you add, strip them from the base image\'s binaries you do not need (`find / -perm /6000 -type f -exec chmod a-s {} +`), and run with `no-new-privileges` so that the kernel ignores any that remain.',
  references: [
    'CIS Docker Benchmark 4.8: Ensure setuid and setgid permissions are removed',
    'NIST SP 800-190 §4.1.2: Image configuration defects',
  ],
  equivalents: {},
  fix: { description: 'Remove the setuid/setgid bits from the mode (4755 → 0755, u+rws → u+rw; `u+s` alone becomes `u-s`)', safety: 'unsafe' },
  check({ model, report }) {
    for (const { instruction: ins, command } of model.commandsNamed(...MODE_COMMANDS)) {
      for (const m of modeArgs(command)) {
        const mode = parseMode(m.mode);
        if (!mode) continue;
        const { u, g } = setIdBits(mode);
        // setgid on a directory created by mkdir only makes new files inherit its group
        if (!u && (!g || command.name === 'mkdir')) continue;
        const bits = u && g ? 'the setuid and setgid bits' : u ? 'the setuid bit' : 'the setgid bit';
        const fixed = withoutSetId(m.mode);
        const editable = m.editable && !ins.json;
        const whose = u && g ? "owner's and group's" : u ? "owner's" : "group's";
        report(m.span, `\`${m.label}\` sets ${bits}: whoever starts the program gets its ${whose} privileges`, {
          fix: fixed && editable ? () => ({ title: `Use mode ${fixed}`, safety: 'unsafe', edits: [{ start: m.span.start, end: m.span.end, newText: fixed }] }) : undefined,
        });
      }
    }
  },
});
