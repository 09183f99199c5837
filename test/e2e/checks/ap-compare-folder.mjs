import fs from 'node:fs';
import { corpusCable } from '../fixtures.mjs';
import {
  answerFileDialog, chooseQuickPickItem, filterProblems, hidePanel, listRows, log, openCable, runCommand, waitFor, waitNotification,
  waitQuickPick,
} from '../workbench.mjs';

// theirs/: three corpus cables; mine/: the same with their first tag retyped.
const CABLES = ['07MADRID2077.cable', '08BERLIN1068.cable', '86MADRID5480.cable'];
function retypeFirst(text) {
  const m = /\[([A-Za-z]+) /.exec(text);
  return `${text.slice(0, m.index)}[${m[1] === 'MISC' ? 'ORG' : 'MISC'} ${text.slice(m.index + m[0].length)}`;
}
const mine = Object.fromEntries(CABLES.map((c) => [`mine/${c}`, { text: retypeFirst(fs.readFileSync(corpusCable(c), 'utf8')) }]));
const theirs = Object.fromEntries(CABLES.map((c) => [`theirs/${c}`, corpusCable(c)]));

export default {
  title: 'Compare Annotations With… › Same Name in Another Folder: 3 cables of mine/ against theirs/, one difference each in Problems, closed ones too; Stop Comparing clears them all',
  files: { ...mine, ...theirs },
  timeout: 120000,
  async run({ page, own, abs }) {
    let stopped = false;
    try {
      await openCable(page, own(`mine/${CABLES[0]}`));
      await runCommand(page, 'Tagged Cables: Compare Annotations With…');
      await waitQuickPick(page, 'Compare the annotations of');
      await chooseQuickPickItem(page, 'Same Name', 'Same Name in Another Folder…');
      const dialog = await answerFileDialog(page, abs(own('theirs')));
      const message = await waitNotification(page, /^Comparing \d+ cables? with /, 30000);
      if (!message.startsWith('Comparing 3 cables with theirs: 3 differences')) throw new Error(`the notification says ${JSON.stringify(message)}`);
      let rows = [];
      const fileRow = (c) => rows.find((r) => r.level === 1 && r.text.includes(c) && r.text.includes('mine'));
      await filterProblems(page, 'annotation-diff');
      await waitFor('the three cables of mine/ in Problems, one annotation-diff each', async () => {
        rows = await listRows(page, '.markers-panel');
        return CABLES.every((c) => fileRow(c)?.badge === '1');
      }, { timeout: 30000, interval: 500 }).catch((e) => {
        throw new Error(`${e.message}; rows ${JSON.stringify(rows.map((r) => `${r.level}:${r.text} [${r.badge}]`))}`);
      });
      const diffs = rows.filter((r) => r.level === 2 && r.text.includes('annotation-diff'));
      if (diffs.length !== 3) throw new Error(`${diffs.length} annotation-diff rows, not 3: ${JSON.stringify(diffs.map((r) => r.text))}`);
      const notRetyped = diffs.filter((r) => !/^Retyped in theirs/.test(r.text));
      if (notRetyped.length) throw new Error(`not "Retyped in theirs": ${JSON.stringify(notRetyped.map((r) => r.text))}`);
      // Stop Comparing ends the folder's comparison: the closed cables' differences go too.
      await runCommand(page, 'Tagged Cables: Stop Comparing');
      stopped = true;
      let left = [];
      await waitFor('no annotation-diff problem left', async () => {
        left = (await listRows(page, '.markers-panel')).filter((r) => r.text.includes('annotation-diff'));
        return left.length === 0;
      }, { timeout: 20000, interval: 500 }).catch((e) => {
        throw new Error(`${e.message} after Stop Comparing; rows ${JSON.stringify(left.map((r) => r.text))}`);
      });
      return `dialog "${dialog}" → theirs/; ${JSON.stringify(message)}; Problems: ${CABLES.map((c) => `${c} [1]`).join(', ')} (two never opened): ${JSON.stringify(diffs.map((r) => r.text.split(' cable')[0]))}; Stop Comparing → none left`;
    } finally {
      if (!stopped) await runCommand(page, 'Tagged Cables: Stop Comparing').catch((e) => log(`Stop Comparing: ${e.message}`));
      await hidePanel(page);
    }
  },
};
