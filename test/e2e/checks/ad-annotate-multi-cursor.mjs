import { SEED, replaceOnce, seedPosition, seedText } from '../fixtures.mjs';
import { cursorPosition, goToLine, openCable, pressUntilDirty, saveExpecting, waitFor } from '../workbench.mjs';

const NAME = 'cursors.txt';
const PARLIAMENT = seedPosition('speech to Parliament', 'speech to Parl'.length);

export default {
  title: 'Ctrl+D twice on "Parliament", Shift+Alt+O tags both as ORG in one edit; one Ctrl+Z takes both back',
  files: { [NAME]: SEED },
  async run({ page, own, abs }) {
    const file = abs(own(NAME));
    await openCable(page, own(NAME));
    let status;
    const select = async () => {
      await goToLine(page, PARLIAMENT.line, PARLIAMENT.column);
      await page.keyboard.press('Control+D');
      await page.keyboard.press('Control+D');
      await waitFor('two selections', async () => /^2 selections/.test((status = await cursorPosition(page)).text), { timeout: 5000 }).catch((e) => {
        throw new Error(`${e.message}; the status bar shows "${status?.text}"`);
      });
    };
    await pressUntilDirty(page, 'Shift+Alt+O', 'tag as ORG on two cursors', { before: select });
    let tagged = replaceOnce(seedText, 'speech to Parliament in', 'speech to [ORG Parliament  ] in');
    tagged = replaceOnce(tagged, 'completed in Parliament ,', 'completed in [ORG Parliament  ] ,');
    await saveExpecting(page, file, tagged, 'Shift+Alt+O on two selections');
    await page.keyboard.press('Control+Z');
    await saveExpecting(page, file, seedText, 'one Ctrl+Z');
    return `${status.text} (Ctrl+D twice at ${PARLIAMENT.line}:${PARLIAMENT.column}); Shift+Alt+O → both "[ORG Parliament  ]" on disk; one Ctrl+Z → the seed as it was`;
  },
};
