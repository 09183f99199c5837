// Helpers that drive the VS Code workbench (code-server in Chromium) the way a
// user does: keyboard, Quick Open, the Command Palette, and what the page shows.
// Every function takes the playwright page; none keeps state between checks.

import fsp from 'node:fs/promises';
import path from 'node:path';
import { sleep, waitFor } from '../vscode/codeServer.mjs';

export { sleep, waitFor };

const t0 = Date.now();
export const elapsed = () => `${((Date.now() - t0) / 1000).toFixed(1)}s`;
export const log = (...a) => console.error(`[e2e ${elapsed()}]`, ...a);

export const MODE = '[id="status.editor.mode"]';
export const QUICK_INPUT = '.quick-input-widget .quick-input-box input';

export async function statusMode(page) {
  const el = page.locator(MODE).first();
  if (!(await el.isVisible())) return '';
  return ((await el.textContent()) || '').trim();
}

export async function activeTabLabel(page) {
  const tab = page.locator('.part.editor .tab.active').first();
  if (!(await tab.count())) return '';
  return (await tab.getAttribute('aria-label')) || (await tab.textContent()) || '';
}

export async function dismissWidgets(page) {
  for (let i = 0; i < 3; i++) await page.keyboard.press('Escape');
}

export async function quickOpen(page, rel) {
  const name = path.posix.basename(rel);
  const folder = path.posix.dirname(rel);
  await dismissWidgets(page);
  await page.keyboard.press('Control+P');
  const input = page.locator(QUICK_INPUT).first();
  await input.waitFor({ state: 'visible', timeout: 5000 });
  await input.fill(rel);
  // Wait until the file's row is the focused one (the list re-renders as results arrive); several
  // files may share a name, so the row must name the folder too ("name folder" in its aria-label).
  const row = page.locator(`.quick-input-widget .monaco-list-row.focused[aria-label*="${name}"]`).first();
  await waitFor(`the focused row ${rel}`, async () => {
    const label = (await row.getAttribute('aria-label', { timeout: 1000 })) || '';
    return folder === '.' || label.includes(folder);
  }, { timeout: 10000, interval: 200 });
  await sleep(150);
  await page.keyboard.press('Enter');
  await waitFor(`tab ${name}`, async () => (await activeTabLabel(page)).includes(name), { timeout: 5000 });
}

/** Hide the bottom panel (Problems) if it is open, so the editor has the room and the focus. */
export async function hidePanel(page) {
  const panel = page.locator('.part.panel').first();
  if (await panel.isVisible().catch(() => false)) {
    await page.keyboard.press('Control+J');
    await panel.waitFor({ state: 'hidden', timeout: 5000 }).catch(() => log('the panel did not hide'));
  }
}

/** Expand or collapse the Explorer's folder view (its section header toggles it). */
export async function setFoldersView(page, expanded) {
  const header = page.locator('.pane:has(.explorer-folders-view) > .pane-header').first();
  if ((await header.getAttribute('aria-expanded', { timeout: 5000 }).catch(() => null)) !== String(!expanded)) return;
  await header.click();
  await waitFor(`the folder view ${expanded ? 'expanded' : 'collapsed'}`, async () => (await header.getAttribute('aria-expanded')) === String(expanded), { timeout: 5000 })
    .catch((e) => log(e.message));
}

/** Open a workspace file (its path relative to the workspace) through Quick Open (Ctrl+P, two tries); falls back to the Explorer. */
export async function openFile(page, rel) {
  const name = path.posix.basename(rel);
  let lastError;
  for (let attempt = 1; attempt <= 2; attempt++) {
    try {
      await quickOpen(page, rel);
      lastError = undefined;
      break;
    } catch (e) {
      lastError = e;
      log(`quick open of ${rel}, try ${attempt}, failed: ${e.message.split('\n')[0]}`);
    }
  }
  if (lastError) {
    log(`opening ${rel} from the Explorer`);
    await dismissWidgets(page);
    await page.keyboard.press('Control+Shift+E');
    await setFoldersView(page, true);
    // Open the folders on the way (a folder row's aria-label starts with its name).
    const parts = rel.split('/');
    for (const dir of parts.slice(0, -1)) {
      const row = page.locator(`.explorer-folders-view .monaco-list-row[aria-label^="${dir}"]`).first();
      await row.waitFor({ state: 'visible', timeout: 10000 });
      if ((await row.getAttribute('aria-expanded')) === 'false') await row.click();
    }
    const item = page.locator(`.explorer-folders-view .monaco-list-row[aria-label^="${name}"]`).first();
    await item.waitFor({ state: 'visible', timeout: 10000 });
    await item.dblclick();
    await waitFor(`tab ${name}`, async () => (await activeTabLabel(page)).includes(name), { timeout: 10000 });
  }
  // The editor's text is rendered.
  await page.locator('.part.editor .editor-instance .monaco-editor .view-line').first().waitFor({ state: 'visible', timeout: 10000 });
}

export async function goToLine(page, line, column) {
  await dismissWidgets(page);
  await page.keyboard.press('Control+G');
  const input = page.locator(QUICK_INPUT).first();
  await input.waitFor({ state: 'visible', timeout: 5000 });
  // Ctrl+G opens Quick Open with the ":" (go to line) prefix; keep it.
  await input.fill(`:${line}:${column}`);
  await page.locator('.quick-input-widget .monaco-list-row').first().waitFor({ state: 'visible', timeout: 5000 }).catch(() => {});
  await page.keyboard.press('Enter');
  await waitFor('cursor position in the status bar', async () => {
    const t = (await page.locator('[id="status.editor.selection"]').first().textContent()) || '';
    return t.includes(`Ln ${line}, Col ${column}`);
  }, { timeout: 5000 });
}

/**
 * Computed colours of the rendered `text` inside the rendered tag `[TYPE text  ]`
 * (searched as a whole so that untagged occurrences of the same words don't count).
 */
export async function renderedColour(page, type, text) {
  return page.evaluate(({ type, text }) => {
    const norm = (s) => s.replace(/\u00a0/g, ' ');
    const tag = `[${type} ${text}  ]`;
    const editors = [...document.querySelectorAll('.part.editor .editor-instance .monaco-editor')].filter(
      (ed) => !ed.closest('.zone-widget') && ed.offsetParent !== null,
    );
    for (const ed of editors) {
      for (const line of ed.querySelectorAll('.view-lines .view-line')) {
        const leaves = [...line.querySelectorAll('span')].filter((s) => s.children.length === 0);
        let full = '';
        const ranges = leaves.map((s) => {
          const start = full.length;
          full += norm(s.textContent || '');
          return { s, start, end: full.length };
        });
        const tagAt = full.indexOf(tag);
        if (tagAt < 0) continue;
        const at = tagAt + type.length + 2;
        const colours = new Set();
        for (const r of ranges) {
          if (r.end <= at || r.start >= at + text.length) continue;
          const part = full.slice(Math.max(r.start, at), Math.min(r.end, at + text.length));
          if (part.trim() === '') continue;
          colours.add(getComputedStyle(r.s).color);
        }
        return { colours: [...colours] };
      }
    }
    return undefined;
  }, { type, text });
}

export async function hoverText(page) {
  const hovers = page.locator('.monaco-editor .monaco-hover');
  const n = await hovers.count();
  const texts = [];
  for (let i = 0; i < n; i++) {
    const h = hovers.nth(i);
    if (await h.isVisible()) texts.push(((await h.innerText()) || '').trim());
  }
  return texts.filter(Boolean).join('\n');
}

/**
 * Run a command from the Command Palette (F1): type `query`, wait until the focused row is one of
 * `labels` (the category differs between versions: "Explorer: Focus on Outline View" in 1.96), Enter.
 */
export async function runCommand(page, query, labels = [query]) {
  await dismissWidgets(page);
  await page.keyboard.press('F1');
  const input = page.locator(QUICK_INPUT).first();
  await input.waitFor({ state: 'visible', timeout: 5000 });
  await input.fill(`>${query}`);
  const row = page.locator('.quick-input-widget .monaco-list-row.focused').first();
  let seen = '';
  const label = await waitFor(`the command ${labels.map((l) => `"${l}"`).join(' or ')} in the Command Palette`, async () => {
    seen = (await row.getAttribute('aria-label', { timeout: 1000 })) || '';
    return labels.find((l) => seen.startsWith(l));
  }, { timeout: 10000, interval: 200 }).catch((e) => {
    throw new Error(`${e.message}; focused row: ${JSON.stringify(seen)}`);
  });
  await sleep(150);
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden', timeout: 5000 }).catch(() => {});
  return label;
}

/** The rows of a tree or list: aria-label, text, depth and expansion state. */
export async function listRows(page, container) {
  return page.locator(`${container} .monaco-list-row`).evaluateAll((rows) =>
    rows.map((r) => ({
      label: r.getAttribute('aria-label') || '',
      // "name detail" for icon labels (the name and its description are separate spans).
      text: (r.querySelector('.label-name')
        ? [r.querySelector('.label-name'), r.querySelector('.label-description')].map((e) => e?.textContent || '').join(' ')
        : r.innerText || ''
      ).replace(/\s+/g, ' ').trim(),
      badge: (r.querySelector('.monaco-count-badge')?.textContent || '').trim(),
      level: Number(r.getAttribute('aria-level') || 0),
      expanded: r.getAttribute('aria-expanded'),
    })),
  );
}

/** Line numbers rendered in the gutter of the visible text editor, in order. */
export async function renderedLineNumbers(page) {
  return page.evaluate(() => {
    const ed = [...document.querySelectorAll('.part.editor .editor-instance .monaco-editor')].find(
      (e) => !e.closest('.zone-widget') && e.offsetParent !== null,
    );
    if (!ed) return [];
    return [...ed.querySelectorAll('.margin-view-overlays .line-numbers')]
      .map((n) => ({ n: Number((n.textContent || '').trim()), top: n.closest('[style*="top"]')?.style.top || '' }))
      .filter((x) => Number.isFinite(x.n) && x.n > 0)
      .sort((a, b) => parseFloat(a.top) - parseFloat(b.top) || a.n - b.n)
      .map((x) => x.n);
  });
}

/** Whether a line containing `text` is rendered in the visible text editor's `.view-lines`. */
export async function lineRendered(page, text) {
  return page.evaluate((text) => {
    const ed = [...document.querySelectorAll('.part.editor .editor-instance .monaco-editor')].find(
      (e) => !e.closest('.zone-widget') && e.offsetParent !== null,
    );
    if (!ed) return false;
    return [...ed.querySelectorAll('.view-lines .view-line')].some((l) => (l.textContent || '').replace(/\u00a0/g, ' ').includes(text));
  }, text);
}

export async function activeTabDirty(page) {
  return page.locator('.part.editor .tab.active.dirty').count().then((n) => n > 0);
}

/** Save the active editor (Ctrl+S) and wait for `file` on disk to equal `expected`; returns the disk text. */
export async function saveAndRead(page, file, expected, { timeout = 15000 } = {}) {
  await page.keyboard.press('Control+S');
  let text = '';
  await waitFor(`${path.basename(file)} saved with the expected text`, async () => {
    text = await fsp.readFile(file, 'utf8');
    return text === expected && !(await activeTabDirty(page));
  }, { timeout, interval: 250 }).catch(() => {});
  return text;
}

/** A short description of how `actual` differs from `expected`, line by line. */
export function describeDiff(expected, actual, max = 4) {
  if (expected === actual) return 'identical';
  const a = expected.split('\n');
  const b = actual.split('\n');
  const out = [];
  for (let i = 0; i < Math.max(a.length, b.length) && out.length < max; i++) {
    if (a[i] === b[i]) continue;
    let c = 0;
    while (c < (a[i] ?? '').length && a[i][c] === (b[i] ?? '')[c]) c++;
    const from = Math.max(0, c - 30);
    out.push(`line ${i + 1}:${c + 1}: expected ${JSON.stringify((a[i] ?? '<none>').slice(from, c + 50))}, on disk ${JSON.stringify((b[i] ?? '<none>').slice(from, c + 50))}`);
  }
  return `${out.join('; ')} (${a.length} vs ${b.length} lines)`;
}

/** A status bar entry's text with its icons written `$(name)` and spaces collapsed; '' when hidden. */
export async function statusItemText(page, idSuffix) {
  return page.evaluate((suffix) => {
    const el = [...document.querySelectorAll('[id="workbench.parts.statusbar"] .statusbar-item')].find((e) => e.id.endsWith(suffix));
    if (!el || el.offsetParent === null) return '';
    let out = '';
    const visit = (node) => {
      for (const c of node.childNodes) {
        if (c.nodeType === Node.TEXT_NODE) out += c.textContent;
        else if (c.classList?.contains('codicon')) out += `$(${([...c.classList].find((k) => k.startsWith('codicon-')) || 'codicon-?').slice(8)})`;
        else if (!c.classList?.contains('status-bar-item-beak-container')) visit(c);
      }
    };
    visit(el.querySelector('.statusbar-item-label') || el);
    return out.replace(/\s+/g, ' ').trim();
  }, idSuffix);
}

/** Expand or collapse a view of the Explorer by its section header. */
export async function setPaneExpanded(page, headerSelector, expanded) {
  const header = page.locator(headerSelector).first();
  if ((await header.count()) === 0) return; // the view is not shown (its `when` is false)
  const state = await header.getAttribute('aria-expanded', { timeout: 5000 }).catch(() => null);
  if (state === null || state === String(expanded)) return;
  await header.click();
  await waitFor(`${headerSelector} ${expanded ? 'expanded' : 'collapsed'}`, async () => (await header.getAttribute('aria-expanded')) === String(expanded), { timeout: 5000 })
    .catch((e) => log(e.message));
}

export const ENTITIES_HEADER = '.pane-header[aria-label="Entities Section"]';
export const OUTLINE_HEADER = '.pane-header[aria-label="Outline Section"]';
export const ENTITIES = `.pane:has(${ENTITIES_HEADER})`;

/** The Entities view: its description (scope), message, welcome text and rendered rows. */
export async function entitiesView(page) {
  return page.evaluate((sel) => {
    const pane = document.querySelector(sel);
    if (!pane) return { description: '', message: '', welcome: '', rows: [] };
    const message = pane.querySelector('.pane-body .message');
    const welcome = pane.querySelector('.welcome-view');
    return {
      description: (pane.querySelector('.pane-header .description')?.textContent || '').trim(),
      message: message && !message.classList.contains('hide') ? (message.textContent || '').trim() : '',
      welcome: welcome && welcome.offsetParent !== null ? (welcome.innerText || '').replace(/\s+/g, ' ').trim() : '',
      rows: [...pane.querySelectorAll('.monaco-list-row')].map((r) => ({
        name: (r.querySelector('.label-name')?.textContent || '').trim(),
        desc: (r.querySelector('.label-description')?.textContent || '').trim(),
        level: Number(r.getAttribute('aria-level') || 0),
        expanded: r.getAttribute('aria-expanded'),
      })),
    };
  }, ENTITIES);
}

export const showRows = (rows, max = 12) =>
  JSON.stringify(rows.slice(0, max).map((r) => `${r.level}:${r.name}${r.desc ? ` [${r.desc}]` : ''}${r.expanded === 'true' ? ' (open)' : ''}`)) +
  (rows.length > max ? ` …${rows.length - max} more` : '');

/** The row of the Entities view at `level` named `name` (exactly). */
export function entitiesRow(page, level, name) {
  const exact = new RegExp(`^\\s*${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
  return page.locator(`${ENTITIES} .monaco-list-row[aria-level="${level}"]`).filter({ has: page.locator('.label-name', { hasText: exact }) }).first();
}

/** Click an action of the Entities view's title bar (shown while the header is hovered). */
export async function entitiesAction(page, label) {
  await page.locator(`${ENTITIES} > .pane-header`).first().hover();
  const action = page.locator(`${ENTITIES} > .pane-header .action-label[aria-label="${label}"]`).first();
  await action.waitFor({ state: 'visible', timeout: 5000 });
  await action.click();
}

export const PEEK = '.monaco-editor .peekview-widget';

/**
 * Find All References (Shift+F12) at `pos` until the peek's title counts `expected` references
 * (the index may still be filling); returns the last count seen and how it was read.
 */
export async function referencesPeek(page, pos, expected, timeout = 30000) {
  let last = { n: undefined, how: 'no peek' };
  const ok = await waitFor(`the references peek counting ${expected}`, async () => {
    const peek = page.locator(PEEK).first();
    if (!(await peek.isVisible().catch(() => false))) {
      await goToLine(page, pos.line, pos.column);
      await page.keyboard.press('Shift+F12');
      await peek.waitFor({ state: 'visible', timeout: 5000 }).catch(() => {});
      if (!(await peek.isVisible().catch(() => false))) return false;
    }
    const head = ((await peek.locator('.peekview-title, .head').first().innerText().catch(() => '')) || '').replace(/\s+/g, ' ').trim();
    // VS Code 1.96: "References (14)"; other versions: "14 references".
    const t = /\breferences?\s*\((\d+)\)/i.exec(head) || /(\d+)\s+references?\b/i.exec(head);
    last = t ? { n: Number(t[1]), how: `peek title "${head}"` } : { n: undefined, how: `peek title "${head}"` };
    if (last.n === expected) return true;
    await page.keyboard.press('Escape');
    return false;
  }, { timeout, interval: 1000 }).catch(() => false);
  return { ...last, ok };
}

/**
 * Scrolls a list or tree (`container`, a locator) from its top to its bottom with the mouse wheel,
 * calling `visit()` at each step: only the rows in view are rendered. Stops when a step renders
 * the same rows as the one before.
 */
export async function scrollThrough(page, container, visit) {
  const rendered = () => container.locator('.monaco-list-row').evaluateAll((rs) => rs.map((r) => r.getAttribute('aria-label') || '').join('\n'));
  await container.hover();
  for (let i = 0; i < 10; i++) await page.mouse.wheel(0, -5000);
  await sleep(150);
  await visit();
  let before = await rendered();
  for (let same = 0, i = 0; same < 2 && i < 200; i++) {
    await page.mouse.wheel(0, 200);
    await sleep(120);
    await visit();
    const now = await rendered();
    same = now === before ? same + 1 : 0;
    before = now;
  }
}

/** The file groups of the open references peek: [{ name, path, n }], scrolling its tree to see them all. */
export async function peekFileGroups(page) {
  const tree = page.locator(`${PEEK} .ref-tree`).first();
  const found = new Map();
  await scrollThrough(page, tree, async () => {
    const labels = await tree.locator('.monaco-list-row[aria-level="1"]').evaluateAll((rs) => rs.map((r) => r.getAttribute('aria-label') || ''));
    for (const label of labels) {
      // "14 symbols in 000_d5a32e40f8b893e0.txt, full path …/000_d5a32e40f8b893e0.txt"
      const m = /^(\d+) symbols? in (.+?), full path (.+)$/.exec(label);
      if (m && !found.has(m[3])) found.set(m[3], { n: Number(m[1]), name: m[2], path: m[3] });
    }
  });
  return [...found.values()];
}

/** Shows the Problems panel (Ctrl+Shift+M, which hides it when it is shown) and returns it. */
export async function problemsPanel(page) {
  const panel = page.locator('.markers-panel').first();
  if (await panel.isVisible().catch(() => false)) return panel;
  await page.keyboard.press('Control+Shift+M');
  await panel.waitFor({ state: 'visible', timeout: 10000 });
  return panel;
}


/** F2 on `pos` in the active editor, type `newName`, Enter; returns the rename box's placeholder. */
export async function renameAt(page, pos, newName) {
  const { line, column } = pos;
  const input = page.locator('.monaco-editor .rename-box input.rename-input, .monaco-editor .rename-box input').first();
  let refused = '';
  // F2 until the rename box opens (the language server refuses rename while it has not analysed the file).
  await waitFor('the rename box', async () => {
    await goToLine(page, line, column);
    await page.keyboard.press('F2');
    if (await input.waitFor({ state: 'visible', timeout: 3000 }).then(() => true, () => false)) return true;
    refused = ((await page.locator('.monaco-editor .monaco-editor-overlaymessage').first().innerText().catch(() => '')) || '').trim();
    return false;
  }, { timeout: 30000, interval: 1000 }).catch((e) => {
    throw new Error(`${e.message} at ${line}:${column}${refused ? `; editor says ${JSON.stringify(refused)}` : ''}`);
  });
  const placeholder = await input.inputValue();
  await input.fill(newName);
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden', timeout: 5000 }).catch(() => {});
  return placeholder;
}

export const REFACTOR_PREVIEW = '.bulk-edit-panel';


/** Closes every editor, without saving: a dirty one's "Do you want to save" dialog is answered "Don't Save". */
export async function closeAllEditors(page) {
  const tabs = page.locator('.part.editor .tab');
  if ((await tabs.count()) === 0) return;
  await runCommand(page, 'View: Close All Editors', ['View: Close All Editors']);
  const dontSave = page.locator('.monaco-dialog-box .monaco-button', { hasText: /^Don't Save$/ }).first();
  await waitFor('no editor open', async () => {
    if (await dontSave.isVisible().catch(() => false)) await dontSave.click();
    return (await tabs.count()) === 0;
  }, { timeout: 10000, interval: 250 });
}

/**
 * The state every check starts from: no widget, no notification, no editor, no bottom panel, the Explorer shown
 * with its folder view open and the Outline and Entities views closed. What a check needs beyond
 * that (a view opened, its scope or filter) it sets itself.
 */
export async function resetWorkbench(page) {
  await dismissWidgets(page);
  await clearNotifications(page);
  await closeAllEditors(page);
  await hidePanel(page);
  await page.keyboard.press('Control+Shift+E');
  await setFoldersView(page, true);
  await setPaneExpanded(page, OUTLINE_HEADER, false);
  await setPaneExpanded(page, ENTITIES_HEADER, false);
}

// ------------------------------------------------------------------ the cursor, keys and edits

/** The cursor as the status bar shows it ("Ln 12, Col 5 (3 selected)"): { line, column, selected, text }. */
export async function cursorPosition(page) {
  const text = ((await page.locator('[id="status.editor.selection"]').first().textContent({ timeout: 2000 }).catch(() => '')) || '').replace(/\s+/g, ' ').trim();
  const m = /Ln (\d+), Col (\d+)(?: \((\d+) selected\))?/.exec(text);
  return m ? { line: Number(m[1]), column: Number(m[2]), selected: m[3] ? Number(m[3]) : 0, text } : { text };
}

/** Selects `length` characters of one line from `pos` (Shift+Right). */
export async function selectFrom(page, pos, length) {
  await goToLine(page, pos.line, pos.column);
  for (let i = 0; i < length; i++) await page.keyboard.press('Shift+ArrowRight');
  await waitFor(`${length} characters selected from ${pos.line}:${pos.column}`, async () => (await cursorPosition(page)).selected === length, { timeout: 5000 });
}

/** Waits for the active tab to turn dirty (the annotation commands are asynchronous); `what` names the action. */
export async function waitDirty(page, what, timeout = 15000) {
  await waitFor(`the editor modified by ${what}`, () => activeTabDirty(page), { timeout }).catch(async (e) => {
    const toasts = await notificationTexts(page);
    throw new Error(`${e.message}${toasts.length ? `; notifications: ${JSON.stringify(toasts)}` : ''}`);
  });
}

/**
 * Presses `key` in the editor (after `before()`, which places the cursor) until `until()` holds:
 * the language server may still be reading the cable when the first press arrives. Returns what
 * `until()` returned.
 */
export async function pressUntil(page, key, what, until, { before, timeout = 30000 } = {}) {
  let tries = 0;
  let result;
  await waitFor(`${what} after ${key}`, async () => {
    result = await until();
    if (result) return true;
    if (tries > 0) await clearNotifications(page);
    tries++;
    if (before) await before();
    await page.keyboard.press(key);
    result = await waitFor(what, until, { timeout: 5000, interval: 200 }).catch(() => undefined);
    return Boolean(result);
  }, { timeout, interval: 500 }).catch(async (e) => {
    const toasts = await notificationTexts(page);
    throw new Error(`${e.message} (${tries} presses)${toasts.length ? `; notifications: ${JSON.stringify(toasts)}` : ''}`);
  });
  return result;
}

/** Presses `key` until the active editor is modified (see pressUntil). */
export async function pressUntilDirty(page, key, what, options) {
  return pressUntil(page, key, `the editor modified by ${what}`, () => activeTabDirty(page), options);
}

/** Saves the active editor and fails, with the difference, unless `file` then holds `expected`. */
export async function saveExpecting(page, file, expected, what) {
  const onDisk = await saveAndRead(page, file, expected);
  if (onDisk !== expected) throw new Error(`after ${what} and Ctrl+S, ${path.basename(file)} differs from the expected text: ${describeDiff(expected, onDisk)}`);
}

// ------------------------------------------------------------------ quick picks, notifications, dialogs, menus

/** The open quick pick: { title, placeholder, value, rows: [{ label, description, checked, focused }] }; undefined when closed. */
export async function quickPickState(page) {
  return page.evaluate(() => {
    const w = [...document.querySelectorAll('.quick-input-widget')].find((e) => e.offsetParent !== null && e.style.display !== 'none');
    if (!w) return undefined;
    const input = w.querySelector('.quick-input-box input');
    return {
      title: (w.querySelector('.quick-input-title')?.textContent || '').trim(),
      placeholder: input?.getAttribute('placeholder') || '',
      value: input?.value || '',
      rows: [...w.querySelectorAll('.quick-input-list .monaco-list-row')].map((r) => ({
        label: (r.querySelector('.label-name')?.textContent || r.getAttribute('aria-label') || '').replace(/\s+/g, ' ').trim(),
        description: (r.querySelector('.label-description')?.textContent || '').trim(),
        checked: r.querySelector('input[type="checkbox"]')?.checked ?? r.getAttribute('aria-checked') === 'true',
        focused: r.classList.contains('focused'),
      })),
    };
  });
}

/** Waits for a quick pick whose title matches `title` (a string it includes, or a RegExp) and has rows. */
export async function waitQuickPick(page, title, timeout = 15000) {
  let last;
  const ok = (t) => (title instanceof RegExp ? title.test(t) : t.includes(title));
  return waitFor(`the quick pick "${title}"`, async () => {
    last = await quickPickState(page);
    return last && ok(last.title) && last.rows.length > 0 ? last : undefined;
  }, { timeout, interval: 200 }).catch((e) => {
    throw new Error(`${e.message}; seen: ${JSON.stringify(last)}`);
  });
}

/** In the open quick pick, types `filter` and presses Enter once the focused row's label is `label`. */
export async function chooseQuickPickItem(page, filter, label) {
  const input = page.locator(QUICK_INPUT).first();
  await input.fill(filter);
  let seen;
  await waitFor(`the row "${label}" focused in the quick pick`, async () => {
    seen = await quickPickState(page);
    return seen?.rows.find((r) => r.focused)?.label === label;
  }, { timeout: 10000, interval: 150 }).catch((e) => {
    throw new Error(`${e.message}; rows: ${JSON.stringify(seen?.rows)}`);
  });
  await sleep(150);
  await page.keyboard.press('Enter');
}

/** The messages of the notification toasts shown now. */
export async function notificationTexts(page) {
  return page.locator('.notifications-toasts .notification-toast .notification-list-item-message').evaluateAll((els) =>
    els.filter((e) => e.offsetParent !== null).map((e) => (e.textContent || '').replace(/\s+/g, ' ').trim()),
  ).catch(() => []);
}

/** Waits for a toast whose message matches `re`; returns its message. */
export async function waitNotification(page, re, timeout = 15000) {
  let seen = [];
  return waitFor(`a notification ${re}`, async () => {
    seen = await notificationTexts(page);
    return seen.find((t) => re.test(t));
  }, { timeout, interval: 200 }).catch((e) => {
    throw new Error(`${e.message}; shown: ${JSON.stringify(seen)}`);
  });
}

/** The toast with `re` in its message, to click its buttons. */
export function notificationToast(page, re) {
  return page.locator('.notifications-toasts .notification-toast').filter({ has: page.locator('.notification-list-item-message', { hasText: re }) }).first();
}

/** Clears every notification (toasts and the notification centre). */
export async function clearNotifications(page) {
  if ((await page.locator('.notifications-toasts .notification-toast').count()) === 0) return;
  await runCommand(page, 'Notifications: Clear All Notifications').catch((e) => log(`clearing notifications: ${e.message}`));
  await waitFor('no notification toast', async () => (await page.locator('.notifications-toasts .notification-toast').count()) === 0, { timeout: 5000 })
    .catch((e) => log(e.message));
}

/**
 * Answers VS Code's own file dialog (code-server's: a quick input holding a path) with `absPath`:
 * a file to save or open, or (with a final "/") a folder to choose. Returns the dialog's title.
 */
export async function answerFileDialog(page, absPath, timeout = 15000) {
  const input = page.locator(QUICK_INPUT).first();
  const state = await waitFor('the file dialog', async () => {
    const s = await quickPickState(page);
    return s && s.value.startsWith('/') ? s : undefined;
  }, { timeout, interval: 200 });
  // The dialog may still set its own path (the default, a listing) as it opens: type, let it settle,
  // and type again until the path stays; Enter; again if the dialog is still open with another path.
  for (let attempt = 1; ; attempt++) {
    await waitFor(`the file dialog holding ${absPath}`, async () => {
      if ((await input.inputValue()) !== absPath) await input.fill(absPath);
      await sleep(600);
      return (await input.inputValue()) === absPath;
    }, { timeout: 10000, interval: 100 });
    await page.keyboard.press('Enter');
    const closed = await waitFor('the file dialog closed', async () => (await quickPickState(page)) === undefined, { timeout: 3000, interval: 150 }).catch(() => false);
    if (closed || attempt === 3) break;
    const now = await quickPickState(page);
    if (!now || now.title !== state.title) break; // another dialog (a confirmation) or pick
    log(`the file dialog is still open at ${now.value}; answering again`);
  }
  return state.title;
}

/** Collapses the Explorer's folders and returns the row of the top-level folder `name`, scrolled into view. */
export async function explorerFolderRow(page, name) {
  await dismissWidgets(page);
  await page.keyboard.press('Control+Shift+E');
  await setFoldersView(page, true);
  // The view's title action (it has no Command Palette entry).
  const header = page.locator('.pane:has(.explorer-folders-view) > .pane-header').first();
  await header.hover();
  const collapse = header.locator('.action-label[aria-label^="Collapse Folders in Explorer"]').first();
  await collapse.waitFor({ state: 'visible', timeout: 5000 });
  await collapse.click();
  const tree = page.locator('.explorer-folders-view .monaco-list').first();
  const row = page.locator(`.explorer-folders-view .monaco-list-row[aria-level="1"][aria-label="${name}"]`).first();
  if (!(await row.isVisible().catch(() => false))) {
    await scrollThrough(page, tree, async () => {
      if (await row.isVisible().catch(() => false)) throw new Error('found');
    }).catch((e) => {
      if (e.message !== 'found') throw e;
    });
  }
  await row.waitFor({ state: 'visible', timeout: 5000 });
  return row;
}

/** Right-clicks `row` (a locator) and chooses `item` in the context menu. */
export async function contextMenu(page, row, item) {
  await row.click({ button: 'right' });
  const menu = page.locator('.context-view .monaco-menu').first();
  await menu.waitFor({ state: 'visible', timeout: 5000 });
  const entry = menu.locator('.action-item .action-label', { hasText: item }).first();
  if (!(await entry.isVisible().catch(() => false))) {
    const items = await menu.locator('.action-item .action-label').allInnerTexts().catch(() => []);
    await page.keyboard.press('Escape');
    throw new Error(`the context menu has no "${item}": ${JSON.stringify(items.filter(Boolean))}`);
  }
  await entry.click();
  // A click as the menu opens may only highlight the entry: Enter runs the highlighted one.
  if (!(await menu.waitFor({ state: 'hidden', timeout: 1500 }).then(() => true, () => false))) {
    log(`the context menu is still open after clicking "${item}": Enter`);
    await entry.hover();
    await page.keyboard.press('Enter');
    await menu.waitFor({ state: 'hidden', timeout: 5000 });
  }
}

/** Filters the Problems panel (opened) by `text`; returns the panel. Call it once, then read the rows. */
export async function filterProblems(page, text) {
  const panel = await problemsPanel(page);
  const filter = page.locator('.part.panel .viewpane-filter input, .part.panel .markers-panel-action-filter input').first();
  // A panel shown again may display its old filter without applying it: empty it first, and let the
  // filter (debounced) take each change.
  if ((await filter.inputValue()) === text) {
    await filter.fill('');
    await sleep(600);
  }
  await filter.fill(text);
  await sleep(600);
  return panel;
}

/**
 * Ctrl+. (or `key`: Ctrl+Shift+R for the Refactor menu) at `pos` (null: where the cursor is) until
 * the code action menu lists `title` (the language server may still be analysing); returns the
 * menu's titles.
 */
export async function codeActionMenu(page, pos, title, { key = 'Control+.', timeout = 30000 } = {}) {
  const widget = page.locator('.action-widget').first();
  let titles = [];
  await waitFor(`the code action menu with "${title}"`, async () => {
    if (pos) await goToLine(page, pos.line, pos.column);
    await page.keyboard.press(key);
    await widget.waitFor({ state: 'visible', timeout: 5000 }).catch(() => {});
    titles = await widget.locator('.monaco-list-row.action').evaluateAll((rs) =>
      rs.map((r) => (r.querySelector('.title')?.textContent || r.getAttribute('aria-label') || '').trim()),
    ).catch(() => []);
    if (titles.includes(title)) return true;
    await page.keyboard.press('Escape');
    return false;
  }, { timeout, interval: 1000 }).catch((e) => {
    throw new Error(`${e.message}${pos ? ` at ${pos.line}:${pos.column}` : ''}; menu: ${JSON.stringify(titles)}`);
  });
  return titles;
}

/** In the open code action menu, moves to `title` with the arrow keys and applies it (Enter). */
export async function chooseCodeAction(page, title, titles) {
  const widget = page.locator('.action-widget').first();
  // Keyboard, not a click: the menu lays a pointer block over the page until the mouse moves.
  const focused = async () => ((await widget.locator('.monaco-list-row.action.focused .title').first().textContent({ timeout: 1000 }).catch(() => '')) || '').trim();
  for (let i = 0; i <= titles.length && (await focused()) !== title; i++) await page.keyboard.press('ArrowDown');
  if ((await focused()) !== title) throw new Error(`could not focus "${title}" in the menu (focused: "${await focused()}"); menu: ${JSON.stringify(titles)}`);
  await page.keyboard.press('Enter');
  await widget.waitFor({ state: 'hidden', timeout: 5000 }).catch(() => {});
}

/**
 * The Refactor Preview's file rows (`rel, making text edits`), scrolling its tree from the top:
 * Map rel → ticked. Rows of `toTick` found unticked are ticked on the way.
 */
export async function previewFiles(page, toTick = []) {
  const files = new Map();
  const rows = page.locator(`${REFACTOR_PREVIEW} .monaco-list-row[aria-level="1"]`);
  // One read of the rendered rows per step (a call per row would take seconds on a long list).
  const rendered = () => rows.evaluateAll((rs) => rs.map((r) => ({
    rel: (r.getAttribute('aria-label') || '').replace(/, making text edits$/, ''),
    ticked: r.querySelector('input.edit-checkbox')?.checked ?? null,
  })));
  await scrollThrough(page, page.locator(`${REFACTOR_PREVIEW} .monaco-list`).first(), async () => {
    for (let { rel, ticked } of await rendered()) {
      if (!rel) continue;
      if (toTick.includes(rel) && ticked === false) {
        const box = page.locator(`${REFACTOR_PREVIEW} .monaco-list-row[aria-level="1"][aria-label="${rel}, making text edits"] input.edit-checkbox`).first();
        // A click on the element itself: a row at the bottom of the list lies under the Apply/Discard bar.
        await box.evaluate((input) => input.click());
        ticked = await box.isChecked({ timeout: 1000 }).catch(() => null);
      }
      if (!files.has(rel)) files.set(rel, ticked);
    }
  });
  return files;
}

/** Opens a workspace cable and waits for the language mode "Tagged Cable". */
export async function openCable(page, rel) {
  await dismissWidgets(page);
  await hidePanel(page);
  await openFile(page, rel);
  await waitFor('language mode "Tagged Cable"', async () => (await statusMode(page)) === 'Tagged Cable', { timeout: 15000 }).catch(async (e) => {
    throw new Error(`${e.message}; status bar shows "${await statusMode(page)}"`);
  });
}

/** The comparison's status bar entry ("$(diff) F1 0.99 vs HEAD · 2 differences"); '' when hidden. */
export const comparisonStatus = (page) => statusItemText(page, 'taggedCables.comparison');

/**
 * Tagged Cables: Compare Annotations With… › Git HEAD on the active cable, again until the status
 * entry shows the comparison: the Git extension may still be opening the repository.
 */
export async function compareWithHead(page) {
  let tries = 0;
  await waitFor('the comparison with HEAD in the status bar', async () => {
    tries++;
    await clearNotifications(page);
    await runCommand(page, 'Tagged Cables: Compare Annotations With…');
    await waitQuickPick(page, 'Compare the annotations of');
    await chooseQuickPickItem(page, 'HEAD', 'Git HEAD');
    return waitFor('the status entry, or an error', async () => {
      if ((await comparisonStatus(page)).includes(' vs HEAD')) return true;
      const error = (await notificationTexts(page)).find((t) => t.startsWith('Cannot compare'));
      if (error) throw new Error(error);
      return false;
    }, { timeout: 10000, interval: 250 });
  }, { timeout: 60000, interval: 1000 }).catch((e) => {
    throw new Error(`${e.message} (${tries} tries)`);
  });
}

/** Starts recording the messages of notification toasts that match `re` (read them with `recordedNotifications`). */
export async function recordNotifications(page, re) {
  await page.evaluate((source) => {
    const re = new RegExp(source);
    window.__notificationsSeen = [];
    window.__notificationsObserver?.disconnect();
    const record = () => {
      for (const m of document.querySelectorAll('.notifications-toasts .notification-list-item-message')) {
        const text = (m.textContent || '').replace(/\s+/g, ' ').trim();
        if (re.test(text) && !window.__notificationsSeen.includes(text)) window.__notificationsSeen.push(text);
      }
    };
    window.__notificationsObserver = new MutationObserver(record);
    window.__notificationsObserver.observe(document.body, { subtree: true, childList: true, characterData: true });
  }, re.source);
}

export async function recordedNotifications(page) {
  return page.evaluate(() => {
    window.__notificationsObserver?.disconnect();
    return window.__notificationsSeen || [];
  });
}

/** Tagged Cables: Import Annotations… on `absPath` (through the file dialog). */
export async function importAnnotations(page, absPath) {
  await runCommand(page, 'Tagged Cables: Import Annotations…');
  return answerFileDialog(page, absPath);
}

/** The labels of the editor tabs, in order. */
export async function tabLabels(page) {
  return page.locator('.part.editor .tab').evaluateAll((ts) => ts.map((t) => (t.getAttribute('aria-label') || t.textContent || '').trim()));
}

/** Saves the active (untitled) editor as `absPath` through the save dialog; returns the text on disk. */
export async function saveAs(page, absPath) {
  await page.keyboard.press('Control+S');
  await answerFileDialog(page, absPath);
  let text;
  await waitFor(`${path.basename(absPath)} saved`, async () => {
    text = await fsp.readFile(absPath, 'utf8').catch(() => undefined);
    return text !== undefined && !(await activeTabDirty(page));
  }, { timeout: 15000 });
  return text;
}

/** The region of a README screenshot: the editor area, panel and status bar, without the side bar; `height` from the top. */
export async function readmeClip(page, height) {
  const box = await page.locator('.part.editor').first().boundingBox().catch(() => null);
  const viewport = page.viewportSize();
  const x = Math.max(0, Math.round(box?.x ?? 0));
  return { x, y: 0, width: viewport.width - x, height: height ?? viewport.height };
}
