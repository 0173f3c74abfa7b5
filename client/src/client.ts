/**
 * The language client: starts the bundled server (dist/server.js) over node IPC for the files in files.ts, and
 * routes the server's work-done progress (the workspace scan) to the status bar.
 */
import * as vscode from 'vscode';
import {
  LanguageClient, State, TransportKind, WorkDoneProgress, WorkDoneProgressCreateRequest,
  type FeatureState, type LanguageClientOptions, type Middleware, type ServerOptions, type StaticFeature,
} from 'vscode-languageclient/node';
import { documentSelector } from './files';
import type { StatusBar } from './status';

export const CLIENT_ID = 'rampart';
/** See the server's WORKSPACE_TRUST (not imported: the client bundle does not take the server's modules). */
const WORKSPACE_TRUST = 'rampart/workspaceTrust';
/** Always the bundle: in the .vsix and in the tests, so that what is tested is what ships. */
export const SERVER_MODULE = (context: vscode.ExtensionContext) => context.asAbsolutePath('dist/server.js');

export function createClient(context: vscode.ExtensionContext, status: StatusBar, middleware: Middleware,
  output: vscode.LogOutputChannel): LanguageClient {
  const module = SERVER_MODULE(context);
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: documentSelector(),
    diagnosticCollectionName: CLIENT_ID,
    outputChannel: output,
    // No file watchers here: the server registers its own (workspace/didChangeWatchedFiles, dynamically) to keep the
    // findings of unopened files current.
    diagnosticPullOptions: { onChange: true, onSave: true },
    middleware,
    // in Restricted Mode the repository's .rampart.yaml is not read (it could hide findings), until trust is granted
    initializationOptions: () => ({ trustedWorkspace: vscode.workspace.isTrusted }),
  };
  // The id makes the client read `rampart.trace.server`.
  const client = new LanguageClient(CLIENT_ID, 'Rampart', serverOptions, clientOptions);
  client.registerFeature(new ProgressToStatusBar(client, status));
  client.onDidChangeState(e => status.serverRunning(e.newState === State.Running));
  context.subscriptions.push(vscode.workspace.onDidGrantWorkspaceTrust(() => {
    if (client.isRunning()) client.sendNotification(WORKSPACE_TRUST, { trusted: true }).catch(() => undefined);
  }));
  return client;
}

/**
 * Takes over `window/workDoneProgress/create` from vscode-languageclient's own progress feature (features are
 * initialized in registration order, so this handler is installed last and wins): the progress is shown as a
 * spinning status-bar item with the percentage, instead of a second, anonymous window progress.
 */
class ProgressToStatusBar implements StaticFeature {
  private readonly active = new Map<string, vscode.Disposable>();
  constructor(private readonly client: LanguageClient, private readonly status: StatusBar) {}

  fillClientCapabilities(capabilities: { window?: { workDoneProgress?: boolean } }): void {
    (capabilities.window ??= {}).workDoneProgress = true;
  }

  getState(): FeatureState { return { kind: 'static' }; }

  initialize(): void {
    this.client.onRequest(WorkDoneProgressCreateRequest.type, ({ token }) => {
      const key = String(token);
      let state = { title: 'Working', message: undefined as string | undefined, percentage: undefined as number | undefined };
      const sub = this.client.onProgress(WorkDoneProgress.type, token, value => {
        if (value.kind === 'end') { this.end(key); return; }
        if (value.kind === 'begin') state = { title: value.title, message: value.message, percentage: value.percentage };
        else state = { ...state, message: value.message ?? state.message, percentage: value.percentage ?? state.percentage };
        this.status.progress(key, state);
      });
      this.active.set(key, sub);
    });
  }

  private end(key: string): void {
    this.active.get(key)?.dispose();
    this.active.delete(key);
    this.status.progress(key, undefined);
  }

  clear(): void {
    for (const key of [...this.active.keys()]) this.end(key);
  }
}
