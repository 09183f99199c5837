import { SEED, SEED_NAME, seedPosition } from '../fixtures.mjs';
import { dismissWidgets, goToLine, lineRendered, openFile, renderedLineNumbers, waitFor } from '../workbench.mjs';

// Folding the section whose heading shares its line with the ¶3 anchor.
const OUTLINE_SECTION = 'CONVENTION ON CLUSTER MUNITIONS';
const FOLD_HEADING = `------------------------------- ${OUTLINE_SECTION} -------------------------------`;
const FOLD_POS = seedPosition(FOLD_HEADING, '------------------------------- '.length);
const FOLD_INSIDE_TEXT = '( C ) [PER Pickard  ] informed the group';
const FOLD_INSIDE_LINE = seedPosition(FOLD_INSIDE_TEXT).line;

export default {
  title: `folding the section "${OUTLINE_SECTION}" hides its lines`,
  files: { [SEED_NAME]: SEED },
  async run({ page, own, screenshot }) {
    await dismissWidgets(page);
    await openFile(page, own(SEED_NAME));
    const { line, column } = FOLD_POS;
    const inside = FOLD_INSIDE_LINE;
    const foldedMarker = '.part.editor .monaco-editor .margin-view-overlays .codicon-folding-collapsed, .part.editor .monaco-editor .inline-folded';
    let numbers = [];
    // The folding ranges come from the language server; retry the fold until a range starts here.
    await waitFor(`line ${inside} hidden after Fold on line ${line}`, async () => {
      await goToLine(page, line, column);
      if (!(await lineRendered(page, FOLD_INSIDE_TEXT))) throw new Error(`line ${inside} is not rendered before folding`);
      await page.keyboard.press('Control+Shift+BracketLeft');
      return waitFor('the fold', async () => {
        numbers = await renderedLineNumbers(page);
        return !(await lineRendered(page, FOLD_INSIDE_TEXT)) && numbers.includes(line) && !numbers.includes(inside);
      }, { timeout: 2000, interval: 200 }).catch(() => false);
    }, { timeout: 30000, interval: 1000 }).catch((e) => {
      throw new Error(`${e.message}; rendered line numbers: ${numbers.join(',')}`);
    });
    // The check's own screenshot comes after Unfold: one of the folded state too.
    await screenshot('folded');
    const markers = await page.locator(foldedMarker).count();
    const after = numbers[numbers.indexOf(line) + 1];
    const folded = `line ${line} folded: lines ${line + 1}–${after - 1} hidden (gutter ${numbers.slice(0, numbers.indexOf(line) + 3).join(',')}…), ${markers} folded marker(s)`;
    if (markers === 0) throw new Error(`${folded}, but no .codicon-folding-collapsed / .inline-folded marker`);
    // Unfold: the lines are back.
    await page.keyboard.press('Control+Shift+BracketRight');
    await waitFor(`line ${inside} rendered again after Unfold`, async () => {
      numbers = await renderedLineNumbers(page);
      return (await lineRendered(page, FOLD_INSIDE_TEXT)) && numbers.includes(inside);
    }, { timeout: 5000 }).catch((e) => {
      throw new Error(`${folded}; ${e.message}; rendered line numbers: ${numbers.join(',')}`);
    });
    return `${folded}; unfolded: line ${inside} rendered again`;
  },
};
