/**
 * The `rampart` command line.
 *
 *   rampart scan [paths…]   check files and directories (default: the current directory)
 *   rampart rules           list the rules
 *   rampart lsp --stdio     run the language server (also --node-ipc)
 *
 * Exit codes of `scan`: 0 no finding at or above --fail-on (default high); 1 some; 2 a usage error or a path
 * that could not be read (a one-line reason on stderr; what could be scanned is still reported).
 */
import * as fs from 'fs';
import * as path from 'path';
import { Command, CommanderError, Option } from 'commander';
import { SEVERITIES, SEVERITY_RANK, type Severity } from '../engine/types';
import { scan, type ScanResult } from '../scan/scan';
import { findProjectConfig, formatProblem, loadProjectConfig, type ConfigProblem, type LoadedConfig, type ProjectConfig } from '../config/project';
import { toSarif } from '../report/sarif';
import { toJsonReport, relPath } from '../report/json';
import { displayPath, textReport } from '../report/text';
import { packageInfo, reportRules, ruleHelpUrl } from '../report/meta';

export const DEFAULT_FAIL_ON: Severity = 'high';
const FORMATS = ['text', 'json', 'sarif'] as const;
type Format = typeof FORMATS[number];

interface ScanFlags {
  format: Format;
  output?: string;
  failOn: Severity | 'none';
  fix?: boolean;
  unsafeFixes?: boolean;
  exclude?: string[];
  color: boolean;
  /** --config FILE, or false for --no-config. */
  config: string | boolean;
}

/** Colour only on a terminal, never with --no-color or NO_COLOR; FORCE_COLOR turns it on elsewhere. */
export function useColor(flag: boolean, stream: NodeJS.WriteStream, toFile: boolean): boolean {
  if (!flag || toFile || process.env.NO_COLOR) return false;
  const force = process.env.FORCE_COLOR;
  if (force !== undefined && force !== '' && force !== '0' && force !== 'false') return true;
  return !!stream.isTTY;
}

function fail(reason: string): void {
  process.stderr.write(`rampart: ${reason}\n`);
  process.exitCode = 2;
}

export function exitCodeFor(result: ScanResult, failOn: Severity | 'none'): 0 | 1 | 2 {
  if (result.notes.some(n => n.level === 'error')) return 2;
  if (failOn === 'none') return 0;
  const min = SEVERITY_RANK[failOn];
  return result.files.some(f => f.findings.some(x => SEVERITY_RANK[x.severity] >= min)) ? 1 : 0;
}

/**
 * The project configuration of each scan root: the --config file, else the nearest `.rampart.yaml` (.yml, .json)
 * in the root's directory or above it; null with --no-config or when there is none.
 */
function configsFor(roots: string[], flag: string | boolean): { plan: { root: string; config: ProjectConfig | null }[]; problems: ConfigProblem[] } {
  const loaded = new Map<string, LoadedConfig>();
  const load = (file: string) => {
    let l = loaded.get(file);
    if (!l) loaded.set(file, l = loadProjectConfig(file));
    return l;
  };
  const plan = roots.map(root => {
    if (flag === false) return { root, config: null };
    let file: string | null;
    if (typeof flag === 'string') file = path.resolve(flag);
    else {
      const abs = path.resolve(root);
      let dir = abs;
      try { if (!fs.statSync(abs).isDirectory()) dir = path.dirname(abs); } catch { dir = path.dirname(abs); }
      file = findProjectConfig(dir);
    }
    return { root, config: file ? load(file).config : null };
  });
  return { plan, problems: [...loaded.values()].flatMap(l => l.problems) };
}

async function runScan(paths: string[], flags: ScanFlags, cmd: Command): Promise<void> {
  if (flags.unsafeFixes && !flags.fix) cmd.error('error: --unsafe-fixes only works together with --fix', { exitCode: 2, code: 'rampart.usage' });
  const cwd = process.cwd();
  const { plan, problems } = configsFor(paths.length ? paths : ['.'], flags.config);
  if (problems.length) {
    // a CI run must not go on with settings it could not read
    for (const p of problems) process.stderr.write(`rampart: ${formatProblem(p, cwd)}\n`);
    process.exitCode = 2;
    return;
  }
  // --fail-on on the command line wins over the configuration's failOn
  const failOnGiven = cmd.getOptionValueSource('failOn') === 'cli';
  const t0 = performance.now();
  const result: ScanResult = { files: [], notes: [], filesScanned: 0, durationMs: 0 };
  let code: 0 | 1 | 2 = 0;
  for (const { root, config } of plan) {
    const r = await scan([root], { exclude: flags.exclude, project: config, rules: config?.rules, fix: flags.fix, unsafeFixes: flags.unsafeFixes });
    result.files.push(...r.files);
    result.notes.push(...r.notes);
    result.filesScanned += r.filesScanned;
    code = Math.max(code, exitCodeFor(r, failOnGiven ? flags.failOn : config?.failOn ?? flags.failOn)) as 0 | 1 | 2;
  }
  result.durationMs = performance.now() - t0;
  result.configs = [...new Set(plan.flatMap(p => (p.config ? [p.config.file] : [])))];

  let report: string;
  if (flags.format === 'json') {
    report = JSON.stringify(toJsonReport(result, cwd), null, 2) + '\n';
  } else if (flags.format === 'sarif') {
    const files = result.files.map(f => ({ path: f.path, rel: relPath(f.path, cwd), findings: f.findings, text: f.text }));
    const notes = result.notes.map(n => ({ path: relPath(n.path, cwd), level: n.level, message: n.message }));
    report = JSON.stringify(toSarif(files, { root: cwd, notes }), null, 2) + '\n';
  } else {
    const color = useColor(flags.color, process.stdout, !!flags.output);
    // errors go to stderr (below), not into the text report
    report = textReport(result, { color, cwd, fix: flags.fix, unsafeFixes: flags.unsafeFixes, omitErrors: true });
  }

  for (const n of result.notes) if (n.level === 'error') process.stderr.write(`rampart: ${displayPath(n.path, cwd)}: ${n.message}\n`);

  if (flags.output) {
    try {
      fs.mkdirSync(path.dirname(path.resolve(flags.output)), { recursive: true });
      fs.writeFileSync(flags.output, report);
    } catch (e) {
      fail(`could not write ${flags.output}: ${(e as NodeJS.ErrnoException)?.code ?? String(e)}`);
      code = 2;
    }
  } else {
    process.stdout.write(report);
  }
  process.exitCode = code;
}

function runRules(flags: { format: 'text' | 'json' }): void {
  const rules = reportRules();
  if (flags.format === 'json') {
    process.stdout.write(JSON.stringify(rules.map(r => ({
      id: r.id, kind: r.kind, severity: r.severity, title: r.title, fix: r.fix?.safety ?? null, helpUri: ruleHelpUrl(r), equivalents: r.equivalents,
    })), null, 2) + '\n');
    return;
  }
  const rows = [['ID', 'SEVERITY', 'FIX', 'TITLE'], ...rules.map(r => [r.id, r.severity, r.fix?.safety ?? '-', r.title])];
  const w = [0, 1, 2].map(i => Math.max(...rows.map(r => r[i].length)));
  process.stdout.write(rows.map(r => [r[0].padEnd(w[0]), r[1].padEnd(w[1]), r[2].padEnd(w[2]), r[3]].join('  ')).join('\n') + '\n');
  process.stdout.write(`\n${rules.length} rules. "safe" fixes are applied by --fix; "unsafe" ones need --fix --unsafe-fixes.\n`);
}

function runLsp(flags: { stdio?: boolean; nodeIpc?: boolean }, cmd: Command): void {
  if (!flags.stdio && !flags.nodeIpc) cmd.error('error: choose a transport: --stdio or --node-ipc', { exitCode: 2, code: 'rampart.usage' });
  // loaded only here, so that the rest of the CLI works without the language server
  const lspModule = '../lsp/server';
  let server: { startServer: () => unknown };
  try {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    server = require(lspModule);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err?.code === 'MODULE_NOT_FOUND' && String(err.message).includes('lsp/server')) {
      fail('the language server is not part of this build');
      return;
    }
    throw e;
  }
  server.startServer();
}

export function buildProgram(): Command {
  const program = new Command();
  program
    .name('rampart')
    .description('Find and fix security-hardening problems in infrastructure files (Dockerfiles).')
    .version(packageInfo().version, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .exitOverride()
    .showSuggestionAfterError(true);

  program.command('scan')
    .description('check files and directories for security-hardening problems')
    .argument('[paths...]', 'files or directories to scan (default: the current directory)')
    .addOption(new Option('-f, --format <format>', 'report format').choices(FORMATS).default('text'))
    .option('-o, --output <file>', 'write the report to a file instead of standard output')
    .addOption(new Option('--fail-on <severity>', 'exit with code 1 when a finding has this severity or higher ("none": never)')
      .choices([...SEVERITIES, 'none']).default(DEFAULT_FAIL_ON))
    .option('--fix', 'apply the safe fixes to the files')
    .option('--unsafe-fixes', 'with --fix, also apply fixes that may change behaviour')
    .option('--exclude <glob>', 'skip paths matching a gitignore-style glob, relative to each scanned directory (repeatable)',
      (v: string, prev: string[] | undefined) => [...(prev ?? []), v])
    .option('--no-color', 'do not colour the text report (also: NO_COLOR=1)')
    .option('-c, --config <file>', 'the project configuration to use (default: .rampart.yaml, .rampart.yml or .rampart.json in each scanned directory or the nearest one above it)')
    .option('--no-config', 'use no project configuration file')
    .addHelpText('after', `
Files checked: Dockerfile, Containerfile, *.dockerfile, Dockerfile.* and the like. .gitignore files are
honoured; node_modules and version-control directories are always skipped; files over 5 MB and binary
files are skipped with a note.

Project configuration (.rampart.yaml; data only, never executed):
  rules:                              # per rule id: off, or another severity
    dockerfile/healthcheck-present: off
  exclude: [legacy/**]                # gitignore-style globs, relative to the file's directory
  failOn: medium                      # used when --fail-on is not given
A configuration file with a problem stops the scan (exit code 2, file:line:column on stderr).

Exit codes:
  0  no finding at or above --fail-on (default: ${DEFAULT_FAIL_ON})
  1  at least one finding at or above --fail-on
  2  usage error, a bad configuration file, or a path that does not exist or cannot be read (reason on stderr;
     everything else is still scanned and reported)

Reports: text (paths relative to the current directory; 1-based line:column), json (stable shape,
"version": 1; 1-based ranges, end column exclusive) and sarif (SARIF 2.1.0 for GitHub code scanning;
paths relative to the current directory).`)
    .action(async (paths: string[], flags: ScanFlags, cmd: Command) => runScan(paths, flags, cmd));

  program.command('rules')
    .description('list the rules')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action((flags: { format: 'text' | 'json' }) => runRules(flags));

  program.command('lsp')
    .description('run the language server (for editors)')
    .option('--stdio', 'communicate over standard input/output')
    .option('--node-ipc', 'communicate over Node IPC')
    .allowUnknownOption(true)
    .allowExcessArguments(true)
    .action((flags: { stdio?: boolean; nodeIpc?: boolean }, cmd: Command) => runLsp(flags, cmd));

  return program;
}

export async function main(argv: string[] = process.argv): Promise<void> {
  // a closed pipe (`rampart scan | head`) is not an error
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw e;
    });
  }
  const program = buildProgram();
  try {
    if (argv.length <= 2) {
      program.outputHelp({ error: true });
      process.exitCode = 2;
      return;
    }
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      // commander already printed the message (or the help / version)
      process.exitCode = e.exitCode === 0 ? 0 : 2;
      return;
    }
    process.stderr.write(`rampart: internal error: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
    process.exitCode = 2;
  }
}

if (require.main === module) void main();
