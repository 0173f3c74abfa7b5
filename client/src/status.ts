/**
 * The status-bar item: Rampart's findings counted by severity, a spinner while the server reports work done
 * progress (the workspace scan), a warning sign when the server is not running. Click: the Findings view.
 */
import * as vscode from 'vscode';
import { FindingsModel, SEVERITY_NAMES } from './findings';

const ICON = ['$(error)', '$(warning)', '$(info)', '$(lightbulb)'];

export interface ScanState { title: string; message?: string; percentage?: number }

export class StatusBar implements vscode.Disposable {
  readonly item = vscode.window.createStatusBarItem('rampart.status', vscode.StatusBarAlignment.Left, 40);
  private scans = new Map<string, ScanState>();
  private running = true;
  private readonly subscription: vscode.Disposable;
  /** Work-done progress runs seen to their end, and the text shown during the last one (read by the tests). */
  completedScans = 0;
  lastProgressText = '';

  constructor(private readonly model: FindingsModel) {
    this.item.name = 'Rampart';
    this.item.command = 'rampart.findings.focus';
    this.subscription = model.onDidChange(() => this.update());
    this.update();
    this.item.show();
  }

  scanning(): boolean { return this.scans.size > 0; }

  progress(token: string, state: ScanState | undefined): void {
    if (state) this.scans.set(token, state);
    else if (this.scans.delete(token)) this.completedScans++;
    this.update();
  }

  serverRunning(running: boolean): void {
    this.running = running;
    if (!running) this.scans.clear();
    this.update();
  }

  private update(): void {
    const counts = this.model.counts();
    const tip = new vscode.MarkdownString('**Rampart** — ', true);
    const scan = [...this.scans.values()].pop();
    if (scan) {
      const pct = scan.percentage !== undefined ? ` ${Math.round(scan.percentage)}%` : '';
      this.item.text = this.lastProgressText = `$(sync~spin) Rampart${pct}`;
      tip.appendText(`${scan.title}${scan.message ? `: ${scan.message}` : ''}`);
    } else if (!this.running) {
      this.item.text = '$(warning) Rampart';
      tip.appendText('the language server is not running. Run "Rampart: Restart Server".');
    } else {
      const parts = counts.map((n, s) => (n > 0 || s < 2 ? `${ICON[s]} ${n}` : '')).filter(Boolean);
      this.item.text = `$(shield) ${parts.join(' ')}`;
      tip.appendText(counts.map((n, s) => `${n} ${SEVERITY_NAMES[s].toLowerCase()}`).join(', '));
    }
    tip.appendMarkdown('\n\nClick to show the Findings view.');
    this.item.tooltip = tip;
    this.item.accessibilityInformation = {
      label: `Rampart: ${counts.map((n, s) => `${n} ${SEVERITY_NAMES[s]}`).join(', ')}${scan ? ', scanning' : ''}`,
    };
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}
