// The two versions `cables compare` and `cables merge` work on: two files,
// two folders (cables paired by their path inside the folder), or files and
// their text in a git revision (`git show REV:path`, run in the file's folder).

import { execFile } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { decodeUtf8 } from '../core';
import { shown } from './dataIo';
import { UsageError, expandInputs } from './inputs';

export interface VersionPair {
  /** As shown to the user: relative to the working folder. */
  file: string;
  aPath: string;
  /** Absent with --rev: B comes from git. */
  bPath?: string;
}

export interface Pairing {
  pairs: VersionPair[];
  unpaired: Array<{ file: string; side: 'a' | 'b' }>;
  /** Both inputs were folders. */
  folders: boolean;
}

function statOf(file: string): fs.Stats | undefined {
  try {
    return fs.statSync(file);
  } catch {
    return undefined;
  }
}

/** Pairs two files, or the cables of two folders by their path inside the folder. */
export function pairVersions(a: string, b: string, cwd: string, program: string): Pairing {
  const aFull = path.resolve(cwd, a);
  const bFull = path.resolve(cwd, b);
  const aStat = statOf(aFull);
  const bStat = statOf(bFull);
  if (!aStat) throw new UsageError(`no such file or folder: ${a}`);
  if (!bStat) throw new UsageError(`no such file or folder: ${b}`);
  if (aStat.isFile() && bStat.isFile()) return { pairs: [{ file: shown(cwd, aFull), aPath: aFull, bPath: bFull }], unpaired: [], folders: false };
  if (aStat.isDirectory() && bStat.isDirectory()) {
    const errors: string[] = [];
    const list = (folder: string) => {
      const found = expandInputs([folder], cwd, errors, program).files;
      return new Map(found.map((f) => [path.relative(folder, f), f]));
    };
    const aFiles = list(aFull);
    const bFiles = list(bFull);
    const pairs: VersionPair[] = [];
    const unpaired: Pairing['unpaired'] = [];
    for (const [rel, file] of aFiles) {
      const other = bFiles.get(rel);
      if (other) pairs.push({ file: shown(cwd, file), aPath: file, bPath: other });
      else unpaired.push({ file: shown(cwd, file), side: 'a' });
    }
    for (const [rel, file] of bFiles) if (!aFiles.has(rel)) unpaired.push({ file: shown(cwd, file), side: 'b' });
    if (pairs.length === 0) throw new UsageError(`no cable of ${a} has a namesake in ${b} (cables are paired by their path inside the folder).`);
    return { pairs, unpaired, folders: true };
  }
  throw new UsageError(`${a} and ${b} must be two files or two folders.`);
}

/** The cables named by paths, for --rev. */
export function filesForRevision(patterns: string[], cwd: string, program: string): VersionPair[] {
  const errors: string[] = [];
  const { files, missing } = expandInputs(patterns, cwd, errors, program);
  if (missing) throw new UsageError(errors.map((e) => e.replace(`${program}: `, '')).join('\n'));
  if (files.length === 0) throw new UsageError('no cables found (looked for .cable files and .txt files that start like a cable).');
  return files.map((f) => ({ file: shown(cwd, f), aPath: f }));
}

export type GitErrorKind = 'no-git' | 'not-a-repository' | 'bad-revision' | 'not-in-revision' | 'other';

export class GitError extends Error {
  constructor(
    readonly kind: GitErrorKind,
    message: string,
  ) {
    super(message);
  }
}

/** The text of `file` in revision `rev` of its git repository. Throws GitError. */
export function gitShow(file: string, rev: string): Promise<string> {
  const cwd = path.dirname(file);
  const name = path.basename(file);
  // A revision is never an option: `--output=…` would make git write a file.
  if (rev.startsWith('-')) return Promise.reject(new GitError('bad-revision', `"${rev}" is not a revision (it starts with "-").`));
  return new Promise((resolve, reject) => {
    execFile('git', ['show', `${rev}:./${name}`], { cwd, encoding: 'utf8', maxBuffer: 1024 * 1024 * 1024, windowsHide: true }, (error, stdout, stderr) => {
      if (!error) return resolve(stdout);
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return reject(new GitError('no-git', 'git is not installed (or not on the PATH); --rev needs it.'));
      const said = String(stderr).trim();
      if (/not a git repository/i.test(said)) return reject(new GitError('not-a-repository', `${file} is not in a git repository, so --rev cannot read its other version.`));
      if (/does not exist in|exists on disk, but not in/i.test(said)) return reject(new GitError('not-in-revision', `${file} is not in revision ${rev}.`));
      if (/invalid object name|unknown revision|bad revision|ambiguous argument|not a valid object name/i.test(said)) {
        return reject(new GitError('bad-revision', `git does not know the revision "${rev}" (in ${cwd}).`));
      }
      reject(new GitError('other', `git show ${rev}:${name} failed in ${cwd}: ${said || error.message}`));
    });
  });
}

/** A file's text, or a clear error (also for a file that is not valid UTF-8: its text would not be its bytes). */
export function readText(file: string): string {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    throw new Error(`cannot read ${file}: ${e.code === 'EACCES' ? 'permission denied' : e.code === 'EISDIR' ? 'it is a folder' : e.message}`);
  }
  const text = decodeUtf8(bytes);
  if (text === undefined) throw new Error(`cannot read ${file}: it is not valid UTF-8`);
  return text;
}
