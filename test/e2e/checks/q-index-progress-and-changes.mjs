import fs from 'node:fs';
import { ADDED_NAME, ADDED_SOURCE, EXCLUDED, corpusCable } from '../fixtures.mjs';
import { watchOtherCables } from '../indexWatch.mjs';
import { entitiesView, statusItemText, waitFor } from '../workbench.mjs';

export default {
  title: 'indexing shows progress and ends with every cable; the index follows a cable added and deleted on disk',
  files: {},
  async run({ page, own, abs, screenshot, indexedCables, serverLogText }) {
    const { cables, candidates } = indexedCables();
    // What the workbench showed while indexing (recorded in the page from its start).
    const seen = await page.evaluate(() => window.__indexingSeen || []);
    const progress = seen.filter((s) => s.startsWith('progress: '));
    const viewMessages = seen.filter((s) => s.startsWith('view: '));
    const notes = [];
    if (progress.length === 0) notes.push('no "Indexing cables" progress was seen in the status bar (indexing may have been too quick)');
    const wrongTotal = progress.filter((p) => /of [\d,]+ files/.test(p) && !p.includes(`of ${candidates.toLocaleString('en-US')} files`));
    if (wrongTotal.length) throw new Error(`the progress counted files other than the ${candidates} .cable/.txt files outside the excluded folders: ${JSON.stringify(wrongTotal.slice(0, 3))}`);
    // Finished: no progress left, no "Indexing…" in the Entities view, and the server's count in its output.
    let now = '';
    let view = { message: '' };
    const logLine = await waitFor('the end of indexing', async () => {
      now = await statusItemText(page, 'status.progress');
      view = await entitiesView(page);
      if (/Indexing/.test(now) || /Indexing/.test(view.message)) return undefined;
      return /Indexed [\d,]+ cables[^\n"]*/.exec(serverLogText())?.[0];
    }, { timeout: 60000, interval: 500 }).catch((e) => {
      throw new Error(`${e.message}; status bar progress ${JSON.stringify(now)}, Entities view message ${JSON.stringify(view.message)}; output: ${JSON.stringify(serverLogText().slice(-300))}`);
    });
    const indexed = Number(/Indexed ([\d,]+) cables/.exec(logLine)[1].replace(/,/g, ''));
    if (indexed !== cables.length) throw new Error(`the server says "${logLine}", expected ${cables.length} cables (${candidates} candidate files, ${EXCLUDED.map((e) => `${e.folder}/`).join(' and ')} excluded)`);

    // A cable written on disk joins the index; deleted, it leaves it.
    const added = abs(own(ADDED_NAME));
    const watch = await watchOtherCables(page, indexedCables);
    await watch.expect(watch.others, 'before');
    fs.copyFileSync(corpusCable(ADDED_SOURCE), added);
    try {
      await watch.expect(watch.others + 1, `after ${own(ADDED_NAME)} was written`);
      await screenshot('file-added');
    } finally {
      fs.rmSync(added, { force: true });
    }
    await watch.expect(watch.others, `after ${own(ADDED_NAME)} was deleted`);
    return `progress seen: ${progress.length ? `${JSON.stringify(progress[0])} … ${JSON.stringify(progress.at(-1))} (${progress.length} states)` : 'none'}; ` +
      `Entities view while indexing: ${viewMessages.length ? JSON.stringify(viewMessages.slice(0, 3)) : 'nothing seen'}; finished: "${logLine}"; ` +
      `the entity entry went ${watch.others} → ${watch.others + 1} → ${watch.others} other cables as ${own(ADDED_NAME)} was written and deleted` +
      `${notes.length ? `; note: ${notes.join('; ')}` : ''}`;
  },
};
