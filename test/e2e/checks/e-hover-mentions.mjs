import { EXPECTED_PICKARD_REFS, PICKARD_POS, SEED, SEED_NAME } from '../fixtures.mjs';
import { dismissWidgets, goToLine, hidePanel, hoverText, openFile, sleep, waitFor } from '../workbench.mjs';

export default {
  title: 'hover on Pickard shows the mention count',
  files: { [SEED_NAME]: SEED },
  async run({ page, own }) {
    // Close the panel so the editor is tall, has the focus and the hover has room.
    await dismissWidgets(page);
    await hidePanel(page);
    await openFile(page, own(SEED_NAME));
    const { line, column } = PICKARD_POS;
    await goToLine(page, line, column);
    let text = '';
    const m = await waitFor('a hover with "N mentions"', async () => {
      text = await hoverText(page);
      const found = /(\d+)\s+mentions?\b/.exec(text);
      if (found) return found;
      // (Re)show the hover: the language server may still be starting.
      await page.keyboard.press('Escape');
      await page.keyboard.press('Control+K');
      await page.keyboard.press('Control+I');
      await sleep(1500);
      text = await hoverText(page);
      return /(\d+)\s+mentions?\b/.exec(text);
    }, { timeout: 30000, interval: 250 }).catch((e) => {
      throw new Error(`${e.message}; hover text: ${JSON.stringify(text.slice(0, 400))}`);
    });
    const n = Number(m[1]);
    const note = n === EXPECTED_PICKARD_REFS ? '' : ` (note: the seed has ${EXPECTED_PICKARD_REFS} Pickard tags)`;
    return `hover at ${line}:${column} says ${JSON.stringify(m[0])}${note}: ${JSON.stringify(text.replace(/\s+/g, ' ').slice(0, 160))}`;
  },
};
