import { SEED } from '../fixtures.mjs';
import { openCable, renderedLineNumbers, waitFor } from '../workbench.mjs';

const NAME = 'wrap.txt';

/** The visible text editor: its view lines, the widest, unicode highlights. */
function editorLayout(page) {
  return page.evaluate(() => {
    const ed = [...document.querySelectorAll('.part.editor .editor-instance .monaco-editor')].find((e) => !e.closest('.zone-widget') && e.offsetParent !== null);
    if (!ed) return undefined;
    const viewLines = ed.querySelectorAll('.view-lines .view-line').length;
    return {
      viewLines,
      // The widest rendered line (its text span), against the editor's width.
      widest: Math.max(0, ...[...ed.querySelectorAll('.view-lines .view-line > span')].map((s) => s.getBoundingClientRect().width)),
      width: ed.querySelector('.overflow-guard')?.clientWidth ?? 0,
      unicodeHighlights: ed.querySelectorAll('.unicode-highlight, [class*="unicode-highlight"]').length,
      curly: [...ed.querySelectorAll('.view-lines .view-line')].some((l) => /[’“”]/.test(l.textContent || '')),
    };
  });
}

export default {
  title: 'the seed\'s long lines wrap, though the user setting says editor.wordWrap "off" (the [cable] default); ’ “ ” are not highlighted',
  files: { [NAME]: SEED },
  async run({ page, own }) {
    await openCable(page, own(NAME));
    let layout;
    let numbers = [];
    await waitFor('the seed rendered with more view lines than line numbers (wrapped)', async () => {
      layout = await editorLayout(page);
      numbers = await renderedLineNumbers(page);
      return layout && numbers.length > 3 && layout.viewLines > numbers.length && layout.widest <= layout.width;
    }, { timeout: 15000, interval: 300 }).catch((e) => {
      throw new Error(`${e.message}; ${JSON.stringify(layout)}, ${numbers.length} line numbers`);
    });
    if (!layout.curly) throw new Error('test setup: no line with ’ “ ” in view');
    if (layout.unicodeHighlights > 0) throw new Error(`${layout.unicodeHighlights} unicode highlights in the view: ’ “ ” should not be highlighted in a cable`);
    return `${layout.viewLines} view lines for lines ${numbers[0]}–${numbers[numbers.length - 1]} (${numbers.length} numbers), widest line ${Math.round(layout.widest)} ≤ ${layout.width} px with the user setting editor.wordWrap "off"; no unicode highlight on ’ “ ”`;
  },
};
