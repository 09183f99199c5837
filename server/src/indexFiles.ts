// Reading cables from disk for the workspace index, the same way on the main
// thread (asynchronously) and in the index workers (synchronously): a file's
// version, its text (a `.txt` file only when it starts like a cable), and
// whether that text is a cable the index takes.

import * as fs from 'fs';
import { FIRST_LINE_BYTES, cableFileKind, startsLikeCable } from './core';

/** A file's version: its modification time and size. Cached cables are matched on it. */
export function fileVersion(stat: fs.Stats): string {
  return `${stat.mtimeMs}:${stat.size}`;
}

/** A file's version and size in bytes; undefined when it is not a readable file. */
export async function statFile(file: string): Promise<{ version: string; size: number } | undefined> {
  try {
    const stat = await fs.promises.stat(file);
    return stat.isFile() ? { version: fileVersion(stat), size: stat.size } : undefined;
  } catch {
    return undefined;
  }
}

export function statFileSync(file: string): { version: string; size: number } | undefined {
  try {
    const stat = fs.statSync(file);
    return stat.isFile() ? { version: fileVersion(stat), size: stat.size } : undefined;
  } catch {
    return undefined;
  }
}

/** A file's text; a `.txt` file only when its first line starts like a cable (other text files are not read whole). */
export async function readText(file: string): Promise<string | undefined> {
  try {
    if (cableFileKind(file) === 'maybe') {
      const handle = await fs.promises.open(file, 'r');
      try {
        const head = Buffer.alloc(FIRST_LINE_BYTES);
        const { bytesRead } = await handle.read(head, 0, head.length, 0);
        if (!startsLikeCable(head.subarray(0, bytesRead).toString('utf8'))) return undefined;
      } finally {
        await handle.close();
      }
    }
    return await fs.promises.readFile(file, 'utf8');
  } catch {
    return undefined;
  }
}

export function readTextSync(file: string): string | undefined {
  try {
    if (cableFileKind(file) === 'maybe') {
      const fd = fs.openSync(file, 'r');
      try {
        const head = Buffer.alloc(FIRST_LINE_BYTES);
        const bytesRead = fs.readSync(fd, head, 0, head.length, 0);
        if (!startsLikeCable(head.subarray(0, bytesRead).toString('utf8'))) return undefined;
      } finally {
        fs.closeSync(fd);
      }
    }
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** Whether a file's text is a cable the index takes (`maxFileSize` in UTF-16 units, as the core counts). */
export function isCableText(file: string, text: string, maxFileSize: number): boolean {
  if (text.length > maxFileSize) return false;
  return cableFileKind(file) === 'always' || startsLikeCable(text.slice(0, FIRST_LINE_BYTES));
}

/** Files above this many bytes are not read: even in UTF-8 they exceed `maxFileSize` UTF-16 units (at most 3 bytes each). */
export function readableSize(maxFileSize: number): number {
  return maxFileSize * 3;
}
