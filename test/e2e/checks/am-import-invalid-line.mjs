import fs from 'node:fs';
import path from 'node:path';
import { SEED_NAME, seedText } from '../fixtures.mjs';
import { untagged } from '../oracle.mjs';
import { importAnnotations, sleep, tabLabels, waitNotification } from '../workbench.mjs';

export default {
  title: 'Import Annotations… of a JSONL whose line 2 is not JSON: an error naming line 2, and no editor',
  async run({ page, tmp, name }) {
    const dir = path.join(tmp, name);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    const jsonl = path.join(dir, 'broken.jsonl');
    fs.writeFileSync(jsonl, `${JSON.stringify({ id: SEED_NAME, ...untagged(seedText) })}\n{"id": "second.cable", "spans": [\n`);
    await importAnnotations(page, jsonl);
    const message = await waitNotification(page, /^Cannot import broken\.jsonl: /, 20000);
    if (!/:2: invalid JSON/.test(message)) throw new Error(`the error does not name line 2 as invalid JSON: ${JSON.stringify(message)}`);
    await sleep(1500);
    const tabs = await tabLabels(page);
    if (tabs.length) throw new Error(`editors opened: ${JSON.stringify(tabs)}`);
    return `${JSON.stringify(message)}; no editor opened`;
  },
};
