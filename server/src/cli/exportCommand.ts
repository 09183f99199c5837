// `cables export`.

import { Command } from './command';

export const exportCommand: Command = {
  name: 'export',
  summary: '(not available in this build)',
  async run() {
    return { exitCode: 2, stdout: '', stderr: 'cables export: not available in this build.\n' };
  },
};
