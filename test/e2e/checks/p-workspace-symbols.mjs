import { ANN_PICKARD_KEY, COPENHAGEN_KEY, PICKARD_KEY, SEED, SEED_NAME } from '../fixtures.mjs';
import { occurrences } from '../oracle.mjs';
import { QUICK_INPUT, activeTabLabel, dismissWidgets, openFile, waitFor } from '../workbench.mjs';

// Fuzzy workspace symbol queries.
const SYMBOL_QUERY_LOC = 'copnhgn';
const SYMBOL_QUERY_PER = 'pckrd';

export default {
  title: 'Go to Symbol in Workspace (Ctrl+T) lists the entities of every cable with their type and cable',
  files: { [SEED_NAME]: SEED },
  async run({ page, own, screenshot, indexedCables }) {
    await dismissWidgets(page);
    await openFile(page, own(SEED_NAME));
    const { cables } = indexedCables();
    const input = page.locator(QUICK_INPUT).first();
    const symbolRows = () => page.locator('.quick-input-widget .monaco-list-row').evaluateAll((rs) =>
      rs.map((r) => ({
        name: (r.querySelector('.label-name')?.textContent || '').trim(),
        desc: (r.querySelector('.label-description')?.textContent || '').trim(),
        focused: r.classList.contains('focused'),
      })),
    );
    const results = [];
    let rows = [];
    let ann;
    let total = 0;
    for (const [query, keys] of [[SYMBOL_QUERY_LOC, [COPENHAGEN_KEY]], [SYMBOL_QUERY_PER, [PICKARD_KEY, ANN_PICKARD_KEY]]]) {
      // name, "TYPE · cable • path" for each cable of each entity.
      const want = keys.flatMap((k) => occurrences(cables, k).map((o) => `${k} | ${o.entity.type} · ${o.cable} • ${o.rel}`));
      if (keys.includes(ANN_PICKARD_KEY)) ann = occurrences(cables, ANN_PICKARD_KEY)[0];
      await dismissWidgets(page);
      await page.keyboard.press('Control+T');
      await input.waitFor({ state: 'visible', timeout: 5000 });
      await input.fill(`#${query}`);
      // Only the rows in view are rendered: move the focus down the list (it wraps) to see them all.
      const listed = new Map();
      await waitFor(`${want.length} symbols for "${query}"`, async () => {
        rows = await symbolRows();
        for (const r of rows) listed.set(`${r.name.toLowerCase()} | ${r.desc}`, r);
        if (want.every((w) => listed.has(w))) return true;
        for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowDown');
        return false;
      }, { timeout: 45000, interval: 400 }).catch((e) => {
        throw new Error(`${e.message}: expected ${JSON.stringify(want)}; listed ${JSON.stringify([...listed.values()].map((r) => `${r.name} | ${r.desc}`))}`);
      });
      total = listed.size;
      results.push(`"#${query}": ${[...listed.values()].map((r) => `${r.name} (${r.desc.split(' • ')[0]})`).join(', ')}`);
    }
    await screenshot('list');
    // Enter on Ann Pickard opens 09ABUJA1907 at her definition.
    const wantDesc = `PER · ${ann.cable} • ${ann.rel}`;
    for (let i = 0; i <= total; i++) {
      rows = await symbolRows();
      const f = rows.find((r) => r.focused);
      if (f && f.name === 'Ann Pickard' && f.desc === wantDesc) break;
      await page.keyboard.press('ArrowDown');
    }
    await page.keyboard.press('Enter');
    const def = ann.entity.definition;
    let status = '';
    await waitFor(`${ann.name} opened at ${def.line}:${def.column}`, async () => {
      status = ((await page.locator('[id="status.editor.selection"]').first().textContent().catch(() => '')) || '').trim();
      return (await activeTabLabel(page)).includes(ann.name) && status.startsWith(`Ln ${def.line}, Col ${def.column}`);
    }, { timeout: 10000 }).catch(async (e) => {
      throw new Error(`${e.message}; active tab "${await activeTabLabel(page)}", selection "${status}"`);
    });
    return `${results.join('; ')}; Enter on Ann Pickard opened ${ann.name} at "${status}"`;
  },
};
