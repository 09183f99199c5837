#!/usr/bin/env node
// Performance bench for Tagged Cables: every figure beside its target and, for
// throughput, beside a regex floor measured in the same run. Prints a table per
// section, a summary of the targets, and writes bench/results.json.
//
// Usage (after `npm run setup`; `npm run bench` builds first, then runs this):
//   node bench/run.mjs                    every section, writes bench/results.json
//   node bench/run.mjs --quick            fewer runs, workspaces of 1,000 and 5,000 cables (a few minutes)
//   node bench/run.mjs core grammar       only these sections (also --only=core,grammar)
//                                         (quick and partial runs write results only with --out)
//   node bench/run.mjs --out=FILE         write the results there
//   node bench/run.mjs workspace cli --ws-sizes=1000,5000   other workspace sizes
//   node bench/run.mjs --full             also the whole release (opt-in, about 3 minutes; the release is
//                                         written once, about 2 GB, to $TMPDIR/tagged-cables-synthetic-release)
//   node bench/run.mjs full               only the whole release (--release-dir=DIR, --full-cables=N)
//   node bench/run.mjs --help             this text
// Sections, in the order they run:
//   core       parse + all diagnostics in process (seed, largest cable, 1 MB, 10 MB) vs the regex floor
//   hostile    the robustness tests' pathological inputs, the same way
//   edit       one-character edit → fresh diagnostics / forced re-analysis, real server over stdio
//   lsp        hover, references, documentSymbol, diagnostics round trips on 1 MB (shares edit's server)
//   grammar    TextMate tokenization vs VS Code's Markdown grammar and the floor
//   startup    server start to first diagnostics; bundle sizes
//   memory     server RSS with the 10 MB cable open
//   workspace  workspaces of 1,000 and 20,000 copied cables in the server; index heap in process
//   cli        cable-lint on those workspaces vs a node floor process; peak RSS
//   full       (opt-in) 251,287 synthetic cables in the server: index time, RSS, hover while indexing,
//              workspace symbols, references; a second start with the index cache
// Environment, for profiling the server: BENCH_SERVER=FILE (another server script, e.g. an
// unminified bundle) and BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=DIR";
// summarise with `node bench/cpuprofile-top.mjs DIR/*.cpuprofile`.
// MB = 2^20 bytes of UTF-8 text. The LSP sections run the built server (dist/server.js),
// cli runs dist/cli.js; core, hostile and the workspace heap load server/src/core bundled by esbuild.
// The server's timing constants come from dist/server.js's TIMING export. See bench/README.md.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { builtBundlesPresent, loadTiming } from './lib/code.mjs';
import { loadInputs, ROOT } from './lib/inputs.mjs';
import { count, size, table, yes } from './lib/print.mjs';
import { portableJson } from './lib/results.mjs';
import { round } from './lib/stats.mjs';
import { machineInfo } from './lib/system.mjs';
import { ISSUE_11 } from './lib/targets.mjs';
import * as core from './sections/core.mjs';
import * as hostile from './sections/hostile.mjs';
import * as edit from './sections/edit.mjs';
import * as lsp from './sections/lsp.mjs';
import * as grammar from './sections/grammar.mjs';
import * as startup from './sections/startup.mjs';
import * as memory from './sections/memory.mjs';
import * as workspace from './sections/workspace.mjs';
import * as cli from './sections/cli.mjs';
import * as full from './sections/full.mjs';

/** Sections in run order; `uses`: the shared resources they need (released after the last user). */
const SECTIONS = [
  { name: 'core', module: core, uses: [] },
  { name: 'hostile', module: hostile, uses: [] },
  { name: 'edit', module: edit, uses: ['editServer'] },
  { name: 'lsp', module: lsp, uses: ['editServer'] },
  { name: 'grammar', module: grammar, uses: [] },
  { name: 'startup', module: startup, uses: [] },
  { name: 'memory', module: memory, uses: [] },
  { name: 'workspace', module: workspace, uses: ['workspaces'] },
  { name: 'cli', module: cli, uses: ['workspaces'] },
  // Opt-in: only with --full or when named.
  { name: 'full', module: full, uses: [], optIn: true },
];

function parseArgs(argv) {
  const opts = { quick: false, sections: undefined, out: undefined, wsSizes: undefined, help: false, full: false, releaseDir: undefined, fullCables: undefined };
  const chosen = [];
  for (const arg of argv) {
    if (arg === '--quick') opts.quick = true;
    else if (arg === '--help' || arg === '-h') opts.help = true;
    else if (arg === '--full') opts.full = true;
    else if (arg.startsWith('--release-dir=')) opts.releaseDir = path.resolve(arg.slice('--release-dir='.length));
    else if (arg.startsWith('--full-cables=')) {
      opts.fullCables = Number(arg.slice('--full-cables='.length));
      if (!Number.isInteger(opts.fullCables) || opts.fullCables < 1) throw new Error(`--full-cables takes a whole number of cables (got ${arg})`);
    }
    else if (arg.startsWith('--only=')) chosen.push(...arg.slice('--only='.length).split(',').filter(Boolean));
    else if (arg.startsWith('--out=')) opts.out = path.resolve(arg.slice('--out='.length));
    else if (arg.startsWith('--ws-sizes=')) {
      opts.wsSizes = arg.slice('--ws-sizes='.length).split(',').map(Number);
      if (opts.wsSizes.length === 0 || opts.wsSizes.some((x) => !Number.isInteger(x) || x < 1)) throw new Error(`--ws-sizes takes whole numbers of cables, e.g. --ws-sizes=1000,5000 (got ${arg})`);
    } else if (!arg.startsWith('-')) chosen.push(arg);
    else throw new Error(`unknown option ${arg} (see node bench/run.mjs --help)`);
  }
  const unknown = chosen.filter((s) => !SECTIONS.some((x) => x.name === s));
  if (unknown.length) throw new Error(`unknown section ${unknown.join(', ')}; sections: ${SECTIONS.map((s) => s.name).join(', ')}`);
  if (chosen.length) opts.sections = new Set(chosen);
  return opts;
}

function usage() {
  const lines = fs.readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').slice(1);
  return lines.slice(0, lines.findIndex((l) => !l.startsWith('//'))).map((l) => l.replace(/^\/\/ ?/, '')).join('\n');
}

/** Shared resources (a server, the workspaces): created on first use, released by `release`. */
function sharedResources() {
  const held = new Map(); // key → { promise, dispose }
  return {
    share(key, create, dispose) {
      if (!held.has(key)) held.set(key, { promise: create(), dispose });
      return held.get(key).promise;
    },
    async release(keys) {
      for (const key of keys) {
        const entry = held.get(key);
        if (!entry) continue;
        held.delete(key);
        try {
          await entry.dispose(await entry.promise);
        } catch {
          // never created, or already gone
        }
      }
    },
    keys: () => [...held.keys()],
  };
}

function printSummary(rows, ran, ctx) {
  const byId = (id) => rows.filter((r) => r.id === id);
  const issueRows = [];
  const summary = [];
  for (const t of ISSUE_11) {
    const measured = byId(t.id);
    if (measured.length) {
      for (const r of measured) issueRows.push([r.target, r.value, yes(r.met)]);
      summary.push(...measured.map((r) => ({ ...r, issue: 11 })));
    } else {
      const why = !ran.has(t.section) ? `not run (section ${t.section}${t.section === 'full' ? ': --full' : ''})` : /20,000/.test(t.text) ? `not measured: no 20,000-cable workspace (sizes ${ctx.wsSizes.map(count).join(', ')})` : 'not measured';
      issueRows.push([t.text, why, '–']);
      summary.push({ id: t.id, target: t.text, value: why, met: null, issue: 11 });
    }
  }
  const issueIds = new Set(ISSUE_11.map((t) => t.id));
  const others = rows.filter((r) => !issueIds.has(r.id));
  table('Targets of issue 11 (Speed to the limit)', ['target', 'measured', 'met'], issueRows);
  const decided = summary.filter((r) => r.met !== null && r.met !== undefined);
  console.log(`  ${decided.filter((r) => r.met).length} of ${decided.length} measured targets met; ${summary.length - decided.length} not measured in this run.`);
  if (others.length) table('Targets of the earlier issues (#4 speed and robustness, #5 workspace scale)', ['target', 'measured', 'met'], others.map((r) => [r.target, r.value, yes(r.met)]));
  return [...summary, ...others.map((r) => ({ ...r, issue: 'earlier' }))].map(({ id, issue, target, value, met }) => ({ target, value, met: met ?? null, id, issue }));
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.help) {
    console.log(usage());
    return 0;
  }
  if (!builtBundlesPresent()) {
    console.error('dist/server.js or dist/cli.js is missing: run `npm run build` first.');
    return 2;
  }
  const started = performance.now();
  const machine = machineInfo();
  const timing = loadTiming();
  const { inputs, corpusFiles } = loadInputs();
  const selected = SECTIONS.filter((s) => (opts.sections ? opts.sections.has(s.name) : !s.optIn) || (s.name === 'full' && opts.full));
  const out = opts.out ?? (opts.sections || opts.quick ? undefined : path.join(ROOT, 'bench', 'results.json'));
  const shared = sharedResources();
  const results = { machine, quick: opts.quick, sections: selected.map((s) => s.name), debounceMs: timing.diagnosticsDebounceMs, timing, inputs: {} };
  const ctx = {
    quick: opts.quick,
    /** An iteration count, smaller with --quick (a fifth, unless given). */
    n: (full, quick = Math.max(1, Math.ceil(full / 5))) => (opts.quick ? quick : full),
    machine,
    timing,
    inputs,
    input: (id) => inputs.find((i) => i.id === id),
    wsSizes: opts.wsSizes ?? (opts.quick ? [1000, 5000] : [1000, 20000]),
    releaseDir: opts.releaseDir,
    fullCables: opts.fullCables,
    results,
    share: shared.share,
  };
  for (const i of inputs) {
    results.inputs[i.id] = { label: i.label, bytes: i.bytes, MB: round(i.mb, 3), chars: i.text.length, lines: i.lines, maxLineLength: i.maxLine, entityTags: i.tags, cables: i.cables, recombined: i.recombined ?? 0 };
  }

  console.log(`Tagged Cables bench — ${machine.date}`);
  console.log(`${machine.cpu}, ${machine.cores} cores, ${machine.totalMemMB} MB RAM, Node ${machine.node}, ${machine.platform}; load average at start ${machine.loadAvgAtStart.join(' ')}${opts.quick ? '; QUICK run' : ''}`);
  console.log(`Sections: ${selected.map((s) => s.name).join(', ')}. Server timing (dist/server.js TIMING): ${Object.entries(timing).map(([k, v]) => `${k} ${v}`).join(', ')}.`);
  table('Inputs (MB = 2^20 bytes of UTF-8)', ['id', 'input', 'size', 'UTF-16 chars', 'lines', 'entity tags'], inputs.map((i) => [i.id, i.label, size(i.bytes), String(i.text.length), String(i.lines), String(i.tags)]), [
    `1 MB and 10 MB: the ${corpusFiles} corpus bodies (<code><pre> and </pre></code> stripped) in name order, each once, then the same cables with their entity names recombined; no two parts equal; wrapped once.`,
  ]);

  const targetRows = [];
  const ran = new Set();
  const failed = [];
  for (const [index, section] of selected.entries()) {
    const t0 = performance.now();
    try {
      const value = await section.module.run(ctx);
      if (section.module.spread) Object.assign(results, value);
      else results[section.name] = value;
      ran.add(section.name);
      section.module.print(value, ctx);
      targetRows.push(...section.module.targets(value, ctx));
      results.sectionSeconds = { ...results.sectionSeconds, [section.name]: round((performance.now() - t0) / 1000, 1) };
    } catch (error) {
      failed.push(section.name);
      console.error(`\nsection ${section.name} failed: ${error instanceof Error ? (error.stack ?? error.message) : error}`);
    }
    const later = selected.slice(index + 1).flatMap((s) => s.uses);
    await shared.release(shared.keys().filter((k) => !later.includes(k)));
  }

  results.targets = printSummary(targetRows, ran, ctx);
  machine.loadAvgAtEnd = os.loadavg().map((x) => round(x, 2));
  machine.benchSeconds = round((performance.now() - started) / 1000, 1);
  console.log(`\nbench took ${machine.benchSeconds} s; load average at end ${machine.loadAvgAtEnd.join(' ')}`);
  machine.busy = Math.max(machine.loadAvgAtStart[0], machine.loadAvgAtEnd[0], machine.loadAvgAtEnd[1]) > machine.cores * 0.75;
  if (machine.busy) console.log(`WARNING: the machine was busy (1-min load average above ${machine.cores * 0.75} on ${machine.cores} cores): other processes competed for the CPU, so times — p95 most — are inflated. Re-run on an idle machine.`);
  if (failed.length) console.log(`FAILED sections: ${failed.join(', ')} (see the errors above).`);
  if (out) {
    fs.writeFileSync(out, portableJson(results));
    console.log(`results written to ${path.relative(process.cwd(), out) || out}`);
  }
  return failed.length ? 1 : 0;
}

// A promise that can never settle (a child gone without a word) would end the process silently.
process.on('beforeExit', () => {
  console.error('the bench stopped early: it was waiting for something that can no longer happen');
  process.exit(1);
});

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
