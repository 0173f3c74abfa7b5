/// <reference types="mocha" />
/**
 * Rampart in a real VS Code (1.100, code-server's Node extension host), with the bundled extension and server
 * (dist/), on a temporary copy of test-fixtures/e2e-workspace. The tests run in order and build on each other:
 * the workspace is edited as a user would (quick fix, fix-all, suppression) and the same findings are followed
 * through the Problems data, the Findings view, the status bar and the SARIF export.
 */
import * as assert from 'assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { lintText } from '../../server/src/engine/engine';
import type { RampartApi } from '../src/extension';
import type { Node, RowSnapshot } from '../src/tree';

const EXTENSION_ID = 'rampart.rampart';
const SEVERITY: Record<string, vscode.DiagnosticSeverity> = {
  critical: vscode.DiagnosticSeverity.Error, high: vscode.DiagnosticSeverity.Error, medium: vscode.DiagnosticSeverity.Warning,
  low: vscode.DiagnosticSeverity.Information, info: vscode.DiagnosticSeverity.Hint,
};

interface Expected { code: string; range: [number, number, number, number]; severity: vscode.DiagnosticSeverity; message?: string }

async function waitFor<T>(what: string, fn: () => T | undefined | null | false | Promise<T | undefined | null | false>, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (e) { last = e; }
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}${last ? `: ${last}` : ''}`);
    await new Promise(r => setTimeout(r, 100));
  }
}

const codeOf = (d: vscode.Diagnostic) => String(typeof d.code === 'object' ? d.code.value : d.code);
const rampart = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter(d => d.source === 'rampart');
const allRampart = () => vscode.languages.getDiagnostics().flatMap(([uri, ds]) => ds.filter(d => d.source === 'rampart').map(d => ({ uri, d })));
const key = (code: string, r: vscode.Range, severity: vscode.DiagnosticSeverity, message: string) =>
  `${code} ${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character} ${vscode.DiagnosticSeverity[severity]} ${message}`;
const keys = (ds: vscode.Diagnostic[]) => ds.map(d => key(codeOf(d), d.range, d.severity, d.message)).sort();

/** What the engine itself finds in a text, as the editor should show it (default settings). */
function engineKeys(name: string, text: string): string[] {
  const r = lintText(name, text);
  assert.ok(r, `${name} is not a file the engine checks`);
  return r.findings.map(f => key(f.ruleId, new vscode.Range(f.range.start.line, f.range.start.character, f.range.end.line, f.range.end.character),
    SEVERITY[f.severity], f.message)).sort();
}

/** Each expected finding is there, with exactly this code, range and severity (and message when given). */
function assertHas(ds: vscode.Diagnostic[], expected: Expected[]): void {
  for (const e of expected) {
    const [l1, c1, l2, c2] = e.range;
    const hit = ds.find(d => codeOf(d) === e.code && d.range.isEqual(new vscode.Range(l1, c1, l2, c2)));
    assert.ok(hit, `missing ${e.code} at ${e.range}; have:\n${keys(ds).join('\n')}`);
    assert.equal(hit.severity, e.severity, `${e.code} severity`);
    if (e.message) assert.equal(hit.message, e.message);
    assert.match(String((hit.code as { target?: vscode.Uri }).target), new RegExp(`/docs/rules/${e.code}\\.md$`), `${e.code} codeDescription.href`);
  }
}

function flatten(rows: RowSnapshot[], depth = 0, out: string[] = []): string[] {
  for (const r of rows) {
    out.push(`${'  '.repeat(depth)}${r.label}${r.description ? ` — ${r.description}` : ''}`);
    if (r.children) flatten(r.children, depth + 1, out);
  }
  return out;
}

/** The first node of the Findings view (walked through its provider, as VS Code does) that matches; the view follows the diagnostics after a short debounce. */
function findNode(api: RampartApi, pred: (n: Node) => boolean): Promise<Node> {
  const walk = (nodes: Node[]): Node | undefined => {
    for (const n of nodes) {
      const hit = pred(n) ? n : walk(api.findings.children(n));
      if (hit) return hit;
    }
    return undefined;
  };
  return waitFor('the node in the Findings view', () => walk(api.findings.children()), 5000);
}

const total = (rows: RowSnapshot[]) => rows.reduce((n, g) => n + Number(/\((\d+)\)$/.exec(g.label)?.[1] ?? 0), 0);

describe('Rampart in VS Code', function () {
  this.timeout(60_000);
  let api: RampartApi;
  let root: vscode.Uri;
  let dockerfile: vscode.Uri, worker: vscode.Uri, web: vscode.Uri, cron: vscode.Uri;

  before(() => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'no workspace folder open');
    root = folder.uri;
    dockerfile = vscode.Uri.joinPath(root, 'Dockerfile');
    worker = vscode.Uri.joinPath(root, 'services/worker/Dockerfile');
    web = vscode.Uri.joinPath(root, 'services/web/web.Dockerfile');
    cron = vscode.Uri.joinPath(root, 'services/cron/Containerfile');
    console.log(`VS Code ${vscode.version} (${vscode.env.appHost}, ui kind ${vscode.env.uiKind}), Node ${process.version}, workspace ${root.fsPath}`);
  });

  it('activates by itself in a workspace with Dockerfiles and runs the bundled server', async () => {
    const ext = vscode.extensions.getExtension<RampartApi>(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} not loaded`);
    // no activate() call: workspaceContains must have done it
    await waitFor('activation by workspaceContains', () => ext.isActive, 20_000);
    api = ext.exports;
    assert.equal(ext.packageJSON.main, './dist/extension.js');
    assert.equal(api.serverModule, path.join(ext.extensionPath, 'dist', 'server.js'));
    await waitFor('the language server', () => api.client.isRunning());
  });

  it('publishes exact diagnostics for an opened Dockerfile', async () => {
    const doc = await vscode.workspace.openTextDocument(dockerfile);
    await vscode.window.showTextDocument(doc);
    const ds = await waitFor('3 diagnostics on Dockerfile', () => rampart(dockerfile).length === 3 && rampart(dockerfile));
    const info = vscode.DiagnosticSeverity.Information;
    assertHas(ds, [
      { code: 'dockerfile/no-add-local', range: [3, 0, 3, 3], severity: info,
        message: 'ADD of local files: use COPY, which copies without unpacking archives or fetching URLs' },
      { code: 'dockerfile/no-add-local', range: [5, 0, 5, 3], severity: info },
      { code: 'dockerfile/no-root-user', range: [7, 5, 7, 9], severity: vscode.DiagnosticSeverity.Error,
        message: 'The final image runs as root (USER root)' },
    ]);
    // and exactly what the engine finds, nothing more
    assert.deepEqual(keys(ds), engineKeys('Dockerfile', doc.getText()));
  });

  it('reports unopened files from the workspace scan, and nothing for a hardened one', async () => {
    for (const u of [worker, web, cron]) assert.ok(!vscode.workspace.textDocuments.some(d => d.uri.toString() === u.toString()), `${u.fsPath} is open`);
    const ds = await waitFor('the worker Dockerfile\'s findings', () => rampart(worker).length >= 6 && rampart(worker));
    const E = vscode.DiagnosticSeverity.Error, W = vscode.DiagnosticSeverity.Warning;
    assertHas(ds, [
      { code: 'dockerfile/user-required', range: [0, 0, 0, 18], severity: E },
      { code: 'dockerfile/image-no-latest', range: [0, 12, 0, 18], severity: W },
      { code: 'dockerfile/no-secrets-in-env-arg', range: [1, 4, 1, 13], severity: E },
      { code: 'dockerfile/no-ssh-port', range: [3, 7, 3, 9], severity: W },
      { code: 'dockerfile/healthcheck-present', range: [0, 0, 0, 18], severity: vscode.DiagnosticSeverity.Information },
      { code: 'dockerfile/minimal-base-image', range: [0, 5, 0, 18], severity: vscode.DiagnosticSeverity.Information },
    ]);
    assert.deepEqual(keys(ds), engineKeys('Dockerfile', fs.readFileSync(worker.fsPath, 'utf8')));
    const cronDs = await waitFor('the Containerfile\'s findings', () => rampart(cron).length > 0 && rampart(cron));
    assertHas(cronDs, [{ code: 'dockerfile/image-no-latest', range: [0, 12, 0, 18], severity: W }]);
    assert.deepEqual(keys(cronDs), engineKeys('Containerfile', fs.readFileSync(cron.fsPath, 'utf8')));
    assert.deepEqual(rampart(web), [], 'the hardened web.Dockerfile must be clean');
  });

  it('Rampart: Scan Workspace runs with progress in the status bar', async () => {
    const before = api.status.completedScans;
    const summary = await vscode.commands.executeCommand<{ files: number; findings: number; cancelled: boolean }>('rampart.scanWorkspace');
    assert.equal(summary.cancelled, false);
    assert.equal(summary.files, 4, 'Dockerfile, worker, web.Dockerfile, cron Containerfile');
    await waitFor('the scan\'s progress to end in the status bar', () => api.status.completedScans > before && !api.status.scanning);
    assert.match(api.status.lastProgressText, /^\$\(sync~spin\) Rampart \d+%$/);
    assert.ok(rampart(worker).length >= 6, 'findings of unopened files survive a rescan');
  });

  it('shows the counts by severity in the status bar', async () => {
    await waitFor('status bar counts', () => {
      const c = [0, 0, 0, 0];
      for (const { d } of allRampart()) c[d.severity]++;
      const want = `$(shield) $(error) ${c[0]} $(warning) ${c[1]}${c[2] ? ` $(info) ${c[2]}` : ''}${c[3] ? ` $(lightbulb) ${c[3]}` : ''}`;
      return api.status.text === want || (console.log(`status: ${api.status.text} want ${want}`), false);
    });
    assert.equal(api.status.text, '$(shield) $(error) 3 $(warning) 3 $(info) 4');
  });

  it('a click on the status-bar item shows the Findings view', async () => {
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    assert.equal(api.findings.view.visible, false);
    await vscode.commands.executeCommand('rampart.findings.focus'); // the item's command
    await waitFor('the view to show', () => api.findings.view.visible);
  });

  it('the Findings view shows exactly the Problems data, grouped severity → rule → file → finding', async () => {
    const rows = await waitFor('the view to show all findings', () => {
      const r = api.findings.rows();
      return total(r) === allRampart().length && r;
    });
    assert.deepEqual(flatten(rows).filter(l => !l.startsWith('      ')), [
      'Errors (3)',
      '  dockerfile/no-root-user (1)',
      '    Dockerfile (1)',
      '  dockerfile/no-secrets-in-env-arg (1)',
      '    Dockerfile (1) — services/worker',
      '  dockerfile/user-required (1)',
      '    Dockerfile (1) — services/worker',
      'Warnings (3)',
      '  dockerfile/image-no-latest (2)',
      '    Containerfile (1) — services/cron',
      '    Dockerfile (1) — services/worker',
      '  dockerfile/no-ssh-port (1)',
      '    Dockerfile (1) — services/worker',
      'Information (4)',
      '  dockerfile/no-add-local (2)',
      '    Dockerfile (2)',
      '  dockerfile/healthcheck-present (1)',
      '    Dockerfile (1) — services/worker',
      '  dockerfile/minimal-base-image (1)',
      '    Dockerfile (1) — services/worker',
    ]);
    // every diagnostic appears once as a finding row, with its message and position
    const leaves = flatten(rows).filter(l => l.startsWith('      ')).map(l => l.trim()).sort();
    const want = allRampart().map(({ d }) => `${d.message} — Ln ${d.range.start.line + 1}, Col ${d.range.start.character + 1}`).sort();
    assert.deepEqual(leaves, want);
    await waitFor('the badge', () => api.findings.view.badge?.value === 10);
    assert.deepEqual(api.findings.view.badge, { value: 10, tooltip: '10 Rampart findings' });
  });

  it('the view groups by file and filters by severity', async () => {
    await vscode.commands.executeCommand('rampart.findings.groupByFile');
    assert.equal(api.findings.grouping, 'file');
    assert.deepEqual(flatten(api.findings.rows()).filter(l => !l.startsWith('  ')), [
      'Dockerfile (3)', 'Containerfile (1) — services/cron', 'Dockerfile (6) — services/worker',
    ]);
    assert.ok(flatten(api.findings.rows()).includes('  The final image runs as root (USER root) — dockerfile/no-root-user · Ln 8, Col 6'));
    await vscode.commands.executeCommand('rampart.findings.filter', vscode.DiagnosticSeverity.Warning);
    assert.deepEqual(flatten(api.findings.rows()).filter(l => !l.startsWith('  ')), [
      'Dockerfile (1)', 'Containerfile (1) — services/cron', 'Dockerfile (4) — services/worker',
    ]);
    assert.equal(total(api.findings.rows()), 6, 'errors and warnings only');
    assert.equal(api.findings.view.badge?.value, 6);
    assert.match(api.findings.view.message ?? '', /Showing warning and above; 4 hidden/);
    await vscode.commands.executeCommand('rampart.findings.filter', vscode.DiagnosticSeverity.Hint);
    await vscode.commands.executeCommand('rampart.findings.groupBySeverity');
    assert.equal(api.findings.view.message, undefined);
    assert.equal(api.findings.view.badge?.value, 10);
  });

  it('a click on a finding reveals its exact range', async () => {
    const node = await findNode(api, n => n.kind === 'finding' && n.finding.ruleId === 'dockerfile/no-secrets-in-env-arg');
    await vscode.commands.executeCommand('rampart.findings.reveal', node);
    const editor = await waitFor('the worker Dockerfile in an editor', () =>
      vscode.window.activeTextEditor?.document.uri.toString() === worker.toString() && vscode.window.activeTextEditor);
    assert.ok(editor.selection.isEqual(new vscode.Range(1, 4, 1, 13)), `selection ${JSON.stringify(editor.selection)}`);
    assert.equal(editor.document.getText(editor.selection), 'API_TOKEN');
  });

  it('applies a quick fix from the server and the counts drop', async () => {
    await vscode.window.showTextDocument(dockerfile);
    const diag = rampart(dockerfile).find(d => codeOf(d) === 'dockerfile/no-root-user')!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', dockerfile, diag.range,
      vscode.CodeActionKind.QuickFix.value, 10);
    const titles = actions.map(a => a.title);
    assert.ok(titles.includes('Suppress dockerfile/no-root-user on this line'), titles.join(' | '));
    assert.ok(titles.includes('Show documentation for dockerfile/no-root-user'), titles.join(' | '));
    const fix = actions.find(a => a.title === 'Run as UID 10001');
    assert.ok(fix?.edit, `no resolved fix among: ${titles.join(' | ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    const doc = await vscode.workspace.openTextDocument(dockerfile);
    assert.equal(doc.lineAt(7).text, 'USER 10001');
    await waitFor('no-root-user to go', () => rampart(dockerfile).length === 2 && !rampart(dockerfile).some(d => codeOf(d) === 'dockerfile/no-root-user'));
    await waitFor('the status bar to count 2 errors', () => api.status.text.startsWith('$(shield) $(error) 2 '));
    await waitFor('the view to count 2 errors', () => api.findings.rows()[0]?.label === 'Errors (2)');
  });

  it('Rampart: Fix All in File applies the safe fixes of the active file', async () => {
    const editor = await vscode.window.showTextDocument(dockerfile);
    const result = await vscode.commands.executeCommand<{ applied: boolean; fixes: number }>('rampart.fixAll');
    assert.deepEqual(result, { applied: true, fixes: 2 });
    const text = editor.document.getText();
    assert.doesNotMatch(text, /^ADD /m);
    assert.match(text, /^COPY package\.json package-lock\.json \.\/$/m);
    assert.match(text, /^COPY src \.\/src$/m);
    await waitFor('the Dockerfile to be clean', () => rampart(dockerfile).length === 0);
    assert.deepEqual(engineKeys('Dockerfile', text), []);
    await waitFor('the view to count 2 information', () => api.findings.rows().some(r => r.label === 'Information (2)'));
    await waitFor('the badge to count 7', () => api.findings.view.badge?.value === 7);
  });

  it('the view\'s context menu applies a fix, suppresses a finding and opens its documentation', async () => {
    // apply fix: user-required in the worker Dockerfile (unsafe, so only on request)
    const required = await findNode(api, n => n.kind === 'finding' && n.finding.ruleId === 'dockerfile/user-required');
    assert.equal(await vscode.commands.executeCommand('rampart.findings.applyFix', required), true);
    const doc = await vscode.workspace.openTextDocument(worker);
    assert.match(doc.getText(), /^USER 10001:10001\nCMD \["celery"/m);
    await waitFor('user-required to go', () => !rampart(worker).some(d => codeOf(d) === 'dockerfile/user-required'));

    const ssh = await findNode(api, n => n.kind === 'finding' && n.finding.ruleId === 'dockerfile/no-ssh-port');
    assert.equal(await vscode.commands.executeCommand('rampart.findings.suppress', ssh), true);
    assert.match(doc.getText(), /^# rampart-ignore: dockerfile\/no-ssh-port\nEXPOSE 22$/m);
    await waitFor('no-ssh-port to go', () => !rampart(worker).some(d => codeOf(d) === 'dockerfile/no-ssh-port'));

    const secret = await findNode(api, n => n.kind === 'finding' && n.finding.ruleId === 'dockerfile/no-secrets-in-env-arg');
    const page = await vscode.commands.executeCommand<{ id: string; title: string; url: string; markdown: string }>('rampart.findings.showDocumentation', secret);
    assert.equal(page.id, 'dockerfile/no-secrets-in-env-arg');
    assert.equal(page.title, 'Secret in ENV or ARG');
    assert.match(page.markdown, /^# dockerfile\/no-secrets-in-env-arg\n/);
    assert.match(page.url, /docs\/rules\/dockerfile\/no-secrets-in-env-arg\.md$/);
    await waitFor('the documentation preview tab', () => vscode.window.tabGroups.all.flatMap(g => g.tabs).some(t => /no-secrets-in-env-arg/.test(t.label)));
  });

  it('Rampart: Show Rule Documentation without an id offers every rule in a quick pick', async () => {
    // A quick pick closes when it loses focus (here, to the Markdown preview of the test before, still loading):
    // then it resolves with nothing, and the command is tried again.
    let page: { id: string; markdown: string } | undefined;
    for (let attempt = 0; attempt < 3 && !page; attempt++) {
      const shown = vscode.commands.executeCommand<{ id: string; markdown: string } | undefined>('rampart.showRuleDocumentation');
      let settled = false;
      void shown.then(p => { page = p; settled = true; }, () => { settled = true; });
      // accept the first rule as soon as the quick pick shows (it opens with its items; before, accepting does nothing)
      await waitFor('the quick pick to be answered', async () => {
        await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
        await new Promise(r => setTimeout(r, 200));
        return settled;
      });
    }
    assert.ok(page, 'no rule was picked');
    assert.match(page.id, /^dockerfile\//);
    assert.match(page.markdown, new RegExp(`^# ${page.id}\n`));
  });

  it('Rampart: Export SARIF Report… writes the same findings as SARIF', async () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-e2e-')), 'report.sarif');
    const written = await vscode.commands.executeCommand<string>('rampart.exportSarif', out);
    assert.equal(written, out);
    const log = JSON.parse(fs.readFileSync(out, 'utf8'));
    assert.equal(log.version, '2.1.0');
    const run = log.runs[0];
    assert.equal(run.tool.driver.name, 'Rampart');
    assert.ok(run.tool.driver.rules.some((r: { id: string }) => r.id === 'dockerfile/no-ssh-port'), 'every rule is described');
    const results = (run.results as { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: Record<string, number> } }[] }[])
      .map(r => {
        const { artifactLocation: a, region: g } = r.locations[0].physicalLocation;
        return `${a.uri} ${r.ruleId} ${g.startLine}:${g.startColumn}-${g.endLine}:${g.endColumn}`;
      }).sort();
    const want = allRampart().map(({ uri, d }) => `${path.relative(root.fsPath, uri.fsPath).split(path.sep).join('/')} ${codeOf(d)} ` +
      `${d.range.start.line + 1}:${d.range.start.character + 1}-${d.range.end.line + 1}:${d.range.end.character + 1}`).sort();
    assert.deepEqual(results, want);
    assert.equal(results.length, 5, 'worker: image-no-latest, no-secrets-in-env-arg, healthcheck-present, minimal-base-image; cron: image-no-latest');
    fs.rmSync(path.dirname(out), { recursive: true, force: true });
  });

  it('a rule switched off in the settings disappears everywhere, and comes back', async () => {
    const rule = 'dockerfile/image-no-latest';
    const count = () => allRampart().filter(({ d }) => codeOf(d) === rule).length;
    assert.ok(!vscode.workspace.textDocuments.some(d => d.uri.toString() === cron.toString()), 'the Containerfile is open');
    assert.equal(count(), 2, 'the worker (open) and the Containerfile (not open)');
    const config = vscode.workspace.getConfiguration('rampart');
    await config.update('rules', { [rule]: 'off' }, vscode.ConfigurationTarget.Global);
    try {
      await waitFor(`${rule} to go`, () => count() === 0);
      assert.deepEqual(rampart(cron), []);
      await waitFor('the view to follow', () => !flatten(api.findings.rows()).some(l => l.includes(rule)));
    } finally {
      await config.update('rules', undefined, vscode.ConfigurationTarget.Global);
    }
    await waitFor(`${rule} to come back`, () => count() === 2);
  });

  it('the repository\'s .rampart.yaml is followed: a rule off, a problem shown on the file, removed again', async () => {
    const rule = 'dockerfile/image-no-latest';
    const count = () => allRampart().filter(({ d }) => codeOf(d) === rule).length;
    const config = vscode.Uri.joinPath(root, '.rampart.yaml');
    assert.ok(vscode.workspace.isTrusted, 'the test workspace is trusted');
    fs.writeFileSync(config.fsPath, `rules:\n  ${rule}: "off"\n`);
    try {
      await waitFor(`${rule} to go`, () => count() === 0);
      fs.writeFileSync(config.fsPath, `rules:\n  ${rule}: loud\n`);
      const ds = await waitFor('the problem on .rampart.yaml', () => rampart(config).length > 0 && rampart(config));
      assert.deepEqual(keys(ds), [key('rampart/config', new vscode.Range(1, 30, 1, 34), vscode.DiagnosticSeverity.Error,
        `rules: ${rule}: expected off or a severity (critical, high, medium, low, info), found "loud"`)]);
      assert.match(String((ds[0].code as { target?: vscode.Uri }).target), /README\.md#project-configuration-rampartyaml$/);
      await waitFor(`${rule} back while the file is broken`, () => count() === 2);
    } finally {
      fs.rmSync(config.fsPath, { force: true });
    }
    await waitFor('the problem to go with the file', () => rampart(config).length === 0);
    assert.equal(count(), 2);
  });

  it('Rampart: Restart Server brings the same findings back', async () => {
    const before = allRampart().map(({ uri, d }) => `${uri} ${key(codeOf(d), d.range, d.severity, d.message)}`).sort();
    await vscode.commands.executeCommand('rampart.restartServer');
    await waitFor('the server to run again', () => api.client.isRunning());
    await waitFor('the same findings', () => {
      const now = allRampart().map(({ uri, d }) => `${uri} ${key(codeOf(d), d.range, d.severity, d.message)}`).sort();
      return JSON.stringify(now) === JSON.stringify(before);
    });
  });

  it('the view\'s Fix All in File works on a file that is not open', async () => {
    assert.ok(!vscode.workspace.textDocuments.some(d => d.uri.toString() === cron.toString()), 'the Containerfile is open');
    const file = await findNode(api, n => n.kind === 'file' && n.uri.toString() === cron.toString());
    // its only finding (image-no-latest) has no automatic fix: nothing to apply, and no error
    assert.deepEqual(await vscode.commands.executeCommand('rampart.findings.fixAllInFile', file), { applied: false, fixes: 0 });
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), cron.toString());
  });

  it('Vault policies (and only they) get the vault-policy language', async () => {
    const lang = async (rel: string) => (await vscode.workspace.openTextDocument(vscode.Uri.joinPath(root, rel))).languageId;
    assert.equal(await lang('policies/app-read.hcl'), 'vault-policy');
    assert.equal(await lang('deploy/ci.policy.hcl'), 'vault-policy');
    assert.notEqual(await lang('config/agent.hcl'), 'vault-policy');
  });

  it('files created, changed and deleted on disk are followed without being opened', async () => {
    const dir = vscode.Uri.joinPath(root, 'services/new');
    const file = vscode.Uri.joinPath(dir, 'Dockerfile');
    fs.mkdirSync(dir.fsPath, { recursive: true });
    fs.writeFileSync(file.fsPath, 'FROM ubuntu:latest\nHEALTHCHECK NONE\nUSER 10001\n');
    const ds = await waitFor('the new file\'s findings', () => rampart(file).length > 0 && rampart(file));
    assertHas(ds, [{ code: 'dockerfile/image-no-latest', range: [0, 12, 0, 18], severity: vscode.DiagnosticSeverity.Warning }]);
    assert.deepEqual(keys(ds), engineKeys('Dockerfile', fs.readFileSync(file.fsPath, 'utf8')));
    fs.writeFileSync(file.fsPath, 'FROM ubuntu:24.04\nHEALTHCHECK NONE\nUSER root\n');
    await waitFor('the changed file\'s findings', () => keys(rampart(file)).join() === engineKeys('Dockerfile', fs.readFileSync(file.fsPath, 'utf8')).join() &&
      rampart(file).some(d => codeOf(d) === 'dockerfile/no-root-user'));
    fs.rmSync(dir.fsPath, { recursive: true });
    await waitFor('the deleted file\'s findings to go', () => rampart(file).length === 0);
  });

  if (process.env.RAMPART_E2E_FAIL === '1') {
    it('fails on purpose (RAMPART_E2E_FAIL=1)', () => {
      assert.equal(rampart(dockerfile).length, 99, 'deliberate failure');
    });
  }
});
