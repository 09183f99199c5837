import { PICKARD_KEY, PICKARD_POS, SEED, seedText } from '../fixtures.mjs';
import { cableEntities, tagsOf } from '../oracle.mjs';
import { cursorPosition, goToLine, openCable, pressUntil, readmeClip } from '../workbench.mjs';

// Nicolas Pickard's mentions in the seed, in text order, from the tags on disk.
const NAME = 'mentions.txt';
const mentions = cableEntities(seedText).get(PICKARD_KEY).mentions;
const k = mentions.findIndex((m) => m.line === PICKARD_POS.line && m.column <= PICKARD_POS.column && PICKARD_POS.column <= m.column + m.text.length);
const tags = tagsOf(seedText);
const tagIndex = tags.findIndex((t) => t === mentions[k] || (t.line === mentions[k].line && t.column === mentions[k].column));
const at = (m) => `${m.line}:${m.column}`;

export default {
  title: 'Shift+Alt+N moves to the next mention of Nicolas Pickard, Ctrl+Shift+Alt+N back; Shift+Alt+B to the next tag',
  files: { [NAME]: SEED },
  async run({ page, own, screenshot }) {
    if (k < 0 || k + 1 >= mentions.length || tagIndex < 0) throw new Error(`test setup: the first [PER Pickard  ] (${at(PICKARD_POS)}) is not among Pickard's mentions ${mentions.map(at).join(', ')}`);
    await openCable(page, own(NAME));
    const moved = [];
    const steps = [
      ['Shift+Alt+N', PICKARD_POS, mentions[k + 1], 'the next mention'],
      ['Control+Shift+Alt+N', mentions[k + 1], mentions[k], 'the previous mention'],
      ['Shift+Alt+B', mentions[k], tags[tagIndex + 1], 'the next tag'],
      ['Control+Shift+Alt+B', tags[tagIndex + 1], mentions[k], 'the previous tag'],
    ];
    for (const [key, from, to, what] of steps) {
      let seen;
      await pressUntil(page, key, `the cursor at ${at(to)}, ${what} (${to.type} ${JSON.stringify(to.text)})`, async () => {
        seen = await cursorPosition(page);
        return seen.line === to.line && seen.column === to.column;
      }, { before: () => goToLine(page, from.line, from.column + 1) }).catch((e) => {
        throw new Error(`${e.message}; the status bar shows "${seen?.text}"`);
      });
      moved.push(`${key} ${at(from)} → ${at(to)} (${what})`);
      if (key === 'Shift+Alt+N') await screenshot('readme', { clip: await readmeClip(page) });
    }
    return moved.join('; ');
  },
};
