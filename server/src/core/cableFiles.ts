// What is a cable: the one place that decides it, for the manifest
// (`firstLine`, checked by a test), the client, the indexer and the CLI.

/** The wrapper, or a classification banner (after an optional dateline). */
export const CABLE_FIRST_LINE =
  /^\uFEFF?(?:<code><pre>|(?:[A-Z][a-z]+day\s*,\s*\d{1,2}\s+[A-Z][a-z]+\s+\d{4}\s*,\s*\d{1,2}:\d{2}\s+)?(?:C O N F I D E N T I A L|S E C R E T|T O P S E C R E T|U N C L A S|UNCLAS|UNCLASSIFIED|CONFIDENTIAL|SECRET|TOP SECRET)\b)/;

/** Files that are always cables. */
export const CABLE_EXTENSION = '.cable';

/** Files that are cables when their first line says so. */
export const TEXT_EXTENSION = '.txt';

/** Every file that may be a cable, relative to a folder. */
export const CABLE_GLOBS = ['**/*.cable', '**/*.txt'];

/** The same as one glob, for file watchers. */
export const CABLE_WATCH_GLOB = '**/*.{cable,txt}';

/** Left out of folders by default (`taggedCables.index.exclude`'s default). */
export const DEFAULT_EXCLUDES = ['**/node_modules/**'];

/** Never searched for cables: version control. */
export const NEVER_SEARCHED = ['**/.git/**'];

/** How much of a file's start is enough to tell whether it is a cable. */
export const FIRST_LINE_BYTES = 512;

export function looksLikeCable(firstLine: string): boolean {
  return CABLE_FIRST_LINE.test(firstLine.slice(0, 300));
}

/** Whether a file, by its name, may be a cable: `always` for `.cable`, `maybe` for `.txt` (ask its first line). */
export function cableFileKind(path: string): 'always' | 'maybe' | 'never' {
  const lower = path.toLowerCase();
  if (lower.endsWith(CABLE_EXTENSION)) return 'always';
  if (lower.endsWith(TEXT_EXTENSION)) return 'maybe';
  return 'never';
}

/** Whether a file's first bytes (decoded) start like a cable. */
export function startsLikeCable(head: string): boolean {
  return looksLikeCable(head.split(/\r?\n|\r/, 1)[0] ?? '');
}
