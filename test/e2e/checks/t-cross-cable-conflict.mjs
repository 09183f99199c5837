import { CORPUS_DIR } from '../fixtures.mjs';
import { occurrences } from '../oracle.mjs';
import { dismissWidgets, listRows, openFile, problemsPanel, waitFor } from '../workbench.mjs';

// "France" tagged PER in 08LONDON1991 ("Marie-[PER France  ]"), LOC in every other cable.
const CROSS_CONFLICT_NAME = '08LONDON1991.cable';
const FRANCE_KEY = 'france';

export default {
  title: `the Problems panel shows entity-cross-cable-conflict for "France" tagged PER in ${CROSS_CONFLICT_NAME}`,
  files: {},
  async run({ page, indexedCables }) {
    await dismissWidgets(page);
    await openFile(page, `${CORPUS_DIR}/${CROSS_CONFLICT_NAME}`);
    const occ = occurrences(indexedCables().cables, FRANCE_KEY);
    const here = occ.find((o) => o.rel === `${CORPUS_DIR}/${CROSS_CONFLICT_NAME}`);
    const others = occ.filter((o) => o !== here);
    const loc = others.filter((o) => o.entity.type === 'LOC').length;
    const mention = here.entity.mentions.find((m) => m.type === 'PER');
    const want = [`"France" is tagged PER in this cable, but LOC (Location) in ${loc} of ${others.length} other cables`, `[Ln ${mention.line}, Col ${mention.column}]`];
    await problemsPanel(page);
    const filter = page.locator('.part.panel .viewpane-filter input, .part.panel .markers-panel-action-filter input').first();
    await filter.fill('France');
    let rows = [];
    const row = await waitFor('the France entity-cross-cable-conflict row', async () => {
      rows = await listRows(page, '.markers-panel');
      return rows.find((r) => want.every((w) => r.text.includes(w)) && r.text.replace(/[\s()]+/g, '').includes('cableentity-cross-cable-conflict'));
    }, { timeout: 20000, interval: 500 }).catch((e) => {
      throw new Error(`${e.message}: expected ${JSON.stringify(want)}; rows: ${JSON.stringify(rows.map((r) => r.text)).slice(0, 900)}`);
    });
    return `${CROSS_CONFLICT_NAME} (filter "France"): ${JSON.stringify(row.text)}`;
  },
};
