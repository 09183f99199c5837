import { ABUJA_NAME, ABUJA_REL, COPENHAGEN_KEY, plural, sumMentions } from '../fixtures.mjs';
import { occurrences } from '../oracle.mjs';
import { activeTabLabel, dismissWidgets, goToLine, hidePanel, hoverText, openFile, sleep, waitFor } from '../workbench.mjs';

export default {
  title: `hover on Copenhagen in ${ABUJA_NAME} says "Also in N other cables (M mentions)" and links to them`,
  files: {},
  async run({ page, screenshot, indexedCables }) {
    await dismissWidgets(page);
    await hidePanel(page);
    await openFile(page, ABUJA_REL);
    const occ = occurrences(indexedCables().cables, COPENHAGEN_KEY);
    const here = occ.find((o) => o.rel === ABUJA_REL).entity.definition;
    const others = occ.filter((o) => o.rel !== ABUJA_REL);
    const want = `Also in ${plural(others.length, 'other cable')} (${plural(sumMentions(others), 'mention')})`;
    const wantLinks = others.slice(0, 5).map((o) => o.cable);
    const more = others.length - wantLinks.length;
    const wantLine = `${want}: ${wantLinks.join(', ')}${more > 0 ? `, and ${more} more` : ''}`;
    await goToLine(page, here.line, here.column + 2);
    let text = '';
    await waitFor(`a hover with "${wantLine}"`, async () => {
      text = (await hoverText(page)).replace(/\s+/g, ' ');
      if (text.includes(wantLine)) return true;
      await page.keyboard.press('Escape');
      await page.keyboard.press('Control+K');
      await page.keyboard.press('Control+I');
      await sleep(1000);
      text = (await hoverText(page)).replace(/\s+/g, ' ');
      return text.includes(wantLine);
    }, { timeout: 30000, interval: 250 }).catch((e) => {
      throw new Error(`${e.message}; hover text: ${JSON.stringify(text.slice(0, 500))}`);
    });
    // Its second link opens that cable at the entity's definition there.
    const target = others[1];
    const def = target.entity.definition;
    const hover = page.locator('.monaco-editor .monaco-hover').filter({ hasText: 'Also in' }).first();
    await screenshot('links');
    await hover.locator('a', { hasText: new RegExp(`^${target.cable}$`) }).first().click();
    let status = '';
    await waitFor(`${target.name} opened at ${def.line}:${def.column}`, async () => {
      status = ((await page.locator('[id="status.editor.selection"]').first().textContent().catch(() => '')) || '').trim();
      return (await activeTabLabel(page)).includes(target.name) && status.startsWith(`Ln ${def.line}, Col ${def.column}`);
    }, { timeout: 10000 }).catch(async (e) => {
      throw new Error(`${e.message}; active tab "${await activeTabLabel(page)}", selection "${status}"; hover: ${JSON.stringify(text.slice(0, 300))}`);
    });
    return `hover at ${here.line}:${here.column + 2}: ${JSON.stringify(text.slice(0, 260))}; the link "${target.cable}" opened ${target.name} at "${status}"`;
  },
};
