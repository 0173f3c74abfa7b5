/**
 * Prints a fixture with `# expect:` lines for what the engine reports now, to help write fixtures.
 * Review every line it writes: a fixture is a specification, not a snapshot of whatever the code does.
 * Usage: node out/scripts/expect.js FILE [--write]
 */
import * as fs from 'fs';
import { lintText } from '../server/src/engine/engine';

const file = process.argv[2];
const text = fs.readFileSync(file, 'utf8');
const lines = text.split('\n');
const kept: string[] = [];
const map: number[] = []; // original line index -> index in kept
lines.forEach((l, i) => { if (!/^\s*#\s*expect:/.test(l)) { map[i] = kept.length; kept.push(l); } });
const clean = kept.join('\n');
const res = lintText(file, clean);
if (!res) { console.error('not a checked file'); process.exit(2); }
const byLine = new Map<number, string[]>();
for (const f of res.findings) {
  const r = f.range;
  const end = r.end.line === r.start.line ? `${r.end.character + 1}` : `+${r.end.line - r.start.line}:${r.end.character + 1}`;
  const l = `# expect: ${f.ruleId} ${r.start.character + 1}-${end} "${f.message}"`;
  // in a CRLF file the expect lines end with CR too (split('\n') leaves it on every other line)
  byLine.set(r.start.line, [...(byLine.get(r.start.line) ?? []), text.includes('\r\n') ? l + '\r' : l]);
}
const out: string[] = [];
kept.forEach((l, i) => { out.push(...(byLine.get(i) ?? [])); out.push(l); });
if (process.argv.includes('--write')) fs.writeFileSync(file, out.join('\n')); else process.stdout.write(out.join('\n'));
