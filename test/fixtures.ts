/** Reads the inline expectations of the fixtures under test-fixtures/. */
import { after } from 'node:test';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export const FIXTURES = path.resolve(__dirname, '..', '..', 'test-fixtures');

export interface Expectation { ruleId: string; range: { start: { line: number; character: number }; end: { line: number; character: number } }; message: string; at: string }

const EXPECT_RE = /^\s*#\s*expect:\s*(\S+)\s+(\d+)-(?:\+(\d+):)?(\d+)\s+"(.*)"\s*$/;

/**
 * `# expect: <rule-id> <startCol>-<endCol> "<message>"` above the offending line (1-based columns, end
 * exclusive); `<startCol>-+<k>:<endCol>` when the range ends k lines further down. Several expect lines may
 * stack above one line.
 */
export function readExpectations(file: string, text: string): Expectation[] {
  const lines = text.split('\n').map(l => l.replace(/\r$/, ''));
  const out: Expectation[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!/^\s*#\s*expect:/.test(lines[i])) continue;
    const m = EXPECT_RE.exec(lines[i]);
    if (!m) throw new Error(`${file}:${i + 1}: malformed expectation: ${lines[i]}`);
    let target = i + 1;
    while (target < lines.length && /^\s*#\s*expect:/.test(lines[target])) target++;
    const endLine = target + (m[3] ? Number(m[3]) : 0);
    out.push({
      ruleId: m[1], message: m[5], at: `${path.relative(FIXTURES, file)}:${i + 1}`,
      range: { start: { line: target, character: Number(m[2]) - 1 }, end: { line: endLine, character: Number(m[4]) - 1 } },
    });
  }
  return out;
}

export function walk(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? walk(p) : [p];
  }).sort();
}

export function fmtRange(r: Expectation['range']): string {
  return `${r.start.line + 1}:${r.start.character + 1}-${r.end.line + 1}:${r.end.character + 1}`;
}

const temps: string[] = [];
after(() => { for (const t of temps) fs.rmSync(t, { recursive: true, force: true }); });

/** A temporary directory, removed when the test file ends. */
export function tempDir(prefix: string): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  temps.push(d);
  return d;
}

/** Writes files: name -> content (string or bytes); names ending with / are directories. */
export function writeTree(root: string, files: Record<string, string | Buffer>): void {
  for (const [name, content] of Object.entries(files)) {
    const p = path.join(root, name);
    if (name.endsWith('/')) { fs.mkdirSync(p, { recursive: true }); continue; }
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, content);
  }
}
