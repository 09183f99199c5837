import { ABUJA_NAME, ANN_PICKARD_KEY, PICKARD_KEY, SEED, SEED_NAME, abujaText, plural } from '../fixtures.mjs';
import { matchingEntities, occurrences, typeCounts } from '../oracle.mjs';
import {
  ENTITIES, ENTITIES_HEADER, OUTLINE_HEADER, QUICK_INPUT, activeTabLabel, dismissWidgets, entitiesAction, entitiesRow, entitiesView,
  hidePanel, openFile, runCommand, setFoldersView, setPaneExpanded, showRows, statusMode, waitFor,
} from '../workbench.mjs';

// Nicolas Pickard of the seed is in each copy of it; Ann Pickard of 09ABUJA1907 is another person.
const ENTITY_FILTER = 'pickard';

export default {
  title: 'the Entities view: the active cable\'s types and entities, the whole workspace, the filter, and a mention opened',
  files: { [SEED_NAME]: SEED },
  timeout: 90000, // five steps, each waiting for the view
  async run({ page, own, screenshot, indexedCables }) {
    await dismissWidgets(page);
    await hidePanel(page);
    await openFile(page, own(SEED_NAME));
    await waitFor('language mode "Tagged Cable"', async () => (await statusMode(page)) === 'Tagged Cable', { timeout: 15000 });
    const { cables } = indexedCables();
    const seedTypes = typeCounts(cables.find((c) => c.rel === own(SEED_NAME)).text);
    const pickard = occurrences(cables, PICKARD_KEY);
    const seedPickard = pickard.find((o) => o.rel === own(SEED_NAME)).entity.mentions.length;
    // The Entities view shares the Explorer with the folders and the outline: give it the room.
    await setFoldersView(page, false);
    await setPaneExpanded(page, OUTLINE_HEADER, false);
    const focus = await runCommand(page, 'Focus on Entities View', ['Explorer: Focus on Entities View', 'Tagged Cables: Focus on Entities View']);
    await setPaneExpanded(page, ENTITIES_HEADER, true);
    let view = { rows: [] };
    const seen = () => `view "${view.description}"${view.message ? ` (${view.message})` : ''}${view.welcome ? ` welcome ${JSON.stringify(view.welcome)}` : ''}: ${showRows(view.rows)}`;
    // The view's scope and filter outlive a check: start from the default, Follow Active Editor, unfiltered.
    view = await entitiesView(page);
    if (view.message.includes('Filtered by')) await runCommand(page, 'Clear Filter', ['Tagged Cables: Clear Filter']);
    if (view.description === 'Workspace') await runCommand(page, 'Follow Active Editor', ['Tagged Cables: Follow Active Editor']);

    // 1. Follow Active Editor (the default scope): the seed's types, open, with their entities.
    const typeLabel = { PER: 'Person (PER)', ORG: 'Organization (ORG)', LOC: 'Location (LOC)', MISC: 'Miscellaneous (MISC)' };
    const perRow = { name: typeLabel.PER, desc: plural(seedTypes.get('PER'), 'entity', 'entities') };
    const pickardRow = { name: 'Nicolas Pickard', desc: `${plural(seedPickard, 'mention')} · ${plural(pickard.length, 'cable')}` };
    const has = (r, level, want) => r.level === level && r.name === want.name && r.desc === want.desc;
    await waitFor(`"${perRow.name} ${perRow.desc}" open with "${pickardRow.name} ${pickardRow.desc}" under it`, async () => {
      view = await entitiesView(page);
      const i = view.rows.findIndex((r) => has(r, 1, perRow) && r.expanded === 'true');
      return view.description === SEED_NAME && i >= 0 && view.rows.slice(i + 1).some((r) => has(r, 2, pickardRow));
    }, { timeout: 30000, interval: 500 }).catch((e) => {
      throw new Error(`${e.message}; ${seen()}`);
    });
    await screenshot('editor');
    const editorEntities = view.rows.filter((r) => r.level === 2).map((r) => `${r.name} [${r.desc}]`);
    // Collapse All: the four type nodes with the seed's counts.
    await entitiesAction(page, 'Collapse All');
    const wantTypes = [...seedTypes].map(([t, n]) => `${typeLabel[t] || t} [${plural(n, 'entity', 'entities')}]`);
    await waitFor(`the type nodes ${JSON.stringify(wantTypes)}`, async () => {
      view = await entitiesView(page);
      const types = view.rows.filter((r) => r.level === 1).map((r) => `${r.name} [${r.desc}]`);
      return view.rows.every((r) => r.level === 1) && wantTypes.every((t) => types.includes(t)) && types.length === wantTypes.length;
    }, { timeout: 10000, interval: 300 }).catch((e) => {
      throw new Error(`${e.message}; ${seen()}`);
    });
    const editorTypes = view.rows.map((r) => `${r.name} [${r.desc}]`);

    // 2. Show Whole Workspace (the globe of the title bar): the workspace's types, closed, with larger counts.
    await entitiesAction(page, 'Show Whole Workspace');
    const numberIn = (desc) => Number((/^([\d,]+)/.exec(desc)?.[1] || '0').replace(/,/g, ''));
    await waitFor('the workspace scope with more persons than the seed', async () => {
      view = await entitiesView(page);
      const per = view.rows.find((r) => r.level === 1 && r.name === typeLabel.PER);
      return view.description === 'Workspace' && !view.message && per && numberIn(per.desc) > seedTypes.get('PER');
    }, { timeout: 30000, interval: 500 }).catch((e) => {
      throw new Error(`${e.message}; ${seen()}`);
    });
    await screenshot('workspace');
    const workspaceTypes = view.rows.filter((r) => r.level === 1).map((r) => `${r.name} [${r.desc}]`);

    // 3. Filter Entities… (Command Palette), typed: the tree narrows as one types.
    const matching = [...matchingEntities(cables, ENTITY_FILTER).values()];
    const matchingTypes = new Set(matching.flatMap((m) => [...m.types]));
    await runCommand(page, 'Filter Entities', ['Tagged Cables: Filter Entities…']);
    const filterInput = page.locator(QUICK_INPUT).first();
    await filterInput.waitFor({ state: 'visible', timeout: 5000 });
    await filterInput.pressSequentially(ENTITY_FILTER, { delay: 40 });
    const wantFiltered = `${typeLabel.PER} [${plural(matching.length, 'entity', 'entities')}]`;
    await waitFor(`the filtered tree: only ${wantFiltered}`, async () => {
      view = await entitiesView(page);
      return view.rows.length === 1 && `${view.rows[0].name} [${view.rows[0].desc}]` === wantFiltered && view.message.includes(`"${ENTITY_FILTER}"`);
    }, { timeout: 10000, interval: 300 }).catch((e) => {
      throw new Error(`${e.message} (typed "${ENTITY_FILTER}"; ${matching.length} entities match: ${matching.map((m) => m.key).join(', ')}, types ${[...matchingTypes].join(', ')}); ${seen()}`);
    });
    await page.keyboard.press('Enter');
    await filterInput.waitFor({ state: 'hidden', timeout: 5000 }).catch(() => {});
    // Open the type: each matching entity with its workspace counts.
    const wantEntities = matching.map((m) => `${m.key} [${plural(m.mentions, 'mention')} · ${plural(m.cables, 'cable')}]`);
    await waitFor(`the entities ${JSON.stringify(wantEntities)}`, async () => {
      view = await entitiesView(page);
      if (view.rows[0]?.expanded === 'false') await entitiesRow(page, 1, typeLabel.PER).locator('.monaco-tl-twistie').click();
      const got = view.rows.filter((r) => r.level === 2).map((r) => `${r.name.toLowerCase()} [${r.desc}]`);
      return got.length === wantEntities.length && wantEntities.every((w) => got.includes(w));
    }, { timeout: 10000, interval: 400 }).catch((e) => {
      throw new Error(`${e.message}; ${seen()}`);
    });
    const filtered = view.rows.map((r) => `${r.name} [${r.desc}]`);

    // 4. A mention: Ann Pickard's, in 09ABUJA1907; clicking it opens the cable with the mention selected.
    const ann = occurrences(cables, ANN_PICKARD_KEY);
    if (ann.length !== 1) throw new Error(`test setup: ${ANN_PICKARD_KEY} is in ${ann.length} cables`);
    const annMention = ann[0].entity.mentions[0];
    const where = `${ann[0].cable}:${annMention.line}`;
    await waitFor(`the mention node "${where}" under Ann Pickard`, async () => {
      view = await entitiesView(page);
      const annRow = view.rows.find((r) => r.level === 2 && r.name === 'Ann Pickard');
      if (annRow?.expanded === 'false') await entitiesRow(page, 2, 'Ann Pickard').locator('.monaco-tl-twistie').click();
      return view.rows.some((r) => r.level === 3 && r.desc === where && r.name.includes('Ann Pickard'));
    }, { timeout: 10000, interval: 400 }).catch((e) => {
      throw new Error(`${e.message}; ${seen()}`);
    });
    await screenshot('filtered');
    const mentionRow = view.rows.find((r) => r.level === 3 && r.desc === where);
    await page.locator(`${ENTITIES} .monaco-list-row[aria-level="3"]`).filter({ has: page.locator('.label-description', { hasText: where }) }).first().click();
    const len = annMention.text.length;
    const selection = `Ln ${annMention.line}, Col ${annMention.column + len} (${len} selected)`;
    let status = '';
    await waitFor(`${ABUJA_NAME} active with "${selection}"`, async () => {
      status = ((await page.locator('[id="status.editor.selection"]').first().textContent().catch(() => '')) || '').trim();
      return (await activeTabLabel(page)).includes(ABUJA_NAME) && status === selection;
    }, { timeout: 10000, interval: 250 }).catch(async (e) => {
      throw new Error(`${e.message}; active tab "${await activeTabLabel(page)}", selection "${status}"`);
    });

    // 5. Clear the filter (title bar) and follow the active editor again (Command Palette): 09ABUJA1907's types.
    await entitiesAction(page, 'Clear Filter');
    await runCommand(page, 'Follow Active Editor', ['Tagged Cables: Follow Active Editor']);
    const abujaTypes = typeCounts(abujaText);
    const wantAbujaPer = `${typeLabel.PER} [${plural(abujaTypes.get('PER'), 'entity', 'entities')}]`;
    await waitFor(`the view following ${ABUJA_NAME}: ${wantAbujaPer}, no filter`, async () => {
      view = await entitiesView(page);
      return view.description === ABUJA_NAME && !view.message && view.rows.some((r) => r.level === 1 && `${r.name} [${r.desc}]` === wantAbujaPer);
    }, { timeout: 10000, interval: 300 }).catch((e) => {
      throw new Error(`${e.message}; ${seen()}`);
    });
    return `"${focus}"; following ${SEED_NAME}: types ${JSON.stringify(editorTypes)}, persons ${JSON.stringify(editorEntities.slice(0, 3))}…; ` +
      `whole workspace: ${JSON.stringify(workspaceTypes)}; filter "${ENTITY_FILTER}": ${JSON.stringify(filtered)}; ` +
      `clicked ${JSON.stringify(`${mentionRow.name} ${mentionRow.desc}`)} → ${ABUJA_NAME} "${status}"; following ${ABUJA_NAME} again: ${wantAbujaPer}`;
  },
};
