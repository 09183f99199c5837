import fs from 'node:fs';
import path from 'node:path';
import { MALFORMED, corpusCable } from '../fixtures.mjs';
import {
  activeTabLabel, answerFileDialog, chooseQuickPickItem, contextMenu, cursorPosition, explorerFolderRow, notificationToast, sleep, waitFor,
  waitNotification, waitQuickPick,
} from '../workbench.mjs';

const CABLES = ['09STATE63812.cable', '09TALLINN114.cable'];
const BAD = 'malformed.cable'; // an unclosed tag at 5:97

export default {
  title: 'Export Annotations… of corpus cables and malformed.cable selected together: "Nothing was exported: …malformed.cable:5:97", no file; Open goes to 5:97',
  files: { ...Object.fromEntries(CABLES.map((c) => [c, corpusCable(c)])), [BAD]: MALFORMED },
  async run({ page, tmp, name }) {
    const out = path.join(tmp, name, 'refused.jsonl');
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.rmSync(out, { force: true });
    const folder = await explorerFolderRow(page, name);
    await folder.click();
    const rowOf = (file) => page.locator(`.explorer-folders-view .monaco-list-row[aria-level="2"][aria-label="${file}"]`).first();
    const names = [...CABLES, BAD];
    // Ctrl+click each file (a plain click would open it, and the Explorer would then select the open
    // file alone), then Ctrl+click the folder to leave it out.
    const selected = (row) => row.evaluate((r) => r.classList.contains('selected')).catch(() => false);
    const toggle = async (row, want, what) => {
      await row.waitFor({ state: 'visible', timeout: 10000 });
      await waitFor(`${what} ${want ? '' : 'not '}selected`, async () => {
        if ((await selected(row)) !== want) await row.click({ modifiers: ['Control'] });
        return waitFor('toggled', async () => (await selected(row)) === want, { timeout: 2000, interval: 100 }).catch(() => false);
      }, { timeout: 10000, interval: 300 });
    };
    for (const file of names) await toggle(rowOf(file), true, file);
    await toggle(folder, false, `the folder ${name}`);
    await waitFor('the three files selected', async () => (await page.locator('.explorer-folders-view .monaco-list-row.selected[aria-level="2"]').count()) === names.length, { timeout: 5000 })
      .catch(async (e) => {
        const rows = await page.locator('.explorer-folders-view .monaco-list-row.selected').evaluateAll((rs) => rs.map((r) => r.getAttribute('aria-label')));
        throw new Error(`${e.message}; selected: ${JSON.stringify(rows)}`);
      });
    await contextMenu(page, rowOf(BAD), 'Export Annotations…');
    await waitQuickPick(page, `Export ${names.length} cables`);
    await chooseQuickPickItem(page, 'JSONL', 'JSONL');
    await answerFileDialog(page, out);
    const message = await waitNotification(page, /^Nothing was exported: /, 30000);
    if (!message.includes(`${name}/${BAD}:5:97`)) throw new Error(`the error does not name ${name}/${BAD}:5:97: ${JSON.stringify(message)}`);
    await sleep(500);
    if (fs.existsSync(out)) throw new Error(`${out} was written`);
    const leftovers = fs.readdirSync(path.dirname(out));
    if (leftovers.length) throw new Error(`left in the output folder: ${leftovers.join(', ')}`);
    await notificationToast(page, /^Nothing was exported/).locator('.monaco-button', { hasText: /^Open$/ }).first().click();
    let at;
    await waitFor(`${BAD} open at Ln 5, Col 97`, async () => {
      at = await cursorPosition(page);
      return (await activeTabLabel(page)).includes(BAD) && at.line === 5 && at.column === 97;
    }, { timeout: 10000 }).catch((e) => {
      throw new Error(`${e.message}; cursor "${at?.text}"`);
    });
    return `selected ${names.join(', ')} in the Explorer; ${JSON.stringify(message)}; no file written; Open → ${BAD} at ${at.text}`;
  },
};
