import path from 'node:path';
import { EXPECTED_PICKARD_REFS, PICKARD_KEY, PICKARD_POS, SEED, SEED_NAME, sumMentions } from '../fixtures.mjs';
import { occurrences } from '../oracle.mjs';
import { dismissWidgets, openFile, peekFileGroups, referencesPeek } from '../workbench.mjs';

export default {
  title: `references of Pickard list its ${EXPECTED_PICKARD_REFS} mentions in the seed and those in each copy of it`,
  files: { [SEED_NAME]: SEED },
  async run({ page, own, ws, indexedCables }) {
    await dismissWidgets(page);
    await openFile(page, own(SEED_NAME));
    const occ = occurrences(indexedCables().cables, PICKARD_KEY);
    const expected = sumMentions(occ);
    const seedOcc = occ.find((o) => o.rel === own(SEED_NAME));
    if (!seedOcc || seedOcc.entity.mentions.length !== EXPECTED_PICKARD_REFS) {
      throw new Error(`test setup: the seed has ${seedOcc?.entity.mentions.length} Pickard mentions by the oracle, ${EXPECTED_PICKARD_REFS} by its tags`);
    }
    const count = await referencesPeek(page, PICKARD_POS, expected);
    const where = `${occ.length} cables: ${occ.map((o) => `${o.rel} ×${o.entity.mentions.length}`).join(', ')}`;
    if (!count.ok) throw new Error(`the peek shows ${count.n ?? 'no'} references, expected ${expected} (${where}); ${count.how}`);
    const groups = await peekFileGroups(page);
    // Several copies share the seed's name: a file group is known by its path.
    const seen = groups.map((g) => `${path.relative(ws, g.path)} ×${g.n}`).join(', ');
    const wrong = occ.filter((o) => !groups.some((g) => g.path === o.file && g.n === o.entity.mentions.length)).map((o) => o.rel);
    const extra = groups.filter((g) => !occ.some((o) => o.file === g.path)).map((g) => path.relative(ws, g.path));
    if (wrong.length || extra.length) {
      throw new Error(`the peek's files differ: ${wrong.length ? `missing or miscounted ${wrong.join(', ')}` : ''}${extra.length ? ` unexpected ${extra.join(', ')}` : ''}; expected ${where}; peek lists ${seen}`);
    }
    return `${count.n} references (${count.how}); files: ${seen}`;
  },
};
