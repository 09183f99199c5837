// cable-lint: the core's diagnostics from a terminal, in the style of eslint.

import * as fs from 'fs';
import * as path from 'path';
import fg from 'fast-glob';
import {
  CableConfig,
  CableDiagnostic,
  InMemoryWorkspace,
  LineIndex,
  RULES,
  RULE_CODES,
  CableLanguageService,
  looksLikeCable,
  normalizeConfig,
} from './core';

export interface CliResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface LintRecord {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: string;
  code: string;
  message: string;
}

const USAGE = `Usage: cable-lint [options] <file|folder|glob> ...

Lints tagged cables (.cable files, and .txt files that start like a cable).

Options:
  --format <stylish|json>  Output format (default: stylish)
  --config <file>          Read rule severities and entity types from this JSON file
                           (default: .cablelintrc.json, or the "cable-lint" key of
                           package.json, in the current folder)
  --rules                  List the rule codes and their default severities
  --no-color               Plain output even on a terminal
  -h, --help               Show this help
  -v, --version            Show the version

Exit codes: 0 no errors, 1 errors found, 2 bad usage or unreadable input.`;

interface Options {
  format: 'stylish' | 'json';
  config?: string;
  color: boolean;
  patterns: string[];
}

class UsageError extends Error {}

function parseArgs(argv: string[], isTTY: boolean): Options | 'help' | 'version' | 'rules' {
  const options: Options = { format: 'stylish', color: isTTY && !process.env.NO_COLOR, patterns: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = (name: string) => {
      const eq = arg.indexOf('=');
      if (eq >= 0) return arg.slice(eq + 1);
      const next = argv[++i];
      if (next === undefined) throw new UsageError(`${name} needs a value.`);
      return next;
    };
    if (arg === '-h' || arg === '--help') return 'help';
    if (arg === '-v' || arg === '--version') return 'version';
    if (arg === '--rules') return 'rules';
    if (arg === '--no-color') options.color = false;
    else if (arg === '--color') options.color = true;
    else if (arg === '--format' || arg.startsWith('--format=') || arg === '-f') {
      const format = value('--format');
      if (format !== 'stylish' && format !== 'json') throw new UsageError(`Unknown format "${format}": use stylish or json.`);
      options.format = format;
    } else if (arg === '--config' || arg.startsWith('--config=') || arg === '-c') {
      options.config = value('--config');
    } else if (arg.startsWith('-') && arg !== '-') {
      throw new UsageError(`Unknown option "${arg}".`);
    } else {
      options.patterns.push(arg);
    }
  }
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

/** Files named by the patterns: files as given, folders searched, globs expanded. */
function expand(patterns: string[], cwd: string, stderr: string[]): { files: string[]; missing: boolean } {
  const files = new Set<string>();
  let missing = false;
  for (const pattern of patterns) {
    const full = path.resolve(cwd, pattern);
    let stat: fs.Stats | undefined;
    try {
      stat = fs.statSync(full);
    } catch {
      stat = undefined;
    }
    if (stat?.isFile()) {
      files.add(full);
    } else if (stat?.isDirectory()) {
      for (const f of fg.sync(['**/*.cable', '**/*.txt'], { cwd: full, absolute: true, ignore: ['**/node_modules/**', '**/.git/**'] })) {
        if (f.endsWith('.cable') || startsLikeCable(f)) files.add(path.normalize(f));
      }
    } else if (fg.isDynamicPattern(pattern)) {
      const found = fg.sync(pattern, { cwd, absolute: true, ignore: ['**/node_modules/**'] });
      if (found.length === 0) {
        stderr.push(`cable-lint: no files match "${pattern}".`);
        missing = true;
      }
      for (const f of found) files.add(path.normalize(f));
    } else {
      stderr.push(`cable-lint: no such file or folder: ${pattern}`);
      missing = true;
    }
  }
  return { files: [...files].sort(), missing };
}

function startsLikeCable(file: string): boolean {
  try {
    const fd = fs.openSync(file, 'r');
    const buffer = Buffer.alloc(512);
    const n = fs.readSync(fd, buffer, 0, 512, 0);
    fs.closeSync(fd);
    return looksLikeCable(buffer.subarray(0, n).toString('utf8').split(/\r?\n|\r/)[0]);
  } catch {
    return false;
  }
}

export function lintText(file: string, text: string, config: CableConfig): LintRecord[] {
  const workspace = new InMemoryWorkspace({ [file]: text });
  const service = new CableLanguageService(workspace, config);
  const analysis = service.analysis(file)!;
  return service.diagnostics(file).map((d) => toRecord(file, analysis.lines, d));
}

function toRecord(file: string, lines: LineIndex, d: CableDiagnostic): LintRecord {
  const start = lines.positionAt(d.span.start);
  const end = lines.positionAt(d.span.end);
  return {
    file,
    line: start.line + 1,
    column: start.character + 1,
    endLine: end.line + 1,
    endColumn: end.character + 1,
    severity: d.severity,
    code: d.code,
    message: d.message,
  };
}

const COLORS = { error: '\x1b[31m', warning: '\x1b[33m', information: '\x1b[36m', hint: '\x1b[2m', dim: '\x1b[2m', bold: '\x1b[1m', underline: '\x1b[4m', reset: '\x1b[0m' };

function stylish(records: LintRecord[], fileCount: number, cwd: string, color: boolean): string {
  const paint = (c: keyof typeof COLORS, s: string) => (color ? `${COLORS[c]}${s}${COLORS.reset}` : s);
  const out: string[] = [];
  const byFile = new Map<string, LintRecord[]>();
  for (const r of records) {
    const list = byFile.get(r.file);
    if (list) list.push(r);
    else byFile.set(r.file, [r]);
  }
  for (const [file, list] of byFile) {
    out.push(paint('underline', path.relative(cwd, file) || file));
    const posWidth = Math.max(...list.map((r) => `${r.line}:${r.column}`.length));
    const sevWidth = Math.max(...list.map((r) => r.severity.length));
    const msgWidth = Math.min(100, Math.max(...list.map((r) => r.message.length)));
    for (const r of list) {
      const pos = `${r.line}:${r.column}`.padEnd(posWidth);
      const sev = paint(r.severity as keyof typeof COLORS, r.severity.padEnd(sevWidth));
      out.push(`  ${paint('dim', pos)}  ${sev}  ${r.message.padEnd(msgWidth)}  ${paint('dim', r.code)}`);
    }
    out.push('');
  }
  const count = (s: string) => records.filter((r) => r.severity === s).length;
  const [errors, warnings, infos, hints] = ['error', 'warning', 'information', 'hint'].map(count);
  const files = `${fileCount} ${fileCount === 1 ? 'file' : 'files'}`;
  if (records.length === 0) {
    out.push(paint('bold', `✔ No problems in ${files}`));
  } else {
    const summary = `✖ ${records.length} ${records.length === 1 ? 'problem' : 'problems'} (${errors} ${errors === 1 ? 'error' : 'errors'}, ${warnings} ${warnings === 1 ? 'warning' : 'warnings'}, ${infos} information, ${hints} ${hints === 1 ? 'hint' : 'hints'}) in ${files}`;
    out.push(paint(errors > 0 ? 'error' : 'warning', paint('bold', summary)));
  }
  return out.join('\n') + '\n';
}

export function runCli(argv: string[], cwd = process.cwd(), isTTY = false): CliResult {
  const stderr: string[] = [];
  const done = (exitCode: number, stdout = ''): CliResult => ({ exitCode, stdout, stderr: stderr.length ? stderr.join('\n') + '\n' : '' });
  let options: ReturnType<typeof parseArgs>;
  try {
    options = parseArgs(argv, isTTY);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    stderr.push(`cable-lint: ${error.message}`, '', USAGE);
    return done(2);
  }
  if (options === 'help') return done(0, USAGE + '\n');
  if (options === 'version') return done(0, '0.1.0\n');
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
  const { files, missing } = expand(options.patterns, cwd, stderr);
  if (files.length === 0) {
    if (!missing) stderr.push('cable-lint: no cables found (looked for .cable files and .txt files that start like a cable).');
    return done(2);
  }
  const records: LintRecord[] = [];
  let unreadable = false;
  for (const file of files) {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (error) {
      stderr.push(`cable-lint: cannot read ${path.relative(cwd, file) || file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
      unreadable = true;
      continue;
    }
    records.push(...lintText(file, text, config));
  }
  const display = records.map((r) => ({ ...r, file: path.relative(cwd, r.file) || r.file }));
  const stdout = options.format === 'json' ? JSON.stringify(display, null, 2) + '\n' : stylish(records, files.length, cwd, options.color);
  const hasErrors = records.some((r) => r.severity === 'error');
  return done(missing || unreadable ? 2 : hasErrors ? 1 : 0, stdout);
}

export function main(): void {
  const result = runCli(process.argv.slice(2), process.cwd(), process.stdout.isTTY === true);
  if (result.stdout) process.stdout.write(result.stdout);
  if (result.stderr) process.stderr.write(result.stderr);
  process.exitCode = result.exitCode;
}

if (require.main === module) main();
