/**
 * Does one file belong to a workspace folder's scan? The same answer the folder walk gives (.gitignore files
 * from the git work tree's top down, git precedence, rampart.exclude relative to the folder, node_modules and
 * version-control directories skipped), for a single path, so that a file event does not need a new walk.
 */
import * as fs from 'fs';
import * as path from 'path';
import ignore, { type Ignore } from 'ignore';

const SKIPPED_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', '.bzr', '_darcs', 'CVS', '.jj', '.sl', '.pijul']);

const toPosix = (p: string) => (path.sep === '/' ? p : p.split(path.sep).join('/'));

export class IgnoreCache {
  private files = new Map<string, Ignore | null>();
  private tops = new Map<string, string | null>();

  /** Forget everything (a .gitignore changed). */
  clear(): void { this.files.clear(); this.tops.clear(); }

  private async gitignore(dir: string): Promise<Ignore | null> {
    if (this.files.has(dir)) return this.files.get(dir)!;
    let ig: Ignore | null = null;
    try { ig = ignore().add(await fs.promises.readFile(path.join(dir, '.gitignore'), 'utf8')); } catch { ig = null; }
    this.files.set(dir, ig);
    return ig;
  }

  /** The git work tree's top above `dir` (inclusive), or null. */
  private async gitTop(dir: string): Promise<string | null> {
    if (this.tops.has(dir)) return this.tops.get(dir)!;
    let d = dir, top: string | null = null;
    for (;;) {
      if (await fs.promises.lstat(path.join(d, '.git')).then(() => true, () => false)) { top = d; break; }
      const up = path.dirname(d);
      if (up === d) break;
      d = up;
    }
    this.tops.set(dir, top);
    return top;
  }

  /** Is `file` (a directory when `isDir`) part of the folder's scan? */
  async includes(folder: string, file: string, exclude: string[], isDir = false): Promise<boolean> {
    const rel = toPosix(path.relative(folder, file));
    if (!rel || rel.startsWith('../') || rel === '..' || path.isAbsolute(rel)) return false;
    const parts = rel.split('/');
    if ((isDir ? parts : parts.slice(0, -1)).some(p => SKIPPED_DIRS.has(p))) return false;
    if (exclude.length) {
      const ex = ignore().add(exclude);
      for (let i = 1; i <= parts.length; i++) {
        const sub = parts.slice(0, i).join('/');
        if (ex.ignores(i < parts.length || isDir ? sub + '/' : sub)) return false;
      }
    }
    // .gitignore levels: from the git top (when the folder is inside a work tree) or the folder, down to the file's directory
    const top = await this.gitTop(folder);
    const start = top && top.length < folder.length ? top : folder;
    const dirs: string[] = [];
    for (let d = path.dirname(file); ; d = path.dirname(d)) {
      dirs.unshift(d);
      if (d === start || path.dirname(d) === d) break;
    }
    const levels: { dir: string; ig: Ignore }[] = [];
    for (const d of dirs) {
      const ig = await this.gitignore(d);
      if (ig) levels.push({ dir: d, ig });
    }
    // a directory on the way that is ignored hides everything below it; then the file itself
    const chain = dirs.filter(d => d.length > start.length).map(d => ({ p: d, dir: true })).concat({ p: file, dir: isDir });
    for (const { p, dir } of chain) {
      let ignored = false;
      for (const l of levels) {
        const r = toPosix(path.relative(l.dir, p));
        if (!r || r.startsWith('..')) continue;
        const t = l.ig.test(dir ? r + '/' : r);
        if (t.ignored) ignored = true; else if (t.unignored) ignored = false;
      }
      if (ignored) return false;
    }
    return true;
  }
}
