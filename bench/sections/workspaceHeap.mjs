#!/usr/bin/env node
// Run by the workspace section as `node --expose-gc bench/sections/workspaceHeap.mjs DIR`:
// indexes DIR with the core alone (service.indexSource over the files, read 16 at
// a time and yielding to the event loop every TIMING.indexSliceMs, as the server's indexer
// does) and prints one JSON line: time, heap retained per cable and per mention, event-loop
// delay and GC pauses while indexing, and core request times on the open seed.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { monitorEventLoopDelay, PerformanceObserver, performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { indexBehind, loadCore, loadTiming } from '../lib/code.mjs';
import { MB } from '../lib/print.mjs';
import { round, stats } from '../lib/stats.mjs';
import { sleep } from '../lib/system.mjs';

const READ_AHEAD = 16;

function listCables(dir) {
  const out = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(cable|txt)$/i.test(e.name)) out.push(p);
    }
  };
  walk(dir);
  return out;
}

async function indexFiles(core, service, files, sliceMs) {
  let sliceStart = performance.now();
  for (let i = 0; i < files.length; i += READ_AHEAD) {
    const batch = files.slice(i, i + READ_AHEAD);
    const read = await Promise.all(batch.map(async (file) => ({ file, stat: await fs.promises.stat(file), text: await fs.promises.readFile(file, 'utf8') })));
    for (const { file, stat, text } of read) {
      const end = text.indexOf('\n');
      const firstLine = end < 0 ? text : text.slice(0, end);
      if (!/\.cable$/i.test(file) && !core.looksLikeCable(firstLine)) continue;
      service.indexSource({ uri: pathToFileURL(file).href, version: `${stat.mtimeMs}:${stat.size}`, text });
      if (performance.now() - sliceStart > sliceMs) {
        await new Promise((resolve) => setImmediate(resolve));
        sliceStart = performance.now();
      }
    }
  }
}

async function main(dir) {
  const core = loadCore();
  const sliceMs = loadTiming().indexSliceMs;
  const gc = () => {
    for (let i = 0; i < 3; i++) global.gc();
  };
  const files = listCables(dir);
  // Warm-up on the first subfolder with a throwaway index, so that compiled code is not counted.
  const firstFolder = path.join(dir, fs.readdirSync(dir).sort()[0]);
  await indexFiles(core, core.createLanguageService(new core.InMemoryWorkspace({})), files.filter((f) => f.startsWith(firstFolder + path.sep)), sliceMs);
  const seedFile = files[0];
  const seedUri = pathToFileURL(seedFile).href;
  const seedText = fs.readFileSync(seedFile, 'utf8');
  const service = core.createLanguageService(new core.InMemoryWorkspace({ [seedUri]: seedText }));
  gc();
  const before = process.memoryUsage();
  // How long indexing holds the event loop (what a request waits for at worst), and the GC pauses.
  const loopDelay = monitorEventLoopDelay({ resolution: 1 });
  const gcPauses = [];
  const gcObserver = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) gcPauses.push(e.duration);
  });
  gcObserver.observe({ entryTypes: ['gc'] });
  loopDelay.enable();
  const t0 = performance.now();
  await indexFiles(core, service, files, sliceMs);
  const t1 = performance.now();
  loopDelay.disable();
  await sleep(50);
  gcObserver.disconnect();
  gc();
  const after = process.memoryUsage();
  const index = indexBehind(service);
  const heapBytes = after.heapUsed - before.heapUsed;
  const bufferBytes = after.arrayBuffers - before.arrayBuffers;
  const total = heapBytes + bufferBytes;
  const out = {
    indexMs: round(t1 - t0),
    cables: index.cableCount,
    entityKeys: index.entityCount,
    mentions: index.mentionCount,
    packedBytes: index.packedBytes(),
    heapUsedBeforeMB: round(before.heapUsed / MB, 1),
    heapUsedAfterMB: round(after.heapUsed / MB, 1),
    heapDeltaBytes: heapBytes,
    arrayBuffersDeltaBytes: bufferBytes,
    retainedBytes: total,
    rssAfterMB: round(after.rss / MB, 1),
    bytesPerCable: round(total / index.cableCount, 1),
    bytesPerMention: round(total / Math.max(1, index.mentionCount), 2),
    packedBytesPerMention: round(index.packedBytes() / Math.max(1, index.mentionCount), 2),
    otherBytesPerCable: round((total - index.packedBytes()) / index.cableCount, 1),
    log: `Indexed ${index.cableCount} cables with ${index.entityCount} entities in ${Math.round(t1 - t0)} ms (core indexSource, slices of ${sliceMs} ms).`,
    eventLoopDelayMs: { p50: round(loopDelay.percentile(50) / 1e6, 1), p99: round(loopDelay.percentile(99) / 1e6, 1), max: round(loopDelay.max / 1e6, 1) },
    gcPausesMs: { count: gcPauses.length, total: round(gcPauses.reduce((s, x) => s + x, 0), 1), max: round(Math.max(0, ...gcPauses), 1), over20ms: gcPauses.filter((x) => x > 20).length },
  };
  // The same requests as through the server, on the core alone (the seed's copy open in memory).
  const offsetOf = (type, name) => {
    const m = new RegExp(`\\[${type} +${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} *\\]`).exec(seedText);
    return m ? m.index + 1 + type.length + 1 : -1;
  };
  const coreTimed = (fn, runs = 20) => {
    let result = fn();
    const times = [];
    const started = performance.now();
    for (let i = 0; i < runs && (i < 3 || performance.now() - started < 10_000); i++) {
      const s = performance.now();
      result = fn();
      times.push(performance.now() - s);
    }
    return { ...stats(times), result };
  };
  const requests = {};
  for (const [id, type, name] of [['Pickard', 'PER', 'Pickard'], ['US', 'LOC', 'U.S.']]) {
    const offset = offsetOf(type, name);
    if (offset < 0) continue;
    const r = coreTimed(() => service.references(seedUri, offset, true));
    requests[`references${id}`] = { ...r, result: undefined, locations: r.result.length };
    const hv = coreTimed(() => service.hover(seedUri, offset));
    requests[`hover${id}`] = { ...hv, result: undefined };
  }
  const sym = coreTimed(() => service.workspaceSymbols('pick'));
  requests.symbolsPick = { ...sym, result: undefined, symbols: sym.result.length };
  out.requests = requests;
  process.stdout.write(JSON.stringify(out) + '\n');
}

main(process.argv[2]).then(
  () => process.exit(0),
  (error) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
