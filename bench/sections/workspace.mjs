// Workspaces of 1,000 and 20,000 cables (copies of the seed and the corpus) opened in
// the real server: time to index, RSS, hover while indexing, cross-cable references
// and workspace symbols after; and, in a child process, the index's heap per cable
// and per mention with the core alone.

import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { floorProcess } from '../lib/floor.mjs';
import { ROOT } from '../lib/inputs.mjs';
import { proto, tagPositions, tagTextPosition, timed, WorkspaceClient } from '../lib/lsp.mjs';
import { count, fmt, MB, ms, progress, size, table, yes } from '../lib/print.mjs';
import { round, stats } from '../lib/stats.mjs';
import { makeTempFolder, procStatus, removeTempFolder, sleep } from '../lib/system.mjs';
import { target, TARGETS, WS_TARGETS } from '../lib/targets.mjs';
import { CABLES_PER_FOLDER, sharedWorkspaces } from '../lib/workspaces.mjs';

export const title = 'workspaces of 1,000 and 20,000 cables through the real server; the index heap in process';

const HEAP_CHILD = path.join(path.dirname(fileURLToPath(import.meta.url)), 'workspaceHeap.mjs');

async function serverFigures(ws, ctx) {
  const client = new WorkspaceClient();
  const out = { cables: ws.size, bytes: ws.bytes, folders: ws.folders };
  // The index cache goes to a temporary folder (not the user's cache folder); this section measures a first start.
  const cacheFolder = makeTempFolder('tagged-cables-bench-cache-');
  try {
    await client.initializeWorkspace(ws, { cacheFolder });
    const baseline = procStatus(client.pid);
    const tInit = await client.initialized();
    await client.until(() => client.event('begin') ?? client.indexChanges.find((c) => c.indexing), 'indexing to start', 60_000);

    // While the index fills: open the seed's copy and hover on its entities every 20 ms.
    const seedUri = pathToFileURL(ws.seedFile).href;
    const seedText = fs.readFileSync(ws.seedFile, 'utf8');
    const hoverPositions = tagPositions(seedText, 20);
    await client.open(seedUri, seedText);
    const during = [];
    const duringAt = [];
    let hoverResults = 0;
    const finished = () => client.event('end') ?? client.indexChanges.find((c) => !c.indexing && c.cables >= ws.size);
    for (let i = 0; !finished(); i++) {
      const t0 = performance.now();
      const r = await client.request(proto.HoverRequest.method, { textDocument: { uri: seedUri }, position: hoverPositions[i % hoverPositions.length] });
      const t1 = performance.now();
      if (!finished()) {
        during.push(t1 - t0);
        duringAt.push({ atS: round((t0 - tInit) / 1000, 2), ms: round(t1 - t0, 1) });
        if (r) hoverResults++;
      }
      await sleep(Math.max(0, 20 - (t1 - t0)));
      if (t1 - tInit > 15 * 60_000) throw new Error(`indexing ${ws.size} cables did not finish in 15 minutes\n${client.stderr}`);
    }
    const tEnd = finished().t;
    // The notification with indexing: false follows the progress end (debounced).
    const last = await client.until(() => client.indexChanges.find((c) => !c.indexing && c.t >= tEnd - 1000), 'indexChanged with indexing: false', 30_000);
    const begin = client.event('begin');
    out.initializedToBeginMs = round(begin ? begin.t - tInit : NaN);
    out.indexMs = round(tEnd - tInit);
    out.endedBy = client.event('end') ? '$/progress end' : 'indexChanged';
    out.indexedCables = last.cables;
    out.indexedEntityKeys = last.entities;
    out.indexMBs = round(ws.bytes / MB / ((tEnd - tInit) / 1000));
    out.cablesPerSecond = round(ws.size / ((tEnd - tInit) / 1000), 1);
    out.serverLog = client.logs.find((l) => l.startsWith('Indexed ')) ?? null;
    out.progressReports = client.progressEvents.filter((e) => e.kind === 'report').length;
    out.hoverDuringIndexing = {
      ...stats(during),
      withResult: hoverResults,
      intervalMs: 20,
      over50ms: during.filter((x) => x > 50).length,
      slowest: [...duringAt].sort((x, y) => y.ms - x.ms).slice(0, 5),
    };
    // After indexing the open cable's diagnostics are pushed again (cross-cable checks against the full index).
    const republish = await client.until(() => client.publishes.find((p) => p.uri === seedUri && p.t > tEnd), "the seed's diagnostics after indexing", 30_000).catch(() => undefined);
    out.indexEndToSeedDiagnosticsMs = republish ? round(republish.t - tEnd) : null;
    await sleep(1000);
    const after = procStatus(client.pid);
    out.rss = { baselineMB: round(baseline.rssMB, 1), afterIndexingMB: round(after.rssMB, 1), peakMB: round(after.hwmMB, 1) };

    // After indexing: hover again, references, workspace symbols, the Entities view's requests.
    const budget = ctx.quick ? 4000 : 15000;
    const hoverAfter = await timed((i) => client.request(proto.HoverRequest.method, { textDocument: { uri: seedUri }, position: hoverPositions[i % hoverPositions.length] }), { maxRuns: ctx.n(50, 20), budgetMs: budget });
    delete hoverAfter.result;
    out.hoverAfterIndexing = hoverAfter;
    out.references = {};
    for (const [label, type, name] of [['Pickard', 'PER', 'Pickard'], ['U.S.', 'LOC', 'U.S.']]) {
      const position = tagTextPosition(seedText, type, name);
      if (!position) continue;
      progress(`workspace ${ws.size}: references on ${label}`);
      const r = await timed(() => client.request(proto.ReferencesRequest.method, { textDocument: { uri: seedUri }, position, context: { includeDeclaration: true } }), { maxRuns: ctx.n(50, 10), budgetMs: budget });
      const locations = r.result ?? [];
      delete r.result;
      out.references[label] = { ...r, locations: locations.length, cables: new Set(locations.map((l) => l.uri)).size, responseBytes: Buffer.byteLength(JSON.stringify(locations)) };
      // The same with a partialResultToken: the server streams large answers in batches.
      const firsts = [];
      const totals = [];
      let streamedCount = 0;
      const started = performance.now();
      for (let i = 0; i < ctx.n(30, 8); i++) {
        if (i >= 5 && performance.now() - started > budget) break;
        const sr = await client.streamedReferences({ textDocument: { uri: seedUri }, position, context: { includeDeclaration: true } });
        firsts.push(sr.first);
        totals.push(sr.total);
        streamedCount = sr.count;
      }
      out.references[label].streamed = { first: stats(firsts), total: stats(totals), locations: streamedCount };
    }
    out.workspaceSymbol = {};
    for (const query of ['pick', 'u.s', 'nato', 'a']) {
      progress(`workspace ${ws.size}: workspace/symbol '${query}'`);
      const r = await timed(() => client.request(proto.WorkspaceSymbolRequest.method, { query }), { maxRuns: ctx.n(50, 10), budgetMs: budget });
      const symbols = r.result ?? [];
      delete r.result;
      out.workspaceSymbol[query] = { ...r, symbols: symbols.length, cables: new Set(symbols.map((s) => s.location.uri)).size };
    }
    out.entitiesView = {};
    for (const [label, method, params] of [
      ['entityTypes (workspace)', 'taggedCables/entityTypes', {}],
      ['entities LOC (workspace, 500)', 'taggedCables/entities', { type: 'LOC' }],
    ]) {
      const r = await timed(() => client.request(method, params), { maxRuns: ctx.n(30, 10), budgetMs: budget });
      delete r.result;
      out.entitiesView[label] = r;
    }
    const final = procStatus(client.pid);
    out.rss.afterRequestsMB = round(final.rssMB, 1);
    out.rss.peakAfterRequestsMB = round(final.hwmMB, 1);
  } finally {
    await client.stop();
    removeTempFolder(cacheFolder);
  }
  return out;
}

/** The index heap, in a child `node --expose-gc` (workspaceHeap.mjs). */
function heapFigures(ws) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', HEAP_CHILD, ws.dir], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.on('data', (d) => (stdout += String(d)));
    child.on('error', reject);
    child.on('exit', (code) => {
      try {
        if (code !== 0) throw new Error(`heap child exited with ${code}`);
        resolve(JSON.parse(stdout));
      } catch (error) {
        reject(error);
      }
    });
  });
}

export async function run(ctx) {
  const built = await sharedWorkspaces(ctx);
  const results = { sources: built.sources, sourceBytes: built.sourceBytes, cablesPerFolder: CABLES_PER_FOLDER, targets: WS_TARGETS, sizes: {} };
  for (const ws of built.workspaces) {
    progress(`workspace ${ws.size}: indexing through the server, hovering meanwhile`);
    const server = await serverFigures(ws, ctx);
    progress(`workspace ${ws.size}: indexing in process (heap)`);
    const heap = await heapFigures(ws);
    progress(`workspace ${ws.size}: the floor process over the same files`);
    const floor = await floorProcess(ws.dir);
    results.sizes[ws.size] = { cables: ws.size, bytes: ws.bytes, entityTags: ws.tags, server, heap, floor: { wallMs: round(floor.wallMs), MBs: round(ws.bytes / MB / (floor.wallMs / 1000), 2) } };
  }
  const measured = Object.values(results.sizes);
  if (measured.length >= 2) {
    const [small, large] = [measured[0].heap, measured[measured.length - 1].heap];
    results.marginal = {
      between: [small.cables, large.cables],
      bytesPerCable: round((large.retainedBytes - small.retainedBytes) / (large.cables - small.cables), 1),
      bytesPerMention: round((large.retainedBytes - small.retainedBytes) / (large.mentions - small.mentions), 2),
    };
  }
  return results;
}

export function print(w, ctx) {
  const t = WS_TARGETS;
  for (const [n, r] of Object.entries(w.sizes)) {
    const s = r.server;
    const h = r.heap;
    const rows = [];
    const rssTarget = Number(n) >= t.rssAtCables ? `< ${t.rssMB} MB (#5)` : '–';
    const usTarget = Number(n) >= TARGETS.referencesUSCables;
    const floorNote = r.floor ? `; floor process ${fmt(r.floor.MBs)} MB/s` : '';
    rows.push(['time to index (initialized → $/progress end)', `${fmt(s.indexMs / 1000, 2)} s`, `${fmt(s.indexMBs)} MB/s, ${fmt(s.cablesPerSecond)} cables/s${floorNote}`, '–', '–']);
    rows.push(['  in process, core only (indexSource in slices)', `${fmt(h.indexMs / 1000, 2)} s`, `${fmt(r.bytes / MB / (h.indexMs / 1000))} MB/s`, '–', '–']);
    rows.push(['hover on the open seed while indexing (every 20 ms), p95', ms(s.hoverDuringIndexing.p95), `median ${ms(s.hoverDuringIndexing.median)}, max ${ms(s.hoverDuringIndexing.max)}, n ${s.hoverDuringIndexing.n}`, `< ${t.hoverDuringIndexingP95} ms (#5)`, yes(s.hoverDuringIndexing.p95 < t.hoverDuringIndexingP95)]);
    rows.push(['hover after indexing, p95', ms(s.hoverAfterIndexing.p95), `median ${ms(s.hoverAfterIndexing.median)}, n ${s.hoverAfterIndexing.n}`, '–', '–']);
    rows.push(['server RSS after indexing', `${fmt(s.rss.afterIndexingMB)} MB`, `${fmt(s.rss.baselineMB)} MB before; peak ${fmt(s.rss.peakMB)} MB; ${fmt(s.rss.afterRequestsMB)} MB after the requests`, rssTarget, rssTarget === '–' ? '–' : yes(s.rss.afterIndexingMB < t.rssMB)]);
    rows.push(['index heap (heapUsed + ArrayBuffers, after gc)', `${fmt(h.retainedBytes / MB)} MB`, `${fmt(h.heapUsedBeforeMB)} → ${fmt(h.heapUsedAfterMB)} MB heapUsed; packed Int32Arrays ${fmt(h.packedBytes / MB)} MB`, '–', '–']);
    rows.push(['  per cable', `${fmt(h.bytesPerCable / 1024, 2)} KB`, `of which packed ${fmt(h.packedBytes / h.cables / 1024, 2)} KB, other ${fmt(h.otherBytesPerCable / 1024, 2)} KB`, '–', '–']);
    rows.push(['  per mention', `${fmt(h.bytesPerMention)} B`, `${count(h.mentions)} mentions; packed ${fmt(h.packedBytesPerMention)} B/mention`, '–', '–']);
    for (const [label, ref] of Object.entries(s.references)) {
      const issue11 = label === 'U.S.' && usTarget;
      const limit = issue11 ? TARGETS.referencesUSP95Ms : t.referencesP95;
      rows.push([`references on ${label} (open seed), p95`, ms(ref.p95), `median ${ms(ref.median)}, n ${ref.n}; ${count(ref.locations)} locations in ${count(ref.cables)} cables, ${size(ref.responseBytes)}`, `< ${limit} ms${issue11 ? '' : ' (#5)'}`, yes(ref.p95 < limit)]);      if (ref.streamed) rows.push([`  streamed (partialResultToken): first batch, p95`, ms(ref.streamed.first.p95), `whole answer p95 ${ms(ref.streamed.total.p95)}; ${count(ref.streamed.locations)} locations`, '–', '–']);
    }
    for (const [query, ref] of Object.entries(s.workspaceSymbol)) {
      rows.push([`workspace/symbol '${query}', p95`, ms(ref.p95), `median ${ms(ref.median)}, n ${ref.n}; ${ref.symbols} symbols in ${ref.cables} cables`, `< ${t.workspaceSymbolP95} ms (#5)`, yes(ref.p95 < t.workspaceSymbolP95)]);
    }
    for (const [label, ref] of Object.entries(s.entitiesView)) rows.push([`Entities view: ${label}, p95`, ms(ref.p95), `median ${ms(ref.median)}, n ${ref.n}`, '–', '–']);
    table(
      `Workspace of ${count(n)} cables (${fmt(r.bytes / MB)} MB in ${s.folders} folders), real server over stdio + the core in process`,
      ['measure', 'value', 'detail', 'target', 'met'],
      rows,
      [
        `index: ${count(s.indexedCables)} cables, ${count(s.indexedEntityKeys)} entity keys (from taggedCables/indexChanged); ${count(h.mentions)} mentions. Server log: ${s.serverLog ?? '–'}`,
        `hover while indexing: ${s.hoverDuringIndexing.over50ms} of ${s.hoverDuringIndexing.n} over 50 ms; slowest ${s.hoverDuringIndexing.slowest.map((x) => `${fmt(x.ms)} ms at ${fmt(x.atS, 2)} s`).join(', ')} (time since initialized).`,
        `in process: event loop delay while indexing p99 ${ms(h.eventLoopDelayMs.p99)}, max ${ms(h.eventLoopDelayMs.max)}; GC pauses ${h.gcPausesMs.count} (${ms(h.gcPausesMs.total)} in all, max ${ms(h.gcPausesMs.max)}, ${h.gcPausesMs.over20ms} over 20 ms).`,
        `in process (core only, no LSP): references Pickard ${ms(h.requests?.referencesPickard?.median)}, U.S. ${ms(h.requests?.referencesUS?.median)} (median; ${h.requests?.referencesUS?.locations ?? '–'} locations); workspaceSymbols 'pick' ${ms(h.requests?.symbolsPick?.median)}; hover on U.S. ${ms(h.requests?.hoverUS?.median)}.`,
        `$/progress begin ${fmt(s.initializedToBeginMs)} ms after initialized; ${s.progressReports} progress reports; the seed's diagnostics pushed again ${s.indexEndToSeedDiagnosticsMs === null ? '–' : ms(s.indexEndToSeedDiagnosticsMs)} after the end (TIMING.crossCableRecheckMs ${ctx.timing.crossCableRecheckMs} ms + cross-cable checks).`,
      ],
    );
  }
  if (w.marginal) {
    const m = w.marginal;
    console.log(`  Index heap per added cable, between ${count(m.between[0])} and ${count(m.between[1])} cables: ${fmt(m.bytesPerCable / 1024, 2)} KB per cable, ${fmt(m.bytesPerMention)} B per mention (the distinct keys' share removed).`);
  }
  console.log(`  The workspaces are copies of the ${w.sources} distinct cables (seed + corpus, ${fmt(w.sourceBytes / MB, 2)} MB) with distinct names, ${CABLES_PER_FOLDER} per folder: entity keys stay those of ~${w.sources} cables while cables, postings and mentions scale with the copies.`);
  console.log(`  RSS: VmRSS of the server child (/proc/<pid>/status), 1 s after the index notification; peak = VmHWM. Heap: a child node --expose-gc indexes the same folder with the core's indexSource.${ctx.quick ? ' QUICK run: smaller workspaces and fewer runs.' : ''}`);
  console.log(`  Latencies: up to 50 runs or 15 s per request (fewer when slow), after one warm-up. Floor process: node reading the same files and counting tags with one regex (spawn to exit).`);
}

export function targets(w) {
  const t = WS_TARGETS;
  const rows = [];
  for (const [n, r] of Object.entries(w.sizes)) {
    const s = r.server;
    const label = `workspace ${count(n)}`;
    const us = s.references['U.S.'];
    if (us && Number(n) >= TARGETS.referencesUSCables) rows.push(target('referencesUS', `${label}: references on U.S. p95 < ${TARGETS.referencesUSP95Ms} ms`, `${ms(us.p95)} (${count(us.locations)} locations${us.streamed ? `; streamed: first batch ${ms(us.streamed.first.p95)}` : ''})`, us.p95 < TARGETS.referencesUSP95Ms));
    rows.push(target('wsHover', `${label}: hover while indexing p95 < ${t.hoverDuringIndexingP95} ms`, ms(s.hoverDuringIndexing.p95), s.hoverDuringIndexing.p95 < t.hoverDuringIndexingP95));
    for (const [name, ref] of Object.entries(s.references)) rows.push(target('wsReferences', `${label}: references on ${name} p95 < ${t.referencesP95} ms`, ms(ref.p95), ref.p95 < t.referencesP95));
    const worst = Object.entries(s.workspaceSymbol).sort((a, b) => b[1].p95 - a[1].p95)[0];
    if (worst) rows.push(target('wsSymbols', `${label}: workspace/symbol p95 < ${t.workspaceSymbolP95} ms (slowest query '${worst[0]}')`, ms(worst[1].p95), worst[1].p95 < t.workspaceSymbolP95));
    if (Number(n) >= t.rssAtCables) rows.push(target('wsRss', `${label}: server RSS after indexing < ${t.rssMB} MB`, `${fmt(s.rss.afterIndexingMB)} MB`, s.rss.afterIndexingMB < t.rssMB));
  }
  return rows;
}
