// Hostile inputs (those of test/unit/robustness.test.ts): parse + all diagnostics
// in process, MB/s, beside the regex floor over the same text.

import { loadCore } from '../lib/code.mjs';
import { regexFloor } from '../lib/floor.mjs';
import { hostileInputs } from '../lib/inputs.mjs';
import { fmt, mbs, progress, share, size, table, yes } from '../lib/print.mjs';
import { median, round, stats } from '../lib/stats.mjs';
import { target, TARGETS } from '../lib/targets.mjs';
import { timeAnalysis } from './core.mjs';

export const title = 'hostile inputs: parse + all diagnostics vs the regex floor (in process)';

export async function run(ctx) {
  const core = loadCore();
  const results = {};
  for (const input of hostileInputs(ctx.input('10mb').text)) {
    const big = input.bytes > 2 * 1024 * 1024;
    const warm = big || ctx.quick ? 0 : 1;
    const runs = big ? ctx.n(2, 1) : ctx.n(5, 2);
    progress(`hostile: ${input.label} (${warm} warm-up + ${runs} runs)`);
    const t = timeAnalysis(core, input.text, warm, runs);
    const floor = regexFloor(`hostile:${input.id}`, input.text);
    const coreMBs = input.mb / (median(t.total) / 1000);
    results[input.id] = {
      label: input.label,
      bytes: input.bytes,
      chars: input.text.length,
      diagnostics: t.diagnostics,
      isLarge: t.large,
      totalMs: stats(t.total),
      coreMBs: round(coreMBs),
      floorMs: floor.ms,
      floorMBs: floor.MBs,
      floorMatches: floor.matches,
      ratio: round(coreMBs / floor.MBs, 5),
      targetRatioMet: coreMBs / floor.MBs >= TARGETS.floorShare,
    };
  }
  return results;
}

export function print(h) {
  table(
    'Hostile inputs: parse + all diagnostics (fresh createLanguageService + diagnostics(uri)), in process, median',
    ['input', 'size', 'ms', 'MB/s', 'floor MB/s', 'core/floor', 'target', 'met', 'diagnostics'],
    Object.entries(h).map(([id, r]) => [`${id}: ${r.label}`, size(r.bytes), fmt(r.totalMs.median), fmt(r.coreMBs), fmt(r.floorMBs), share(r.ratio), `≥ 1/${1 / TARGETS.floorShare} of floor`, yes(r.targetRatioMet), `${r.diagnostics}${r.isLarge ? ' (large)' : ''}`]),
    [
      'the inputs of test/unit/robustness.test.ts (which checks that their time grows linearly); floor: the same one-regex tag scan over the same string.',
      'diagnostics stop at taggedCables.maxNumberOfProblems (1,000); "large": above maxFileSizeMB, entity checks skipped.',
    ],
  );
}

export function targets(h) {
  const entries = Object.entries(h);
  if (entries.length === 0) return [];
  const [worstId, worst] = entries.reduce((a, b) => (b[1].ratio < a[1].ratio ? b : a));
  const missed = entries.filter(([, r]) => !r.targetRatioMet).length;
  return [target('hostile', `hostile inputs: ≥ 1/4 of the floor (${entries.length - missed} of ${entries.length} met; worst '${worstId}')`, `${share(worst.ratio)} (${mbs(worst.coreMBs)} vs ${mbs(worst.floorMBs)})`, missed === 0)];
}
