// `cables compare`.

import { Command } from './command';

export const compareCommand: Command = {
  name: 'compare',
  summary: '(not available in this build)',
  async run() {
    return { exitCode: 2, stdout: '', stderr: 'cables compare: not available in this build.\n' };
  },
};
