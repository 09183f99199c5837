import { SEED, SEED_NAME } from '../fixtures.mjs';
import { dismissWidgets, hidePanel, listRows, openFile, runCommand, setFoldersView, statusMode, waitFor } from '../workbench.mjs';

// A section heading `------- TITLE -------` and a paragraph in it.
const OUTLINE_SECTION = 'CONVENTION ON CLUSTER MUNITIONS';
const OUTLINE_PARAGRAPH = '¶3 (C) Pickard informed the group';
const ENTITY_TYPE_NODES = ['PER', 'ORG', 'LOC', 'MISC'];

export default {
  title: 'the Outline view shows the seed\'s header, sections, paragraphs and entities',
  files: { [SEED_NAME]: SEED },
  async run({ page, own }) {
    await dismissWidgets(page);
    await hidePanel(page);
    await openFile(page, own(SEED_NAME));
    await waitFor('language mode "Tagged Cable"', async () => (await statusMode(page)) === 'Tagged Cable', { timeout: 15000 });
    // The Outline shares the Explorer with the folder view: collapse that one (for the screenshot
    // it stays so; openFile expands it again when it needs it), so that the outline's rows, which
    // are only rendered when in view, have the room.
    await setFoldersView(page, false);
    const command = await runCommand(page, 'Focus on Outline View', ['Outline: Focus on Outline View', 'Explorer: Focus on Outline View']);
    const OUTLINE = '.outline-pane .outline-tree';
    const rowOf = (name) => page.locator(`${OUTLINE} .monaco-list-row[aria-label^="${name}"]`).first();
    let rows = [];
    const seen = () => rows.map((r) => `${r.level}:${r.label}`).join(' | ').slice(0, 900);
    // The symbols come from the language server: wait for the first node.
    await waitFor('the Header node', async () => {
      rows = await listRows(page, OUTLINE);
      return rows.some((r) => r.label.startsWith('Header'));
    }, { timeout: 20000, interval: 500 }).catch((e) => {
      throw new Error(`${e.message}; outline rows: ${seen() || 'none'}`);
    });
    // Collapse everything (list.collapseAll, Ctrl+Left, in the focused tree), then expand what is checked.
    const treeFocused = () => page.evaluate(() => !!document.activeElement?.closest('.outline-pane'));
    if (!(await treeFocused())) await rowOf('Header').locator('.monaco-tl-twistie').click();
    await page.keyboard.press('Control+ArrowLeft');
    await waitFor('a collapsed outline with the Header and Entities nodes', async () => {
      rows = await listRows(page, OUTLINE);
      return rows.every((r) => r.level === 1) && ['Header', 'Entities', OUTLINE_SECTION].every((n) => rows.some((r) => r.label.startsWith(n)));
    }, { timeout: 5000 }).catch((e) => {
      throw new Error(`${e.message}; outline rows: ${seen() || 'none'}`);
    });
    const expand = async (name, child) => {
      await waitFor(`the outline node "${name}" expanded, with "${child}" under it`, async () => {
        rows = await listRows(page, OUTLINE);
        const i = rows.findIndex((r) => r.label.startsWith(name) && r.level === 1);
        if (i < 0) throw new Error(`no top-level node "${name}"`);
        if (rows[i].expanded !== 'true') {
          await rowOf(name).locator('.monaco-tl-twistie').click();
          return false;
        }
        return rows.slice(i + 1).some((r) => r.level === 2 && (r.label.startsWith(child) || r.text.startsWith(child)));
      }, { timeout: 10000, interval: 400 });
    };
    try {
      await expand(OUTLINE_SECTION, OUTLINE_PARAGRAPH);
      await expand('Entities', 'PER');
    } catch (e) {
      throw new Error(`${e.message.split(';')[0]}; outline rows: ${seen()}`);
    }
    rows = await listRows(page, OUTLINE);
    const section = rows.findIndex((r) => r.label.startsWith(OUTLINE_SECTION));
    const paragraphs = [];
    for (let i = section + 1; i < rows.length && rows[i].level === 2; i++) paragraphs.push(rows[i].text);
    const entities = rows.findIndex((r) => r.label.startsWith('Entities'));
    const types = [];
    for (let i = entities + 1; i < rows.length && rows[i].level === 2; i++) types.push(rows[i].text);
    const missing = ENTITY_TYPE_NODES.filter((t) => !types.some((x) => x.startsWith(`${t} `)));
    if (missing.length) throw new Error(`the Entities node lacks ${missing.join(', ')}; it lists ${JSON.stringify(types)}`);
    const top = rows.filter((r) => r.level === 1).map((r) => r.text.replace(/\s+/g, ' '));
    return `"${command}"; top level: ${JSON.stringify(top)}; under ${OUTLINE_SECTION}: ${JSON.stringify(paragraphs)}; entity types: ${JSON.stringify(types)}`;
  },
};
