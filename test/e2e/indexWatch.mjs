// Shared by checks q and u: a cable added to the workspace shows in the status bar entry of
// Copenhagen in 09ABUJA1907, which counts the other cables the entity is in.

import fs from 'node:fs';
import { ABUJA_REL, ADDED_SOURCE, COPENHAGEN_KEY, corpusCable, plural } from './fixtures.mjs';
import { occurrences } from './oracle.mjs';
import { dismissWidgets, goToLine, openFile, statusItemText, waitFor } from './workbench.mjs';

/**
 * Opens 09ABUJA1907 on Copenhagen, whose entity status entry counts the other cables it is in;
 * `expect(n)` waits for the entry to count n.
 */
export async function watchOtherCables(page, indexedCables) {
  await dismissWidgets(page);
  await openFile(page, ABUJA_REL);
  const occ = occurrences(indexedCables().cables, COPENHAGEN_KEY);
  const here = occ.find((o) => o.rel === ABUJA_REL).entity.definition;
  if (occurrences([{ text: fs.readFileSync(corpusCable(ADDED_SOURCE), 'utf8') }], COPENHAGEN_KEY).length !== 1) {
    throw new Error(`test setup: ${ADDED_SOURCE} does not mention ${COPENHAGEN_KEY}`);
  }
  await goToLine(page, here.line, here.column + 2);
  const entry = (n) => `$(symbol-key) Copenhagen · LOC · 1 mention · ${plural(n, 'other cable')}`;
  let text = '';
  return {
    others: occ.length - 1,
    expect: (n, what) =>
      waitFor(`the entity entry "${entry(n)}" ${what}`, async () => {
        text = await statusItemText(page, 'taggedCables.entity');
        return text === entry(n);
      }, { timeout: 20000, interval: 300 }).catch((e) => {
        throw new Error(`${e.message}; it shows ${JSON.stringify(text)}`);
      }),
  };
}
