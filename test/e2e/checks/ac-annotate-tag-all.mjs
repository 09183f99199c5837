import fs from 'node:fs';
import { SEED, replaceOnce, seedPosition, seedText } from '../fixtures.mjs';
import {
  REFACTOR_PREVIEW, chooseQuickPickItem, goToLine, log, openCable, pressUntil, previewFiles, quickPickState, readmeClip, saveExpecting,
  waitDirty, waitFor, waitQuickPick,
} from '../workbench.mjs';

// "Parliament", untagged twice in the seed (and in other cables); "Parliamentary" is another word.
const NAME = 'tag-all.txt';
const PARLIAMENT = seedPosition('speech to Parliament', 'speech to Parl'.length);
const SCOPE_TITLE = 'Tag all occurrences of the selected text';

async function tagAll(page, scope) {
  await pressUntil(page, 'Shift+Alt+E', `the pick "${SCOPE_TITLE}"`, async () => (await quickPickState(page))?.title === SCOPE_TITLE, {
    before: () => goToLine(page, PARLIAMENT.line, PARLIAMENT.column),
  });
  await chooseQuickPickItem(page, scope, scope);
  await waitQuickPick(page, 'Entity type');
  await chooseQuickPickItem(page, 'ORG', 'ORG');
}

export default {
  title: 'Shift+Alt+E on "Parliament": in every cable, the Refactor Preview ticks this cable only (Discard); in this cable, one edit',
  files: { [NAME]: SEED },
  timeout: 120000,
  async run({ page, own, abs, ws, screenshot }) {
    const file = abs(own(NAME));
    await openCable(page, own(NAME));
    await tagAll(page, 'In every cable of the workspace');
    const preview = page.locator(REFACTOR_PREVIEW).first();
    let listed;
    try {
      await preview.waitFor({ state: 'visible', timeout: 30000 });
      await page.locator(`${REFACTOR_PREVIEW} .monaco-list-row`).first().waitFor({ state: 'visible', timeout: 10000 });
      await screenshot('readme', { clip: await readmeClip(page) });
      // Files only (list.collapseAll): fewer rows to scroll through.
      await page.keyboard.press('Control+ArrowLeft');
      listed = await previewFiles(page);
    } finally {
      if (await preview.isVisible().catch(() => false)) {
        await preview.locator('.monaco-button', { hasText: /^Discard$/ }).first().click().catch((e) => log(`Discard: ${e.message}`));
        await preview.waitFor({ state: 'hidden', timeout: 10000 }).catch(() => log('the Refactor Preview did not close'));
      }
    }
    const summary = `Refactor Preview: ${listed.size} files, ticked: ${[...listed].filter(([, t]) => t).map(([r]) => r).join(', ') || 'none'}`;
    if (listed.get(own(NAME)) !== true) throw new Error(`this cable's edits are not ticked; ${summary}`);
    const tickedOthers = [...listed].filter(([rel, t]) => t && rel !== own(NAME)).map(([rel]) => rel);
    if (tickedOthers.length) throw new Error(`other cables' edits came ticked (they wait for confirmation): ${tickedOthers.join(', ')}`);
    const corpusFiles = [...listed.keys()].filter((r) => r.startsWith('corpus/'));
    if (corpusFiles.length === 0) throw new Error(`no corpus cable listed; ${summary}`);
    const without = [...listed.keys()].filter((r) => !/\bParliament\b/.test(fs.readFileSync(`${ws}/${r}`, 'utf8')));
    if (without.length) throw new Error(`listed without "Parliament" on disk: ${without.join(', ')}`);
    if (fs.readFileSync(file, 'utf8') !== seedText) throw new Error('Discard left the cable changed on disk');
    await waitFor('the editor unmodified after Discard', async () => (await page.locator('.part.editor .tab.active.dirty').count()) === 0, { timeout: 5000 });

    await tagAll(page, 'In this cable');
    await waitDirty(page, 'tag all in this cable');
    let expected = replaceOnce(seedText, 'speech to Parliament in', 'speech to [ORG Parliament  ] in');
    expected = replaceOnce(expected, 'completed in Parliament ,', 'completed in [ORG Parliament  ] ,');
    await saveExpecting(page, file, expected, 'Shift+Alt+E, In this cable, ORG');
    return `${summary} (${corpusFiles.length} corpus cables, every one unticked; Discard left the file as it was); ` +
      'in this cable: both "Parliament" → "[ORG Parliament  ]" on disk, "Parliamentary" and the rest unchanged';
  },
};
