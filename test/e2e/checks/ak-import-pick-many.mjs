import fs from 'node:fs';
import path from 'node:path';
import { CORPUS_DIR, corpusCable } from '../fixtures.mjs';
import { untagged } from '../oracle.mjs';
import {
  QUICK_INPUT, dismissWidgets, importAnnotations, quickPickState, saveAs, sleep, statusMode, tabLabels, waitFor, waitQuickPick,
} from '../workbench.mjs';

// Three cables of the shared corpus: the records' spans go onto the workspace cables of those names.
const IDS = ['04MADRID4687.cable', '07MOSCOW104.cable', '09ABUDHABI301.cable'];
const PICKED = [IDS[0], IDS[2]];

export default {
  title: 'Import Annotations… of a JSONL with 3 records: a multi-select pick of the ids; each picked one opens in its own editor',
  async run({ page, ws, tmp, name }) {
    const dir = path.join(tmp, name);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    const jsonl = path.join(dir, 'three.jsonl');
    fs.writeFileSync(jsonl, IDS.map((id) => JSON.stringify({ id, ...untagged(fs.readFileSync(corpusCable(id), 'utf8')) })).join('\n') + '\n');
    for (const id of IDS) if (!fs.existsSync(path.join(ws, CORPUS_DIR, id))) throw new Error(`test setup: ${CORPUS_DIR}/${id} is not in the workspace`);
    await importAnnotations(page, jsonl);
    const pick = await waitQuickPick(page, 'three.jsonl: 3 cables');
    const ids = pick.rows.map((r) => r.label);
    if (JSON.stringify(ids) !== JSON.stringify(IDS)) throw new Error(`the pick lists ${JSON.stringify(ids)}, not ${JSON.stringify(IDS)}`);
    for (const id of PICKED) {
      await page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: id }).locator('input[type="checkbox"], .quick-input-list-checkbox').first().click();
    }
    let seen;
    await waitFor(`${PICKED.join(' and ')} ticked`, async () => {
      seen = await quickPickState(page);
      return JSON.stringify(seen.rows.filter((r) => r.checked).map((r) => r.label)) === JSON.stringify(PICKED);
    }, { timeout: 5000 }).catch((e) => {
      throw new Error(`${e.message}; rows ${JSON.stringify(seen?.rows)}`);
    });
    await page.locator(QUICK_INPUT).first().focus();
    await sleep(150);
    await page.keyboard.press('Enter');
    let tabs = [];
    await waitFor('two untitled editors', async () => (tabs = (await tabLabels(page)).filter((t) => /Untitled-\d+/.test(t))).length === PICKED.length, { timeout: 20000 })
      .catch((e) => {
        throw new Error(`${e.message}; tabs ${JSON.stringify(tabs)}`);
      });
    await sleep(1000);
    if ((await tabLabels(page)).filter((t) => /Untitled-\d+/.test(t)).length !== PICKED.length) throw new Error(`more editors opened: ${JSON.stringify(await tabLabels(page))}`);
    // Save each (the active one, then the other): each is one of the picked cables, byte for byte.
    const saved = [];
    for (let i = 0; i < PICKED.length; i++) {
      await dismissWidgets(page);
      const mode = await statusMode(page);
      if (mode !== 'Tagged Cable') throw new Error(`an imported editor is in "${mode}"`);
      const text = await saveAs(page, path.join(dir, `saved-${i}.cable`));
      const id = PICKED.find((p) => fs.readFileSync(corpusCable(p), 'utf8') === text);
      if (!id || saved.includes(id)) throw new Error(`saved editor ${i + 1} is not one of ${PICKED.join(', ')} (or the same twice)`);
      saved.push(id);
      if (i + 1 < PICKED.length) await page.keyboard.press('Control+W');
    }
    return `pick "${pick.title}" listed ${ids.join(', ')}; ticked ${PICKED.join(', ')}; two untitled Tagged Cable editors, saved: ${saved.join(', ')} byte for byte`;
  },
};
