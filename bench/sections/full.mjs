// The whole release (issue 11): a synthetic Cablegate of 251,287 cables
// (scripts/synthetic-release.mjs, made once and kept in a folder reused by
// later runs) opened in the real server twice. The first start indexes it
// all: time to index, server RSS and CPU, hover on an open cable while
// indexing, then workspace symbols and references. The second start finds the
// index cache the first one wrote: time until workspace symbols answer in
// full (the same answer as after the first start), and until the cache is
// checked against the files. Beside them, the floor process over the same
// files. Opt-in: `node bench/run.mjs --full` (or `full`).

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { GENERATOR_VERSION, RELEASE_MEAN_WORDS, RELEASE_SIZE, writeRelease } from '../../scripts/synthetic-release.mjs';
import { floorProcess } from '../lib/floor.mjs';
import { Client, proto, tagPositions, timed, WorkspaceClient } from '../lib/lsp.mjs';
import { count, fmt, MB, ms, progress, size, table, yes } from '../lib/print.mjs';
import { round, stats } from '../lib/stats.mjs';
import { makeTempFolder, procCpuSeconds, procStatus, removeTempFolder, sleep } from '../lib/system.mjs';
import { FULL_TARGETS, target } from '../lib/targets.mjs';

export const title = 'the whole release: 251,287 synthetic cables through the real server, first start and reopening with the index cache';

const SEED = 1;
const OPEN_CABLE = path.join('0000', '03SYN000000.cable');
const SYMBOL_QUERIES = ['pick', 'u.s', 'a', 'nato', 'united'];
/** The query whose full answer the second start must give. */
const REOPEN_QUERY = 'u.s';

/** The release folder: made when missing or made otherwise (size, seed, generator), reused otherwise. */
function ensureRelease(dir, cables) {
  const want = { generatorVersion: GENERATOR_VERSION, cables, seed: SEED, meanWordsTarget: RELEASE_MEAN_WORDS };
  try {
    const have = JSON.parse(fs.readFileSync(path.join(dir, 'release.json'), 'utf8'));
    if (Object.entries(want).every(([k, v]) => have[k] === v)) return { ...have, dir, made: false };
  } catch {
    // none yet
  }
  const partial = `${dir}.partial`;
  fs.rmSync(partial, { recursive: true, force: true });
  progress(`full: writing the synthetic release (${count(cables)} cables) to ${dir}; later runs reuse it`);
  const t0 = performance.now();
  const made = writeRelease(partial, { cables, seed: SEED, words: RELEASE_MEAN_WORDS, progress: (n) => n % 50_000 === 0 && progress(`full: ${count(n)} cables written`) });
  fs.rmSync(dir, { recursive: true, force: true });
  fs.renameSync(partial, dir);
  return { ...made, dir, made: true, madeInS: round((performance.now() - t0) / 1000, 1) };
}

const symbolKey = (s) => `${s.name}|${s.kind}|${s.location.uri}|${s.location.range.start.line}:${s.location.range.start.character}`;

/** The position of an entity's first mention in the open cable (taggedCables/mentions). */
async function mentionPosition(client, uri, key) {
  const r = await client.request('taggedCables/mentions', { key, uri, limit: 1 });
  const first = (r?.mentions ?? r ?? [])[0];
  return first?.range?.start;
}

/** The open cable's entities with their cable counts, most cables first. */
async function openCableEntities(client, uri) {
  const out = [];
  for (const type of ['PER', 'ORG', 'LOC', 'MISC']) {
    const r = await client.request('taggedCables/entities', { uri, type, limit: 500 });
    out.push(...(r?.entities ?? []));
  }
  return out.sort((a, b) => b.cables - a.cables);
}

/**
 * Hover on the same cable in a server with no workspace (nothing indexing):
 * what the machine itself adds to a round trip, measured just before the
 * first start; on a busy machine it is most of the latency.
 */
async function hoverBaseline(openFile, ctx) {
  const client = new Client();
  try {
    await client.initialize();
    const uri = pathToFileURL(openFile).href;
    const text = fs.readFileSync(openFile, 'utf8');
    const positions = tagPositions(text, 20);
    await client.open(uri, text);
    await client.firstDiagnostics(uri, 30_000);
    const times = [];
    for (let i = 0; i < ctx.n(250, 50); i++) {
      const t0 = performance.now();
      await client.request(proto.HoverRequest.method, { textDocument: { uri }, position: positions[i % positions.length] });
      const t1 = performance.now();
      times.push(t1 - t0);
      await sleep(Math.max(0, 20 - (t1 - t0)));
    }
    return { ...stats(times), over50ms: times.filter((x) => x > 50).length, loadAverage: os.loadavg().map((x) => round(x, 2)) };
  } finally {
    await client.stop();
  }
}

async function firstStart(release, openFile, cacheFolder, ctx) {
  const client = new WorkspaceClient();
  const folder = { uri: pathToFileURL(release.dir).href, dir: release.dir };
  const out = {};
  try {
    await client.initializeWorkspace(folder, { cacheFolder });
    const baseline = procStatus(client.pid);
    out.loadAverageAtStart = os.loadavg().map((x) => round(x, 2));
    const cpu0 = procCpuSeconds(client.pid);
    const tInit = await client.initialized();
    await client.until(() => client.event('begin') ?? client.indexChanges.find((c) => c.indexing), 'indexing to start', 60_000);
    const openUri = pathToFileURL(openFile).href;
    const openText = fs.readFileSync(openFile, 'utf8');
    const positions = tagPositions(openText, 20);
    await client.open(openUri, openText);
    const during = [];
    const slowest = [];
    let withResult = 0;
    const finished = () => client.event('end');
    let lastProgress = performance.now();
    for (let i = 0; !finished(); i++) {
      const t0 = performance.now();
      const r = await client.request(proto.HoverRequest.method, { textDocument: { uri: openUri }, position: positions[i % positions.length] });
      const t1 = performance.now();
      if (!finished()) {
        during.push(t1 - t0);
        slowest.push({ atS: round((t0 - tInit) / 1000, 1), ms: round(t1 - t0, 1) });
        if (r) withResult++;
      }
      if (t1 - lastProgress > 30_000) {
        lastProgress = t1;
        const last = client.progressEvents.at(-1);
        progress(`full: first start, ${fmt((t1 - tInit) / 1000)} s: ${last?.message ?? 'indexing'}`);
      }
      await sleep(Math.max(0, 20 - (t1 - t0)));
      if (t1 - tInit > 30 * 60_000) throw new Error(`indexing did not finish in 30 minutes\n${client.stderr}`);
    }
    const tEnd = finished().t;
    out.indexMs = round(tEnd - tInit);
    out.serverCpuSecondsIndexing = round(procCpuSeconds(client.pid) - cpu0, 1);
    out.loadAverageAtEnd = os.loadavg().map((x) => round(x, 2));
    const atEnd = procStatus(client.pid);
    out.hoverDuringIndexing = { ...stats(during), withResult, intervalMs: 20, over50ms: during.filter((x) => x > 50).length, slowest: slowest.sort((a, b) => b.ms - a.ms).slice(0, 5) };
    const last = await client.until(() => client.indexChanges.find((c) => !c.indexing && c.t >= tEnd - 1000), 'indexChanged with indexing: false', 60_000);
    out.cables = last.cables;
    out.entityKeys = last.entities;
    out.serverLog = client.logs.find((l) => l.startsWith('Indexed ')) ?? null;
    progress('full: first start indexed; waiting for the index cache to be written');
    const written = await client.until(() => client.logs.find((l) => l.startsWith('Index cache written') || l.startsWith('Index cache not written')), 'the index cache', 300_000).catch(() => null);
    out.cacheLog = written;
    const cacheFile = fs.readdirSync(cacheFolder).filter((f) => f.endsWith('.bin')).map((f) => path.join(cacheFolder, f))[0];
    out.cacheBytes = cacheFile ? fs.statSync(cacheFile).size : null;
    await sleep(1000);
    const after = procStatus(client.pid);
    out.rss = { baselineMB: round(baseline.rssMB, 1), atIndexEndMB: round(atEnd.rssMB, 1), peakWhileIndexingMB: round(atEnd.hwmMB, 1), afterCacheWriteMB: round(after.rssMB, 1), peakAfterCacheWriteMB: round(after.hwmMB, 1) };

    const budget = ctx.quick ? 5000 : 15000;
    out.workspaceSymbol = {};
    out.symbolAnswers = {};
    for (const query of SYMBOL_QUERIES) {
      progress(`full: workspace/symbol '${query}'`);
      const r = await timed(() => client.request(proto.WorkspaceSymbolRequest.method, { query }), { maxRuns: ctx.n(50, 10), budgetMs: budget });
      const symbols = r.result ?? [];
      delete r.result;
      out.workspaceSymbol[query] = { ...r, symbols: symbols.length, cables: new Set(symbols.map((s) => s.location.uri)).size };
      if (query === REOPEN_QUERY) out.symbolAnswers[query] = symbols.map(symbolKey);
    }
    const hoverAfter = await timed((i) => client.request(proto.HoverRequest.method, { textDocument: { uri: openUri }, position: positions[i % positions.length] }), { maxRuns: ctx.n(50, 10), budgetMs: budget });
    delete hoverAfter.result;
    out.hoverAfterIndexing = hoverAfter;
    const rssBeforeReferences = procStatus(client.pid);
    out.rss.beforeReferencesMB = round(rssBeforeReferences.rssMB, 1);

    // References: on an entity of the open cable found in a few thousand cables, and on its most widespread one.
    const entities = await openCableEntities(client, openUri);
    const frequent = entities.find((e) => e.cables >= 1000 && e.cables <= 10_000) ?? entities[Math.floor(entities.length / 2)];
    const top = entities[0];
    out.references = {};
    for (const [label, entity, runs] of [['frequent', frequent, ctx.n(20, 5)], ['most widespread', top, 2]]) {
      if (!entity) continue;
      const position = await mentionPosition(client, openUri, entity.key);
      if (!position) continue;
      progress(`full: references on ${entity.name} (${count(entity.cables)} cables)`);
      const r = await timed(() => client.request(proto.ReferencesRequest.method, { textDocument: { uri: openUri }, position, context: { includeDeclaration: true } }), { maxRuns: runs, budgetMs: budget, minRuns: Math.min(runs, 5) });
      const locations = r.result ?? [];
      delete r.result;
      out.references[label] = { ...r, entity: entity.name, type: entity.type, key: entity.key, entityCables: entity.cables, locations: locations.length, cables: new Set(locations.map((l) => l.uri)).size, responseBytes: Buffer.byteLength(JSON.stringify(locations)) };
    }
    const final = procStatus(client.pid);
    out.rss.afterRequestsMB = round(final.rssMB, 1);
    out.rss.peakAfterRequestsMB = round(final.hwmMB, 1);
    out.openCable = OPEN_CABLE;
  } finally {
    await client.stop();
  }
  return out;
}

async function secondStart(release, cacheFolder, first, ctx) {
  const client = new WorkspaceClient();
  const folder = { uri: pathToFileURL(release.dir).href, dir: release.dir };
  const out = {};
  const want = first.symbolAnswers[REOPEN_QUERY];
  try {
    await client.initializeWorkspace(folder, { cacheFolder });
    out.loadAverageAtStart = os.loadavg().map((x) => round(x, 2));
    const cpu0 = procCpuSeconds(client.pid);
    const tInit = await client.initialized();
    let firstAnswer;
    let fullAnswer;
    let polls = 0;
    while (!fullAnswer) {
      const t0 = performance.now();
      const symbols = (await client.request(proto.WorkspaceSymbolRequest.method, { query: REOPEN_QUERY })) ?? [];
      const t1 = performance.now();
      polls++;
      if (symbols.length > 0 && !firstAnswer) firstAnswer = { atMs: round(t1 - tInit), symbols: symbols.length };
      const keys = symbols.map(symbolKey);
      if (keys.length === want.length && keys.every((k, i) => k === want[i])) fullAnswer = { atMs: round(t1 - tInit), requestMs: round(t1 - t0) };
      else await sleep(100);
      if (t1 - tInit > 10 * 60_000) throw new Error(`the second start did not answer workspace/symbol in full within 10 minutes\n${client.stderr}`);
    }
    out.symbolsFullMs = fullAnswer.atMs;
    out.symbolsFull = fullAnswer;
    out.symbolsFirstAnswer = firstAnswer;
    out.polls = polls;
    out.serverCpuSecondsToSymbols = round(procCpuSeconds(client.pid) - cpu0, 2);
    const end = await client.until(() => client.event('end'), 'the check of the cache against the files', 10 * 60_000);
    out.checkedMs = round(end.t - tInit);
    out.serverCpuSecondsToChecked = round(procCpuSeconds(client.pid) - cpu0, 2);
    out.loadAverageAtEnd = os.loadavg().map((x) => round(x, 2));
    await client.until(() => client.logs.find((l) => l.startsWith('Indexed ')), 'the server log line', 30_000).catch(() => undefined);
    out.cacheLog = client.logs.find((l) => l.startsWith('Index cache')) ?? null;
    out.serverLog = client.logs.find((l) => l.startsWith('Indexed ')) ?? null;
    out.read = Number(/\((\d+) read/.exec(out.serverLog ?? '')?.[1] ?? NaN);
    out.fromCache = Number(/(\d+) from the cache/.exec(out.serverLog ?? '')?.[1] ?? 0);
    const openFile = path.join(release.dir, OPEN_CABLE);
    const openUri = pathToFileURL(openFile).href;
    await client.open(openUri, fs.readFileSync(openFile, 'utf8'));
    const frequent = first.references.frequent;
    if (frequent) {
      const position = await mentionPosition(client, openUri, frequent.key);
      const locations = position ? await client.request(proto.ReferencesRequest.method, { textDocument: { uri: openUri }, position, context: { includeDeclaration: true } }) : [];
      out.referencesFrequent = { locations: locations?.length ?? 0, sameAsFirst: (locations?.length ?? 0) === frequent.locations };
    }
    const rss = procStatus(client.pid);
    out.rss = { afterCheckMB: round(rss.rssMB, 1), peakMB: round(rss.hwmMB, 1) };
  } finally {
    await client.stop();
  }
  return out;
}

export async function run(ctx) {
  const cables = ctx.fullCables ?? RELEASE_SIZE;
  const dir = ctx.releaseDir ?? path.join(os.tmpdir(), cables === RELEASE_SIZE ? 'tagged-cables-synthetic-release' : `tagged-cables-synthetic-release-${cables}`);
  const release = ensureRelease(dir, cables);
  const results = { release: { dir: release.dir, cables: release.cables, bytes: release.bytes, meanBytes: release.meanBytes, meanWords: release.meanWords, generatorVersion: release.generatorVersion, seed: release.seed, made: release.made, madeInS: release.madeInS ?? null }, targets: FULL_TARGETS };
  progress(`full: the floor process over ${count(release.cables)} cables (${fmt(release.bytes / MB)} MB)`);
  const floor = await floorProcess(release.dir);
  results.floor = { wallMs: round(floor.wallMs), files: floor.files, tags: floor.tags, MBs: round(release.bytes / MB / (floor.wallMs / 1000), 1) };
  const cacheFolder = makeTempFolder('tagged-cables-bench-index-cache-');
  try {
    progress('full: hover in a server with nothing to index (the machine\'s own latency)');
    results.hoverBaseline = await hoverBaseline(path.join(release.dir, OPEN_CABLE), ctx);
    progress('full: first start (no index cache): indexing, hovering meanwhile');
    results.first = await firstStart(release, path.join(release.dir, OPEN_CABLE), cacheFolder, ctx);
    progress('full: second start (with the index cache)');
    results.second = await secondStart(release, cacheFolder, results.first, ctx);
  } finally {
    removeTempFolder(cacheFolder);
  }
  return results;
}

export function print(r, ctx) {
  const t = FULL_TARGETS;
  const f = r.first;
  const s = r.second;
  const cores = ctx.machine.cores;
  const worstSymbols = Object.entries(f.workspaceSymbol).sort((a, b) => b[1].p95 - a[1].p95)[0];
  const peakRss = Math.max(f.rss.peakWhileIndexingMB, f.rss.afterCacheWriteMB);
  const rows = [
    ['time to index (initialized → $/progress end)', `${fmt(f.indexMs / 1000)} s`, `${fmt(r.release.bytes / MB / (f.indexMs / 1000))} MB/s; server CPU ${fmt(f.serverCpuSecondsIndexing)} s (${fmt(f.serverCpuSecondsIndexing / cores)} s on ${cores} idle cores); floor process ${fmt(r.floor.wallMs / 1000)} s (×${fmt(f.indexMs / r.floor.wallMs)})`, `< ${t.indexSeconds} s`, yes(f.indexMs / 1000 < t.indexSeconds)],
    ['server RSS, peak while indexing', `${fmt(f.rss.peakWhileIndexingMB)} MB`, `${fmt(f.rss.atIndexEndMB)} MB at the end; ${fmt(f.rss.afterCacheWriteMB)} MB after writing the cache; ${fmt(f.rss.baselineMB)} MB before`, `< ${t.rssMB} MB`, yes(peakRss < t.rssMB)],
    ['hover on an open cable while indexing (every 20 ms), p95', ms(f.hoverDuringIndexing.p95), `median ${ms(f.hoverDuringIndexing.median)}, max ${ms(f.hoverDuringIndexing.max)}, n ${count(f.hoverDuringIndexing.n)}, ${f.hoverDuringIndexing.over50ms} over 50 ms`, `< ${t.hoverDuringIndexingP95} ms`, yes(f.hoverDuringIndexing.p95 < t.hoverDuringIndexingP95)],
    ['  the same hover, server with nothing to index, p95', ms(r.hoverBaseline.p95), `median ${ms(r.hoverBaseline.median)}, max ${ms(r.hoverBaseline.max)}, n ${r.hoverBaseline.n}, ${r.hoverBaseline.over50ms} over 50 ms: the machine's own share`, '–', '–'],
    ['hover after indexing, p95', ms(f.hoverAfterIndexing.p95), `median ${ms(f.hoverAfterIndexing.median)}, n ${f.hoverAfterIndexing.n}`, '–', '–'],
  ];
  for (const [query, q] of Object.entries(f.workspaceSymbol)) rows.push([`workspace/symbol '${query}' after indexing, p95`, ms(q.p95), `median ${ms(q.median)}, n ${q.n}; ${q.symbols} symbols in ${count(q.cables)} cables`, `< ${t.workspaceSymbolP95} ms`, yes(q.p95 < t.workspaceSymbolP95)]);
  for (const [label, ref] of Object.entries(f.references)) {
    rows.push([`references on ${ref.entity} (${label}: ${count(ref.entityCables)} cables), p95`, ms(ref.p95), `median ${ms(ref.median)}, n ${ref.n}; ${count(ref.locations)} locations in ${count(ref.cables)} cables, ${size(ref.responseBytes)}`, '–', '–']);
  }
  rows.push(['server RSS after the requests', `${fmt(f.rss.afterRequestsMB)} MB`, `peak ${fmt(f.rss.peakAfterRequestsMB)} MB (the references' answers included)`, '–', '–']);
  rows.push(['reopened: workspace symbols in full (initialized → the same answer)', `${fmt(s.symbolsFullMs / 1000, 2)} s`, `server CPU ${fmt(s.serverCpuSecondsToSymbols)} s till then; first answer at ${s.symbolsFirstAnswer ? `${fmt(s.symbolsFirstAnswer.atMs / 1000, 2)} s` : '–'}; ${s.polls} polls`, `< ${t.reopenSymbolsSeconds} s`, yes(s.symbolsFullMs / 1000 < t.reopenSymbolsSeconds)]);
  rows.push(['reopened: every file checked against the cache ($/progress end)', `${fmt(s.checkedMs / 1000, 2)} s`, `server CPU ${fmt(s.serverCpuSecondsToChecked)} s; ${count(s.read)} read, ${count(s.fromCache)} from the cache; RSS ${fmt(s.rss.afterCheckMB)} MB (peak ${fmt(s.rss.peakMB)} MB)`, '–', '–']);
  if (s.referencesFrequent) rows.push(['reopened: references on the frequent entity', `${count(s.referencesFrequent.locations)} locations`, s.referencesFrequent.sameAsFirst ? 'as many as after the first start' : 'NOT as many as after the first start', '–', '–']);
  table(
    `The whole release: ${count(r.release.cables)} synthetic cables (${fmt(r.release.bytes / MB)} MB, ${fmt(r.release.meanBytes / 1024)} KB and ${r.release.meanWords ?? '–'} words a cable), real server over stdio`,
    ['measure', 'value', 'detail', 'target', 'met'],
    rows,
    [
      `release: ${r.release.dir} (generator v${r.release.generatorVersion}, seed ${r.release.seed}${r.release.made ? `, written in this run in ${fmt(r.release.madeInS)} s` : ', reused'}); open cable ${f.openCable}.`,
      `index: ${count(f.cables)} cables, ${count(f.entityKeys)} entity keys. Server: ${f.serverLog ?? '–'} ${f.cacheLog ?? ''}`,
      `index cache: ${f.cacheBytes ? size(f.cacheBytes) : '–'}. Second start: ${s.cacheLog ?? '–'} ${s.serverLog ?? ''}`,
      `floor process: node reading the ${count(r.floor.files)} files and counting ${count(r.floor.tags)} tags with one regex, ${fmt(r.floor.wallMs / 1000)} s (${fmt(r.floor.MBs)} MB/s), in this run.`,
      `load average: first start ${f.loadAverageAtStart.join(' ')} → ${f.loadAverageAtEnd.join(' ')}; second start ${s.loadAverageAtStart.join(' ')} → ${s.loadAverageAtEnd.join(' ')} (${cores} cores). Server CPU / cores estimates the time on idle cores.`,
      `hover while indexing, slowest: ${f.hoverDuringIndexing.slowest.map((x) => `${fmt(x.ms)} ms at ${fmt(x.atS)} s`).join(', ')}; worst workspace/symbol p95: '${worstSymbols?.[0]}'.`,
    ],
  );
}

export function targets(r) {
  const t = FULL_TARGETS;
  const f = r.first;
  const s = r.second;
  const label = `${count(r.release.cables)} cables`;
  const worst = Object.entries(f.workspaceSymbol).sort((a, b) => b[1].p95 - a[1].p95)[0];
  const peakRss = Math.max(f.rss.peakWhileIndexingMB, f.rss.afterCacheWriteMB);
  return [
    target('fullIndex', `${label}: indexed in < ${t.indexSeconds} s`, `${fmt(f.indexMs / 1000)} s (server CPU ${fmt(f.serverCpuSecondsIndexing)} s)`, f.indexMs / 1000 < t.indexSeconds),
    target('fullRss', `${label}: server RSS < ${t.rssMB} MB`, `peak ${fmt(peakRss)} MB`, peakRss < t.rssMB),
    target('fullHover', `${label}: hover p95 < ${t.hoverDuringIndexingP95} ms while indexing`, ms(f.hoverDuringIndexing.p95), f.hoverDuringIndexing.p95 < t.hoverDuringIndexingP95),
    target('fullSymbols', `${label}: workspace symbols p95 < ${t.workspaceSymbolP95} ms (slowest '${worst[0]}')`, ms(worst[1].p95), worst[1].p95 < t.workspaceSymbolP95),
    target('fullReopen', `${label} reopened: workspace symbols in full within ${t.reopenSymbolsSeconds} s`, `${fmt(s.symbolsFullMs / 1000, 2)} s`, s.symbolsFullMs / 1000 < t.reopenSymbolsSeconds),
  ];
}
