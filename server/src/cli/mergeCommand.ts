// `cables merge`.

import { Command } from './command';

export const mergeCommand: Command = {
  name: 'merge',
  summary: '(not available in this build)',
  async run() {
    return { exitCode: 2, stdout: '', stderr: 'cables merge: not available in this build.\n' };
  },
};
