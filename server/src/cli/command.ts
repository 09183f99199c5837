// The shape of a `cables` subcommand.

import { ProgressStream } from './progress';

export interface CliResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** The terminal around a run; everything is optional. */
export interface CliIo {
  /** stderr, for progress bars: drawn only when it is a TTY and CI is not set. */
  stderr?: ProgressStream;
  /** Defaults to process.env (CI, NO_COLOR). */
  env?: NodeJS.ProcessEnv;
  /** Where streamed output goes as it is produced (instead of `CliResult.stdout`), when given. */
  stdout?: { write(chunk: string): unknown };
}

export interface CommandContext {
  cwd: string;
  isTTY: boolean;
  io: CliIo;
}

export interface Command {
  name: string;
  /** One line for `cables --help`. */
  summary: string;
  run(argv: string[], ctx: CommandContext): Promise<CliResult>;
}
