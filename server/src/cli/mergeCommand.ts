// `cables merge A B -o OUT`: adjudication of two annotators. Where A and B
// agree the tag is kept; where they disagree OUT holds A's tag, and the
// disagreement stays open. OUT's annotations are A's, so comparing OUT with
// B (`cables compare OUT B`, or "Compare Annotations With…" on OUT in VS Code)
// shows exactly the open decisions, no more and no less; each is settled
// there by accepting B's tag or keeping A's. OUT's text is A's text.

import * as fs from 'fs';
import * as path from 'path';
import { CableComparison, CompareError, DEFAULT_ENTITY_TYPES, DIFFERENCE_KINDS, DifferenceKind, compareCables, compareReport, kindLabel, malformedSummary } from '../core';
import { CliResult, Command, CommandContext } from './command';
import { shown } from './dataIo';
import { UsageError } from './inputs';
import { errorText } from './lintFile';
import { optionReader, takes } from './compareCommand';
import { pairVersions, readText } from './versions';

const USAGE = `Usage: cables merge [options] A B -o OUT

Merges the annotations of two annotators for adjudication. A and B are two
files, or two folders (cables paired by their path inside the folder; OUT is
then a folder). Where A and B agree, the tag is kept; where they disagree,
OUT holds A's tag and the disagreement stays open. OUT's annotations are A's,
so comparing OUT with B shows exactly the open decisions: open OUT in VS Code,
run "Tagged Cables: Compare Annotations With…" and pick B, then accept B's tag
or keep A's at each difference. A summary of what was agreed and what remains
is printed.

Options:
  -o, --output <path>  Where to write the merged cable (or folder); required
  --align              Allow untagged texts that differ: OUT has A's text and
                       B's tags are aligned onto it (text changes are listed)
  -f, --format <name>  stylish (default) or json (the summary)
  --types <list>       Entity types, comma-separated (default: PER,ORG,LOC,MISC)
  -h, --help           Show this help

Exit codes: 0 merged, 2 bad usage or bad input (a missing or unreadable file,
untagged texts that differ without --align, or an output that cannot be
written). Nothing is written unless every pair can be merged.`;

interface Options {
  output?: string;
  align: boolean;
  format: 'stylish' | 'json';
  types: string[];
  paths: string[];
}

function parseArgs(argv: string[]): Options | 'help' {
  const options: Options = { align: false, format: 'stylish', types: [...DEFAULT_ENTITY_TYPES], paths: [] };
  const args = optionReader(argv);
  for (let arg = args.next(); arg !== undefined; arg = args.next()) {
    // After "--", every argument is a path, even one starting with "-".
    if (arg === '--') {
      for (let path = args.next(); path !== undefined; path = args.next()) options.paths.push(path);
      break;
    }
    if (arg === '-h' || arg === '--help') return 'help';
    if (arg === '--align') options.align = true;
    else if (arg === '--no-color' || arg === '--color') continue;
    else if (takes(arg, '--output', '-o')) options.output = args.value(arg, '--output');
    else if (takes(arg, '--format', '-f')) {
      const format = args.value(arg, '--format');
      if (format !== 'stylish' && format !== 'json') throw new UsageError(`Unknown format "${format}": use stylish or json.`);
      options.format = format;
    } else if (takes(arg, '--types')) {
      const types = args.value(arg, '--types').split(',').map((t) => t.trim()).filter((t) => t.length > 0);
      if (types.length === 0) throw new UsageError('--types takes a comma-separated list of entity types.');
      options.types = types;
    } else if (arg.startsWith('-') && arg !== '-') throw new UsageError(`Unknown option "${arg}".`);
    else options.paths.push(arg);
  }
  if (options.paths.length !== 2) throw new UsageError('Give the two versions to merge: A B.');
  if (options.output === undefined) throw new UsageError('Give the output with -o OUT.');
  return options;
}

interface Merged {
  file: string;
  out: string;
  /** A's and B's files, as given. */
  aPath: string;
  bPath: string;
  text: string;
  comparison: CableComparison;
}

export async function runMerge(argv: string[], ctx: CommandContext): Promise<CliResult> {
  const stderr: string[] = [];
  const done = (exitCode: number, stdout = ''): CliResult => ({ exitCode, stdout, stderr: stderr.length > 0 ? stderr.join('\n') + '\n' : '' });
  let options: Options | 'help';
  let pairing: ReturnType<typeof pairVersions>;
  try {
    options = parseArgs(argv);
    if (options === 'help') return done(0, USAGE + '\n');
    pairing = pairVersions(options.paths[0], options.paths[1], ctx.cwd, 'cables merge');
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    stderr.push(`cables merge: ${error.message}`, '', USAGE);
    return done(2);
  }
  const outRoot = path.resolve(ctx.cwd, options.output!);
  const aRoot = path.resolve(ctx.cwd, options.paths[0]);
  const bRoot = path.resolve(ctx.cwd, options.paths[1]);
  if (samePath(outRoot, bRoot)) {
    stderr.push('cables merge: OUT must not be B (it would overwrite the other annotator\'s version).');
    return done(2);
  }
  if (pairing.folders && fs.existsSync(outRoot) && !fs.statSync(outRoot).isDirectory()) {
    stderr.push(`cables merge: ${options.output} is a file, but A and B are folders: OUT must be a folder.`);
    return done(2);
  }
  if (!pairing.folders && fs.existsSync(outRoot) && fs.statSync(outRoot).isDirectory()) {
    stderr.push(`cables merge: ${options.output} is a folder, but A and B are files: OUT must be a file.`);
    return done(2);
  }

  const merged: Merged[] = [];
  let bad = false;
  for (const pair of pairing.pairs) {
    try {
      const aText = readText(pair.aPath);
      const bText = readText(pair.bPath!);
      const comparison = compareCables(aText, bText, { entityTypes: options.types, align: options.align });
      const out = pairing.folders ? path.join(outRoot, path.relative(aRoot, pair.aPath)) : outRoot;
      merged.push({ file: pair.file, out, aPath: pair.aPath, bPath: pair.bPath!, text: aText, comparison });
    } catch (error) {
      if (error instanceof CompareError && error.kind === 'texts-differ') {
        stderr.push(`cables merge: ${pair.file}: ${error.message.replace('without --no-align', 'with --align')}`);
      } else {
        stderr.push(`cables merge: ${pair.file}: ${(error as Error).message}`);
      }
      bad = true;
    }
  }
  if (bad) {
    stderr.push('cables merge: nothing was written.');
    return done(2);
  }
  const failure = writeAll(merged);
  if (failure) {
    stderr.push(`cables merge: cannot write ${shown(ctx.cwd, failure.file)}: ${errorText(failure.error)}; ${failure.written === 0 ? 'nothing was written' : `${failure.written} of the ${failure.staged} changed cables were written`}.`);
    return done(2);
  }

  const report = compareReport({
    names: ['a', 'b'],
    labels: { a: options.paths[0], b: options.paths[1] },
    // Malformed tags are named in their own side's file; the rest in OUT, which holds A's text.
    files: merged.map((m) => ({ file: path.relative(ctx.cwd, m.out) || m.out, paths: { a: shown(ctx.cwd, m.aPath), b: shown(ctx.cwd, m.bPath) }, comparison: m.comparison })),
    unpaired: pairing.unpaired,
    entityTypes: options.types,
  });
  const malformedTags = report.malformedTags;
  if (malformedTags.length > 0) {
    stderr.push(`cables merge: ${malformedSummary(malformedTags)}, merged as parsed; cable-lint reports them:`);
    for (const t of malformedTags.slice(0, 5)) stderr.push(`  ${t.file}:${t.line}:${t.column}: ${t.message} (${t.code})`);
    if (malformedTags.length > 5) stderr.push(`  … and ${malformedTags.length - 5} more`);
  }
  const agreed = merged.reduce((n, m) => n + m.comparison.pairs.filter((p) => p.relation === 'same').length, 0);
  const byKind = new Map<DifferenceKind, number>();
  for (const d of report.differences) byKind.set(d.kind, (byKind.get(d.kind) ?? 0) + 1);
  const summary = {
    output: options.output!,
    cables: merged.length,
    agreed,
    open: report.differences.length,
    openByKind: Object.fromEntries(DIFFERENCE_KINDS.map((k) => [k, byKind.get(k) ?? 0])),
    textChanges: report.textChanges.length,
    differences: report.differences,
    unpaired: report.unpaired,
    malformedTags,
  };
  if (options.format === 'json') return done(0, JSON.stringify(summary, null, 2) + '\n');

  const lines: string[] = [];
  const cables = `${merged.length} ${merged.length === 1 ? 'cable' : 'cables'}`;
  lines.push(`Merged ${cables} into ${options.output}.`);
  lines.push(`  agreed:         ${agreed} ${agreed === 1 ? 'tag' : 'tags'} (kept)`);
  const kinds = DIFFERENCE_KINDS.filter((k) => byKind.has(k)).map((k) => `${byKind.get(k)} ${kindLabel(k)}`);
  lines.push(`  open decisions: ${report.differences.length}${kinds.length > 0 ? ` (${kinds.join(', ')})` : ''}, holding A's tag`);
  if (report.textChanges.length > 0) lines.push(`  text changes:   ${report.textChanges.length} (OUT has A's text)`);
  for (const u of report.unpaired) lines.push(`  only in ${u.only}: ${u.file} (not merged)`);
  if (report.differences.length > 0) {
    lines.push('');
    let file = '';
    for (const d of report.differences) {
      if (d.file !== file) lines.push((file = d.file));
      const a = d.a as { line: number; column: number; type: string | null; text: string };
      const b = d.b as { type: string | null; text: string };
      const show = (s: { type: string | null; text: string }) => (s.type === null ? `untagged "${s.text}"` : `[${s.type} ${s.text}]`);
      lines.push(`  ${`${a.line}:${a.column}`.padEnd(8)} ${kindLabel(d.kind).padEnd(22)} A ${show(a)} (kept) · B ${show(b)}`);
    }
    lines.push('');
    lines.push(`To decide them, open ${options.output} in VS Code and run "Tagged Cables: Compare Annotations With…" with ${options.paths[1]}: its differences are exactly these open decisions.`);
  } else {
    lines.push('', 'Nothing is left to decide.');
  }
  return done(0, lines.join('\n') + '\n');
}

function samePath(x: string, y: string): boolean {
  if (x === y) return true;
  try {
    return fs.realpathSync(x) === fs.realpathSync(y);
  } catch {
    return false;
  }
}

/**
 * Writes every merged cable or none: each to a temporary file beside its
 * target first (folders made as needed), then all renamed over their targets.
 * When a temporary file cannot be written, the others and the folders made
 * for them are removed. Returns what failed, and how many cables were written
 * (a rename failing after others, which the temporary files make rare, leaves
 * those written).
 */
function writeAll(merged: readonly Merged[]): { file: string; error: unknown; written: number; staged: number } | undefined {
  const staged: Array<{ tmp: string; out: string }> = [];
  const madeFolders: string[] = [];
  for (const m of merged) {
    try {
      const before = fs.existsSync(m.out) ? fs.statSync(m.out) : undefined;
      if (before?.isDirectory()) throw Object.assign(new Error('a folder is in the way'), { code: 'EISDIR' });
      if (before?.isFile() && fs.readFileSync(m.out, 'utf8') === m.text) continue;
      const made = fs.mkdirSync(path.dirname(m.out), { recursive: true });
      if (made !== undefined) madeFolders.push(made);
      const tmp = path.join(path.dirname(m.out), `.${path.basename(m.out)}.${process.pid}.cables-merge.tmp`);
      staged.push({ tmp, out: m.out }); // before writing: a write that fails half-way is removed too
      fs.writeFileSync(tmp, m.text, { encoding: 'utf8', flag: 'wx' });
    } catch (error) {
      for (const s of staged) fs.rmSync(s.tmp, { force: true });
      for (const folder of madeFolders.reverse()) fs.rmSync(folder, { recursive: true, force: true });
      return { file: m.out, error, written: 0, staged: staged.length };
    }
  }
  for (let i = 0; i < staged.length; i++) {
    try {
      fs.renameSync(staged[i].tmp, staged[i].out);
    } catch (error) {
      // A rename that fails after others (rare: the temporary files are written) leaves those in place, and says so.
      for (const s of staged.slice(i)) fs.rmSync(s.tmp, { force: true });
      return { file: staged[i].out, error, written: i, staged: staged.length };
    }
  }
  return undefined;
}

export const mergeCommand: Command = {
  name: 'merge',
  summary: 'Merge two annotators\' versions for adjudication: agreed tags kept, disagreements left open',
  run: runMerge,
};
