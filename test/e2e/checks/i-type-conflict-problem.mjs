import { SEED, SEED_NAME } from '../fixtures.mjs';
import { dismissWidgets, filterProblems, listRows, openFile, waitFor } from '../workbench.mjs';

export default {
  title: 'the Problems panel shows the entity-type-conflict for Ford',
  files: { [SEED_NAME]: SEED },
  async run({ page, own }) {
    await dismissWidgets(page);
    await openFile(page, own(SEED_NAME));
    // Only the Ford problems: the filter matches messages (no file name contains "Ford").
    await filterProblems(page, 'Ford');
    const filter = page.locator('.part.panel .viewpane-filter input, .part.panel .markers-panel-action-filter input').first();
    let refilled = 0;
    const WANT = [`"Ford" is tagged ORG here`, 'taken as PER'];
    const codeOf = (t) => t.replace(/[\s()]+/g, '').includes('cableentity-type-conflict');
    let rows = [];
    const row = await waitFor('a Ford entity-type-conflict row under the seed', async () => {
      rows = await listRows(page, '.markers-panel');
      // A problem row without "Ford": the panel shows the filter's text without having applied it.
      if (refilled < 3 && rows.some((r) => r.text.includes('[Ln ') && !r.text.includes('Ford'))) {
        refilled++;
        await filterProblems(page, 'Ford');
        return undefined;
      }
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
