import fsp from 'node:fs/promises';
import { SEED, seedPosition, seedText } from '../fixtures.mjs';
import { activeTabDirty, goToLine, notificationTexts, openCable, pressUntil, sleep } from '../workbench.mjs';

const NAME = 'refuse.txt';
const QUEEN = seedPosition('the Queen makes', 'the Qu'.length); // untagged text
const MESSAGE = 'Place the cursor in a tag to split it.';

export default {
  title: `Shift+Alt+S outside a tag says "${MESSAGE}" and changes nothing`,
  files: { [NAME]: SEED },
  async run({ page, own, abs }) {
    await openCable(page, own(NAME));
    const toast = await pressUntil(page, 'Shift+Alt+S', `the warning "${MESSAGE}"`, async () => (await notificationTexts(page)).find((t) => t.includes(MESSAGE)), {
      before: () => goToLine(page, QUEEN.line, QUEEN.column),
    });
    await sleep(1000);
    if (await activeTabDirty(page)) throw new Error('the refused split modified the editor');
    const onDisk = await fsp.readFile(abs(own(NAME)), 'utf8');
    if (onDisk !== seedText) throw new Error('the refused split changed the file on disk');
    return `at ${QUEEN.line}:${QUEEN.column} (in "Queen"): ${JSON.stringify(toast)}; the editor is not modified, the file unchanged`;
  },
};
