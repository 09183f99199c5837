// `cables export`: cables to JSONL, CoNLL or brat, one file at a time in
// sorted input order, each written as soon as it is converted, so memory stays
// flat however many cables there are. An output file or folder is complete or
// untouched: the output goes to a temporary file (brat: a temporary folder)
// that replaces the target only when every cable was exported.

import * as fs from 'fs';
import * as path from 'path';
import { randomBytes } from 'crypto';
import { DEFAULT_ENTITY_TYPES, EXPORT_FORMATS, ExportFormat, ExportOptions, JsonlFlavour, OffsetUnit, TAG_SCHEMES, TagScheme, bratNames, exportCable } from '../core';
import { CliResult, Command, CommandContext } from './command';
import { AtomicFile, ParsedArgs, choice, commandLine, readExact, shown, single, typesOption } from './dataIo';
import { UsageError, expandInputs } from './inputs';
import { ProgressBar, wantsProgress } from './progress';

const USAGE = `Usage: cables export --to jsonl|conll|brat [options] [-o OUT] <file|folder|glob> ...

Exports cables (their untagged text and their tags) in the formats NER tools
read. "cables import" turns an export back into the same files, byte for byte.
Each cable's file name is its id.

Options:
  --to <format>         jsonl   one JSON record per cable: {"id", "text", "spans"}
                        conll   one token a line: TOKEN MISC TAG (CoNLL 2003)
                        brat    NAME.txt and NAME.ann per cable (brat standoff)
  -o, --output <path>   jsonl, conll: the output file (default: stdout);
                        brat: the output folder (required)
  --scheme <name>       conll: iob2 (default), iob1 or bioes
  --flavour <name>      jsonl: spacy ("spans": [{start, end, label, text}],
                        the default) or doccano ("label": [[start, end, label]])
  --offsets <unit>      jsonl: codepoints (default: offsets as Python's str
                        counts them) or utf16 (as JavaScript strings do)
  --strip-markup        Drop the <code><pre> wrapper and the paragraph anchors
                        from the text, offsets adjusted; for training data
                        (an import does not give the files back)
  --types <list>        Entity types, comma-separated (default: ${DEFAULT_ENTITY_TYPES.join(',')});
                        decides which "[WORD " opens a tag
  -h, --help            Show this help

A cable with a malformed tag (unclosed, nested, broken across a line, empty)
is not exported: the error names its file, line and column. With -o, nothing
is written then; on stdout, the other cables are written.

Exit codes: 0 exported, 2 bad usage or bad input (nothing written with -o).`;

interface Options {
  format: ExportFormat;
  output?: string;
  export: ExportOptions;
  patterns: string[];
}

function options(args: ParsedArgs): Options {
  const format = choice(args, '--to', EXPORT_FORMATS);
  if (!format) throw new UsageError('--to is required: jsonl, conll or brat.');
  const scheme = choice<TagScheme>(args, '--scheme', TAG_SCHEMES);
  const flavour = choice<JsonlFlavour>(args, '--flavour', ['spacy', 'doccano']);
  const offsets = choice<OffsetUnit>(args, '--offsets', ['codepoints', 'utf16']);
  if (scheme && format !== 'conll') throw new UsageError('--scheme is for --to conll.');
  if (flavour && format !== 'jsonl') throw new UsageError('--flavour is for --to jsonl.');
  if (offsets && format !== 'jsonl') throw new UsageError(`--offsets is for --to jsonl (${format === 'brat' ? 'brat counts code points' : 'CoNLL has no offsets'}).`);
  let output = single(args, '--output');
  if (output === '-') output = undefined;
  if (format === 'brat' && output === undefined) throw new UsageError('--to brat writes a folder: give it with -o FOLDER.');
  if (args.rest.length === 0) throw new UsageError('No files given.');
  return {
    format,
    output,
    patterns: args.rest,
    export: { format, scheme, flavour, offsets, stripMarkup: args.flags.has('--strip-markup'), entityTypes: typesOption(args, DEFAULT_ENTITY_TYPES) },
  };
}

/** Where the converted cables go. */
interface Sink {
  add(id: string, result: { text: string } | { brat: { txt: string; ann: string } }): Promise<void>;
  commit(): void;
  abort(): void;
  /** Written as it comes (stdout, a pipe, a device): what is written stays, as on stdout. */
  streamed?: boolean;
}

export const exportCommand: Command = {
  name: 'export',
  summary: 'Export cables to JSONL, CoNLL or brat, for NER tools',
  async run(argv: string[], ctx: CommandContext): Promise<CliResult> {
    const stderr: string[] = [];
    let stdout = '';
    const done = (exitCode: number): CliResult => ({ exitCode, stdout, stderr: stderr.length > 0 ? stderr.join('\n') + '\n' : '' });
    const line = commandLine('cables export', USAGE, argv, { flags: ['--strip-markup'], values: ['--to', '--output', '--scheme', '--flavour', '--offsets', '--types'], aliases: { '-o': '--output' } }, options);
    if ('answer' in line) return line.answer;
    const opts = line.options;

    const expanded = expandInputs(opts.patterns, ctx.cwd, stderr, 'cables export');
    if (expanded.missing) return done(2);
    // A brat folder inside an input folder holds .txt files that read as cables: never its own input.
    const outFolder = opts.format === 'brat' && opts.output !== undefined ? realPath(path.resolve(ctx.cwd, opts.output)) + path.sep : undefined;
    const files = outFolder ? expanded.files.filter((f) => !realPath(f).startsWith(outFolder)) : expanded.files;
    if (files.length === 0) {
      stderr.push('cables export: no cables found (looked for .cable files and .txt files that start like a cable).');
      return done(2);
    }
    const byName = new Map<string, string>();
    for (const file of files) {
      const name = path.basename(file);
      const other = byName.get(name);
      if (other !== undefined) {
        stderr.push(`cables export: two cables are named ${name} (${shown(ctx.cwd, other)} and ${shown(ctx.cwd, file)}); the file name is a cable's id, so it must be unique.`);
        return done(2);
      }
      byName.set(name, file);
    }

    if (opts.output !== undefined && opts.format !== 'brat') {
      const target = realPath(path.resolve(ctx.cwd, opts.output));
      if (files.some((f) => realPath(f) === target)) {
        stderr.push(`cables export: -o ${opts.output} is one of the cables to export; it would be overwritten.`);
        return done(2);
      }
    }
    let sink: Sink;
    try {
      sink = opts.output === undefined ? stdoutSink(ctx, (s) => (stdout += s)) : opts.format === 'brat' ? bratSink(path.resolve(ctx.cwd, opts.output)) : fileSink(path.resolve(ctx.cwd, opts.output));
    } catch (error) {
      stderr.push(`cables export: cannot write ${opts.output}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
      return done(2);
    }

    const env = ctx.io.env ?? process.env;
    const bar = opts.output !== undefined && wantsProgress(ctx.io.stderr, env) ? new ProgressBar(ctx.io.stderr, files.length, 50, Date.now, 'cables export') : undefined;
    let failed = 0;
    let exported = 0;
    const ahead = 8; // files read ahead of the one being converted
    const reads = files.slice(0, ahead).map(readExact);
    try {
      for (let i = 0; i < files.length; i++) {
        if (i + ahead < files.length) reads.push(readExact(files[i + ahead]));
        const read = await reads[i];
        reads[i] = Promise.resolve({ error: '' }); // let the text go
        const file = files[i];
        const name = path.basename(file);
        if ('error' in read) {
          stderr.push(`cables export: ${shown(ctx.cwd, file)}: ${read.error}.`);
          failed++;
        } else {
          const result = exportCable(name, read.text, opts.export);
          if ('refusal' in result) {
            const r = result.refusal;
            stderr.push(`cables export: ${shown(ctx.cwd, file)}:${r.line}:${r.column}: ${r.message}`);
            failed++;
          } else if (failed === 0 || sink.streamed) {
            await sink.add(name, result);
            exported++;
            for (const n of result.notes ?? []) stderr.push(`cables export: ${shown(ctx.cwd, file)}:${n.line}:${n.column}: ${n.message}`);
          }
        }
        bar?.update(i + 1);
      }
      bar?.clear();
      if (failed > 0) {
        sink.abort();
        const what = `${failed} ${failed === 1 ? 'cable' : 'cables'} could not be exported`;
        stderr.push(sink.streamed ? `cables export: ${what}; they are left out of the output.` : `cables export: ${what}; nothing was written to ${opts.output}.`);
        return done(2);
      }
      sink.commit();
    } catch (error) {
      bar?.clear();
      sink.abort();
      if ((error as NodeJS.ErrnoException).code === 'EPIPE') return done(0); // the reader has all it wanted
      stderr.push(`cables export: cannot write ${opts.output ?? 'to stdout'}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
      return done(2);
    }
    if (opts.output !== undefined) stderr.push(`Exported ${exported} ${exported === 1 ? 'cable' : 'cables'} to ${opts.output}`);
    return done(0);
  },
};

/** Written as it comes; waits when the reader is slower. A reader that goes away (EPIPE) ends the export. */
function stdoutSink(ctx: CommandContext, collect: (s: string) => void): Sink {
  const out = ctx.io.stdout as (NonNullable<CommandContext['io']['stdout']> & Partial<Pick<NodeJS.WriteStream, 'once' | 'on'>>) | undefined;
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const onError = (error: Error) => {
    failure = error;
    wake?.();
  };
  out?.on?.('error', onError); // kept after the export: a late EPIPE must not crash the process
  return {
    async add(_id, result) {
      if (!('text' in result)) throw new Error('brat needs a folder');
      if (!out) {
        collect(result.text);
        return;
      }
      if (failure) throw failure;
      const ok = out.write(result.text);
      if (ok === false && typeof out.once === 'function') {
        await new Promise<void>((resolve) => {
          wake = resolve;
          out.once!('drain', resolve);
        });
        wake = undefined;
      }
      if (failure) throw failure;
    },
    commit() {},
    abort() {},
    streamed: true,
  };
}

/**
 * A new or regular file is written whole or not at all (a temporary file
 * renamed over it; through a symlink, its target); a pipe or a device is
 * written as the cables come, as stdout is.
 */
function fileSink(target: string): Sink {
  const stat = fs.existsSync(target) ? fs.statSync(target) : undefined;
  if (stat?.isDirectory()) throw new Error('it is a folder (jsonl and conll write one file)');
  if (stat && !stat.isFile()) return deviceSink(target);
  const file = new AtomicFile(stat ? fs.realpathSync(target) : target);
  return {
    async add(_id, result) {
      if ('text' in result) file.write(result.text);
    },
    commit: () => file.commit(),
    abort: () => file.abort(),
  };
}

function deviceSink(target: string): Sink {
  const stream = fs.createWriteStream(target, { flags: 'w' });
  let failure: Error | undefined;
  stream.on('error', (error) => (failure = error));
  const close = () => {
    if (!stream.destroyed) stream.end();
  };
  return {
    async add(_id, result) {
      if (!('text' in result)) return;
      if (failure) throw failure;
      await new Promise<void>((resolve, reject) => stream.write(result.text, (error) => (error ? reject(error) : resolve())));
    },
    commit: close,
    abort: close,
    streamed: true,
  };
}

/** brat pairs go to a temporary folder inside the target, and move into it at the end. */
function bratSink(target: string): Sink {
  if (fs.existsSync(target) && !fs.statSync(target).isDirectory()) throw new Error('it is a file (brat writes a folder)');
  fs.mkdirSync(target, { recursive: true });
  const staging = path.join(target, `.cables-export-${process.pid}-${randomBytes(4).toString('hex')}`);
  fs.mkdirSync(staging);
  const written: string[] = [];
  return {
    async add(id, result) {
      if (!('brat' in result)) return;
      const names = bratNames(id);
      await fs.promises.writeFile(path.join(staging, names.txt), result.brat.txt);
      await fs.promises.writeFile(path.join(staging, names.ann), result.brat.ann);
      written.push(names.txt, names.ann);
    },
    commit() {
      for (const name of written) fs.renameSync(path.join(staging, name), path.join(target, name));
      fs.rmSync(staging, { recursive: true, force: true });
    },
    abort() {
      fs.rmSync(staging, { recursive: true, force: true });
    },
  };
}

function realPath(file: string): string {
  try {
    return fs.realpathSync(file);
  } catch {
    return file;
  }
}
