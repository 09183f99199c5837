// cable-lint: the core's diagnostics from a terminal, in the style of eslint.
// Files are linted on worker threads (server/src/cli/pool.ts), fixed in place
// with --fix, summarised with --stats; output is always in file order.

import * as fs from 'fs';
import * as path from 'path';
import { isMainThread } from 'worker_threads';
import { CableConfig, ConflictTally, RULES, RULE_CODES, normalizeConfig, positionIn } from './core';
import { UsageError, expandInputs } from './cli/inputs';
import { CliIo, CliResult, Command } from './cli/command';
import { runCables } from './cli/cables';
import { errorText, toRecord } from './cli/lintFile';
import { LintThreads, machineCores } from './cli/pool';
import { ProgressBar, wantsProgress } from './cli/progress';
import { SarifNotification } from './cli/sarif';
import { StatsTally, formatStats } from './cli/stats';
import { FileResult, FileTask } from './cli/types';
import { COLORS, JsonReport, Report, SarifReport, Sink, StylishReport } from './cli/output';

export { LintRecord } from './cli/types';
export { lintText, fixText } from './cli/lintFile';
export { CorpusStats } from './cli/stats';

export { VERSION } from './version';
import { VERSION } from './version';

export { CliResult, CliIo };

const USAGE = `Usage: cable-lint [options] <file|folder|glob> ...

Lints tagged cables (.cable files, and .txt files that start like a cable).

Options:
  -f, --format <name>  stylish (default), json or sarif (SARIF 2.1.0)
  --fix                Apply the safe fixes (tag spacing, unambiguous type
                       spelling) in place, then report what is left
  --stats              Print entity statistics instead of the problems:
                       entities per type, the 20 most frequent entities, and
                       entities typed differently in different cables
                       (stylish or json)
  -j, --jobs <n>       Lint on n threads (default: one per core, fewer for a
                       small input; at most two per core; 1 lints in this
                       thread)
  -c, --config <file>  Read rule severities and entity types from this JSON
                       file (default: .cablelintrc.json, or the "cable-lint"
                       key of package.json, in the current folder)
  --rules              List the rule codes and their default severities
  --no-color           Plain output even on a terminal
  -h, --help           Show this help
  -v, --version        Show the version

A progress bar is shown on stderr when it is a terminal (not with CI=true).

Exit codes: 0 no errors, 1 errors found, 2 bad usage, unreadable input, or
fixes that could not be written.`;

type Format = 'stylish' | 'json' | 'sarif';
const FORMATS: readonly Format[] = ['stylish', 'json', 'sarif'];

interface Options {
  format: Format;
  config?: string;
  color: boolean;
  fix: boolean;
  stats: boolean;
  /** Threads; undefined: one per core, fewer for a small input (see autoJobs). */
  jobs?: number;
  patterns: string[];
}


export function defaultJobs(): number {
  return machineCores();
}

/**
 * Starting a worker (loading the bundle, warming up) costs about what linting
 * this much text does, so a small input is linted in fewer threads.
 */
const BYTES_PER_WORKER = 256 * 1024;

/** Without --jobs: one thread per core, but no more than one per BYTES_PER_WORKER of input. */
export function autoJobs(files: string[], cores = defaultJobs()): number {
  let bytes = 0;
  for (const file of files) {
    try {
      bytes += fs.statSync(file).size;
    } catch {
      // reported when it is read
    }
    if (bytes >= cores * BYTES_PER_WORKER) return cores;
  }
  return Math.max(1, Math.min(cores, Math.ceil(bytes / BYTES_PER_WORKER)));
}

function parseArgs(argv: string[], isTTY: boolean, env: NodeJS.ProcessEnv): Options | 'help' | 'version' | 'rules' {
  const options: Options = { format: 'stylish', color: isTTY && !env.NO_COLOR, fix: false, stats: false, patterns: [] };
  const takes = (arg: string, long: string, short?: string) => arg === long || arg.startsWith(`${long}=`) || (short !== undefined && arg === short);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = (name: string) => {
      const eq = arg.indexOf('=');
      if (eq >= 0) return arg.slice(eq + 1);
      const next = argv[++i];
      if (next === undefined) throw new UsageError(`${name} needs a value.`);
      return next;
    };
    // After "--", every argument is a path, even one starting with "-".
    if (arg === '--') {
      options.patterns.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '-h' || arg === '--help') return 'help';
    if (arg === '-v' || arg === '--version') return 'version';
    if (arg === '--rules') return 'rules';
    if (arg === '--no-color') options.color = false;
    else if (arg === '--color') options.color = true;
    else if (arg === '--fix') options.fix = true;
    else if (arg === '--stats') options.stats = true;
    else if (takes(arg, '--format', '-f')) {
      const format = value('--format');
      if (!(FORMATS as string[]).includes(format)) throw new UsageError(`Unknown format "${format}": use ${FORMATS.join(', ')}.`);
      options.format = format as Format;
    } else if (takes(arg, '--jobs', '-j')) {
      const jobs = value('--jobs');
      if (!/^[0-9]+$/.test(jobs) || Number(jobs) < 1) throw new UsageError(`--jobs takes a whole number of threads, 1 or more (got "${jobs}").`);
      options.jobs = Math.min(Number(jobs), 1024);
    } else if (takes(arg, '--config', '-c')) {
      options.config = value('--config');
    } else if (arg.startsWith('-') && arg !== '-') {
      throw new UsageError(`Unknown option "${arg}".`);
    } else {
      options.patterns.push(arg);
    }
  }
  if (options.stats && options.format === 'sarif') throw new UsageError('--stats prints stylish or json, not sarif.');
  if (options.patterns.length === 0) throw new UsageError('No files given.');
  return options;
}

function loadConfig(cwd: string, explicit: string | undefined, stderr: string[]): CableConfig {
  let raw: unknown;
  if (explicit) {
    const file = path.resolve(cwd, explicit);
    raw = readJson(file); // throws UsageError
  } else if (fs.existsSync(path.join(cwd, '.cablelintrc.json'))) {
    raw = readJson(path.join(cwd, '.cablelintrc.json'));
  } else if (fs.existsSync(path.join(cwd, 'package.json'))) {
    try {
      raw = (JSON.parse(fs.readFileSync(path.join(cwd, 'package.json'), 'utf8')) as Record<string, unknown>)['cable-lint'];
    } catch {
      raw = undefined;
    }
  }
  const { config, warnings } = normalizeConfig(raw);
  for (const w of warnings) stderr.push(`cable-lint: config: ${w}`);
  return config;
}

function readJson(file: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new UsageError(`Cannot read config file ${file}.`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`Config file ${file} is not valid JSON: ${(error as Error).message}`);
  }
}

export async function runCli(argv: string[], cwd = process.cwd(), isTTY = false, io: CliIo = {}): Promise<CliResult> {
  const env = io.env ?? process.env;
  const stderr: string[] = [];
  const done = (exitCode: number, stdout = ''): CliResult => ({ exitCode, stdout, stderr: stderr.length ? stderr.join('\n') + '\n' : '' });
  let options: ReturnType<typeof parseArgs>;
  try {
    options = parseArgs(argv, isTTY, env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    stderr.push(`cable-lint: ${error.message}`, '', USAGE);
    return done(2);
  }
  if (options === 'help') return done(0, USAGE + '\n');
  if (options === 'version') return done(0, `${VERSION}\n`);
  if (options === 'rules') {
    const width = Math.max(...RULE_CODES.map((c) => c.length));
    return done(0, RULE_CODES.map((c) => `${c.padEnd(width)}  ${RULES[c].defaultSeverity.padEnd(11)}  ${RULES[c].description}`).join('\n') + '\n');
  }
  let config: CableConfig;
  try {
    config = loadConfig(cwd, options.config, stderr);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    stderr.push(`cable-lint: ${error.message}`);
    return done(2);
  }
  const expanded = expandInputs(options.patterns, cwd, stderr, 'cable-lint');
  const missing = expanded.missing;
  const files = options.fix ? distinctTargets(expanded.files) : expanded.files;
  if (files.length === 0) {
    if (!missing) stderr.push('cable-lint: no cables found (looked for .cable files and .txt files that start like a cable).');
    return done(2);
  }

  // Without a stream to write to, the report is collected and returned.
  const collected: string[] = [];
  const bar = wantsProgress(io.stderr, env) ? new ProgressBar(io.stderr, files.length) : undefined;
  const sink = outputSink(io.stdout, collected, bar);
  const report: Report =
    options.stats || options.format === 'stylish' ? new StylishReport(sink, cwd, options.color) : options.format === 'json' ? new JsonReport(sink, cwd) : new SarifReport(sink, cwd, VERSION);
  const jobs = options.jobs ?? autoJobs(files);
  const notes: string[] = [];
  const relative = (file: string) => path.relative(cwd, file) || file;
  const notifications: SarifNotification[] = [];
  const stats = options.stats ? new StatsTally() : undefined;
  let failed = false;
  let errors = false;
  let fixedProblems = 0;
  let fixedFiles = 0;
  // Both passes on the same threads: started once, warm for the second.
  const threads = new LintThreads(jobs, files.length, notes);
  try {
    // The linted files are a workspace: the cross-cable checks need every cable's entities before any file's
    // report. A first pass tallies them all (applying the fixes, with --fix) and lints the first files too,
    // keeping their reports up to `keptReports.bytes`; a second pass lints the rest, and each report is printed
    // in file order as soon as the conflicts are known.
    const crossCable = !options.stats && files.length > 2 && config.rules['entity-cross-cable-conflict'] !== 'off';
    let tally: ConflictTally | undefined;
    const firstPass = new Map<number, { fixed: number; fixError?: string }>();
    const kept = new Map<number, FileResult>();
    const handle = (r: FileResult, i: number): void | Promise<void> => {
      const first = firstPass.get(i);
      if (first) {
        r.fixed = first.fixed;
        r.fixError = first.fixError;
      }
      if (r.readError !== undefined) {
        stderr.push(`cable-lint: cannot read ${relative(r.file)}: ${r.readError}`);
        notifications.push({ file: r.file, message: `Cannot read the file: ${r.readError}` });
        failed = true;
      }
      if (r.fixError !== undefined) {
        stderr.push(`cable-lint: cannot fix ${relative(r.file)}: ${r.fixError}; the file is unchanged.`);
        notifications.push({ file: r.file, message: `Cannot write the fixes: ${r.fixError}; the file is unchanged.` });
        failed = true;
      }
      if (r.crash !== undefined) {
        stderr.push(`cable-lint: internal error on ${relative(r.file)}: ${r.crash}`);
        notifications.push({ file: r.file, message: `Internal error: ${r.crash.split('\n')[0]}` });
        failed = true;
      }
      if (r.fixed > 0) {
        fixedProblems += r.fixed;
        fixedFiles++;
      }
      if (tally && r.summary) addCrossCableConflicts(tally, r);
      if (r.records.some((x) => x.severity === 'error')) errors = true;
      if (stats) return void stats.add(r);
      return report.file(r.records);
    };
    bar?.update(0);
    if (crossCable) {
      const all = new ConflictTally(config);
      const tallyOnly: FileTask = { config, fix: options.fix, stats: false, summaryOnly: true };
      const lintToo: FileTask = { config, fix: options.fix, stats: false, lintAndTally: true };
      let keptBytes = 0;
      await threads.stream(files, lintToo, {
        jobs,
        onProgress: (n) => bar?.update(Math.floor(n / 2)),
        taskFor: () => (keptBytes < keptReports.bytes ? lintToo : tallyOnly),
        onResult: (r, i) => {
          if (r.tallied) all.add(r.tallied);
          delete r.tallied;
          if (r.fixed > 0 || r.fixError !== undefined) firstPass.set(i, { fixed: r.fixed, fixError: r.fixError });
          if (r.linted) {
            kept.set(i, r);
            keptBytes += keptSize(r);
          }
        },
      });
      if (all.cableCount >= 3) tally = all;
    }
    // The files the first pass did not lint, linted; every report handed on in file order.
    const rest = kept.size === 0 ? files.map((_, i) => i) : files.map((_, i) => i).filter((i) => !kept.has(i));
    let next = 0;
    const keptBefore = async (limit: number) => {
      for (; next < limit; next++) {
        const r = kept.get(next);
        if (!r) continue;
        kept.delete(next);
        await handle(r, next);
      }
    };
    const lintedFirst = kept.size;
    keptReports.lastRun = lintedFirst;
    await threads.stream(
      rest.map((i) => files[i]),
      { config, fix: options.fix && !crossCable, stats: options.stats, disputedKeys: tally?.disputedKeys() },
      {
        jobs,
        onProgress: (n) => bar?.update(crossCable ? Math.floor((files.length + lintedFirst + n) / 2) : n),
        onResult: (r, j) => {
          const i = rest[j];
          if (kept.size === 0) return handle(r, i);
          return keptBefore(i).then(() => {
            next = i + 1;
            return handle(r, i);
          });
        },
      },
    );
    await keptBefore(files.length);
    bar?.update(files.length);
    await threads.close();
    stderr.push(...notes);
    if (options.fix) {
      stderr.push(`Fixed ${fixedProblems} ${fixedProblems === 1 ? 'problem' : 'problems'} in ${fixedFiles} ${fixedFiles === 1 ? 'file' : 'files'}`);
    }
    const exitCode = missing || failed ? 2 : errors ? 1 : 0;
    if (stats) {
      const result = stats.stats(config.entityTypes);
      const bold = (s: string) => (options.color ? `${COLORS.bold}${s}${COLORS.reset}` : s);
      await sink.write(options.format === 'json' ? JSON.stringify(result, null, 2) + '\n' : formatStats(result, bold));
    } else {
      await report.end({ fileCount: files.length, notifications, successful: exitCode !== 2 });
    }
    return done(exitCode, collected.join(''));
  } finally {
    bar?.clear();
    report.dispose();
    await threads.close();
  }
}

/**
 * Where the report goes: `stdout` when given (the progress bar erased before
 * each piece and drawn again after it; a full stream makes the run wait),
 * else collected.
 */
function outputSink(stdout: CliIo['stdout'], collected: string[], bar: ProgressBar | undefined): Sink {
  if (!stdout) return { write: (chunk) => void collected.push(chunk) };
  const stream = stdout as NonNullable<CliIo['stdout']> & { once?: (event: 'drain', listener: () => void) => unknown };
  return {
    write(chunk) {
      if (chunk.length === 0) return undefined;
      bar?.clear();
      const ok = stream.write(chunk);
      bar?.redraw();
      if (ok === false && typeof stream.once === 'function') return new Promise<void>((resolve) => stream.once!('drain', resolve));
      return undefined;
    },
  };
}

/**
 * How much of the first pass's reports a run keeps (an estimate of their
 * memory): a thousand cables fit, so that they are linted once; on more, the
 * rest waits for the second pass, and memory stays flat. (Tests lower it,
 * and read how many reports the last run kept.)
 */
export const keptReports = { bytes: 16 * 1024 * 1024, lastRun: 0 };

/** A kept report's memory, roughly: its records and its summary. */
function keptSize(r: FileResult): number {
  let bytes = 256;
  for (const x of r.records) bytes += 160 + 2 * x.message.length;
  const s = r.summary;
  if (s) bytes += 64 * s.keys.length + 4 * s.lineStarts.length;
  return bytes;
}

/** entity-cross-cable-conflict for one cable of the linted files (the tally holds them all), merged into its records. */
function addCrossCableConflicts(tally: ConflictTally, r: FileResult): void {
  const summary = r.summary!;
  delete r.summary;
  const found = tally.conflicts(summary);
  if (found.length === 0) return;
  const { lineStarts, length } = summary;
  for (const d of found) r.records.push(toRecord(r.file, (o) => positionIn(lineStarts, length, o), d));
  r.records.sort((a, b) => a.line - b.line || a.column - b.column);
}

/** With --fix, two paths to one file (a symlink and its target) would race: keep the first. */
function distinctTargets(files: string[]): string[] {
  const seen = new Set<string>();
  return files.filter((file) => {
    let target: string;
    try {
      target = fs.realpathSync(file);
    } catch {
      return true; // reported as unreadable later
    }
    if (seen.has(target)) return false;
    seen.add(target);
    return true;
  });
}

/** `cable-lint` as the `lint` subcommand of `cables`. */
export const lintCommand: Command = {
  name: 'lint',
  summary: 'Lint cables (the same as cable-lint)',
  run: (argv, ctx) => runCli(argv, ctx.cwd, ctx.isTTY, ctx.io),
};

/** `cables <command> …` as a function. */
export function runCablesCli(argv: string[], cwd = process.cwd(), isTTY = false, io: CliIo = {}): Promise<CliResult> {
  return runCables(argv, { cwd, isTTY, io }, lintCommand);
}

/**
 * A reader that goes away from `cables export … | head` ends the program
 * quietly (exit 0): what it read is all it wanted.
 */
function endOnClosedStdout(program: string): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') stdoutFailed(program, error);
    process.exit(0);
  });
}

/** stdout cannot be written (a full disk, a closed descriptor): said in one line, exit 2. */
function stdoutFailed(program: string, error: NodeJS.ErrnoException): never {
  process.stderr.write(`${program}: cannot write to stdout: ${error.code ?? error.message}\n`);
  process.exit(2);
}

/**
 * stdout for a lint whose reader may go away (`cable-lint … | head`): the
 * rest of the report is dropped, but the run goes on, so that its exit code
 * (problems, unreadable files) and its messages on stderr are still right.
 */
function lintStdout(program: string): { stream: NonNullable<CliIo['stdout']>; closed: () => boolean } {
  let closed = false;
  const waiting: Array<() => void> = [];
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') stdoutFailed(program, error);
    closed = true;
    for (const resume of waiting.splice(0)) resume();
  });
  const stream = {
    write: (chunk: string) => (closed ? true : process.stdout.write(chunk)),
    once: (event: 'drain', listener: () => void) => {
      if (closed) return void listener();
      waiting.push(listener);
      process.stdout.once(event, () => {
        const at = waiting.indexOf(listener);
        if (at >= 0) waiting.splice(at, 1)[0]();
      });
    },
  };
  return { stream, closed: () => closed };
}

/** Entry point of the `cables` bin. */
export async function cablesMain(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv[0] === 'lint') {
    const out = lintStdout('cables');
    await report('cables', () => runCablesCli(argv, process.cwd(), process.stdout.isTTY === true, { stderr: process.stderr, env: process.env, stdout: out.stream }), out.closed);
    return;
  }
  endOnClosedStdout('cables');
  await report('cables', () => runCablesCli(argv, process.cwd(), process.stdout.isTTY === true, { stderr: process.stderr, env: process.env, stdout: process.stdout }));
}

async function report(program: string, run: () => Promise<CliResult>, stdoutClosed = () => false): Promise<void> {
  try {
    const result = await run();
    if (result.stdout && !stdoutClosed()) process.stdout.write(result.stdout);
    if (result.stderr) process.stderr.write(result.stderr);
    process.exitCode = result.exitCode;
  } catch (error) {
    process.stderr.write(`${program}: ${errorText(error)}\n${(error as Error)?.stack ?? ''}\n`);
    process.exitCode = 2;
  }
}

export async function main(): Promise<void> {
  const out = lintStdout('cable-lint');
  await report('cable-lint', () => runCli(process.argv.slice(2), process.cwd(), process.stdout.isTTY === true, { stderr: process.stderr, env: process.env, stdout: out.stream }), out.closed);
}

// Run as a program, but not in a worker thread (which loads this same bundle).
if (require.main === module && isMainThread) void main();
