import { EXPECTED_PICKARD_REFS, PICKARD_KEY, PICKARD_POS, SEED, SEED_NAME, plural } from '../fixtures.mjs';
import { occurrences } from '../oracle.mjs';
import { dismissWidgets, goToLine, openFile, waitFor } from '../workbench.mjs';

export default {
  title: 'the status bar shows the entity under the cursor and the other cables it is in',
  files: { [SEED_NAME]: SEED },
  async run({ page, own, indexedCables }) {
    await dismissWidgets(page);
    await openFile(page, own(SEED_NAME));
    const { line, column } = PICKARD_POS;
    const others = occurrences(indexedCables().cables, PICKARD_KEY).filter((o) => o.rel !== own(SEED_NAME)).length;
    const expected = `Nicolas Pickard · PER · ${EXPECTED_PICKARD_REFS} mentions${others > 0 ? ` · ${plural(others, 'other cable')}` : ''}`;
    const items = page.locator('[id="workbench.parts.statusbar"] .statusbar-item');
    let texts = [];
    let found;
    await goToLine(page, line, column);
    await waitFor(`a status bar entry "${expected}"`, async () => {
      const all = await items.evaluateAll((els) =>
        els.map((e) => ({ id: e.id, text: (e.textContent || '').replace(/\s+/g, ' ').trim(), visible: e.offsetParent !== null })),
      );
      texts = all.filter((x) => x.visible && x.text).map((x) => x.text);
      found = all.find((x) => x.visible && x.text.includes('Pickard'));
      return found?.text === expected;
    }, { timeout: 15000, interval: 300 }).catch((e) => {
      if (found) throw new Error(`the status bar entry (id "${found.id}") shows ${JSON.stringify(found.text)}, expected ${JSON.stringify(expected)}`);
      throw new Error(`${e.message} at ${line}:${column}; status bar: ${JSON.stringify(texts)}`);
    });
    return `at ${line}:${column}: ${JSON.stringify(found.text)} (element id "${found.id}"; the seed has ${others} copies in the workspace)`;
  },
};
