// What `cables export` and `cables import` share: option parsing, reading a
// file as exact UTF-8, and writing files atomically (a temporary file in the
// same folder, renamed over the target once complete).

import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { decodeUtf8 } from '../core';
import { CliResult } from './command';
import { UsageError } from './inputs';
import { writeAtomic } from './lintFile';

/** A parsed command line: flags, options with values, and the rest. */
export interface ParsedArgs {
  flags: Set<string>;
  values: Map<string, string[]>;
  rest: string[];
}

/**
 * A subcommand's command line (`-h`/`--help` added to `spec`) made into its
 * options by `make`; or what to answer instead: the usage on stdout for
 * --help (exit 0), the problem and the usage on stderr for bad usage (exit 2).
 */
export function commandLine<T>(
  command: string,
  usage: string,
  argv: string[],
  spec: { flags: string[]; values: string[]; aliases?: Record<string, string> },
  make: (args: ParsedArgs) => T,
): { options: T } | { answer: CliResult } {
  try {
    const args = parseArgs(argv, { flags: [...spec.flags, '--help'], values: spec.values, aliases: { ...spec.aliases, '-h': '--help' } });
    if (args.flags.has('--help')) return { answer: { exitCode: 0, stdout: usage + '\n', stderr: '' } };
    return { options: make(args) };
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    return { answer: { exitCode: 2, stdout: '', stderr: `${command}: ${error.message}\n\n${usage}\n` } };
  }
}

/**
 * Parses `--name value`, `--name=value`, short aliases and flags. Unknown
 * options and missing values are UsageErrors.
 */
export function parseArgs(argv: string[], spec: { flags: string[]; values: string[]; aliases?: Record<string, string> }): ParsedArgs {
  const parsed: ParsedArgs = { flags: new Set(), values: new Map(), rest: [] };
  for (let i = 0; i < argv.length; i++) {
    let arg = argv[i];
    // After "--", every argument is a path, even one starting with "-".
    if (arg === '--') {
      parsed.rest.push(...argv.slice(i + 1));
      break;
    }
    let inline: string | undefined;
    if (arg.startsWith('--') && arg.includes('=')) {
      inline = arg.slice(arg.indexOf('=') + 1);
      arg = arg.slice(0, arg.indexOf('='));
    }
    arg = spec.aliases?.[arg] ?? arg;
    if (spec.flags.includes(arg)) {
      if (inline !== undefined) throw new UsageError(`${arg} takes no value.`);
      parsed.flags.add(arg);
    } else if (spec.values.includes(arg)) {
      const value = inline ?? argv[++i];
      if (value === undefined) throw new UsageError(`${arg} needs a value.`);
      parsed.values.set(arg, [...(parsed.values.get(arg) ?? []), value]);
    } else if (arg.startsWith('-') && arg !== '-') {
      throw new UsageError(`Unknown option "${argv[i]}".`);
    } else {
      parsed.rest.push(arg);
    }
  }
  return parsed;
}

/** An option's value, given once, checked against its choices. */
export function choice<T extends string>(args: ParsedArgs, name: string, choices: readonly T[], fallback?: T): T | undefined {
  const value = single(args, name);
  if (value === undefined) return fallback;
  if (!(choices as readonly string[]).includes(value)) throw new UsageError(`${name} takes ${choices.join(', ')} (got "${value}").`);
  return value as T;
}

export function single(args: ParsedArgs, name: string): string | undefined {
  const values = args.values.get(name);
  if (values && values.length > 1) throw new UsageError(`${name} is given ${values.length} times.`);
  return values?.[0];
}

/** `--types PER,ORG` → the types, each a valid type name. */
export function typesOption(args: ParsedArgs, fallback: readonly string[]): string[] {
  const values = args.values.get('--types');
  if (!values) return [...fallback];
  const types = values.flatMap((v) => v.split(',')).map((t) => t.trim()).filter((t) => t !== '');
  const bad = types.find((t) => !/^[A-Za-z][A-Za-z0-9_-]{0,31}$/.test(t));
  if (bad !== undefined) throw new UsageError(`--types: "${bad}" is not a type name (a letter, then letters, digits, "_" or "-").`);
  if (types.length === 0) throw new UsageError('--types needs at least one type.');
  return [...new Set(types)];
}

/** A file's text, exactly as its bytes say; an error text when it cannot be read or is not UTF-8. */
export async function readExact(file: string): Promise<{ text: string } | { error: string }> {
  let bytes: Buffer;
  try {
    bytes = await fs.promises.readFile(file);
  } catch (error) {
    return { error: `cannot read it: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` };
  }
  const text = decodeUtf8(bytes);
  if (text === undefined) return { error: 'it is not valid UTF-8, so its text cannot be carried exactly' };
  return { text };
}

/** A temporary file in the target's folder, renamed over the target by commit(). */
export class AtomicFile {
  private fd: number | undefined;
  private readonly tmp: string;

  constructor(readonly target: string) {
    this.tmp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}-${randomBytes(4).toString('hex')}.cables.tmp`);
    this.fd = fs.openSync(this.tmp, 'wx', 0o666);
  }

  write(chunk: string): void {
    if (this.fd === undefined) throw new Error('written after it was closed');
    fs.writeSync(this.fd, chunk);
  }

  commit(): void {
    if (this.fd === undefined) throw new Error('committed after it was closed');
    let mode: number | undefined;
    try {
      mode = fs.statSync(this.target).mode & 0o7777; // a replaced file keeps its mode
    } catch {
      mode = undefined;
    }
    try {
      if (mode !== undefined) fs.fchmodSync(this.fd, mode);
      fs.fsyncSync(this.fd);
      fs.closeSync(this.fd);
      this.fd = undefined;
      fs.renameSync(this.tmp, this.target);
    } catch (error) {
      this.abort();
      throw error;
    }
  }

  abort(): void {
    if (this.fd !== undefined) {
      try {
        fs.closeSync(this.fd);
      } catch {
        // closing is all that is left to do
      }
      this.fd = undefined;
    }
    try {
      fs.unlinkSync(this.tmp);
    } catch {
      // already renamed or removed
    }
  }
}

/** Writes a file atomically: an existing file through writeAtomic (mode kept, symlink followed), a new one through AtomicFile. */
export function writeFileAtomic(file: string, text: string): void {
  let before: fs.Stats | undefined;
  try {
    before = fs.statSync(file);
  } catch {
    before = undefined;
  }
  if (before) {
    writeAtomic(file, text, before);
    return;
  }
  const out = new AtomicFile(file);
  try {
    out.write(text);
  } catch (error) {
    out.abort();
    throw error;
  }
  out.commit();
}

/** A path for messages: relative to cwd when inside it. */
export function shown(cwd: string, file: string): string {
  const rel = path.relative(cwd, file);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}
