import fs from 'node:fs';
import path from 'node:path';
import { CORPUS_DIR } from '../fixtures.mjs';
import {
  answerFileDialog, chooseQuickPickItem, contextMenu, explorerFolderRow, recordNotifications, recordedNotifications, waitFor,
  waitNotification, waitQuickPick,
} from '../workbench.mjs';

/** Problems with the IOB1 encoding: B- only right after a token of the same type. */
function iob1Problems(conll) {
  const out = [];
  let previous = 'O';
  conll.split('\n').forEach((line, i) => {
    if (line.trim() === '' || line.startsWith('-DOCSTART-')) {
      previous = 'O';
      return;
    }
    const tag = line.split(' ').pop();
    if (!/^(O|[BI]-[A-Za-z]+)$/.test(tag)) out.push(`line ${i + 1}: tag ${JSON.stringify(tag)}`);
    if (tag.startsWith('B-') && previous.slice(2) !== tag.slice(2)) out.push(`line ${i + 1}: ${tag} after ${previous}`);
    previous = tag;
  });
  return out;
}

export default {
  title: 'Explorer context menu on the corpus folder: Export Annotations…, CoNLL IOB1, with progress "n of N"',
  timeout: 120000,
  async run({ page, ws, tmp, name, screenshot }) {
    const out = path.join(tmp, name, 'corpus.conll');
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.rmSync(out, { force: true });
    const cables = fs.readdirSync(path.join(ws, CORPUS_DIR)).filter((f) => f.endsWith('.cable')).sort();
    const row = await explorerFolderRow(page, CORPUS_DIR);
    await contextMenu(page, row, 'Export Annotations…');
    const formats = await waitQuickPick(page, `Export ${cables.length} cables`);
    await chooseQuickPickItem(page, 'IOB1', 'CoNLL, IOB1');
    await recordNotifications(page, /^Exporting annotations/);
    await answerFileDialog(page, out);
    const done = await waitNotification(page, new RegExp(`^Exported ${cables.length} cables to `), 60000);
    const progress = await recordedNotifications(page);
    await screenshot('done');
    const counts = progress.map((t) => /(\d+) of (\d+)/.exec(t)).filter(Boolean);
    if (!counts.some((m) => Number(m[2]) === cables.length)) throw new Error(`no progress "n of ${cables.length}" seen: ${JSON.stringify(progress)}`);
    await waitFor(`${out} written`, () => fs.existsSync(out), { timeout: 5000 });
    const conll = fs.readFileSync(out, 'utf8');
    const docs = conll.split('\n').filter((l) => l.startsWith('-DOCSTART-'));
    const ids = docs.map((l) => /id=([^| ]+)/.exec(l)?.[1]);
    if (JSON.stringify(ids) !== JSON.stringify(cables)) throw new Error(`-DOCSTART- ids ${JSON.stringify(ids.slice(0, 5))}… (${ids.length}) are not the ${cables.length} cables of ${CORPUS_DIR}/ in order`);
    const notIob1 = docs.filter((l) => !l.includes('Scheme=iob1'));
    if (notIob1.length) throw new Error(`${notIob1.length} -DOCSTART- lines without Scheme=iob1: ${notIob1[0]}`);
    const bad = iob1Problems(conll);
    if (bad.length) throw new Error(`${bad.length} tags break IOB1: ${bad.slice(0, 5).join('; ')}`);
    return `"${formats.title}"; progress seen: ${JSON.stringify([progress[0], progress[progress.length - 1]])}; "${done}"; ` +
      `${docs.length} -DOCSTART- lines, one per cable in ${CORPUS_DIR}/ in order, each with Scheme=iob1; every B- follows a token of its type`;
  },
};
