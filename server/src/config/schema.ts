/**
 * The JSON schema of the project configuration file, for editors (completion and checks in `.rampart.json`
 * and, with a YAML extension, `.rampart.yaml`). Generated into schemas/rampart.schema.json by `npm run gen`;
 * project.ts is what Rampart itself validates with, and a test keeps the two in step.
 */
import { SEVERITIES } from '../engine/types';
import { CONFIG_KEYS } from './project';

export function configSchema(rules: { id: string; title: string; severity: string }[]): object {
  const level = (title: string, severity: string) => ({ enum: ['off', ...SEVERITIES], description: `${title} (default: ${severity})` });
  const schema = {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://github.com/rampart-dev/rampart/blob/main/schemas/rampart.schema.json',
    title: 'Rampart project configuration (.rampart.yaml, .rampart.yml, .rampart.json)',
    type: 'object',
    additionalProperties: false,
    properties: {
      rules: {
        description: 'Per rule: "off", or the severity to report it with.',
        type: 'object',
        additionalProperties: false,
        properties: Object.fromEntries(rules.map(r => [r.id, level(r.title, r.severity)])),
      },
      exclude: {
        description: 'Paths not to check: gitignore-style globs, relative to the directory of this file.',
        type: 'array',
        items: { type: 'string' },
      },
      failOn: {
        description: '`rampart scan` exits with code 1 when a finding has this severity or higher ("none": never), unless --fail-on is given.',
        enum: ['none', ...SEVERITIES],
      },
    },
  };
  // the keys are project.ts's own
  if (Object.keys(schema.properties).join() !== CONFIG_KEYS.join()) throw new Error('schema.ts and project.ts disagree on the settings');
  return schema;
}
