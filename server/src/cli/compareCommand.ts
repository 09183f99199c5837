// `cables compare`: the differences between two versions of cables, and
// their agreement in nervaluate's four schemes with token-level kappa.

import {
  CompareError,
  ComparedFile,
  DEFAULT_ENTITY_TYPES,
  Paint,
  SideNames,
  compareCables,
  combinedScores,
  compareReport,
  formatMarkdown,
  formatStylish,
  malformedSummary,
  untaggedCable,
} from '../core';
import * as path from 'path';
import { CliResult, Command, CommandContext } from './command';
import { shown } from './dataIo';
import { UsageError } from './inputs';
import { GitError, VersionPair, filesForRevision, gitShow, pairVersions, readText } from './versions';

const USAGE = `Usage: cables compare [options] A B
       cables compare [options] --gold GOLD --pred PRED
       cables compare [options] --rev REV PATH...

Compares the entity annotations of two versions of cables: two files, two
folders (cables paired by their path inside the folder), or cables and their
version in a git revision. A (or GOLD) is the reference.

Lists every difference (added, removed, retyped, re-bounded, re-bounded and
retyped) with its place in both versions, then scores the agreement in the
four schemes of SemEval-2013 Task 9.1 as nervaluate computes them (strict,
exact, partial, type), overall and per type, and Cohen's kappa over the
whitespace tokens. Texts that differ (a fixed typo) are aligned first and
their changes listed apart; unrelated texts are an error.

Options:
  --rev <rev>          B is each file's text in this git revision (HEAD, HEAD~1,
                       a branch or a commit), read with git show
  --gold <path>        The reference (instead of A); the sides are then called
                       gold and pred
  --pred <path>        The version compared with the reference (instead of B)
  -f, --format <name>  stylish (default), json or markdown
  --fail-under <f1>    Exit 1 when the strict overall F1 is below this number
                       (0 to 1)
  --no-align           Texts that differ are an error instead of being aligned
  --types <list>       The entity types listed first in the scores, comma-
                       separated (default: PER,ORG,LOC,MISC)
  --no-color           Plain output even on a terminal
  -h, --help           Show this help

Exit codes: 0 compared, 1 the strict F1 is below --fail-under, 2 bad usage or
bad input (a missing or unreadable file, texts that cannot be compared, a git
error).`;

type Format = 'stylish' | 'json' | 'markdown';
const FORMATS: readonly Format[] = ['stylish', 'json', 'markdown'];

interface Options {
  format: Format;
  color: boolean;
  rev?: string;
  gold?: string;
  pred?: string;
  failUnder?: number;
  align: boolean;
  types: string[];
  paths: string[];
}

/** Reads `--name value` and `--name=value` options the same way for every command. */
export function optionReader(argv: string[]) {
  let i = 0;
  return {
    next(): string | undefined {
      return i < argv.length ? argv[i++] : undefined;
    },
    value(arg: string, name: string): string {
      const eq = arg.indexOf('=');
      const value = eq >= 0 ? arg.slice(eq + 1) : argv[i++];
      if (value === undefined || value === '') throw new UsageError(`${name} needs a value.`);
      return value;
    },
  };
}

export const takes = (arg: string, long: string, short?: string) => arg === long || arg.startsWith(`${long}=`) || (short !== undefined && arg === short);

function parseArgs(argv: string[], ctx: CommandContext): Options | 'help' {
  const env = ctx.io.env ?? process.env;
  const options: Options = { format: 'stylish', color: ctx.isTTY && !env.NO_COLOR, align: true, types: [...DEFAULT_ENTITY_TYPES], paths: [] };
  const args = optionReader(argv);
  for (let arg = args.next(); arg !== undefined; arg = args.next()) {
    // After "--", every argument is a path, even one starting with "-".
    if (arg === '--') {
      for (let path = args.next(); path !== undefined; path = args.next()) options.paths.push(path);
      break;
    }
    if (arg === '-h' || arg === '--help') return 'help';
    if (arg === '--no-color') options.color = false;
    else if (arg === '--color') options.color = true;
    else if (arg === '--no-align') options.align = false;
    else if (takes(arg, '--format', '-f')) {
      const format = args.value(arg, '--format');
      if (!(FORMATS as string[]).includes(format)) throw new UsageError(`Unknown format "${format}": use ${FORMATS.join(', ')}.`);
      options.format = format as Format;
    } else if (takes(arg, '--rev')) options.rev = args.value(arg, '--rev');
    else if (takes(arg, '--gold')) options.gold = args.value(arg, '--gold');
    else if (takes(arg, '--pred')) options.pred = args.value(arg, '--pred');
    else if (takes(arg, '--fail-under')) {
      const raw = args.value(arg, '--fail-under');
      const f = Number(raw);
      if (!/^(?:\d+(?:\.\d*)?|\.\d+)$/.test(raw.trim()) || f > 1) throw new UsageError(`--fail-under takes an F1 between 0 and 1 (got "${raw}").`);
      options.failUnder = f;
    } else if (takes(arg, '--types')) {
      const types = args.value(arg, '--types').split(',').map((t) => t.trim()).filter((t) => t.length > 0);
      if (types.length === 0 || types.some((t) => !/^[A-Za-z][A-Za-z0-9_-]*$/.test(t))) throw new UsageError('--types takes a comma-separated list of entity types, e.g. PER,ORG,LOC,MISC.');
      options.types = types;
    } else if (arg.startsWith('-') && arg !== '-') throw new UsageError(`Unknown option "${arg}".`);
    else options.paths.push(arg);
  }
  const named = options.gold !== undefined || options.pred !== undefined;
  if (named) {
    if (options.gold === undefined || options.pred === undefined) throw new UsageError('--gold and --pred go together.');
    if (options.rev !== undefined) throw new UsageError('--rev compares with a revision; it does not take --gold and --pred.');
    if (options.paths.length > 0) throw new UsageError('With --gold and --pred, give no other paths.');
  } else if (options.rev !== undefined) {
    if (options.paths.length === 0) throw new UsageError('--rev needs the cables (files or folders) to compare with their version in the revision.');
  } else if (options.paths.length !== 2) {
    throw new UsageError(options.paths.length < 2 ? 'Give two versions to compare: A B (files or folders).' : 'Give exactly two versions to compare: A B.');
  }
  return options;
}

const COLORS = { bold: '\x1b[1m', dim: '\x1b[2m', underline: '\x1b[4m', red: '\x1b[31m', green: '\x1b[32m', reset: '\x1b[0m' };

function painter(color: boolean): Paint {
  const p = (c: string) => (s: string) => (color ? `${c}${s}${COLORS.reset}` : s);
  return { bold: p(COLORS.bold), dim: p(COLORS.dim), underline: p(COLORS.underline), bad: p(COLORS.red), good: p(COLORS.green) };
}

export async function runCompare(argv: string[], ctx: CommandContext): Promise<CliResult> {
  const stderr: string[] = [];
  const done = (exitCode: number, stdout = ''): CliResult => ({ exitCode, stdout, stderr: stderr.length > 0 ? stderr.join('\n') + '\n' : '' });
  let options: Options | 'help';
  let pairs: VersionPair[];
  let unpaired: Array<{ file: string; side: 'a' | 'b' }> = [];
  try {
    options = parseArgs(argv, ctx);
    if (options === 'help') return done(0, USAGE + '\n');
    if (options.rev !== undefined) pairs = filesForRevision(options.paths, ctx.cwd, 'cables compare');
    else {
      const [a, b] = options.gold !== undefined ? [options.gold, options.pred!] : options.paths;
      const pairing = pairVersions(a, b, ctx.cwd, 'cables compare');
      pairs = pairing.pairs;
      unpaired = pairing.unpaired;
    }
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    stderr.push(`cables compare: ${error.message}`, '', USAGE);
    return done(2);
  }

  const names: SideNames = options.gold !== undefined ? ['gold', 'pred'] : ['a', 'b'];
  const labels =
    options.rev !== undefined
      ? { a: options.paths.join(' '), b: options.rev }
      : options.gold !== undefined
        ? { a: options.gold, b: options.pred! }
        : { a: options.paths[0], b: options.paths[1] };
  const compared: ComparedFile[] = [];
  let bad = false;
  for (const pair of pairs) {
    let aText: string;
    let bText: string;
    try {
      aText = readText(pair.aPath);
      bText = pair.bPath !== undefined ? readText(pair.bPath) : await gitShow(pair.aPath, options.rev!);
    } catch (error) {
      if (error instanceof GitError && error.kind === 'not-in-revision' && pairs.length > 1) {
        unpaired.push({ file: pair.file, side: 'a' });
        continue;
      }
      stderr.push(`cables compare: ${(error as Error).message}`);
      bad = true;
      // One bad revision or missing git fails every file alike: say it once.
      if (error instanceof GitError && error.kind !== 'not-in-revision') break;
      continue;
    }
    try {
      const paths = { a: shown(ctx.cwd, pair.aPath), b: pair.bPath !== undefined ? shown(ctx.cwd, pair.bPath) : inRevision(options.rev!, pair.file) };
      compared.push({ file: pair.file, paths, comparison: compareCables(aText, bText, { entityTypes: options.types, align: options.align }) });
    } catch (error) {
      if (!(error instanceof CompareError)) throw error;
      stderr.push(`cables compare: ${pair.file}: ${error.message}`);
      bad = true;
    }
  }
  // A model's evaluation: a reference cable with no prediction is scored against its own text untagged
  // (every entity missed), not left out, so that skipping a cable never raises the scores.
  if (options.gold !== undefined) {
    const unpredicted = unpaired.filter((u) => u.side === 'a');
    unpaired = unpaired.filter((u) => u.side !== 'a');
    for (const u of unpredicted) {
      try {
        const goldText = readText(path.resolve(ctx.cwd, u.file));
        const none = untaggedCable(goldText, options.types).text;
        compared.push({ file: u.file, paths: { a: u.file, b: `${u.file} (no prediction)` }, bMadeUp: true, comparison: compareCables(goldText, none, { entityTypes: options.types }) });
      } catch (error) {
        stderr.push(`cables compare: ${(error as Error).message}`);
        bad = true;
      }
    }
    compared.sort((x, y) => (x.file < y.file ? -1 : x.file > y.file ? 1 : 0));
    if (unpredicted.length > 0) {
      stderr.push(`cables compare: ${unpredicted.length} reference ${unpredicted.length === 1 ? 'cable has' : 'cables have'} no prediction in ${options.pred}; ${unpredicted.length === 1 ? 'its' : 'their'} entities count as missed.`);
    }
  }
  if (compared.length === 0) return done(2);

  const report = compareReport({ names, labels, files: compared, unpaired, entityTypes: options.types });
  if (unpaired.length > 0 && options.format !== 'stylish') {
    stderr.push(`cables compare: ${unpaired.length} ${unpaired.length === 1 ? 'cable is' : 'cables are'} on one side only and not compared.`);
  }
  if (report.malformedTags.length > 0 && options.format !== 'stylish') {
    const first = report.malformedTags[0];
    stderr.push(`cables compare: ${malformedSummary(report.malformedTags)}, compared as parsed (first: ${first.file}:${first.line}:${first.column}: ${first.message}); cable-lint reports them.`);
  }
  const stdout =
    options.format === 'json' ? JSON.stringify(report, null, 2) + '\n' : options.format === 'markdown' ? formatMarkdown(report) : formatStylish(report, painter(options.color));
  if (bad) return done(2, stdout);
  // The report rounds its scores; the threshold is checked against the F1 itself.
  const f1 = combinedScores(
    compared.map((c) => c.comparison),
    options.types,
  ).table.overall.strict.f1;
  if (options.failUnder !== undefined && f1 < options.failUnder) {
    stderr.push(`cables compare: the strict overall F1 ${digitsBelow(f1, options.failUnder)} is below ${options.failUnder}.`);
    return done(1, stdout);
  }
  return done(0, stdout);
}

/** A file in a git revision, as `git show` takes it from the working folder (`HEAD:./x.txt`). */
function inRevision(rev: string, file: string): string {
  return path.isAbsolute(file) ? `${file} (${rev})` : `${rev}:./${file}`;
}

/** `value` with as many decimals as it takes to show it below `threshold` (3 at least). */
function digitsBelow(value: number, threshold: number): string {
  for (let d = 3; d < 17; d++) if (Number(value.toFixed(d)) < threshold) return value.toFixed(d);
  return String(value);
}

export const compareCommand: Command = {
  name: 'compare',
  summary: 'Compare the annotations of two versions: differences, nervaluate scores, kappa',
  run: runCompare,
};
