/** Rule documentation from the server, shown as a Markdown preview of a read-only virtual document. */
import * as vscode from 'vscode';

export const DOC_SCHEME = 'rampart-rule';

export interface RuleDoc { id: string; title: string; url: string; markdown: string }

export class RuleDocs implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly pages = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly registration = vscode.workspace.registerTextDocumentContentProvider(DOC_SCHEME, this);

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.pages.get(uri.path) ?? `# ${uri.path.replace(/^\/|\.md$/g, '')}\n\nNo documentation loaded.\n`;
  }

  async show(doc: RuleDoc): Promise<void> {
    const uri = vscode.Uri.from({ scheme: DOC_SCHEME, path: `/${doc.id}.md` });
    const page = doc.markdown.includes(doc.url) ? doc.markdown : `${doc.markdown.trimEnd()}\n\n[Online version](${doc.url})\n`;
    this.pages.set(uri.path, page);
    this.changed.fire(uri);
    try {
      await vscode.commands.executeCommand('markdown.showPreview', uri);
    } catch {
      // the built-in Markdown extension is disabled: the source is readable too
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: true });
    }
  }

  dispose(): void {
    this.registration.dispose();
    this.changed.dispose();
  }
}
