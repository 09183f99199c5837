import path from 'node:path';
import { ABUJA_NAME, ABUJA_REL, COPENHAGEN_KEY, EXCLUDED, sumMentions } from '../fixtures.mjs';
import { occurrences } from '../oracle.mjs';
import { dismissWidgets, openFile, peekFileGroups, referencesPeek } from '../workbench.mjs';

export default {
  title: `Find All References on Copenhagen in ${ABUJA_NAME} lists its mentions in every cable`,
  files: {},
  async run({ page, ws, indexedCables }) {
    await dismissWidgets(page);
    await openFile(page, ABUJA_REL);
    const occ = occurrences(indexedCables().cables, COPENHAGEN_KEY);
    const here = occ.find((o) => o.rel === ABUJA_REL).entity.definition;
    const pos = { line: here.line, column: here.column + 2 };
    const expected = sumMentions(occ);
    const count = await referencesPeek(page, pos, expected);
    const where = occ.map((o) => `${o.name} ×${o.entity.mentions.length}`).join(', ');
    if (!count.ok) throw new Error(`the peek shows ${count.n ?? 'no'} references at ${pos.line}:${pos.column}, expected ${expected} in ${occ.length} cables (${where}); ${count.how}`);
    const groups = await peekFileGroups(page);
    const seen = groups.map((g) => `${path.relative(ws, g.path)} ×${g.n}`).join(', ');
    const wrong = occ.filter((o) => !groups.some((g) => g.path === o.file && g.n === o.entity.mentions.length)).map((o) => o.rel);
    const extra = groups.filter((g) => !occ.some((o) => o.file === g.path)).map((g) => path.relative(ws, g.path));
    if (wrong.length || extra.length) {
      throw new Error(`the peek's files differ from the cables on disk: ${wrong.length ? `missing or miscounted ${wrong.join(', ')}` : ''}${extra.length ? ` unexpected ${extra.join(', ')}` : ''}; expected ${where}; peek lists ${seen}`);
    }
    return `at ${pos.line}:${pos.column}: ${count.n} references in ${groups.length} files (${count.how}): ${seen}; ${EXCLUDED.map((e) => `${e.folder}/${e.name}`).join(' and ')} left out`;
  },
};
