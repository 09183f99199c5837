#!/usr/bin/env node
// End-to-end test of the packaged extension in a real VS Code.
//
// VS Code here is code-server 4.96.4 (VS Code 1.96: the workbench in a
// browser, extensions in a Node extension host), driven by headless Debian
// Chromium through playwright-core.
// `scripts/setup-vscode.sh` installs both (it is run from here; it is a fast
// no-op once done).
//
//   node test/e2e/run.mjs            (npm run test:e2e)
//
// Environment:
//   E2E_VSIX=path        the .vsix to test (default: tagged-cables.vsix at the repo root;
//                        built with `npm run package` when missing)
//   E2E_TIMEOUT_MS=n     global timeout (default 360000)
//   E2E_KEEP=1           keep the temporary folders (workspace, user data, extensions)
//   E2E_HEADED=1         show the browser (needs a display)
//
// Output: one line per check, screenshots in test-results/e2e/<check>.png (and
// h-folding-folded.png, j-quick-fix-retype-menu.png of intermediate states), and a
// last line `N passed, N failed`. Exit code 0 only when every check passed.

import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const OUT = path.join(ROOT, 'test-results', 'e2e');
const VSCODE_TEST = path.join(ROOT, '.vscode-test');
const CODE_SERVER = path.join(VSCODE_TEST, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const CHROMIUM = process.env.E2E_CHROMIUM || '/usr/bin/chromium';
const VSIX = path.resolve(ROOT, process.env.E2E_VSIX || 'tagged-cables.vsix');
const SEED_NAME = '000_d5a32e40f8b893e0.txt';
const SEED = path.join(ROOT, 'seeds', SEED_NAME);
const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'e2e');
const GLOBAL_TIMEOUT_MS = Number(process.env.E2E_TIMEOUT_MS || 6 * 60 * 1000);
const KEEP = process.env.E2E_KEEP === '1';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.enableExperiments': false,
  'workbench.colorTheme': 'Default Dark Modern',
  'workbench.editor.enablePreview': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'git.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
  'editor.minimap.enabled': false,
  'editor.wordWrap': 'off',
  'editor.hover.delay': 300,
  'files.autoSave': 'off',
  'chat.commandCenter.enabled': false,
};

// ------------------------------------------------------------------ utilities

const t0 = Date.now();
const elapsed = () => `${((Date.now() - t0) / 1000).toFixed(1)}s`;
const log = (...a) => console.error(`[e2e ${elapsed()}]`, ...a);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Poll `fn` until it returns a truthy value; throws the last error / `what` on timeout. */
async function waitFor(what, fn, { timeout = 15000, interval = 250 } = {}) {
  const end = Date.now() + timeout;
  let lastErr;
  let lastValue;
  for (;;) {
    try {
      lastValue = await fn();
      if (lastValue) return lastValue;
    } catch (e) {
      lastErr = e;
    }
    if (Date.now() > end) {
      const detail = lastErr ? `: ${lastErr.message.split('\n')[0]}` : '';
      throw new Error(`timed out after ${timeout} ms waiting for ${what}${detail}`);
    }
    await sleep(interval);
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', ...opts });
  return { code: r.status, out: `${r.stdout || ''}${r.stderr || ''}`, error: r.error };
}

function walk(dir) {
  const found = [];
  let entries = [];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return found;
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) found.push(...walk(p));
    else found.push(p);
  }
  return found;
}

function tail(file, lines) {
  try {
    const text = fs.readFileSync(file, 'utf8').split('\n');
    return text.slice(-lines).join('\n');
  } catch (e) {
    return `(cannot read ${file}: ${e.message})`;
  }
}

function loadPlaywright() {
  // The repo's devDependency first, then the copy in .vscode-test/.
  for (const base of [path.join(ROOT, 'package.json'), path.join(VSCODE_TEST, 'package.json')]) {
    try {
      return createRequire(base)('playwright-core');
    } catch {
      /* next */
    }
  }
  throw new Error('playwright-core not found (run npm ci, or scripts/setup-vscode.sh)');
}

// ------------------------------------------------------------------ seed facts

const seedText = fs.readFileSync(SEED, 'utf8');
const seedLines = seedText.split('\n');

/** 1-based line and column of the first occurrence of `needle` (column of its first char + `shift`). */
function seedPosition(needle, shift = 0) {
  for (let i = 0; i < seedLines.length; i++) {
    const c = seedLines[i].indexOf(needle);
    if (c >= 0) return { line: i + 1, column: c + 1 + shift };
  }
  return undefined;
}

function countOccurrences(text, needle) {
  let n = 0;
  for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length)) n++;
  return n;
}

const PICKARD_TAG = '[PER Pickard  ]';
const PICKARD_FULL_TAG = '[PER Nicolas Pickard  ]';
const EXPECTED_PICKARD_REFS = countOccurrences(seedText, PICKARD_TAG) + countOccurrences(seedText, PICKARD_FULL_TAG);
// Inside the first `[PER Pickard  ]`: on the "c" of Pickard.
const PICKARD_POS = seedPosition(PICKARD_TAG, '[PER Pi'.length);

// One rendered text per entity type, the first candidate present in the seed.
const COLOUR_TARGETS = [
  { type: 'PER', candidates: ['Steven Costner', 'Nicolas Pickard', 'Pickard'] },
  { type: 'ORG', candidates: ['NATO'] },
  { type: 'LOC', candidates: ['London', 'UK'] },
  { type: 'MISC', candidates: ['British'] },
].map(({ type, candidates }) => {
  for (const text of candidates) {
    const pos = seedPosition(`[${type} ${text}  ]`, `[${type} `.length);
    if (pos) return { type, text, ...pos };
  }
  throw new Error(`the seed has no [${type} …] tag among ${candidates.join(', ')}`);
});

const MALFORMED_CODES = ['tag-unclosed', 'tag-unknown-type', 'tag-stray-close', 'tag-empty', 'tag-nested'];

// g: the outline. A section heading `------- TITLE -------` and a paragraph in it.
const OUTLINE_SECTION = 'CONVENTION ON CLUSTER MUNITIONS';
const OUTLINE_PARAGRAPH = '¶3 (C) Pickard informed the group';
const ENTITY_TYPE_NODES = ['PER', 'ORG', 'LOC', 'MISC'];

// h: folding the section whose heading shares its line with the ¶3 anchor.
const FOLD_HEADING = `------------------------------- ${OUTLINE_SECTION} -------------------------------`;
const FOLD_POS = seedPosition(FOLD_HEADING, '------------------------------- '.length);
const FOLD_INSIDE_TEXT = '( C ) [PER Pickard  ] informed the group';
const FOLD_INSIDE_LINE = seedPosition(FOLD_INSIDE_TEXT)?.line;

// i and j: "Ford" is tagged ORG three times, PER twice ([PER Andrew Ford  ], [PER Ford  ]).
const FORD_ORG_TAG = '[ORG Ford  ]';
const FORD_PER_TAG = '[PER Ford  ]';
const FORD_POS = seedPosition(FORD_ORG_TAG, '[ORG Fo'.length);
const CONFLICT_NAME = 'conflict.txt'; // a copy of the seed, changed by check j
const RETYPE_ALL_TITLE = 'Retype all 5 mentions of "Andrew Ford" as PER';
const RETYPE_ONE_TITLE = 'Retype this mention as PER';

// k: renaming Mathias; the longer form [PER Stephen Mathias  ] follows.
const RENAME_NAME = 'rename.txt'; // a copy of the seed, changed by check k
const MATHIAS_TAG = '[PER Mathias  ]';
const MATHIAS_POS = seedPosition(MATHIAS_TAG, '[PER Ma'.length);
const RENAMED_TEXT = seedText
  .replaceAll(MATHIAS_TAG, '[PER Matthias  ]')
  .replaceAll('[PER Stephen Mathias  ]', '[PER Stephen Matthias  ]');

for (const [what, v] of Object.entries({ FOLD_POS, FOLD_INSIDE_LINE, FORD_POS, MATHIAS_POS })) {
  if (!v) throw new Error(`the seed has changed: ${what} not found`);
}

// ------------------------------------------------------------------ resources and cleanup

const state = {
  tmp: undefined,
  ws: undefined, // the workspace folder
  ud: undefined,
  codeServer: undefined, // ChildProcess
  browserServer: undefined,
  browser: undefined,
  page: undefined,
  results: [], // { name, ok, detail, ms }
  cleanedUp: false,
  aborted: false, // the global timeout fired
  consoleLog: [], // the browser console, written to test-results/e2e/browser-console.log
};

function killCodeServerSync() {
  const cs = state.codeServer;
  if (!cs || cs.exitCode !== null || cs.signalCode !== null) return;
  try {
    process.kill(-cs.pid, 'SIGKILL'); // its own process group: code-server + extension host + language server
  } catch {
    try {
      cs.kill('SIGKILL');
    } catch {
      /* gone */
    }
  }
}

function killChromiumSync() {
  const proc = state.browserServer?.process?.();
  if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
  try {
    process.kill(-proc.pid, 'SIGKILL'); // playwright starts it detached: its own process group
  } catch {
    try {
      process.kill(proc.pid, 'SIGKILL');
    } catch {
      /* gone */
    }
  }
}

async function cleanup() {
  if (state.cleanedUp) return;
  state.cleanedUp = true;
  const withTimeout = (p, ms) => Promise.race([p.catch(() => {}), sleep(ms)]);
  if (state.browser) await withTimeout(state.browser.close(), 5000);
  if (state.browserServer) await withTimeout(state.browserServer.close(), 5000);
  killChromiumSync();
  const cs = state.codeServer;
  if (cs && cs.exitCode === null && cs.signalCode === null) {
    try {
      process.kill(-cs.pid, 'SIGTERM');
    } catch {
      /* gone */
    }
    await withTimeout(new Promise((r) => cs.once('exit', r)), 5000);
    killCodeServerSync();
  }
  if (state.tmp && !KEEP) {
    await fsp.rm(state.tmp, { recursive: true, force: true, maxRetries: 3 }).catch(() => {});
  } else if (state.tmp) {
    log(`kept ${state.tmp}`);
  }
}

process.on('exit', () => {
  killChromiumSync();
  killCodeServerSync();
});
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, async () => {
    log(`got ${sig}, cleaning up`);
    await cleanup();
    process.exit(130);
  });
}

function printSummary() {
  const passed = state.results.filter((r) => r.ok).length;
  const failed = state.results.length - passed;
  console.log(`${passed} passed, ${failed} failed`);
  return failed;
}

function printDebugLogs() {
  if (!state.ud) return;
  // The extension host's own log and the extensions' output channels; not the built-in git/github logs.
  const files = walk(path.join(state.ud, 'logs')).filter(
    (f) => /[\\/]exthost\d*[\\/]/.test(f) && f.endsWith('.log') && !/[\\/]vscode\.[^\\/]+[\\/]/.test(f),
  );
  if (files.length === 0) console.log('(no extension host logs found under UD/logs)');
  for (const f of files) {
    const size = fs.statSync(f).size;
    if (size === 0) continue;
    console.log(`\n----- ${path.relative(state.ud, f)} (last 40 lines) -----`);
    console.log(tail(f, 40));
  }
  const csLog = path.join(OUT, 'code-server.log');
  if (fs.existsSync(csLog)) {
    console.log(`\n----- test-results/e2e/code-server.log (last 15 lines) -----`);
    console.log(tail(csLog, 15));
  }
  console.log('-----');
}

// ------------------------------------------------------------------ checks

const CHECKS = [];
const check = (name, title, fn, timeout = 60000) => CHECKS.push({ name, title, fn, timeout });

// ---------------------------------------------------------------- workbench helpers

const MODE = '[id="status.editor.mode"]';
const QUICK_INPUT = '.quick-input-widget .quick-input-box input';

async function statusMode(page) {
  const el = page.locator(MODE).first();
  if (!(await el.isVisible())) return '';
  return ((await el.textContent()) || '').trim();
}

async function activeTabLabel(page) {
  const tab = page.locator('.part.editor .tab.active').first();
  if (!(await tab.count())) return '';
  return (await tab.getAttribute('aria-label')) || (await tab.textContent()) || '';
}

async function dismissWidgets(page) {
  for (let i = 0; i < 3; i++) await page.keyboard.press('Escape');
}

async function quickOpen(page, name) {
  await dismissWidgets(page);
  await page.keyboard.press('Control+P');
  const input = page.locator(QUICK_INPUT).first();
  await input.waitFor({ state: 'visible', timeout: 5000 });
  await input.fill(name);
  // Wait until the file's row is the focused one (the list re-renders as results arrive).
  const row = page.locator(`.quick-input-widget .monaco-list-row.focused[aria-label*="${name}"]`).first();
  await row.waitFor({ state: 'visible', timeout: 10000 });
  await sleep(150);
  await page.keyboard.press('Enter');
  await waitFor(`tab ${name}`, async () => (await activeTabLabel(page)).includes(name), { timeout: 5000 });
}

/** Hide the bottom panel (Problems) if it is open, so the editor has the room and the focus. */
async function hidePanel(page) {
  const panel = page.locator('.part.panel').first();
  if (await panel.isVisible().catch(() => false)) {
    await page.keyboard.press('Control+J');
    await panel.waitFor({ state: 'hidden', timeout: 5000 }).catch(() => log('the panel did not hide'));
  }
}

/** Expand or collapse the Explorer's folder view (its section header toggles it). */
async function setFoldersView(page, expanded) {
  const header = page.locator('.pane:has(.explorer-folders-view) > .pane-header').first();
  if ((await header.getAttribute('aria-expanded', { timeout: 5000 }).catch(() => null)) !== String(!expanded)) return;
  await header.click();
  await waitFor(`the folder view ${expanded ? 'expanded' : 'collapsed'}`, async () => (await header.getAttribute('aria-expanded')) === String(expanded), { timeout: 5000 })
    .catch((e) => log(e.message));
}

/** Open a workspace file through Quick Open (Ctrl+P, two tries); falls back to the Explorer. */
async function openFile(page, name) {
  let lastError;
  for (let attempt = 1; attempt <= 2; attempt++) {
    try {
      await quickOpen(page, name);
      lastError = undefined;
      break;
    } catch (e) {
      lastError = e;
      log(`quick open of ${name}, try ${attempt}, failed: ${e.message.split('\n')[0]}`);
    }
  }
  if (lastError) {
    log(`opening ${name} from the Explorer`);
    await dismissWidgets(page);
    await page.keyboard.press('Control+Shift+E');
    await setFoldersView(page, true);
    const item = page.locator(`.explorer-folders-view .monaco-list-row[aria-label^="${name}"]`).first();
    await item.waitFor({ state: 'visible', timeout: 10000 });
    await item.dblclick();
    await waitFor(`tab ${name}`, async () => (await activeTabLabel(page)).includes(name), { timeout: 10000 });
  }
  // The editor's text is rendered.
  await page.locator('.part.editor .editor-instance .monaco-editor .view-line').first().waitFor({ state: 'visible', timeout: 10000 });
}

async function goToLine(page, line, column) {
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
async function renderedColour(page, type, text) {
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

async function hoverText(page) {
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
async function runCommand(page, query, labels = [query]) {
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
async function listRows(page, container) {
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
async function renderedLineNumbers(page) {
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
async function lineRendered(page, text) {
  return page.evaluate((text) => {
    const ed = [...document.querySelectorAll('.part.editor .editor-instance .monaco-editor')].find(
      (e) => !e.closest('.zone-widget') && e.offsetParent !== null,
    );
    if (!ed) return false;
    return [...ed.querySelectorAll('.view-lines .view-line')].some((l) => (l.textContent || '').replace(/\u00a0/g, ' ').includes(text));
  }, text);
}

async function activeTabDirty(page) {
  return page.locator('.part.editor .tab.active.dirty').count().then((n) => n > 0);
}

/** Save the active editor (Ctrl+S) and wait for the file on disk to equal `expected`; returns the disk text. */
async function saveAndRead(page, name, expected, { timeout = 15000 } = {}) {
  const file = path.join(state.ws, name);
  await page.keyboard.press('Control+S');
  let text = '';
  await waitFor(`${name} saved with the expected text`, async () => {
    text = await fsp.readFile(file, 'utf8');
    return text === expected && !(await activeTabDirty(page));
  }, { timeout, interval: 250 }).catch(() => {});
  return text;
}

/** A short description of how `actual` differs from `expected`, line by line. */
function describeDiff(expected, actual, max = 4) {
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

// ---------------------------------------------------------------- the checks

let seedModeRightAfterOpen = '';

check('a-seed-language-mode', `opening ${SEED_NAME} switches it to "Tagged Cable"`, async (page) => {
  await openFile(page, SEED_NAME);
  seedModeRightAfterOpen = await statusMode(page);
  log(`language mode right after opening the seed: "${seedModeRightAfterOpen}"`);
  const mode = await waitFor('language mode "Tagged Cable"', async () => {
    const m = await statusMode(page);
    return m === 'Tagged Cable' ? m : undefined;
  }, { timeout: 20000 }).catch(async (e) => {
    throw new Error(`${e.message}; status bar shows "${await statusMode(page)}"`);
  });
  return `language mode "${mode}" (right after opening: "${seedModeRightAfterOpen}")`;
});

check('b-notes-plain-text', 'opening notes.txt keeps "Plain Text"', async (page) => {
  await openFile(page, 'notes.txt');
  await waitFor('language mode "Plain Text"', async () => (await statusMode(page)) === 'Plain Text', { timeout: 10000 }).catch(
    async (e) => {
      throw new Error(`${e.message}; status bar shows "${await statusMode(page)}"`);
    },
  );
  // A switch would come from the extension asynchronously: give it time to misbehave.
  await sleep(3000);
  const mode = await statusMode(page);
  if (mode !== 'Plain Text') throw new Error(`language mode changed to "${mode}"`);
  return `language mode "${mode}" after 3 s`;
});

check('c-entity-colours', 'PER, ORG, LOC and MISC mentions have four different colours in the seed', async (page) => {
  await openFile(page, SEED_NAME);
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
});

check('d-problems-panel', 'malformed.cable: the Problems panel lists the five tag diagnostics', async (page) => {
  await openFile(page, 'malformed.cable');
  const mode = await waitFor('language mode "Tagged Cable"', async () => {
    const m = await statusMode(page);
    return m === 'Tagged Cable' ? m : undefined;
  }, { timeout: 15000 }).catch(async () => statusMode(page));
  await dismissWidgets(page);
  await page.keyboard.press('Control+Shift+M');
  const panel = page.locator('.markers-panel').first();
  await panel.waitFor({ state: 'visible', timeout: 10000 });
  // Only this file's problems: the filter matches the file name.
  const filter = page.locator('.part.panel .viewpane-filter input, .part.panel .markers-panel-action-filter input').first();
  if (await filter.count()) {
    await filter.fill('malformed.cable');
  }
  let text = '';
  // A row shows "message cable(code) [Ln l, Col c]" (source "cable", the code a string);
  // the parentheses come from CSS, so compare without spaces and parentheses.
  const has = (code) => text.replace(/[\s()]+/g, '').includes(`cable${code}`);
  try {
    await waitFor('the five diagnostic codes in the Problems panel', async () => {
      text = ((await panel.innerText()) || '').replace(/\s+/g, ' ');
      return MALFORMED_CODES.every((c) => has(c));
    }, { timeout: 30000, interval: 500 });
  } catch (e) {
    const missing = MALFORMED_CODES.filter((c) => !has(c)).map((c) => `cable(${c})`);
    throw new Error(`${e.message}; missing ${missing.join(', ')} (language mode "${mode}"); panel text: ${JSON.stringify(text.slice(0, 600))}`);
  }
  const rows = await panel.locator('.monaco-list-row').count();
  return `${MALFORMED_CODES.map((c) => `cable(${c})`).join(', ')} all listed (${rows} rows, language mode "${mode}")`;
});

check('e-hover-mentions', 'hover on Pickard shows the mention count', async (page) => {
  // Close the panel so the editor is tall, has the focus and the hover has room.
  await dismissWidgets(page);
  await hidePanel(page);
  await openFile(page, SEED_NAME);
  const { line, column } = PICKARD_POS;
  await goToLine(page, line, column);
  let text = '';
  const m = await waitFor('a hover with "N mentions"', async () => {
    text = await hoverText(page);
    const found = /(\d+)\s+mentions?\b/.exec(text);
    if (found) return found;
    // (Re)show the hover: the language server may still be starting.
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+K');
    await page.keyboard.press('Control+I');
    await sleep(1500);
    text = await hoverText(page);
    return /(\d+)\s+mentions?\b/.exec(text);
  }, { timeout: 30000, interval: 250 }).catch((e) => {
    throw new Error(`${e.message}; hover text: ${JSON.stringify(text.slice(0, 400))}`);
  });
  const n = Number(m[1]);
  const note = n === EXPECTED_PICKARD_REFS ? '' : ` (note: the seed has ${EXPECTED_PICKARD_REFS} Pickard tags)`;
  return `hover at ${line}:${column} says ${JSON.stringify(m[0])}${note}: ${JSON.stringify(text.replace(/\s+/g, ' ').slice(0, 160))}`;
});

check('f-references-peek', `references of Pickard list all ${EXPECTED_PICKARD_REFS} mentions`, async (page) => {
  await dismissWidgets(page);
  const { line, column } = PICKARD_POS;
  await goToLine(page, line, column);
  let seen = '';
  const count = await waitFor(`the references peek with a count`, async () => {
    let peek = page.locator('.monaco-editor .peekview-widget').first();
    if (!(await peek.isVisible().catch(() => false))) {
      await page.keyboard.press('Shift+F12');
      await peek.waitFor({ state: 'visible', timeout: 5000 }).catch(() => {});
      peek = page.locator('.monaco-editor .peekview-widget').first();
      if (!(await peek.isVisible().catch(() => false))) return undefined;
    }
    const head = ((await peek.locator('.peekview-title, .head').first().innerText().catch(() => '')) || '').replace(/\s+/g, ' ');
    seen = head;
    // VS Code 1.96: "References (14)"; other versions: "14 references".
    const t = /\breferences?\s*\((\d+)\)/i.exec(head) || /(\d+)\s+references?\b/i.exec(head);
    if (t) return { n: Number(t[1]), how: `peek title "${head.trim()}"` };
    const badge = await peek.locator('.reference-tree .monaco-count-badge').first().textContent().catch(() => '');
    if (badge && /^\d+$/.test(badge.trim())) return { n: Number(badge.trim()), how: `count badge ${badge.trim()} (title "${head.trim()}")` };
    return undefined;
  }, { timeout: 30000, interval: 500 }).catch((e) => {
    throw new Error(`${e.message}; peek title: ${JSON.stringify(seen)}`);
  });
  if (count.n !== EXPECTED_PICKARD_REFS) {
    throw new Error(`peek shows ${count.n} references, expected ${EXPECTED_PICKARD_REFS} (${countOccurrences(seedText, PICKARD_TAG)} × ${PICKARD_TAG} + ${countOccurrences(seedText, PICKARD_FULL_TAG)} × ${PICKARD_FULL_TAG}); ${count.how}`);
  }
  return `${count.n} references, as expected; ${count.how}`;
});

check('g-outline', 'the Outline view shows the seed\'s header, sections, paragraphs and entities', async (page) => {
  await dismissWidgets(page);
  await hidePanel(page);
  await openFile(page, SEED_NAME);
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
});

check('h-folding', `folding the section "${OUTLINE_SECTION}" hides its lines`, async (page) => {
  await dismissWidgets(page);
  await openFile(page, SEED_NAME);
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
  await page.screenshot({ path: path.join(OUT, 'h-folding-folded.png') }).catch((e) => log(`screenshot failed: ${e.message}`));
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
});

check('i-type-conflict-problem', 'the Problems panel shows the entity-type-conflict for Ford', async (page) => {
  await dismissWidgets(page);
  await openFile(page, SEED_NAME);
  await page.keyboard.press('Control+Shift+M');
  const panel = page.locator('.markers-panel').first();
  await panel.waitFor({ state: 'visible', timeout: 10000 });
  // Only the Ford problems: the filter matches messages (no file name contains "Ford").
  const filter = page.locator('.part.panel .viewpane-filter input, .part.panel .markers-panel-action-filter input').first();
  await filter.fill('Ford');
  const WANT = [`"Ford" is tagged ORG here`, 'taken as PER'];
  const codeOf = (t) => t.replace(/[\s()]+/g, '').includes('cableentity-type-conflict');
  let rows = [];
  const row = await waitFor('a Ford entity-type-conflict row under the seed', async () => {
    rows = await listRows(page, '.markers-panel');
    const fileRow = rows.findIndex((r) => r.text.includes(SEED_NAME) || r.label.includes(SEED_NAME));
    if (fileRow < 0) return undefined;
    return rows.slice(fileRow + 1).find((r) => WANT.every((w) => r.text.includes(w)) && codeOf(r.text));
  }, { timeout: 30000, interval: 500 }).catch((e) => {
    throw new Error(`${e.message}; rows: ${JSON.stringify(rows.map((r) => r.text)).slice(0, 900)}`);
  });
  const fileRow = rows.find((r) => r.text.includes(SEED_NAME) || r.label.includes(SEED_NAME));
  await filter.fill('');
  // The list renders only the rows in view; the file row's badge counts the filtered problems.
  return `${SEED_NAME} (filter "Ford", badge ${fileRow?.badge || '?'}): ${JSON.stringify(row.text)}`;
});

check('j-quick-fix-retype', `the quick fix "${RETYPE_ALL_TITLE}" retypes every ${FORD_ORG_TAG} in ${CONFLICT_NAME}`, async (page) => {
  await dismissWidgets(page);
  await hidePanel(page);
  await openFile(page, CONFLICT_NAME);
  await waitFor('language mode "Tagged Cable"', async () => (await statusMode(page)) === 'Tagged Cable', { timeout: 15000 }).catch(
    async (e) => {
      throw new Error(`${e.message}; status bar shows "${await statusMode(page)}"`);
    },
  );
  const { line, column } = FORD_POS;
  const widget = page.locator('.action-widget').first();
  let titles = [];
  // Ctrl+. until the menu lists the retype actions (the language server may still be analysing).
  const chosen = await waitFor('the quick-fix menu with the retype actions', async () => {
    await goToLine(page, line, column);
    await page.keyboard.press('Control+.');
    await widget.waitFor({ state: 'visible', timeout: 5000 }).catch(() => {});
    titles = await widget.locator('.monaco-list-row.action').evaluateAll((rs) =>
      rs.map((r) => (r.querySelector('.title')?.textContent || r.getAttribute('aria-label') || '').trim()),
    ).catch(() => []);
    for (const title of [RETYPE_ALL_TITLE, RETYPE_ONE_TITLE]) if (titles.includes(title)) return title;
    await page.keyboard.press('Escape');
    return undefined;
  }, { timeout: 30000, interval: 1000 }).catch((e) => {
    throw new Error(`${e.message}; menu at ${line}:${column}: ${JSON.stringify(titles)}`);
  });
  const menu = `menu: ${JSON.stringify(titles)}`;
  await page.screenshot({ path: path.join(OUT, 'j-quick-fix-retype-menu.png') }).catch((e) => log(`screenshot failed: ${e.message}`));
  // Keyboard, not a click: the menu lays a pointer block over the page until the mouse moves.
  // Arrow keys move the focused row (the preferred action is focused first), Enter applies it.
  const focusedTitle = async () =>
    ((await widget.locator('.monaco-list-row.action.focused .title').first().textContent({ timeout: 1000 }).catch(() => '')) || '').trim();
  const firstFocused = await focusedTitle();
  for (let i = 0; i <= titles.length && (await focusedTitle()) !== chosen; i++) await page.keyboard.press('ArrowDown');
  if ((await focusedTitle()) !== chosen) throw new Error(`could not focus "${chosen}" in the menu (focused: "${await focusedTitle()}"); ${menu}`);
  await page.keyboard.press('Enter');
  await widget.waitFor({ state: 'hidden', timeout: 5000 }).catch(() => {});
  await waitFor(`${CONFLICT_NAME} modified`, () => activeTabDirty(page), { timeout: 10000 }).catch((e) => {
    throw new Error(`${e.message} after choosing "${chosen}"; ${menu}`);
  });
  const expected = chosen === RETYPE_ALL_TITLE
    ? seedText.replaceAll(FORD_ORG_TAG, FORD_PER_TAG)
    : seedLines.map((l, i) => (i === line - 1 ? l.replace(FORD_ORG_TAG, FORD_PER_TAG) : l)).join('\n');
  const onDisk = await saveAndRead(page, CONFLICT_NAME, expected);
  if (onDisk !== expected) {
    throw new Error(`after "${chosen}" and Ctrl+S, ${CONFLICT_NAME} differs from the expected text: ${describeDiff(expected, onDisk)}; ${menu}`);
  }
  const n = countOccurrences(seedText, FORD_ORG_TAG);
  const note = chosen === RETYPE_ALL_TITLE ? '' : ` (note: "${RETYPE_ALL_TITLE}" was not offered)`;
  return `chose "${chosen}" at ${line}:${column}; on disk ${chosen === RETYPE_ALL_TITLE ? `all ${n}` : 'one of'} ${FORD_ORG_TAG} → ${FORD_PER_TAG}, ${countOccurrences(onDisk, FORD_ORG_TAG)} left, nothing else changed${note}; focused when the menu opened: "${firstFocused}"; ${menu}`;
});

check('k-rename-entity', `F2 renames Mathias to Matthias in ${RENAME_NAME}`, async (page) => {
  await dismissWidgets(page);
  await openFile(page, RENAME_NAME);
  await waitFor('language mode "Tagged Cable"', async () => (await statusMode(page)) === 'Tagged Cable', { timeout: 15000 }).catch(
    async (e) => {
      throw new Error(`${e.message}; status bar shows "${await statusMode(page)}"`);
    },
  );
  const { line, column } = MATHIAS_POS;
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
  await input.fill('Matthias');
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden', timeout: 5000 }).catch(() => {});
  await waitFor(`${RENAME_NAME} modified`, () => activeTabDirty(page), { timeout: 10000 }).catch(async (e) => {
    const msg = ((await page.locator('.monaco-editor .monaco-editor-overlaymessage').first().innerText().catch(() => '')) || '').trim();
    throw new Error(`${e.message} after renaming "${placeholder}" to "Matthias"${msg ? `; editor says ${JSON.stringify(msg)}` : ''}`);
  });
  const onDisk = await saveAndRead(page, RENAME_NAME, RENAMED_TEXT);
  if (onDisk !== RENAMED_TEXT) {
    throw new Error(`after the rename and Ctrl+S, ${RENAME_NAME} differs from the expected text: ${describeDiff(RENAMED_TEXT, onDisk)}`);
  }
  const short = countOccurrences(seedText, MATHIAS_TAG);
  const long = countOccurrences(seedText, '[PER Stephen Mathias  ]');
  return `rename box at ${line}:${column} (placeholder "${placeholder}"); on disk ${short} × [PER Matthias  ] and ${long} × [PER Stephen Matthias  ], nothing else changed`;
});

check('l-status-bar-entity', 'the status bar shows the entity under the cursor', async (page) => {
  await dismissWidgets(page);
  await openFile(page, SEED_NAME);
  const { line, column } = PICKARD_POS;
  const expected = `Nicolas Pickard · PER · ${EXPECTED_PICKARD_REFS} mentions`;
  const items = page.locator('[id="workbench.parts.statusbar"] .statusbar-item');
  let texts = [];
  await goToLine(page, line, column);
  const found = await waitFor(`a status bar entry "${expected}"`, async () => {
    const all = await items.evaluateAll((els) =>
      els.map((e) => ({ id: e.id, text: (e.textContent || '').replace(/\s+/g, ' ').trim(), visible: e.offsetParent !== null })),
    );
    texts = all.filter((x) => x.visible && x.text).map((x) => x.text);
    return all.find((x) => x.visible && x.text.includes('Pickard'));
  }, { timeout: 15000, interval: 300 }).catch((e) => {
    throw new Error(`${e.message} at ${line}:${column}; status bar: ${JSON.stringify(texts)}`);
  });
  if (found.text !== expected) throw new Error(`the status bar entry (id "${found.id}") shows ${JSON.stringify(found.text)}, expected ${JSON.stringify(expected)}`);
  return `at ${line}:${column}: ${JSON.stringify(found.text)} (element id "${found.id}")`;
});

// ------------------------------------------------------------------ main

async function main() {
  fs.mkdirSync(OUT, { recursive: true });
  for (const f of fs.readdirSync(OUT)) if (f.endsWith('.png') || f.endsWith('.log')) fs.rmSync(path.join(OUT, f), { force: true });

  // 1. code-server + chromium.
  log('scripts/setup-vscode.sh');
  const setup = spawnSync('bash', [path.join(ROOT, 'scripts', 'setup-vscode.sh')], { cwd: ROOT, stdio: ['ignore', 2, 2] });
  if (setup.status !== 0) throw new Error(`scripts/setup-vscode.sh failed (exit ${setup.status})`);

  // 2. The packaged extension.
  if (!fs.existsSync(VSIX)) {
    log(`${path.relative(ROOT, VSIX)} missing: npm run package`);
    const p = spawnSync('npm', ['run', 'package'], {
      cwd: ROOT,
      stdio: ['ignore', 2, 2],
    });
    if (p.status !== 0 || !fs.existsSync(VSIX)) throw new Error(`npm run package failed (exit ${p.status})`);
  } else {
    const vsixTime = fs.statSync(VSIX).mtimeMs;
    const newer = ['dist/client.js', 'dist/server.js', 'package.json', 'syntaxes/cable.tmLanguage.json']
      .filter((f) => fs.existsSync(path.join(ROOT, f)) && fs.statSync(path.join(ROOT, f)).mtimeMs > vsixTime + 1000);
    if (newer.length) log(`warning: ${newer.join(', ')} newer than ${path.basename(VSIX)}; testing the .vsix as it is (npm run package to refresh)`);
  }

  // 3. Temporary workspace, user data and extensions.
  state.tmp = await fsp.mkdtemp(path.join(os.tmpdir(), 'tagged-cables-e2e-'));
  const ws = (state.ws = path.join(state.tmp, 'workspace'));
  const ud = (state.ud = path.join(state.tmp, 'user-data'));
  const ext = path.join(state.tmp, 'extensions');
  for (const d of [ws, path.join(ud, 'User'), ext]) fs.mkdirSync(d, { recursive: true });
  fs.copyFileSync(SEED, path.join(ws, SEED_NAME));
  fs.copyFileSync(path.join(FIXTURES, 'malformed.cable'), path.join(ws, 'malformed.cable'));
  fs.copyFileSync(path.join(FIXTURES, 'notes.txt'), path.join(ws, 'notes.txt'));
  // Copies of the seed for the checks that edit and save (j, k).
  fs.copyFileSync(SEED, path.join(ws, CONFLICT_NAME));
  fs.copyFileSync(SEED, path.join(ws, RENAME_NAME));
  fs.writeFileSync(path.join(ud, 'User', 'settings.json'), JSON.stringify(USER_SETTINGS, null, 2));
  const config = path.join(state.tmp, 'code-server.yaml');
  fs.writeFileSync(config, 'auth: none\ncert: false\n');
  const common = ['--config', config, '--extensions-dir', ext, '--user-data-dir', ud];
  // code-server keeps logs and a heartbeat file under XDG folders: not in $HOME.
  const env = {
    ...process.env,
    XDG_CONFIG_HOME: path.join(state.tmp, 'xdg-config'),
    XDG_DATA_HOME: path.join(state.tmp, 'xdg-data'),
    PASSWORD: '',
    VSCODE_PROXY_URI: '',
  };

  log(`installing ${path.relative(ROOT, VSIX)}`);
  const inst = run(process.execPath, [CODE_SERVER, ...common, '--install-extension', VSIX, '--force'], { timeout: 120000, env });
  if (inst.code !== 0 || !/successfully installed/i.test(inst.out)) {
    throw new Error(`--install-extension failed (exit ${inst.code}):\n${inst.out}`);
  }

  // 4. code-server.
  const port = await freePort();
  const csLog = fs.openSync(path.join(OUT, 'code-server.log'), 'w');
  state.codeServer = spawn(
    process.execPath,
    [CODE_SERVER, ...common, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check',
      '--disable-workspace-trust', '--disable-getting-started-override', '--disable-proxy', '--ignore-last-opened', ws],
    { cwd: state.tmp, detached: true, stdio: ['ignore', csLog, csLog], env },
  );
  fs.closeSync(csLog);
  const csExit = new Promise((resolve) => state.codeServer.once('exit', (code, sig) => resolve(`code-server exited (${code ?? sig})`)));
  const base = `http://127.0.0.1:${port}`;
  await waitFor('code-server /healthz', async () => {
    const r = await fetch(`${base}/healthz`).catch(() => undefined);
    if (state.codeServer.exitCode !== null) throw new Error(await csExit);
    return r && r.ok;
  }, { timeout: 30000, interval: 300 });
  log(`code-server up on ${base}`);

  // 5. Chromium.
  const { chromium } = loadPlaywright();
  state.browserServer = await chromium.launchServer({
    executablePath: CHROMIUM,
    headless: process.env.E2E_HEADED !== '1',
    args: CHROMIUM_ARGS,
    env, // its crash-report folder goes under XDG_CONFIG_HOME
    timeout: 60000,
  });
  state.browser = await chromium.connect(state.browserServer.wsEndpoint());
  const context = await state.browser.newContext({ viewport: { width: 1600, height: 1000 } });
  const page = (state.page = await context.newPage());
  page.on('console', (m) => state.consoleLog.push(`[${m.type()}] ${m.text()}`));
  page.on('pageerror', (e) => state.consoleLog.push(`[pageerror] ${e.message}`));
  page.setDefaultTimeout(15000);

  await page.goto(`${base}/?folder=${encodeURIComponent(ws)}`, { waitUntil: 'domcontentloaded', timeout: 60000 });
  await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60000 });
  // The Explorer has read the workspace folder.
  await page.keyboard.press('Control+Shift+E').catch(() => {});
  await page.locator(`.explorer-folders-view .monaco-list-row[aria-label^="notes.txt"]`).first()
    .waitFor({ state: 'visible', timeout: 30000 }).catch(() => log('explorer rows not seen; continuing'));
  log('workbench ready');

  // 6. The checks, in order (each builds on the files the previous ones opened).
  for (const c of CHECKS) {
    if (state.aborted) return;
    const start = Date.now();
    let ok = false;
    let detail;
    try {
      detail = await Promise.race([
        c.fn(page),
        sleep(c.timeout).then(() => {
          throw new Error(`check timed out after ${c.timeout} ms`);
        }),
      ]);
      ok = true;
    } catch (e) {
      detail = e.message;
    }
    await page.screenshot({ path: path.join(OUT, `${c.name}.png`) }).catch((e) => log(`screenshot failed: ${e.message}`));
    const ms = Date.now() - start;
    state.results.push({ name: c.name, ok, detail, ms });
    console.log(`${ok ? 'PASS' : 'FAIL'} ${c.name} (${(ms / 1000).toFixed(1)}s): ${c.title}\n     ${detail}`);
  }
}

/** Print, clean up and exit; the first caller (normal end, setup failure or timeout) wins. */
let finishing = false;
async function finish(exitCode, notRunReason) {
  if (finishing) return new Promise(() => {}); // the other path exits the process
  finishing = true;
  clearTimeout(watchdog);
  if (state.aborted) {
    notRunReason = 'not run (global timeout)';
    if (state.page) {
      await Promise.race([state.page.screenshot({ path: path.join(OUT, 'global-timeout.png') }).catch(() => {}), sleep(5000)]);
    }
  }
  for (const c of CHECKS) {
    if (!state.results.some((r) => r.name === c.name)) {
      state.results.push({ name: c.name, ok: false, detail: notRunReason });
      console.log(`FAIL ${c.name}: ${notRunReason}`);
    }
  }
  try {
    fs.writeFileSync(path.join(OUT, 'browser-console.log'), state.consoleLog.join('\n') + '\n');
  } catch {
    /* no output folder */
  }
  const failed = state.results.filter((r) => !r.ok).length;
  if (failed > 0) printDebugLogs();
  await Promise.race([cleanup(), sleep(20000)]);
  log(`done in ${elapsed()}`);
  if (printSummary() > 0) exitCode = 1;
  process.exit(exitCode);
}

const watchdog = setTimeout(async () => {
  state.aborted = true;
  console.log(`FAIL global timeout: the test ran longer than ${GLOBAL_TIMEOUT_MS / 1000} s`);
  await finish(1, 'not run (global timeout)');
}, GLOBAL_TIMEOUT_MS);

try {
  await main();
} catch (e) {
  if (!state.aborted) {
    console.log(`FAIL setup: ${e.stack || e.message}`);
    if (state.page) await state.page.screenshot({ path: path.join(OUT, 'setup-failure.png') }).catch(() => {});
  }
  await finish(1, 'not run (setup failed)');
}
await finish(0, 'not run');
