/**
 * npm run bench — prints one `name: value unit` line per figure so runs can be compared.
 * Engine throughput over a generated corpus of 2,000 Dockerfiles (20–200 lines), single core and with both
 * cores (worker threads), the cost of the rules on top of parsing (the instructions alone, and the whole tree
 * with the shell syntax of RUN), dockerfile-ast as a reference parser, and
 * the CLI as a whole process (start-up, and a scan of a repository-shaped tree), and (when the language server is
 * built) the keystroke-to-diagnostics latency over the protocol.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Worker } from 'worker_threads';
import { corpus } from './corpus';
import { parseDocument, lintDocument } from '../server/src/engine/engine';
import { parseDockerfile } from '../server/src/dockerfile/parser';

const FILES = Number(process.env.BENCH_FILES ?? 2000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

function line(name: string, value: number, unit: string, digits = 0) {
  process.stdout.write(`${name}: ${value.toFixed(digits)} ${unit}\n`);
}

/** Median of ROUNDS timings of fn over all files, in ms. */
function time(files: string[], fn: (t: string) => void): number {
  const samples: number[] = [];
  for (let r = 0; r < ROUNDS + 1; r++) {
    const t0 = process.hrtime.bigint();
    for (const f of files) fn(f);
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (r > 0) samples.push(ms); // the first round warms up the JIT
  }
  samples.sort((a, b) => a - b);
  return samples[samples.length >> 1];
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

/** Times each fn over all files in turns, ROUNDS times (after a warm-up round): the samples of each, in ms. */
function timeInTurns(files: string[], fns: ((t: string) => void)[]): number[][] {
  const samples = fns.map(() => [] as number[]);
  for (let r = 0; r < ROUNDS + 1; r++) {
    fns.forEach((fn, k) => {
      const t0 = process.hrtime.bigint();
      for (const f of files) fn(f);
      if (r > 0) samples[k].push(Number(process.hrtime.bigint() - t0) / 1e6);
    });
  }
  return samples;
}

async function parallel(files: string[], threads: number): Promise<number> {
  const chunk = Math.ceil(files.length / threads);
  const workers = Array.from({ length: threads }, () => new Worker(path.join(__dirname, 'worker.js')));
  const run = (w: Worker, slice: string[]) => new Promise<number>((resolve, reject) => {
    w.once('message', (m: { ms: number }) => resolve(m.ms));
    w.once('error', reject);
    w.postMessage({ files: slice });
  });
  const samples: number[] = [];
  for (let r = 0; r < ROUNDS + 1; r++) {
    const t0 = process.hrtime.bigint();
    await Promise.all(workers.map((w, i) => run(w, files.slice(i * chunk, (i + 1) * chunk))));
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (r > 0) samples.push(ms);
  }
  await Promise.all(workers.map(w => w.terminate()));
  samples.sort((a, b) => a - b);
  return samples[samples.length >> 1];
}

async function main() {
  const files = corpus(FILES, 42);
  const bytes = files.reduce((a, f) => a + Buffer.byteLength(f), 0);
  const lines = files.reduce((a, f) => a + f.split('\n').length - 1, 0);
  line('corpus_files', files.length, 'files');
  line('corpus_mean_lines', lines / files.length, 'lines');
  line('corpus_size', bytes / 1e6, 'MB', 2);

  // The whole syntax tree the rules read: instructions, plus the shell syntax of every RUN (its simple commands,
  // words, pipelines, heredoc scripts and nested `sh -c` bodies) — hadolint's parse likewise includes ShellCheck's.
  // The three are timed in turns within each round, and the ratios taken per round, so that a neighbour's load
  // on a shared machine weighs on both sides of a ratio alike.
  const [parseSamples, treeSamples, engineSamples] = timeInTurns(files, [
    t => parseDockerfile(t),
    t => parseDocument('dockerfile', t).model.runs(),
    t => lintDocument(parseDocument('dockerfile', t)),
  ]);
  const [parseMs, treeMs, engineMs] = [parseSamples, treeSamples, engineSamples].map(median);
  line('parse_only_1core', files.length / parseMs * 1000, 'files/s');
  line('parse_with_shell_1core', files.length / treeMs * 1000, 'files/s');
  line('engine_1core', files.length / engineMs * 1000, 'files/s');
  line('engine_1core_throughput', bytes / 1e6 / (engineMs / 1000), 'MB/s', 1);
  line('engine_per_file_mean', engineMs / files.length * 1000, 'us', 0);
  const overParse = median(parseSamples.map((p, i) => engineSamples[i] / p));
  const overTree = median(treeSamples.map((t, i) => engineSamples[i] / t));
  line('engine_over_parse_ratio', overParse, 'x', 2);
  line('rules_cost_over_parse', (overParse - 1) * 100, '%', 0);
  line('engine_over_parse_with_shell_ratio', overTree, 'x', 2);
  line('rules_cost_over_parse_with_shell', (overTree - 1) * 100, '%', 0);

  const threads = Math.min(2, os.cpus().length);
  const parMs = await parallel(files, threads);
  line(`engine_${threads}threads`, files.length / parMs * 1000, 'files/s');
  line(`engine_${threads}threads_throughput`, bytes / 1e6 / (parMs / 1000), 'MB/s', 1);

  // Reference: dockerfile-ast, the parser the tokenizer is tested against.
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const { DockerfileParser } = require('dockerfile-ast');
  const refFiles = files.slice(0, 500);
  const refMs = time(refFiles, t => DockerfileParser.parse(t));
  const ourMs = time(refFiles, t => parseDockerfile(t));
  line('dockerfile_ast_parse_1core', refFiles.length / refMs * 1000, 'files/s');
  line('tokenizer_speedup_over_dockerfile_ast', refMs / ourMs, 'x', 1);
  // The "rules cost ≤ 50 % on top of parsing" assumed a parser of dockerfile-ast's speed (the floor in
  // shared/README): what the rules, the shell syntax and the reporting cost, relative to that parse.
  const refPerFile = refMs / refFiles.length;
  line('engine_over_dockerfile_ast_parse_ratio', engineMs / files.length / refPerFile, 'x', 2);
  line('rules_cost_over_dockerfile_ast_parse', (engineMs - parseMs) / files.length / refPerFile * 100, '%', 0);

  cliFigures(files);

  try {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const lsp = require('./lsp') as { benchKeystroke?: (o: object) => Promise<{ median: number; p95: number; samples: number }> };
    if (lsp.benchKeystroke) {
      const r = await lsp.benchKeystroke({});
      line('lsp_keystroke_to_diagnostics_median_1000_lines', r.median, 'ms', 2);
      line('lsp_keystroke_to_diagnostics_p95_1000_lines', r.p95, 'ms', 2);
    }
  } catch (e) {
    process.stdout.write(`# lsp latency not measured: ${(e as Error).message.split('\n')[0]}\n`);
  }
}

/**
 * The CLI as CI runs it, whole process: start-up (`rampart --version`), and `rampart scan` of a repository-shaped
 * tree — the corpus as Dockerfiles in nested service folders, as many other files, a git-ignored folder and a
 * node_modules folder that are skipped — reporting JSON to a file.
 */
function cliFigures(files: string[]) {
  const bin = path.resolve(__dirname, '..', '..', 'bin', 'rampart.js');
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-bench-'));
  try {
    fs.writeFileSync(path.join(root, '.gitignore'), 'generated/\n');
    files.forEach((text, i) => {
      const dir = path.join(root, `team${i % 10}`, `service${i % 97}`);
      fs.mkdirSync(dir, { recursive: true });
      const name = i % 3 === 0 ? `Dockerfile.${i}` : i % 3 === 1 ? `${i}.Dockerfile` : path.join(`img${i}`, 'Dockerfile');
      fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      fs.writeFileSync(path.join(dir, name), text);
      fs.writeFileSync(path.join(dir, `notes${i}.md`), '# notes\n');
    });
    for (const skipped of ['generated', path.join('node_modules', 'pkg')]) {
      fs.mkdirSync(path.join(root, skipped), { recursive: true });
      for (let i = 0; i < 200; i++) fs.writeFileSync(path.join(root, skipped, `Dockerfile.${i}`), files[i]);
    }
    const wall = (args: string[]) => {
      const samples: number[] = [];
      for (let r = 0; r < 4; r++) {
        const t0 = process.hrtime.bigint();
        const res = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8' });
        if (res.status !== 0) throw new Error(`rampart ${args.join(' ')} exited with ${res.status}: ${res.stderr.split('\n')[0]}`);
        if (r > 0) samples.push(Number(process.hrtime.bigint() - t0) / 1e6); // the first run warms the file cache
      }
      samples.sort((a, b) => a - b);
      return samples[samples.length >> 1];
    };
    line('cli_startup_version', wall(['--version']), 'ms');
    const out = path.join(root, 'report.json');
    const ms = wall(['scan', '.', '--format', 'json', '--output', out, '--fail-on', 'none']);
    const scanned = (JSON.parse(fs.readFileSync(out, 'utf8')) as { summary: { filesScanned: number } }).summary.filesScanned;
    if (scanned !== files.length) throw new Error(`the scan checked ${scanned} files, expected ${files.length} (ignored folders skipped)`);
    line('cli_scan_whole_process', ms, 'ms');
    line('cli_scan_files_per_s', files.length / ms * 1000, 'files/s');
  } catch (e) {
    process.stdout.write(`# cli figures not measured: ${(e as Error).message.split('\n')[0]}\n`);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

main().catch(e => { process.stderr.write(String(e?.stack ?? e) + '\n'); process.exit(1); });
