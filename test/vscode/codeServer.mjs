// A real VS Code on a closed network: code-server 4.96.4 (VS Code 1.96, the
// workbench in a browser, extensions in a Node extension host) driven by
// headless Debian Chromium through playwright-core. Shared by the end-to-end
// test (test/e2e/) and the VS Code stand-in that runs the integration tests
// (test/vscode/vscode-shim.mjs). `scripts/setup-vscode.sh` installs both.

import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const VSCODE_TEST = path.join(ROOT, '.vscode-test');
export const CODE_SERVER = path.join(VSCODE_TEST, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
export const CHROMIUM = process.env.E2E_CHROMIUM || '/usr/bin/chromium';

/** Chromium flags that keep it quiet on a closed network. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Poll `fn` until it returns a truthy value; throws the last error / `what` on timeout. */
export async function waitFor(what, fn, { timeout = 15000, interval = 250 } = {}) {
  const end = Date.now() + timeout;
  let lastErr;
  for (;;) {
    try {
      const value = await fn();
      if (value) return value;
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

export function freePort() {
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

/** Runs scripts/setup-vscode.sh (a fast no-op once done); its output goes to stderr. */
export function ensureInstalled() {
  const setup = spawnSync('bash', [path.join(ROOT, 'scripts', 'setup-vscode.sh')], { cwd: ROOT, stdio: ['ignore', 2, 2] });
  if (setup.status !== 0) throw new Error(`scripts/setup-vscode.sh failed (exit ${setup.status})`);
}

export function loadPlaywright() {
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

/** The environment of code-server and Chromium: their config, logs and crash reports stay under `tmp`. */
export function codeServerEnv(tmp) {
  return {
    ...process.env,
    XDG_CONFIG_HOME: path.join(tmp, 'xdg-config'),
    XDG_DATA_HOME: path.join(tmp, 'xdg-data'),
    PASSWORD: '',
    VSCODE_PROXY_URI: '',
    // No extension gallery (open-vsx.org by default): nothing is fetched from the network.
    EXTENSIONS_GALLERY: '{}',
  };
}

function configFile(tmp) {
  const config = path.join(tmp, 'code-server.yaml');
  fs.mkdirSync(tmp, { recursive: true });
  fs.writeFileSync(config, 'auth: none\ncert: false\n');
  return config;
}

/** `code-server --install-extension vsix`; throws with its output when it fails. */
export function installExtension({ vsix, extensionsDir, userDataDir, tmp }) {
  const r = spawnSync(
    process.execPath,
    [CODE_SERVER, '--config', configFile(tmp), '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir, '--install-extension', vsix, '--force'],
    { cwd: tmp, encoding: 'utf8', timeout: 120000, env: codeServerEnv(tmp), stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const out = `${r.stdout || ''}${r.stderr || ''}`;
  if (r.status !== 0 || !/successfully installed/i.test(out)) throw new Error(`--install-extension ${vsix} failed (exit ${r.status}):\n${out}`);
  return out.trim();
}

/** Kill a process and its process group (it was spawned detached), at once. */
export function killGroup(child, signal = 'SIGKILL') {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    try {
      child.kill(signal);
    } catch {
      /* gone */
    }
  }
}

/**
 * Starts code-server on a free loopback port with `folder` open; resolves once /healthz answers.
 * Workspace trust is off (every folder trusted) unless `workspaceTrust`: then the user settings
 * (`security.workspace.trust.enabled`) decide, as in a desktop VS Code. Its output goes to `logFile`.
 */
export async function startCodeServer({ folder, userDataDir, extensionsDir, tmp, logFile, workspaceTrust = false }) {
  const port = await freePort();
  const log = fs.openSync(logFile, 'w');
  const args = [
    CODE_SERVER, '--config', configFile(tmp), '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir,
    '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check',
    ...(workspaceTrust ? [] : ['--disable-workspace-trust']),
    '--disable-getting-started-override', '--disable-proxy', '--ignore-last-opened',
    ...(folder ? [folder] : []),
  ];
  // Its own process group: code-server, the extension host and the language server go together.
  const child = spawn(process.execPath, args, { cwd: tmp, detached: true, stdio: ['ignore', log, log], env: codeServerEnv(tmp) });
  fs.closeSync(log);
  const exited = new Promise((resolve) => child.once('exit', (code, sig) => resolve(`code-server exited (${code ?? sig})`)));
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitFor('code-server /healthz', async () => {
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(await exited);
      const r = await fetch(`${base}/healthz`).catch(() => undefined);
      return r && r.ok;
    }, { timeout: 30000, interval: 300 });
  } catch (e) {
    killGroup(child);
    throw e;
  }
  return {
    base,
    authority: `127.0.0.1:${port}`,
    process: child,
    exited,
    /** SIGTERM, then SIGKILL after `ms`. */
    async stop(ms = 5000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      killGroup(child, 'SIGTERM');
      await Promise.race([exited, sleep(ms)]);
      killGroup(child);
    },
    killSync: () => killGroup(child),
  };
}

/** Launches headless Chromium; `close()` ends it and its process group. */
export async function launchChromium({ tmp, headed = false }) {
  const { chromium } = loadPlaywright();
  const server = await chromium.launchServer({
    executablePath: CHROMIUM,
    headless: !headed,
    args: CHROMIUM_ARGS,
    env: codeServerEnv(tmp), // its crash-report folder goes under XDG_CONFIG_HOME
    timeout: 60000,
  });
  const browser = await chromium.connect(server.wsEndpoint());
  const killSync = () => killGroup(server.process?.()); // playwright starts it detached: its own process group
  return {
    browser,
    killSync,
    async close() {
      const withTimeout = (p, ms) => Promise.race([p.catch(() => {}), sleep(ms)]);
      await withTimeout(browser.close(), 5000);
      await withTimeout(server.close(), 5000);
      killSync();
    },
  };
}

/**
 * The workbench's address with `folder` open; `payload` entries (e.g. extensionDevelopmentPath,
 * extensionTestsPath) are local paths, given to the workbench as vscode-remote URIs of this server.
 */
export function workbenchUrl(server, folder, payload = {}) {
  const remote = (p) => `vscode-remote://${server.authority}${p.split(path.sep).map(encodeURIComponent).join('/')}`;
  const entries = Object.entries(payload).map(([k, v]) => [k, /Path$/.test(k) ? remote(v) : v]);
  const query = [`folder=${encodeURIComponent(folder)}`];
  if (entries.length) query.push(`payload=${encodeURIComponent(JSON.stringify(entries))}`);
  return `${server.base}/?${query.join('&')}`;
}

/** Files under `dir`, recursively. */
export function walk(dir) {
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

/** The last `lines` lines of a file. */
export function tail(file, lines) {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch (e) {
    return `(cannot read ${file}: ${e.message})`;
  }
}
