// bench/results.json as it is committed: no path of the machine that ran it.
// The repository becomes `.`, the temporary folder `$TMPDIR`, in paths and in
// file URIs alike.

import * as os from 'node:os';
import { pathToFileURL } from 'node:url';
import { ROOT } from './inputs.mjs';

/** `results` as JSON text, with the machine's paths replaced by placeholders. */
export function portableJson(results, roots = [[ROOT, '.'], [os.tmpdir(), '$TMPDIR']]) {
  const pairs = roots.flatMap(([dir, label]) => [
    [pathToFileURL(dir).href, `file://${label}`],
    [dir, label],
  ]);
  const replace = (text) => pairs.reduce((s, [from, to]) => s.split(from).join(to), text);
  return JSON.stringify(results, (_, value) => (typeof value === 'string' ? replace(value) : value), 2) + '\n';
}
