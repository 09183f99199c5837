// `cables import`: JSONL, CoNLL or brat back into tagged cables, written to
// DIR/<id>. With --cables, the records are a model's output over those cables:
// each record's spans replace the tags of the cable its id names. Everything is
// read and checked first; nothing is written unless every record is good, and
// each file is written atomically.

import * as fs from 'fs';
import * as path from 'path';
import { DEFAULT_ENTITY_TYPES, ImportError, ImportRecord, OffsetUnit, TAG_SCHEMES, TagScheme, buildCable, checkRecordIds, readAnnotations, readBrat } from '../core';
import { CliResult, Command, CommandContext } from './command';
import { ParsedArgs, choice, commandLine, readExact, shown, single, typesOption, writeFileAtomic } from './dataIo';
import { UsageError, expandInputs } from './inputs';

const USAGE = `Usage: cables import --from jsonl|conll|brat [options] IN -o DIR

Turns annotations back into tagged cables, each written to DIR/<its id> (the
cable's file name; existing files are replaced). An export made by
"cables export" comes back byte for byte.

IN is a .jsonl or CoNLL file, or for brat a folder of NAME.txt + NAME.ann
pairs (or one NAME.ann).

Options:
  --from <format>       jsonl, conll or brat (required)
  -o, --output <dir>    Where the cables are written (created if missing)
  --cables <path>       The cables the records are for (files, folders or globs;
                        may be repeated). A record's spans then replace the
                        tags of the cable its id names: a model's predictions
                        become tags to review. The record's text must be that
                        cable's untagged text (or that text with
                        --strip-markup; for conll, the same tokens); a JSONL
                        record may leave its text out, a brat .ann its .txt
  --offsets <unit>      jsonl: codepoints (default) or utf16
  --scheme <name>       conll: iob2, iob1 or bioes (default: the Scheme= of
                        each -DOCSTART- line, else iob2)
  --types <list>        The labels a span may carry, comma-separated
                        (default: ${DEFAULT_ENTITY_TYPES.join(',')})
  -h, --help            Show this help

Bad input (invalid JSON, spans out of range, overlapping, holding "[" or "]"
or a line break, an unknown label, a text that is not the cable's, an .ann
that does not match its .txt) is reported with its file, line and record,
and nothing is written.

Exit codes: 0 imported, 2 bad usage or bad input (nothing written).`;

type ImportFormat = 'jsonl' | 'conll' | 'brat';

interface Options {
  format: ImportFormat;
  input: string;
  output: string;
  cables: string[];
  offsets?: OffsetUnit;
  scheme?: TagScheme;
  entityTypes: string[];
}

function options(args: ParsedArgs): Options {
  const format = choice<ImportFormat>(args, '--from', ['jsonl', 'conll', 'brat']);
  if (!format) throw new UsageError('--from is required: jsonl, conll or brat.');
  const offsets = choice<OffsetUnit>(args, '--offsets', ['codepoints', 'utf16']);
  const scheme = choice<TagScheme>(args, '--scheme', TAG_SCHEMES);
  if (offsets && format !== 'jsonl') throw new UsageError(`--offsets is for --from jsonl (${format === 'brat' ? 'brat counts code points' : 'CoNLL has no offsets'}).`);
  if (scheme && format !== 'conll') throw new UsageError('--scheme is for --from conll.');
  const output = single(args, '--output');
  if (output === undefined) throw new UsageError('Give the folder to write the cables to with -o DIR.');
  if (args.rest.length === 0) throw new UsageError(`Give the ${format === 'brat' ? 'brat folder or .ann file' : 'file'} to import.`);
  if (args.rest.length > 1) throw new UsageError(`One input at a time (got ${args.rest.length}: ${args.rest.join(' ')}).`);
  return { format, input: args.rest[0], output, cables: args.values.get('--cables') ?? [], offsets, scheme, entityTypes: typesOption(args, DEFAULT_ENTITY_TYPES) };
}

export const importCommand: Command = {
  name: 'import',
  summary: 'Import JSONL, CoNLL or brat (exports, or a model\'s output) as tagged cables',
  async run(argv: string[], ctx: CommandContext): Promise<CliResult> {
    const stderr: string[] = [];
    let stdout = '';
    const done = (exitCode: number): CliResult => ({ exitCode, stdout, stderr: stderr.length > 0 ? stderr.join('\n') + '\n' : '' });
    const line = commandLine('cables import', USAGE, argv, { flags: [], values: ['--from', '--output', '--cables', '--offsets', '--scheme', '--types'], aliases: { '-o': '--output' } }, options);
    if ('answer' in line) return line.answer;
    const opts = line.options;
    const fail = (message: string) => {
      stderr.push(`cables import: ${message}`);
      return done(2);
    };

    const notes: string[] = [];
    let records: ImportRecord[];
    try {
      records = await readInput(opts, ctx.cwd, notes);
      checkRecordIds(records);
    } catch (error) {
      if (error instanceof ImportError || error instanceof UsageError) return fail(`${error.message}${error instanceof ImportError ? `${/[.!?]$/.test(error.message) ? '' : '.'} Nothing was written.` : ''}`);
      throw error;
    }

    // The cables the records are for, by file name.
    const cables = new Map<string, string[]>();
    if (opts.cables.length > 0) {
      const found = expandInputs(opts.cables, ctx.cwd, stderr, 'cables import');
      if (found.missing) return done(2);
      for (const file of found.files) {
        const name = path.basename(file);
        cables.set(name, [...(cables.get(name) ?? []), file]);
      }
    }

    const outputs: Array<{ file: string; text: string }> = [];
    const errors: string[] = [];
    const outDir = path.resolve(ctx.cwd, opts.output);
    for (const record of records) {
      try {
        let target: { name: string; text: string } | undefined;
        if (opts.cables.length > 0) {
          const paths = cables.get(record.id) ?? [];
          if (paths.length === 0) throw new ImportError(`${record.where}: no cable named ${record.id} among --cables ${opts.cables.join(' ')}.`);
          if (paths.length > 1) throw new ImportError(`${record.where}: ${paths.length} cables are named ${record.id} (${paths.map((p) => shown(ctx.cwd, p)).join(', ')}); give --cables so that one is.`);
          const read = await readExact(paths[0]);
          if ('error' in read) throw new ImportError(`${record.where}: the cable ${shown(ctx.cwd, paths[0])}: ${read.error}.`);
          target = { name: shown(ctx.cwd, paths[0]), text: read.text };
        }
        outputs.push({ file: path.join(outDir, record.id), text: buildCable(record, { entityTypes: opts.entityTypes, target }) });
      } catch (error) {
        if (!(error instanceof ImportError)) throw error;
        errors.push(error.message);
      }
    }
    if (errors.length > 0) {
      const shownErrors = errors.slice(0, 50).map((e) => `cables import: ${e}`);
      if (errors.length > 50) shownErrors.push(`cables import: … and ${errors.length - 50} more.`);
      stderr.push(...shownErrors, `cables import: ${errors.length} of ${records.length} ${records.length === 1 ? 'record' : 'records'} cannot be imported; nothing was written.`);
      return done(2);
    }

    const blocked = outputs.find((o) => fs.existsSync(o.file) && !fs.statSync(o.file).isFile());
    if (blocked) return fail(`${shown(ctx.cwd, blocked.file)} is a folder, not a file it could replace; nothing was written.`);
    try {
      fs.mkdirSync(outDir, { recursive: true });
    } catch (error) {
      return fail(`cannot create ${opts.output}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
    let written = 0;
    for (const out of outputs) {
      try {
        writeFileAtomic(out.file, out.text);
        written++;
      } catch (error) {
        stderr.push(`cables import: cannot write ${shown(ctx.cwd, out.file)}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}; it is unchanged.`);
      }
    }
    stderr.push(...notes);
    stderr.push(`Imported ${written} ${written === 1 ? 'cable' : 'cables'} into ${opts.output}`);
    return done(written === outputs.length ? 0 : 2);
  },
};

async function readInput(opts: Options, cwd: string, notes: string[]): Promise<ImportRecord[]> {
  const input = path.resolve(cwd, opts.input);
  const source = shown(cwd, input);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(input);
  } catch {
    throw new UsageError(`no such file or folder: ${opts.input}`);
  }
  if (opts.format !== 'brat') {
    if (stat.isDirectory()) throw new UsageError(`${opts.input} is a folder; --from ${opts.format} reads one file.`);
    const read = await readExact(input);
    if ('error' in read) throw new UsageError(`${source}: ${read.error}.`);
    return readAnnotations(opts.format, read.text, source, { offsets: opts.offsets, scheme: opts.scheme });
  }
  let anns: string[];
  if (stat.isDirectory()) {
    anns = fs
      .readdirSync(input)
      .filter((f) => f.endsWith('.ann'))
      .sort()
      .map((f) => path.join(input, f));
    if (anns.length === 0) throw new UsageError(`${opts.input} holds no .ann file.`);
  } else if (input.endsWith('.ann')) {
    anns = [input];
  } else {
    throw new UsageError(`--from brat reads a folder of .txt and .ann files, or one .ann file (got ${opts.input}).`);
  }
  const records: ImportRecord[] = [];
  for (const ann of anns) {
    const id = path.basename(ann).slice(0, -'.ann'.length);
    const annText = await readExact(ann);
    if ('error' in annText) throw new ImportError(`${shown(cwd, ann)}: ${annText.error}.`);
    const txtFile = ann.slice(0, -'.ann'.length) + '.txt';
    let txt: string | undefined;
    if (fs.existsSync(txtFile)) {
      const read = await readExact(txtFile);
      if ('error' in read) throw new ImportError(`${shown(cwd, txtFile)}: ${read.error}.`);
      txt = read.text;
    } else if (opts.cables.length === 0) {
      throw new ImportError(`${shown(cwd, ann)}: its text ${shown(cwd, txtFile)} is missing (or give --cables, to take the text from the cable ${id}).`);
    }
    records.push(readBrat(id, txt, annText.text, shown(cwd, ann), notes));
  }
  return records;
}
