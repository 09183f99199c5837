import fs from 'node:fs';
import path from 'node:path';
import { SEED, SEED_NAME, replaceOnce, seedText } from '../fixtures.mjs';
import { commitFolder, setWorkspaceSetting } from '../git.mjs';
import {
  activeTabLabel, compareWithHead, comparisonStatus, filterProblems, hidePanel, listRows, log, openCable, readmeClip, runCommand, tabLabels,
  waitFor,
} from '../workbench.mjs';

// Three Ford tags retyped since HEAD, and one FCO untagged.
const EDITED = replaceOnce(seedText.replaceAll('[ORG Ford  ]', '[PER Ford  ]'), '( [ORG FCO  ] ) on May 6', '( FCO ) on May 6');
const SCHEMES = ['strict', 'exact', 'partial', 'type'];

/** The text of the hover shown for the status bar (the workbench's hover widget). */
async function workbenchHover(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('.workbench-hover, .monaco-hover')].filter((h) => h.offsetParent !== null).map((h) => (h.innerText || '').trim()).join('\n'),
  );
}

export default {
  title: 'while comparing with HEAD: the status entry\'s hover has the score table, Show Comparison Scores opens it as a Markdown preview, Stop Comparing ends it',
  files: { [SEED_NAME]: SEED },
  timeout: 150000,
  async run({ page, own, abs, ws, screenshot }) {
    const file = abs(own(SEED_NAME));
    const removeRepo = commitFolder(path.dirname(file));
    fs.writeFileSync(file, EDITED);
    const restoreSettings = setWorkspaceSetting(ws, 'git.enabled', true);
    let stopped = false;
    try {
      await openCable(page, own(SEED_NAME));
      await compareWithHead(page);
      let status = '';
      await waitFor('4 differences in the status entry', async () => (status = await comparisonStatus(page)).endsWith('vs HEAD · 4 differences'), { timeout: 15000 }).catch((e) => {
        throw new Error(`${e.message}; it shows ${JSON.stringify(status)}`);
      });
      await filterProblems(page, 'annotation-diff');
      // The hover of the status entry: the table of the four schemes.
      const entry = page.locator('[id="workbench.parts.statusbar"] .statusbar-item[id$="taggedCables.comparison"]').first();
      let hover = '';
      const complete = (text) => SCHEMES.every((s) => new RegExp(`^${s}\\s`, 'm').test(text)) && text.replace(/\s+/g, ' ').includes('compared with HEAD');
      await waitFor('the score table in the status entry\'s hover', async () => {
        await page.mouse.move(700, 400);
        await entry.hover({ force: true });
        return waitFor('the hover', async () => complete((hover = await workbenchHover(page))), { timeout: 3000, interval: 200 }).catch(() => false);
      }, { timeout: 30000, interval: 500 }).catch((e) => {
        throw new Error(`${e.message}; hover: ${JSON.stringify(hover)}`);
      });
      await screenshot('readme', { clip: await readmeClip(page) });
      await page.mouse.move(700, 400);
      await runCommand(page, 'Tagged Cables: Show Comparison Scores');
      let preview = '';
      await waitFor('a Markdown preview of the scores', async () => /^Preview .*vs HEAD/.test((preview = await activeTabLabel(page))), { timeout: 20000 }).catch(async (e) => {
        throw new Error(`${e.message}; tabs ${JSON.stringify(await tabLabels(page))}`);
      });
      // Back in the cable: the entry (and the command) shows again once the comparison is read.
      await openCable(page, own(SEED_NAME));
      await waitFor('the status entry back', async () => (status = await comparisonStatus(page)).endsWith('vs HEAD · 4 differences'), { timeout: 15000 });
      await runCommand(page, 'Tagged Cables: Stop Comparing');
      stopped = true;
      await waitFor('the status entry hidden', async () => (status = await comparisonStatus(page)) === '', { timeout: 15000 }).catch((e) => {
        throw new Error(`${e.message}; it shows ${JSON.stringify(status)}`);
      });
      let rows = [];
      await filterProblems(page, 'annotation-diff');
      await waitFor('no annotation-diff problem', async () => {
        rows = (await listRows(page, '.markers-panel')).filter((r) => r.text.includes('annotation-diff'));
        return rows.length === 0;
      }, { timeout: 15000 }).catch((e) => {
        throw new Error(`${e.message}; rows ${JSON.stringify(rows.map((r) => r.text))}`);
      });
      const firstLines = hover.split('\n').filter(Boolean).slice(0, 2).join(' / ');
      return `hover: ${JSON.stringify(firstLines)} with rows ${SCHEMES.join(', ')}; Show Comparison Scores → "${preview}"; Stop Comparing → entry hidden, no annotation-diff problem`;
    } finally {
      if (!stopped) await runCommand(page, 'Tagged Cables: Stop Comparing').catch((e) => log(`Stop Comparing: ${e.message}`));
      await hidePanel(page);
      restoreSettings();
      removeRepo();
    }
  },
};
