/**
 * The language server, driven by a real LSP client over stdio (vscode-languageserver-protocol): the compiled
 * server process is spawned and spoken to exactly as an editor would.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { CancellationTokenSource, type CodeAction, type Diagnostic, type WorkspaceEdit } from 'vscode-languageserver-protocol/node';
import { capabilities, LspClient, SERVER_MAIN } from '../bench/lsp';
import { lintText } from '../server/src/engine/engine';
import { ruleDocUrl } from '../server/src/engine/docs';

const FIXTURES = path.resolve(__dirname, '..', '..', 'test-fixtures', 'lsp');
const read = (name: string) => fs.readFileSync(path.join(FIXTURES, name), 'utf8');
const uriOf = (p: string) => pathToFileURL(p).href;

/** `rule line:col-line:col severity`, 0-based as on the wire. */
function brief(d: Diagnostic): string {
  const r = d.range;
  return `${d.code} ${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character} ${d.severity}`;
}

/** The messages must be the engine's own, finding for finding. */
function assertEngineMessages(name: string, text: string, diags: Diagnostic[]) {
  const findings = lintText(name, text)!.findings;
  assert.deepEqual(diags.map(d => [d.code, d.message]), findings.map(f => [f.ruleId, f.message]));
}

const ERROR = 1, WARNING = 2, INFORMATION = 3;

const MAIN_EXPECTED = [
  `dockerfile/no-add-local 3:0-3:3 ${INFORMATION}`,
  `dockerfile/no-secrets-in-env-arg 6:4-6:18 ${ERROR}`,
  `dockerfile/no-ssh-port 7:12-7:14 ${WARNING}`,
  `dockerfile/no-root-user 9:5-9:9 ${ERROR}`,
];

function editsOf(edit: WorkspaceEdit | undefined, uri: string) {
  if (!edit) return undefined;
  if (edit.documentChanges) return (edit.documentChanges as { textDocument: { uri: string }; edits: { range: unknown; newText: string }[] }[]).find(d => d.textDocument.uri === uri)?.edits;
  return edit.changes?.[uri];
}

async function codeActions(c: LspClient, uri: string, d: Diagnostic | null, only?: string[]): Promise<CodeAction[]> {
  const range = d?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return c.request<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri }, range, context: { diagnostics: d ? [d] : [], ...(only ? { only } : {}) },
  });
}

async function expectError(p: Promise<unknown>, code: number): Promise<void> {
  await assert.rejects(p, (e: { code?: number }) => { assert.equal(e.code, code); return true; });
}

describe('language server: push diagnostics, eager code actions', () => {
  let c: LspClient;
  let settings: Record<string, unknown> = {};
  before(async () => { c = await LspClient.start({ capabilities: capabilities(), settings: () => settings }); });
  after(() => { if (c.proc.exitCode === null) c.proc.kill(); });

  it('finds the compiled server next to the compiled tests', () => {
    assert.ok(fs.existsSync(SERVER_MAIN), SERVER_MAIN);
  });

  it('advertises incremental sync, code actions, hover, commands; no pull diagnostics for a push client', () => {
    const caps = c.init.capabilities;
    assert.deepEqual(caps.textDocumentSync, { openClose: true, change: 2, save: { includeText: false } });
    assert.deepEqual(caps.codeActionProvider, { codeActionKinds: ['quickfix', 'source.fixAll.rampart'], resolveProvider: false });
    assert.deepEqual(caps.executeCommandProvider, { commands: ['rampart.scanWorkspace', 'rampart.fixAll', 'rampart.showRuleDocumentation'] });
    assert.equal(caps.hoverProvider, true);
    assert.equal(caps.diagnosticProvider, undefined);
  });

  it('publishes exact diagnostics when a document opens', async () => {
    const uri = 'file:///ws-a/open/Dockerfile';
    const text = read('Dockerfile');
    await c.open(uri, text);
    const diags = await c.diagnostics(uri, 0);
    assert.deepEqual(diags.map(brief), MAIN_EXPECTED);
    assertEngineMessages('Dockerfile', text, diags);
    for (const d of diags) {
      assert.equal(d.source, 'rampart');
      assert.equal(d.codeDescription?.href, ruleDocUrl(String(d.code)));
      assert.deepEqual(d.data, { rule: d.code, version: 0, fixable: d.code !== 'dockerfile/no-secrets-in-env-arg' });
    }
  });

  it('incremental changes move a finding, then remove it', async () => {
    const uri = 'file:///ws-a/change/Dockerfile';
    await c.open(uri, read('Dockerfile'));
    await c.diagnostics(uri, 0);
    // a line inserted after the directive pushes everything down
    const v1 = await c.change(uri, [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: '# base image\n' }]);
    const moved = await c.diagnostics(uri, v1);
    assert.deepEqual(moved.map(brief), MAIN_EXPECTED.map(s => s.replace(/ (\d+):(\d+)-(\d+):/, (_, a, b, e) => ` ${+a + 1}:${b}-${+e + 1}:`)));
    // USER root -> USER 10001 on (now) line 10
    const v2 = await c.change(uri, [{ range: { start: { line: 10, character: 5 }, end: { line: 10, character: 9 } }, text: '10001' }]);
    assert.equal(c.text(uri).split('\n')[10], 'USER 10001');
    const after = await c.diagnostics(uri, v2);
    assert.deepEqual(after.map(d => d.code), ['dockerfile/no-add-local', 'dockerfile/no-secrets-in-env-arg', 'dockerfile/no-ssh-port']);
    assertEngineMessages('Dockerfile', c.text(uri), after);
  });

  it('a burst of changes publishes only the last version (default 150 ms debounce)', async () => {
    const uri = 'file:///ws-a/burst/Dockerfile';
    await c.open(uri, read('Dockerfile'));
    await c.diagnostics(uri, 0);
    const since = c.mark();
    // type a new line at the end, one character at a time, without waiting
    const sent: Promise<number>[] = [];
    for (const ch of 'USER 1') {
      const end = c.docs.get(uri)!.positionAt(c.text(uri).length);
      sent.push(c.change(uri, [{ range: { start: end, end }, text: ch }]));
    }
    const last = (await Promise.all(sent)).pop()!;
    assert.equal(last, 6);
    const diags = await c.diagnostics(uri, last, since);
    await new Promise(r => setTimeout(r, 400));
    assert.deepEqual(c.published(uri, since).map(p => p.version), [last], 'one publish, for the last version');
    assert.ok(diags.some(d => d.code === 'dockerfile/user-low-uid'), 'USER 1 is a low UID');
  });

  it('without debounce, versions are published in order and never after a newer one', async () => {
    const fast = await LspClient.start({ initializationOptions: { debounceMs: 0 } });
    try {
      const uri = 'file:///ws-a/nodebounce/Dockerfile';
      await fast.open(uri, read('Dockerfile'));
      await fast.diagnostics(uri, 0);
      const sent: Promise<number>[] = [];
      for (let i = 0; i < 30; i++) {
        const at = { line: 2, character: 4 + (i % 2) };
        sent.push(fast.change(uri, [i % 2 ? { range: { start: at, end: { line: 2, character: 5 } }, text: '' } : { range: { start: at, end: at }, text: 'x' }]));
      }
      const last = (await Promise.all(sent)).pop()!;
      await fast.diagnostics(uri, last);
      const versions = fast.published(uri).map(p => p.version!);
      assert.deepEqual(versions, [...versions].sort((a, b) => a - b), `published out of order: ${versions}`);
      assert.equal(versions[versions.length - 1], last);
      assert.equal(new Set(versions).size, versions.length);
    } finally {
      assert.equal(await fast.stop(), 0);
    }
  });

  it('offers quick fixes with their edits; applying one clears its finding', async () => {
    const uri = 'file:///ws-a/fix/Dockerfile';
    await c.open(uri, read('Dockerfile'));
    const diags = await c.diagnostics(uri, 0);
    const root = diags.find(d => d.code === 'dockerfile/no-root-user')!;
    const actions = await codeActions(c, uri, root);
    assert.deepEqual(actions.map(a => [a.title, a.kind, a.isPreferred ?? false]), [
      ['Run as UID 10001', 'quickfix', false],
      ['Suppress dockerfile/no-root-user on this line', 'quickfix', false],
      ['Suppress dockerfile/no-root-user in this file', 'quickfix', false],
      ['Show documentation for dockerfile/no-root-user', 'quickfix', false],
      ['Fix all Rampart problems in this file', 'source.fixAll.rampart', false],
    ]);
    assert.deepEqual(actions[3].command, { title: 'Show documentation for dockerfile/no-root-user', command: 'rampart.showRuleDocumentation', arguments: ['dockerfile/no-root-user'] });
    assert.deepEqual(actions[0].diagnostics, [root]);
    assert.deepEqual(editsOf(actions[0].edit, uri), [{ range: root.range, newText: '10001' }]);
    assert.equal((actions[0].edit!.documentChanges![0] as { textDocument: { version: number } }).textDocument.version, 0);

    const since = c.mark();
    await c.applyWorkspaceEdit(actions[0].edit!);
    const after = await c.diagnostics(uri, 1, since);
    assert.equal(c.text(uri).split('\n')[9], 'USER 10001');
    assert.deepEqual(after.map(brief), MAIN_EXPECTED.slice(0, 3));

    // a safe fix is the preferred one
    const add = after.find(d => d.code === 'dockerfile/no-add-local')!;
    const addActions = await codeActions(c, uri, add, ['quickfix']);
    assert.deepEqual(addActions.map(a => [a.title, a.isPreferred ?? false]), [
      ['Replace ADD with COPY', true],
      ['Suppress dockerfile/no-add-local on this line', false],
      ['Suppress dockerfile/no-add-local in this file', false],
      ['Show documentation for dockerfile/no-add-local', false],
    ]);
  });

  it('"Suppress on this line" inserts an indented comment above the finding (inside a continuation too)', async () => {
    const uri = 'file:///ws-a/suppress-line/Dockerfile';
    await c.open(uri, read('Dockerfile'));
    const diags = await c.diagnostics(uri, 0);
    const secret = diags.find(d => d.code === 'dockerfile/no-secrets-in-env-arg')!;
    const action = (await codeActions(c, uri, secret)).find(a => a.title === 'Suppress dockerfile/no-secrets-in-env-arg on this line')!;
    assert.deepEqual(editsOf(action.edit, uri), [{
      range: { start: { line: 6, character: 0 }, end: { line: 6, character: 0 } },
      newText: '    # rampart-ignore: dockerfile/no-secrets-in-env-arg\n',
    }]);
    const since = c.mark();
    await c.applyWorkspaceEdit(action.edit!);
    const after = await c.diagnostics(uri, 1, since);
    assert.deepEqual(after.map(brief), [MAIN_EXPECTED[0], `dockerfile/no-ssh-port 8:12-8:14 ${WARNING}`, `dockerfile/no-root-user 10:5-10:9 ${ERROR}`]);

    // a second rule on a line that already has a suppression comment above: the rule is added to it
    const v2 = await c.setText(uri, 'FROM alpine:3.20.1@sha256:0d3653dd6f35159ec6e3d10263a42372f6f194c3dea0b35235d72aba187b04ec\nHEALTHCHECK CMD ["true"]\n# rampart-ignore: dockerfile/user-numeric -- a named user is fine here\nUSER root\n');
    const rootDiag = (await c.diagnostics(uri, v2)).find(d => d.code === 'dockerfile/no-root-user')!;
    const extend = (await codeActions(c, uri, rootDiag)).find(a => a.title === 'Suppress dockerfile/no-root-user on this line')!;
    const since3 = c.mark();
    await c.applyWorkspaceEdit(extend.edit!);
    assert.equal(c.text(uri).split('\n')[2], '# rampart-ignore: dockerfile/user-numeric, dockerfile/no-root-user -- a named user is fine here');
    assert.deepEqual(await c.diagnostics(uri, v2 + 1, since3), []);
  });

  it('"Suppress in this file" goes after the parser directives', async () => {
    const uri = 'file:///ws-a/suppress-file/Dockerfile';
    await c.open(uri, read('Dockerfile'));
    const ssh = (await c.diagnostics(uri, 0)).find(d => d.code === 'dockerfile/no-ssh-port')!;
    const action = (await codeActions(c, uri, ssh)).find(a => a.title === 'Suppress dockerfile/no-ssh-port in this file')!;
    const since = c.mark();
    await c.applyWorkspaceEdit(action.edit!);
    const lines = c.text(uri).split('\n');
    assert.equal(lines[0], '# syntax=docker/dockerfile:1');
    assert.equal(lines[1], '# rampart-ignore-file: dockerfile/no-ssh-port');
    const after = await c.diagnostics(uri, 1, since);
    assert.deepEqual(after.map(d => d.code), ['dockerfile/no-add-local', 'dockerfile/no-secrets-in-env-arg', 'dockerfile/no-root-user']);
  });

  it('offers no line suppression inside a heredoc body (the comment would be content), the file one works', async () => {
    const uri = 'file:///ws-a/heredoc/Dockerfile';
    const text = read('heredoc.Dockerfile');
    await c.open(uri, text);
    const diags = await c.diagnostics(uri, 0);
    assert.deepEqual(diags.map(brief), [`dockerfile/no-pipe-to-shell 3:2-3:48 ${ERROR}`]);
    const actions = await codeActions(c, uri, diags[0]);
    assert.deepEqual(actions.map(a => a.title), ['Suppress dockerfile/no-pipe-to-shell in this file', 'Show documentation for dockerfile/no-pipe-to-shell']);
    const since = c.mark();
    await c.applyWorkspaceEdit(actions[0].edit!);
    assert.equal(c.text(uri).split('\n')[0], '# rampart-ignore-file: dockerfile/no-pipe-to-shell');
    assert.deepEqual(await c.diagnostics(uri, 1, since), []);
  });

  it('fix-all applies only safe fixes, as one edit; the command applies it through workspace/applyEdit', async () => {
    const uri = 'file:///ws-a/fixall/Dockerfile';
    await c.open(uri, read('Dockerfile'));
    await c.diagnostics(uri, 0);
    const actions = await codeActions(c, uri, null, ['source.fixAll']);
    assert.deepEqual(actions.map(a => [a.title, a.kind]), [['Fix all Rampart problems in this file', 'source.fixAll.rampart']]);
    assert.deepEqual(editsOf(actions[0].edit, uri), [{ range: { start: { line: 3, character: 0 }, end: { line: 3, character: 3 } }, newText: 'COPY' }]);
    // nothing but quick fixes when only quick fixes are asked for
    assert.deepEqual(await codeActions(c, uri, null, ['quickfix']), []);

    const since = c.mark();
    const res = await c.request('workspace/executeCommand', { command: 'rampart.fixAll', arguments: [uri] });
    assert.deepEqual(res, { applied: true, fixes: 1 });
    const applied = await c.waitFor('workspace/applyEdit', () => true, since);
    assert.equal(applied.params.label, 'Fix all Rampart problems');
    const after = await c.diagnostics(uri, 1, since);
    assert.equal(c.text(uri).split('\n')[3], 'COPY app.py /app/');
    assert.deepEqual(after.map(d => d.code), ['dockerfile/no-secrets-in-env-arg', 'dockerfile/no-ssh-port', 'dockerfile/no-root-user'], 'unsafe fixes are not applied');
    // nothing left to fix
    assert.deepEqual(await c.request('workspace/executeCommand', { command: 'rampart.fixAll', arguments: [uri] }), { applied: false, fixes: 0 });
    assert.deepEqual(await codeActions(c, uri, null, ['source.fixAll']), []);
  });

  it('hover on a flagged range: title, severity, rationale, references, peers, docs link', async () => {
    const uri = 'file:///ws-a/hover/Dockerfile';
    await c.open(uri, read('Dockerfile'));
    const root = (await c.diagnostics(uri, 0)).find(d => d.code === 'dockerfile/no-root-user')!;
    const h = await c.request('textDocument/hover', { textDocument: { uri }, position: { line: 9, character: 7 } });
    assert.equal(h.contents.kind, 'markdown');
    assert.deepEqual(h.range, root.range);
    const v: string = h.contents.value;
    for (const part of ['**Final USER is root**', '`dockerfile/no-root-user` · severity **high**', 'The last USER of the final stage decides',
      '- CIS Docker Benchmark 4.1', 'hadolint DL3002', `(${ruleDocUrl('dockerfile/no-root-user')})`]) {
      assert.ok(v.includes(part), `hover lacks ${part}:\n${v}`);
    }
    assert.equal(await c.request('textDocument/hover', { textDocument: { uri }, position: { line: 2, character: 2 } }), null);
  });

  it('rule info, the documentation command, and proper errors for bad requests', async () => {
    const info = await c.request('rampart/ruleInfo', { id: 'dockerfile/no-root-user' });
    assert.deepEqual(Object.keys(info).sort(), ['equivalents', 'id', 'rationale', 'references', 'severity', 'title', 'url']);
    assert.equal(info.title, 'Final USER is root');
    assert.equal(info.severity, 'high');
    assert.deepEqual(info.equivalents.hadolint, ['DL3002']);
    assert.equal(info.url, ruleDocUrl('dockerfile/no-root-user'));
    const all = await c.request('rampart/ruleInfo', {});
    assert.ok(all.some((r: { id: string }) => r.id === 'dockerfile/user-required') && all.some((r: { id: string }) => r.id === 'rampart/parse-error'));

    const since = c.mark();
    const doc = await c.request('workspace/executeCommand', { command: 'rampart.showRuleDocumentation', arguments: ['dockerfile/no-root-user'] });
    assert.equal(doc.id, 'dockerfile/no-root-user');
    assert.equal(doc.url, info.url);
    assert.ok(doc.markdown.startsWith('# dockerfile/no-root-user\n'));
    const shown = await c.waitFor('window/showDocument', () => true, since);
    assert.deepEqual(shown.params, { uri: info.url, external: true });

    await expectError(c.request('rampart/ruleInfo', { id: 'dockerfile/nope' }), -32602);
    await expectError(c.request('rampart/ruleInfo', { id: 42 }), -32602);
    await expectError(c.request('workspace/executeCommand', { command: 'rampart.nope', arguments: [] }), -32602);
    await expectError(c.request('workspace/executeCommand', { command: 'rampart.fixAll', arguments: [] }), -32602);
    await expectError(c.request('workspace/executeCommand', { command: 'rampart.fixAll', arguments: ['file:///not/open/Dockerfile'] }), -32602);
    await expectError(c.request('rampart/nope', {}), -32601);
    await expectError(c.request('rampart/exportSarif', { folderUri: 42 }), -32602);
    // malformed parameters of a standard request: an internal error answer, not a crash
    await c.open('file:///ws-a/malformed/Dockerfile', 'FROM alpine\n');
    await expectError(c.request('textDocument/codeAction', { textDocument: { uri: 'file:///ws-a/malformed/Dockerfile' } }), -32603);
    await expectError(c.request('textDocument/hover', { textDocument: { uri: 'file:///ws-a/malformed/Dockerfile' } }), -32603);
    // still alive and well
    assert.equal((await c.request('rampart/ruleInfo', { id: 'dockerfile/user-required' })).id, 'dockerfile/user-required');
  });

  it('settings: a rule off, severity overrides, minimum severity, severity mapping; bad values reported once', async () => {
    const uri = 'file:///ws-a/settings/Dockerfile';
    await c.open(uri, read('Dockerfile'));
    await c.diagnostics(uri, 0);
    const reconfigure = async (s: Record<string, unknown>) => {
      settings = s;
      const since = c.mark();
      await c.notify('workspace/didChangeConfiguration', { settings: null });
      return c.diagnostics(uri, 0, since);
    };
    let d = await reconfigure({ rules: { 'dockerfile/no-root-user': 'off', 'dockerfile/no-add-local': 'high' } });
    assert.deepEqual(d.map(brief), [`dockerfile/no-add-local 3:0-3:3 ${ERROR}`, MAIN_EXPECTED[1], MAIN_EXPECTED[2]]);
    d = await reconfigure({ minimumSeverity: 'high', severityMapping: { critical: 'warning' } });
    assert.deepEqual(d.map(brief), [`dockerfile/no-secrets-in-env-arg 6:4-6:18 ${WARNING}`, MAIN_EXPECTED[3]]);
    d = await reconfigure({ enable: false });
    assert.deepEqual(d, []);

    const since = c.mark();
    d = await reconfigure({ minimumSeverity: 'extreme', rules: 'all', exclude: 'vendor' });
    assert.deepEqual(d.map(brief), MAIN_EXPECTED, 'bad values fall back to the defaults');
    const msg = await c.waitFor('window/showMessage', () => true, since);
    for (const name of ['rampart.minimumSeverity', 'rampart.rules', 'rampart.exclude']) assert.ok(msg.params.message.includes(name), msg.params.message);
    await reconfigure({ minimumSeverity: 'extreme', rules: 'all', exclude: 'vendor' });
    assert.equal(c.events.slice(since).filter(e => e.method === 'window/showMessage').length, 1, 'reported once');
    d = await reconfigure({});
    assert.deepEqual(d.map(brief), MAIN_EXPECTED);
  });

  it('files Rampart does not check get no diagnostics; closing a document clears its own', async () => {
    const since = c.mark();
    await c.open('file:///ws-a/README.md', 'USER root\n', 'markdown');
    const uri = 'file:///ws-a/close/Containerfile';
    await c.open(uri, read('Dockerfile'));
    await c.diagnostics(uri, 0, since);
    assert.deepEqual(c.published('file:///ws-a/README.md', since), []);
    const since2 = c.mark();
    await c.close(uri);
    const cleared = await c.waitFor('textDocument/publishDiagnostics', p => p.uri === uri, since2);
    assert.deepEqual(cleared.params, { uri, diagnostics: [] });
  });

  it('survives odd input: binary, huge lines, half-typed files, CRLF, lone surrogates', async () => {
    const odd = ['\0\x01\x02FROM', 'FROM ' + 'a'.repeat(200_000), 'RUN <<EOF\n', 'FROM alpine\r\nUSER root\r\n', 'FROM \ud800 \\\n', '\\'];
    for (const [i, text] of odd.entries()) {
      const uri = `file:///ws-a/odd${i}/Dockerfile`;
      await c.open(uri, text);
      await c.diagnostics(uri, 0);
      await c.request('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 5, character: 0 } }, context: { diagnostics: [] } });
      await c.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 1 } });
    }
    const crlf = await c.diagnostics('file:///ws-a/odd3/Dockerfile', 0);
    assert.ok(crlf.some(d => brief(d) === `dockerfile/no-root-user 1:5-1:9 ${ERROR}`), crlf.map(brief).join());
  });

  it('shutdown and exit: the process exits with code 0', async () => {
    assert.equal(await c.stop(), 0);
  });
});

describe('language server: pull diagnostics, lazy code actions (resolve)', () => {
  let c: LspClient;
  let dir: string;
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-lsp-pull-'));
    fs.writeFileSync(path.join(dir, 'Dockerfile'), read('Dockerfile'));
    fs.writeFileSync(path.join(dir, 'clean.Dockerfile'), read('clean.Dockerfile'));
    c = await LspClient.start({
      capabilities: capabilities({ pull: true, resolve: true }),
      workspaceFolders: [{ uri: uriOf(dir), name: 'pull' }],
    });
  });
  after(() => {
    if (c.proc.exitCode === null) c.proc.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('declares pull diagnostics (document and workspace) and code action resolve', () => {
    assert.deepEqual(c.init.capabilities.diagnosticProvider, { identifier: 'rampart', interFileDependencies: false, workspaceDiagnostics: true });
    assert.equal((c.init.capabilities.codeActionProvider as { resolveProvider: boolean }).resolveProvider, true);
  });

  it('answers textDocument/diagnostic with result ids; never pushes', async () => {
    const uri = 'file:///ws-b/Dockerfile';
    await c.open(uri, read('Dockerfile'));
    const r1 = await c.request('textDocument/diagnostic', { textDocument: { uri } });
    assert.equal(r1.kind, 'full');
    assert.deepEqual(r1.items.map(brief), MAIN_EXPECTED);
    const r2 = await c.request('textDocument/diagnostic', { textDocument: { uri }, previousResultId: r1.resultId });
    assert.deepEqual(r2, { kind: 'unchanged', resultId: r1.resultId });
    await c.change(uri, [{ range: { start: { line: 9, character: 5 }, end: { line: 9, character: 9 } }, text: '10001' }]);
    const r3 = await c.request('textDocument/diagnostic', { textDocument: { uri }, previousResultId: r1.resultId });
    assert.equal(r3.kind, 'full');
    assert.deepEqual(r3.items.map(brief), MAIN_EXPECTED.slice(0, 3));
    assert.deepEqual(r3.items[0].data, { rule: 'dockerfile/no-add-local', version: 1, fixable: true });
  });

  it('answers workspace/diagnostic with the scanned files and open documents, then only what changed', async () => {
    await c.waitFor('$/progress', p => p.value?.kind === 'end', 0, 10_000);
    const r1 = await c.request('workspace/diagnostic', { previousResultIds: [] });
    const byUri = new Map<string, { version: number | null; items: Diagnostic[]; resultId: string }>(r1.items.map((i: { uri: string }) => [i.uri, i]));
    const disk = byUri.get(uriOf(path.join(dir, 'Dockerfile')))!;
    assert.equal(disk.version, null);
    assert.deepEqual(disk.items.map(brief), MAIN_EXPECTED);
    assert.equal(byUri.get('file:///ws-b/Dockerfile')!.version, 1);
    assert.ok(!byUri.has(uriOf(path.join(dir, 'clean.Dockerfile'))), 'a clean file the client never saw is not reported');
    const r2 = await c.request('workspace/diagnostic', { previousResultIds: r1.items.map((i: { uri: string; resultId: string }) => ({ uri: i.uri, value: i.resultId })) });
    assert.deepEqual(r2.items, []);
  });

  it('code actions come without edits and are resolved on request; a stale one is refused', async () => {
    const uri = 'file:///ws-b/resolve/Dockerfile';
    await c.open(uri, read('Dockerfile'));
    const r = await c.request('textDocument/diagnostic', { textDocument: { uri } });
    const root = r.items.find((d: Diagnostic) => d.code === 'dockerfile/no-root-user');
    const actions = await codeActions(c, uri, root);
    assert.equal(actions.length, 5);
    for (const a of actions) assert.equal(a.edit, undefined);
    assert.deepEqual(actions[0].data, { uri, version: 0, rule: 'dockerfile/no-root-user', range: root.range, action: 'fix', index: 0 });
    const resolved = await c.request<CodeAction>('codeAction/resolve', actions[0]);
    assert.deepEqual(editsOf(resolved.edit, uri), [{ range: root.range, newText: '10001' }]);
    const fixAll = await c.request<CodeAction>('codeAction/resolve', (await codeActions(c, uri, null, ['source.fixAll.rampart']))[0]);
    assert.deepEqual(editsOf(fixAll.edit, uri), [{ range: { start: { line: 3, character: 0 }, end: { line: 3, character: 3 } }, newText: 'COPY' }]);

    await c.applyWorkspaceEdit(resolved.edit!);
    const after = await c.request('textDocument/diagnostic', { textDocument: { uri } });
    assert.deepEqual(after.items.map(brief), MAIN_EXPECTED.slice(0, 3));
    await expectError(c.request('codeAction/resolve', actions[1]), -32801); // its finding is gone: ContentModified
    assert.deepEqual(c.published(), [], 'a pull client is never pushed diagnostics');
  });

  it('shutdown and exit: the process exits with code 0', async () => {
    assert.equal(await c.stop(), 0);
  });
});

describe('language server: workspace scan, file events, SARIF export', () => {
  let c: LspClient;
  let dir: string;
  const settings: Record<string, unknown> = { exclude: ['vendor/'] };
  const file = (rel: string) => path.join(dir, rel);
  const write = (rel: string, text: string) => { fs.mkdirSync(path.dirname(file(rel)), { recursive: true }); fs.writeFileSync(file(rel), text); };
  const event = (rel: string, type: 1 | 2 | 3) => c.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(file(rel)), type }] });

  before(async () => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-lsp-ws-')));
    write('Dockerfile', read('Dockerfile'));
    write('sub/Containerfile', read('heredoc.Dockerfile'));
    write('clean/Dockerfile', read('clean.Dockerfile'));
    write('.gitignore', 'ignored/\n');
    write('ignored/Dockerfile', read('Dockerfile'));
    write('node_modules/pkg/Dockerfile', read('Dockerfile'));
    write('vendor/Dockerfile', read('Dockerfile'));
    write('README.md', 'USER root\n');
    c = await LspClient.start({ capabilities: capabilities(), workspaceFolders: [{ uri: uriOf(dir), name: 'ws' }], settings: () => settings });
  });
  after(() => {
    if (c.proc.exitCode === null) c.proc.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('scans every matching file on start, with progress, honouring .gitignore, node_modules and rampart.exclude', async () => {
    const end = await c.waitFor('$/progress', p => p.value?.kind === 'end', 0, 10_000);
    const create = await c.waitFor('window/workDoneProgress/create');
    assert.equal(end.params.token, create.params.token);
    const progress = c.events.filter(e => e.method === '$/progress' && e.params.token === create.params.token).map(e => e.params.value);
    assert.equal(progress[0].kind, 'begin');
    assert.equal(progress[0].title, 'Rampart: scanning the workspace');
    assert.equal(progress[0].cancellable, true);
    assert.deepEqual(progress.filter(v => v.kind === 'report' && v.message?.endsWith('files')).map(v => v.message), ['1/3 files', '2/3 files', '3/3 files']);

    const published = new Map(c.published().map(p => [p.uri, p]));
    assert.deepEqual([...published.keys()].sort(), [uriOf(file('Dockerfile')), uriOf(file('sub/Containerfile'))].sort());
    const main = published.get(uriOf(file('Dockerfile')))!;
    assert.equal(main.version, undefined);
    assert.deepEqual(main.diagnostics.map(brief), MAIN_EXPECTED);
    assert.deepEqual(published.get(uriOf(file('sub/Containerfile')))!.diagnostics.map(brief), [`dockerfile/no-pipe-to-shell 3:2-3:48 ${ERROR}`]);

    const reg = await c.waitFor('client/registerCapability', p => p.registrations.some((r: { method: string }) => r.method === 'workspace/didChangeWatchedFiles'));
    assert.ok(reg);
  });

  it('exports SARIF for the folder: scanned files, with open documents winning over the disk', async () => {
    const open = uriOf(file('sub/Containerfile'));
    await c.open(open, read('clean.Dockerfile'));
    assert.deepEqual(await c.diagnostics(open, 0), []);
    const log = await c.request('rampart/exportSarif', { folderUri: uriOf(dir) });
    const run = log.runs[0];
    assert.equal(log.version, '2.1.0');
    assert.equal(run.originalUriBaseIds['%SRCROOT%'].uri, uriOf(dir) + '/');
    const results = run.results.map((r: any) => {
      const l = r.locations[0].physicalLocation;
      return `${l.artifactLocation.uri} ${r.ruleId} ${l.region.startLine}:${l.region.startColumn}-${l.region.endLine}:${l.region.endColumn}`;
    });
    assert.deepEqual(results, [
      'Dockerfile dockerfile/no-add-local 4:1-4:4',
      'Dockerfile dockerfile/no-secrets-in-env-arg 7:5-7:19',
      'Dockerfile dockerfile/no-ssh-port 8:13-8:15',
      'Dockerfile dockerfile/no-root-user 10:6-10:10',
    ]);
    // closing it brings back what is on disk
    const since = c.mark();
    await c.close(open);
    const back = await c.waitFor('textDocument/publishDiagnostics', p => p.uri === open, since);
    assert.equal(back.params.version, undefined);
    assert.deepEqual(back.params.diagnostics.map(brief), [`dockerfile/no-pipe-to-shell 3:2-3:48 ${ERROR}`]);
  });

  it('file events keep it current: created, changed, deleted, a new directory; ignored files stay out', async () => {
    let since = c.mark();
    write('new/Dockerfile', read('heredoc.Dockerfile'));
    await event('new/Dockerfile', 1);
    assert.deepEqual((await c.diagnostics(uriOf(file('new/Dockerfile')), undefined, since)).map(d => d.code), ['dockerfile/no-pipe-to-shell']);

    since = c.mark();
    write('Dockerfile', read('clean.Dockerfile'));
    await event('Dockerfile', 2);
    assert.deepEqual(await c.diagnostics(uriOf(file('Dockerfile')), undefined, since), []);

    since = c.mark();
    fs.rmSync(file('sub'), { recursive: true });
    await event('sub', 3); // a deleted directory
    assert.deepEqual(await c.diagnostics(uriOf(file('sub/Containerfile')), undefined, since), []);

    since = c.mark();
    write('ignored/Other.Dockerfile', read('Dockerfile'));
    await event('ignored/Other.Dockerfile', 1);
    write('vendor/b/Dockerfile', read('Dockerfile'));
    await event('vendor/b', 1);
    write('moved/in/Dockerfile', read('heredoc.Dockerfile'));
    await event('moved', 1); // a directory appeared with files in it
    await c.diagnostics(uriOf(file('moved/in/Dockerfile')), undefined, since);
    assert.deepEqual(c.published(undefined, since).map(p => p.uri), [uriOf(file('moved/in/Dockerfile'))], 'ignored and excluded files stay out');
  });

  it('an open document wins over file events for it', async () => {
    const uri = uriOf(file('new/Dockerfile'));
    await c.open(uri, read('clean.Dockerfile'));
    assert.deepEqual(await c.diagnostics(uri, 0), []);
    const since = c.mark();
    write('new/Dockerfile', read('Dockerfile'));
    await event('new/Dockerfile', 2);
    // a later event on another file is the synchronisation point
    write('moved/in/Dockerfile', read('clean.Dockerfile'));
    await event('moved/in/Dockerfile', 2);
    await c.diagnostics(uriOf(file('moved/in/Dockerfile')), undefined, since);
    assert.deepEqual(c.published(uri, since), []);
    await c.close(uri);
    assert.deepEqual((await c.diagnostics(uri, undefined, since)).map(brief), MAIN_EXPECTED);
  });

  it('rampart.scanWorkspace reports progress on the client\'s token and returns a summary', async () => {
    const since = c.mark();
    const summary = await c.request('workspace/executeCommand', { command: 'rampart.scanWorkspace', arguments: [], workDoneToken: 'scan-1' });
    assert.deepEqual(summary, { folders: 1, files: 4, findings: 4, skipped: 0, cancelled: false }); // new/Dockerfile has the 4
    const values = c.events.slice(since).filter(e => e.method === '$/progress' && e.params.token === 'scan-1').map(e => e.params.value.kind);
    assert.equal(values[0], 'begin');
    assert.equal(values[values.length - 1], 'end');
  });

  it('a changed .gitignore is honoured at once: newly ignored files are cleared, unignored ones come back', async () => {
    const uri = uriOf(file('new/Dockerfile'));
    let since = c.mark();
    write('.gitignore', 'ignored/\nnew/\n');
    await event('.gitignore', 2);
    await c.waitFor('textDocument/publishDiagnostics', p => p.uri === uri && !p.diagnostics.length, since, 10_000);
    since = c.mark();
    write('.gitignore', 'ignored/\n');
    await event('.gitignore', 2);
    assert.deepEqual((await c.diagnostics(uri, undefined, since, 10_000)).map(brief), MAIN_EXPECTED);
  });

  it('workspace folders removed and added: their files are cleared, then scanned again', async () => {
    const uri = uriOf(file('new/Dockerfile'));
    let since = c.mark();
    await c.notify('workspace/didChangeWorkspaceFolders', { event: { added: [], removed: [{ uri: uriOf(dir), name: 'ws' }] } });
    assert.deepEqual(await c.diagnostics(uri, undefined, since), []);
    since = c.mark();
    await c.notify('workspace/didChangeWorkspaceFolders', { event: { added: [{ uri: uriOf(dir), name: 'ws' }], removed: [] } });
    assert.deepEqual((await c.diagnostics(uri, undefined, since, 10_000)).map(brief), MAIN_EXPECTED);
    await c.waitFor('$/progress', p => p.value?.kind === 'end', since, 10_000);
  });

  it('a change of rampart.exclude rescans: newly excluded files are cleared', async () => {
    const since = c.mark();
    settings.exclude = ['vendor/', 'new/'];
    await c.notify('workspace/didChangeConfiguration', { settings: null });
    const uri = uriOf(file('new/Dockerfile'));
    await c.waitFor('textDocument/publishDiagnostics', p => p.uri === uri && !p.diagnostics.length, since, 10_000);
    assert.deepEqual(c.published(uri, since).map(p => p.diagnostics.length), [0], 'cleared, without being shown again first');
  });

  it('shutdown and exit: the process exits with code 0', async () => {
    assert.equal(await c.stop(), 0);
  });
});

describe('language server: the project configuration (.rampart.yaml)', () => {
  let c: LspClient;
  let dir: string;
  const settings: Record<string, unknown> = {};
  const file = (rel: string) => path.join(dir, rel);
  const write = (rel: string, text: string) => { fs.mkdirSync(path.dirname(file(rel)), { recursive: true }); fs.writeFileSync(file(rel), text); };
  const event = (rel: string, type: 1 | 2 | 3) => c.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(file(rel)), type }] });
  const main = () => uriOf(file('Dockerfile'));

  before(async () => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-lsp-config-')));
    fs.mkdirSync(file('.git'));
    write('Dockerfile', read('Dockerfile'));
    write('legacy/Dockerfile', read('Dockerfile'));
    write('.rampart.yaml', 'rules:\n  dockerfile/no-add-local: off\n  dockerfile/no-ssh-port: critical\nexclude:\n  - legacy/\n');
    c = await LspClient.start({ capabilities: capabilities(), workspaceFolders: [{ uri: uriOf(dir), name: 'cfg' }], settings: () => settings });
  });
  after(() => {
    if (c.proc.exitCode === null) c.proc.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('applies its rules and exclude to the workspace scan and to open documents', async () => {
    await c.waitFor('$/progress', p => p.value?.kind === 'end', 0, 10_000);
    const expected = [`dockerfile/no-secrets-in-env-arg 6:4-6:18 ${ERROR}`, `dockerfile/no-ssh-port 7:12-7:14 ${ERROR}`, `dockerfile/no-root-user 9:5-9:9 ${ERROR}`];
    assert.deepEqual(c.published().map(p => p.uri), [main()], 'legacy/ is excluded');
    assert.deepEqual(c.published(main())[0].diagnostics.map(brief), expected);
    const since = c.mark();
    await c.open(main(), read('Dockerfile'));
    assert.deepEqual((await c.diagnostics(main(), 0, since)).map(brief), expected);
    await c.close(main());
  });

  it('the user\'s rampart.rules win over the file', async () => {
    const since = c.mark();
    settings.rules = { 'dockerfile/no-ssh-port': 'off' };
    await c.notify('workspace/didChangeConfiguration', { settings: null });
    const d = await c.waitFor('textDocument/publishDiagnostics', p => p.uri === main() && p.diagnostics.length === 2, since, 10_000);
    assert.deepEqual(d.params.diagnostics.map((x: Diagnostic) => x.code), ['dockerfile/no-secrets-in-env-arg', 'dockerfile/no-root-user']);
    delete settings.rules;
  });

  it('a changed file is read again: problems become diagnostics on it; mended, they go away', async () => {
    let since = c.mark();
    write('.rampart.yaml', 'rules:\n  dockerfile/no-add-lcoal: off\n  dockerfile/no-ssh-port: loud\n');
    await event('.rampart.yaml', 2);
    const bad = await c.waitFor('textDocument/publishDiagnostics', p => p.uri === uriOf(file('.rampart.yaml')), since, 10_000);
    assert.deepEqual(bad.params.diagnostics.map((d: Diagnostic) => `${d.code} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.severity} ${d.message}`), [
      `rampart/config 1:2-1:25 ${ERROR} rules: "dockerfile/no-add-lcoal" is not a rule id (did you mean dockerfile/no-add-local?)`,
      `rampart/config 2:26-2:30 ${ERROR} rules: dockerfile/no-ssh-port: expected off or a severity (critical, high, medium, low, info), found "loud"`,
    ]);
    const shown = await c.waitFor('window/showMessage', p => /no-add-lcoal/.test(p.message), since, 10_000);
    assert.match(shown.params.message, /\.rampart\.yaml:2:3: rules: "dockerfile\/no-add-lcoal" is not a rule id/);
    // the broken settings are ignored: the rule defaults are back, and legacy/ is no longer excluded
    await c.waitFor('textDocument/publishDiagnostics', p => p.uri === uriOf(file('legacy/Dockerfile')) && p.diagnostics.length === 4, since, 10_000);
    since = c.mark();
    write('.rampart.yaml', 'rules:\n  dockerfile/no-add-local: off\nexclude: [legacy/]\n');
    await event('.rampart.yaml', 2);
    const mended = await c.waitFor('textDocument/publishDiagnostics', p => p.uri === uriOf(file('.rampart.yaml')), since, 10_000);
    assert.deepEqual(mended.params.diagnostics, []);
    await c.waitFor('textDocument/publishDiagnostics', p => p.uri === uriOf(file('legacy/Dockerfile')) && !p.diagnostics.length, since, 10_000);
  });

  it('shutdown and exit: the process exits with code 0', async () => {
    assert.equal(await c.stop(), 0);
  });
});

describe('language server: an untrusted workspace\'s .rampart.yaml is not read until trust is granted', () => {
  it('initializationOptions.trustedWorkspace false, then rampart/workspaceTrust', async () => {
    const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-lsp-trust-')));
    fs.mkdirSync(path.join(dir, '.git'));
    fs.writeFileSync(path.join(dir, '.rampart.yaml'), 'rules:\n  dockerfile/no-root-user: "off"\n');
    fs.writeFileSync(path.join(dir, 'Dockerfile'), read('Dockerfile'));
    const c = await LspClient.start({ capabilities: capabilities(), workspaceFolders: [{ uri: uriOf(dir), name: 't' }], initializationOptions: { trustedWorkspace: false } });
    try {
      const uri = uriOf(path.join(dir, 'Dockerfile'));
      assert.deepEqual((await c.diagnostics(uri, undefined, 0, 10_000)).map(brief), MAIN_EXPECTED, 'the file hides nothing yet');
      const since = c.mark();
      await c.notify('rampart/workspaceTrust', { trusted: true });
      assert.deepEqual((await c.diagnostics(uri, undefined, since, 10_000)).map(brief), MAIN_EXPECTED.filter(d => !d.startsWith('dockerfile/no-root-user')));
      assert.equal(await c.stop(), 0);
    } finally {
      if (c.proc.exitCode === null) c.proc.kill();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('language server: a broken .rampart.yaml reaches a pull client too', () => {
  it('textDocument/diagnostic and workspace/diagnostic carry the file\'s problems', async () => {
    const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-lsp-config-pull-')));
    fs.mkdirSync(path.join(dir, '.git'));
    fs.writeFileSync(path.join(dir, '.rampart.yaml'), 'failOn: loud\n');
    fs.writeFileSync(path.join(dir, 'Dockerfile'), read('Dockerfile'));
    const c = await LspClient.start({ capabilities: capabilities({ pull: true, resolve: true }), workspaceFolders: [{ uri: uriOf(dir), name: 'p' }] });
    try {
      const uri = uriOf(path.join(dir, '.rampart.yaml'));
      const expected = [`rampart/config 0:8-0:12 ${ERROR}`];
      const doc = await c.request('textDocument/diagnostic', { textDocument: { uri } });
      assert.deepEqual(doc.items.map(brief), expected);
      await c.waitFor('$/progress', p => p.value?.kind === 'end', 0, 10_000);
      const ws = await c.request('workspace/diagnostic', { previousResultIds: [] });
      const item = ws.items.find((i: { uri: string }) => i.uri === uri);
      assert.deepEqual(item?.items.map(brief), expected);
      assert.equal(await c.stop(), 0);
    } finally {
      if (c.proc.exitCode === null) c.proc.kill();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('language server: cancellation, and staying responsive during a large scan', () => {
  let c: LspClient;
  let dir: string;
  const N = 1500;
  const settings: Record<string, unknown> = { workspaceScan: false };
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-lsp-big-'));
    const text = read('Dockerfile');
    for (let i = 0; i < N; i++) {
      const d = path.join(dir, `svc${Math.floor(i / 50)}`, `app${i}`);
      fs.mkdirSync(d, { recursive: true });
      fs.writeFileSync(path.join(d, 'Dockerfile'), text);
    }
    c = await LspClient.start({ capabilities: capabilities(), workspaceFolders: [{ uri: uriOf(dir), name: 'big' }], settings: () => settings });
  });
  after(() => {
    if (c.proc.exitCode === null) c.proc.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('cancelling workspace/executeCommand stops the scan and answers RequestCancelled; requests are served meanwhile', async () => {
    const since = c.mark();
    const source = new CancellationTokenSource();
    const scan = c.conn.sendRequest('workspace/executeCommand', { command: 'rampart.scanWorkspace', arguments: [], workDoneToken: 'big' }, source.token);
    await c.waitFor('$/progress', p => p.token === 'big' && /^\d+\/1500 files$/.test(p.value?.message ?? ''), since, 10_000);
    const t0 = performance.now();
    await c.request('rampart/ruleInfo', { id: 'dockerfile/no-root-user' });
    const latency = performance.now() - t0;
    assert.ok(latency < 500, `a request took ${latency.toFixed(0)} ms during the scan`);
    source.cancel();
    await expectError(scan, -32800);
    await c.waitFor('$/progress', p => p.token === 'big' && p.value?.kind === 'end', since);
    const published = c.published(undefined, since).length;
    assert.ok(published > 0 && published < N, `${published} files published before the cancellation`);
  });

  it('the client can cancel the server\'s own progress (window/workDoneProgress/cancel)', async () => {
    const since = c.mark();
    settings.workspaceScan = true;
    await c.notify('workspace/didChangeConfiguration', { settings: null });
    const create = await c.waitFor('window/workDoneProgress/create', () => true, since);
    const token = create.params.token;
    await c.waitFor('$/progress', p => p.token === token && /^\d+\/1500 files$/.test(p.value?.message ?? ''), since, 10_000);
    await c.notify('window/workDoneProgress/cancel', { token });
    await c.waitFor('$/progress', p => p.token === token && p.value?.kind === 'end', since);
    const log = await c.waitFor('window/logMessage', p => /workspace scan cancelled/.test(p.message), since);
    assert.match(log.params.message, /workspace scan cancelled: \d+\/1500 files/);
  });

  it('shutdown and exit: the process exits with code 0', async () => {
    assert.equal(await c.stop(), 0);
  });
});
