/**
 * The Findings view: Rampart's diagnostics grouped severity → rule → file → finding, or file → finding, with a
 * minimum-severity filter. Rebuilt from FindingsModel whenever the diagnostics change.
 */
import * as path from 'path';
import * as vscode from 'vscode';
import { FindingsModel, SEVERITY_NAMES, type Finding } from './findings';

export type Grouping = 'severity' | 'file';

export type Node =
  | { kind: 'severity'; id: string; severity: vscode.DiagnosticSeverity; findings: Finding[] }
  | { kind: 'rule'; id: string; ruleId: string; findings: Finding[] }
  | { kind: 'file'; id: string; uri: vscode.Uri; findings: Finding[] }
  | { kind: 'finding'; id: string; finding: Finding };

/** What a test (or anyone) can read of the tree without a UI: what each row shows. */
export interface RowSnapshot {
  label: string;
  description?: string;
  contextValue?: string;
  children?: RowSnapshot[];
}

const PLURAL = ['Errors', 'Warnings', 'Information', 'Hints'];
const ICONS: [string, string | undefined][] = [
  ['error', 'problemsErrorIcon.foreground'], ['warning', 'problemsWarningIcon.foreground'],
  ['info', 'problemsInfoIcon.foreground'], ['lightbulb', undefined],
];
/** Above this many findings the groups start collapsed. */
const EXPAND_LIMIT = 200;

function severityIcon(s: vscode.DiagnosticSeverity): vscode.ThemeIcon {
  const [name, color] = ICONS[s];
  return new vscode.ThemeIcon(name, color ? new vscode.ThemeColor(color) : undefined);
}

function groupBy<K>(items: Finding[], key: (f: Finding) => K): Map<K, Finding[]> {
  const m = new Map<K, Finding[]>();
  for (const f of items) {
    const k = key(f);
    const list = m.get(k);
    if (list) list.push(f); else m.set(k, [f]);
  }
  return m;
}

export class FindingsTreeProvider implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: vscode.Disposable;
  private roots: Node[] | undefined;
  /** How groups start: expanded, unless there are many findings. */
  private groupState = vscode.TreeItemCollapsibleState.Expanded;

  constructor(
    private readonly model: FindingsModel,
    public grouping: Grouping = 'severity',
    /** Findings less severe than this are hidden (VS Code's order: Error = 0 … Hint = 3). */
    public minimumSeverity: vscode.DiagnosticSeverity = vscode.DiagnosticSeverity.Hint,
  ) {
    this.subscription = model.onDidChange(() => this.refresh());
  }

  refresh(): void {
    this.roots = undefined;
    this.changed.fire(undefined);
  }

  /** The findings the view shows (after the filter). */
  visible(): Finding[] {
    return this.model.all().filter(f => f.diagnostic.severity <= this.minimumSeverity);
  }

  getChildren(node?: Node): Node[] {
    if (!node) return (this.roots ??= this.rootNodes());
    switch (node.kind) {
      case 'severity': return this.ruleNodes(node.id, node.findings);
      case 'rule': return this.fileNodes(node.id, node.findings);
      case 'file': return node.findings.map((finding, i) => ({ kind: 'finding', id: `${node.id}/${i}`, finding }));
      case 'finding': return [];
    }
  }

  private rootNodes(): Node[] {
    const findings = this.visible();
    this.groupState = findings.length > EXPAND_LIMIT ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.Expanded;
    if (this.grouping === 'file') return this.fileNodes('', findings);
    const bySeverity = groupBy(findings, f => f.diagnostic.severity);
    return [...bySeverity.keys()].sort((a, b) => a - b)
      .map(severity => ({ kind: 'severity', id: `s${severity}`, severity, findings: bySeverity.get(severity)! }));
  }

  private ruleNodes(parent: string, findings: Finding[]): Node[] {
    const byRule = groupBy(findings, f => f.ruleId);
    return [...byRule.entries()]
      .sort(([a, x], [b, y]) => y.length - x.length || (a < b ? -1 : a > b ? 1 : 0))
      .map(([ruleId, list]) => ({ kind: 'rule', id: `${parent}/r:${ruleId}`, ruleId, findings: list }));
  }

  private fileNodes(parent: string, findings: Finding[]): Node[] {
    // findings arrive sorted by file, so the map keeps that order
    const byFile = groupBy(findings, f => f.uri.toString());
    return [...byFile.values()].map(list => ({ kind: 'file', id: `${parent}/f:${list[0].uri.toString()}`, uri: list[0].uri, findings: list }));
  }

  getTreeItem(node: Node): vscode.TreeItem {
    const state = this.groupState;
    switch (node.kind) {
      case 'severity': {
        const item = new vscode.TreeItem(`${PLURAL[node.severity]} (${node.findings.length})`, state);
        item.iconPath = severityIcon(node.severity);
        item.contextValue = 'severity';
        return withId(item, node);
      }
      case 'rule': {
        const item = new vscode.TreeItem(`${node.ruleId} (${node.findings.length})`, state);
        item.iconPath = new vscode.ThemeIcon('shield');
        item.contextValue = 'rule';
        item.tooltip = `${node.ruleId}: ${node.findings.length} finding${node.findings.length === 1 ? '' : 's'}`;
        return withId(item, node);
      }
      case 'file': {
        const item = new vscode.TreeItem(`${path.basename(node.uri.fsPath)} (${node.findings.length})`, state);
        // no resourceUri: its file decorations (the file's total problem count, coloured) would contradict the count shown
        item.iconPath = vscode.ThemeIcon.File;
        const dir = path.dirname(vscode.workspace.asRelativePath(node.uri, vscode.workspace.workspaceFolders?.length !== 1));
        item.description = dir === '.' ? '' : dir;
        item.tooltip = node.uri.fsPath;
        item.contextValue = 'file';
        return withId(item, node);
      }
      case 'finding': {
        const { diagnostic: d, uri, ruleId } = node.finding;
        const item = new vscode.TreeItem(d.message, vscode.TreeItemCollapsibleState.None);
        const where = `Ln ${d.range.start.line + 1}, Col ${d.range.start.character + 1}`;
        item.description = this.grouping === 'file' ? `${ruleId} · ${where}` : where;
        item.iconPath = severityIcon(d.severity);
        item.tooltip = new vscode.MarkdownString().appendMarkdown(`**${ruleId}** · ${SEVERITY_NAMES[d.severity]}\n\n`)
          .appendText(d.message).appendMarkdown(`\n\n${vscode.workspace.asRelativePath(uri)}, ${where}`);
        item.contextValue = 'finding';
        item.command = { title: 'Go to Finding', command: 'rampart.findings.reveal', arguments: [node] };
        return withId(item, node);
      }
    }
  }

  /** Every row, depth first, as the view would render it. */
  snapshot(nodes: Node[] = this.getChildren()): RowSnapshot[] {
    return nodes.map(n => {
      const item = this.getTreeItem(n);
      const label = typeof item.label === 'string' ? item.label : item.label?.label ?? '';
      const row: RowSnapshot = { label, contextValue: item.contextValue };
      if (item.description) row.description = String(item.description);
      if (n.kind !== 'finding') row.children = this.snapshot(this.getChildren(n));
      return row;
    });
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

function withId(item: vscode.TreeItem, node: Node): vscode.TreeItem {
  // Stable ids keep each row's expanded/collapsed state across refreshes.
  item.id = node.id;
  return item;
}

export function findingOf(node: unknown): Finding | undefined {
  const n = node as Node | undefined;
  return n && n.kind === 'finding' ? n.finding : undefined;
}
