// One file, start to end: read, fix (with --fix), lint, summarise entities
// (with --stats). The same code runs in the main thread (--jobs 1) and in
// every worker.

import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { threadId } from 'worker_threads';
import { CableConfig, CableDiagnostic, CableLanguageService, InMemoryWorkspace, Position, createLanguageService, fixAllText } from '../core';
import { FileResult, FileTask, LintRecord } from './types';

export function lintText(file: string, text: string, config: CableConfig): LintRecord[] {
  const service = serviceFor(file, text, config);
  return service.diagnostics(file).map((d) => toRecord(file, (o) => service.positionAt(file, o)!, d));
}

function serviceFor(file: string, text: string, config: CableConfig): CableLanguageService {
  return createLanguageService(new InMemoryWorkspace({ [file]: text }), config);
}

/**
 * One service per configuration for the files of a run, each file put in
 * its workspace, linted, and taken out again (a service per file costs more
 * than a small cable's analysis).
 */
let shared: { config: CableConfig; workspace: InMemoryWorkspace; service: CableLanguageService } | undefined;

function withService<T>(file: string, text: string, config: CableConfig, use: (service: CableLanguageService) => T): T {
  if (shared?.config !== config) {
    const workspace = new InMemoryWorkspace();
    shared = { config, workspace, service: createLanguageService(workspace, config) };
  }
  const { workspace, service } = shared;
  workspace.set(file, text);
  try {
    return use(service);
  } finally {
    workspace.delete(file);
    service.forget(file);
  }
}

/** A diagnostic as a record, with 1-based lines and columns; `positionAt` is the text's. */
export function toRecord(file: string, positionAt: (offset: number) => Position, d: CableDiagnostic): LintRecord {
  const start = positionAt(d.span.start);
  const end = positionAt(d.span.end);
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

const disputedSets = new WeakMap<FileTask, Set<string>>();

/** The task's disputed keys as a set, made once per task (a worker keeps its task for a whole pass). */
function disputedSet(task: FileTask, keys: string[]): Set<string> {
  let set = disputedSets.get(task);
  if (!set) disputedSets.set(task, (set = new Set(keys)));
  return set;
}

/**
 * The text with the safe fixes applied (the service's `source.fixAll`:
 * spacing and unambiguous type spelling), and how many problems they fix.
 * Every round is checked to change tag markup only.
 */
export function fixText(_file: string, text: string, config: CableConfig): { text: string; fixed: number } {
  return fixAllText(text, config);
}

/**
 * Replaces `file` with `text` atomically: a temporary file in the same folder
 * (same mode, flushed to disk) renamed over the original. The original stays
 * intact when anything fails, or when it changed since `before`.
 */
export function writeAtomic(file: string, text: string, before: fs.Stats): void {
  const target = fs.realpathSync(file); // a symlink stays a symlink; its target is replaced
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}-${threadId}-${randomBytes(4).toString('hex')}.cable-lint.tmp`);
  let fd: number | undefined;
  try {
    fd = fs.openSync(tmp, 'wx', before.mode & 0o777);
    fs.writeFileSync(fd, text, 'utf8');
    fs.fchmodSync(fd, before.mode & 0o7777); // the umask narrowed the mode of openSync
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = undefined;
    const now = fs.statSync(target);
    if (now.mtimeMs !== before.mtimeMs || now.size !== before.size) throw new Error('the file changed while it was being fixed');
    fs.renameSync(tmp, target);
  } catch (error) {
    if (fd !== undefined) {
      try {
        fs.closeSync(fd);
      } catch {
        // already reported through `error`
      }
    }
    try {
      fs.unlinkSync(tmp);
    } catch {
      // never created, or already renamed
    }
    throw error;
  }
}

export function errorText(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  if (e && typeof e.code === 'string') return e.code;
  return e instanceof Error ? e.message : String(error);
}

/** Reads, fixes, lints and summarises one file. Never throws. */
export function processFile(file: string, task: FileTask): FileResult {
  try {
    return processFileUnsafe(file, task);
  } catch (error) {
    const e = error as Error;
    return { file, bytes: 0, records: [], fixed: 0, crash: e?.stack ?? String(error) };
  }
}

function processFileUnsafe(file: string, task: FileTask): FileResult {
  let buffer: Buffer;
  let stat: fs.Stats;
  try {
    const fd = fs.openSync(file, 'r');
    try {
      stat = fs.fstatSync(fd);
      buffer = fs.readFileSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch (error) {
    return { file, bytes: 0, records: [], fixed: 0, readError: errorText(error) };
  }
  let text = buffer.toString('utf8');
  const result: FileResult = { file, bytes: buffer.length, records: [], fixed: 0 };

  if (task.fix) {
    try {
      const fixed = fixText(file, text, task.config);
      if (fixed.fixed > 0 && fixed.text !== text) {
        if (!Buffer.from(text, 'utf8').equals(buffer)) throw new Error('not valid UTF-8; writing it back would change other bytes');
        writeAtomic(file, fixed.text, stat);
        text = fixed.text;
        result.fixed = fixed.fixed;
      }
    } catch (error) {
      result.fixError = errorText(error);
    }
  }

  return withService(file, text, task.config, (service) => {
    const tally = () => {
      const entities = service.cableEntities(file);
      result.tallied = { uri: file, keys: entities.map((e) => e.key), types: entities.map((e) => e.type) };
    };
    if (task.summaryOnly) {
      tally();
      return result;
    }
    result.records = service.diagnostics(file).map((d) => toRecord(file, (o) => service.positionAt(file, o)!, d));
    if (task.stats) result.entities = service.cableEntities(file);
    if (task.lintAndTally) {
      tally();
      result.summary = service.summary(file, 'definitions');
      result.linted = true;
      return result;
    }
    const keys = task.disputedKeys;
    if (keys && keys.length > 0) {
      const disputed = disputedSet(task, keys);
      const s = service.summary(file, 'definitions');
      if (s && s.keys.some((k) => disputed.has(k))) result.summary = s;
    }
    return result;
  });
}
