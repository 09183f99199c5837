#!/usr/bin/env node
// Runs the integration tests (test/integration/*.test.ts, bundled into
// dist/integration/) inside a real VS Code's extension host with
// @vscode/test-electron's runTests(), as VS Code extension authors do.
//
//   node test/integration/run.mjs          (npm run test:integration packages first)
//
// Which VS Code:
//   VSCODE_EXECUTABLE=/path/to/code   a desktop VS Code (its Electron executable)
//   VSCODE_VERSION=stable|1.96.4      the desktop VS Code runTests downloads (needs internet access)
//   neither (the default, and in CI)  code-server 4.96.4 in headless Chromium, through the stand-in
//                                     executable test/vscode/vscode-shim.mjs: no desktop VS Code can be
//                                     had on a closed network
//
// Two runs, each in a new temporary folder holding copies of the fixtures (the repository's
// files are never opened, so never edited) and a new user data folder:
//   1. main.js: the extension under development (this repository, dist/ must be built) in a
//      trusted folder;
//   2. restricted.js: the packaged .vsix (INTEGRATION_VSIX, default tagged-cables.vsix; built with
//      `npm run package` when missing) installed, in a folder that is not trusted (Restricted Mode).
//      runTests() always passes --disable-workspace-trust; a desktop VS Code is started here without it.
// Environment: INTEGRATION_KEEP=1 keeps the temporary folders.
// Exit code 0 only when both runs pass.

import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { ROOT } from '../vscode/codeServer.mjs';

const require = createRequire(import.meta.url);
const { runTests, downloadAndUnzipVSCode, resolveCliPathFromVSCodeExecutablePath } = require('@vscode/test-electron');

const SHIM = path.join(ROOT, 'test', 'vscode', 'vscode-shim.mjs');
const SEED = path.join(ROOT, 'seeds', '000_d5a32e40f8b893e0.txt');
const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'e2e');
const VSIX = path.resolve(ROOT, process.env.INTEGRATION_VSIX || 'tagged-cables.vsix');
const KEEP = process.env.INTEGRATION_KEEP === '1';
const log = (...a) => console.error('[integration]', ...a);

/** The VS Code to run: { executable, cli, label, shim }. The choice is explicit: a desktop VS Code only when asked for. */
async function chooseVSCode() {
  if (process.env.VSCODE_EXECUTABLE) {
    const executable = path.resolve(process.env.VSCODE_EXECUTABLE);
    if (!fs.existsSync(executable)) throw new Error(`VSCODE_EXECUTABLE=${executable} does not exist`);
    return desktop(executable, `the desktop VS Code ${executable}`);
  }
  if (process.env.VSCODE_VERSION) {
    const executable = await downloadAndUnzipVSCode(process.env.VSCODE_VERSION);
    return desktop(executable, `VS Code ${process.env.VSCODE_VERSION} downloaded by @vscode/test-electron (${executable})`);
  }
  return { executable: SHIM, cli: SHIM, shim: true, label: 'code-server 4.96.4 in headless Chromium (test/vscode/vscode-shim.mjs)' };
}

function desktop(executable, label) {
  const cli = resolveCliPathFromVSCodeExecutablePath(executable);
  // Its CLI script installs extensions; an executable without one (such as the shim) takes the flag itself.
  return { executable, cli: fs.existsSync(cli) ? cli : executable, shim: false, label };
}

function userSettings({ trust }) {
  return {
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'git.enabled': false,
    'files.autoSave': 'off',
    // Restricted Mode: trust on, and no prompt, so the folder stays untrusted.
    'security.workspace.trust.enabled': trust,
    'security.workspace.trust.startupPrompt': 'never',
  };
}

/** A temporary folder with the workspace (`files`: name → source), user data and extensions folders. */
function prepare(name, files, settings) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `tagged-cables-${name}-`));
  const dirs = { tmp, workspace: path.join(tmp, 'workspace'), userData: path.join(tmp, 'user-data'), extensions: path.join(tmp, 'extensions') };
  for (const d of [dirs.workspace, path.join(dirs.userData, 'User'), dirs.extensions]) fs.mkdirSync(d, { recursive: true });
  for (const [file, source] of Object.entries(files)) fs.copyFileSync(source, path.join(dirs.workspace, file));
  fs.writeFileSync(path.join(dirs.userData, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
  return dirs;
}

function launchArgs(dirs) {
  return [dirs.workspace, `--user-data-dir=${dirs.userData}`, `--extensions-dir=${dirs.extensions}`];
}

/** runTests()'s own launch, without --disable-workspace-trust (for a desktop VS Code in Restricted Mode). */
function runWithWorkspaceTrust({ vscodeExecutablePath, extensionDevelopmentPath, extensionTestsPath, launchArgs, extensionTestsEnv }) {
  const args = [
    ...launchArgs, '--no-sandbox', '--disable-gpu-sandbox', '--disable-updates', '--skip-welcome', '--skip-release-notes',
    `--extensionTestsPath=${extensionTestsPath}`, `--extensionDevelopmentPath=${extensionDevelopmentPath}`,
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(vscodeExecutablePath, args, { env: { ...process.env, ...extensionTestsEnv }, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code, signal) => (code === 0 ? resolve(0) : reject(new Error(`Test run failed with ${code ?? signal}`))));
  });
}

async function runSuite(title, fn) {
  const start = Date.now();
  log(`${title}…`);
  try {
    await fn();
    return { title, ok: true, s: (Date.now() - start) / 1000 };
  } catch (e) {
    log(`${title}: ${e.message}`);
    return { title, ok: false, s: (Date.now() - start) / 1000 };
  }
}

async function main() {
  const vscode = await chooseVSCode();
  log(`VS Code: ${vscode.label}`);

  for (const f of ['dist/client.js', 'dist/server.js']) {
    if (!fs.existsSync(path.join(ROOT, f))) throw new Error(`${f} is missing: npm run build`);
  }
  const build = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs'), '--integration'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('building the integration tests failed');
  if (!fs.existsSync(VSIX)) {
    log(`${path.relative(ROOT, VSIX)} missing: npm run package`);
    const p = spawnSync('npm', ['run', 'package'], { cwd: ROOT, stdio: ['ignore', 2, 2] });
    if (p.status !== 0 || !fs.existsSync(VSIX)) throw new Error(`npm run package failed (exit ${p.status})`);
  } else {
    const vsixTime = fs.statSync(VSIX).mtimeMs;
    const newer = ['dist/client.js', 'dist/server.js', 'package.json'].filter((f) => fs.statSync(path.join(ROOT, f)).mtimeMs > vsixTime + 1000);
    if (newer.length) log(`warning: ${newer.join(', ')} newer than ${path.basename(VSIX)}; the Restricted Mode run tests the .vsix as it is (npm run package to refresh)`);
  }

  const temporary = [];
  const results = [];
  try {
    // 1. The extension under development, in a trusted folder.
    const main = prepare('integration', {
      '000_d5a32e40f8b893e0.txt': SEED,
      'retype.txt': SEED,
      'notes.txt': path.join(FIXTURES, 'notes.txt'),
      'malformed.cable': path.join(FIXTURES, 'malformed.cable'),
    }, userSettings({ trust: false }));
    temporary.push(main.tmp);
    results.push(await runSuite('the integration suite (extension under development, trusted folder)', () => runTests({
      vscodeExecutablePath: vscode.executable,
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: path.join(ROOT, 'dist', 'integration', 'main.js'),
      launchArgs: launchArgs(main),
    })));

    // 2. The packaged extension, installed, in a folder that is not trusted.
    const restricted = prepare('restricted', {
      '000_d5a32e40f8b893e0.txt': SEED,
      'malformed.cable': path.join(FIXTURES, 'malformed.cable'),
    }, userSettings({ trust: true }));
    temporary.push(restricted.tmp);
    // The extension under development hosts the tests only: VS Code never disables one in Restricted Mode.
    const host = path.join(restricted.tmp, 'test-host');
    fs.mkdirSync(host);
    fs.writeFileSync(path.join(host, 'package.json'), JSON.stringify({
      name: 'tagged-cables-restricted-tests', publisher: 'tagged-cables', version: '0.0.0', engines: { vscode: '^1.82.0' },
    }, null, 2));
    results.push(await runSuite(`the Restricted Mode suite (${path.basename(VSIX)} installed, untrusted folder)`, async () => {
      const install = spawnSync(vscode.cli, [`--extensions-dir=${restricted.extensions}`, `--user-data-dir=${restricted.userData}`, '--install-extension', VSIX, '--force'], { encoding: 'utf8' });
      if (install.status !== 0) throw new Error(`installing ${VSIX} failed (exit ${install.status}): ${install.stdout}${install.stderr}`);
      const options = {
        vscodeExecutablePath: vscode.executable,
        extensionDevelopmentPath: host,
        extensionTestsPath: path.join(ROOT, 'dist', 'integration', 'restricted.js'),
        launchArgs: launchArgs(restricted),
        extensionTestsEnv: { TAGGED_CABLES_REPO: ROOT },
      };
      // The shim leaves workspace trust to the user settings; a desktop VS Code obeys runTests' --disable-workspace-trust.
      await (vscode.shim ? runTests(options) : runWithWorkspaceTrust(options));
    }));
  } finally {
    for (const t of temporary) {
      if (KEEP) log(`kept ${t}`);
      else fs.rmSync(t, { recursive: true, force: true, maxRetries: 3 });
    }
  }
  for (const r of results) console.log(`${r.ok ? 'PASS' : 'FAIL'} ${r.title} (${r.s.toFixed(1)} s)`);
  return results.every((r) => r.ok) ? 0 : 1;
}

try {
  process.exit(await main());
} catch (e) {
  console.log(`FAIL integration: ${e.stack || e.message}`);
  process.exit(1);
}
