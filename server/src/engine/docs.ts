/** Where each rule's documentation lives, and the Markdown generated for it from the rule's own fields. */
import type { RuleMeta } from '../../../rules/rule';

type Rule = RuleMeta & { kind: string };

export const HOMEPAGE = 'https://github.com/rampart-dev/rampart';
/** Where the project configuration file (.rampart.yaml) is described. */
export const CONFIG_DOC_URL = `${HOMEPAGE}/blob/main/README.md#project-configuration-rampartyaml`;

export function ruleDocPath(id: string): string {
  return `docs/rules/${id}.md`;
}
export function ruleDocUrl(id: string): string {
  return `${HOMEPAGE}/blob/main/${ruleDocPath(id)}`;
}

const PEER_NAMES: Record<string, string> = {
  checkov: 'checkov', hadolint: 'hadolint', trivy: 'Trivy', kics: 'KICS', 'kube-linter': 'kube-linter', polaris: 'Polaris',
};

export function equivalentsText(r: Rule): string {
  const parts = Object.entries(r.equivalents).filter(([, ids]) => ids && ids.length)
    .map(([peer, ids]) => `${PEER_NAMES[peer] ?? peer} ${ids!.join(', ')}`);
  return parts.length ? parts.join('; ') : 'none verified';
}

export function rulePage(r: Rule): string {
  const lines = [
    `# ${r.id}`, '',
    `**${r.title}** — severity \`${r.severity}\`, file kind \`${r.kind}\``, '',
    r.rationale, '',
    '## Fix', '',
    r.fix ? `${r.fix.description} (${r.fix.safety === 'safe' ? 'safe: applied by fix-all and `--fix`' : 'unsafe: behaviour may change, offered as a quick fix only'}).` : 'No automatic fix: the change needs a decision.',
    '',
    '## References', '',
    ...(r.references.length ? r.references.map(x => `- ${x}`) : ['- none']),
    '',
    '## Equivalent checks in other tools', '',
    ...(Object.keys(r.equivalents).length
      ? Object.entries(r.equivalents).map(([peer, ids]) => `- ${PEER_NAMES[peer] ?? peer}: ${ids!.map((i: string) => '`' + i + '`').join(', ')}`)
      : ['- none verified']),
    '',
    ...(r.kind === 'any' ? [] : [
      '## Suppress', '',
      'Put a comment on the line above the finding:', '',
      '```', `# rampart-ignore: ${r.id} -- reason`, '```', '',
      `or \`# rampart-ignore-file: ${r.id}\` anywhere in the file.`, '',
    ]),
    '_Generated from the rule\'s source by `npm run gen`; do not edit._', '',
  ];
  return lines.join('\n');
}

export function rulesTable(rules: Rule[]): string {
  const sorted = [...rules].sort((a, b) => (a.id < b.id ? -1 : 1));
  const lines = [
    '# Rampart rules', '',
    `${sorted.length} rules. Generated from the rule modules in \`rules/\` by \`npm run gen\`; do not edit.`, '',
    '| id | title | severity | fix | equivalents |',
    '| --- | --- | --- | --- | --- |',
    ...sorted.map(r => `| [${r.id}](rules/${r.id}.md) | ${r.title} | ${r.severity} | ${r.fix ? r.fix.safety : '—'} | ${equivalentsText(r)} |`),
    '',
  ];
  return lines.join('\n');
}
