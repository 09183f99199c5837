// `cables import`.

import { Command } from './command';

export const importCommand: Command = {
  name: 'import',
  summary: '(not available in this build)',
  async run() {
    return { exitCode: 2, stdout: '', stderr: 'cables import: not available in this build.\n' };
  },
};
