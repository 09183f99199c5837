import fsp from 'node:fs/promises';
import { SEED, SEED_NAME, seedPosition } from '../fixtures.mjs';
import { occurrences } from '../oracle.mjs';
import {
  REFACTOR_PREVIEW, activeTabDirty, describeDiff, dismissWidgets, hidePanel, log, openFile, previewFiles, renameAt, statusMode, waitFor,
} from '../workbench.mjs';

// Renaming Mathias; the longer form [PER Stephen Mathias  ] follows, in the seed and every copy of it.
const RENAME_NAME = 'rename.txt'; // this check's copy of the seed, where F2 is pressed
const MATHIAS_TAG = '[PER Mathias  ]';
const MATHIAS_POS = seedPosition(MATHIAS_TAG, '[PER Ma'.length);

export default {
  title: `F2 renames Mathias to Matthias in ${RENAME_NAME}; the Refactor Preview lists every copy of the seed, and applies the ones ticked`,
  files: { [RENAME_NAME]: SEED, [SEED_NAME]: SEED },
  timeout: 90000,
  async run({ page, own, abs, screenshot, indexedCables }) {
    await dismissWidgets(page);
    await hidePanel(page);
    await openFile(page, own(RENAME_NAME));
    await waitFor('language mode "Tagged Cable"', async () => (await statusMode(page)) === 'Tagged Cable', { timeout: 15000 }).catch(
      async (e) => {
        throw new Error(`${e.message}; status bar shows "${await statusMode(page)}"`);
      },
    );
    // The cables with Stephen Mathias (this check's two copies of the seed and the other checks'),
    // as they are on disk before the rename. Only this check's own are ticked in the preview.
    const mine = [own(RENAME_NAME), own(SEED_NAME)];
    const targets = occurrences(indexedCables().cables, 'stephen mathias').map((o) => ({
      rel: o.rel,
      mine: mine.includes(o.rel),
      before: o.text,
      renamed: o.text.replaceAll(MATHIAS_TAG, '[PER Matthias  ]').replaceAll('[PER Stephen Mathias  ]', '[PER Stephen Matthias  ]'),
      edits: o.entity.mentions.length,
    }));
    if (targets.filter((t) => t.mine).length !== 2) throw new Error(`test setup: Stephen Mathias is in ${targets.map((t) => t.rel).join(', ')}, not in both of ${mine.join(', ')}`);
    const placeholder = await renameAt(page, MATHIAS_POS, 'Matthias');
    const preview = page.locator(REFACTOR_PREVIEW).first();
    const how = await waitFor('the Refactor Preview (or a direct edit)', async () => {
      if (await preview.isVisible().catch(() => false)) return 'preview';
      if (await activeTabDirty(page)) return 'direct';
      return undefined;
    }, { timeout: 15000, interval: 250 }).catch(async (e) => {
      const msg = ((await page.locator('.monaco-editor .monaco-editor-overlaymessage').first().innerText().catch(() => '')) || '').trim();
      throw new Error(`${e.message} after renaming "${placeholder}" to "Matthias"${msg ? `; editor says ${JSON.stringify(msg)}` : ''}`);
    });
    if (how !== 'preview') throw new Error(`the rename touches ${targets.length} cables but was applied without the Refactor Preview`);
    let previewNote = '';
    try {
      await page.locator(`${REFACTOR_PREVIEW} .monaco-list-row`).first().waitFor({ state: 'visible', timeout: 10000 }).catch(() => {});
      // The preview's tree has the focus: collapse its files (list.collapseAll), fewer rows to scroll through.
      await page.keyboard.press('Control+ArrowLeft');
      // This cable's edits come ticked; the other cables' need confirmation.
      const listed = await previewFiles(page);
      previewNote = `Refactor Preview listed ${listed.size} files, ticked: ${[...listed].filter(([, t]) => t).map(([r]) => r).join(', ') || 'none'}`;
      const missing = targets.filter((t) => !listed.has(t.rel)).map((t) => t.rel);
      if (missing.length) throw new Error(`the Refactor Preview does not list ${missing.join(', ')}; ${previewNote}`);
      const tickedOthers = [...listed].filter(([rel, ticked]) => ticked && rel !== own(RENAME_NAME)).map(([rel]) => rel);
      if (tickedOthers.length) throw new Error(`the other cables' edits came ticked: they should wait for confirmation: ${tickedOthers.join(', ')}; ${previewNote}`);
      if (listed.get(own(RENAME_NAME)) !== true) throw new Error(`the renamed cable's own edits came unticked; ${previewNote}`);
      // Tick this check's other copy only: the other checks' files stay as they are.
      const ticked = await previewFiles(page, [own(SEED_NAME)]);
      if (ticked.get(own(SEED_NAME)) !== true) throw new Error(`could not tick ${own(SEED_NAME)}; ${previewNote}`);
      previewNote += `; ticked ${own(SEED_NAME)}`;
      await screenshot('refactor-preview');
      await preview.locator('.monaco-button', { hasText: /^Apply$/ }).first().click();
      await preview.waitFor({ state: 'hidden', timeout: 10000 }).catch(() => log('the Refactor Preview did not close after Apply'));
    } finally {
      if (await preview.isVisible().catch(() => false)) {
        await preview.locator('.monaco-button', { hasText: /^Discard$/ }).first().click().catch(() => {});
      }
    }
    // VS Code saves the files of a refactoring that touches several files (files.refactoring.autoSave).
    const expected = (t) => (t.mine ? t.renamed : t.before);
    const onDisk = async () => Promise.all(targets.map(async (t) => ({ ...t, now: await fsp.readFile(abs(t.rel), 'utf8') })));
    let now = [];
    await waitFor('this check\'s copies renamed on disk', async () => {
      now = await onDisk();
      return now.every((t) => t.now === expected(t));
    }, { timeout: 10000, interval: 250 }).catch(() => {});
    const dirtyTabs = await page.locator('.part.editor .tab.dirty').evaluateAll((ts) => ts.map((t) => t.getAttribute('aria-label') || ''));
    const done = now.filter((t) => t.now === t.renamed).map((t) => t.rel);
    const report = `${previewNote}; renamed on disk: ${done.length ? done.join(', ') : 'none'}${dirtyTabs.length ? `; unsaved editors: ${dirtyTabs.join(', ')}` : ''}`;
    const wrong = now.filter((t) => t.now !== expected(t));
    if (wrong.length) {
      throw new Error(`${report}; ${wrong.map((t) => `${t.rel} ${t.mine ? 'should be renamed' : 'was not ticked, should be unchanged'}: ${describeDiff(expected(t), t.now)}`).join('; ')}`);
    }
    const edits = targets.filter((t) => t.mine).reduce((n, t) => n + t.edits, 0);
    return `rename box at ${MATHIAS_POS.line}:${MATHIAS_POS.column} (placeholder "${placeholder}"); ${report}; ` +
      `${edits} edits: Mathias → Matthias and Stephen Mathias → Stephen Matthias in ${mine.join(' and ')}, nothing else changed; ` +
      `the ${targets.length - 2} unticked copies unchanged`;
  },
};
