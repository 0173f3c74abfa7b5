/**
 * Rampart for VS Code: a thin client. The language server finds, fixes and documents; this file starts it and
 * adds the commands, the Findings view and the status-bar item, all fed by the server's diagnostics.
 */
import * as vscode from 'vscode';
import {
  CodeActionKind, CodeActionRequest, CodeActionResolveRequest, CodeActionTriggerKind, Command, type LanguageClient, type Middleware,
} from 'vscode-languageclient/node';
import { createClient, SERVER_MODULE } from './client';
import { RuleDocs, type RuleDoc } from './docs';
import { FindingsModel, SEVERITY_NAMES, type Finding } from './findings';
import { StatusBar } from './status';
import { findingOf, FindingsTreeProvider, type Grouping, type Node, type RowSnapshot } from './tree';

/** Commands the server executes (vscode-languageclient registers them from the server's capabilities). */
export const SERVER_COMMANDS = { scan: 'rampart.scanWorkspace', fixAll: 'rampart.fixAll', ruleDoc: 'rampart.showRuleDocumentation' };
export const VIEW_ID = 'rampart.findings';

/** What activate() returns: read by the end-to-end tests (and usable by other extensions). */
export interface RampartApi {
  readonly client: LanguageClient;
  /** The server the client starts: the bundle, dist/server.js. */
  readonly serverModule: string;
  readonly findings: {
    all(): Finding[];
    /** The rows of the view as it renders them. */
    rows(): RowSnapshot[];
    /** The view's nodes: its roots, or a node's children. */
    children(node?: Node): Node[];
    readonly view: vscode.TreeView<Node>;
    readonly grouping: Grouping;
    readonly minimumSeverity: vscode.DiagnosticSeverity;
  };
  readonly status: { readonly text: string; readonly scanning: boolean; readonly completedScans: number; readonly lastProgressText: string };
}

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<RampartApi> {
  const output = vscode.window.createOutputChannel('Rampart', { log: true });
  const model = new FindingsModel();
  const status = new StatusBar(model);
  const docs = new RuleDocs();
  const state = context.workspaceState;
  const provider = new FindingsTreeProvider(model, state.get<Grouping>('rampart.grouping', 'severity'),
    state.get<vscode.DiagnosticSeverity>('rampart.minimumSeverity', vscode.DiagnosticSeverity.Hint));
  const view = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: provider, showCollapseAll: true });
  context.subscriptions.push(output, model, status, docs, provider, view);

  const updateView = () => {
    const shown = provider.visible().length;
    const hidden = model.all().length - shown;
    view.badge = shown ? { value: shown, tooltip: `${shown} Rampart finding${shown === 1 ? '' : 's'}` } : undefined;
    view.description = provider.grouping === 'file' ? 'by file' : 'by severity';
    view.message = hidden
      ? `Showing ${SEVERITY_NAMES[provider.minimumSeverity].toLowerCase()} and above; ${hidden} hidden by the filter.`
      : undefined;
    void vscode.commands.executeCommand('setContext', 'rampart.findings.grouping', provider.grouping);
  };
  context.subscriptions.push(provider.onDidChangeTreeData(updateView));
  updateView();

  let docRequests = 0;
  const middleware: Middleware = {
    executeCommand: async (command, args, next) => {
      if (command === SERVER_COMMANDS.fixAll && !args.length) {
        const editor = vscode.window.activeTextEditor;
        if (!editor) { void vscode.window.showInformationMessage('Rampart: open a file to fix.'); return undefined; }
        args = [editor.document.uri.toString()];
      }
      if (command === SERVER_COMMANDS.ruleDoc) {
        const id = typeof args[0] === 'string' && args[0] ? args[0] : await pickRule(client!);
        if (!id) return undefined;
        docRequests++;
        let doc: RuleDoc | null;
        try { doc = await next(command, [id]) as RuleDoc | null; } finally { docRequests--; }
        if (doc) await docs.show(doc);
        else void vscode.window.showWarningMessage(`Rampart: no documentation for "${id}".`);
        return doc;
      }
      return next(command, args);
    },
    window: {
      // The server also asks to open the page's URL in a browser while it answers; the page is shown in the
      // editor (works offline, links to the online version), so that second copy is declined.
      showDocument: async (params, token, next) => (docRequests > 0 && params.external ? { success: true } : next(params, token)),
    },
  };
  const lc = client = createClient(context, status, middleware, output);

  const register = (id: string, fn: (...args: any[]) => unknown) => context.subscriptions.push(vscode.commands.registerCommand(id, fn));
  register('rampart.restartServer', async () => {
    if (lc.isRunning()) await lc.restart(); else await lc.start();
  });
  register('rampart.exportSarif', (target?: string | vscode.Uri) => exportSarif(lc, target));
  register('rampart.findings.groupBySeverity', () => setGrouping('severity'));
  register('rampart.findings.groupByFile', () => setGrouping('file'));
  register('rampart.findings.filter', async (severity?: vscode.DiagnosticSeverity) => {
    if (severity === undefined) {
      const picked = await vscode.window.showQuickPick(
        SEVERITY_NAMES.map((name, s) => ({ label: s === 3 ? 'All findings' : `${name} and above`, severity: s,
          description: s === provider.minimumSeverity ? '(current)' : undefined })),
        { title: 'Rampart: show findings of at least this severity' });
      if (!picked) return;
      severity = picked.severity;
    }
    provider.minimumSeverity = severity;
    await state.update('rampart.minimumSeverity', severity);
    provider.refresh();
  });
  register('rampart.findings.reveal', (node?: Node) => {
    const f = findingOf(node);
    return f && reveal(f);
  });
  register('rampart.findings.applyFix', async (node?: Node) => {
    const f = findingOf(node);
    if (!f) return false;
    const action = (await codeActionsFor(lc, f)).find(a => kindOf(a) === 'fix');
    if (!action) { void vscode.window.showInformationMessage(`Rampart: no automatic fix for ${f.ruleId} here.`); return false; }
    await reveal(f, true);
    return applyAction(action);
  });
  register('rampart.findings.suppress', async (node?: Node) => {
    const f = findingOf(node);
    if (!f) return false;
    const action = (await codeActionsFor(lc, f)).find(a => kindOf(a) === 'suppress');
    if (!action) return false;
    await reveal(f, true);
    return applyAction(action);
  });
  register('rampart.findings.showDocumentation', (node?: Node) => {
    const ruleId = findingOf(node)?.ruleId ?? (node?.kind === 'rule' ? node.ruleId : undefined);
    return ruleId && vscode.commands.executeCommand(SERVER_COMMANDS.ruleDoc, ruleId);
  });
  register('rampart.findings.fixAllInFile', async (node?: Node) => {
    const uri = node?.kind === 'file' ? node.uri : findingOf(node)?.uri;
    if (!uri) return undefined;
    await vscode.window.showTextDocument(uri, { preserveFocus: true }); // the server fixes open documents
    return vscode.commands.executeCommand(SERVER_COMMANDS.fixAll, uri.toString());
  });

  async function setGrouping(g: Grouping) {
    provider.grouping = g;
    await state.update('rampart.grouping', g);
    provider.refresh();
  }

  try {
    await lc.start();
  } catch (e) {
    output.error(`The Rampart language server did not start: ${e instanceof Error ? e.message : String(e)}`);
    void vscode.window.showErrorMessage('Rampart: the language server did not start. See the "Rampart" output.', 'Show Output')
      .then(choice => { if (choice) output.show(); });
  }

  return {
    client: lc,
    serverModule: SERVER_MODULE(context),
    findings: {
      all: () => model.all(),
      rows: () => provider.snapshot(),
      children: (node?: Node) => provider.getChildren(node),
      view,
      get grouping() { return provider.grouping; },
      get minimumSeverity() { return provider.minimumSeverity; },
    },
    status: {
      get text() { return status.item.text; },
      get scanning() { return status.scanning(); },
      get completedScans() { return status.completedScans; },
      get lastProgressText() { return status.lastProgressText; },
    },
  };
}

export function deactivate(): Thenable<void> | undefined {
  return client?.stop();
}

/**
 * Shows a finding in its editor. Edits from the view are made with their file shown (focus stays in the view): the
 * user sees what changed, and the language client only pulls diagnostics on change for visible documents.
 */
async function reveal(f: Finding, preserveFocus = false): Promise<void> {
  const editor = await vscode.window.showTextDocument(f.uri, { selection: f.diagnostic.range, preserveFocus });
  editor.revealRange(f.diagnostic.range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

/**
 * The server's quick fixes for exactly this finding: asked with it as the only diagnostic of the context (so two
 * findings on one range do not mix), then resolved. The server acts on open documents, so the file is opened
 * (not shown) first.
 */
async function codeActionsFor(lc: LanguageClient, f: Finding): Promise<vscode.CodeAction[]> {
  await vscode.workspace.openTextDocument(f.uri);
  const c2p = lc.code2ProtocolConverter;
  const result = await lc.sendRequest(CodeActionRequest.type, {
    textDocument: { uri: c2p.asUri(f.uri) },
    range: c2p.asRange(f.diagnostic.range),
    context: { diagnostics: [c2p.asDiagnostic(f.diagnostic)], only: [CodeActionKind.QuickFix], triggerKind: CodeActionTriggerKind.Invoked },
  });
  const out: vscode.CodeAction[] = [];
  for (const item of result ?? []) {
    if (Command.is(item)) continue;
    const resolved = !item.edit && item.data !== undefined ? await lc.sendRequest(CodeActionResolveRequest.type, item) : item;
    out.push(await lc.protocol2CodeConverter.asCodeAction(resolved));
  }
  return out;
}

/** The server's quick fixes for a finding are: the rule's fixes, suppressions (line, then file), its documentation. */
function kindOf(a: vscode.CodeAction): 'fix' | 'suppress' | 'docs' {
  if (/^suppress\b/i.test(a.title)) return 'suppress';
  return a.edit ? 'fix' : 'docs';
}

async function applyAction(a: vscode.CodeAction): Promise<boolean> {
  let ok = true;
  if (a.edit) ok = await vscode.workspace.applyEdit(a.edit);
  if (ok && a.command) await vscode.commands.executeCommand(a.command.command, ...(a.command.arguments ?? []));
  return ok;
}

interface RuleListEntry { id: string; title: string; severity?: string }
interface SarifRule { id: string; shortDescription?: { text?: string }; defaultConfiguration?: { level?: string } }

/**
 * Every rule the server knows. `rampart/ruleInfo` answers for one id; without an id it may list them all (used when
 * the server does); otherwise the rule table of the server's SARIF export is the list.
 */
async function ruleList(lc: LanguageClient): Promise<RuleListEntry[]> {
  const listed = await lc.sendRequest<unknown>('rampart/ruleInfo', {}).catch(() => null);
  if (Array.isArray(listed)) return listed as RuleListEntry[];
  const log = await lc.sendRequest<{ runs?: { tool?: { driver?: { rules?: SarifRule[] } } }[] }>('rampart/exportSarif', {});
  return (log.runs?.[0]?.tool?.driver?.rules ?? []).map(r => ({ id: r.id, title: r.shortDescription?.text ?? '', severity: r.defaultConfiguration?.level }));
}

async function pickRule(lc: LanguageClient): Promise<string | undefined> {
  const items = (await ruleList(lc)).map(r => ({ label: r.id, description: r.title }));
  const picked = await vscode.window.showQuickPick(items, { title: 'Rampart: Show Rule Documentation', placeHolder: 'Rule id or title', matchOnDescription: true });
  return picked?.label;
}

async function exportSarif(lc: LanguageClient, target?: string | vscode.Uri): Promise<string | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  let folder: vscode.WorkspaceFolder | undefined = folders[0];
  if (folders.length > 1 && !target) {
    const picked = await vscode.window.showQuickPick(
      [{ label: 'All folders', folder: undefined as vscode.WorkspaceFolder | undefined }, ...folders.map(f => ({ label: f.name, description: f.uri.fsPath, folder: f }))],
      { title: 'Rampart: export findings of' });
    if (!picked) return undefined;
    folder = picked.folder;
  }
  let dest = typeof target === 'string' ? vscode.Uri.file(target) : target;
  if (!dest) {
    dest = await vscode.window.showSaveDialog({
      title: 'Export Rampart SARIF Report', saveLabel: 'Export',
      defaultUri: folder ? vscode.Uri.joinPath(folder.uri, 'rampart.sarif') : undefined,
      filters: { 'SARIF log': ['sarif', 'json'] },
    });
    if (!dest) return undefined;
  }
  const to = dest;
  const log = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Rampart: exporting SARIF…' },
    () => lc.sendRequest<{ runs?: { results?: unknown[] }[] }>('rampart/exportSarif', { folderUri: folder?.uri.toString() }));
  await vscode.workspace.fs.writeFile(to, Buffer.from(JSON.stringify(log, null, 2) + '\n', 'utf8'));
  const results = (log.runs ?? []).reduce((n, r) => n + (r.results?.length ?? 0), 0);
  void vscode.window.showInformationMessage(`Rampart: wrote ${results} result${results === 1 ? '' : 's'} to ${vscode.workspace.asRelativePath(to)}.`, 'Open')
    .then(choice => { if (choice) void vscode.window.showTextDocument(to); });
  return to.fsPath;
}
