import fs from 'node:fs';
import { ABUJA_NAME, ABUJA_REL, MALFORMED, SEED, SEED_NAME } from '../fixtures.mjs';
import { typeCounts } from '../oracle.mjs';
import { dismissWidgets, openFile, statusItemText, waitFor } from '../workbench.mjs';

export default {
  title: 'the status bar entry of the active cable shows its entities per type, errors and warnings',
  files: { [SEED_NAME]: SEED, 'malformed.cable': MALFORMED },
  async run({ page, own, abs, cliProblems }) {
    const typeOrder = ['PER', 'ORG', 'LOC', 'MISC'];
    const results = [];
    for (const { name, rel, entities } of [
      { name: SEED_NAME, rel: own(SEED_NAME), entities: true },
      { name: ABUJA_NAME, rel: ABUJA_REL, entities: true },
      { name: 'malformed.cable', rel: own('malformed.cable'), entities: false },
    ]) {
      await dismissWidgets(page);
      await openFile(page, rel);
      const { errors, warnings } = cliProblems(rel);
      const problems = `$(error) ${errors} $(warning) ${warnings}`;
      let want;
      if (entities) {
        const counts = typeCounts(fs.readFileSync(abs(rel), 'utf8'));
        const types = [...counts.keys()].sort((a, b) => (typeOrder.indexOf(a) + 1 || 99) - (typeOrder.indexOf(b) + 1 || 99));
        want = `$(tag) ${types.map((t) => `${t} ${counts.get(t)}`).join(' · ')} ${problems}`;
      }
      let text = '';
      await waitFor(`the cable entry ${want ? `"${want}"` : `ending in "${problems}"`} for ${name}`, async () => {
        text = await statusItemText(page, 'taggedCables.cable');
        return want ? text === want : text.startsWith('$(tag) ') && text.endsWith(problems);
      }, { timeout: 20000, interval: 300 }).catch((e) => {
        throw new Error(`${e.message}; it shows ${JSON.stringify(text)}`);
      });
      results.push(`${name}: ${JSON.stringify(text)}`);
    }
    return results.join('; ');
  },
};
