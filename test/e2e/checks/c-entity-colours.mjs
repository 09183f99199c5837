import { SEED, SEED_NAME, seedPosition, seedText } from '../fixtures.mjs';
import { goToLine, log, openFile, renderedColour, statusMode, waitFor } from '../workbench.mjs';

// One rendered text per entity type, the first candidate present in the seed.
const COLOUR_TARGETS = [
  { type: 'PER', candidates: ['Steven Costner', 'Nicolas Pickard', 'Pickard'] },
  { type: 'ORG', candidates: ['NATO'] },
  { type: 'LOC', candidates: ['London', 'UK'] },
  { type: 'MISC', candidates: ['British'] },
].map(({ type, candidates }) => {
  for (const text of candidates) {
    const tag = `[${type} ${text}  ]`;
    if (seedText.includes(tag)) return { type, text, ...seedPosition(tag, `[${type} `.length) };
  }
  throw new Error(`the seed has no [${type} …] tag among ${candidates.join(', ')}`);
});

export default {
  title: 'PER, ORG, LOC and MISC mentions have four different colours in the seed',
  files: { [SEED_NAME]: SEED },
  async run({ page, own }) {
    await openFile(page, own(SEED_NAME));
    await waitFor('language mode "Tagged Cable"', async () => (await statusMode(page)) === 'Tagged Cable', { timeout: 15000 }).catch(
      async (e) => {
        throw new Error(`${e.message}; status bar shows "${await statusMode(page)}"`);
      },
    );
    let last = [];
    try {
      await waitFor('four distinct entity colours', async () => {
        last = [];
        for (const t of COLOUR_TARGETS) {
          await goToLine(page, t.line, t.column);
          const r = await renderedColour(page, t.type, t.text);
          if (!r) throw new Error(`[${t.type} ${t.text}  ] not rendered (line ${t.line})`);
          if (r.colours.length !== 1) {
            last.push(`${t.type} "${t.text}": ${r.colours.length} colours ${r.colours.join(' / ')}`);
            log(`colours not ready: ${last.at(-1)}`);
            return false;
          }
          last.push({ ...t, colour: r.colours[0] });
        }
        const distinct = new Set(last.map((x) => x.colour)).size === 4;
        if (!distinct) log(`colours not distinct yet: ${last.map((x) => `${x.type} ${x.colour}`).join(', ')}`);
        return distinct;
      }, { timeout: 30000, interval: 1000 });
    } catch (e) {
      const seen = last.map((x) => (typeof x === 'string' ? x : `${x.type} "${x.text}" ${x.colour}`)).join('; ');
      throw new Error(`${e.message}; saw ${seen || 'nothing'}`);
    }
    return last.map((x) => `${x.type} "${x.text}" (${x.line}:${x.column}) ${x.colour}`).join('; ');
  },
};
