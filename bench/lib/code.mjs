// What the bench measures: the built bundles (dist/server.js through
// bin/cable-language-server.js, dist/cli.js through bin/cable-lint.js) and, in
// process, the TypeScript core through tsx (by the names server/src/core/index.ts exports).

import * as fs from 'node:fs';
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
/** The core (server/src/core/index.ts) through tsx. */
export function loadCore() {
  if (!core) {
    require('tsx/cjs/api').register();
    core = require(path.join(ROOT, 'server', 'src', 'core', 'index.ts'));
  }
  return core;
}

/** One module of the core by its file name (`parser`, `entities`): internals the API does not export. */
export function loadCoreModule(name) {
  loadCore();
  return require(path.join(ROOT, 'server', 'src', 'core', `${name}.ts`));
}

/** The workspace index behind a service (server/src/core/service.ts), for the heap figures. */
export function indexBehind(service) {
  loadCore();
  return require(path.join(ROOT, 'server', 'src', 'core', 'service.ts')).indexBehind(service);
}
