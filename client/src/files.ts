/**
 * The files the extension hands to the language server: every name the engine recognises (engine/detect.ts),
 * independent of the language ids other extensions give them. A new domain adds its patterns here (and to
 * `workspaceContains` in package.json — test/package-manifest.test.ts keeps the two in step).
 */
/** Name patterns, written in their usual case; matched case-insensitively, like the engine does. */
export const FILE_PATTERNS: readonly string[] = [
  // Dockerfiles and Containerfiles: Dockerfile, app.Dockerfile, Dockerfile.dev
  '**/Dockerfile', '**/*.Dockerfile', '**/Dockerfile.*',
  '**/Containerfile', '**/*.Containerfile', '**/Containerfile.*',
];

/** Turns a glob into one that matches letters of either case (`Dockerfile` -> `[dD][oO]…`). */
export function caseInsensitiveGlob(glob: string): string {
  let out = '';
  let inClass = false;
  for (const ch of glob) {
    if (ch === '[') inClass = true;
    else if (ch === ']') inClass = false;
    const lower = ch.toLowerCase(), upper = ch.toUpperCase();
    out += !inClass && lower !== upper ? `[${lower}${upper}]` : ch;
  }
  return out;
}

/** One filter per pattern, on-disk files only (untitled and virtual documents have no name the engine knows). */
export function documentSelector(): { scheme: 'file'; pattern: string }[] {
  return FILE_PATTERNS.map(p => ({ scheme: 'file' as const, pattern: caseInsensitiveGlob(p) }));
}
