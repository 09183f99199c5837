import fs from 'node:fs';
import path from 'node:path';
import { corpusCable } from '../fixtures.mjs';
import { untagged } from '../oracle.mjs';
import { answerFileDialog, chooseQuickPickItem, contextMenu, explorerFolderRow, waitFor, waitNotification, waitQuickPick } from '../workbench.mjs';

const CABLES = ['06BELGRADE1681.cable', '09DUSHANBE575.cable', '09LIMA1191.cable'];

/** The entity lines of a .ann: [{ label, start, end, text }]. */
const annSpans = (ann) => ann.split('\n').filter((l) => l.startsWith('T')).map((l) => {
  const [, head, text] = l.split('\t');
  const [label, start, end] = head.split(' ');
  return { start: Number(start), end: Number(end), label, text };
});

export default {
  title: 'Export Annotations… on a folder as brat standoff into a chosen folder: a .txt/.ann pair per cable, offsets in code points, no staging folder left',
  files: Object.fromEntries(CABLES.map((c) => [c, corpusCable(c)])),
  async run({ page, tmp, name, screenshot }) {
    const out = path.join(tmp, name, 'brat');
    fs.rmSync(out, { recursive: true, force: true });
    fs.mkdirSync(out, { recursive: true });
    const row = await explorerFolderRow(page, name);
    await contextMenu(page, row, 'Export Annotations…');
    await waitQuickPick(page, `Export ${CABLES.length} cables`);
    await chooseQuickPickItem(page, 'brat', 'brat standoff');
    const dialog = await answerFileDialog(page, out);
    const done = await waitNotification(page, new RegExp(`^Exported ${CABLES.length} cables to `), 30000);
    await screenshot('done');
    const expected = CABLES.flatMap((c) => [`${c}.ann`, `${c}.txt`]).sort();
    let files = [];
    await waitFor(`the ${expected.length} files in the folder`, () => (files = fs.readdirSync(out).sort()).length >= expected.length, { timeout: 5000 }).catch(() => {});
    if (JSON.stringify(files) !== JSON.stringify(expected)) throw new Error(`the folder holds ${JSON.stringify(files)}, not ${JSON.stringify(expected)} (no .cables-export-* staging folder)`);
    const checked = [];
    for (const c of CABLES) {
      const want = untagged(fs.readFileSync(corpusCable(c), 'utf8'));
      const txt = fs.readFileSync(path.join(out, `${c}.txt`), 'utf8');
      if (txt !== want.text) throw new Error(`${c}.txt is not the cable's untagged text`);
      const spans = annSpans(fs.readFileSync(path.join(out, `${c}.ann`), 'utf8'));
      if (JSON.stringify(spans) !== JSON.stringify(want.spans)) throw new Error(`${c}.ann: ${spans.length} entities, not the ${want.spans.length} tags of the cable at their code-point offsets`);
      const points = [...txt];
      const off = spans.filter((s) => points.slice(s.start, s.end).join('') !== s.text);
      if (off.length) throw new Error(`${c}.ann: ${off.length} entities whose text is not the .txt's at their offsets`);
      checked.push(`${c} (${spans.length} entities)`);
    }
    return `dialog "${dialog}"; "${done}"; ${checked.join(', ')}: each .txt the untagged text, each .ann its tags at code-point offsets; nothing else in the folder`;
  },
};
