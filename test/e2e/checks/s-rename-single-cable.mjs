import fsp from 'node:fs/promises';
import { corpusCable, countOccurrences } from '../fixtures.mjs';
import { occurrences, tagsOf } from '../oracle.mjs';
import { REFACTOR_PREVIEW, activeTabDirty, describeDiff, dismissWidgets, hidePanel, openFile, renameAt, saveAndRead, waitFor } from '../workbench.mjs';

// DAS is tagged 15 times in 09BOGOTA3035 and in no other cable. This check takes the cable for
// its own (the shared corpus folder leaves it out), so that its rename changes no other check's file.
const CABLE = '09BOGOTA3035.cable';
const DAS_TAG = '[ORG DAS  ]';
const DAS_NEW_NAME = 'Administrative Department of Security';

export default {
  title: `F2 on DAS in ${CABLE}, an entity of no other cable, renames it at once, without the Refactor Preview`,
  files: { [CABLE]: corpusCable(CABLE) },
  async run({ page, own, abs, screenshot, indexedCables }) {
    await dismissWidgets(page);
    await hidePanel(page);
    await openFile(page, own(CABLE));
    const occ = occurrences(indexedCables().cables, 'das');
    if (occ.length !== 1) throw new Error(`test setup: DAS is in ${occ.length} cables: ${occ.map((o) => o.rel).join(', ')}`);
    const before = await fsp.readFile(abs(own(CABLE)), 'utf8');
    const first = tagsOf(before).find((x) => x.key === 'das');
    const pos = { line: first.line, column: first.column + 1 };
    const expected = before.replaceAll(DAS_TAG, `[ORG ${DAS_NEW_NAME}  ]`);
    const n = countOccurrences(before, DAS_TAG);
    const placeholder = await renameAt(page, pos, DAS_NEW_NAME);
    const preview = page.locator(REFACTOR_PREVIEW).first();
    await waitFor(`${CABLE} modified`, async () => (await activeTabDirty(page)) || (await preview.isVisible().catch(() => false)), { timeout: 10000 })
      .catch((e) => {
        throw new Error(`${e.message} after renaming "${placeholder}" to "${DAS_NEW_NAME}"`);
      });
    if (await preview.isVisible().catch(() => false)) {
      await screenshot('preview');
      await preview.locator('.monaco-button', { hasText: /^Discard$/ }).first().click().catch(() => {});
      throw new Error(`a rename inside one cable opened the Refactor Preview (discarded)`);
    }
    const onDisk = await saveAndRead(page, abs(own(CABLE)), expected);
    if (onDisk !== expected) throw new Error(`after the rename and Ctrl+S, ${own(CABLE)} differs from the expected text: ${describeDiff(expected, onDisk)}`);
    return `rename box at ${pos.line}:${pos.column} (placeholder "${placeholder}"); applied at once, no Refactor Preview; on disk ${n} × [ORG ${DAS_NEW_NAME}  ], nothing else changed`;
  },
};
