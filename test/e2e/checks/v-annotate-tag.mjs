import { SEED, seedPosition, seedText } from '../fixtures.mjs';
import {
  chooseQuickPickItem, cursorPosition, goToLine, openCable, pressUntilDirty, readmeClip, saveExpecting, selectFrom, waitDirty, waitQuickPick,
} from '../workbench.mjs';

// Entities the tagger missed in the seed: "the Queen makes her speech to Parliament".
const NAME = 'tag.txt';
const QUEEN = seedPosition('the Queen makes', 'the Qu'.length); // a cursor inside the word
const PARLIAMENT = seedPosition('speech to Parliament', 'speech to '.length);

export default {
  title: 'Shift+Alt+P tags the word at the cursor as PER; Shift+Alt+T picks a type for a selection',
  files: { [NAME]: SEED },
  async run({ page, own, abs, screenshot }) {
    const file = abs(own(NAME));
    await openCable(page, own(NAME));
    await pressUntilDirty(page, 'Shift+Alt+P', 'tag as PER', { before: () => goToLine(page, QUEEN.line, QUEEN.column) });
    const tagged = seedText.replace('the Queen makes', 'the [PER Queen  ] makes');
    await saveExpecting(page, file, tagged, 'Shift+Alt+P in "Queen"');
    // The same line has moved by the tag's markup: "Parliament" is 8 columns on.
    const at = { line: PARLIAMENT.line, column: PARLIAMENT.column + '[PER   ]'.length };
    await selectFrom(page, at, 'Parliam'.length); // snaps to the whole word
    await page.keyboard.press('Shift+Alt+T');
    const pick = await waitQuickPick(page, 'Entity type');
    const types = pick.rows.map((r) => r.label);
    if (types.join() !== 'PER,ORG,LOC,MISC') throw new Error(`the type pick lists ${JSON.stringify(types)}, not the configured types PER, ORG, LOC, MISC`);
    await screenshot('readme', { clip: await readmeClip(page, 640) });
    await chooseQuickPickItem(page, 'ORG', 'ORG');
    await waitDirty(page, 'Shift+Alt+T, ORG');
    const both = tagged.replace('speech to Parliament in', 'speech to [ORG Parliament  ] in');
    await saveExpecting(page, file, both, 'Shift+Alt+T, ORG on "Parliam"');
    const cursor = await cursorPosition(page);
    return `Shift+Alt+P at ${QUEEN.line}:${QUEEN.column} → "the [PER Queen  ] makes" on disk; Shift+Alt+T on "Parliam" offered ${types.join(', ')} ("${pick.title}"), ORG → "[ORG Parliament  ]"; nothing else changed (cursor then ${cursor.text})`;
  },
};
