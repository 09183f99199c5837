// `cables`: one command for the data. `cables lint` is `cable-lint`;
// `export`, `import`, `compare` and `merge` are its other subcommands.

import { CliResult, Command, CommandContext } from './command';
import { compareCommand } from './compareCommand';
import { exportCommand } from './exportCommand';
import { importCommand } from './importCommand';
import { mergeCommand } from './mergeCommand';
import { VERSION } from '../version';

export function cablesCommands(lint: Command): Command[] {
  return [lint, exportCommand, importCommand, compareCommand, mergeCommand];
}

function usage(commands: Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return `Usage: cables <command> [options]

Commands:
${commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')}

Run "cables <command> --help" for a command's options.

Exit codes: 0 fine, 1 findings (where the command has them), 2 bad usage or bad input.`;
}

export async function runCables(argv: string[], ctx: CommandContext, lint: Command): Promise<CliResult> {
  const commands = cablesCommands(lint);
  const [name, ...rest] = argv;
  if (name === undefined || name === '-h' || name === '--help' || name === 'help') {
    return { exitCode: name === undefined ? 2 : 0, stdout: name === undefined ? '' : usage(commands) + '\n', stderr: name === undefined ? usage(commands) + '\n' : '' };
  }
  if (name === '-v' || name === '--version') return { exitCode: 0, stdout: `${VERSION}\n`, stderr: '' };
  const command = commands.find((c) => c.name === name);
  if (!command) return { exitCode: 2, stdout: '', stderr: `cables: unknown command "${name}".\n\n${usage(commands)}\n` };
  return command.run(rest, ctx);
}
