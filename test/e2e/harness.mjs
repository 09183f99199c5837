// The end-to-end harness: one VS Code session (code-server + headless
// Chromium, test/vscode/codeServer.mjs) with the packaged .vsix installed,
// shared by the checks of a run, each check in test/e2e/checks/ run in turn
// from a reset workbench (see README.md in this folder).
//
// The workspace (a temporary folder) holds, read-only for every check, the 323
// cables of test/fixtures/corpus in corpus/ and two more corpus cables the index
// must leave out (archive/ by taggedCables.index.exclude, hidden/ by
// files.exclude, both in .vscode/settings.json); and for every check, selected
// or not, a folder named after it with its own files (its `files`), so that
// the workspace is the same whichever checks run. A corpus cable a check takes
// for its own is left out of corpus/.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ensureInstalled, installExtension, launchChromium, startCodeServer, tail, walk, workbenchUrl } from '../vscode/codeServer.mjs';
import { CLI, CORPUS, CORPUS_DIR, EXCLUDED, ROOT, WORKSPACE_SETTINGS } from './fixtures.mjs';
import { workspaceCables } from './oracle.mjs';
import { elapsed, log, resetWorkbench, sleep } from './workbench.mjs';

export const OUT = path.join(ROOT, 'test-results', 'e2e');
const CHECKS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'checks');
const VSIX = path.resolve(ROOT, process.env.E2E_VSIX || 'tagged-cables.vsix');
const GLOBAL_TIMEOUT_MS = Number(process.env.E2E_TIMEOUT_MS || 15 * 60 * 1000);
const KEEP = process.env.E2E_KEEP === '1';
const DEFAULT_CHECK_TIMEOUT_MS = 60000;

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

/** Every check of test/e2e/checks/, by file name: [{ name, title, files, timeout, run }]. */
export async function loadChecks() {
  // a- … z-, then aa- … az-, ba- …: by the length of the letters before the first "-", then by name.
  const order = (f) => [f.indexOf('-'), f];
  const files = fs.readdirSync(CHECKS_DIR).filter((f) => f.endsWith('.mjs'))
    .sort((a, b) => order(a)[0] - order(b)[0] || (a < b ? -1 : a > b ? 1 : 0));
  const checks = [];
  for (const f of files) {
    const { default: check } = await import(pathToFileURL(path.join(CHECKS_DIR, f)).href);
    const name = f.replace(/\.mjs$/, '');
    if (!check || typeof check.run !== 'function' || typeof check.title !== 'string') throw new Error(`checks/${f} must export default { title, run }`);
    checks.push({ files: {}, timeout: DEFAULT_CHECK_TIMEOUT_MS, ...check, name });
  }
  return checks;
}

// ------------------------------------------------------------------ resources and cleanup

const state = {
  tmp: undefined,
  ws: undefined, // the workspace folder
  ud: undefined,
  server: undefined, // startCodeServer()
  chromium: undefined, // launchChromium()
  page: undefined,
  checks: [], // the selected checks
  results: [], // { name, ok, detail, ms }
  cleanedUp: false,
  aborted: false, // the global timeout fired
  consoleLog: [], // the browser console, written to test-results/e2e/browser-console.log
};

async function cleanup() {
  if (state.cleanedUp) return;
  state.cleanedUp = true;
  await state.chromium?.close();
  await state.server?.stop();
  if (state.tmp && !KEEP) {
    await fsp.rm(state.tmp, { recursive: true, force: true, maxRetries: 3 }).catch(() => {});
  } else if (state.tmp) {
    log(`kept ${state.tmp}`);
  }
}

process.on('exit', () => {
  state.chromium?.killSync();
  state.server?.killSync();
});
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, async () => {
    log(`got ${sig}, cleaning up`);
    await cleanup();
    process.exit(130);
  });
}

function printDebugLogs() {
  if (!state.ud) return;
  // The extension host's own log and the extensions' output channels; not the built-in git/github logs.
  const files = walk(path.join(state.ud, 'logs')).filter(
    (f) => /[\\/]exthost\d*[\\/]/.test(f) && f.endsWith('.log') && !/[\\/]vscode\.[^\\/]+[\\/]/.test(f),
  );
  if (files.length === 0) console.log('(no extension host logs found under UD/logs)');
  for (const f of files) {
    if (fs.statSync(f).size === 0) continue;
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

// ------------------------------------------------------------------ what a check gets

/** The Tagged Cables output channel's log file (the language server's messages). */
function serverLogText() {
  const file = walk(path.join(state.ud, 'logs')).find((f) => /Tagged Cables\.log$/.test(f));
  return file ? fs.readFileSync(file, 'utf8') : '';
}

/** The CLI's problems for a workspace file: { errors, warnings }. */
function cliProblems(rel) {
  const r = spawnSync(process.execPath, [CLI, '--format', 'json', path.join(state.ws, rel)], { cwd: ROOT, encoding: 'utf8' });
  const out = `${r.stdout || ''}${r.stderr || ''}`;
  let list;
  try {
    list = JSON.parse(out.slice(out.indexOf('[')));
  } catch {
    throw new Error(`cable-lint --format json ${rel} gave no JSON (exit ${r.status}): ${out.slice(0, 300)}`);
  }
  return {
    errors: list.filter((d) => d.severity === 'error').length,
    warnings: list.filter((d) => d.severity === 'warning').length,
  };
}

/** The context a check's `run(t)` gets. */
function contextFor(check) {
  const page = state.page;
  return {
    name: check.name,
    page,
    ws: state.ws,
    /** A temporary folder outside the workspace. */
    tmp: state.tmp,
    /** The workspace-relative path of one of the check's own files. */
    own: (file) => `${check.name}/${file}`,
    /** The absolute path of a workspace-relative path. */
    abs: (rel) => path.join(state.ws, ...rel.split('/')),
    /** test-results/e2e/<check>-<suffix>.png, of an intermediate state; `clip` ({ x, y, width, height }) crops it. */
    screenshot: (suffix, { clip } = {}) =>
      page.screenshot({ path: path.join(OUT, `${check.name}-${suffix}.png`), ...(clip ? { clip } : {}) }).catch((e) => log(`screenshot failed: ${e.message}`)),
    /** The cables the index should hold now, read from the workspace on disk: { cables, candidates }. */
    indexedCables: () => workspaceCables(state.ws, EXCLUDED.map((e) => e.folder)),
    serverLogText,
    cliProblems,
  };
}

// ------------------------------------------------------------------ the run

function prepareVsix() {
  if (!fs.existsSync(VSIX)) {
    log(`${path.relative(ROOT, VSIX)} missing: npm run package`);
    const p = spawnSync('npm', ['run', 'package'], { cwd: ROOT, stdio: ['ignore', 2, 2] });
    if (p.status !== 0 || !fs.existsSync(VSIX)) throw new Error(`npm run package failed (exit ${p.status})`);
    return;
  }
  const vsixTime = fs.statSync(VSIX).mtimeMs;
  const newer = ['dist/client.js', 'dist/server.js', 'package.json', 'syntaxes/cable.tmLanguage.json']
    .filter((f) => fs.existsSync(path.join(ROOT, f)) && fs.statSync(path.join(ROOT, f)).mtimeMs > vsixTime + 1000);
  if (newer.length) log(`warning: ${newer.join(', ')} newer than ${path.basename(VSIX)}; testing the .vsix as it is (npm run package to refresh)`);
}

/** The shared corpus, the excluded folders, the settings, and every check's own files. */
function writeWorkspace(ws, allChecks) {
  fs.mkdirSync(ws, { recursive: true });
  const taken = new Set();
  for (const check of allChecks) {
    const dir = path.join(ws, check.name);
    fs.mkdirSync(dir);
    for (const [file, source] of Object.entries(check.files)) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      // A path to copy, or { text } to write.
      if (typeof source === 'object') {
        fs.writeFileSync(path.join(dir, file), source.text);
        continue;
      }
      if (path.dirname(source) === CORPUS) taken.add(path.basename(source));
      fs.copyFileSync(source, path.join(dir, file));
    }
  }
  fs.mkdirSync(path.join(ws, CORPUS_DIR));
  for (const f of fs.readdirSync(CORPUS)) {
    if (f.endsWith('.cable') && !taken.has(f)) fs.copyFileSync(path.join(CORPUS, f), path.join(ws, CORPUS_DIR, f));
  }
  for (const e of EXCLUDED) {
    fs.mkdirSync(path.join(ws, e.folder), { recursive: true });
    fs.copyFileSync(path.join(CORPUS, e.source), path.join(ws, e.folder, e.name));
  }
  fs.mkdirSync(path.join(ws, '.vscode'));
  fs.writeFileSync(path.join(ws, '.vscode', 'settings.json'), JSON.stringify(WORKSPACE_SETTINGS, null, 2));
}

async function startSession(allChecks) {
  fs.mkdirSync(OUT, { recursive: true });
  for (const f of fs.readdirSync(OUT)) if (f.endsWith('.png') || f.endsWith('.log')) fs.rmSync(path.join(OUT, f), { force: true });

  // 1. code-server + chromium, and the packaged extension.
  log('scripts/setup-vscode.sh');
  ensureInstalled();
  prepareVsix();

  // 2. Temporary workspace, user data and extensions.
  state.tmp = await fsp.mkdtemp(path.join(os.tmpdir(), 'tagged-cables-e2e-'));
  const ws = (state.ws = path.join(state.tmp, 'workspace'));
  const ud = (state.ud = path.join(state.tmp, 'user-data'));
  const ext = path.join(state.tmp, 'extensions');
  for (const d of [path.join(ud, 'User'), ext]) fs.mkdirSync(d, { recursive: true });
  writeWorkspace(ws, allChecks);
  fs.writeFileSync(path.join(ud, 'User', 'settings.json'), JSON.stringify(USER_SETTINGS, null, 2));

  log(`installing ${path.relative(ROOT, VSIX)}`);
  installExtension({ vsix: VSIX, extensionsDir: ext, userDataDir: ud, tmp: state.tmp });

  // 3. code-server and Chromium.
  state.server = await startCodeServer({ folder: ws, userDataDir: ud, extensionsDir: ext, tmp: state.tmp, logFile: path.join(OUT, 'code-server.log') });
  log(`code-server up on ${state.server.base}`);
  state.chromium = await launchChromium({ tmp: state.tmp, headed: process.env.E2E_HEADED === '1' });
  const context = await state.chromium.browser.newContext({ viewport: { width: 1600, height: 1000 } });
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

  await page.goto(workbenchUrl(state.server, ws), { waitUntil: 'domcontentloaded', timeout: 60000 });
  await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60000 });
  // The Explorer has read the workspace folder.
  await page.keyboard.press('Control+Shift+E').catch(() => {});
  await page.locator(`.explorer-folders-view .monaco-list-row[aria-label^="${CORPUS_DIR}"]`).first()
    .waitFor({ state: 'visible', timeout: 30000 }).catch(() => log('explorer rows not seen; continuing'));
  log('workbench ready');
}

async function runCheck(check) {
  const start = Date.now();
  let ok = false;
  let detail;
  try {
    await resetWorkbench(state.page);
    detail = await Promise.race([
      check.run(contextFor(check)),
      sleep(check.timeout).then(() => {
        throw new Error(`check timed out after ${check.timeout} ms`);
      }),
    ]);
    ok = true;
  } catch (e) {
    detail = e.message;
  }
  await state.page.screenshot({ path: path.join(OUT, `${check.name}.png`) }).catch((e) => log(`screenshot failed: ${e.message}`));
  const ms = Date.now() - start;
  state.results.push({ name: check.name, ok, detail, ms });
  console.log(`${ok ? 'PASS' : 'FAIL'} ${check.name} (${(ms / 1000).toFixed(1)}s): ${check.title}\n     ${detail}`);
}

/** Print, clean up and exit; the first caller (normal end, setup failure or timeout) wins. */
let finishing = false;
let watchdog;
async function finish(exitCode, notRunReason) {
  if (finishing) return new Promise(() => {}); // the other path exits the process
  finishing = true;
  clearTimeout(watchdog);
  if (state.aborted) {
    notRunReason = 'not run (global timeout)';
    if (state.page) await Promise.race([state.page.screenshot({ path: path.join(OUT, 'global-timeout.png') }).catch(() => {}), sleep(5000)]);
  }
  for (const c of state.checks) {
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
  console.log(`${state.results.length - failed} passed, ${failed} failed`);
  process.exit(failed > 0 ? 1 : exitCode);
}

/**
 * Runs `selected` (in the order given) in one VS Code session whose workspace holds the files of
 * `allChecks`; exits the process: 0 only when every selected check passed.
 */
export async function runChecks(allChecks, selected) {
  state.checks = selected;
  watchdog = setTimeout(async () => {
    state.aborted = true;
    console.log(`FAIL global timeout: the test ran longer than ${GLOBAL_TIMEOUT_MS / 1000} s`);
    await finish(1, 'not run (global timeout)');
  }, GLOBAL_TIMEOUT_MS);
  try {
    await startSession(allChecks);
    for (const check of selected) {
      if (state.aborted) break;
      await runCheck(check);
    }
  } catch (e) {
    if (!state.aborted) {
      console.log(`FAIL setup: ${e.stack || e.message}`);
      if (state.page) await state.page.screenshot({ path: path.join(OUT, 'setup-failure.png') }).catch(() => {});
    }
    await finish(1, 'not run (setup failed)');
  }
  await finish(0, 'not run');
}
