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

async function runScan(paths: string[], flags: ScanFlags, cmd: Command): Promise<void> {
  if (flags.unsafeFixes && !flags.fix) cmd.error('error: --unsafe-fixes only works together with --fix', { exitCode: 2, code: 'rampart.usage' });
  const cwd = process.cwd();
  const result = await scan(paths.length ? paths : ['.'], { exclude: flags.exclude, fix: flags.fix, unsafeFixes: flags.unsafeFixes });

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

  let code = exitCodeFor(result, flags.failOn);
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
    .addHelpText('after', `
Files checked: Dockerfile, Containerfile, *.dockerfile, Dockerfile.* and the like. .gitignore files are
honoured; node_modules and version-control directories are always skipped; files over 5 MB and binary
files are skipped with a note.

Exit codes:
  0  no finding at or above --fail-on (default: ${DEFAULT_FAIL_ON})
  1  at least one finding at or above --fail-on
  2  usage error, or a path that does not exist or cannot be read (reason on stderr;
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
