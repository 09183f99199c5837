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
//   E2E_ONLY=a,m,q       run only the checks whose names start with one of these (they still
//                        run in order; some rely on files earlier checks opened or changed)
//   E2E_TRACE=1          log the LSP traffic in the Tagged Cables output (taggedCables.trace.server)
//
// The workspace (a temporary folder) holds the seed and two copies of it
// (conflict.txt, rename.txt, edited by checks j and k), malformed.cable and
// notes.txt from test/fixtures/e2e, the 323 cables of test/fixtures/corpus in
// corpus/, and two more corpus cables the index must leave out: one under
// archive/ (taggedCables.index.exclude) and one under hidden/ (files.exclude),
// both set in the workspace's .vscode/settings.json. Checks q and u add a
// cable while VS Code runs, and delete it. Expected counts come from the files
// on disk (test/e2e/oracle.mjs).
//
// Output: one line per check, screenshots in test-results/e2e/<check>.png (and
// h-folding-folded.png, j-quick-fix-retype-menu.png, k-rename-refactor-preview.png,
// m-entities-editor.png, m-entities-workspace.png, m-entities-filtered.png,
// o-hover-links.png, p-workspace-symbols-list.png, q-index-file-added.png of
// intermediate states), and a last line `N passed, N failed`. Exit code 0 only
// when every check passed.

import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { matchingEntities, occurrences, tagsOf, typeCounts, workspaceCables } from './oracle.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const OUT = path.join(ROOT, 'test-results', 'e2e');
const VSCODE_TEST = path.join(ROOT, '.vscode-test');
const CODE_SERVER = path.join(VSCODE_TEST, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const CHROMIUM = process.env.E2E_CHROMIUM || '/usr/bin/chromium';
const VSIX = path.resolve(ROOT, process.env.E2E_VSIX || 'tagged-cables.vsix');
const SEED_NAME = '000_d5a32e40f8b893e0.txt';
const SEED = path.join(ROOT, 'seeds', SEED_NAME);
const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'e2e');
const CORPUS = path.join(ROOT, 'test', 'fixtures', 'corpus');
const CORPUS_DIR = 'corpus'; // the corpus cables' folder in the workspace
// Left out of the index: by taggedCables.index.exclude and by files.exclude.
const EXCLUDED = [
  { folder: 'archive', source: '10PARIS183.cable', name: 'ARCHIVED-10PARIS183.cable' },
  { folder: 'hidden', source: '10LAPAZ33.cable', name: 'HIDDEN-10LAPAZ33.cable' },
];
const WORKSPACE_SETTINGS = {
  'files.exclude': { '**/hidden': true },
  'taggedCables.index.exclude': ['archive/**'],
};
const CLI = path.join(ROOT, 'dist', 'cli.js');
const GLOBAL_TIMEOUT_MS = Number(process.env.E2E_TIMEOUT_MS || 6 * 60 * 1000);
const KEEP = process.env.E2E_KEEP === '1';
const ONLY = (process.env.E2E_ONLY || '').split(',').map((x) => x.trim()).filter(Boolean);

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
  ...(process.env.E2E_TRACE === '1' ? { 'taggedCables.trace.server': 'verbose' } : {}),
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

// k: renaming Mathias; the longer form [PER Stephen Mathias  ] follows, in the seed and its copies.
const RENAME_NAME = 'rename.txt'; // a copy of the seed, changed by check k
const MATHIAS_TAG = '[PER Mathias  ]';
const MATHIAS_POS = seedPosition(MATHIAS_TAG, '[PER Ma'.length);

for (const [what, v] of Object.entries({ FOLD_POS, FOLD_INSIDE_LINE, FORD_POS, MATHIAS_POS })) {
  if (!v) throw new Error(`the seed has changed: ${what} not found`);
}

// f, l, m, p: Nicolas Pickard of the seed is in each copy of it; Ann Pickard of 09ABUJA1907 is another person.
const PICKARD_KEY = 'nicolas pickard';
const ANN_PICKARD_KEY = 'ann pickard';
const ENTITY_FILTER = 'pickard';

// m–t: cables of the corpus.
const ABUJA_NAME = '09ABUJA1907.cable';
const ABUJA_REL = `${CORPUS_DIR}/${ABUJA_NAME}`;
const abujaText = fs.readFileSync(path.join(CORPUS, ABUJA_NAME), 'utf8');
// n, o, q: Copenhagen, a location of 09ABUJA1907 tagged in 13 other corpus cables.
const COPENHAGEN_KEY = 'copenhagen';
// p: fuzzy workspace symbol queries.
const SYMBOL_QUERY_LOC = 'copnhgn';
const SYMBOL_QUERY_PER = 'pckrd';
// q, u: a cable (one Copenhagen) written into the workspace while VS Code runs, then deleted;
// u moves a folder holding it into the workspace.
const ADDED_SOURCE = '10BOGOTA201.cable';
const ADDED_NAME = 'ADDED-10BOGOTA201.cable';
const MOVED_FOLDER = 'incoming';
// s: PIB is tagged 15 times in 09ABUJA1907 and in no other cable.
const PIB_TAG = '[ORG PIB  ]';
const PIB_NEW_NAME = 'Petroleum Industry Bill';
const PIB_POS = (() => {
  const t = tagsOf(abujaText).find((x) => x.key === 'pib');
  return t && { line: t.line, column: t.column + 1 };
})();
// t: "France" tagged PER in 08LONDON1991 ("Marie-[PER France  ]"), LOC in every other cable.
const CROSS_CONFLICT_NAME = '08LONDON1991.cable';
const FRANCE_KEY = 'france';

{
  const abuja = tagsOf(abujaText);
  for (const [what, ok] of Object.entries({
    [`${COPENHAGEN_KEY} in ${ABUJA_NAME}`]: abuja.some((x) => x.key === COPENHAGEN_KEY),
    [`${ANN_PICKARD_KEY} in ${ABUJA_NAME}`]: abuja.some((x) => x.key === ANN_PICKARD_KEY),
    [`${PIB_TAG} in ${ABUJA_NAME}`]: PIB_POS !== undefined,
    [`[PER France  ] in ${CROSS_CONFLICT_NAME}`]: fs.readFileSync(path.join(CORPUS, CROSS_CONFLICT_NAME), 'utf8').includes('[PER France  ]'),
  })) {
    if (!ok) throw new Error(`the corpus has changed: ${what} not found`);
  }
}

/** The cables the index should hold now, read from the workspace on disk. */
function indexedCables() {
  return workspaceCables(state.ws, EXCLUDED.map((e) => e.folder));
}

const plural = (n, one, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
const sumMentions = (occ) => occ.reduce((n, o) => n + o.entity.mentions.length, 0);

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
const check = (name, title, fn, timeout = 60000) => {
  if (ONLY.length === 0 || ONLY.some((prefix) => name.startsWith(prefix))) CHECKS.push({ name, title, fn, timeout });
};

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

/** A status bar entry's text with its icons written `$(name)` and spaces collapsed; '' when hidden. */
async function statusItemText(page, idSuffix) {
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
async function setPaneExpanded(page, headerSelector, expanded) {
  const header = page.locator(headerSelector).first();
  const state = await header.getAttribute('aria-expanded', { timeout: 5000 }).catch(() => null);
  if (state === null || state === String(expanded)) return;
  await header.click();
  await waitFor(`${headerSelector} ${expanded ? 'expanded' : 'collapsed'}`, async () => (await header.getAttribute('aria-expanded')) === String(expanded), { timeout: 5000 })
    .catch((e) => log(e.message));
}

const ENTITIES_HEADER = '.pane-header[aria-label="Entities Section"]';
const OUTLINE_HEADER = '.pane-header[aria-label="Outline Section"]';
const ENTITIES = `.pane:has(${ENTITIES_HEADER})`;

/** The Entities view: its description (scope), message, welcome text and rendered rows. */
async function entitiesView(page) {
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

const showRows = (rows, max = 12) =>
  JSON.stringify(rows.slice(0, max).map((r) => `${r.level}:${r.name}${r.desc ? ` [${r.desc}]` : ''}${r.expanded === 'true' ? ' (open)' : ''}`)) +
  (rows.length > max ? ` …${rows.length - max} more` : '');

/** The row of the Entities view at `level` named `name` (exactly). */
function entitiesRow(page, level, name) {
  const exact = new RegExp(`^\\s*${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
  return page.locator(`${ENTITIES} .monaco-list-row[aria-level="${level}"]`).filter({ has: page.locator('.label-name', { hasText: exact }) }).first();
}

/** Click an action of the Entities view's title bar (shown while the header is hovered). */
async function entitiesAction(page, label) {
  await page.locator(`${ENTITIES} > .pane-header`).first().hover();
  const action = page.locator(`${ENTITIES} > .pane-header .action-label[aria-label="${label}"]`).first();
  await action.waitFor({ state: 'visible', timeout: 5000 });
  await action.click();
}

const PEEK = '.monaco-editor .peekview-widget';

/**
 * Find All References (Shift+F12) at `pos` until the peek's title counts `expected` references
 * (the index may still be filling); returns the last count seen and how it was read.
 */
async function referencesPeek(page, pos, expected, timeout = 30000) {
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

/** The file groups of the open references peek: [{ name, path, n }], scrolling its tree to see them all. */
async function peekFileGroups(page) {
  const tree = page.locator(`${PEEK} .ref-tree`).first();
  const found = new Map();
  const collect = async () => {
    const labels = await tree.locator('.monaco-list-row[aria-level="1"]').evaluateAll((rs) => rs.map((r) => r.getAttribute('aria-label') || ''));
    let added = 0;
    for (const label of labels) {
      // "14 symbols in 000_d5a32e40f8b893e0.txt, full path …/000_d5a32e40f8b893e0.txt"
      const m = /^(\d+) symbols? in (.+?), full path (.+)$/.exec(label);
      if (m && !found.has(m[3])) {
        found.set(m[3], { n: Number(m[1]), name: m[2], path: m[3] });
        added++;
      }
    }
    return added;
  };
  await collect();
  await tree.hover();
  for (let idle = 0, i = 0; idle < 2 && i < 50; i++) {
    await page.mouse.wheel(0, 200);
    await sleep(120);
    idle = (await collect()) > 0 ? 0 : idle + 1;
  }
  return [...found.values()];
}

/** Shows the Problems panel (Ctrl+Shift+M) and returns it. */
async function problemsPanel(page) {
  await page.keyboard.press('Control+Shift+M');
  const panel = page.locator('.markers-panel').first();
  await panel.waitFor({ state: 'visible', timeout: 10000 });
  return panel;
}

/** The Tagged Cables output channel's log file (the language server's messages). */
function serverLogText() {
  const file = walk(path.join(state.ud, 'logs')).find((f) => /Tagged Cables\.log$/.test(f));
  return file ? fs.readFileSync(file, 'utf8') : '';
}

/** The CLI's problems for a workspace file: { errors, warnings }. */
function cliProblems(rel) {
  const r = run(process.execPath, [CLI, '--format', 'json', path.join(state.ws, rel)]);
  let list;
  try {
    list = JSON.parse(r.out.slice(r.out.indexOf('[')));
  } catch {
    throw new Error(`cable-lint --format json ${rel} gave no JSON (exit ${r.code}): ${r.out.slice(0, 300)}`);
  }
  return {
    errors: list.filter((d) => d.severity === 'error').length,
    warnings: list.filter((d) => d.severity === 'warning').length,
  };
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

check('f-references-peek', `references of Pickard list its ${EXPECTED_PICKARD_REFS} mentions in the seed and those in each copy of it`, async (page) => {
  await dismissWidgets(page);
  await openFile(page, SEED_NAME);
  const occ = occurrences(indexedCables().cables, PICKARD_KEY);
  const expected = sumMentions(occ);
  const seedOcc = occ.find((o) => o.name === SEED_NAME);
  if (!seedOcc || seedOcc.entity.mentions.length !== EXPECTED_PICKARD_REFS) {
    throw new Error(`test setup: the seed has ${seedOcc?.entity.mentions.length} Pickard mentions by the oracle, ${EXPECTED_PICKARD_REFS} by its tags`);
  }
  const count = await referencesPeek(page, PICKARD_POS, expected);
  const where = `${occ.length} cables: ${occ.map((o) => `${o.name} ×${o.entity.mentions.length}`).join(', ')}`;
  if (!count.ok) throw new Error(`the peek shows ${count.n ?? 'no'} references, expected ${expected} (${where}); ${count.how}`);
  const groups = await peekFileGroups(page);
  const seen = groups.map((g) => `${g.name} ×${g.n}`).join(', ');
  const wrong = occ.filter((o) => !groups.some((g) => g.name === o.name && g.n === o.entity.mentions.length)).map((o) => o.name);
  const extra = groups.filter((g) => !occ.some((o) => o.name === g.name)).map((g) => g.name);
  if (wrong.length || extra.length) {
    throw new Error(`the peek's files differ: ${wrong.length ? `missing or miscounted ${wrong.join(', ')}` : ''}${extra.length ? ` unexpected ${extra.join(', ')}` : ''}; expected ${where}; peek lists ${seen}`);
  }
  return `${count.n} references (${count.how}); files: ${seen}`;
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

/** F2 on `pos` in the active editor, type `newName`, Enter; returns the rename box's placeholder. */
async function renameAt(page, pos, newName) {
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

const REFACTOR_PREVIEW = '.bulk-edit-panel';

/** The Refactor Preview's rendered rows: file rows (level 1) and edits, with their checkboxes. */
async function refactorPreviewRows(page) {
  return page.locator(`${REFACTOR_PREVIEW} .monaco-list-row`).evaluateAll((rows) =>
    rows.map((r) => ({
      label: r.getAttribute('aria-label') || '',
      level: Number(r.getAttribute('aria-level') || 0),
      checked: r.querySelector('input.edit-checkbox')?.checked ?? null,
    })),
  );
}

check('k-rename-entity', `F2 renames Mathias to Matthias in ${RENAME_NAME} and, through the Refactor Preview, in every copy of the seed`, async (page) => {
  await dismissWidgets(page);
  await hidePanel(page);
  await openFile(page, RENAME_NAME);
  await waitFor('language mode "Tagged Cable"', async () => (await statusMode(page)) === 'Tagged Cable', { timeout: 15000 }).catch(
    async (e) => {
      throw new Error(`${e.message}; status bar shows "${await statusMode(page)}"`);
    },
  );
  // The cables with Stephen Mathias (the copies of the seed), as they are on disk before the rename.
  const targets = occurrences(indexedCables().cables, 'stephen mathias').map((o) => ({
    rel: o.rel,
    before: o.text,
    expected: o.text.replaceAll(MATHIAS_TAG, '[PER Matthias  ]').replaceAll('[PER Stephen Mathias  ]', '[PER Stephen Matthias  ]'),
    edits: o.entity.mentions.length,
  }));
  if (targets.length < 2) throw new Error(`test setup: Stephen Mathias is in ${targets.length} cable(s) of the workspace, expected the seed and its copies`);
  const editCount = targets.reduce((n, t) => n + t.edits, 0);
  const placeholder = await renameAt(page, MATHIAS_POS, 'Matthias');
  const preview = page.locator(REFACTOR_PREVIEW).first();
  const how = await waitFor('the Refactor Preview (or a direct edit)', async () => {
    if (await preview.isVisible().catch(() => false)) return 'preview';
    if (await activeTabDirty(page)) return 'direct';
    return undefined;
  }, { timeout: 15000, interval: 250 }).catch(async (e) => {
    const msg = ((await page.locator('.monaco-editor .monaco-editor-overlaymessage').first().innerText().catch(() => '')) || '').trim();
    throw new Error(`${e.message} after renaming "${placeholder}" to "Matthias"${msg ? `; editor says ${JSON.stringify(msg)}` : ''}`);
  });
  let previewNote = '';
  if (how === 'preview') {
    await page.locator(`${REFACTOR_PREVIEW} .monaco-list-row`).first().waitFor({ state: 'visible', timeout: 10000 }).catch(() => {});
    const rows = await refactorPreviewRows(page);
    const files = rows.filter((r) => r.level === 1).map((r) => r.label.replace(/, making text edits$/, ''));
    const boxes = rows.filter((r) => r.checked !== null);
    previewNote = `Refactor Preview listed ${files.join(', ')}${rows.length > files.length ? ' (rows in view)' : ''}; ${boxes.filter((b) => b.checked).length} of ${boxes.length} checkboxes in view ticked`;
    // This cable's edits come ticked; the other cables' need confirmation: tick them.
    const unticked = preview.locator('.monaco-list-row[aria-level="1"] input.edit-checkbox:not(:checked)');
    const toTick = await unticked.count();
    for (let i = 0; i < toTick; i++) await unticked.first().click();
    previewNote += `; ticked ${toTick} other ${toTick === 1 ? 'cable' : 'cables'}`;
    if (toTick === 0) throw new Error(`the other cables' edits came ticked: they should wait for confirmation; ${previewNote}`);
    await page.screenshot({ path: path.join(OUT, 'k-rename-refactor-preview.png') }).catch((e) => log(`screenshot failed: ${e.message}`));
    try {
      await preview.locator('.monaco-button', { hasText: /^Apply$/ }).first().click();
      await preview.waitFor({ state: 'hidden', timeout: 10000 }).catch(() => log('the Refactor Preview did not close after Apply'));
    } finally {
      if (await preview.isVisible().catch(() => false)) {
        await preview.locator('.monaco-button', { hasText: /^Discard$/ }).first().click().catch(() => {});
      }
    }
  }
  // VS Code saves the files of a refactoring that touches several files (files.refactoring.autoSave).
  const onDisk = async () => Promise.all(targets.map(async (t) => ({ ...t, now: await fsp.readFile(path.join(state.ws, t.rel), 'utf8') })));
  let now = [];
  await waitFor('every copy renamed on disk', async () => {
    now = await onDisk();
    return now.every((t) => t.now === t.expected);
  }, { timeout: 10000, interval: 250 }).catch(() => {});
  const dirtyTabs = await page.locator('.part.editor .tab.dirty').evaluateAll((ts) => ts.map((t) => t.getAttribute('aria-label') || ''));
  const unchanged = now.filter((t) => t.now === t.before).map((t) => t.rel);
  const wrong = now.filter((t) => t.now !== t.before && t.now !== t.expected);
  const done = now.filter((t) => t.now === t.expected).map((t) => t.rel);
  const report = `${previewNote || 'no Refactor Preview: the edit was applied at once'}; renamed on disk: ${done.length ? done.join(', ') : 'none'}` +
    `${unchanged.length ? `; unchanged on disk: ${unchanged.join(', ')}` : ''}${dirtyTabs.length ? `; unsaved editors: ${dirtyTabs.join(', ')}` : ''}`;
  if (wrong.length) throw new Error(`${report}; ${wrong.map((t) => `${t.rel} differs from the expected text: ${describeDiff(t.expected, t.now)}`).join('; ')}`);
  if (done.length !== targets.length) {
    throw new Error(`${how === 'preview' ? 'after Apply in the Refactor Preview' : 'after the rename'}, ${done.length} of ${targets.length} cables were renamed (${editCount} edits expected); ${report}`);
  }
  if (how !== 'preview') throw new Error(`the rename touches ${targets.length} cables but was applied without the Refactor Preview; ${report}`);
  return `rename box at ${MATHIAS_POS.line}:${MATHIAS_POS.column} (placeholder "${placeholder}"); ${report}; each file: Mathias → Matthias and Stephen Mathias → Stephen Matthias, nothing else changed`;
});

check('l-status-bar-entity', 'the status bar shows the entity under the cursor and the other cables it is in', async (page) => {
  await dismissWidgets(page);
  await openFile(page, SEED_NAME);
  const { line, column } = PICKARD_POS;
  const others = occurrences(indexedCables().cables, PICKARD_KEY).filter((o) => o.name !== SEED_NAME).length;
  const expected = `Nicolas Pickard · PER · ${EXPECTED_PICKARD_REFS} mentions${others > 0 ? ` · ${plural(others, 'other cable')}` : ''}`;
  const items = page.locator('[id="workbench.parts.statusbar"] .statusbar-item');
  let texts = [];
  let found;
  await goToLine(page, line, column);
  await waitFor(`a status bar entry "${expected}"`, async () => {
    const all = await items.evaluateAll((els) =>
      els.map((e) => ({ id: e.id, text: (e.textContent || '').replace(/\s+/g, ' ').trim(), visible: e.offsetParent !== null })),
    );
    texts = all.filter((x) => x.visible && x.text).map((x) => x.text);
    found = all.find((x) => x.visible && x.text.includes('Pickard'));
    return found?.text === expected;
  }, { timeout: 15000, interval: 300 }).catch((e) => {
    if (found) throw new Error(`the status bar entry (id "${found.id}") shows ${JSON.stringify(found.text)}, expected ${JSON.stringify(expected)}`);
    throw new Error(`${e.message} at ${line}:${column}; status bar: ${JSON.stringify(texts)}`);
  });
  return `at ${line}:${column}: ${JSON.stringify(found.text)} (element id "${found.id}"; the seed has ${others} copies in the workspace)`;
});

check('m-entities-view', 'the Entities view: the active cable\'s types and entities, the whole workspace, the filter, and a mention opened', async (page) => {
  await dismissWidgets(page);
  await hidePanel(page);
  await openFile(page, SEED_NAME);
  await waitFor('language mode "Tagged Cable"', async () => (await statusMode(page)) === 'Tagged Cable', { timeout: 15000 });
  const { cables } = indexedCables();
  const seedTypes = typeCounts(cables.find((c) => c.name === SEED_NAME).text);
  const pickard = occurrences(cables, PICKARD_KEY);
  const seedPickard = pickard.find((o) => o.name === SEED_NAME).entity.mentions.length;
  // The Entities view shares the Explorer with the folders and the outline: give it the room.
  await setFoldersView(page, false);
  await setPaneExpanded(page, OUTLINE_HEADER, false);
  const focus = await runCommand(page, 'Focus on Entities View', ['Explorer: Focus on Entities View', 'Tagged Cables: Focus on Entities View']);
  await setPaneExpanded(page, ENTITIES_HEADER, true);
  let view = { rows: [] };
  const seen = () => `view "${view.description}"${view.message ? ` (${view.message})` : ''}${view.welcome ? ` welcome ${JSON.stringify(view.welcome)}` : ''}: ${showRows(view.rows)}`;

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
  await page.screenshot({ path: path.join(OUT, 'm-entities-editor.png') }).catch((e) => log(`screenshot failed: ${e.message}`));
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
  await page.screenshot({ path: path.join(OUT, 'm-entities-workspace.png') }).catch((e) => log(`screenshot failed: ${e.message}`));
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
  await page.screenshot({ path: path.join(OUT, 'm-entities-filtered.png') }).catch((e) => log(`screenshot failed: ${e.message}`));
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
});

check('n-references-across-cables', `Find All References on Copenhagen in ${ABUJA_NAME} lists its mentions in every cable`, async (page) => {
  await dismissWidgets(page);
  await openFile(page, ABUJA_NAME);
  const occ = occurrences(indexedCables().cables, COPENHAGEN_KEY);
  const here = occ.find((o) => o.name === ABUJA_NAME).entity.definition;
  const pos = { line: here.line, column: here.column + 2 };
  const expected = sumMentions(occ);
  const count = await referencesPeek(page, pos, expected);
  const where = occ.map((o) => `${o.name} ×${o.entity.mentions.length}`).join(', ');
  if (!count.ok) throw new Error(`the peek shows ${count.n ?? 'no'} references at ${pos.line}:${pos.column}, expected ${expected} in ${occ.length} cables (${where}); ${count.how}`);
  const groups = await peekFileGroups(page);
  const seen = groups.map((g) => `${path.relative(state.ws, g.path)} ×${g.n}`).join(', ');
  const wrong = occ.filter((o) => !groups.some((g) => g.path === o.file && g.n === o.entity.mentions.length)).map((o) => o.rel);
  const extra = groups.filter((g) => !occ.some((o) => o.file === g.path)).map((g) => path.relative(state.ws, g.path));
  if (wrong.length || extra.length) {
    throw new Error(`the peek's files differ from the cables on disk: ${wrong.length ? `missing or miscounted ${wrong.join(', ')}` : ''}${extra.length ? ` unexpected ${extra.join(', ')}` : ''}; expected ${where}; peek lists ${seen}`);
  }
  return `at ${pos.line}:${pos.column}: ${count.n} references in ${groups.length} files (${count.how}): ${seen}; ${EXCLUDED.map((e) => `${e.folder}/${e.name}`).join(' and ')} left out`;
});

check('o-hover-other-cables', `hover on Copenhagen in ${ABUJA_NAME} says "Also in N other cables (M mentions)" and links to them`, async (page) => {
  await dismissWidgets(page);
  await hidePanel(page);
  await openFile(page, ABUJA_NAME);
  const occ = occurrences(indexedCables().cables, COPENHAGEN_KEY);
  const here = occ.find((o) => o.name === ABUJA_NAME).entity.definition;
  const others = occ.filter((o) => o.name !== ABUJA_NAME);
  const want = `Also in ${plural(others.length, 'other cable')} (${plural(sumMentions(others), 'mention')})`;
  const wantLinks = others.slice(0, 5).map((o) => o.cable);
  const more = others.length - wantLinks.length;
  const wantLine = `${want}: ${wantLinks.join(', ')}${more > 0 ? `, and ${more} more` : ''}`;
  await goToLine(page, here.line, here.column + 2);
  let text = '';
  await waitFor(`a hover with "${wantLine}"`, async () => {
    text = (await hoverText(page)).replace(/\s+/g, ' ');
    if (text.includes(wantLine)) return true;
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+K');
    await page.keyboard.press('Control+I');
    await sleep(1000);
    text = (await hoverText(page)).replace(/\s+/g, ' ');
    return text.includes(wantLine);
  }, { timeout: 30000, interval: 250 }).catch((e) => {
    throw new Error(`${e.message}; hover text: ${JSON.stringify(text.slice(0, 500))}`);
  });
  // Its second link opens that cable at the entity's definition there.
  const target = others[1];
  const def = target.entity.definition;
  const hover = page.locator('.monaco-editor .monaco-hover').filter({ hasText: 'Also in' }).first();
  await page.screenshot({ path: path.join(OUT, 'o-hover-links.png') }).catch((e) => log(`screenshot failed: ${e.message}`));
  await hover.locator('a', { hasText: new RegExp(`^${target.cable}$`) }).first().click();
  let status = '';
  await waitFor(`${target.name} opened at ${def.line}:${def.column}`, async () => {
    status = ((await page.locator('[id="status.editor.selection"]').first().textContent().catch(() => '')) || '').trim();
    return (await activeTabLabel(page)).includes(target.name) && status.startsWith(`Ln ${def.line}, Col ${def.column}`);
  }, { timeout: 10000 }).catch(async (e) => {
    throw new Error(`${e.message}; active tab "${await activeTabLabel(page)}", selection "${status}"; hover: ${JSON.stringify(text.slice(0, 300))}`);
  });
  return `hover at ${here.line}:${here.column + 2}: ${JSON.stringify(text.slice(0, 260))}; the link "${target.cable}" opened ${target.name} at "${status}"`;
});

check('p-workspace-symbols', 'Go to Symbol in Workspace (Ctrl+T) lists the entities of every cable with their type and cable', async (page) => {
  await dismissWidgets(page);
  await openFile(page, SEED_NAME);
  const { cables } = indexedCables();
  const input = page.locator(QUICK_INPUT).first();
  const symbolRows = () => page.locator('.quick-input-widget .monaco-list-row').evaluateAll((rs) =>
    rs.map((r) => ({
      name: (r.querySelector('.label-name')?.textContent || '').trim(),
      desc: (r.querySelector('.label-description')?.textContent || '').trim(),
      focused: r.classList.contains('focused'),
    })),
  );
  const results = [];
  let rows = [];
  let ann;
  for (const [query, keys] of [[SYMBOL_QUERY_LOC, [COPENHAGEN_KEY]], [SYMBOL_QUERY_PER, [PICKARD_KEY, ANN_PICKARD_KEY]]]) {
    // name, "TYPE · cable • path" for each cable of each entity.
    const want = keys.flatMap((k) => occurrences(cables, k).map((o) => `${k} | ${o.entity.type} · ${o.cable} • ${o.rel}`));
    if (keys.includes(ANN_PICKARD_KEY)) ann = occurrences(cables, ANN_PICKARD_KEY)[0];
    await dismissWidgets(page);
    await page.keyboard.press('Control+T');
    await input.waitFor({ state: 'visible', timeout: 5000 });
    await input.fill(`#${query}`);
    await waitFor(`${want.length} symbols for "${query}"`, async () => {
      rows = await symbolRows();
      const got = rows.map((r) => `${r.name.toLowerCase()} | ${r.desc}`);
      return want.every((w) => got.includes(w));
    }, { timeout: 20000, interval: 400 }).catch((e) => {
      throw new Error(`${e.message}: expected ${JSON.stringify(want)}; listed ${JSON.stringify(rows.map((r) => `${r.name} | ${r.desc}`))}`);
    });
    results.push(`"#${query}": ${rows.map((r) => `${r.name} (${r.desc.split(' • ')[0]})`).join(', ')}`);
  }
  await page.screenshot({ path: path.join(OUT, 'p-workspace-symbols-list.png') }).catch((e) => log(`screenshot failed: ${e.message}`));
  // Enter on Ann Pickard opens 09ABUJA1907 at her definition.
  const wantDesc = `PER · ${ann.cable} • ${ann.rel}`;
  for (let i = 0; i <= rows.length; i++) {
    rows = await symbolRows();
    const f = rows.find((r) => r.focused);
    if (f && f.name === 'Ann Pickard' && f.desc === wantDesc) break;
    await page.keyboard.press('ArrowDown');
  }
  await page.keyboard.press('Enter');
  const def = ann.entity.definition;
  let status = '';
  await waitFor(`${ann.name} opened at ${def.line}:${def.column}`, async () => {
    status = ((await page.locator('[id="status.editor.selection"]').first().textContent().catch(() => '')) || '').trim();
    return (await activeTabLabel(page)).includes(ann.name) && status.startsWith(`Ln ${def.line}, Col ${def.column}`);
  }, { timeout: 10000 }).catch(async (e) => {
    throw new Error(`${e.message}; active tab "${await activeTabLabel(page)}", selection "${status}"`);
  });
  return `${results.join('; ')}; Enter on Ann Pickard opened ${ann.name} at "${status}"`;
});

/**
 * Opens 09ABUJA1907 on Copenhagen, whose entity status entry counts the other cables it is in;
 * `expect(n)` waits for the entry to count n.
 */
async function watchOtherCables(page) {
  await dismissWidgets(page);
  await openFile(page, ABUJA_NAME);
  const occ = occurrences(indexedCables().cables, COPENHAGEN_KEY);
  const here = occ.find((o) => o.name === ABUJA_NAME).entity.definition;
  if (occurrences([{ text: fs.readFileSync(path.join(CORPUS, ADDED_SOURCE), 'utf8') }], COPENHAGEN_KEY).length !== 1) {
    throw new Error(`test setup: ${ADDED_SOURCE} does not mention ${COPENHAGEN_KEY}`);
  }
  await goToLine(page, here.line, here.column + 2);
  const entry = (n) => `$(symbol-key) Copenhagen · LOC · 1 mention · ${plural(n, 'other cable')}`;
  let text = '';
  return {
    others: occ.length - 1,
    expect: (n, what) =>
      waitFor(`the entity entry "${entry(n)}" ${what}`, async () => {
        text = await statusItemText(page, 'taggedCables.entity');
        return text === entry(n);
      }, { timeout: 20000, interval: 300 }).catch((e) => {
        throw new Error(`${e.message}; it shows ${JSON.stringify(text)}`);
      }),
  };
}

check('q-index-progress-and-changes', 'indexing shows progress and ends with every cable; the index follows a cable added and deleted on disk', async (page) => {
  const { cables, candidates } = indexedCables();
  // What the workbench showed while indexing (recorded in the page from its start).
  const seen = await page.evaluate(() => window.__indexingSeen || []);
  const progress = seen.filter((s) => s.startsWith('progress: '));
  const viewMessages = seen.filter((s) => s.startsWith('view: '));
  const notes = [];
  if (progress.length === 0) notes.push('no "Indexing cables" progress was seen in the status bar (indexing may have been too quick)');
  const wrongTotal = progress.filter((p) => /of [\d,]+ files/.test(p) && !p.includes(`of ${candidates.toLocaleString('en-US')} files`));
  if (wrongTotal.length) throw new Error(`the progress counted files other than the ${candidates} .cable/.txt files outside the excluded folders: ${JSON.stringify(wrongTotal.slice(0, 3))}`);
  // Finished: no progress left, no "Indexing…" in the Entities view, and the server's count in its output.
  let now = '';
  let view = { message: '' };
  const logLine = await waitFor('the end of indexing', async () => {
    now = await statusItemText(page, 'status.progress');
    view = await entitiesView(page);
    if (/Indexing/.test(now) || /Indexing/.test(view.message)) return undefined;
    return /Indexed [\d,]+ cables[^\n"]*/.exec(serverLogText())?.[0];
  }, { timeout: 60000, interval: 500 }).catch((e) => {
    throw new Error(`${e.message}; status bar progress ${JSON.stringify(now)}, Entities view message ${JSON.stringify(view.message)}; output: ${JSON.stringify(serverLogText().slice(-300))}`);
  });
  const indexed = Number(/Indexed ([\d,]+) cables/.exec(logLine)[1].replace(/,/g, ''));
  if (indexed !== cables.length) throw new Error(`the server says "${logLine}", expected ${cables.length} cables (${candidates} candidate files, ${EXCLUDED.map((e) => `${e.folder}/`).join(' and ')} excluded)`);

  // A cable written on disk joins the index; deleted, it leaves it.
  const added = path.join(state.ws, CORPUS_DIR, ADDED_NAME);
  const watch = await watchOtherCables(page);
  await watch.expect(watch.others, 'before');
  fs.copyFileSync(path.join(CORPUS, ADDED_SOURCE), added);
  try {
    await watch.expect(watch.others + 1, `after ${CORPUS_DIR}/${ADDED_NAME} was written`);
    await page.screenshot({ path: path.join(OUT, 'q-index-file-added.png') }).catch((e) => log(`screenshot failed: ${e.message}`));
  } finally {
    fs.rmSync(added, { force: true });
  }
  await watch.expect(watch.others, `after ${CORPUS_DIR}/${ADDED_NAME} was deleted`);
  return `progress seen: ${progress.length ? `${JSON.stringify(progress[0])} … ${JSON.stringify(progress.at(-1))} (${progress.length} states)` : 'none'}; ` +
    `Entities view while indexing: ${viewMessages.length ? JSON.stringify(viewMessages.slice(0, 3)) : 'nothing seen'}; finished: "${logLine}"; ` +
    `the entity entry went ${watch.others} → ${watch.others + 1} → ${watch.others} other cables as ${CORPUS_DIR}/${ADDED_NAME} was written and deleted` +
    `${notes.length ? `; note: ${notes.join('; ')}` : ''}`;
});

check('r-status-bar-cable', 'the status bar entry of the active cable shows its entities per type, errors and warnings', async (page) => {
  const typeOrder = ['PER', 'ORG', 'LOC', 'MISC'];
  const results = [];
  for (const { name, rel, entities } of [
    { name: SEED_NAME, rel: SEED_NAME, entities: true },
    { name: ABUJA_NAME, rel: ABUJA_REL, entities: true },
    { name: 'malformed.cable', rel: 'malformed.cable', entities: false },
  ]) {
    await dismissWidgets(page);
    await openFile(page, name);
    const { errors, warnings } = cliProblems(rel);
    const problems = `$(error) ${errors} $(warning) ${warnings}`;
    let want;
    if (entities) {
      const counts = typeCounts(fs.readFileSync(path.join(state.ws, rel), 'utf8'));
      const types = [...counts.keys()].sort((a, b) => (typeOrder.indexOf(a) + 1 || 99) - (typeOrder.indexOf(b) + 1 || 99));
      want = `$(tag) ${types.map((t) => `${t} ${counts.get(t)}`).join(' · ')} ${problems}`;
    }
    let text = '';
    await waitFor(`the cable entry ${want ? `"${want}"` : `ending in "${problems}"`} for ${name}`, async () => {
      text = await statusItemText(page, 'taggedCables.cable');
      return want ? text === want : text.startsWith('$(tag) ') && text.endsWith(problems);
    }, { timeout: 20000, interval: 300 }).catch((e) => {
      throw new Error(`${e.message}; it shows ${JSON.stringify(text)}`);
    });
    results.push(`${name}: ${JSON.stringify(text)}`);
  }
  return results.join('; ');
});

check('s-rename-single-cable', `F2 on PIB in ${ABUJA_NAME}, an entity of no other cable, renames it at once, without the Refactor Preview`, async (page) => {
  await dismissWidgets(page);
  await hidePanel(page);
  await openFile(page, ABUJA_NAME);
  const occ = occurrences(indexedCables().cables, 'pib');
  if (occ.length !== 1) throw new Error(`test setup: PIB is in ${occ.length} cables: ${occ.map((o) => o.rel).join(', ')}`);
  const before = await fsp.readFile(path.join(state.ws, ABUJA_REL), 'utf8');
  const expected = before.replaceAll(PIB_TAG, `[ORG ${PIB_NEW_NAME}  ]`);
  const n = countOccurrences(before, PIB_TAG);
  const placeholder = await renameAt(page, PIB_POS, PIB_NEW_NAME);
  const preview = page.locator(REFACTOR_PREVIEW).first();
  await waitFor(`${ABUJA_NAME} modified`, async () => (await activeTabDirty(page)) || (await preview.isVisible().catch(() => false)), { timeout: 10000 })
    .catch((e) => {
      throw new Error(`${e.message} after renaming "${placeholder}" to "${PIB_NEW_NAME}"`);
    });
  if (await preview.isVisible().catch(() => false)) {
    await page.screenshot({ path: path.join(OUT, 's-rename-single-cable-box.png') }).catch(() => {});
    await preview.locator('.monaco-button', { hasText: /^Discard$/ }).first().click().catch(() => {});
    throw new Error(`a rename inside one cable opened the Refactor Preview (discarded)`);
  }
  const onDisk = await saveAndRead(page, ABUJA_REL, expected);
  if (onDisk !== expected) throw new Error(`after the rename and Ctrl+S, ${ABUJA_REL} differs from the expected text: ${describeDiff(expected, onDisk)}`);
  return `rename box at ${PIB_POS.line}:${PIB_POS.column} (placeholder "${placeholder}"); applied at once, no Refactor Preview; on disk ${n} × [ORG ${PIB_NEW_NAME}  ], nothing else changed`;
});

check('t-cross-cable-conflict', `the Problems panel shows entity-cross-cable-conflict for "France" tagged PER in ${CROSS_CONFLICT_NAME}`, async (page) => {
  await dismissWidgets(page);
  await openFile(page, CROSS_CONFLICT_NAME);
  const occ = occurrences(indexedCables().cables, FRANCE_KEY);
  const here = occ.find((o) => o.name === CROSS_CONFLICT_NAME);
  const others = occ.filter((o) => o !== here);
  const loc = others.filter((o) => o.entity.type === 'LOC').length;
  const mention = here.entity.mentions.find((m) => m.type === 'PER');
  const want = [`"France" is tagged PER in this cable, but LOC (Location) in ${loc} of ${others.length} other cables`, `[Ln ${mention.line}, Col ${mention.column}]`];
  await problemsPanel(page);
  const filter = page.locator('.part.panel .viewpane-filter input, .part.panel .markers-panel-action-filter input').first();
  await filter.fill('France');
  let rows = [];
  const row = await waitFor('the France entity-cross-cable-conflict row', async () => {
    rows = await listRows(page, '.markers-panel');
    return rows.find((r) => want.every((w) => r.text.includes(w)) && r.text.replace(/[\s()]+/g, '').includes('cableentity-cross-cable-conflict'));
  }, { timeout: 20000, interval: 500 }).catch((e) => {
    throw new Error(`${e.message}: expected ${JSON.stringify(want)}; rows: ${JSON.stringify(rows.map((r) => r.text)).slice(0, 900)}`);
  });
  return `${CROSS_CONFLICT_NAME} (filter "France"): ${JSON.stringify(row.text)}`;
});

check('u-index-folder-moved-in', 'a folder of cables moved into the workspace joins the index', async (page) => {
  const outside = path.join(state.tmp, MOVED_FOLDER);
  const inside = path.join(state.ws, MOVED_FOLDER);
  fs.mkdirSync(outside, { recursive: true });
  fs.copyFileSync(path.join(CORPUS, ADDED_SOURCE), path.join(outside, ADDED_NAME));
  const watch = await watchOtherCables(page);
  await watch.expect(watch.others, 'before');
  // One rename, as `mv`, a checkout or an unzip into the workspace does it.
  fs.renameSync(outside, inside);
  try {
    await watch.expect(watch.others + 1, `after ${MOVED_FOLDER}/ (holding ${ADDED_NAME}) was moved into the workspace`);
  } finally {
    fs.rmSync(inside, { recursive: true, force: true });
  }
  await watch.expect(watch.others, `after ${MOVED_FOLDER}/ was deleted`);
  return `the entity entry went ${watch.others} → ${watch.others + 1} → ${watch.others} other cables as ${MOVED_FOLDER}/${ADDED_NAME} was moved in and deleted`;
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
  // The corpus, and two corpus cables in folders the index leaves out.
  fs.mkdirSync(path.join(ws, CORPUS_DIR));
  for (const f of fs.readdirSync(CORPUS)) if (f.endsWith('.cable')) fs.copyFileSync(path.join(CORPUS, f), path.join(ws, CORPUS_DIR, f));
  for (const e of EXCLUDED) {
    fs.mkdirSync(path.join(ws, e.folder), { recursive: true });
    fs.copyFileSync(path.join(CORPUS, e.source), path.join(ws, e.folder, e.name));
  }
  fs.mkdirSync(path.join(ws, '.vscode'));
  fs.writeFileSync(path.join(ws, '.vscode', 'settings.json'), JSON.stringify(WORKSPACE_SETTINGS, null, 2));
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
  // Record the indexing progress the workbench shows (status bar, Entities view) from the start: it lasts a second or two.
  await context.addInitScript(() => {
    if (window.top !== window) return;
    window.__indexingSeen = [];
    const record = () => {
      const found = [];
      const sb = document.getElementById('workbench.parts.statusbar');
      if (sb) {
        for (const item of sb.querySelectorAll('.statusbar-item')) {
          const text = (item.textContent || '').replace(/\s+/g, ' ').trim();
          if (/Indexing/.test(text)) found.push(`progress: ${text}`);
        }
      }
      for (const m of document.querySelectorAll('.pane-body .message:not(.hide)')) {
        const text = (m.textContent || '').trim();
        if (/Indexing/.test(text)) found.push(`view: ${text}`);
      }
      for (const f of found) if (!window.__indexingSeen.includes(f)) window.__indexingSeen.push(f);
    };
    const observer = new MutationObserver(record);
    observer.observe(document, { subtree: true, childList: true, characterData: true });
    setTimeout(() => observer.disconnect(), 120000);
  });

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
