import { rule } from '../rule';
import { MODE_COMMANDS, grantsOthersWrite, modeArgs, parseMode, withoutOthersWrite } from './_mode';

export default rule({
  id: 'dockerfile/no-world-writable',
  kind: 'dockerfile',
  title: 'chmod makes files writable by every user',
  severity: 'high',
  rationale: 'A mode such as 777, 666, o+w or a+rwx lets any account in the container, including the unprivileged user the application runs as, replace or edit those files. An attacker who gets code execution through the application can then rewrite binaries, scripts or configuration that root or other services later trust, which turns a foothold into persistence or privilege escalation. Give write access only to the owner (755 for directories and programs, 644 for data), and hand the files to the runtime user with `COPY --chown` or `chown` where it really must write. Modes with the sticky bit (1777, the mode of /tmp) are not reported.',
  references: [
    'NIST SP 800-190 §4.1.2: Image configuration defects',
  ],
  equivalents: {},
  fix: { description: 'Replace the mode with one without write access for group and others (777 → 755, 666 → 644, a+rwx → u+rwx,go+rx)', safety: 'unsafe' },
  check({ model, report }) {
    for (const { instruction: ins, command } of model.commandsNamed(...MODE_COMMANDS)) {
      for (const m of modeArgs(command)) {
        const mode = parseMode(m.mode);
        if (!mode || !grantsOthersWrite(mode)) continue;
        const fixed = withoutOthersWrite(m.mode);
        const editable = m.editable && !ins.json;
        report(m.span, `\`${m.label}\` lets every user in the container write to these files`, {
          fix: fixed && editable ? () => ({ title: `Use mode ${fixed}`, safety: 'unsafe', edits: [{ start: m.span.start, end: m.span.end, newText: fixed }] }) : undefined,
        });
      }
    }
  },
});
