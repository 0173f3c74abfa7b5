/**
 * Rampart's findings as VS Code holds them: the diagnostics whose source is "rampart" — the very ones the
 * Problems panel shows, read from `languages.getDiagnostics()`. The tree view and the status bar are views of
 * this; nothing here keeps a second copy of what the server found.
 */
import * as vscode from 'vscode';

export const SOURCE = 'rampart';

export interface Finding {
  uri: vscode.Uri;
  diagnostic: vscode.Diagnostic;
  ruleId: string;
}

export function ruleIdOf(d: vscode.Diagnostic): string {
  const c = d.code;
  if (c === undefined) return '';
  return typeof c === 'object' ? String(c.value) : String(c);
}

/** Severity names in VS Code's order (Error = 0 … Hint = 3). */
export const SEVERITY_NAMES = ['Error', 'Warning', 'Information', 'Hint'] as const;
export type SeverityCounts = [number, number, number, number];

export class FindingsModel implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires (debounced) after Rampart's diagnostics changed. */
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;
  private cache: Finding[] | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly debounceMs = 60) {
    this.subscription = vscode.languages.onDidChangeDiagnostics(() => {
      this.cache = undefined;
      if (this.timer) return;
      this.timer = setTimeout(() => { this.timer = undefined; this.changed.fire(); }, this.debounceMs);
    });
  }

  /** All of Rampart's diagnostics, sorted by file, then position. */
  all(): Finding[] {
    if (this.cache) return this.cache;
    const out: Finding[] = [];
    for (const [uri, diags] of vscode.languages.getDiagnostics()) {
      for (const d of diags) if (d.source === SOURCE) out.push({ uri, diagnostic: d, ruleId: ruleIdOf(d) });
    }
    out.sort((a, b) => compareUris(a.uri, b.uri) || a.diagnostic.range.start.compareTo(b.diagnostic.range.start) ||
      a.diagnostic.severity - b.diagnostic.severity);
    return (this.cache = out);
  }

  counts(findings: Finding[] = this.all()): SeverityCounts {
    const c: SeverityCounts = [0, 0, 0, 0];
    for (const f of findings) c[f.diagnostic.severity]++;
    return c;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.subscription.dispose();
    this.changed.dispose();
  }
}

export function compareUris(a: vscode.Uri, b: vscode.Uri): number {
  const x = a.toString(), y = b.toString();
  return x < y ? -1 : x > y ? 1 : 0;
}
