import { SEED, replaceOnce, seedPosition, seedText } from '../fixtures.mjs';
import { activeTabDirty, goToLine, openCable, pressUntil, quickPickState, readmeClip, saveExpecting, waitFor } from '../workbench.mjs';

// Two entities in one tag: the Department (of State) and DoD.
const NAME = 'split.txt';
const AND = seedPosition('[ORG Department and DoD  ]', '[ORG Department a'.length); // in "and"
const PICK_TITLE = 'Type of "Department" (Escape keeps ORG)';

export default {
  title: 'Shift+Alt+S splits [ORG Department and DoD  ] at "and"; Escape in the type pick keeps ORG',
  files: { [NAME]: SEED },
  async run({ page, own, abs, screenshot }) {
    await openCable(page, own(NAME));
    const pick = await pressUntil(page, 'Shift+Alt+S', `the pick "${PICK_TITLE}"`, async () => {
      const s = await quickPickState(page);
      return s?.title === PICK_TITLE && s.rows.length > 0 ? s : undefined;
    }, { before: () => goToLine(page, AND.line, AND.column) });
    if (!(await activeTabDirty(page))) throw new Error('the type pick is open but the tag is not split yet');
    await screenshot('readme', { clip: await readmeClip(page, 640) });
    await page.keyboard.press('Escape');
    await waitFor('the pick closed', async () => (await quickPickState(page)) === undefined, { timeout: 5000 });
    const expected = replaceOnce(seedText, '[ORG Department and DoD  ]', '[ORG Department  ] and [ORG DoD  ]');
    await saveExpecting(page, abs(own(NAME)), expected, 'Shift+Alt+S and Escape');
    const rows = pick.rows.map((r) => `${r.label}${r.description ? ` (${r.description})` : ''}`);
    return `at ${AND.line}:${AND.column}: "${pick.title}" offered ${rows.join(', ')}; Escape; "[ORG Department  ] and [ORG DoD  ]" on disk, nothing else changed`;
  },
};
