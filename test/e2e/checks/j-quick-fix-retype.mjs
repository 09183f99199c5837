import { SEED, countOccurrences, seedLines, seedPosition, seedText } from '../fixtures.mjs';
import { activeTabDirty, describeDiff, dismissWidgets, goToLine, hidePanel, openFile, saveAndRead, statusMode, waitFor } from '../workbench.mjs';

// "Ford" is tagged ORG three times in the seed, PER twice ([PER Andrew Ford  ], [PER Ford  ]).
const FORD_ORG_TAG = '[ORG Ford  ]';
const FORD_PER_TAG = '[PER Ford  ]';
const FORD_POS = seedPosition(FORD_ORG_TAG, '[ORG Fo'.length);
const CONFLICT_NAME = 'conflict.txt'; // this check's copy of the seed, which it changes
const RETYPE_ALL_TITLE = 'Retype all 5 mentions of "Andrew Ford" as PER';
const RETYPE_ONE_TITLE = 'Retype this mention as PER';

export default {
  title: `the quick fix "${RETYPE_ALL_TITLE}" retypes every ${FORD_ORG_TAG} in ${CONFLICT_NAME}`,
  files: { [CONFLICT_NAME]: SEED },
  async run({ page, own, abs, screenshot }) {
    await dismissWidgets(page);
    await hidePanel(page);
    await openFile(page, own(CONFLICT_NAME));
    await waitFor('language mode "Tagged Cable"', async () => (await statusMode(page)) === 'Tagged Cable', { timeout: 15000 }).catch(
      async (e) => {
        throw new Error(`${e.message}; status bar shows "${await statusMode(page)}"`);
      },
    );
    const { line, column } = FORD_POS;
    const widget = page.locator('.action-widget').first();
    let titles = [];
    // Ctrl+. until the menu lists the retype actions (the language server may still be analysing).
    const chosen = await waitFor('the quick-fix menu with the retype actions', async () => {
      await goToLine(page, line, column);
      await page.keyboard.press('Control+.');
      await widget.waitFor({ state: 'visible', timeout: 5000 }).catch(() => {});
      titles = await widget.locator('.monaco-list-row.action').evaluateAll((rs) =>
        rs.map((r) => (r.querySelector('.title')?.textContent || r.getAttribute('aria-label') || '').trim()),
      ).catch(() => []);
      for (const title of [RETYPE_ALL_TITLE, RETYPE_ONE_TITLE]) if (titles.includes(title)) return title;
      await page.keyboard.press('Escape');
      return undefined;
    }, { timeout: 30000, interval: 1000 }).catch((e) => {
      throw new Error(`${e.message}; menu at ${line}:${column}: ${JSON.stringify(titles)}`);
    });
    const menu = `menu: ${JSON.stringify(titles)}`;
    await screenshot('menu');
    // Keyboard, not a click: the menu lays a pointer block over the page until the mouse moves.
    // Arrow keys move the focused row (the preferred action is focused first), Enter applies it.
    const focusedTitle = async () =>
      ((await widget.locator('.monaco-list-row.action.focused .title').first().textContent({ timeout: 1000 }).catch(() => '')) || '').trim();
    const firstFocused = await focusedTitle();
    for (let i = 0; i <= titles.length && (await focusedTitle()) !== chosen; i++) await page.keyboard.press('ArrowDown');
    if ((await focusedTitle()) !== chosen) throw new Error(`could not focus "${chosen}" in the menu (focused: "${await focusedTitle()}"); ${menu}`);
    await page.keyboard.press('Enter');
    await widget.waitFor({ state: 'hidden', timeout: 5000 }).catch(() => {});
    await waitFor(`${CONFLICT_NAME} modified`, () => activeTabDirty(page), { timeout: 10000 }).catch((e) => {
      throw new Error(`${e.message} after choosing "${chosen}"; ${menu}`);
    });
    const expected = chosen === RETYPE_ALL_TITLE
      ? seedText.replaceAll(FORD_ORG_TAG, FORD_PER_TAG)
      : seedLines.map((l, i) => (i === line - 1 ? l.replace(FORD_ORG_TAG, FORD_PER_TAG) : l)).join('\n');
    const onDisk = await saveAndRead(page, abs(own(CONFLICT_NAME)), expected);
    if (onDisk !== expected) {
      throw new Error(`after "${chosen}" and Ctrl+S, ${CONFLICT_NAME} differs from the expected text: ${describeDiff(expected, onDisk)}; ${menu}`);
    }
    const n = countOccurrences(seedText, FORD_ORG_TAG);
    const note = chosen === RETYPE_ALL_TITLE ? '' : ` (note: "${RETYPE_ALL_TITLE}" was not offered)`;
    return `chose "${chosen}" at ${line}:${column}; on disk ${chosen === RETYPE_ALL_TITLE ? `all ${n}` : 'one of'} ${FORD_ORG_TAG} → ${FORD_PER_TAG}, ${countOccurrences(onDisk, FORD_ORG_TAG)} left, nothing else changed${note}; focused when the menu opened: "${firstFocused}"; ${menu}`;
  },
};
