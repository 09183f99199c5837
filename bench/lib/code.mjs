// What the bench measures: the built bundles (dist/server.js through
// bin/cable-language-server.js, dist/cli.js through bin/cable-lint.js) and, in
// process, the core bundled by esbuild as the server bundles it (by the names server/src/core/index.ts exports).

import * as fs from 'node:fs';
import * as os from 'node:os';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { ROOT } from './inputs.mjs';

export const require = createRequire(path.join(ROOT, 'package.json'));

export const SERVER_BUNDLE = path.join(ROOT, 'dist', 'server.js');
export const CLI_BIN = path.join(ROOT, 'bin', 'cable-lint.js');
/** The server script the LSP sections spawn; BENCH_SERVER=FILE runs another (e.g. an unminified bundle). */
export const SERVER_BIN = process.env.BENCH_SERVER ? path.resolve(process.env.BENCH_SERVER) : path.join(ROOT, 'bin', 'cable-language-server.js');
/** Node flags for that server, e.g. BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=DIR". */
export const SERVER_NODE_ARGS = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);

export const builtBundlesPresent = () => fs.existsSync(SERVER_BUNDLE) && fs.existsSync(path.join(ROOT, 'dist', 'cli.js'));

/** The server's timing constants, as its bundle exports them (server/src/lsp/timing.ts). */
export function loadTiming() {
  const { TIMING } = require(SERVER_BUNDLE);
  for (const key of ['diagnosticsDebounceMs', 'crossCableRecheckMs', 'indexNotifyMs', 'indexSliceMs']) {
    if (typeof TIMING?.[key] !== 'number') throw new Error(`dist/server.js exports no TIMING.${key}: rebuild with npm run build`);
  }
  return { ...TIMING };
}

let core;
/**
 * The core as the server and the CLI ship it: server/src/core/index.ts (and the
 * internals the bench reads) bundled by esbuild with the build's options, once per run.
 * (Through tsx, each module would reach the others' exports by getters: slower than shipped code.)
 */
export function loadCore() {
  if (!core) {
    const esbuild = require('esbuild');
    const src = path.join(ROOT, 'server', 'src', 'core');
    const out = path.join(os.tmpdir(), `tagged-cables-bench-core-${process.pid}.js`);
    esbuild.buildSync({
      stdin: {
        contents: ["export * from './index';", "export { parseCable } from './parser';", "export { groupEntities } from './entities';", "export { indexBehind } from './service';"].join('\n'),
        resolveDir: src,
        loader: 'ts',
      },
      bundle: true,
      platform: 'node',
      target: 'node18',
      format: 'cjs',
      logLevel: 'warning',
      outfile: out,
    });
    core = require(out);
    fs.rmSync(out, { force: true });
  }
  return core;
}

/** Internals the API does not export, from the same bundle: `parser` (parseCable), `entities` (groupEntities). */
export function loadCoreModule(name) {
  const c = loadCore();
  const names = { parser: ['parseCable'], entities: ['groupEntities'] }[name];
  if (!names) throw new Error(`the bench's core bundle exports nothing of ${name}`);
  return Object.fromEntries(names.map((n) => [n, c[n]]));
}

/** The workspace index behind a service (server/src/core/service.ts), for the heap figures. */
export function indexBehind(service) {
  return loadCore().indexBehind(service);
}
