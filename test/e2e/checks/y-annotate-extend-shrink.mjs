import { SEED, replaceOnce, seedText, textPosition } from '../fixtures.mjs';
import { codeActionMenu, goToLine, openCable, pressUntilDirty, saveExpecting, readmeClip } from '../workbench.mjs';

// The seed after the split of [ORG Department and DoD  ] (check x): DoD's tag is one word short.
const NAME = 'extend.txt';
const SPLIT = replaceOnce(seedText, '[ORG Department and DoD  ]', '[ORG Department  ] and [ORG DoD  ]');
const DOD = textPosition(SPLIT, '[ORG DoD  ] representatives', '[ORG D'.length);
const CLINTON_AT = 'Miliband  ] to Secretary [PER Clinton  ] . \nThey'; // line 4
const CLINTON = textPosition(SPLIT, 'Miliband  ] to Secretary [PER Clinton  ] . ', 'Miliband  ] to Secretary [PER Cl'.length);
const EXTENDED = replaceOnce(SPLIT, '[ORG DoD  ] representatives', '[ORG DoD representatives  ]');
const SECRETARY = replaceOnce(SPLIT, CLINTON_AT, CLINTON_AT.replace('Secretary [PER Clinton  ]', '[PER Secretary Clinton  ]'));

export default {
  title: 'Shift+Alt+] extends [ORG DoD  ] by "representatives", Ctrl+Shift+Alt+] gives it back; Shift+Alt+[ and Ctrl+Shift+Alt+[ at the start',
  files: { [NAME]: { text: SPLIT } },
  timeout: 90000,
  async run({ page, own, abs, screenshot }) {
    const file = abs(own(NAME));
    await openCable(page, own(NAME));
    // The code actions name the same edits (the README's screenshot).
    const titles = await codeActionMenu(page, DOD, 'Extend to [ORG DoD representatives  ]');
    await screenshot('readme', { clip: await readmeClip(page, 640) });
    await page.keyboard.press('Escape');
    const steps = [
      ['Shift+Alt+BracketRight', DOD, EXTENDED, 'extend the end'],
      ['Control+Shift+Alt+BracketRight', DOD, SPLIT, 'shrink the end'],
      ['Shift+Alt+BracketLeft', CLINTON, SECRETARY, 'extend the start'],
      // "[PER Secretary Cl" is as long as "Secretary [PER Cl": the cursor is in "Clinton" again.
      ['Control+Shift+Alt+BracketLeft', CLINTON, SPLIT, 'shrink the start'],
    ];
    for (const [key, pos, expected, what] of steps) {
      await pressUntilDirty(page, key, what, { before: () => goToLine(page, pos.line, pos.column) });
      await saveExpecting(page, file, expected, `${key} at ${pos.line}:${pos.column} (${what})`);
    }
    return `Ctrl+. on DoD lists ${JSON.stringify(titles.filter((t) => /^(Extend|Shrink)/.test(t)))}; ` +
      'Shift+Alt+] → "[ORG DoD representatives  ]", Ctrl+Shift+Alt+] → "[ORG DoD  ] representatives", ' +
      'Shift+Alt+[ → "[PER Secretary Clinton  ]", Ctrl+Shift+Alt+[ → "Secretary [PER Clinton  ]", each on disk with nothing else changed';
  },
};
