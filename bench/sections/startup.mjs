// Server start to first diagnostics on the seed; bundle sizes (on disk and as
// `npm run package` would ship them).

import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { require } from '../lib/code.mjs';
import { ROOT } from '../lib/inputs.mjs';
import { Client } from '../lib/lsp.mjs';
import { fmt, progress, size, table } from '../lib/print.mjs';
import { stats } from '../lib/stats.mjs';

export const title = 'server start to first diagnostics; bundle sizes';
/** Its result goes to results.startup and results.bundles. */
export const spread = true;

async function startupTimes(ctx) {
  const runs = ctx.n(5, 2);
  const toInit = [];
  const toDiag = [];
  const seed = ctx.input('seed').text;
  for (let r = 0; r < runs; r++) {
    progress(`startup: run ${r + 1}/${runs}`);
    const client = new Client();
    try {
      await client.initialize();
      const t1 = performance.now();
      const uri = 'file:///bench/seed.cable';
      await client.open(uri, seed);
      const { t } = await client.firstDiagnostics(uri);
      toInit.push(t1 - client.spawnedAt);
      toDiag.push(t - client.spawnedAt);
    } finally {
      await client.stop();
    }
  }
  return { spawnToInitializeMs: stats(toInit), spawnToFirstDiagnosticsMs: stats(toDiag) };
}

async function bundleSizes() {
  const files = {};
  for (const f of ['dist/client.js', 'dist/server.js', 'dist/cli.js']) {
    const p = path.join(ROOT, f);
    if (!fs.existsSync(p)) {
      files[f] = null;
      continue;
    }
    const text = fs.readFileSync(p, 'utf8');
    files[f] = { bytes: fs.statSync(p).size, minified: !/\/\/# sourceMappingURL=/.test(text.slice(-300)) && text.split('\n').length < 200 };
  }
  const vsixPath = path.join(ROOT, 'tagged-cables.vsix');
  const vsix = fs.existsSync(vsixPath) ? { bytes: fs.statSync(vsixPath).size, modified: fs.statSync(vsixPath).mtime.toISOString() } : null;
  // What `npm run package` would ship: the same esbuild options with --production, built in memory (dist/ is not touched).
  let production = null;
  try {
    const esbuild = require('esbuild');
    const common = { bundle: true, platform: 'node', target: 'node18', format: 'cjs', sourcemap: false, minify: true, logLevel: 'silent', legalComments: 'none', write: false, absWorkingDir: ROOT };
    const entries = { 'dist/client.js': ['client/src/extension.ts', ['vscode']], 'dist/server.js': ['server/src/server.ts', []], 'dist/cli.js': ['server/src/cli.ts', []] };
    production = {};
    for (const [out, [entry, external]] of Object.entries(entries)) {
      const r = await esbuild.build({ ...common, entryPoints: [entry], outfile: out, external });
      production[out] = r.outputFiles.reduce((s, f) => s + f.contents.byteLength, 0);
    }
  } catch (error) {
    production = { error: String(error) };
  }
  return { files, production, vsix };
}

export async function run(ctx) {
  return { startup: await startupTimes(ctx), bundles: await bundleSizes() };
}

export function print({ startup, bundles }) {
  const row = (label, s) => [label, String(s.n), fmt(s.median), fmt(s.p95), fmt(s.min)];
  table('Server start (spawn node bin/cable-language-server.js --stdio) on the seed (ms)', ['measure', 'n', 'median', 'p95', 'min'], [
    row('spawn → initialize result', startup.spawnToInitializeMs),
    row('spawn → initialize → didOpen → first publishDiagnostics', startup.spawnToFirstDiagnosticsMs),
  ], ['no target set.']);
  const rows = Object.entries(bundles.files).map(([f, info]) => [
    f,
    info ? size(info.bytes) : 'missing (npm run build)',
    info ? (info.minified ? 'minified' : 'dev (npm run build)') : '–',
    bundles.production && typeof bundles.production[f] === 'number' ? size(bundles.production[f]) : '–',
  ]);
  rows.push(['tagged-cables.vsix', bundles.vsix ? size(bundles.vsix.bytes) : 'absent (npm run package)', bundles.vsix ? `built ${bundles.vsix.modified}` : '–', '–']);
  table('   bundle sizes', ['file', 'on disk', 'kind', 'minified (as npm run package)'], rows, ["minified column: the build script's --production options, built in memory by this bench (dist/ untouched); no target set."]);
}

export const targets = () => [];
