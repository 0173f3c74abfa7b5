/**
 * Tokenizes samples with the TextMate engine VS Code itself uses (vscode-textmate + vscode-oniguruma from the
 * installed code-server) and checks the scopes the grammars in syntaxes/ give: the Helm template injection into
 * VS Code's own YAML grammar, and the Vault policy grammar. Exit 0 when every check holds.
 * Usage: node out/scripts/e2e/grammar-check.js
 */
import * as fs from 'fs';
import * as path from 'path';
import { ROOT, codeServerEntry } from './code-server';

interface Token { text: string; scopes: string[] }
type Check = [line: string, text: string, scope: string | null];

async function main(): Promise<number> {
  const vscodeDir = path.resolve(path.dirname(codeServerEntry()), '..', '..', 'lib', 'vscode');
  const mod = (name: string) => require(path.join(vscodeDir, 'node_modules', name));
  const tm = mod('vscode-textmate');
  const onig = mod('vscode-oniguruma');
  await onig.loadWASM(fs.readFileSync(path.join(vscodeDir, 'node_modules', 'vscode-oniguruma', 'release', 'onig.wasm')).buffer);

  // scopeName -> grammar file, and injections, from the manifests of VS Code's YAML extension and ours
  const files = new Map<string, string>();
  const injections = new Map<string, string[]>();
  for (const dir of [path.join(vscodeDir, 'extensions', 'yaml'), ROOT]) {
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
    for (const g of manifest.contributes.grammars as { scopeName: string; path: string; injectTo?: string[] }[]) {
      if (!files.has(g.scopeName)) files.set(g.scopeName, path.join(dir, g.path));
      for (const host of g.injectTo ?? []) injections.set(host, [...(injections.get(host) ?? []), g.scopeName]);
    }
  }
  const registry = new tm.Registry({
    onigLib: Promise.resolve({ createOnigScanner: (s: string[]) => new onig.OnigScanner(s), createOnigString: (s: string) => new onig.OnigString(s) }),
    loadGrammar: async (scope: string) => {
      const file = files.get(scope);
      return file ? tm.parseRawGrammar(fs.readFileSync(file, 'utf8'), file) : null;
    },
    getInjections: (scope: string) => injections.get(scope),
  });

  const tokenize = async (scope: string, text: string): Promise<Token[][]> => {
    const grammar = await registry.loadGrammar(scope);
    if (!grammar) throw new Error(`no grammar for ${scope}`);
    let stack = tm.INITIAL;
    return text.split('\n').map(line => {
      const r = grammar.tokenizeLine(line, stack);
      stack = r.ruleStack;
      return r.tokens.map((t: { startIndex: number; endIndex: number; scopes: string[] }) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
    });
  };

  let passed = 0, failed = 0;
  const run = async (scope: string, doc: string, checks: Check[]) => {
    const lines = doc.split('\n');
    const tokens = await tokenize(scope, doc);
    for (const [line, text, want] of checks) {
      const i = lines.indexOf(line);
      const tok = tokens[i]?.find(t => t.text.trim() === text);
      const has = tok && (want === null ? !tok.scopes.some(s => s.endsWith('.go-template') || s.endsWith('.helm'))
        : tok.scopes.some(s => s === want || s.startsWith(want + '.')));
      if (has) { passed++; continue; }
      failed++;
      console.error(`grammar: ${scope}: in ${JSON.stringify(line)}, ${JSON.stringify(text)} should ${want === null ? 'have no template scope' : `have ${want}`}; ` +
        `got ${tok ? tok.scopes.join(' ') : 'no such token: ' + JSON.stringify(tokens[i]?.map(t => t.text))}`);
    }
  };

  const helm = [
    'apiVersion: apps/v1',
    'metadata:',
    '  name: {{ include "app.fullname" . }}',
    '  # {{ .Values.note }}',
    'spec:',
    '  replicas: {{ $count := 3 }}{{ $count }}',
    '{{- if .Values.securityContext }}',
    '      securityContext: {{- toYaml .Values.securityContext | nindent 8 }}',
    '{{- end }}',
    '      image: "{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}"',
    '{{/* a comment */}}',
    '  offset: {{-3}}',
    '  plain: value',
  ].join('\n');
  await run('source.yaml', helm, [
    ['  name: {{ include "app.fullname" . }}', '{{', 'punctuation.section.embedded.begin.go-template'],
    ['  name: {{ include "app.fullname" . }}', 'include', 'support.function.go-template'],
    ['  name: {{ include "app.fullname" . }}', 'app.fullname', 'string.quoted.double.go-template'],
    ['  name: {{ include "app.fullname" . }}', '}}', 'punctuation.section.embedded.end.go-template'],
    ['  # {{ .Values.note }}', 'Values', 'variable.language.helm'],
    ['  replicas: {{ $count := 3 }}{{ $count }}', '$count', 'variable.other.go-template'],
    ['  replicas: {{ $count := 3 }}{{ $count }}', ':=', 'keyword.operator.go-template'],
    ['  replicas: {{ $count := 3 }}{{ $count }}', '3', 'constant.numeric.go-template'],
    ['{{- if .Values.securityContext }}', '-', 'keyword.operator.trim.go-template'],
    ['{{- if .Values.securityContext }}', 'if', 'keyword.control.go-template'],
    ['{{- if .Values.securityContext }}', 'securityContext', 'variable.other.member.go-template'],
    ['      securityContext: {{- toYaml .Values.securityContext | nindent 8 }}', '|', 'keyword.operator.go-template'],
    ['      securityContext: {{- toYaml .Values.securityContext | nindent 8 }}', 'nindent', 'support.function.go-template'],
    ['{{- end }}', 'end', 'keyword.control.go-template'],
    ['      image: "{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}"', 'default', 'support.function.go-template'],
    ['      image: "{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}"', 'Chart', 'variable.language.helm'],
    ['{{/* a comment */}}', 'a comment', 'comment.block.go-template'],
    ['  offset: {{-3}}', '-3', 'constant.numeric.go-template'],
    ['  plain: value', 'value', null],
  ]);

  const policy = [
    '# Read-only access to the app\'s secrets',
    'path "secret/data/app/*" {',
    '  capabilities = ["read", "list"]',
    '}',
    'path "secret/data/{{identity.entity.id}}/+/config" {',
    '  capabilities = ["create", "update", "sudo"]',
    '  allowed_parameters = {',
    '    "ttl" = ["1h", "2h"]',
    '  }',
    '  min_wrapping_ttl = "1s"',
    '}',
  ].join('\n');
  await run('source.hcl.vault-policy', policy, [
    ['# Read-only access to the app\'s secrets', '# Read-only access to the app\'s secrets', 'comment.line.number-sign.vault-policy'],
    ['path "secret/data/app/*" {', 'path', 'storage.type.path.vault-policy'],
    ['path "secret/data/app/*" {', '*', 'keyword.operator.glob.vault-policy'],
    ['path "secret/data/app/*" {', '{', 'punctuation.section.block.begin.vault-policy'],
    ['  capabilities = ["read", "list"]', 'capabilities', 'support.type.property-name.vault-policy'],
    ['  capabilities = ["read", "list"]', 'read', 'support.constant.capability.vault-policy'],
    ['path "secret/data/{{identity.entity.id}}/+/config" {', '{{identity.entity.id}}', 'variable.parameter.template.vault-policy'],
    ['path "secret/data/{{identity.entity.id}}/+/config" {', '+', 'keyword.operator.glob.segment.vault-policy'],
    ['  capabilities = ["create", "update", "sudo"]', 'sudo', 'keyword.other.capability.dangerous.vault-policy'],
    ['  allowed_parameters = {', 'allowed_parameters', 'support.type.property-name.vault-policy'],
    ['    "ttl" = ["1h", "2h"]', '"ttl"', 'variable.other.property.vault-policy'],
    ['  min_wrapping_ttl = "1s"', 'min_wrapping_ttl', 'support.type.property-name.vault-policy'],
  ]);
  console.log(`grammars: ${passed} passed, ${failed} failed`);
  return failed ? 1 : 0;
}

main().then(c => process.exit(c), e => { console.error(e); process.exit(1); });
