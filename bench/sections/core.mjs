// Parse + all diagnostics in process: a fresh createLanguageService + diagnostics(uri)
// per run, beside the regex floor over the same text.

import { performance } from 'node:perf_hooks';
import { loadCore, loadCoreModule } from '../lib/code.mjs';
import { FLOOR_REGEX, regexFloor, wordLoop } from '../lib/floor.mjs';
import { fmt, mbs, progress, share, size, table, yes } from '../lib/print.mjs';
import { median, round, stats } from '../lib/stats.mjs';
import { target, TARGETS } from '../lib/targets.mjs';

export const title = 'parse + all diagnostics throughput vs the regex floor (in process)';

const URI = 'file:///bench/input.cable';
/** Warm-up runs and timed runs per input (timed runs ÷5 with --quick, at least 2). */
const PLAN = { seed: [20, 60], largest: [10, 40], '1mb': [2, 9], '10mb': [1, 5] };

/** Times a fresh service's diagnostics, and the same split in analysis and checks. */
export function timeAnalysis(core, text, warm, runs) {
  const { createLanguageService, InMemoryWorkspace } = core;
  const total = [];
  const analysis = [];
  const checks = [];
  let diagnostics = 0;
  let large = false;
  for (let r = 0; r < warm + runs; r++) {
    const t0 = performance.now();
    const service = createLanguageService(new InMemoryWorkspace({ [URI]: text }));
    const d = service.diagnostics(URI);
    const t1 = performance.now();
    // The same work split in two on another fresh service: analysis (parse + entities, which entityTypes
    // needs and adds only a count to), then the checks.
    const split = createLanguageService(new InMemoryWorkspace({ [URI]: text }));
    const t2 = performance.now();
    split.entityTypes(URI);
    const t3 = performance.now();
    split.diagnostics(URI);
    const t4 = performance.now();
    if (r >= warm) {
      total.push(t1 - t0);
      analysis.push(t3 - t2);
      checks.push(t4 - t3);
    }
    diagnostics = d.length;
    large = service.isLarge(URI);
  }
  return { total, analysis, checks, diagnostics, large };
}

export async function run(ctx) {
  const core = loadCore();
  const { parseCable } = loadCoreModule('parser');
  const { groupEntities } = loadCoreModule('entities');
  const results = {};
  for (const input of ctx.inputs) {
    const warm = ctx.quick ? 1 : PLAN[input.id][0];
    const runs = ctx.n(PLAN[input.id][1], 2);
    progress(`core: ${input.label} (${warm} warm-up + ${runs} runs)`);
    const t = timeAnalysis(core, input.text, warm, runs);
    // Parser alone and entity grouping alone (medians), for the breakdown.
    const parse = [];
    const group = [];
    for (let r = 0; r < Math.max(3, Math.ceil(runs / 2)); r++) {
      const t0 = performance.now();
      const doc = parseCable(input.text);
      const t1 = performance.now();
      groupEntities(doc);
      const t2 = performance.now();
      parse.push(t1 - t0);
      group.push(t2 - t1);
    }
    const floor = regexFloor(input.id, input.text);
    const loop = wordLoop(input.id, input.text);
    const coreMBs = input.mb / (median(t.total) / 1000);
    const ratio = coreMBs / floor.MBs;
    results[input.id] = {
      bytes: input.bytes,
      diagnostics: t.diagnostics,
      isLarge: t.large,
      totalMs: stats(t.total),
      analysisMs: stats(t.analysis),
      checksMs: stats(t.checks),
      parseOnlyMs: round(median(parse)),
      groupEntitiesMs: round(median(group)),
      floorMs: floor.ms,
      floorMatches: floor.matches,
      coreMBs: round(coreMBs),
      floorMBs: floor.MBs,
      wordLoopMBs: loop.MBs,
      wordLoopShare: round(loop.MBs / floor.MBs, 5),
      ratio: round(ratio, 5),
      targetRatioMet: ratio >= TARGETS.floorShare,
      target100Met: coreMBs >= TARGETS.coreMBs,
    };
  }
  return results;
}

export function print(core, ctx) {
  const inputs = ctx.inputs.filter((i) => core[i.id]);
  table(
    'Parse + all diagnostics (fresh createLanguageService + diagnostics(uri)), in process, median',
    ['input', 'size', 'core ms', 'core MB/s', 'floor ms', 'floor MB/s', 'core/floor', 'target', 'met', `≥ ${TARGETS.coreMBs} MB/s (#4)`],
    inputs.map((i) => {
      const r = core[i.id];
      return [i.id, size(i.bytes), fmt(r.totalMs.median), fmt(r.coreMBs), fmt(r.floorMs.median, 2), fmt(r.floorMBs), share(r.ratio), `≥ 1/${1 / TARGETS.floorShare} of floor`, yes(r.targetRatioMet), yes(r.target100Met)];
    }),
    [`floor: one ${FLOOR_REGEX} scan counting matches, same string, same process, same run.`],
  );
  table(
    '   breakdown (median ms): analysis = parseCable + groupEntities (+ cache), checks = computeDiagnostics on the cached analysis',
    ['input', 'analysis', 'checks', 'parse only', 'groupEntities', 'diagnostics', 'p95 total', 'entity checks', 'JS word loop MB/s', 'loop/floor'],
    inputs.map((i) => {
      const r = core[i.id];
      return [i.id, fmt(r.analysisMs.median), fmt(r.checksMs.median), fmt(r.parseOnlyMs), fmt(r.groupEntitiesMs), String(r.diagnostics), fmt(r.totalMs.p95), r.isLarge ? 'skipped (large)' : 'run', fmt(r.wordLoopMBs), share(r.wordLoopShare)];
    }),
    ['JS word loop: one JavaScript pass reading every character and counting words, same string, same run (the least a JavaScript analysis does).'],
  );
}

export function targets(core, ctx) {
  const rows = [];
  for (const i of ctx.inputs.filter((x) => core[x.id])) {
    const r = core[i.id];
    rows.push(target('throughput', `parse + all diagnostics ${i.id}: ≥ 1/4 of the floor`, `${share(r.ratio)} (${mbs(r.coreMBs)} vs ${mbs(r.floorMBs)})`, r.targetRatioMet));
  }
  for (const i of ctx.inputs.filter((x) => core[x.id])) {
    rows.push(target('coreMBs', `core throughput ${i.id}: ≥ ${TARGETS.coreMBs} MB/s`, mbs(core[i.id].coreMBs), core[i.id].target100Met));
  }
  return rows;
}
