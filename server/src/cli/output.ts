// cable-lint's reports, written file by file as the results come in (in file
// order), so that nothing but a few counters is kept: stylish, a JSON array
// and SARIF print exactly what they would print all at once. SARIF names the
// run's outcome before its results, so its results wait in a temporary file
// (not in memory) until the end.

import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { randomBytes } from 'crypto';
import { StringDecoder } from 'string_decoder';
import { SarifNotification, sarifLog, sarifResult } from './sarif';
import { LintRecord } from './types';

/** Where report text goes: a stream, or a string collected for the caller. */
export interface Sink {
  /** A promise when the sink wants the writer to wait (a stream's buffer is full). */
  write(chunk: string): void | Promise<void>;
}

export const COLORS = { error: '\x1b[31m', warning: '\x1b[33m', information: '\x1b[36m', hint: '\x1b[2m', dim: '\x1b[2m', bold: '\x1b[1m', underline: '\x1b[4m', reset: '\x1b[0m' };

export interface Report {
  /** One file's records, in order. */
  file(records: LintRecord[]): void | Promise<void>;
  /** After the last file. */
  end(summary: { fileCount: number; notifications: SarifNotification[]; successful: boolean }): void | Promise<void>;
  /** Removes what the report kept on disk, if anything (always called). */
  dispose(): void;
}

/** Counts of records by severity, for the closing line. */
class Counts {
  total = 0;
  errors = 0;
  warnings = 0;
  infos = 0;
  hints = 0;

  add(records: LintRecord[]): void {
    for (const r of records) {
      this.total++;
      if (r.severity === 'error') this.errors++;
      else if (r.severity === 'warning') this.warnings++;
      else if (r.severity === 'information') this.infos++;
      else if (r.severity === 'hint') this.hints++;
    }
  }
}

export class StylishReport implements Report {
  private readonly counts = new Counts();

  constructor(
    private readonly sink: Sink,
    private readonly cwd: string,
    private readonly color: boolean,
  ) {}

  private paint(c: keyof typeof COLORS, s: string): string {
    return this.color ? `${COLORS[c]}${s}${COLORS.reset}` : s;
  }

  file(records: LintRecord[]): void | Promise<void> {
    this.counts.add(records);
    if (records.length === 0) return;
    const file = records[0].file;
    const out: string[] = [this.paint('underline', path.relative(this.cwd, file) || file)];
    let posWidth = 0;
    let sevWidth = 0;
    let msgWidth = 0;
    for (const r of records) {
      posWidth = Math.max(posWidth, `${r.line}:${r.column}`.length);
      sevWidth = Math.max(sevWidth, r.severity.length);
      msgWidth = Math.max(msgWidth, r.message.length);
    }
    msgWidth = Math.min(100, msgWidth);
    for (const r of records) {
      const pos = `${r.line}:${r.column}`.padEnd(posWidth);
      const sev = this.paint(r.severity as keyof typeof COLORS, r.severity.padEnd(sevWidth));
      out.push(`  ${this.paint('dim', pos)}  ${sev}  ${r.message.padEnd(msgWidth)}  ${this.paint('dim', r.code)}`);
    }
    out.push('');
    return this.sink.write(out.join('\n') + '\n');
  }

  end({ fileCount }: { fileCount: number }): void | Promise<void> {
    const { total, errors, warnings, infos, hints } = this.counts;
    const files = `${fileCount} ${fileCount === 1 ? 'file' : 'files'}`;
    if (total === 0) return this.sink.write(this.paint('bold', `✔ No problems in ${files}`) + '\n');
    const summary = `✖ ${total} ${total === 1 ? 'problem' : 'problems'} (${errors} ${errors === 1 ? 'error' : 'errors'}, ${warnings} ${warnings === 1 ? 'warning' : 'warnings'}, ${infos} information, ${hints} ${hints === 1 ? 'hint' : 'hints'}) in ${files}`;
    return this.sink.write(this.paint(errors > 0 ? 'error' : 'warning', this.paint('bold', summary)) + '\n');
  }

  dispose(): void {}
}

/** Each line of a value's JSON (indent 2) indented by `depth` more spaces, as inside an array printed with indent 2. */
function indented(value: unknown, depth: number): string {
  const pad = ' '.repeat(depth);
  return pad + JSON.stringify(value, null, 2).replace(/\n/g, `\n${pad}`);
}

const RECORD_KEYS = 'file,line,column,endLine,endColumn,severity,code,message';

/**
 * `indented({ ...r, file }, 2)` for a record as `toRecord` makes it (its keys
 * in that order, whole numbers), written out directly; `name` is the file's
 * JSON. Any other record goes through JSON.stringify.
 */
function recordJson(r: LintRecord, name: string): string {
  if (!isPlainRecord(r)) return indented({ ...r, file: JSON.parse(name) as string }, 2);
  return (
    `  {\n    "file": ${name},\n    "line": ${r.line},\n    "column": ${r.column},\n    "endLine": ${r.endLine},\n    "endColumn": ${r.endColumn},\n` +
    `    "severity": ${JSON.stringify(r.severity)},\n    "code": ${JSON.stringify(r.code)},\n    "message": ${JSON.stringify(r.message)}\n  }`
  );
}

function isPlainRecord(r: LintRecord): boolean {
  return (
    Number.isSafeInteger(r.line) &&
    Number.isSafeInteger(r.column) &&
    Number.isSafeInteger(r.endLine) &&
    Number.isSafeInteger(r.endColumn) &&
    typeof r.severity === 'string' &&
    typeof r.code === 'string' &&
    typeof r.message === 'string' &&
    Object.keys(r).join(',') === RECORD_KEYS
  );
}

/** `JSON.stringify(records, null, 2)`, an element at a time (files relative to `cwd`). */
export class JsonReport implements Report {
  private any = false;

  constructor(
    private readonly sink: Sink,
    private readonly cwd: string,
  ) {}

  file(records: LintRecord[]): void | Promise<void> {
    if (records.length === 0) return;
    let out = '';
    let file: string | undefined;
    let name = '';
    for (const r of records) {
      if (r.file !== file) {
        file = r.file;
        name = JSON.stringify(path.relative(this.cwd, file) || file);
      }
      out += (this.any ? ',\n' : '[\n') + recordJson(r, name);
      this.any = true;
    }
    return this.sink.write(out);
  }

  end(): void | Promise<void> {
    return this.sink.write(this.any ? '\n]\n' : '[]\n');
  }

  dispose(): void {}
}

/** SARIF 2.1.0; the results wait in a temporary file until the outcome (the invocation) is known. */
export class SarifReport implements Report {
  private spool: string | undefined;
  private fd: number | undefined;
  private any = false;

  constructor(
    private readonly sink: Sink,
    private readonly cwd: string,
    private readonly version: string,
  ) {}

  file(records: LintRecord[]): void {
    if (records.length === 0) return;
    if (this.fd === undefined) {
      this.spool = path.join(os.tmpdir(), `cable-lint-${process.pid}-${randomBytes(4).toString('hex')}.sarif.tmp`);
      this.fd = fs.openSync(this.spool, 'wx', 0o600);
    }
    const parts: string[] = [];
    for (const r of records) {
      parts.push((this.any ? ',\n' : '') + indented(sarifResult(r, this.cwd), 8));
      this.any = true;
    }
    fs.writeSync(this.fd, parts.join(''));
  }

  async end({ notifications, successful }: { notifications: SarifNotification[]; successful: boolean }): Promise<void> {
    const log = JSON.stringify(sarifLog(this.version, this.cwd, notifications, successful, []), null, 2) + '\n';
    if (!this.any) return this.sink.write(log);
    // The log with no results ends `"results": []` inside the run: the results go between the brackets.
    const at = log.lastIndexOf('"results": []');
    await this.sink.write(log.slice(0, at) + '"results": [\n');
    fs.closeSync(this.fd!);
    this.fd = undefined;
    const input = fs.openSync(this.spool!, 'r');
    try {
      const buffer = Buffer.alloc(1 << 20);
      const decoder = new StringDecoder('utf8');
      for (;;) {
        const n = fs.readSync(input, buffer, 0, buffer.length, null);
        if (n === 0) break;
        await this.sink.write(decoder.write(buffer.subarray(0, n)));
      }
      const rest = decoder.end();
      if (rest) await this.sink.write(rest);
    } finally {
      fs.closeSync(input);
    }
    await this.sink.write('\n      ' + log.slice(at + '"results": ['.length));
  }

  dispose(): void {
    if (this.fd !== undefined) fs.closeSync(this.fd);
    this.fd = undefined;
    if (this.spool) fs.rmSync(this.spool, { force: true });
    this.spool = undefined;
  }
}
