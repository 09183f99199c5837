#!/usr/bin/env node
// A stand-in for the VS Code executable where no desktop VS Code can be had:
// given to @vscode/test-electron's runTests() as `vscodeExecutablePath`, it
// runs the extension tests in code-server's extension host, the workbench
// loaded in headless Chromium (test/vscode/codeServer.mjs), relays the
// extension host's console (mocha's report) to its stdout and exits with the
// tests' exit code.
//
//   vscode-shim.mjs [FOLDER] --extensionDevelopmentPath=DIR --extensionTestsPath=FILE.js
//                   [--user-data-dir=DIR] [--extensions-dir=DIR]
//   vscode-shim.mjs --install-extension FILE.vsix [--force] [--user-data-dir=DIR] [--extensions-dir=DIR]
//
// Accepted and ignored, as runTests passes them: --no-sandbox, --disable-gpu-sandbox,
// --disable-updates, --skip-welcome, --skip-release-notes, --disable-workspace-trust.
// Workspace trust is then decided by the user settings (security.workspace.trust.enabled in
// USER_DATA_DIR/User/settings.json), so that a Restricted Mode run is possible.
//
// Environment: VSCODE_SHIM_TIMEOUT_MS (default 300000), VSCODE_SHIM_HEADED=1 (show the browser),
// VSCODE_SHIM_VERBOSE=1 (relay the whole browser console, not only the extension host's).
// Exit codes: the tests' (0 passed, 1 failed), 2 bad usage, 3 VS Code did not start or timed out.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import util from 'node:util';
import { CODE_SERVER, ensureInstalled, installExtension, launchChromium, sleep, startCodeServer, tail, workbenchUrl } from './codeServer.mjs';

const IGNORED = new Set(['--no-sandbox', '--disable-gpu-sandbox', '--disable-updates', '--skip-welcome', '--skip-release-notes', '--disable-workspace-trust', '--force']);
const VALUED = ['--extensionDevelopmentPath', '--extensionTestsPath', '--user-data-dir', '--extensions-dir', '--install-extension'];
const TIMEOUT_MS = Number(process.env.VSCODE_SHIM_TIMEOUT_MS || 5 * 60 * 1000);
const note = (...a) => console.error('[vscode-shim]', ...a);
// What the workbench itself logs while it connects (VSCODE_SHIM_VERBOSE=1 shows it).
const WORKBENCH_CHATTER = new RegExp(
  '^(?:Resolv(?:ing|ed) connection token|Creating a socket|Updating additional builtin extensions cache|\\[Service Worker\\]' +
    '|Ignoring fetching additional builtin extensions|Creation of workbench contribution .* took \\d+ms)',
);

function usage(message) {
  console.error(`vscode-shim: ${message}`);
  process.exit(2);
}

function parseArgs(argv) {
  const opts = { folders: [], extensionDevelopmentPath: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (IGNORED.has(arg)) continue;
    if (!arg.startsWith('--')) {
      opts.folders.push(path.resolve(arg));
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq >= 0 ? arg.slice(0, eq) : arg;
    if (!VALUED.includes(name)) usage(`unknown option ${arg}`);
    const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined) usage(`${name} needs a value`);
    const key = name.slice(2);
    if (key === 'extensionDevelopmentPath') opts.extensionDevelopmentPath.push(path.resolve(value));
    else opts[key] = path.resolve(value);
  }
  if (opts.folders.length > 1) usage(`one folder at most, got ${opts.folders.join(', ')}`);
  return opts;
}

const opts = parseArgs(process.argv.slice(2));
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vscode-shim-'));
const userDataDir = opts['user-data-dir'] || path.join(tmp, 'user-data');
const extensionsDir = opts['extensions-dir'] || path.join(tmp, 'extensions');
for (const d of [userDataDir, extensionsDir]) fs.mkdirSync(d, { recursive: true });

if (opts['install-extension']) {
  let code = 0;
  try {
    ensureInstalled();
    console.log(installExtension({ vsix: opts['install-extension'], extensionsDir, userDataDir, tmp }));
  } catch (e) {
    console.error(e.message);
    code = 1;
  }
  fs.rmSync(tmp, { recursive: true, force: true });
  process.exit(code);
}

if (opts.extensionDevelopmentPath.length !== 1) usage('exactly one --extensionDevelopmentPath is needed');
if (!opts.extensionTestsPath || !fs.existsSync(opts.extensionTestsPath)) usage(`--extensionTestsPath must be an existing .js file (got ${opts.extensionTestsPath})`);

let server;
let chromium;
async function cleanup() {
  await chromium?.close();
  await server?.stop();
  fs.rmSync(tmp, { recursive: true, force: true, maxRetries: 3 });
}
process.on('exit', () => {
  chromium?.killSync();
  server?.killSync();
});
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, async () => {
    await cleanup();
    process.exit(130);
  });
}

async function main() {
  ensureInstalled();
  const logFile = path.join(tmp, 'code-server.log');
  const folder = opts.folders[0] || fs.mkdtempSync(path.join(tmp, 'empty-'));
  note(`code-server ${path.relative(process.cwd(), CODE_SERVER)} with ${folder}`);
  server = await startCodeServer({ folder, userDataDir, extensionsDir, tmp, logFile, workspaceTrust: true });
  chromium = await launchChromium({ tmp, headed: process.env.VSCODE_SHIM_HEADED === '1' });
  const page = await (await chromium.browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();

  let relayed = Promise.resolve();
  let settle;
  const exitCode = new Promise((resolve) => (settle = resolve));
  // The workbench calls these when the extension tests end (and to log, in its automation mode).
  await page.exposeFunction('codeAutomationExit', (code) => settle(Number(code)));
  await page.exposeFunction('codeAutomationLog', () => {});
  const verbose = process.env.VSCODE_SHIM_VERBOSE === '1';
  // In extension test mode the workbench logs the extension host's console (mocha's report)
  // through its log service, unformatted: console.log('%c INFO', 'color: #33f', '%s%s', '  ', 'title').
  page.on('console', (m) => {
    const handles = m.args();
    relayed = relayed.then(async () => {
      const args = await Promise.all(handles.map((h) => h.jsonValue().catch(() => '?')));
      const level = /^%c\s*(TRACE|DEBUG|INFO|WARN|ERR)$/.exec(typeof args[0] === 'string' ? args[0] : '')?.[1];
      const line = level ? util.format(...args.slice(2)) : '';
      if (level && !['TRACE', 'DEBUG'].includes(level) && !WORKBENCH_CHATTER.test(line)) console.log(line);
      else if (verbose) console.error(`[browser ${m.type()}] ${m.text()}`);
    });
  });
  page.on('pageerror', (e) => verbose && console.error(`[browser pageerror] ${e.message}`));

  const url = workbenchUrl(server, folder, {
    extensionDevelopmentPath: opts.extensionDevelopmentPath[0],
    extensionTestsPath: opts.extensionTestsPath,
    skipWelcome: 'true',
  });
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60000 });
  let settled = false;
  const timeout = sleep(TIMEOUT_MS).then(() => {
    if (!settled) note(`the tests did not end within ${TIMEOUT_MS / 1000} s`);
    return 3;
  });
  // code-server ends with the extension host; the exit code may arrive just after.
  const died = server.exited.then(async (why) => {
    await sleep(3000);
    if (!settled) note(`${why} before the tests reported their end`);
    return 3;
  });
  const code = await Promise.race([exitCode, timeout, died]);
  settled = true;
  await Promise.race([relayed, sleep(2000)]);
  if (code === 3 || process.env.VSCODE_SHIM_DEBUG === '1') note(`code-server log (last 20 lines):\n${tail(logFile, 20)}`);
  return code;
}

let code = 3;
try {
  code = await main();
} catch (e) {
  note(`could not run the tests: ${e.stack || e.message}`);
}
await cleanup();
process.exit(code);
