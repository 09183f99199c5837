// The inputs of every command: files as given, folders searched for cables
// (.cable files, and .txt files that start like a cable), globs expanded.

import * as fs from 'fs';
import * as path from 'path';
import fg from 'fast-glob';
import { globbedPath } from '../globbed';
import { CABLE_GLOBS, DEFAULT_EXCLUDES, FIRST_LINE_BYTES, NEVER_SEARCHED, cableFileKind, startsLikeCable } from '../core';

/** Bad usage: the message is shown with the usage, and the exit code is 2. */
export class UsageError extends Error {}

/** Files named by the patterns: files as given, folders searched, globs expanded. */
export function expandInputs(patterns: string[], cwd: string, stderr: string[], program: string): { files: string[]; missing: boolean } {
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
      for (const found of fg.sync(CABLE_GLOBS, { cwd: full, ignore: [...DEFAULT_EXCLUDES, ...NEVER_SEARCHED] })) {
        const f = globbedPath(full, found);
        if (cableFileKind(f) === 'always' || fileStartsLikeCable(f)) files.add(f);
      }
    } else if (fg.isDynamicPattern(pattern)) {
      const found = fg.sync(pattern, { cwd, ignore: DEFAULT_EXCLUDES });
      if (found.length === 0) {
        stderr.push(`${program}: no files match "${pattern}".`);
        missing = true;
      }
      for (const f of found) files.add(globbedPath(cwd, f));
    } else if (stat) {
      // A device, a pipe or a socket: nothing to read a cable from.
      stderr.push(`${program}: not a file or a folder: ${pattern}`);
      missing = true;
    } else {
      stderr.push(`${program}: no such file or folder: ${pattern}`);
      missing = true;
    }
  }
  return { files: [...files].sort(), missing };
}

function fileStartsLikeCable(file: string): boolean {
  try {
    const fd = fs.openSync(file, 'r');
    const buffer = Buffer.alloc(FIRST_LINE_BYTES);
    const n = fs.readSync(fd, buffer, 0, FIRST_LINE_BYTES, 0);
    fs.closeSync(fd);
    return startsLikeCable(buffer.subarray(0, n).toString('utf8'));
  } catch {
    return false;
  }
}

