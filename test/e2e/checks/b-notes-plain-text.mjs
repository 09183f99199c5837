import { NOTES } from '../fixtures.mjs';
import { openFile, sleep, statusMode, waitFor } from '../workbench.mjs';

export default {
  title: 'opening notes.txt keeps "Plain Text"',
  files: { 'notes.txt': NOTES },
  async run({ page, own }) {
    await openFile(page, own('notes.txt'));
    await waitFor('language mode "Plain Text"', async () => (await statusMode(page)) === 'Plain Text', { timeout: 10000 }).catch(
      async (e) => {
        throw new Error(`${e.message}; status bar shows "${await statusMode(page)}"`);
      },
    );
    // A switch would come from the extension asynchronously: give it time to misbehave.
    await sleep(3000);
    const mode = await statusMode(page);
    if (mode !== 'Plain Text') throw new Error(`language mode changed to "${mode}"`);
    return `language mode "${mode}" after 3 s`;
  },
};
