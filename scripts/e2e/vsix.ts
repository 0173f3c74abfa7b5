/**
 * What a .vsix holds (it is a zip: the central directory lists every entry), and the rules the packaged
 * extension must meet: only the bundles, the grammars, the icons, README, LICENSE and the manifest; under 3 MB.
 */
import * as fs from 'fs';

export interface ZipEntry { name: string; size: number; compressed: number }

/** The entries of a zip file, read from its central directory. */
export function zipEntries(file: string): ZipEntry[] {
  const buf = fs.readFileSync(file);
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) { eocd = i; break; }
  }
  if (eocd < 0) throw new Error(`${file} is not a zip file`);
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const out: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(at) !== 0x02014b50) throw new Error(`${file}: bad central directory entry ${i}`);
    const nameLen = buf.readUInt16LE(at + 28), extra = buf.readUInt16LE(at + 30), comment = buf.readUInt16LE(at + 32);
    out.push({ name: buf.toString('utf8', at + 46, at + 46 + nameLen), compressed: buf.readUInt32LE(at + 20), size: buf.readUInt32LE(at + 24) });
    at += 46 + nameLen + extra + comment;
  }
  return out;
}

export const MAX_VSIX_BYTES = 3 * 1024 * 1024;

/**
 * Files the extension ships (paths inside the package's extension/ folder; vsce stores README.md as readme.md and
 * LICENSE as LICENSE.txt); exact names or a folder prefix.
 */
export const SHIPPED = ['package.json', 'readme.md', 'LICENSE.txt', 'dist/extension.js', 'dist/server.js',
  'client/media/icon.png', 'client/media/rampart.svg', 'syntaxes/', 'schemas/rampart.schema.json'];

/** Problems with a packaged .vsix (empty: fine). */
export function checkVsix(file: string): string[] {
  const problems: string[] = [];
  const size = fs.statSync(file).size;
  if (size >= MAX_VSIX_BYTES) problems.push(`${file} is ${size} bytes, over ${MAX_VSIX_BYTES}`);
  const entries = zipEntries(file);
  const names = entries.map(e => e.name);
  for (const n of names) {
    if (n === '[Content_Types].xml' || n === 'extension.vsixmanifest') continue;
    const rel = n.startsWith('extension/') ? n.slice('extension/'.length) : null;
    if (rel === null || !SHIPPED.some(s => (s.endsWith('/') ? rel.startsWith(s) : rel === s))) problems.push(`unexpected file in the package: ${n}`);
  }
  for (const must of ['extension/package.json', 'extension/dist/extension.js', 'extension/dist/server.js', 'extension/readme.md',
    'extension/LICENSE.txt',
    'extension/syntaxes/helm-template.injection.tmLanguage.json', 'extension/syntaxes/vault-policy.tmLanguage.json',
    'extension/client/media/icon.png', 'extension/client/media/rampart.svg', 'extension/schemas/rampart.schema.json']) {
    if (!names.includes(must)) problems.push(`missing from the package: ${must}`);
  }
  return problems;
}
