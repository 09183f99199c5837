import { SEED, SEED_NAME } from '../fixtures.mjs';
import { dismissWidgets, listRows, openFile, waitFor } from '../workbench.mjs';

export default {
  title: 'the Problems panel shows the entity-type-conflict for Ford',
  files: { [SEED_NAME]: SEED },
  async run({ page, own }) {
    await dismissWidgets(page);
    await openFile(page, own(SEED_NAME));
    await page.keyboard.press('Control+Shift+M');
    const panel = page.locator('.markers-panel').first();
    await panel.waitFor({ state: 'visible', timeout: 10000 });
    // Only the Ford problems: the filter matches messages (no file name contains "Ford").
    const filter = page.locator('.part.panel .viewpane-filter input, .part.panel .markers-panel-action-filter input').first();
    await filter.fill('Ford');
    const WANT = [`"Ford" is tagged ORG here`, 'taken as PER'];
    const codeOf = (t) => t.replace(/[\s()]+/g, '').includes('cableentity-type-conflict');
    let rows = [];
    const row = await waitFor('a Ford entity-type-conflict row under the seed', async () => {
      rows = await listRows(page, '.markers-panel');
      const fileRow = rows.findIndex((r) => r.text.includes(SEED_NAME) || r.label.includes(SEED_NAME));
      if (fileRow < 0) return undefined;
      return rows.slice(fileRow + 1).find((r) => WANT.every((w) => r.text.includes(w)) && codeOf(r.text));
    }, { timeout: 30000, interval: 500 }).catch((e) => {
      throw new Error(`${e.message}; rows: ${JSON.stringify(rows.map((r) => r.text)).slice(0, 900)}`);
    });
    const fileRow = rows.find((r) => r.text.includes(SEED_NAME) || r.label.includes(SEED_NAME));
    await filter.fill('');
    // The list renders only the rows in view; the file row's badge counts the filtered problems.
    return `${SEED_NAME} (filter "Ford", badge ${fileRow?.badge || '?'}): ${JSON.stringify(row.text)}`;
  },
};
