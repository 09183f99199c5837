import { corpusCable, textPosition } from '../fixtures.mjs';
import fs from 'node:fs';
import { chooseCodeAction, codeActionMenu, openCable, readmeClip, saveExpecting, waitDirty } from '../workbench.mjs';

// The corpus tagger split "Bono-Rumsfeld meeting" at the hyphen: [PER Bono-  ]Rumsfeld (three times).
const NAME = '05MADRID1585.cable';
const text = fs.readFileSync(corpusCable(NAME), 'utf8');
const BONO = textPosition(text, '[PER Bono-  ]Rumsfeld', '[PER Bo'.length);
const FIXES = [
  'Take the hyphen out of the tag: [PER Bono  ]-Rumsfeld',
  'Tag the whole word: [PER Bono-Rumsfeld  ]',
  'Tag each part as PER: [PER Bono  ]-[PER Rumsfeld  ]',
];

export default {
  title: 'tag-boundary: Ctrl+. on [PER Bono-  ]Rumsfeld offers the three fixes; the first gives [PER Bono  ]-Rumsfeld',
  files: { [NAME]: corpusCable(NAME) },
  async run({ page, own, abs, screenshot }) {
    await openCable(page, own(NAME));
    const titles = await codeActionMenu(page, BONO, FIXES[0]);
    const missing = FIXES.filter((f) => !titles.includes(f));
    if (missing.length) throw new Error(`the menu lacks ${JSON.stringify(missing)}; menu: ${JSON.stringify(titles)}`);
    await screenshot('readme', { clip: await readmeClip(page) });
    await chooseCodeAction(page, FIXES[0], titles);
    await waitDirty(page, FIXES[0]);
    const lines = text.split('\n');
    lines[BONO.line - 1] = lines[BONO.line - 1].replace('[PER Bono-  ]Rumsfeld', '[PER Bono  ]-Rumsfeld');
    await saveExpecting(page, abs(own(NAME)), lines.join('\n'), `"${FIXES[0]}"`);
    return `at ${BONO.line}:${BONO.column}: ${JSON.stringify(titles.filter((t) => FIXES.includes(t)))}; chose the first: line ${BONO.line} has "[PER Bono  ]-Rumsfeld" on disk, the other two occurrences and the rest unchanged`;
  },
};
