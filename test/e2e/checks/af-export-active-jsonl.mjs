import fs from 'node:fs';
import path from 'node:path';
import { SEED, SEED_NAME, replaceOnce, seedPosition, seedText } from '../fixtures.mjs';
import { untagged } from '../oracle.mjs';
import {
  answerFileDialog, chooseQuickPickItem, goToLine, openCable, pressUntilDirty, readmeClip, runCommand, waitFor, waitNotification,
  waitQuickPick,
} from '../workbench.mjs';

const QUEEN = seedPosition('the Queen makes', 'the Qu'.length);

export default {
  title: 'Export Annotations… of the active cable as JSONL: one record with the unsaved edit, offsets in code points',
  files: { [SEED_NAME]: SEED },
  async run({ page, own, tmp, name, screenshot }) {
    const out = path.join(tmp, name, 'x.jsonl');
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.rmSync(out, { force: true });
    await openCable(page, own(SEED_NAME));
    // An unsaved edit: the export takes the editor's text.
    await pressUntilDirty(page, 'Shift+Alt+P', 'tag as PER', { before: () => goToLine(page, QUEEN.line, QUEEN.column) });
    await runCommand(page, 'Tagged Cables: Export Annotations…');
    const what = await waitQuickPick(page, 'Export Annotations');
    await chooseQuickPickItem(page, SEED_NAME, SEED_NAME);
    const formats = await waitQuickPick(page, 'Export 1 cable');
    await screenshot('readme', { clip: await readmeClip(page, 640) });
    await chooseQuickPickItem(page, 'JSONL', 'JSONL');
    const dialog = await answerFileDialog(page, out);
    const message = await waitNotification(page, /^Exported 1 cable to /);
    await waitFor(`${out} written`, () => fs.existsSync(out), { timeout: 5000 });
    const lines = fs.readFileSync(out, 'utf8').split('\n').filter(Boolean);
    if (lines.length !== 1) throw new Error(`${lines.length} JSONL lines, not 1`);
    const record = JSON.parse(lines[0]);
    const edited = replaceOnce(seedText, 'the Queen makes', 'the [PER Queen  ] makes');
    const want = untagged(edited);
    const problems = [];
    if (record.id !== SEED_NAME) problems.push(`id ${JSON.stringify(record.id)}`);
    if (record.text !== want.text) problems.push('text is not the untagged text of the edited cable');
    if (record.spans?.[0]?.text !== 'NATO') problems.push(`spans[0].text ${JSON.stringify(record.spans?.[0]?.text)}, not "NATO"`);
    if (JSON.stringify(record.spans) !== JSON.stringify(want.spans)) problems.push(`spans differ from the tags on disk plus Queen (${record.spans?.length} vs ${want.spans.length})`);
    const cps = [...record.text];
    const queen = record.spans.find((s) => s.text === 'Queen');
    if (!queen || queen.label !== 'PER' || cps.slice(queen.start, queen.end).join('') !== 'Queen') problems.push(`no PER span "Queen" at its code-point offsets: ${JSON.stringify(queen)}`);
    if (problems.length) throw new Error(problems.join('; '));
    return `picks "${what.title}" (${what.rows.map((r) => r.label).join(' | ')}) and "${formats.title}" (${formats.rows.map((r) => r.label).join(', ')}); ` +
      `dialog "${dialog}" → ${path.basename(out)}; "${message}"; one record, id ${record.id}, ${record.spans.length} spans (spans[0] NATO), ` +
      `the unsaved [PER Queen  ] among them at code points ${queen.start}–${queen.end}, text = the untagged text`;
  },
};
