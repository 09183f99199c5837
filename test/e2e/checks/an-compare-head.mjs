import fs from 'node:fs';
import path from 'node:path';
import { SEED, SEED_NAME, replaceOnce, seedText, textPosition } from '../fixtures.mjs';
import { commitFolder, setWorkspaceSetting } from '../git.mjs';
import {
  activeTabDirty, chooseCodeAction, codeActionMenu, compareWithHead, comparisonStatus, cursorPosition, filterProblems, hidePanel, listRows,
  log, openCable, readmeClip, runCommand, saveExpecting, sleep, waitFor,
} from '../workbench.mjs';

// Two tags edited since HEAD: the first Miliband retyped, the first FCO untagged.
const MILIBAND = '[PER Miliband  ]';
const FCO = '[ORG FCO  ]';
const EDITED = replaceOnce(replaceOnce(seedText, 'Foreign Minister [PER Miliband  ] to Secretary [PER Clinton  ] . \nThey', 'Foreign Minister [ORG Miliband  ] to Secretary [PER Clinton  ] . \nThey'), '( [ORG FCO  ] ) on May 6', '( FCO ) on May 6');
const FCO_AT = textPosition(EDITED, '( FCO ) on May 6', 2);
const MESSAGES = [
  'Tagged only in HEAD: [ORG FCO  ] there, untagged here.',
  'Retyped in HEAD: [PER Miliband  ] there, [ORG Miliband  ] here.',
];
const squash = (s) => s.replace(/\s+/g, ' ');

/** The messages of the annotation-diff rows in the Problems panel, whitespace squashed. */
async function diffRows(page) {
  return (await listRows(page, '.markers-panel')).map((r) => squash(r.text)).filter((t) => t.includes('annotation-diff'));
}

export default {
  title: 'Compare Annotations With… › Git HEAD: two differences (status entry, Problems), Alt+F8 to the first, Accept theirs restores [ORG FCO  ], Keep mine keeps [ORG Miliband  ]',
  files: { [SEED_NAME]: SEED },
  timeout: 150000,
  async run({ page, own, abs, ws, screenshot }) {
    const dir = path.dirname(abs(own(SEED_NAME)));
    const file = abs(own(SEED_NAME));
    const removeRepo = commitFolder(dir);
    fs.writeFileSync(file, EDITED);
    const restoreSettings = setWorkspaceSetting(ws, 'git.enabled', true);
    try {
      await openCable(page, own(SEED_NAME));
      await compareWithHead(page);
      let status = '';
      await waitFor('the status entry "F1 0.99 vs HEAD · 2 differences"', async () => (status = await comparisonStatus(page)) === '$(diff) F1 0.99 vs HEAD · 2 differences', { timeout: 15000 })
        .catch((e) => {
          throw new Error(`${e.message}; it shows ${JSON.stringify(status)}`);
        });
      let rows = [];
      await filterProblems(page, 'annotation-diff');
      await waitFor('the two annotation-diff problems', async () => {
        rows = await diffRows(page);
        return MESSAGES.every((m) => rows.some((r) => r.includes(squash(m))));
      }, { timeout: 20000 })
        .catch((e) => {
          throw new Error(`${e.message}; rows ${JSON.stringify(rows)}`);
        });
      if (rows.length !== 2) throw new Error(`${rows.length} annotation-diff rows, not 2: ${JSON.stringify(rows)}`);

      // Alt+F8 from the top: the first difference, FCO, selected.
      await page.locator('.part.editor .monaco-editor textarea').first().focus();
      await page.keyboard.press('Control+Home');
      await page.keyboard.press('Alt+F8');
      let at;
      await waitFor(`FCO selected at ${FCO_AT.line}:${FCO_AT.column}`, async () => {
        at = await cursorPosition(page);
        return at.line === FCO_AT.line && at.selected === 3 && [FCO_AT.column, FCO_AT.column + 3].includes(at.column);
      }, { timeout: 10000 }).catch((e) => {
        throw new Error(`${e.message}; the status bar shows "${at?.text}"`);
      });
      const fcoSelected = at.text;
      const accept = 'Accept theirs: [ORG FCO  ] (HEAD)';
      const titles = await codeActionMenu(page, null, accept);
      const keep = 'Keep mine: untagged "FCO"';
      if (!titles.includes(keep)) throw new Error(`no "${keep}" in ${JSON.stringify(titles)}`);
      await screenshot('readme', { clip: await readmeClip(page) });
      await chooseCodeAction(page, accept, titles);
      await waitFor('the editor modified by Accept theirs', () => activeTabDirty(page), { timeout: 10000 });
      const accepted = replaceOnce(EDITED, '( FCO ) on May 6', `( ${FCO} ) on May 6`);
      await saveExpecting(page, file, accepted, `"${accept}"`);
      await waitFor('1 difference in the status entry', async () => (status = await comparisonStatus(page)).endsWith('· 1 difference'), { timeout: 15000 }).catch((e) => {
        throw new Error(`${e.message}; it shows ${JSON.stringify(status)}`);
      });

      // The next difference, Miliband: keep mine.
      await page.locator('.part.editor .monaco-editor textarea').first().focus();
      await page.keyboard.press('Alt+F8');
      await waitFor('Miliband selected', async () => (at = await cursorPosition(page)).line === 4 && at.selected === 'Miliband'.length, { timeout: 10000 }).catch((e) => {
        throw new Error(`${e.message}; the status bar shows "${at?.text}"`);
      });
      const keepMiliband = 'Keep mine: [ORG Miliband  ]';
      const titles2 = await codeActionMenu(page, null, keepMiliband);
      await chooseCodeAction(page, keepMiliband, titles2);
      await waitFor('0 differences in the status entry', async () => (status = await comparisonStatus(page)).endsWith('· 0 differences'), { timeout: 15000 }).catch((e) => {
        throw new Error(`${e.message}; it shows ${JSON.stringify(status)}`);
      });
      await sleep(500);
      if (await activeTabDirty(page)) throw new Error('Keep mine modified the editor');
      if (fs.readFileSync(file, 'utf8') !== accepted) throw new Error('Keep mine changed the file');
      return `"$(diff) F1 0.99 vs HEAD · 2 differences"; Problems: ${JSON.stringify(rows)}; Ctrl+Home, Alt+F8 → FCO selected (${JSON.stringify(fcoSelected)}); ` +
        `menu ${JSON.stringify(titles.filter((t) => /^(Accept|Keep)/.test(t)))}; Accept theirs → [ORG FCO  ] back on disk, "1 difference"; Alt+F8 → Miliband (${JSON.stringify(at.text)}), Keep mine → file unchanged, "0 differences"`;
    } finally {
      await runCommand(page, 'Tagged Cables: Stop Comparing').catch((e) => log(`Stop Comparing: ${e.message}`));
      await hidePanel(page);
      restoreSettings();
      removeRepo();
    }
  },
};
