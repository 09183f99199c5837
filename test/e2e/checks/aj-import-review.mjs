import fs from 'node:fs';
import path from 'node:path';
import { SEED_NAME, seedText } from '../fixtures.mjs';
import { untagged } from '../oracle.mjs';
import {
  activeTabDirty, activeTabLabel, describeDiff, dismissWidgets, importAnnotations, readmeClip, saveAs, statusMode, waitFor,
} from '../workbench.mjs';

/** The import opens an untitled editor in Tagged Cable, modified; saved, it holds exactly `expected`. */
async function importAndSave(page, input, saved, expected, beforeSave = async () => {}) {
  await dismissWidgets(page);
  const before = await activeTabLabel(page);
  await importAnnotations(page, input);
  let label = '';
  await waitFor('a new untitled editor in language "Tagged Cable"', async () => {
    label = await activeTabLabel(page);
    return label !== before && /Untitled-\d+/.test(label) && (await statusMode(page)) === 'Tagged Cable';
  }, { timeout: 20000 }).catch(async (e) => {
    throw new Error(`${e.message}; active tab "${label}", mode "${await statusMode(page)}"`);
  });
  if (!(await activeTabDirty(page))) throw new Error(`the imported editor "${label}" is not marked unsaved`);
  await beforeSave();
  const text = await saveAs(page, saved);
  if (text !== expected) throw new Error(`${path.basename(input)} imported differs from the seed: ${describeDiff(expected, text)}`);
  return /Untitled-\d+/.exec(label)[0];
}

export default {
  title: 'Import Annotations… of a JSONL record and of a brat .ann: an untitled Tagged Cable editor, unsaved, whose text is the seed byte for byte',
  async run({ page, tmp, name, screenshot }) {
    const dir = path.join(tmp, name);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    // The seed's record, read from its tags by the test's own reading (oracle.mjs).
    const { text, spans } = untagged(seedText);
    const jsonl = path.join(dir, 'seed.jsonl');
    fs.writeFileSync(jsonl, `${JSON.stringify({ id: SEED_NAME, text, spans })}\n`);
    const ann = path.join(dir, `${SEED_NAME}.ann`);
    fs.writeFileSync(path.join(dir, `${SEED_NAME}.txt`), text);
    fs.writeFileSync(ann, spans.map((s, i) => `T${i + 1}\t${s.label} ${s.start} ${s.end}\t${s.text}`).join('\n') + '\n');
    const fromJsonl = await importAndSave(page, jsonl, path.join(dir, 'from-jsonl.txt'), seedText, async () => screenshot('readme', { clip: await readmeClip(page) }));
    const fromBrat = await importAndSave(page, ann, path.join(dir, 'from-brat.txt'), seedText);
    return `seed.jsonl → "${fromJsonl}" and ${SEED_NAME}.ann (+ .txt) → "${fromBrat}": each an untitled Tagged Cable editor marked unsaved; saved, each is the seed byte for byte (${spans.length} tags)`;
  },
};
