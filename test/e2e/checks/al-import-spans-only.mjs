import fs from 'node:fs';
import path from 'node:path';
import { SEED } from '../fixtures.mjs';
import { untagged } from '../oracle.mjs';
import { activeTabLabel, describeDiff, importAnnotations, saveAs, statusMode, waitFor } from '../workbench.mjs';

// Model output: spans over a workspace cable's untagged text, without the text.
const NAME = 'model-review.txt'; // a name no other file of the workspace has

export default {
  title: 'Import Annotations… of {"id", "spans"} without text: the workspace cable with only those tags, untitled; the file unchanged',
  files: { [NAME]: SEED },
  async run({ page, own, abs, tmp, name }) {
    const dir = path.join(tmp, name);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    const before = fs.readFileSync(abs(own(NAME)), 'utf8');
    const plain = untagged(before).text;
    // `word` within `context` (found once in the untagged text), at code-point offsets.
    const span = (context, word, label) => {
      const at = plain.indexOf(context) + context.indexOf(word);
      const start = [...plain.slice(0, at)].length;
      return { start, end: start + [...word].length, label, text: word };
    };
    const spans = [span('the Queen makes', 'Queen', 'PER'), span('Parliament in November', 'Parliament', 'ORG')];
    const jsonl = path.join(dir, 'model.jsonl');
    fs.writeFileSync(jsonl, `${JSON.stringify({ id: NAME, spans })}\n`);
    const expected = plain.replace('the Queen makes', 'the [PER Queen  ] makes').replace('Parliament in November', '[ORG Parliament  ] in November');
    await importAnnotations(page, jsonl);
    let label = '';
    await waitFor('an untitled Tagged Cable editor', async () => /Untitled-\d+/.test((label = await activeTabLabel(page))) && (await statusMode(page)) === 'Tagged Cable', { timeout: 20000 })
      .catch((e) => {
        throw new Error(`${e.message}; active tab "${label}"`);
      });
    const text = await saveAs(page, path.join(dir, 'reviewed.txt'));
    if (text !== expected) throw new Error(`the imported cable differs from the untagged cable with the two tags: ${describeDiff(expected, text)}`);
    if (fs.readFileSync(abs(own(NAME)), 'utf8') !== before) throw new Error(`${NAME} changed on disk`);
    return `{"id": "${NAME}", "spans": [Queen PER, Parliament ORG]} → "${/Untitled-\d+/.exec(label)[0]}": the cable's text with only [PER Queen  ] and [ORG Parliament  ] (its ${untagged(before).spans.length} tags gone); ${NAME} unchanged on disk`;
  },
};
