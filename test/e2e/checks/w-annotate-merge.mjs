import { SEED, replaceOnce, seedPosition, seedText } from '../fixtures.mjs';
import { chooseQuickPickItem, openCable, pressUntil, quickPickState, readmeClip, saveExpecting, selectFrom, waitDirty } from '../workbench.mjs';

// The Foreign and Commonwealth Office, tagged in two halves in the seed: one ORG.
const NAME = 'merge.txt';
const FROM = seedPosition('Foreign  ] and [ORG Commonwealth');
const SELECTED = 'Foreign  ] and [ORG Comm'; // from the first tag into the second
const PICK_TITLE = 'Type of the merged tag';

export default {
  title: 'Shift+Alt+J merges [LOC United Kingdom Foreign  ] and [ORG Commonwealth Office  ] into one ORG (the pick offers LOC first)',
  files: { [NAME]: SEED },
  async run({ page, own, abs, screenshot }) {
    await openCable(page, own(NAME));
    await selectFrom(page, FROM, SELECTED.length);
    const pick = await pressUntil(page, 'Shift+Alt+J', `the pick "${PICK_TITLE}"`, async () => {
      const s = await quickPickState(page);
      return s?.title === PICK_TITLE && s.rows.length > 0 ? s : undefined;
    });
    const types = pick.rows.map((r) => r.label);
    if (types[0] !== 'LOC') throw new Error(`the merge pick lists ${JSON.stringify(types)}: the first tag's type, LOC, should come first`);
    await screenshot('readme', { clip: await readmeClip(page, 640) });
    await chooseQuickPickItem(page, 'ORG', 'ORG');
    await waitDirty(page, 'the merge as ORG');
    const expected = replaceOnce(seedText, '[LOC United Kingdom Foreign  ] and [ORG Commonwealth Office  ]', '[ORG United Kingdom Foreign and Commonwealth Office  ]');
    await saveExpecting(page, abs(own(NAME)), expected, 'Shift+Alt+J, ORG');
    return `selected ${JSON.stringify(SELECTED)} at ${FROM.line}:${FROM.column}; the pick "${pick.title}" listed ${types.join(', ')}; ORG → "[ORG United Kingdom Foreign and Commonwealth Office  ]" on disk, nothing else changed`;
  },
};
