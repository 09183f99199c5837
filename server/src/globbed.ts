// Paths from fast-glob. Its absolute paths turn a "\" in a file name (legal
// on Linux) into "/", so every listing asks for relative paths and resolves
// them here.

import * as path from 'path';

/** The absolute path of a fast-glob result listed relative to `folder`. */
export function globbedPath(folder: string, entry: string | { toString(): string }): string {
  return path.resolve(folder, String(entry));
}
