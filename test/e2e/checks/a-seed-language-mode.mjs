import { SEED, SEED_NAME } from '../fixtures.mjs';
import { log, openFile, statusMode, waitFor } from '../workbench.mjs';

export default {
  title: `opening ${SEED_NAME} switches it to "Tagged Cable"`,
  files: { [SEED_NAME]: SEED },
  async run({ page, own }) {
    await openFile(page, own(SEED_NAME));
    const rightAfterOpen = await statusMode(page);
    log(`language mode right after opening the seed: "${rightAfterOpen}"`);
    const mode = await waitFor('language mode "Tagged Cable"', async () => {
      const m = await statusMode(page);
      return m === 'Tagged Cable' ? m : undefined;
    }, { timeout: 20000 }).catch(async (e) => {
      throw new Error(`${e.message}; status bar shows "${await statusMode(page)}"`);
    });
    return `language mode "${mode}" (right after opening: "${rightAfterOpen}")`;
  },
};
