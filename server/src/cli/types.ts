// The shapes the CLI passes between its parts, and between the main thread
// and its workers (plain data: they cross `postMessage`).

import { CableConfig, CableEntity, CableSummary } from '../core';

export { CableEntity };

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

/** What to do with each file; the same in every worker. */
export interface FileTask {
  config: CableConfig;
  /** Apply the safe fixes in place before linting. */
  fix: boolean;
  /** Summarise the cable's entities for `--stats`. */
  stats: boolean;
  /**
   * Only summarise it (the first pass of a run with cross-cable checks): no
   * diagnostics, only what the cross-cable tally counts (`tallied`).
   */
  summaryOnly?: boolean;
  /**
   * The first pass, for the files it keeps: lint, and what the tally counts
   * (`tallied`), and the summary that places the cross-cable conflicts found
   * at the end (`summary`, definitions only), so that the file needs no second pass.
   */
  lintAndTally?: boolean;
  /**
   * The second pass of a run with cross-cable checks: the keys some cables
   * type otherwise than others (`ConflictTally.disputedKeys`). A cable with an
   * entity under one of them comes back with its `summary` (definitions only).
   */
  disputedKeys?: string[];
}

export interface FileResult {
  /** Absolute path, as expanded. */
  file: string;
  /** Size in bytes of what was read (0 when unreadable). */
  bytes: number;
  /** The problems left in the file (after the fixes, with `--fix`). */
  records: LintRecord[];
  /** Problems fixed and written to disk. */
  fixed: number;
  /** The file could not be read: it is not linted. */
  readError?: string;
  /** The fixes could not be written: the file is unchanged, its problems are reported as they are. */
  fixError?: string;
  /** Linting the file failed unexpectedly (a bug): reported, exit 2. */
  crash?: string;
  /** With `--stats`. */
  entities?: CableEntity[];
  /** With `disputedKeys`, when the cable has an entity under one (with `lintAndTally`, always): its summary, definitions only, with its line starts. */
  summary?: CableSummary;
  /** With `lintAndTally`: the file was linted (not only tallied). */
  linted?: boolean;
  /** With `summaryOnly` or `lintAndTally`: what the cross-cable tally counts of the cable, its entities' keys and types. */
  tallied?: Pick<CableSummary, 'uri' | 'keys' | 'types'>;
}
