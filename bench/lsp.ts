/**
 * A small, real LSP client for Rampart's language server (spawned as `node main.js --stdio`), shared by the
 * language-server tests and the keystroke benchmark, and `benchKeystroke`: how long from one typed character
 * to the diagnostics of that version.
 */
import { spawn, type ChildProcess } from 'child_process';
import * as path from 'path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  createProtocolConnection, StreamMessageReader, StreamMessageWriter,
  type ClientCapabilities, type Diagnostic, type MessageConnection, type InitializeResult, type ProtocolConnection, type PublishDiagnosticsParams,
  type TextDocumentContentChangeEvent, type TextEdit, type WorkspaceEdit, type WorkspaceFolder,
} from 'vscode-languageserver-protocol/node';

/** The compiled server beside this compiled file: OUT/bench/lsp.js -> OUT/server/src/lsp/main.js. */
export const SERVER_MAIN = path.resolve(__dirname, '..', 'server', 'src', 'lsp', 'main.js');

export interface ClientOptions {
  capabilities?: ClientCapabilities;
  initializationOptions?: unknown;
  workspaceFolders?: WorkspaceFolder[] | null;
  /** Answers workspace/configuration: the `rampart` section for a scope (undefined = global). */
  settings?: (scopeUri: string | undefined) => unknown;
  /** Answer workspace/applyEdit with applied: true and apply it to the open documents (default true). */
  applyEdits?: boolean;
  serverPath?: string;
}

export interface Event { method: string; params: any; at: number }

/** Capabilities like VS Code's, with switches for the parts the server adapts to. */
export function capabilities(opts: { pull?: boolean; resolve?: boolean; markdown?: boolean } = {}): ClientCapabilities {
  const caps: ClientCapabilities = {
    workspace: {
      applyEdit: true,
      workspaceEdit: { documentChanges: true },
      configuration: true,
      workspaceFolders: true,
      didChangeConfiguration: { dynamicRegistration: true },
      didChangeWatchedFiles: { dynamicRegistration: true },
      executeCommand: { dynamicRegistration: false },
    },
    window: { workDoneProgress: true, showDocument: { support: true } },
    textDocument: {
      synchronization: { didSave: true, dynamicRegistration: false },
      publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
      hover: { contentFormat: opts.markdown === false ? ['plaintext'] : ['markdown', 'plaintext'] },
      codeAction: {
        codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } },
        isPreferredSupport: true, dataSupport: true,
        ...(opts.resolve ? { resolveSupport: { properties: ['edit'] } } : {}),
      },
    },
  };
  if (opts.pull) {
    caps.textDocument!.diagnostic = { dynamicRegistration: false, relatedDocumentSupport: false };
    caps.workspace!.diagnostics = { refreshSupport: true };
  }
  return caps;
}

export class LspClient {
  readonly events: Event[] = [];
  readonly docs = new Map<string, TextDocument>();
  readonly stderr: string[] = [];
  init!: InitializeResult;
  private listeners: (() => void)[] = [];
  exitCode: Promise<number | null>;

  private constructor(readonly proc: ChildProcess, readonly conn: ProtocolConnection, private readonly opts: ClientOptions) {
    this.exitCode = new Promise(resolve => proc.on('exit', code => resolve(code)));
  }

  static async start(opts: ClientOptions = {}): Promise<LspClient> {
    const proc = spawn(process.execPath, [opts.serverPath ?? SERVER_MAIN, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const conn = createProtocolConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
    const c = new LspClient(proc, conn, opts);
    proc.stderr!.on('data', d => c.stderr.push(String(d)));
    // catch-all handlers: ProtocolConnection is a MessageConnection underneath
    const any = conn as unknown as MessageConnection;
    any.onNotification((method: string, params: any) => c.record(method, params));
    any.onRequest((method: string, params: any) => c.serverRequest(method, params));
    any.onUnhandledProgress(p => c.record('$/progress', p));
    conn.onError(() => undefined);
    conn.listen();
    c.init = await conn.sendRequest('initialize', {
      processId: process.pid, rootUri: null, capabilities: opts.capabilities ?? capabilities(),
      initializationOptions: opts.initializationOptions, workspaceFolders: opts.workspaceFolders ?? null,
    }) as InitializeResult;
    await conn.sendNotification('initialized', {});
    return c;
  }

  private record(method: string, params: any): void {
    this.events.push({ method, params, at: performance.now() });
    for (const l of [...this.listeners]) l();
  }

  private serverRequest(method: string, params: any): unknown {
    this.record(method, params);
    switch (method) {
      case 'workspace/configuration':
        return (params.items as { scopeUri?: string; section?: string }[]).map(i => this.opts.settings?.(i.scopeUri) ?? null);
      case 'workspace/applyEdit':
        if (this.opts.applyEdits === false) return { applied: false, failureReason: 'refused by the test client' };
        this.applyWorkspaceEdit(params.edit);
        return { applied: true };
      case 'window/showDocument':
        return { success: true };
      case 'window/showMessageRequest':
        return null;
      default:
        return null; // client/registerCapability, window/workDoneProgress/create, workspace/diagnostic/refresh
    }
  }

  /** Index of the next event: `waitFor(..., since)` looks only at events from there on. */
  mark(): number { return this.events.length; }

  /** Resolves with the first event (from `since`) that matches, or rejects after `timeoutMs`. */
  waitFor(method: string, pred: (params: any) => boolean = () => true, since = 0, timeoutMs = 5000): Promise<Event> {
    return new Promise((resolve, reject) => {
      let i = since;
      const check = () => {
        for (; i < this.events.length; i++) {
          const e = this.events[i];
          if (e.method === method && pred(e.params)) { done(); resolve(e); return true; }
        }
        return false;
      };
      const timer = setTimeout(() => { done(); reject(new Error(`timed out waiting for ${method}; stderr: ${this.stderr.join('')}`)); }, timeoutMs);
      const done = () => { clearTimeout(timer); this.listeners = this.listeners.filter(l => l !== check); };
      if (!check()) this.listeners.push(check);
    });
  }

  /** Diagnostics published for `uri` (with that version, when given). */
  diagnostics(uri: string, version?: number, since = 0, timeoutMs = 5000): Promise<Diagnostic[]> {
    return this.waitFor('textDocument/publishDiagnostics',
      (p: PublishDiagnosticsParams) => p.uri === uri && (version === undefined || p.version === version), since, timeoutMs)
      .then(e => e.params.diagnostics);
  }

  published(uri?: string, since = 0): PublishDiagnosticsParams[] {
    return this.events.slice(since).filter(e => e.method === 'textDocument/publishDiagnostics' && (!uri || e.params.uri === uri)).map(e => e.params);
  }

  request<R = any>(method: string, params: unknown): Promise<R> {
    return this.conn.sendRequest(method, params) as Promise<R>;
  }

  notify(method: string, params: unknown): Promise<void> {
    return this.conn.sendNotification(method, params);
  }

  async open(uri: string, text: string, languageId = 'dockerfile'): Promise<void> {
    this.docs.set(uri, TextDocument.create(uri, languageId, 0, text));
    await this.notify('textDocument/didOpen', { textDocument: { uri, languageId, version: 0, text } });
  }

  /** Sends incremental changes; returns the new version. */
  async change(uri: string, changes: TextDocumentContentChangeEvent[]): Promise<number> {
    const d = this.docs.get(uri)!;
    const next = TextDocument.update(d, changes, d.version + 1);
    this.docs.set(uri, next);
    await this.notify('textDocument/didChange', { textDocument: { uri, version: next.version }, contentChanges: changes });
    return next.version;
  }

  /** Replaces the whole text (as one incremental change over the full range). */
  setText(uri: string, text: string): Promise<number> {
    const d = this.docs.get(uri)!;
    return this.change(uri, [{ range: { start: { line: 0, character: 0 }, end: d.positionAt(d.getText().length) }, text }]);
  }

  text(uri: string): string { return this.docs.get(uri)!.getText(); }
  version(uri: string): number { return this.docs.get(uri)!.version; }

  /** Applies a WorkspaceEdit to the open documents here and tells the server (one change per document). */
  async applyWorkspaceEdit(edit: WorkspaceEdit): Promise<void> {
    const per = new Map<string, TextEdit[]>();
    for (const [uri, edits] of Object.entries(edit.changes ?? {})) per.set(uri, edits);
    for (const dc of edit.documentChanges ?? []) {
      if (!('textDocument' in dc)) throw new Error('unexpected resource operation');
      const d = this.docs.get(dc.textDocument.uri);
      if (d && dc.textDocument.version !== null && dc.textDocument.version !== d.version) throw new Error(`edit for version ${dc.textDocument.version}, document is at ${d.version}`);
      per.set(dc.textDocument.uri, dc.edits as TextEdit[]);
    }
    for (const [uri, edits] of per) {
      const d = this.docs.get(uri);
      if (!d) throw new Error(`edit for a document that is not open: ${uri}`);
      await this.setText(uri, TextDocument.applyEdits(d, edits));
    }
  }

  async close(uri: string): Promise<void> {
    this.docs.delete(uri);
    await this.notify('textDocument/didClose', { textDocument: { uri } });
  }

  /** shutdown + exit; resolves with the process's exit code. */
  async stop(): Promise<number | null> {
    try {
      await this.request('shutdown', null);
      await this.notify('exit', null);
    } catch { /* already gone */ }
    const code = await Promise.race([this.exitCode, new Promise<'timeout'>(r => setTimeout(() => r('timeout'), 3000))]);
    if (code === 'timeout') { this.proc.kill(); return this.exitCode; }
    this.conn.dispose();
    return code;
  }
}

/** A realistic 1,000-line (by default) multi-stage Dockerfile that ends running as root. */
export function bigDockerfile(lines = 1000): string {
  const out: string[] = ['# syntax=docker/dockerfile:1', 'ARG BASE=python:3.12.4-slim-bookworm', ''];
  let stage = 0;
  while (out.length < lines - 4) {
    out.push(`FROM \${BASE}@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec AS stage${stage}`);
    out.push('WORKDIR /app', `ENV APP_HOME=/app STAGE=${stage} PATH=/app/bin:$PATH`, `LABEL org.opencontainers.image.title="stage ${stage}"`);
    for (let i = 0; i < 12 && out.length < lines - 4; i++) {
      out.push(`RUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10 ca-certificates \\`,
        `    && curl -fsSL https://example.com/tool-${stage}-${i}.tar.gz -o /tmp/tool.tgz \\`,
        `    && tar -xzf /tmp/tool.tgz -C /usr/local/bin && rm -rf /var/lib/apt/lists/* /tmp/tool.tgz`);
      out.push(`COPY --chown=10001:10001 src/module${i}/ /app/module${i}/`);
    }
    out.push('USER 10001', '');
    stage++;
  }
  out.push('FROM stage0', 'USER root', 'CMD ["python", "/app/main.py"]');
  return out.slice(0, lines).join('\n') + '\n';
}

export interface KeystrokeOptions { samples?: number; lines?: number; serverPath?: string; warmup?: number }

/**
 * Opens a `lines`-line Dockerfile in the server (debounce 0), then `samples` times types or deletes one
 * character and measures until the publishDiagnostics of that version arrives. Milliseconds.
 */
export async function benchKeystroke(opts: KeystrokeOptions = {}): Promise<{ median: number; p95: number; samples: number }> {
  const samples = opts.samples ?? 100;
  const warmup = opts.warmup ?? 10;
  const client = await LspClient.start({ serverPath: opts.serverPath, initializationOptions: { debounceMs: 0 } });
  try {
    const uri = 'file:///bench/Dockerfile';
    const text = bigDockerfile(opts.lines ?? 1000);
    await client.open(uri, text);
    await client.diagnostics(uri, 0);
    // type into the middle of the document: an ENV value grows by one character, then shrinks again
    const line = text.split('\n').findIndex((l, i) => i > (opts.lines ?? 1000) / 2 && l.startsWith('ENV '));
    const col = 'ENV APP_HOME=/app'.length;
    const times: number[] = [];
    for (let i = 0; i < warmup + samples; i++) {
      const at = { line, character: col };
      const change = i % 2 === 0
        ? { range: { start: at, end: at }, text: 'x' }
        : { range: { start: at, end: { line, character: col + 1 } }, text: '' };
      const since = client.mark();
      const t0 = performance.now();
      const version = await client.change(uri, [change]);
      const e = await client.waitFor('textDocument/publishDiagnostics', p => p.uri === uri && p.version === version, since, 10_000);
      if (i >= warmup) times.push(e.at - t0);
    }
    times.sort((a, b) => a - b);
    const q = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))];
    return { median: +q(0.5).toFixed(3), p95: +q(0.95).toFixed(3), samples: times.length };
  } finally {
    await client.stop();
  }
}

if (require.main === module) {
  benchKeystroke().then(r => {
    console.log(`lsp keystroke median: ${r.median} ms`);
    console.log(`lsp keystroke p95: ${r.p95} ms`);
  }, e => { console.error(e); process.exitCode = 1; });
}
