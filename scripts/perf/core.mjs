#!/usr/bin/env node
// Parse + all diagnostics (a fresh language service per run) against a
// one-regex tag scan over the same text, interleaved in one process.
//   node scripts/perf/core.mjs [--runs=N] [--only=seed,largest,1mb,10mb]

import { createRequire } from 'node:module';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { ROOT, TAG_RE, loadInputs, median } from './inputs.mjs';

const require = createRequire(path.join(ROOT, 'package.json'));
require('tsx/cjs/api').register();
const core = require(path.join(ROOT, 'server', 'src', 'core', 'index.ts'));

const arg = (name, dflt) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? dflt;
const ids = arg('only', 'seed,largest,1mb,10mb').split(',');
const inputs = loadInputs(ids);
const uri = 'file:///perf/input.cable';

function coreRun(text) {
  const t0 = performance.now();
  const service = core.createLanguageService(new core.InMemoryWorkspace({ [uri]: text }));
  const n = service.diagnostics(uri).length;
  return [performance.now() - t0, n];
}
function floorRun(text) {
  const t0 = performance.now();
  let count = 0;
  TAG_RE.lastIndex = 0;
  while (TAG_RE.exec(text) !== null) count++;
  return [performance.now() - t0, count];
}

console.log('input     size      core ms   floor ms   core/floor   diagnostics');
for (const input of inputs) {
  const runs = Number(arg('runs', input.mb > 5 ? 5 : input.mb > 0.5 ? 12 : 60));
  const c = [];
  const f = [];
  let diagnostics = 0;
  for (let r = 0; r < runs + 3; r++) {
    const [tc, n] = coreRun(input.text);
    const fl = [];
    for (let k = 0; k < 5; k++) fl.push(floorRun(input.text)[0]);
    if (r >= 3) {
      c.push(tc);
      f.push(median(fl));
    }
    diagnostics = n;
  }
  const ratio = median(f) / median(c);
  console.log(`${input.id.padEnd(9)} ${(input.bytes / 1024).toFixed(0).padStart(6)} KB ${median(c).toFixed(2).padStart(9)} ${median(f).toFixed(3).padStart(10)}   1/${(1 / ratio).toFixed(1).padStart(6)}   ${diagnostics}`);
}
