/**
 * Rampart's language server: live findings for open documents (pushed, or pulled when the client can), the
 * workspace's files scanned in the background and kept current by file events, quick fixes, fix-all and
 * suppressions as code actions, rule hovers, and a few commands and requests for the editor extension.
 *
 * All checking is the engine's; this file schedules it, caches one parse per document version, and maps
 * findings to the protocol. Nothing here may take the process down: every handler catches and reports.
 */
import * as fs from 'fs';
import * as path from 'path';
import { fileURLToPath, pathToFileURL } from 'url';
import {
  CancellationToken, CodeAction, CodeActionKind, Command, createConnection, Diagnostic, DidChangeConfigurationNotification,
  DiagnosticSeverity, DidChangeWatchedFilesNotification, ErrorCodes, FileChangeType, LSPErrorCodes, MarkupKind, MessageType, ProposedFeatures, ResponseError,
  ShowMessageNotification,
  TextDocuments, TextDocumentSyncKind,
  type CodeActionParams, type Connection, type DocumentDiagnosticReport, type FileEvent, type Hover, type InitializeParams,
  type InitializeResult, type TextEdit, WorkDoneProgressReporter, type WorkspaceDocumentDiagnosticReport,
  type WorkspaceEdit, type WorkspaceFolder,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CONFIG_DOC_URL, rulePage } from '../engine/docs';
import { detectKind } from '../engine/detect';
import { lintDocument, parseDocument, ruleById, type LintOptions, type ParsedDocument } from '../engine/engine';
import { stripBom } from '../engine/text';
import type { Finding, Range } from '../engine/types';
import { toSarif } from '../report/sarif';
import { walkFiles } from '../scan/walk';
import {
  fileSuppression, fixAll, lineSuppression, silencedByFileComment, silencedByLineComments, suppressFileEdit, suppressLineEdit,
} from './actions';
import {
  allRuleIds, applySettings, hoverMarkdown, hoverPlain, intersects, ruleInfo, sameRange, SOURCE, toDiagnostic, type RuleInfo,
} from './convert';
import { IgnoreCache } from './ignore';
import { defaultSettings, filterChanged, parseSettings, scanInputsChanged, withProject, type Settings } from './settings';
import { CONFIG_NAMES, excludedBy, findProjectConfig, formatProblem, loadProjectConfig, type ConfigProblem } from '../config/project';

export const COMMANDS = {
  scanWorkspace: 'rampart.scanWorkspace',
  fixAll: 'rampart.fixAll',
  showRuleDocumentation: 'rampart.showRuleDocumentation',
} as const;
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.rampart`;
/** Client → server: `{trusted: boolean}` when the workspace's trust changes (initializationOptions.trustedWorkspace at start). */
export const WORKSPACE_TRUST = 'rampart/workspaceTrust';
export const EXPORT_SARIF = 'rampart/exportSarif';
export const RULE_INFO = 'rampart/ruleInfo';
export const DEFAULT_DEBOUNCE_MS = 150;
/** Files larger than this are not read by file events (the folder walk applies its own limit). */
const MAX_FILE_BYTES = 5 * 1024 * 1024;

/** One parse per document version, and what was found in it. */
interface Parsed {
  version: number;
  doc: ParsedDocument;
  findings: Finding[];
  /** The same findings with their fixes, computed when a code action needs them. */
  withFixes?: Finding[];
}

/** A workspace file as last read from disk: findings only, never its text. */
interface ScanEntry {
  path: string;
  uri: string;
  /** The workspace folder (its path) the file belongs to. */
  folder: string;
  /** null while the file is open in the editor: the open document wins. */
  findings: Finding[] | null;
  /** The scan generation that last listed it. */
  seen: number;
  /** Bumped on every new reading (pull result ids). */
  rev: number;
  /** Push mode: the client currently shows diagnostics for it. */
  shown: boolean;
}

interface Folder { uri: string; path: string; name: string; settings: Settings; scanRequested: boolean }

interface ActionData {
  uri: string;
  version: number;
  action: 'fix' | 'suppressLine' | 'suppressFile' | 'fixAll';
  rule?: string;
  range?: Range;
  index?: number;
}

export interface ScanSummary { folders: number; files: number; findings: number; skipped: number; cancelled: boolean }

interface Caps {
  pull: boolean; resolve: boolean; relatedInformation: boolean; configuration: boolean; workspaceFolders: boolean;
  watchers: boolean; configDynamic: boolean; progress: boolean; showDocument: boolean; applyEdit: boolean;
  documentChanges: boolean; markdown: boolean; refresh: boolean; literals: boolean;
}

const yieldToLoop = () => new Promise<void>(resolve => setImmediate(resolve));

function uriToPath(uri: string): string | null {
  if (!uri.startsWith('file:')) return null;
  try { return path.normalize(fileURLToPath(uri)); } catch { return null; }
}

/** The file name a URI stands for (untitled and virtual documents too). */
function nameOf(uri: string): string {
  const p = uriToPath(uri);
  if (p) return path.basename(p);
  const m = /[^/:]*$/.exec(uri.split(/[?#]/)[0]);
  try { return decodeURIComponent(m ? m[0] : uri); } catch { return m ? m[0] : uri; }
}

function contains(r: Range, p: { line: number; character: number }): boolean {
  const afterStart = p.line > r.start.line || (p.line === r.start.line && p.character >= r.start.character);
  const beforeEnd = p.line < r.end.line || (p.line === r.end.line && p.character <= r.end.character);
  return afterStart && beforeEnd;
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.stack ?? e.message : String(e);
}

function cancelled(): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestCancelled, 'Request cancelled');
}

class RampartServer {
  private readonly documents = new TextDocuments(TextDocument);
  private caps: Caps = {
    pull: false, resolve: false, relatedInformation: false, configuration: false, workspaceFolders: false, watchers: false,
    configDynamic: false, progress: false, showDocument: false, applyEdit: false, documentChanges: false, markdown: false,
    refresh: false, literals: true,
  };
  private debounceMs = DEFAULT_DEBOUNCE_MS;
  /** rampart.showRuleDocumentation opens the rule's page through window/showDocument (a client that renders the returned Markdown itself can turn this off). */
  private openDocsExternally = true;
  private readonly folders = new Map<string, Folder>();
  private global: Settings = defaultSettings();
  /** Settings sent by the client itself (initializationOptions.settings, didChangeConfiguration), for clients without workspace/configuration. */
  private pushedSettings: unknown = null;
  private settingsReady: Promise<void> = Promise.resolve();
  private configGen = 0;
  private readonly cache = new Map<string, Parsed>();
  private readonly pending = new Map<string, { cancel(): void }>();
  /** Open documents that have been linted at least once (the first lint is not debounced). */
  private readonly seen = new Set<string>();
  private readonly openPaths = new Map<string, string>();
  private readonly scanned = new Map<string, ScanEntry>();
  private readonly reading = new Map<string, { seq: number; done: Promise<void> }>();
  private readonly ignores = new IgnoreCache();
  private scanGen = 0;
  private rev = 0;
  private scanAbort: AbortController | null = null;
  private scanRunning: Promise<ScanSummary> | null = null;
  private rescanTimer: NodeJS.Timeout | null = null;
  private refreshTimer: NodeJS.Timeout | null = null;
  private readonly loggedRuleErrors = new Set<string>();
  private readonly reportedProblems = new Set<string>();
  /**
   * Whether the workspace is trusted (VS Code's Restricted Mode says not): until it is, its .rampart.yaml is not
   * read, since it could hide findings from someone reviewing that very repository (as the folder's own settings
   * are ignored then).
   */
  private trusted = true;
  /** Diagnostics of project configuration files with problems, by URI. */
  private configDiagnostics = new Map<string, Diagnostic[]>();
  private shuttingDown = false;
  private readonly lintOptions: LintOptions;

  constructor(private readonly conn: Connection) {
    this.lintOptions = {
      onRuleError: (ruleId, error) => {
        if (this.loggedRuleErrors.has(ruleId)) return;
        this.loggedRuleErrors.add(ruleId);
        this.log('error', `rule ${ruleId} failed (reported once): ${errorText(error)}`);
      },
    };
  }

  // ---- plumbing -------------------------------------------------------------------------------------------

  private log(level: 'error' | 'warn' | 'info', message: string): void {
    try {
      if (level === 'error') this.conn.console.error(message);
      else if (level === 'warn') this.conn.console.warn(message);
      else this.conn.console.info(message);
    } catch { /* the connection is gone */ }
  }

  /** Wraps a request handler: errors become proper responses and a log line, never a crash. */
  private request<P, R, X = undefined>(name: string, fn: (params: P, token: CancellationToken, workDone: X) => R | Promise<R>) {
    return async (params: P, token: CancellationToken, workDone?: X): Promise<R> => {
      try {
        return await fn(params, token, workDone as X);
      } catch (e) {
        if (e instanceof ResponseError) throw e;
        this.log('error', `${name} failed: ${errorText(e)}`);
        throw new ResponseError(ErrorCodes.InternalError, `Rampart: ${name} failed: ${e instanceof Error ? e.message : String(e)}`);
      }
    };
  }

  private notification<P>(name: string, fn: (params: P) => void | Promise<void>) {
    return (params: P): void => {
      try {
        const r = fn(params);
        if (r) r.catch(e => this.log('error', `${name} failed: ${errorText(e)}`));
      } catch (e) {
        this.log('error', `${name} failed: ${errorText(e)}`);
      }
    };
  }

  private send(uri: string, diagnostics: Diagnostic[], version?: number): void {
    if (this.caps.pull) return; // never both: pull clients get everything by pull
    this.conn.sendDiagnostics(version === undefined ? { uri, diagnostics } : { uri, version, diagnostics })
      .catch(e => this.log('error', `publishDiagnostics failed: ${errorText(e)}`));
  }

  private reportProblems(problems: string[]): void {
    const fresh = problems.filter(p => !this.reportedProblems.has(p));
    if (!fresh.length) return;
    for (const p of fresh) { this.reportedProblems.add(p); this.log('warn', p); }
    this.conn.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: `Rampart settings: ${fresh.join(' · ')}` })
      .catch(() => undefined);
  }

  // ---- folders and settings -------------------------------------------------------------------------------

  private folderOf(p: string): Folder | undefined {
    let best: Folder | undefined;
    for (const f of this.folders.values()) {
      if ((p === f.path || p.startsWith(f.path.endsWith(path.sep) ? f.path : f.path + path.sep)) && (!best || f.path.length > best.path.length)) best = f;
    }
    return best;
  }

  private settingsFor(uri: string): Settings {
    const p = uriToPath(uri);
    return (p && this.folderOf(p)?.settings) || this.global;
  }

  private addFolders(list: WorkspaceFolder[]): Folder[] {
    const added: Folder[] = [];
    for (const wf of list) {
      const p = uriToPath(wf.uri);
      if (!p || this.folders.has(p)) continue;
      const f: Folder = { uri: wf.uri, path: p, name: wf.name, settings: this.global, scanRequested: false };
      this.folders.set(p, f);
      added.push(f);
    }
    return added;
  }

  /** Reads the `rampart` section for the global scope and every folder. */
  private async loadSettings(): Promise<void> {
    const folders = [...this.folders.values()];
    let raws: unknown[] = [];
    if (this.caps.configuration) {
      try {
        const items = [{ section: 'rampart' }, ...folders.map(f => ({ scopeUri: f.uri, section: 'rampart' }))];
        const answer = await Promise.race([
          this.conn.workspace.getConfiguration(items),
          new Promise<null>(resolve => setTimeout(() => resolve(null), 10_000).unref()),
        ]);
        if (answer === null) this.log('warn', 'workspace/configuration did not answer within 10 s; using the defaults');
        else if (Array.isArray(answer)) raws = answer;
      } catch (e) {
        this.log('warn', `workspace/configuration failed, using the defaults: ${errorText(e)}`);
      }
    }
    const raw = (i: number) => (raws[i] === undefined || raws[i] === null ? this.pushedSettings : raws[i]);
    const problems: string[] = [];
    const g = parseSettings(raw(0));
    this.global = g.settings;
    problems.push(...g.problems);
    const configProblems = new Map<string, ConfigProblem[]>();
    folders.forEach((f, i) => {
      const r = parseSettings(raw(i + 1));
      // the repository's .rampart.yaml (at the folder's root or above it, up to the git top), under the user's settings
      const file = this.trusted ? findProjectConfig(f.path) : null;
      const loaded = file ? loadProjectConfig(file) : null;
      if (loaded) configProblems.set(loaded.config.file, loaded.problems);
      f.settings = withProject(r.settings, loaded?.config ?? null);
      problems.push(...r.problems);
    });
    this.showConfigProblems(configProblems);
    this.reportProblems(problems);
  }

  /** Project configuration files with problems: diagnostics on the file itself, and one message per new problem. */
  private showConfigProblems(byFile: Map<string, ConfigProblem[]>): void {
    const before = this.configDiagnostics;
    this.configDiagnostics = new Map();
    for (const [file, list] of byFile) {
      if (!list.length) continue;
      const uri = pathToFileURL(file).href;
      this.configDiagnostics.set(uri, list.map(p => ({
        range: { start: { line: p.line - 1, character: p.column - 1 }, end: { line: p.endLine - 1, character: p.endColumn - 1 } },
        severity: DiagnosticSeverity.Error, source: SOURCE, code: 'rampart/config', codeDescription: { href: CONFIG_DOC_URL }, message: p.message,
      })));
    }
    for (const [uri, d] of this.configDiagnostics) this.send(uri, d);
    for (const uri of before.keys()) if (!this.configDiagnostics.has(uri)) this.send(uri, []);
    const messages = [...byFile.values()].flat().map(p => formatProblem(p, path.dirname(p.file)) + ' (this setting is ignored)');
    this.reportProblems(messages);
  }

  private onConfigurationChanged(settings: unknown): Promise<void> {
    if (!this.caps.configuration) {
      const s = settings as { rampart?: unknown } | null | undefined;
      this.pushedSettings = s && typeof s === 'object' && 'rampart' in s ? s.rampart : this.pushedSettings;
    }
    const run = this.settingsReady.then(async () => {
      const before = new Map([...this.folders.values()].map(f => [f.path, f.settings]));
      await this.loadSettings();
      this.configGen++;
      // open documents: re-lint with the new settings
      for (const td of this.documents.all()) this.lintSoon(td.uri, 0);
      // scanned files: new settings apply to the findings kept; new scan inputs need a new walk
      let rescan = false;
      const refilter = new Set<string>();
      for (const f of this.folders.values()) {
        const old = before.get(f.path);
        if (old && scanInputsChanged(old, f.settings)) rescan = true;
        if (!old || filterChanged(old, f.settings)) refilter.add(f.path);
      }
      if (rescan) this.scheduleRescan(0); // every file is read again and shown with the new settings
      else for (const e of this.scanned.values()) if (refilter.has(e.folder)) this.pushEntry(e);
      this.scheduleRefresh();
    });
    this.settingsReady = run.catch(e => this.log('error', `settings reload failed: ${errorText(e)}`));
    return this.settingsReady;
  }

  // ---- open documents -------------------------------------------------------------------------------------

  /** The parse and findings of a document's current version (cached), or null for files Rampart does not check. */
  private parsed(td: TextDocument): Parsed | null {
    const c = this.cache.get(td.uri);
    if (c && c.version === td.version) return c;
    const text = td.getText();
    const kind = detectKind(nameOf(td.uri), text);
    if (!kind) { this.cache.delete(td.uri); return null; }
    const doc = parseDocument(kind, text);
    const p: Parsed = { version: td.version, doc, findings: lintDocument(doc, this.lintOptions) };
    this.cache.set(td.uri, p);
    return p;
  }

  private withFixes(p: Parsed): Finding[] {
    return (p.withFixes ??= lintDocument(p.doc, { ...this.lintOptions, fixes: true }));
  }

  private openDiagnostics(td: TextDocument, p: Parsed): Diagnostic[] {
    const s = this.settingsFor(td.uri);
    return applySettings(p.findings, s).map(f => toDiagnostic(f, td.uri, td.version, s, this.caps));
  }

  private lintSoon(uri: string, delay: number): void {
    if (this.caps.pull || this.shuttingDown) return; // pull clients ask when they want
    this.pending.get(uri)?.cancel();
    let stop = false;
    const handle = {
      cancel: () => {
        stop = true;
        if (timer) clearTimeout(timer);
        if (immediate) clearImmediate(immediate);
      },
    };
    const run = () => {
      if (stop) return;
      this.publishOpen(uri, () => stop)
        .catch(e => this.log('error', `linting ${uri} failed: ${errorText(e)}`))
        .finally(() => { if (this.pending.get(uri) === handle) this.pending.delete(uri); });
    };
    const timer = delay > 0 ? setTimeout(run, delay) : null;
    const immediate = delay > 0 ? null : setImmediate(run);
    this.pending.set(uri, handle);
  }

  private async publishOpen(uri: string, isCancelled: () => boolean): Promise<void> {
    await this.settingsReady;
    const td = this.documents.get(uri);
    if (!td || isCancelled()) return;
    const p = this.parsed(td);
    if (!p) return;
    const diagnostics = this.openDiagnostics(td, p);
    // only the latest version is ever published: a newer one has its own lint scheduled
    if (this.documents.get(uri)?.version !== td.version) return;
    this.send(uri, diagnostics, td.version);
  }

  private onOpened(td: TextDocument): void {
    const p = uriToPath(td.uri);
    if (p) this.openPaths.set(p, td.uri);
    const e = p ? this.scanned.get(p) : undefined;
    if (e) { e.findings = null; e.shown = false; } // the open document wins from now on
  }

  private onChanged(td: TextDocument): void {
    const first = !this.seen.has(td.uri);
    this.seen.add(td.uri);
    this.lintSoon(td.uri, first ? 0 : this.debounceMs);
  }

  private onClosed(td: TextDocument): void {
    this.pending.get(td.uri)?.cancel();
    this.pending.delete(td.uri);
    this.cache.delete(td.uri);
    this.seen.delete(td.uri);
    const p = uriToPath(td.uri);
    if (p && this.openPaths.get(p) === td.uri) this.openPaths.delete(p);
    const e = p ? this.scanned.get(p) : undefined;
    if (p && e) {
      // back to what is on disk
      e.shown = true; // whatever the editor showed must be replaced
      void this.readEntry(p, e.folder);
    } else if (detectKind(nameOf(td.uri))) {
      this.send(td.uri, []);
    }
  }

  // ---- workspace files ------------------------------------------------------------------------------------

  private scanActive(f: Folder): boolean {
    return f.settings.enable && (f.settings.workspaceScan || f.scanRequested);
  }

  private entryDiagnostics(e: ScanEntry): Diagnostic[] {
    if (!e.findings) return [];
    const s = this.folders.get(e.folder)?.settings ?? this.global;
    return applySettings(e.findings, s).map(f => toDiagnostic(f, e.uri, null, s, this.caps));
  }

  /** Push mode: show an unopened file's findings (nothing is sent for files that were and stay clean). */
  private pushEntry(e: ScanEntry): void {
    if (this.caps.pull || this.openPaths.has(e.path)) return;
    const diagnostics = this.entryDiagnostics(e);
    if (!diagnostics.length && !e.shown) return;
    e.shown = diagnostics.length > 0;
    this.send(e.uri, diagnostics);
  }

  private dropEntry(e: ScanEntry): void {
    this.scanned.delete(e.path);
    if (e.shown && !this.openPaths.has(e.path)) this.send(e.uri, []);
    this.scheduleRefresh();
  }

  /** Reads and lints one workspace file; the latest read of a path wins. */
  private readEntry(p: string, folder: string, seenGen?: number): Promise<void> {
    const seq = (this.reading.get(p)?.seq ?? 0) + 1;
    const done = (async () => {
      let text: string | null = null;
      try {
        const st = await fs.promises.stat(p);
        if (st.isFile() && st.size <= MAX_FILE_BYTES) text = await fs.promises.readFile(p, 'utf8');
      } catch { text = null; }
      if (this.reading.get(p)?.seq !== seq) return; // a newer read of this path is under way
      this.reading.delete(p);
      const existing = this.scanned.get(p);
      const body = text === null ? null : stripBom(text).text;
      const kind = body === null || body.slice(0, 8192).includes('\0') ? null : detectKind(p, body);
      if (!kind) { if (existing) this.dropEntry(existing); return; }
      const open = this.openPaths.has(p);
      const findings = open ? null : lintDocument(parseDocument(kind, body!), this.lintOptions);
      const e: ScanEntry = {
        path: p, uri: existing?.uri ?? this.openPaths.get(p) ?? pathToFileURL(p).href, folder, findings,
        seen: seenGen ?? existing?.seen ?? this.scanGen, rev: ++this.rev, shown: existing?.shown ?? false,
      };
      this.scanned.set(p, e);
      this.pushEntry(e);
    })();
    this.reading.set(p, { seq, done });
    return done.catch(err => this.log('error', `reading ${p} failed: ${errorText(err)}`));
  }

  private scheduleRescan(delay = 300): void {
    if (this.rescanTimer) clearTimeout(this.rescanTimer);
    this.rescanTimer = setTimeout(() => {
      this.rescanTimer = null;
      this.scan({}).catch(e => this.log('error', `workspace scan failed: ${errorText(e)}`));
    }, delay);
  }

  private scheduleRefresh(): void {
    if (!this.caps.pull || !this.caps.refresh || this.refreshTimer) return;
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = null;
      this.conn.languages.diagnostics.refresh().catch(() => undefined);
    }, 50);
  }

  /**
   * Walks every active workspace folder (honouring .gitignore and rampart.exclude) and lints each file Rampart
   * checks, one at a time, yielding between files. A new scan cancels a running one.
   */
  async scan(opts: { token?: CancellationToken; workDone?: WorkDoneProgressReporter }): Promise<ScanSummary> {
    this.scanAbort?.abort();
    const abort = new AbortController();
    this.scanAbort = abort;
    const run = this.runScan(abort, opts);
    this.scanRunning = run;
    try {
      return await run;
    } finally {
      if (this.scanRunning === run) this.scanRunning = null;
      if (this.scanAbort === abort) this.scanAbort = null;
    }
  }

  private async runScan(abort: AbortController, opts: { token?: CancellationToken; workDone?: WorkDoneProgressReporter }): Promise<ScanSummary> {
    await this.settingsReady;
    const summary: ScanSummary = { folders: 0, files: 0, findings: 0, skipped: 0, cancelled: false };
    const folders = [...this.folders.values()].filter(f => this.scanActive(f));
    summary.folders = folders.length;
    // files of folders no longer scanned go away
    for (const e of [...this.scanned.values()]) {
      const f = this.folders.get(e.folder);
      if (!f || !folders.includes(f)) this.dropEntry(e);
    }
    if (!folders.length || abort.signal.aborted) return { ...summary, cancelled: abort.signal.aborted };

    let reporter: WorkDoneProgressReporter;
    if (opts.workDone) reporter = opts.workDone; // the client's own token: cancelled with the request
    else {
      const r = await this.conn.window.createWorkDoneProgress().catch(() => null);
      reporter = r ?? { begin() {}, report() {}, done() {} };
      r?.token.onCancellationRequested(() => abort.abort());
    }
    const sub = opts.token?.onCancellationRequested(() => abort.abort());
    try {
      reporter.begin('Rampart: scanning the workspace', 0, 'listing files…', true);
      const list: { path: string; folder: string }[] = [];
      for (const f of folders) {
        for await (const entry of walkFiles([f.path], { exclude: f.settings.exclude, project: f.settings.project, signal: abort.signal })) {
          if ('skipped' in entry) { summary.skipped++; continue; }
          if (this.folderOf(entry.path) !== f) continue; // a nested folder scans it with its own settings
          list.push({ path: entry.path, folder: f.path });
        }
        if (abort.signal.aborted) break;
      }
      const gen = ++this.scanGen;
      const total = list.length;
      summary.files = total;
      let done = 0, last = 0;
      for (const item of list) {
        if (abort.signal.aborted || this.shuttingDown) break;
        await yieldToLoop();
        await this.readEntry(item.path, item.folder, gen);
        done++;
        const now = Date.now();
        if (total <= 200 || now - last >= 100 || done === total) {
          last = now;
          reporter.report(Math.floor((done / total) * 100), `${done}/${total} files`);
        }
      }
      summary.cancelled = abort.signal.aborted || this.shuttingDown;
      if (!summary.cancelled) {
        // listed before, not now: deleted, newly ignored or excluded
        for (const e of [...this.scanned.values()]) if (e.seen < gen && folders.some(f => f.path === e.folder)) this.dropEntry(e);
      }
      for (const e of this.scanned.values()) {
        if (e.findings) summary.findings += applySettings(e.findings, this.folders.get(e.folder)?.settings ?? this.global).length;
      }
      this.scheduleRefresh();
      this.log('info', `workspace scan ${summary.cancelled ? 'cancelled' : 'done'}: ${done}/${total} files, ${summary.findings} findings`);
      return summary;
    } finally {
      reporter.done();
      sub?.dispose();
    }
  }

  /** Is a path part of a folder's scan: .gitignore files, rampart.exclude and the project configuration's exclude? */
  private async included(f: Folder, p: string, isDir = false): Promise<boolean> {
    if (f.settings.project && excludedBy(f.settings.project, p, isDir)) return false;
    return this.ignores.includes(f.path, p, f.settings.exclude, isDir);
  }

  private async onWatchedFiles(changes: FileEvent[]): Promise<void> {
    let reload = false;
    for (const c of changes) {
      const p = uriToPath(c.uri);
      if (!p) continue;
      if ((CONFIG_NAMES as readonly string[]).includes(path.basename(p))) { reload = true; continue; } // read with the settings, below
      if (path.basename(p) === '.gitignore') {
        // what is ignored changed (in a folder, or above one): walk again
        const dir = path.dirname(p) + path.sep;
        if ([...this.folders.values()].some(f => this.scanActive(f) && (this.folderOf(p) === f || (f.path + path.sep).startsWith(dir)))) {
          this.ignores.clear();
          this.scheduleRescan();
        }
        continue;
      }
      const f = this.folderOf(p);
      if (!f || !this.scanActive(f)) continue;
      if (c.type === FileChangeType.Deleted) {
        // a file, or a directory and everything in it
        for (const e of [...this.scanned.values()]) if (e.path === p || e.path.startsWith(p + path.sep)) this.dropEntry(e);
        continue;
      }
      if (this.scanned.has(p)) { await this.readEntry(p, f.path); continue; }
      const named = !!detectKind(p);
      if (!named && c.type !== FileChangeType.Created) continue; // only a new directory can matter then
      const st = await fs.promises.stat(p).catch(() => null);
      if (!st) continue;
      if (st.isDirectory()) {
        if (c.type !== FileChangeType.Created) continue;
        // a directory appeared (moved in, checked out): walk it, unless it is ignored or excluded itself
        if (!await this.included(f, p, true)) continue;
        for await (const entry of walkFiles([p], { signal: this.scanAbort?.signal })) {
          if ('skipped' in entry || this.folderOf(entry.path) !== f) continue;
          if (await this.included(f, entry.path)) await this.readEntry(entry.path, f.path);
        }
      } else if (st.isFile() && named && await this.included(f, p)) {
        await this.readEntry(p, f.path);
      }
    }
    // a project configuration changed: the same path as a change of settings (re-lint, re-filter, walk again when exclude changed)
    if (reload) await this.onConfigurationChanged(undefined);
    this.scheduleRefresh();
  }

  // ---- pull diagnostics -----------------------------------------------------------------------------------

  private resultIdOpen(td: TextDocument): string { return `o${td.version}:${this.configGen}`; }
  private resultIdEntry(e: ScanEntry): string { return `s${e.rev}:${this.configGen}`; }

  private async documentDiagnostic(uri: string, previousResultId: string | undefined, token: CancellationToken): Promise<DocumentDiagnosticReport> {
    await this.settingsReady;
    if (token.isCancellationRequested) throw cancelled();
    const td = this.documents.get(uri);
    if (td) {
      const p = this.parsed(td);
      if (!p) return { kind: 'full', items: [] };
      const resultId = this.resultIdOpen(td);
      if (previousResultId === resultId) return { kind: 'unchanged', resultId };
      return { kind: 'full', resultId, items: this.openDiagnostics(td, p) };
    }
    const config = this.configDiagnostics.get(uri);
    if (config) return { kind: 'full', items: config };
    const p = uriToPath(uri);
    const pendingRead = p ? this.reading.get(p) : undefined;
    if (pendingRead) await pendingRead.done.catch(() => undefined);
    const e = p ? this.scanned.get(p) : undefined;
    if (!e || !e.findings) return { kind: 'full', items: [] };
    const resultId = this.resultIdEntry(e);
    if (previousResultId === resultId) return { kind: 'unchanged', resultId };
    return { kind: 'full', resultId, items: this.entryDiagnostics(e) };
  }

  /** Reports what changed since the client's result ids: open documents (with their version) and scanned files. */
  private async workspaceDiagnostic(previous: { uri: string; value: string }[], token: CancellationToken): Promise<{ items: WorkspaceDocumentDiagnosticReport[] }> {
    await this.settingsReady;
    const prev = new Map<string, { uri: string; value: string }>();
    for (const r of previous) prev.set(uriToPath(r.uri) ?? r.uri, r);
    const items: WorkspaceDocumentDiagnosticReport[] = [];
    const reported = new Set<string>();
    const add = (key: string, uri: string, version: number | null, resultId: string, diagnostics: () => Diagnostic[]) => {
      reported.add(key);
      const before = prev.get(key);
      if (before?.value === resultId) return;
      const d = diagnostics();
      if (!before && !d.length) return; // clean and unknown to the client
      items.push({ kind: 'full', uri, version, resultId, items: d });
    };
    for (const td of this.documents.all()) {
      const p = this.parsed(td);
      if (p) add(uriToPath(td.uri) ?? td.uri, td.uri, td.version, this.resultIdOpen(td), () => this.openDiagnostics(td, p));
    }
    let n = 0;
    for (const e of this.scanned.values()) {
      if (++n % 500 === 0) {
        await yieldToLoop();
        if (token.isCancellationRequested) throw cancelled();
      }
      if (reported.has(e.path) || !e.findings) continue;
      add(e.path, e.uri, null, this.resultIdEntry(e), () => this.entryDiagnostics(e));
    }
    for (const [uri, d] of this.configDiagnostics) add(uriToPath(uri) ?? uri, uri, null, `c${this.configGen}`, () => d);
    // files the client knows that are gone (deleted, ignored now, closed and outside the scan)
    for (const [key, r] of prev) {
      if (!reported.has(key) && !this.scanned.has(key) && r.value !== 'gone') items.push({ kind: 'full', uri: r.uri, version: null, resultId: 'gone', items: [] });
    }
    return { items };
  }

  // ---- code actions ---------------------------------------------------------------------------------------

  private wsEdit(td: TextDocument, edits: TextEdit[]): WorkspaceEdit {
    return this.caps.documentChanges
      ? { documentChanges: [{ textDocument: { uri: td.uri, version: td.version }, edits }] }
      : { changes: { [td.uri]: edits } };
  }

  private fixAllEdits(td: TextDocument, p: Parsed): { edits: TextEdit[]; applied: number } {
    const s = this.settingsFor(td.uri);
    if (!s.enable) return { edits: [], applied: 0 };
    const r = fixAll(p.doc, f => applySettings(f, s), this.lintOptions);
    return { edits: r.edits, applied: r.applied };
  }

  private hasSafeFix(p: Parsed, s: Settings): boolean {
    return applySettings(this.withFixes(p), s).some(f => f.fixes?.some(x => x.safety === 'safe'));
  }

  /** The edit of one action, for the document's current version (null: nothing to do / no longer applies). */
  private actionEdit(td: TextDocument, p: Parsed, data: ActionData): TextEdit[] | null {
    const s = this.settingsFor(td.uri);
    if (data.action === 'fixAll') {
      const r = this.fixAllEdits(td, p);
      return r.edits.length ? r.edits : null;
    }
    if (!data.rule) return null;
    if (data.action === 'suppressFile') {
      const e = suppressFileEdit(p.doc, data.rule, this.lintOptions);
      return e ? [e] : null;
    }
    const f = applySettings(this.withFixes(p), s).find(x => x.ruleId === data.rule && data.range && sameRange(x.range, data.range));
    if (!f) return null;
    if (data.action === 'suppressLine') {
      const e = suppressLineEdit(p.doc, f, this.lintOptions);
      return e ? [e] : null;
    }
    return f.fixes?.[data.index ?? 0]?.edits ?? null;
  }

  private codeActions(params: CodeActionParams): (CodeAction | Command)[] {
    const td = this.documents.get(params.textDocument.uri);
    if (!td) return [];
    const p = this.parsed(td);
    const s = this.settingsFor(td.uri);
    if (!p || !s.enable) return [];
    const only = params.context.only;
    const want = (kind: string) => !only || only.some(o => kind === o || kind.startsWith(o + '.'));
    const out: CodeAction[] = [];
    // with resolve support the edit is computed on codeAction/resolve; without, now
    const make = (title: string, kind: string, data: ActionData, edits: () => TextEdit[] | null, diagnostics?: Diagnostic[], isPreferred?: boolean): CodeAction | null => {
      const a: CodeAction = { title, kind };
      if (diagnostics) a.diagnostics = diagnostics;
      if (isPreferred) a.isPreferred = true;
      if (this.caps.resolve) a.data = data;
      else {
        const e = edits();
        if (!e) return null;
        a.edit = this.wsEdit(td, e);
      }
      return a;
    };

    if (want(CodeActionKind.QuickFix)) {
      const findings = applySettings(this.withFixes(p), s);
      const ours = params.context.diagnostics.filter(d => d.source === SOURCE);
      // the client's diagnostics at the range, matched to this version's findings; with none given, whatever is at the range
      const matched: { f: Finding; d: Diagnostic }[] = [];
      if (params.context.diagnostics.length) {
        for (const d of ours) {
          const f = findings.find(x => x.ruleId === d.code && sameRange(x.range, d.range));
          if (f) matched.push({ f, d });
        }
      } else {
        for (const f of findings) if (intersects(f.range, params.range)) matched.push({ f, d: toDiagnostic(f, td.uri, td.version, s, this.caps) });
      }
      const fixes: CodeAction[] = [], lineSup: CodeAction[] = [], fileSup: CodeAction[] = [], docs: CodeAction[] = [];
      // which suppressions would work: one check for all the lines, one for all the rules
      const lineOk = silencedByLineComments(p.doc, matched.map(m => m.f), this.lintOptions);
      const fileOk = silencedByFileComment(p.doc, matched.map(m => m.f.ruleId), this.lintOptions);
      const doneLine = new Set<string>(), doneRule = new Set<string>();
      for (const { f, d } of matched) {
        const base = { uri: td.uri, version: td.version, rule: f.ruleId, range: f.range };
        (f.fixes ?? []).forEach((fix, index) => {
          const a = make(fix.title, CodeActionKind.QuickFix, { ...base, action: 'fix', index }, () => fix.edits, [d], fix.safety === 'safe');
          if (a) fixes.push(a);
        });
        const line = f.range.start.line;
        const lineKey = `${f.ruleId}\0${line}`;
        if (!doneLine.has(lineKey) && lineOk.has(lineKey)) {
          doneLine.add(lineKey);
          const a = make(`Suppress ${f.ruleId} on this line`, CodeActionKind.QuickFix, { ...base, action: 'suppressLine' },
            () => [lineSuppression(p.doc, line, [f.ruleId]).edit], [d]);
          if (a) lineSup.push(a);
        }
        if (!doneRule.has(f.ruleId)) {
          doneRule.add(f.ruleId);
          if (fileOk.has(f.ruleId)) {
            const a = make(`Suppress ${f.ruleId} in this file`, CodeActionKind.QuickFix, { ...base, action: 'suppressFile' },
              () => [fileSuppression(p.doc, [f.ruleId])], matched.filter(m => m.f.ruleId === f.ruleId).map(m => m.d));
            if (a) fileSup.push(a);
          }
          docs.push({
            title: `Show documentation for ${f.ruleId}`, kind: CodeActionKind.QuickFix,
            command: { title: `Show documentation for ${f.ruleId}`, command: COMMANDS.showRuleDocumentation, arguments: [f.ruleId] },
          });
        }
      }
      out.push(...fixes, ...lineSup, ...fileSup, ...docs);
    }

    if ((only ? want(FIX_ALL_KIND) : true) && this.hasSafeFix(p, s)) {
      const data: ActionData = { uri: td.uri, version: td.version, action: 'fixAll' };
      const a = make('Fix all Rampart problems in this file', FIX_ALL_KIND, data, () => this.actionEdit(td, p, data));
      if (a) out.push(a);
    }

    if (!this.caps.literals) {
      // very old clients: commands only
      return out.filter(a => a.command || a.kind === FIX_ALL_KIND).map(a => a.command ?? Command.create(a.title, COMMANDS.fixAll, td.uri));
    }
    return out;
  }

  private resolveCodeAction(action: CodeAction): CodeAction {
    const data = action.data as ActionData | undefined;
    if (!data || typeof data !== 'object' || typeof data.uri !== 'string' || action.edit) return action;
    const td = this.documents.get(data.uri);
    if (!td) throw new ResponseError(LSPErrorCodes.ContentModified, 'The document is no longer open');
    const p = this.parsed(td);
    if (!p) return action;
    // an older version's action still applies when its finding is still there, unchanged
    const edits = this.actionEdit(td, p, data);
    if (!edits) {
      if (data.version !== td.version) throw new ResponseError(LSPErrorCodes.ContentModified, 'The document changed; the action no longer applies');
      return action;
    }
    return { ...action, edit: this.wsEdit(td, edits) };
  }

  // ---- hover, commands, requests --------------------------------------------------------------------------

  private hover(uri: string, position: { line: number; character: number }): Hover | null {
    const td = this.documents.get(uri);
    if (!td) return null;
    const p = this.parsed(td);
    if (!p) return null;
    const found = applySettings(p.findings, this.settingsFor(uri)).filter(f => contains(f.range, position));
    if (!found.length) return null;
    const value = this.caps.markdown ? found.map(hoverMarkdown).join('\n\n---\n\n') : found.map(hoverPlain).join('\n\n----\n\n');
    return { contents: { kind: this.caps.markdown ? MarkupKind.Markdown : MarkupKind.PlainText, value }, range: found[0].range };
  }

  private async executeCommand(command: string, args: unknown[], token: CancellationToken, workDone?: WorkDoneProgressReporter): Promise<unknown> {
    switch (command) {
      case COMMANDS.scanWorkspace: {
        await this.settingsReady;
        for (const f of this.folders.values()) f.scanRequested = true;
        const summary = await this.scan({ token, workDone: workDone && !WorkDoneProgressReporter.isNullInstance(workDone) ? workDone : undefined });
        if (token.isCancellationRequested) throw cancelled();
        return summary;
      }
      case COMMANDS.fixAll: {
        const uri = args[0];
        if (typeof uri !== 'string') throw new ResponseError(ErrorCodes.InvalidParams, `${command} expects a document URI as its argument`);
        const td = this.documents.get(uri);
        if (!td) throw new ResponseError(ErrorCodes.InvalidParams, `${command}: ${uri} is not open`);
        await this.settingsReady;
        const p = this.parsed(td);
        const r = p ? this.fixAllEdits(td, p) : { edits: [], applied: 0 };
        if (!r.edits.length) return { applied: false, fixes: 0 };
        if (!this.caps.applyEdit) throw new ResponseError(ErrorCodes.InvalidRequest, 'The client cannot apply workspace edits');
        const res = await this.conn.workspace.applyEdit({ label: 'Fix all Rampart problems', edit: this.wsEdit(td, r.edits) });
        return { applied: res.applied, fixes: res.applied ? r.applied : 0, ...(res.failureReason ? { failureReason: res.failureReason } : {}) };
      }
      case COMMANDS.showRuleDocumentation: {
        const id = args[0];
        if (typeof id !== 'string') throw new ResponseError(ErrorCodes.InvalidParams, `${command} expects a rule id as its argument`);
        const info = ruleInfo(id);
        if (!info) throw new ResponseError(ErrorCodes.InvalidParams, `Unknown rule id: ${id}`);
        const rule = ruleById.get(id);
        const markdown = rule ? rulePage(rule) : `# ${info.id}\n\n**${info.title}**\n\n${info.rationale}\n`;
        if (this.caps.showDocument && this.openDocsExternally) {
          this.conn.window.showDocument({ uri: info.url, external: true }).then(undefined, e => this.log('warn', `showDocument failed: ${errorText(e)}`));
        }
        return { id: info.id, title: info.title, url: info.url, markdown };
      }
      default:
        throw new ResponseError(ErrorCodes.InvalidParams, `Unknown command: ${command}`);
    }
  }

  private async exportSarif(folderUri: unknown, token: CancellationToken): Promise<unknown> {
    if (folderUri !== undefined && folderUri !== null && typeof folderUri !== 'string') throw new ResponseError(ErrorCodes.InvalidParams, 'folderUri must be a string');
    await this.settingsReady;
    if (this.scanRunning) await this.scanRunning.catch(() => undefined);
    if (token.isCancellationRequested) throw cancelled();
    let root: string;
    if (typeof folderUri === 'string') {
      const p = uriToPath(folderUri);
      if (!p) throw new ResponseError(ErrorCodes.InvalidParams, `folderUri must be a file: URI, got ${folderUri}`);
      root = p;
    } else {
      root = this.folders.values().next().value?.path ?? process.cwd();
    }
    const inside = (p: string) => typeof folderUri !== 'string' || p === root || p.startsWith(root.endsWith(path.sep) ? root : root + path.sep);
    const rel = (p: string) => path.relative(root, p).split(path.sep).join('/');
    const files: { path: string; rel: string; findings: Finding[]; text?: string }[] = [];
    const openDone = new Set<string>();
    for (const td of this.documents.all()) {
      const p = uriToPath(td.uri);
      const parsed = p ? this.parsed(td) : null;
      if (!p || !parsed || !inside(p)) continue;
      openDone.add(p);
      files.push({ path: p, rel: rel(p), findings: applySettings(parsed.findings, this.settingsFor(td.uri)), text: td.getText() });
    }
    for (const e of this.scanned.values()) {
      if (openDone.has(e.path) || !e.findings || !inside(e.path)) continue;
      files.push({ path: e.path, rel: rel(e.path), findings: applySettings(e.findings, this.folders.get(e.folder)?.settings ?? this.global) });
    }
    files.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
    return toSarif(files.filter(f => f.findings.length), { root });
  }

  // ---- wiring ---------------------------------------------------------------------------------------------

  private initialize(params: InitializeParams): InitializeResult {
    const c = params.capabilities ?? {};
    const pull = !!c.textDocument?.diagnostic;
    this.caps = {
      pull,
      resolve: !!c.textDocument?.codeAction?.resolveSupport?.properties?.includes('edit'),
      relatedInformation: pull ? !!c.textDocument?.diagnostic?.relatedInformation : !!c.textDocument?.publishDiagnostics?.relatedInformation,
      configuration: !!c.workspace?.configuration,
      workspaceFolders: !!c.workspace?.workspaceFolders,
      watchers: !!c.workspace?.didChangeWatchedFiles?.dynamicRegistration,
      configDynamic: !!c.workspace?.didChangeConfiguration?.dynamicRegistration,
      progress: !!c.window?.workDoneProgress,
      showDocument: !!c.window?.showDocument?.support,
      applyEdit: !!c.workspace?.applyEdit,
      documentChanges: !!c.workspace?.workspaceEdit?.documentChanges,
      markdown: !!c.textDocument?.hover?.contentFormat?.includes(MarkupKind.Markdown),
      refresh: !!c.workspace?.diagnostics?.refreshSupport,
      literals: !c.textDocument?.codeAction || !!c.textDocument.codeAction.codeActionLiteralSupport,
    };
    const opts = (params.initializationOptions ?? {}) as { debounceMs?: unknown; settings?: unknown; openDocsExternally?: unknown; trustedWorkspace?: unknown };
    if (opts.openDocsExternally === false) this.openDocsExternally = false;
    if (opts.trustedWorkspace === false) this.trusted = false;
    if (opts.debounceMs !== undefined) {
      const d = opts.debounceMs;
      if (typeof d === 'number' && Number.isFinite(d) && d >= 0) this.debounceMs = Math.min(d, 10_000);
      else this.reportProblems([`initializationOptions.debounceMs: ${JSON.stringify(d)} is not a number of milliseconds ≥ 0; using ${DEFAULT_DEBOUNCE_MS}`]);
    }
    if (opts.settings !== undefined) this.pushedSettings = opts.settings;
    const folders = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: path.basename(uriToPath(params.rootUri) ?? 'root') }]
      : params.rootPath ? [{ uri: pathToFileURL(params.rootPath).href, name: path.basename(params.rootPath) }] : []);
    this.addFolders(folders);

    const result: InitializeResult = {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: this.caps.resolve },
        hoverProvider: true,
        executeCommandProvider: { commands: Object.values(COMMANDS) },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'rampart' },
    };
    if (pull) result.capabilities.diagnosticProvider = { identifier: 'rampart', interFileDependencies: false, workspaceDiagnostics: true };
    return result;
  }

  private async initialized(): Promise<void> {
    if (this.caps.configDynamic) {
      this.conn.client.register(DidChangeConfigurationNotification.type, { section: 'rampart' }).catch(e => this.log('warn', `registering for configuration changes failed: ${errorText(e)}`));
    }
    if (this.caps.watchers) {
      this.conn.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*' }] })
        .catch(e => this.log('warn', `registering the file watcher failed: ${errorText(e)}`));
    }
    if (this.caps.workspaceFolders) {
      this.conn.workspace.onDidChangeWorkspaceFolders(this.notification('workspace folders', async ev => {
        for (const r of ev.removed) {
          const p = uriToPath(r.uri);
          if (!p || !this.folders.delete(p)) continue;
          for (const e of [...this.scanned.values()]) if (e.folder === p) this.dropEntry(e);
        }
        const added = this.addFolders(ev.added);
        if (added.length) {
          this.settingsReady = this.settingsReady.then(() => this.loadSettings()).catch(e => this.log('error', errorText(e)));
          await this.settingsReady;
          if (added.some(f => this.scanActive(f))) this.scheduleRescan(0);
        }
      }));
    }
    this.settingsReady = this.loadSettings().catch(e => this.log('error', `loading settings failed: ${errorText(e)}`));
    await this.settingsReady;
    if ([...this.folders.values()].some(f => this.scanActive(f))) await this.scan({});
  }

  listen(): void {
    const conn = this.conn;
    conn.onInitialize(params => this.initialize(params));
    conn.onInitialized(this.notification('initialized', () => this.initialized()));
    conn.onShutdown(() => {
      this.shuttingDown = true;
      this.scanAbort?.abort();
      for (const p of this.pending.values()) p.cancel();
      this.pending.clear();
      if (this.rescanTimer) clearTimeout(this.rescanTimer);
      if (this.refreshTimer) clearTimeout(this.refreshTimer);
    });

    this.documents.onDidOpen(ev => { try { this.onOpened(ev.document); } catch (e) { this.log('error', errorText(e)); } });
    this.documents.onDidChangeContent(ev => { try { this.onChanged(ev.document); } catch (e) { this.log('error', errorText(e)); } });
    this.documents.onDidSave(ev => { try { this.lintSoon(ev.document.uri, 0); } catch (e) { this.log('error', errorText(e)); } });
    this.documents.onDidClose(ev => { try { this.onClosed(ev.document); } catch (e) { this.log('error', errorText(e)); } });
    this.documents.listen(conn);

    conn.onDidChangeConfiguration(this.notification('configuration change', p => this.onConfigurationChanged(p?.settings)));
    conn.onDidChangeWatchedFiles(this.notification('file events', p => this.onWatchedFiles(p?.changes ?? [])));
    conn.onNotification(WORKSPACE_TRUST, this.notification('workspace trust', (p: { trusted?: unknown } | null) => {
      const trusted = p?.trusted === true;
      if (trusted === this.trusted) return;
      this.trusted = trusted;
      return this.onConfigurationChanged(undefined);
    }));

    conn.languages.diagnostics.on(this.request('textDocument/diagnostic', (p, token) => {
      if (!this.caps.pull) throw new ResponseError(ErrorCodes.MethodNotFound, 'Diagnostics are pushed to this client');
      return this.documentDiagnostic(p.textDocument.uri, p.previousResultId, token);
    }));
    conn.languages.diagnostics.onWorkspace(this.request('workspace/diagnostic', (p, token) => {
      if (!this.caps.pull) throw new ResponseError(ErrorCodes.MethodNotFound, 'Diagnostics are pushed to this client');
      return this.workspaceDiagnostic(p.previousResultIds ?? [], token);
    }));

    conn.onCodeAction(this.request('textDocument/codeAction', p => this.codeActions(p)));
    conn.onCodeActionResolve(this.request('codeAction/resolve', a => this.resolveCodeAction(a)));
    conn.onHover(this.request('textDocument/hover', p => this.hover(p.textDocument.uri, p.position)));
    conn.onExecuteCommand(this.request('workspace/executeCommand', (p, token, workDone: WorkDoneProgressReporter) =>
      this.executeCommand(p.command, Array.isArray(p.arguments) ? p.arguments : [], token, workDone)));
    conn.onRequest(EXPORT_SARIF, this.request(EXPORT_SARIF, (p: { folderUri?: unknown } | null, token) => this.exportSarif(p?.folderUri, token)));
    conn.onRequest(RULE_INFO, this.request(RULE_INFO, (p: { id?: unknown } | null) => {
      const id = p?.id;
      const strip = ({ fix: _fix, ...rest }: RuleInfo) => rest;
      // without an id: every rule, sorted by id (for a rule picker)
      if (id === undefined || id === null) return allRuleIds().map(x => strip(ruleInfo(x)!));
      if (typeof id !== 'string') throw new ResponseError(ErrorCodes.InvalidParams, `${RULE_INFO} expects {id: string}`);
      const info = ruleInfo(id);
      if (!info) throw new ResponseError(ErrorCodes.InvalidParams, `Unknown rule id: ${id}`);
      return strip(info);
    }));
    conn.listen();
  }
}

/**
 * Starts the language server on `connection`, or on a new one that takes its transport (--stdio, --node-ipc,
 * --socket=N) from the command line.
 */
export function startServer(connection?: Connection): void {
  const conn = connection ?? createConnection(ProposedFeatures.all, {
    // a request cancelled before it started is answered at once
    cancelUndispatched: message => ('id' in message && message.id !== undefined && message.id !== null
      ? { jsonrpc: '2.0', id: message.id as number | string, error: { code: LSPErrorCodes.RequestCancelled, message: 'Request cancelled' } }
      : undefined),
  });
  if (!connection) {
    // a bug must not take the server down with the editor's state
    process.on('uncaughtException', e => { try { conn.console.error(`uncaught: ${errorText(e)}`); } catch { /* ignore */ } });
    process.on('unhandledRejection', e => { try { conn.console.error(`unhandled rejection: ${errorText(e)}`); } catch { /* ignore */ } });
  }
  new RampartServer(conn).listen();
}
