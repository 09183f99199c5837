import { replaceOnce, seedText, textPosition } from '../fixtures.mjs';
import {
  activeTabDirty, clearNotifications, codeActionMenu, goToLine, notificationTexts, openCable, pressUntil, pressUntilDirty, readmeClip,
  saveExpecting, waitFor,
} from '../workbench.mjs';

// The seed after the split of [ORG Department and DoD  ] (check x): DoD's tag is one word short.
const NAME = 'extend.txt';
const SPLIT = replaceOnce(seedText, '[ORG Department and DoD  ]', '[ORG Department  ] and [ORG DoD  ]');
const DOD = textPosition(SPLIT, '[ORG DoD  ] representatives', '[ORG D'.length);
const CLINTON_AT = 'Miliband  ] to Secretary [PER Clinton  ] . \nThey'; // line 4
const CLINTON = textPosition(SPLIT, 'Miliband  ] to Secretary [PER Clinton  ] . ', 'Miliband  ] to Secretary [PER Cl'.length);
const REASON = '[ORG DoD  ] has one word: shrinking would leave the tag empty. Remove the tag instead.';
const EXTENDED = replaceOnce(SPLIT, '[ORG DoD  ] representatives', '[ORG DoD representatives  ]');
const SECRETARY = replaceOnce(SPLIT, CLINTON_AT, CLINTON_AT.replace('Secretary [PER Clinton  ]', '[PER Secretary Clinton  ]'));

export default {
  title: 'Shift+Alt+] extends [ORG DoD  ] by "representatives", Ctrl+Shift+Alt+] gives it back (and refuses, with the reason, on one word); Shift+Alt+[ and Ctrl+Shift+Alt+[ at the start; the Refactor menu',
  files: { [NAME]: { text: SPLIT } },
  timeout: 90000,
  async run({ page, own, abs, screenshot }) {
    const file = abs(own(NAME));
    await openCable(page, own(NAME));
    // The Refactor menu (Ctrl+Shift+R) names the same edits, and shows the refused ones disabled.
    const titles = await codeActionMenu(page, DOD, 'Extend to [ORG DoD representatives  ]', { key: 'Control+Shift+R' });
    // "Show Disabled": the refused actions, greyed (VS Code 1.96 shows LSP's reason nowhere in the menu;
    // the key below says it).
    // The menu blocks the pointer until the mouse moves: move onto the button, then click.
    const showDisabled = page.locator('.action-widget .action-widget-action-bar .action-label', { hasText: /^Show Disabled$/ }).first();
    const button = await showDisabled.boundingBox();
    if (!button) throw new Error('no "Show Disabled" in the Refactor menu');
    await page.mouse.move(button.x + 5, button.y + 5, { steps: 3 });
    await page.mouse.move(button.x + button.width / 2, button.y + button.height / 2, { steps: 3 });
    await showDisabled.click({ force: true });
    const SHRINK = "Shrink the tag's end by a word";
    let disabled = [];
    await waitFor(`"${SHRINK}" shown disabled`, async () => {
      disabled = await page.locator('.action-widget .monaco-list-row.action.option-disabled').evaluateAll((rs) => rs.map((r) => r.getAttribute('aria-label') || ''));
      return disabled.some((d) => d.startsWith(`${SHRINK}, Disabled`));
    }, { timeout: 10000 }).catch((e) => {
      throw new Error(`${e.message}; disabled rows: ${JSON.stringify(disabled)}`);
    });
    await screenshot('readme', { clip: await readmeClip(page, 640) });
    await page.keyboard.press('Escape');
    // The key of a refused action: a warning with the reason, no edit.
    const refusal = await pressUntil(page, 'Control+Shift+Alt+BracketRight', `the warning "${REASON}"`, async () => (await notificationTexts(page)).find((t) => t === REASON.replace(/\s+/g, ' ')), {
      before: () => goToLine(page, DOD.line, DOD.column),
    });
    if (await activeTabDirty(page)) throw new Error('the refused shrink modified the editor');
    await clearNotifications(page);
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
    return `Ctrl+Shift+R on DoD lists ${JSON.stringify(titles.filter((t) => /^(Extend|Shrink)/.test(t)))}, disabled: ${JSON.stringify(disabled.map((d) => d.split(',')[0]))}; Ctrl+Shift+Alt+] on the one-word tag: ${JSON.stringify(refusal)}, no edit; ` +
      'Shift+Alt+] → "[ORG DoD representatives  ]", Ctrl+Shift+Alt+] → "[ORG DoD  ] representatives", ' +
      'Shift+Alt+[ → "[PER Secretary Clinton  ]", Ctrl+Shift+Alt+[ → "Secretary [PER Clinton  ]", each on disk with nothing else changed';
  },
};
