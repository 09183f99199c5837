import { MALFORMED } from '../fixtures.mjs';
import { dismissWidgets, openFile, statusMode, waitFor } from '../workbench.mjs';

const MALFORMED_CODES = ['tag-unclosed', 'tag-unknown-type', 'tag-stray-close', 'tag-empty', 'tag-nested'];

export default {
  title: 'malformed.cable: the Problems panel lists the five tag diagnostics',
  files: { 'malformed.cable': MALFORMED },
  async run({ page, own }) {
    await openFile(page, own('malformed.cable'));
    const mode = await waitFor('language mode "Tagged Cable"', async () => {
      const m = await statusMode(page);
      return m === 'Tagged Cable' ? m : undefined;
    }, { timeout: 15000 }).catch(async () => statusMode(page));
    await dismissWidgets(page);
    await page.keyboard.press('Control+Shift+M');
    const panel = page.locator('.markers-panel').first();
    await panel.waitFor({ state: 'visible', timeout: 10000 });
    // Only this file's problems: the filter matches the file name.
    const filter = page.locator('.part.panel .viewpane-filter input, .part.panel .markers-panel-action-filter input').first();
    if (await filter.count()) {
      await filter.fill('malformed.cable');
    }
    let text = '';
    // A row shows "message cable(code) [Ln l, Col c]" (source "cable", the code a string);
    // the parentheses come from CSS, so compare without spaces and parentheses.
    const has = (code) => text.replace(/[\s()]+/g, '').includes(`cable${code}`);
    try {
      await waitFor('the five diagnostic codes in the Problems panel', async () => {
        text = ((await panel.innerText()) || '').replace(/\s+/g, ' ');
        return MALFORMED_CODES.every((c) => has(c));
      }, { timeout: 30000, interval: 500 });
    } catch (e) {
      const missing = MALFORMED_CODES.filter((c) => !has(c)).map((c) => `cable(${c})`);
      throw new Error(`${e.message}; missing ${missing.join(', ')} (language mode "${mode}"); panel text: ${JSON.stringify(text.slice(0, 600))}`);
    }
    const rows = await panel.locator('.monaco-list-row').count();
    return `${MALFORMED_CODES.map((c) => `cable(${c})`).join(', ')} all listed (${rows} rows, language mode "${mode}")`;
  },
};
