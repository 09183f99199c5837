#!/usr/bin/env node
// Performance bench for Tagged Cables, in one run:
//   1. inputs: the seed, the largest corpus cable, synthetic 1 MB and 10 MB cables
//   2. core parse + all diagnostics throughput vs a one-regex floor (in process)
//   3. re-analysis after a one-character edit, through the real server over stdio
//   4. LSP round trips (hover, references, documentSymbol, diagnostics) on the 1 MB cable
//   5. TextMate grammar tokenization (vscode-textmate + vscode-oniguruma)
//   6. server start to first diagnostics; bundle sizes
//   7. server memory with the 10 MB cable open
//   8. workspaces of 1,000 and 20,000 cables (copies of the seed and the corpus): time to
//      index through the real server, its RSS, hover while indexing, cross-cable references
//      and workspace symbols after; the index's heap per cable and per mention, in process
//   9. cable-lint --format json throughput on those workspaces with 1 and 2 workers
// Prints a table per section and writes bench/results.json.
//
// Usage (after `npm ci && npm run build`):
//   node bench/run.mjs                 full run, writes bench/results.json
//   node bench/run.mjs --quick         fewer iterations, workspaces of 1,000 and 5,000 cables (smoke test)
//   node bench/run.mjs --only=core,grammar [--out=FILE]
//       sections: core, edit, lsp, grammar, startup, memory, workspace, cli (edit and lsp share one server;
//       workspace and cli share the workspaces, built under os.tmpdir() and removed at the end)
//       a partial run writes results only when --out is given.
//   node bench/run.mjs --only=workspace,cli --ws-sizes=1000,5000   other workspace sizes
//   BENCH_SERVER=FILE BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=DIR" node bench/run.mjs --only=edit
//       runs another server script (e.g. an unminified bundle) with node flags, for profiling;
//       summarise with `node bench/cpuprofile-top.mjs DIR/*.cpuprofile`.
// MB = 2^20 bytes of UTF-8 text (the server's taggedCables.maxFileSizeMB uses 1024*1024 too).
// Core timings import the TypeScript core through tsx; the protocol timings run
// the built server (bin/cable-language-server.js → dist/server.js).

import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { PerformanceObserver, monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(ROOT, 'package.json'));

// ---------------------------------------------------------------------------
// Options

const argv = process.argv.slice(2);
const QUICK = argv.includes('--quick');
const onlyArg = argv.find((a) => a.startsWith('--only='));
const ONLY = onlyArg ? new Set(onlyArg.slice('--only='.length).split(',')) : undefined;
const outArg = argv.find((a) => a.startsWith('--out='));
const OUT = outArg ? path.resolve(outArg.slice('--out='.length)) : ONLY ? undefined : path.join(ROOT, 'bench', 'results.json');
const want = (s) => !ONLY || ONLY.has(s);
const wsSizesArg = argv.find((a) => a.startsWith('--ws-sizes='));
const heapChildArg = argv.find((a) => a.startsWith('--heap-child='));
/** Iteration count, smaller with --quick. */
const n = (full, quick = Math.max(1, Math.ceil(full / 5))) => (QUICK ? quick : full);

const MB = 1024 * 1024;
const TAG_RE = /\[(PER|ORG|LOC|MISC) [^\]\n]*\]/g;

// ---------------------------------------------------------------------------
// Statistics and printing

const median = (xs) => quantile(xs, 0.5);
/** Nearest-rank quantile. */
function quantile(xs, q) {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
}
const p95 = (xs) => quantile(xs, 0.95);
const stats = (xs) => ({ n: xs.length, median: round(median(xs)), p95: round(p95(xs)), min: round(Math.min(...xs)), max: round(Math.max(...xs)) });
const round = (x, d = 3) => (Number.isFinite(x) ? Number(x.toFixed(d)) : x);

function fmt(x, digits = 1) {
  if (typeof x === 'string') return x;
  if (x === undefined || x === null || Number.isNaN(x)) return '–';
  if (Math.abs(x) >= 1000) return x.toFixed(0);
  if (Math.abs(x) >= 100) return x.toFixed(Math.min(digits, 1));
  if (Math.abs(x) >= 10) return x.toFixed(Math.max(digits, 1));
  return x.toFixed(Math.max(digits, 2));
}
const ms = (x) => `${fmt(x)} ms`;
const mbs = (x) => `${fmt(x)} MB/s`;
const size = (bytes) => (bytes >= MB ? `${(bytes / MB).toFixed(2)} MB` : `${(bytes / 1024).toFixed(1)} KB`);
const yes = (ok) => (ok ? 'yes' : 'NO');

function table(title, header, rows, notes = []) {
  const cells = [header, ...rows].map((r) => r.map((c) => String(c)));
  const widths = header.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const line = (r) => '  ' + r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(`\n${title}`);
  console.log(line(cells[0]));
  console.log('  ' + widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of cells.slice(1)) console.log(line(r));
  for (const note of notes) console.log(`  ${note}`);
}

const progress = (msg) => process.stderr.write(`[bench] ${msg}\n`);

// ---------------------------------------------------------------------------
// Inputs

const SEED_PATH = path.join(ROOT, 'seeds', '000_d5a32e40f8b893e0.txt');
const CORPUS_DIR = path.join(ROOT, 'test', 'fixtures', 'corpus');

function loadInputs() {
  const seed = fs.readFileSync(SEED_PATH, 'utf8');
  const files = fs.readdirSync(CORPUS_DIR).filter((f) => f.endsWith('.cable')).sort();
  let largest = files[0];
  for (const f of files) if (fs.statSync(path.join(CORPUS_DIR, f)).size > fs.statSync(path.join(CORPUS_DIR, largest)).size) largest = f;
  const bodies = files.map((f) =>
    fs
      .readFileSync(path.join(CORPUS_DIR, f), 'utf8')
      .replace(/^\uFEFF?\s*<code><pre>/, '')
      .replace(/<\/pre><\/code>\s*$/, '')
      .trimEnd(),
  );
  /** Corpus bodies joined (cycling through the corpus) up to `target` UTF-8 bytes, wrapped once. */
  const synthetic = (target) => {
    const open = '<code><pre>';
    const close = '</pre></code>\n';
    const parts = [];
    let bytes = Buffer.byteLength(open + close);
    for (let i = 0; ; i++) {
      const piece = bodies[i % bodies.length] + '\n';
      const b = Buffer.byteLength(piece);
      if (bytes + b > target) break;
      parts.push(piece);
      bytes += b;
    }
    return open + parts.join('') + close;
  };
  const inputs = [
    { id: 'seed', label: `seed (${path.basename(SEED_PATH)})`, text: seed },
    { id: 'largest', label: `largest corpus cable (${largest})`, text: fs.readFileSync(path.join(CORPUS_DIR, largest), 'utf8') },
    { id: '1mb', label: 'synthetic 1 MB', text: synthetic(1 * MB) },
    { id: '10mb', label: 'synthetic 10 MB', text: synthetic(10 * MB) },
  ];
  for (const i of inputs) {
    i.bytes = Buffer.byteLength(i.text);
    i.mb = i.bytes / MB;
    i.lines = i.text.split('\n').length;
    i.maxLine = Math.max(...i.text.split('\n').map((l) => l.length));
    i.tags = (i.text.match(TAG_RE) ?? []).length;
  }
  return { inputs, corpusFiles: files.length };
}

// ---------------------------------------------------------------------------
// 2. Core throughput: fresh CableLanguageService + diagnostics(uri), vs the regex floor

function loadCore() {
  const { register } = require('tsx/cjs/api');
  register();
  return require(path.join(ROOT, 'server', 'src', 'core', 'index.ts'));
}

function benchCore(core, inputs) {
  const { CableLanguageService, InMemoryWorkspace, parseCable, groupEntities } = core;
  const uri = 'file:///bench/input.cable';
  const plan = { seed: [20, 60], largest: [10, 40], '1mb': [2, 9], '10mb': [1, 5] };
  const results = {};
  for (const input of inputs) {
    const [warm, runs] = plan[input.id].map((x, i) => (i === 0 ? (QUICK ? 1 : x) : n(x, 2)));
    progress(`core: ${input.label} (${warm} warm-up + ${runs} runs)`);
    const total = [];
    const analysis = [];
    const checks = [];
    let diagnosticsCount = 0;
    let large = false;
    for (let r = 0; r < warm + runs; r++) {
      const t0 = performance.now();
      const service = new CableLanguageService(new InMemoryWorkspace({ [uri]: input.text }));
      const d = service.diagnostics(uri);
      const t1 = performance.now();
      // The same work split in two on another fresh service: analysis (parse + entities), then the checks.
      const split = new CableLanguageService(new InMemoryWorkspace({ [uri]: input.text }));
      const t2 = performance.now();
      split.analysis(uri);
      const t3 = performance.now();
      split.diagnostics(uri);
      const t4 = performance.now();
      if (r >= warm) {
        total.push(t1 - t0);
        analysis.push(t3 - t2);
        checks.push(t4 - t3);
      }
      diagnosticsCount = d.length;
      large = service.isLarge(uri);
    }
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
    // The floor: one regex scan for entity tags over the same string.
    const floor = [];
    const floorRuns = Math.max(5, Math.min(200, Math.ceil((50 * MB) / input.bytes)));
    let count = 0;
    for (let r = 0; r < floorRuns + 3; r++) {
      const t0 = performance.now();
      count = 0;
      TAG_RE.lastIndex = 0;
      while (TAG_RE.exec(input.text) !== null) count++;
      const t1 = performance.now();
      if (r >= 3) floor.push(t1 - t0);
    }
    const coreMBs = input.mb / (median(total) / 1000);
    const floorMBs = input.mb / (median(floor) / 1000);
    results[input.id] = {
      bytes: input.bytes,
      diagnostics: diagnosticsCount,
      isLarge: large,
      totalMs: stats(total),
      analysisMs: stats(analysis),
      checksMs: stats(checks),
      parseOnlyMs: round(median(parse)),
      groupEntitiesMs: round(median(group)),
      floorMs: stats(floor),
      floorMatches: count,
      coreMBs: round(coreMBs),
      floorMBs: round(floorMBs),
      ratio: round(coreMBs / floorMBs, 5),
      targetRatioMet: coreMBs / floorMBs >= 0.25,
      target100Met: coreMBs >= 100,
    };
  }
  return results;
}

function printCore(inputs, core) {
  table(
    '2. Parse + all diagnostics (fresh CableLanguageService + diagnostics(uri)), in process, median',
    ['input', 'size', 'core ms', 'core MB/s', 'floor ms', 'floor MB/s', 'core/floor', 'target', 'met'],
    inputs.map((i) => {
      const r = core[i.id];
      return [i.id, size(i.bytes), fmt(r.totalMs.median), fmt(r.coreMBs), fmt(r.floorMs.median, 2), fmt(r.floorMBs), `1/${fmt(1 / r.ratio)}`, '≥1/4 & ≥100 MB/s', `${yes(r.targetRatioMet)} / ${yes(r.target100Met)}`];
    }),
    ['floor: one /\\[(PER|ORG|LOC|MISC) [^\\]\\n]*\\]/g scan counting matches, same string, same process.'],
  );
  table(
    '   breakdown (median ms): analysis = parseCable + groupEntities (+ cache), checks = computeDiagnostics on the cached analysis',
    ['input', 'analysis', 'checks', 'parse only', 'groupEntities', 'diagnostics', 'p95 total', 'entity checks'],
    inputs.map((i) => {
      const r = core[i.id];
      return [i.id, fmt(r.analysisMs.median), fmt(r.checksMs.median), fmt(r.parseOnlyMs), fmt(r.groupEntitiesMs), String(r.diagnostics), fmt(r.totalMs.p95), r.isLarge ? 'skipped (large)' : 'run'];
    }),
  );
}

// ---------------------------------------------------------------------------
// A real LSP client over stdio (as test/protocol/lspClient.ts)

const proto = require('vscode-languageserver-protocol/node');
// For profiling the server: BENCH_SERVER=path/to/server.js (a dev bundle) BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=PROFILE_DIR".
const SERVER_BIN = process.env.BENCH_SERVER ? path.resolve(process.env.BENCH_SERVER) : path.join(ROOT, 'bin', 'cable-language-server.js');
const SERVER_NODE_ARGS = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);

function debounceFromSource() {
  try {
    const src = fs.readFileSync(path.join(ROOT, 'server', 'src', 'server.ts'), 'utf8');
    const m = /onDidChangeContent\([^\n]*schedule\([^,]+,\s*(\d+)\s*\)/.exec(src);
    if (m) return Number(m[1]);
  } catch {
    // fall through
  }
  return 150;
}

class Client {
  constructor() {
    this.spawnedAt = performance.now();
    this.child = spawn(process.execPath, [...SERVER_NODE_ARGS, SERVER_BIN, '--stdio'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    this.stderr = '';
    this.child.stderr.on('data', (d) => (this.stderr += String(d)));
    this.arrivals = new Map(); // `${uri}#${version}` → { t, count }
    this.firstArrival = new Map(); // uri → { t, version, count }
    this.waiters = [];
    this.connection = proto.createProtocolConnection(new proto.StreamMessageReader(this.child.stdout), new proto.StreamMessageWriter(this.child.stdin));
    this.connection.onNotification(proto.PublishDiagnosticsNotification.type, (p) => {
      const t = performance.now();
      const entry = { t, version: p.version, count: p.diagnostics.length };
      this.arrivals.set(`${p.uri}#${p.version}`, entry);
      if (!this.firstArrival.has(p.uri)) this.firstArrival.set(p.uri, entry);
      for (const w of this.waiters.splice(0)) w();
    });
    this.connection.onNotification('window/logMessage', () => undefined);
    this.connection.onNotification('window/showMessage', () => undefined);
    this.connection.onRequest(proto.ConfigurationRequest.type, (params) => params.items.map(() => ({})));
    this.connection.onRequest(proto.RegistrationRequest.type, () => undefined);
    this.connection.listen();
  }

  get pid() {
    return this.child.pid;
  }

  async initialize() {
    const result = await this.connection.sendRequest(proto.InitializeRequest.type, {
      processId: process.pid,
      rootUri: null,
      capabilities: { workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } } },
      workspaceFolders: null,
    });
    await this.connection.sendNotification(proto.InitializedNotification.type, {});
    return result;
  }

  open(uri, text, version = 1) {
    return this.connection.sendNotification(proto.DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'cable', version, text } });
  }

  change(uri, version, contentChanges) {
    return this.connection.sendNotification(proto.DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges });
  }

  request(method, params) {
    return this.connection.sendRequest(method, params);
  }

  /** Waits until `probe()` returns a value (checked on every diagnostics notification). */
  async until(probe, what, timeoutMs = 60_000) {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const v = probe();
      if (v !== undefined) return v;
      if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}\n${this.stderr}`);
      await new Promise((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 250);
      });
    }
  }

  diagnosticsFor(uri, version, timeoutMs) {
    return this.until(() => this.arrivals.get(`${uri}#${version}`), `diagnostics for ${uri} v${version}`, timeoutMs);
  }

  firstDiagnostics(uri, timeoutMs) {
    return this.until(() => this.firstArrival.get(uri), `first diagnostics for ${uri}`, timeoutMs);
  }

  async stop() {
    try {
      await Promise.race([this.connection.sendRequest(proto.ShutdownRequest.type), new Promise((r) => setTimeout(r, 2000))]);
      await this.connection.sendNotification(proto.ExitNotification.type);
    } catch {
      // already gone
    }
    await new Promise((r) => setTimeout(r, 100));
    if (this.child.exitCode === null) this.child.kill();
    this.connection.dispose();
  }
}

/** Offset → LSP position (UTF-16 line/character), over a fixed text. */
function positionMapper(text) {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: offset - starts[lo] };
  };
}

/** `count` positions spread over the document, each on the first character of an entity tag's text. */
function tagPositions(text, count) {
  const offsets = [];
  TAG_RE.lastIndex = 0;
  let m;
  while ((m = TAG_RE.exec(text)) !== null) offsets.push(m.index + 1 + m[1].length + 1);
  const at = positionMapper(text);
  const picked = [];
  for (let i = 0; i < count; i++) picked.push(at(offsets[Math.floor(((i + 0.5) * offsets.length) / count)]));
  return picked;
}

// ---------------------------------------------------------------------------
// 3 + 4. Re-analysis after an edit; LSP round trips (one server)

async function benchServer(inputs, debounce, doEdit, doLsp) {
  const client = new Client();
  const out = { edit: {}, lsp: {} };
  try {
    await client.initialize();
    const docs = {};
    for (const input of inputs.filter((i) => i.id === 'largest' || i.id === '1mb')) {
      const uri = `file:///bench/${input.id}.cable`;
      docs[input.id] = { uri, input, version: 1 };
      await client.open(uri, input.text);
      await client.firstDiagnostics(uri);
    }

    if (doLsp) {
      const { uri, input } = docs['1mb'];
      const count = n(50, 10);
      const positions = tagPositions(input.text, count);
      const kinds = {
        hover: (pos) => client.request(proto.HoverRequest.method, { textDocument: { uri }, position: pos }),
        references: (pos) => client.request(proto.ReferencesRequest.method, { textDocument: { uri }, position: pos, context: { includeDeclaration: true } }),
        documentSymbol: () => client.request(proto.DocumentSymbolRequest.method, { textDocument: { uri } }),
      };
      for (const [kind, send] of Object.entries(kinds)) {
        progress(`lsp: ${kind} ×${count} on 1 MB`);
        for (let i = 0; i < 3; i++) await send(positions[i]); // warm-up
        const times = [];
        const sizes = [];
        for (const pos of positions) {
          const t0 = performance.now();
          const result = await send(pos);
          times.push(performance.now() - t0);
          sizes.push(Array.isArray(result) ? result.length : result ? 1 : 0);
        }
        out.lsp[kind] = { ...stats(times), resultItems: { median: median(sizes), max: Math.max(...sizes) } };
      }
    }

    if (doEdit || doLsp) {
      for (const id of ['largest', '1mb']) {
        if (!doEdit && id !== '1mb') continue;
        const doc = docs[id];
        const { uri } = doc;
        // A one-character edit in the middle: insert "x" at the first space after the middle, then delete it.
        let mid = doc.input.text.indexOf(' ', doc.input.text.length >> 1);
        if (mid < 0) mid = doc.input.text.length >> 1;
        const pos = positionMapper(doc.input.text)(mid);
        const hoverPos = tagPositions(doc.input.text, 1)[0];
        let inserted = false;
        const edit = () => {
          doc.version++;
          const change = inserted
            ? { range: { start: pos, end: { line: pos.line, character: pos.character + 1 } }, text: '' }
            : { range: { start: pos, end: pos }, text: 'x' };
          inserted = !inserted;
          const t0 = performance.now();
          void client.change(uri, doc.version, [change]);
          return t0;
        };
        const count = id === '1mb' ? n(50, 10) : n(30, 6);
        const result = {};

        // (a) the server's real path: didChange → debounced publishDiagnostics for that version, minus the debounce.
        progress(`edit: ${id} ×${count} didChange → publishDiagnostics`);
        const pushed = [];
        for (let i = 0; i < count + 2; i++) {
          const t0 = edit();
          const { t } = await client.diagnosticsFor(uri, doc.version);
          if (i >= 2) pushed.push(t - t0 - debounce);
        }
        result.pushMinusDebounce = stats(pushed);

        // (b) forced synchronously: didChange then at once a request that needs the new analysis.
        for (const [kind, method, params] of [
          ['hover', proto.HoverRequest.method, { textDocument: { uri }, position: hoverPos }],
          ['documentSymbol', proto.DocumentSymbolRequest.method, { textDocument: { uri } }],
        ]) {
          progress(`edit: ${id} ×${count} didChange → ${kind}`);
          const times = [];
          for (let i = 0; i < count + 2; i++) {
            const t0 = edit();
            await client.request(method, params);
            const t1 = performance.now();
            if (i >= 2) times.push(t1 - t0);
            await client.diagnosticsFor(uri, doc.version); // let the debounced publish pass before the next edit
          }
          result[`forcedBy_${kind}`] = stats(times);
        }
        if (inserted) {
          edit();
          await client.diagnosticsFor(uri, doc.version);
        }
        out.edit[id] = result;
      }
      if (doLsp) out.lsp.diagnostics = out.edit['1mb'].pushMinusDebounce;
    }
  } finally {
    await client.stop();
  }
  return out;
}

function printEdit(edit, debounce) {
  const rows = [];
  for (const [id, r] of Object.entries(edit)) {
    const target = id === '1mb' ? 'p95 < 20 ms' : '–';
    const met = (s) => (id === '1mb' ? yes(s.p95 < 20) : '–');
    rows.push([id, `didChange → publishDiagnostics − ${debounce} ms debounce`, fmt(r.pushMinusDebounce.median), fmt(r.pushMinusDebounce.p95), target, met(r.pushMinusDebounce)]);
    rows.push([id, 'didChange → hover response (forces re-analysis)', fmt(r.forcedBy_hover.median), fmt(r.forcedBy_hover.p95), target, met(r.forcedBy_hover)]);
    rows.push([id, 'didChange → documentSymbol response (forces re-analysis)', fmt(r.forcedBy_documentSymbol.median), fmt(r.forcedBy_documentSymbol.p95), '–', '–']);
  }
  table(
    '3. Re-analysis after a one-character edit in the middle (real server over stdio, incremental didChange; ms)',
    ['input', 'measure', 'median', 'p95', 'target', 'met'],
    rows,
    [
      'publishDiagnostics: parse + entities + all checks + LSP conversion + transfer, after the debounce.',
      'hover: the analysis forced synchronously by a cheap request (+ one round trip); documentSymbol adds the outline.',
    ],
  );
}

function printLsp(lsp, debounce) {
  const targets = { hover: 10, references: 10, documentSymbol: undefined, diagnostics: 50 };
  table(
    '4. LSP round trips on the 1 MB cable through a real client (ms; positions on entity tags spread over the file)',
    ['request', 'n', 'median', 'p95', 'max', 'result items (median/max)', 'target p95', 'met'],
    Object.entries(lsp).map(([kind, r]) => [
      kind === 'diagnostics' ? `diagnostics (didChange → push − ${debounce} ms)` : kind,
      String(r.n),
      fmt(r.median),
      fmt(r.p95),
      fmt(r.max),
      r.resultItems ? `${r.resultItems.median}/${r.resultItems.max}` : '–',
      targets[kind] ? `< ${targets[kind]} ms` : '–',
      targets[kind] ? yes(r.p95 < targets[kind]) : '–',
    ]),
    ['hover/references/documentSymbol: the document is unchanged, so the analysis is cached; this is the feature + transfer.', 'diagnostics: the server pushes (no pull support); same samples as section 3 (1mb, publishDiagnostics).'],
  );
}

// ---------------------------------------------------------------------------
// 5. Grammar tokenization (vscode-textmate + vscode-oniguruma)

async function benchGrammar(inputs) {
  const vsctm = require('vscode-textmate');
  const oniguruma = require('vscode-oniguruma');
  const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const grammarFile = path.join(ROOT, 'syntaxes', 'cable.tmLanguage.json');
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({ createOnigScanner: (p) => new oniguruma.OnigScanner(p), createOnigString: (s) => new oniguruma.OnigString(s) }),
    loadGrammar: async (scope) => (scope === 'text.cable' ? vsctm.parseRawGrammar(fs.readFileSync(grammarFile, 'utf8'), grammarFile) : null),
  });
  const grammar = await registry.loadGrammar('text.cable');
  /** Line by line as VS Code does: tokenizeLine2 (binary tokens), carrying the rule stack. */
  const tokenize = (lines) => {
    let stack = vsctm.INITIAL;
    let tokens = 0;
    for (const line of lines) {
      const r = grammar.tokenizeLine2(line, stack);
      stack = r.ruleStack;
      tokens += r.tokens.length / 2;
    }
    return tokens;
  };
  const plan = { seed: [5, 20], '1mb': [1, 3], '10mb': [0, 2] };
  const results = {};
  for (const input of inputs.filter((i) => plan[i.id])) {
    const [warm, runs] = plan[input.id].map((x, i) => (i === 0 ? (QUICK ? Math.min(1, x) : x) : n(x, 1)));
    progress(`grammar: ${input.label} (${warm} warm-up + ${runs} runs)`);
    const lines = input.text.split(/\r?\n/);
    const times = [];
    let tokens = 0;
    for (let r = 0; r < warm + runs; r++) {
      const t0 = performance.now();
      tokens = tokenize(lines);
      const t1 = performance.now();
      if (r >= warm) times.push(t1 - t0);
    }
    results[input.id] = { bytes: input.bytes, lines: lines.length, maxLineLength: input.maxLine, tokens, ms: stats(times), MBs: round(input.mb / (median(times) / 1000)) };
  }
  if (results['1mb'] && results['10mb']) {
    results.growth = { timeRatio10to1: round(results['10mb'].ms.median / results['1mb'].ms.median), sizeRatio10to1: round(results['10mb'].bytes / results['1mb'].bytes) };
  }
  return results;
}

function printGrammar(g) {
  const rows = ['seed', '1mb', '10mb']
    .filter((id) => g[id])
    .map((id) => [id, size(g[id].bytes), String(g[id].lines), String(g[id].maxLineLength), String(g[id].tokens), fmt(g[id].ms.median), fmt(g[id].ms.p95), fmt(g[id].MBs)]);
  const notes = [];
  if (g.growth) {
    notes.push(`growth 10 MB / 1 MB: time ×${fmt(g.growth.timeRatio10to1, 2)} for size ×${fmt(g.growth.sizeRatio10to1, 2)} (linear ≈ size ratio) — ${Math.abs(g.growth.timeRatio10to1 / g.growth.sizeRatio10to1 - 1) <= 0.3 ? 'near-linear: yes' : 'near-linear: NO'}`);
  }
  notes.push('VS Code does not tokenize lines longer than editor.maxTokenizationLineLength (20000); max line length is shown.');
  table('5. Grammar tokenization (vscode-textmate tokenizeLine2 line by line, rule stack carried)', ['input', 'size', 'lines', 'max line', 'tokens', 'median ms', 'p95 ms', 'MB/s'], rows, notes);
}

// ---------------------------------------------------------------------------
// 6. Start-up and bundle sizes

async function benchStartup(seed) {
  const runs = n(5, 2);
  const toInit = [];
  const toDiag = [];
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

function printStartup(startup, bundles) {
  if (startup) {
    table('6. Server start (spawn node bin/cable-language-server.js --stdio) on the seed (ms)', ['measure', 'n', 'median', 'p95', 'min'], [
      ['spawn → initialize result', String(startup.spawnToInitializeMs.n), fmt(startup.spawnToInitializeMs.median), fmt(startup.spawnToInitializeMs.p95), fmt(startup.spawnToInitializeMs.min)],
      ['spawn → initialize → didOpen → first publishDiagnostics', String(startup.spawnToFirstDiagnosticsMs.n), fmt(startup.spawnToFirstDiagnosticsMs.median), fmt(startup.spawnToFirstDiagnosticsMs.p95), fmt(startup.spawnToFirstDiagnosticsMs.min)],
    ]);
  }
  if (bundles) {
    const rows = Object.entries(bundles.files).map(([f, info]) => [
      f,
      info ? size(info.bytes) : 'missing (npm run build)',
      info ? (info.minified ? 'minified' : 'dev (npm run build)') : '–',
      bundles.production && typeof bundles.production[f] === 'number' ? size(bundles.production[f]) : '–',
    ]);
    rows.push(['tagged-cables.vsix', bundles.vsix ? size(bundles.vsix.bytes) : 'absent (npm run package)', bundles.vsix ? `built ${bundles.vsix.modified}` : '–', '–']);
    table('   bundle sizes', ['file', 'on disk', 'kind', 'minified (as npm run package)'], rows, ['minified column: the build script\'s --production options, built in memory by this bench (dist/ untouched).']);
  }
}

// ---------------------------------------------------------------------------
// 7. Memory with the 10 MB cable open

function procStatus(pid) {
  try {
    const s = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (k) => Number(new RegExp(`^${k}:\\s+(\\d+) kB`, 'm').exec(s)?.[1] ?? NaN);
    return { rssMB: kb('VmRSS') / 1024, hwmMB: kb('VmHWM') / 1024 };
  } catch {
    return { rssMB: NaN, hwmMB: NaN };
  }
}

async function benchMemory(input) {
  const client = new Client();
  try {
    await client.initialize();
    await client.request('taggedCables/entityAt', { textDocument: { uri: 'file:///none' }, position: { line: 0, character: 0 } }); // a round trip: initialized handled
    await new Promise((r) => setTimeout(r, 300));
    const baseline = procStatus(client.pid);
    const uri = 'file:///bench/10mb.cable';
    let polledMax = 0;
    const timer = setInterval(() => (polledMax = Math.max(polledMax, procStatus(client.pid).rssMB || 0)), 5);
    const t0 = performance.now();
    await client.open(uri, input.text);
    const sentAt = performance.now();
    const afterOpenWrite = procStatus(client.pid);
    const first = await client.firstDiagnostics(uri, 120_000);
    const afterDiagnostics = procStatus(client.pid);
    clearInterval(timer);
    await new Promise((r) => setTimeout(r, 1000));
    const settled = procStatus(client.pid);
    return {
      bytes: input.bytes,
      baselineRssMB: round(baseline.rssMB, 1),
      rssWhenDidOpenWrittenMB: round(afterOpenWrite.rssMB, 1),
      peakRssPolledMB: round(polledMax, 1),
      rssAfterFirstDiagnosticsMB: round(afterDiagnostics.rssMB, 1),
      hwmAfterFirstDiagnosticsMB: round(afterDiagnostics.hwmMB, 1),
      rssSettled1sMB: round(settled.rssMB, 1),
      openWriteMs: round(sentAt - t0),
      didOpenToFirstDiagnosticsMs: round(first.t - t0),
      diagnostics: first.count,
    };
  } finally {
    await client.stop();
  }
}

function printMemory(m) {
  table('7. Server memory, 10 MB cable (VmRSS of the server child from /proc/<pid>/status)', ['moment', 'RSS'], [
    ['after initialize, no document', `${fmt(m.baselineRssMB)} MB`],
    ['peak while opening + first analysis (polled every 5 ms)', `${fmt(m.peakRssPolledMB)} MB`],
    ['after its first publishDiagnostics', `${fmt(m.rssAfterFirstDiagnosticsMB)} MB`],
    ['high-water mark (VmHWM) at that point', `${fmt(m.hwmAfterFirstDiagnosticsMB)} MB`],
    ['1 s later', `${fmt(m.rssSettled1sMB)} MB`],
  ], [`didOpen → first diagnostics: ${fmt(m.didOpenToFirstDiagnosticsMs)} ms (${m.diagnostics} diagnostics). The server analyses on open with no debounce, so "opened" and "analysing" overlap.`]);
}

// ---------------------------------------------------------------------------
// 8. Workspace scale: workspaces of copied cables, indexed by the real server
//    (time, RSS, requests during and after indexing) and in process (heap per
//    cable and per mention). 9. cable-lint throughput on the same workspaces.

const WORKSPACE_SIZES = wsSizesArg ? wsSizesArg.slice('--ws-sizes='.length).split(',').map(Number).filter((x) => x > 0) : QUICK ? [1000, 5000] : [1000, 20000];
const CABLES_PER_FOLDER = 100;
const sleep = (msec) => new Promise((r) => setTimeout(r, msec));

/** Targets the workspace figures are compared against. */
const WS_TARGETS = {
  hoverDuringIndexingP95: 50,
  referencesP95: 50,
  workspaceSymbolP95: 100,
  rssMB: 500, // for 20,000 cables
  rssAtCables: 20000,
  cliSpeedup2: 1.6, // two workers vs one, on at least two cores
};

/**
 * Copies of the seed and the corpus cables under a temporary folder, with
 * distinct names (`<n>_<original name>`), 100 per subfolder.
 */
function buildWorkspaces(sizes) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tagged-cables-bench-'));
  const corpus = fs.readdirSync(CORPUS_DIR).filter((f) => f.endsWith('.cable')).sort().map((f) => path.join(CORPUS_DIR, f));
  const seeds = fs.readdirSync(path.dirname(SEED_PATH)).filter((f) => f.endsWith('.txt')).sort().map((f) => path.join(path.dirname(SEED_PATH), f));
  // The seed first, so that the first copy of every workspace is the seed.
  const sources = [SEED_PATH, ...seeds.filter((f) => f !== SEED_PATH), ...corpus].map((file) => {
    const text = fs.readFileSync(file, 'utf8');
    return { file, name: path.basename(file), bytes: Buffer.byteLength(text), tags: (text.match(TAG_RE) ?? []).length };
  });
  const workspaces = [];
  for (const count of sizes) {
    const dir = path.join(root, `ws${count}`);
    const width = String(count - 1).length;
    let bytes = 0;
    let tags = 0;
    let seedFile;
    const t0 = performance.now();
    for (let i = 0; i < count; i++) {
      const src = sources[i % sources.length];
      const folder = path.join(dir, `f${String(Math.floor(i / CABLES_PER_FOLDER)).padStart(3, '0')}`);
      if (i % CABLES_PER_FOLDER === 0) fs.mkdirSync(folder, { recursive: true });
      const target = path.join(folder, `${String(i).padStart(width, '0')}_${src.name}`);
      fs.copyFileSync(src.file, target);
      seedFile ??= target;
      bytes += src.bytes;
      tags += src.tags;
    }
    workspaces.push({ size: count, dir, uri: pathToFileURL(dir).href, bytes, tags, folders: Math.ceil(count / CABLES_PER_FOLDER), seedFile, buildMs: performance.now() - t0 });
    progress(`workspace: built ${count.toLocaleString('en-US')} cables (${size(bytes)}) in ${dir} in ${fmt((performance.now() - t0) / 1000, 2)} s`);
  }
  return { root, sources: sources.length, sourceBytes: sources.reduce((s, x) => s + x.bytes, 0), workspaces };
}

/** A client with workspace folders, work-done progress and the index notification. */
class WorkspaceClient extends Client {
  constructor() {
    super();
    this.progressEvents = []; // { t, kind, percentage?, message? }
    this.indexChanges = []; // { t, cables, entities, indexing }
    this.logs = [];
    this.publishes = []; // { t, uri, version, count }
    const wake = () => {
      for (const w of this.waiters.splice(0)) w();
    };
    this.connection.onRequest(proto.WorkDoneProgressCreateRequest.type, (params) => {
      this.connection.onProgress(proto.WorkDoneProgress.type, params.token, (value) => {
        this.progressEvents.push({ t: performance.now(), kind: value.kind, percentage: value.percentage, message: value.message });
        wake();
      });
      return null;
    });
    this.connection.onNotification('taggedCables/indexChanged', (p) => {
      this.indexChanges.push({ t: performance.now(), ...p });
      wake();
    });
    this.connection.onNotification('window/logMessage', (p) => this.logs.push(p.message));
    this.connection.onNotification(proto.PublishDiagnosticsNotification.type, (p) => {
      const t = performance.now();
      this.publishes.push({ t, uri: p.uri, version: p.version, count: p.diagnostics.length });
      const entry = { t, version: p.version, count: p.diagnostics.length };
      this.arrivals.set(`${p.uri}#${p.version}`, entry);
      if (!this.firstArrival.has(p.uri)) this.firstArrival.set(p.uri, entry);
      wake();
    });
  }

  /** Sends initialize; `initialized()` starts the indexing. */
  async initializeWorkspace(folder) {
    await this.connection.sendRequest(proto.InitializeRequest.type, {
      processId: process.pid,
      rootUri: folder.uri,
      capabilities: {
        window: { workDoneProgress: true },
        workspace: { configuration: true, workspaceFolders: true, didChangeConfiguration: { dynamicRegistration: true } },
      },
      workspaceFolders: [{ uri: folder.uri, name: path.basename(folder.dir) }],
    });
  }

  async initialized() {
    const t = performance.now();
    await this.connection.sendNotification(proto.InitializedNotification.type, {});
    return t;
  }

  event(kind) {
    return this.progressEvents.find((e) => e.kind === kind);
  }
}

/** Runs `send` until `maxRuns` runs or `budgetMs` (at least `minRuns`), after one warm-up; times in ms. */
async function timed(send, { maxRuns, budgetMs, minRuns = 5 }) {
  let result = await send(0);
  const times = [];
  const started = performance.now();
  for (let i = 0; i < maxRuns; i++) {
    if (i >= minRuns && performance.now() - started > budgetMs) break;
    const t0 = performance.now();
    result = await send(i);
    times.push(performance.now() - t0);
  }
  return { ...stats(times), result };
}

/** The offset of the text of the first tag `[TYPE text  ]` in `text`, as an LSP position. */
function tagTextPosition(text, type, name) {
  const m = new RegExp(`\\[${type} +${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} *\\]`).exec(text);
  if (!m) return undefined;
  return positionMapper(text)(m.index + 1 + type.length + 1);
}

async function benchWorkspaceServer(ws) {
  const client = new WorkspaceClient();
  const out = { cables: ws.size, bytes: ws.bytes, folders: ws.folders };
  try {
    await client.initializeWorkspace(ws);
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
    const end = finished();
    const tEnd = end.t;
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
    const republish = await client
      .until(() => client.publishes.find((p) => p.uri === seedUri && p.t > tEnd), 'the seed\'s diagnostics after indexing', 30_000)
      .catch(() => undefined);
    out.indexEndToSeedDiagnosticsMs = republish ? round(republish.t - tEnd) : null;
    await sleep(1000);
    const after = procStatus(client.pid);
    out.rss = { baselineMB: round(baseline.rssMB, 1), afterIndexingMB: round(after.rssMB, 1), peakMB: round(after.hwmMB, 1) };

    // After indexing: hover again, references, workspace symbols, the Entities view's requests.
    const budget = QUICK ? 4000 : 15000;
    const hoverAfter = await timed((i) => client.request(proto.HoverRequest.method, { textDocument: { uri: seedUri }, position: hoverPositions[i % hoverPositions.length] }), { maxRuns: n(50, 20), budgetMs: budget });
    delete hoverAfter.result;
    out.hoverAfterIndexing = hoverAfter;
    out.references = {};
    for (const [label, type, name] of [['Pickard', 'PER', 'Pickard'], ['U.S.', 'LOC', 'U.S.']]) {
      const position = tagTextPosition(seedText, type, name);
      if (!position) continue;
      progress(`workspace ${ws.size}: references on ${label}`);
      const r = await timed(() => client.request(proto.ReferencesRequest.method, { textDocument: { uri: seedUri }, position, context: { includeDeclaration: true } }), { maxRuns: n(50, 10), budgetMs: budget });
      const locations = r.result ?? [];
      delete r.result;
      out.references[label] = { ...r, locations: locations.length, cables: new Set(locations.map((l) => l.uri)).size, responseBytes: Buffer.byteLength(JSON.stringify(locations)) };
    }
    out.workspaceSymbol = {};
    for (const query of ['pick', 'u.s', 'nato', 'a']) {
      progress(`workspace ${ws.size}: workspace/symbol '${query}'`);
      const r = await timed(() => client.request(proto.WorkspaceSymbolRequest.method, { query }), { maxRuns: n(50, 10), budgetMs: budget });
      const symbols = r.result ?? [];
      delete r.result;
      out.workspaceSymbol[query] = { ...r, symbols: symbols.length, cables: new Set(symbols.map((s) => s.location.uri)).size };
    }
    out.entitiesView = {};
    for (const [label, method, params] of [
      ['entityTypes (workspace)', 'taggedCables/entityTypes', {}],
      ['entities LOC (workspace, 500)', 'taggedCables/entities', { type: 'LOC' }],
    ]) {
      const r = await timed(() => client.request(method, params), { maxRuns: n(30, 10), budgetMs: budget });
      delete r.result;
      out.entitiesView[label] = r;
    }
    const final = procStatus(client.pid);
    out.rss.afterRequestsMB = round(final.rssMB, 1);
    out.rss.peakAfterRequestsMB = round(final.hwmMB, 1);
  } finally {
    await client.stop();
  }
  return out;
}

/** In a child `node --expose-gc`: the heap the index takes (see heapChild). */
function benchWorkspaceHeap(ws) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), `--heap-child=${ws.dir}`], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
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

/** Indexes `dir` with CableLanguageService + WorkspaceIndexer in this process; prints JSON. */
async function heapChild(dir) {
  const core = loadCore();
  const { WorkspaceIndexer } = require(path.join(ROOT, 'server', 'src', 'workspaceIndexer.ts'));
  const gc = () => {
    for (let i = 0; i < 3; i++) global.gc();
  };
  const logs = [];
  const makeIndexer = (folder, open = {}) => {
    const service = new core.CableLanguageService(new core.InMemoryWorkspace(open));
    const indexer = new WorkspaceIndexer({ service, isOpen: () => false, log: (m) => logs.push(m), changed: () => undefined, beginProgress: async () => undefined });
    indexer.setFolders([pathToFileURL(folder).href]);
    indexer.setSettings({ enabled: true, exclude: ['**/node_modules/**'], maxFileSize: 10 * MB });
    return { service, indexer };
  };
  // Warm-up on the first subfolder with a throwaway index, so that compiled code is not counted.
  const firstFolder = fs.readdirSync(dir).sort()[0];
  await makeIndexer(path.join(dir, firstFolder)).indexer.reindex();
  const firstFolderPath = path.join(dir, firstFolder);
  const seedFile = path.join(firstFolderPath, fs.readdirSync(firstFolderPath).sort()[0]);
  const seedUri = pathToFileURL(seedFile).href;
  const seedText = fs.readFileSync(seedFile, 'utf8');
  const { service, indexer } = makeIndexer(dir, { [seedUri]: seedText });
  gc();
  const before = process.memoryUsage();
  // How long the indexer holds the event loop (what a request waits for at worst), and the GC pauses.
  const loopDelay = monitorEventLoopDelay({ resolution: 1 });
  const gcPauses = [];
  const gcObserver = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) gcPauses.push(e.duration);
  });
  gcObserver.observe({ entryTypes: ['gc'] });
  loopDelay.enable();
  const t0 = performance.now();
  await indexer.reindex();
  const t1 = performance.now();
  loopDelay.disable();
  await sleep(50);
  gcObserver.disconnect();
  gc();
  const after = process.memoryUsage();
  const index = service.index;
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
    log: logs.find((l) => l.startsWith('Indexed ')) ?? null,
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
      const t0 = performance.now();
      result = fn();
      times.push(performance.now() - t0);
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

/** cable-lint --format json over a folder; stdout drained and counted. */
function runLint(dir, jobs) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'cable-lint.js'), '--jobs', String(jobs), '--format', 'json', dir], {
      cwd: path.dirname(dir),
      env: { ...process.env, CI: 'true', NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let outBytes = 0;
    let records = 0;
    let tail = '';
    child.stdout.on('data', (d) => {
      outBytes += d.length;
      const s = tail + d.toString('latin1');
      records += (s.match(/"severity":/g) ?? []).length - (tail.match(/"severity":/g) ?? []).length;
      tail = s.slice(-16);
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += String(d)));
    let hwm = 0;
    const poll = setInterval(() => {
      const s = procStatus(child.pid);
      if (Number.isFinite(s.hwmMB)) hwm = Math.max(hwm, s.hwmMB);
    }, 50);
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(poll);
      const wall = performance.now() - t0;
      if (code !== 0 && code !== 1) reject(new Error(`cable-lint exited with ${code}: ${stderr.slice(0, 2000)}`));
      else resolve({ wallMs: wall, exitCode: code, outputBytes: outBytes, records, peakRssMB: hwm });
    });
  });
}

async function benchCli(workspaces) {
  const out = { cores: os.cpus().length, availableParallelism: os.availableParallelism?.() ?? os.cpus().length, sizes: {} };
  for (const ws of workspaces) {
    if (QUICK && ws !== workspaces[0]) continue;
    const runs = ws.size <= 2000 ? n(3, 1) : 1;
    const entry = { cables: ws.size, bytes: ws.bytes, runs };
    for (const jobs of [1, 2]) {
      const walls = [];
      let last;
      for (let r = 0; r < runs; r++) {
        progress(`cli: cable-lint --jobs ${jobs} --format json on ${ws.size.toLocaleString('en-US')} cables (run ${r + 1}/${runs})`);
        last = await runLint(ws.dir, jobs);
        walls.push(last.wallMs);
      }
      const wall = median(walls);
      entry[`jobs${jobs}`] = { wallMs: stats(walls), MBs: round(ws.bytes / MB / (wall / 1000), 2), cablesPerSecond: round(ws.size / (wall / 1000), 1), records: last.records, outputMB: round(last.outputBytes / MB, 1), peakRssMB: round(last.peakRssMB, 1), exitCode: last.exitCode };
    }
    entry.speedup2 = round(entry.jobs1.wallMs.median / entry.jobs2.wallMs.median, 2);
    out.sizes[ws.size] = entry;
  }
  return out;
}

function printWorkspace(w) {
  const t = WS_TARGETS;
  for (const [count, r] of Object.entries(w.sizes)) {
    const s = r.server;
    const h = r.heap;
    const rows = [];
    const rssTarget = Number(count) >= t.rssAtCables ? `< ${t.rssMB} MB` : '–';
    rows.push(['time to index (initialized → $/progress end)', `${fmt(s.indexMs / 1000, 2)} s`, `${fmt(s.indexMBs)} MB/s, ${fmt(s.cablesPerSecond)} cables/s`, '–', '–']);
    rows.push(['  in process, no LSP (WorkspaceIndexer.reindex)', `${fmt(h.indexMs / 1000, 2)} s`, `${fmt(r.bytes / MB / (h.indexMs / 1000))} MB/s`, '–', '–']);
    rows.push(['hover on the open seed while indexing (every 20 ms), p95', ms(s.hoverDuringIndexing.p95), `median ${ms(s.hoverDuringIndexing.median)}, max ${ms(s.hoverDuringIndexing.max)}, n ${s.hoverDuringIndexing.n}`, `< ${t.hoverDuringIndexingP95} ms`, yes(s.hoverDuringIndexing.p95 < t.hoverDuringIndexingP95)]);
    rows.push(['hover after indexing, p95', ms(s.hoverAfterIndexing.p95), `median ${ms(s.hoverAfterIndexing.median)}, n ${s.hoverAfterIndexing.n}`, '–', '–']);
    rows.push(['server RSS after indexing', `${fmt(s.rss.afterIndexingMB)} MB`, `${fmt(s.rss.baselineMB)} MB before; peak ${fmt(s.rss.peakMB)} MB; ${fmt(s.rss.afterRequestsMB)} MB after the requests`, rssTarget, rssTarget === '–' ? '–' : yes(s.rss.afterIndexingMB < t.rssMB)]);
    rows.push(['index heap (heapUsed + ArrayBuffers, after gc)', `${fmt(h.retainedBytes / MB)} MB`, `${fmt(h.heapUsedBeforeMB)} → ${fmt(h.heapUsedAfterMB)} MB heapUsed; packed Int32Arrays ${fmt(h.packedBytes / MB)} MB`, '–', '–']);
    rows.push(['  per cable', `${fmt(h.bytesPerCable / 1024, 2)} KB`, `of which packed ${fmt(h.packedBytes / h.cables / 1024, 2)} KB, other ${fmt(h.otherBytesPerCable / 1024, 2)} KB`, '–', '–']);
    rows.push(['  per mention', `${fmt(h.bytesPerMention)} B`, `${h.mentions.toLocaleString('en-US')} mentions; packed ${fmt(h.packedBytesPerMention)} B/mention`, '–', '–']);
    for (const [label, ref] of Object.entries(s.references)) {
      rows.push([`references on ${label} (open seed), p95`, ms(ref.p95), `median ${ms(ref.median)}, n ${ref.n}; ${ref.locations.toLocaleString('en-US')} locations in ${ref.cables.toLocaleString('en-US')} cables, ${size(ref.responseBytes)}`, `< ${t.referencesP95} ms`, yes(ref.p95 < t.referencesP95)]);
    }
    for (const [query, ref] of Object.entries(s.workspaceSymbol)) {
      rows.push([`workspace/symbol '${query}', p95`, ms(ref.p95), `median ${ms(ref.median)}, n ${ref.n}; ${ref.symbols} symbols in ${ref.cables} cables`, `< ${t.workspaceSymbolP95} ms`, yes(ref.p95 < t.workspaceSymbolP95)]);
    }
    for (const [label, ref] of Object.entries(s.entitiesView)) rows.push([`Entities view: ${label}, p95`, ms(ref.p95), `median ${ms(ref.median)}, n ${ref.n}`, '–', '–']);
    table(
      `8. Workspace of ${Number(count).toLocaleString('en-US')} cables (${fmt(r.bytes / MB)} MB in ${s.folders} folders), real server over stdio + the indexer in process`,
      ['measure', 'value', 'detail', 'target', 'met'],
      rows,
      [
        `index: ${s.indexedCables.toLocaleString('en-US')} cables, ${s.indexedEntityKeys.toLocaleString('en-US')} entity keys (from taggedCables/indexChanged); ${h.mentions.toLocaleString('en-US')} mentions. Server log: ${s.serverLog ?? '–'}`,
        `hover while indexing: ${s.hoverDuringIndexing.over50ms} of ${s.hoverDuringIndexing.n} over 50 ms; slowest ${s.hoverDuringIndexing.slowest.map((x) => `${fmt(x.ms)} ms at ${fmt(x.atS, 2)} s`).join(', ')} (time since initialized).`,
        `in process: event loop delay while indexing p99 ${ms(h.eventLoopDelayMs.p99)}, max ${ms(h.eventLoopDelayMs.max)}; GC pauses ${h.gcPausesMs.count} (${ms(h.gcPausesMs.total)} in all, max ${ms(h.gcPausesMs.max)}, ${h.gcPausesMs.over20ms} over 20 ms).`,
        `in process (core only, no LSP): references Pickard ${ms(h.requests?.referencesPickard?.median)}, U.S. ${ms(h.requests?.referencesUS?.median)} (median; ${h.requests?.referencesUS?.locations ?? '–'} locations); workspaceSymbols 'pick' ${ms(h.requests?.symbolsPick?.median)}; hover on U.S. ${ms(h.requests?.hoverUS?.median)}.`,
        `$/progress begin ${fmt(s.initializedToBeginMs)} ms after initialized; ${s.progressReports} progress reports; the seed's diagnostics pushed again ${s.indexEndToSeedDiagnosticsMs === null ? '–' : ms(s.indexEndToSeedDiagnosticsMs)} after the end (500 ms timer + cross-cable checks).`,
      ],
    );
  }
  if (w.marginal) {
    const m = w.marginal;
    console.log(`  Index heap per added cable, between ${m.between[0].toLocaleString('en-US')} and ${m.between[1].toLocaleString('en-US')} cables: ${fmt(m.bytesPerCable / 1024, 2)} KB per cable, ${fmt(m.bytesPerMention)} B per mention (the distinct keys' share removed).`);
  }
  console.log(`  The workspaces are copies of the ${w.sources} distinct cables (seed + corpus, ${fmt(w.sourceBytes / MB, 2)} MB) with distinct names, ${CABLES_PER_FOLDER} per folder: entity keys stay those of ~${w.sources} cables while cables, postings and mentions scale with the copies.`);
  console.log(`  RSS: VmRSS of the server child (/proc/<pid>/status), 1 s after the index notification; peak = VmHWM. Heap: a child node --expose-gc runs CableLanguageService + WorkspaceIndexer on the same folder.${QUICK ? ' QUICK run: smaller workspaces and fewer runs.' : ''}`);
  console.log(`  Latencies: up to 50 runs or 15 s per request (fewer when slow), after one warm-up; targets: hover during indexing p95 < ${t.hoverDuringIndexingP95} ms, references p95 < ${t.referencesP95} ms, workspace/symbol p95 < ${t.workspaceSymbolP95} ms, RSS < ${t.rssMB} MB for ${t.rssAtCables.toLocaleString('en-US')} cables.`);
}

function printCli(c) {
  const rows = [];
  for (const [count, r] of Object.entries(c.sizes)) {
    for (const jobs of [1, 2]) {
      const j = r[`jobs${jobs}`];
      rows.push([
        Number(count).toLocaleString('en-US'),
        fmt(r.bytes / MB),
        String(jobs),
        `${fmt(j.wallMs.median / 1000, 2)} s`,
        fmt(j.MBs),
        fmt(j.cablesPerSecond),
        j.records.toLocaleString('en-US'),
        `${fmt(j.outputMB)} MB`,
        `${fmt(j.peakRssMB)} MB`,
        jobs === 2 ? `×${fmt(r.speedup2, 2)}` : '',
        jobs === 2 ? (c.availableParallelism >= 2 ? yes(r.speedup2 >= WS_TARGETS.cliSpeedup2) : '–') : '',
      ]);
    }
  }
  table(
    `9. cable-lint --format json over the workspace (wall time from spawn to exit; ${c.cores} cores, availableParallelism ${c.availableParallelism})`,
    ['cables', 'MB', 'jobs', 'wall', 'MB/s', 'cables/s', 'problems', 'stdout', 'peak RSS', 'speed-up', `≥ ×${WS_TARGETS.cliSpeedup2}`],
    rows,
    ['stdout is drained through a pipe; peak RSS = VmHWM of the cable-lint process (worker threads included), polled every 50 ms.', `runs: median of ${Object.values(c.sizes)[0]?.runs ?? 1} on the smallest workspace, one run on larger ones${QUICK ? ' (QUICK: only the smallest)' : ''}.`],
  );
}

// ---------------------------------------------------------------------------
// Main

/** The temporary folder of the workspaces, removed at the end (or on Ctrl+C). */
let tempRoot;
function removeTempRoot() {
  if (tempRoot) fs.rmSync(tempRoot, { recursive: true, force: true });
  tempRoot = undefined;
}
process.on('exit', removeTempRoot);
process.on('SIGINT', () => {
  removeTempRoot();
  process.exit(130);
});

async function main() {
  const started = performance.now();
  const machine = {
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    availableParallelism: os.availableParallelism?.() ?? os.cpus().length,
    totalMemMB: Math.round(os.totalmem() / MB),
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    node: process.version,
    date: new Date().toISOString(),
    loadAvgAtStart: os.loadavg().map((x) => round(x, 2)),
  };
  if (!fs.existsSync(path.join(ROOT, 'dist', 'server.js'))) {
    console.error('dist/server.js is missing: run `npm run build` first.');
    process.exit(2);
  }
  const { inputs, corpusFiles } = loadInputs();
  const debounce = debounceFromSource();
  const results = { machine, quick: QUICK, debounceMs: debounce, inputs: {} };
  for (const i of inputs) results.inputs[i.id] = { label: i.label, bytes: i.bytes, MB: round(i.mb, 3), chars: i.text.length, lines: i.lines, maxLineLength: i.maxLine, entityTags: i.tags };

  console.log(`Tagged Cables bench — ${machine.date}`);
  console.log(`${machine.cpu}, ${machine.cores} cores, ${machine.totalMemMB} MB RAM, Node ${machine.node}, ${machine.platform}; load average at start ${machine.loadAvgAtStart.join(' ')}${QUICK ? '; QUICK run' : ''}`);
  table('1. Inputs (MB = 2^20 bytes of UTF-8)', ['id', 'input', 'size', 'UTF-16 chars', 'lines', 'entity tags'], inputs.map((i) => [i.id, i.label, size(i.bytes), String(i.text.length), String(i.lines), String(i.tags)]), [
    `synthetic: the ${corpusFiles} corpus bodies (<code><pre> and </pre></code> stripped) joined in name order, cycling, up to the size, wrapped once.`,
  ]);

  if (want('core')) {
    const core = loadCore();
    results.core = benchCore(core, inputs);
    printCore(inputs, results.core);
  }
  if (want('edit') || want('lsp')) {
    const server = await benchServer(inputs, debounce, want('edit'), want('lsp'));
    if (want('edit')) {
      results.edit = server.edit;
      printEdit(server.edit, debounce);
    }
    if (want('lsp')) {
      results.lsp = server.lsp;
      printLsp(server.lsp, debounce);
    }
  }
  if (want('grammar')) {
    results.grammar = await benchGrammar(inputs);
    printGrammar(results.grammar);
  }
  if (want('startup')) {
    results.startup = await benchStartup(inputs[0].text);
    results.bundles = await bundleSizes();
    printStartup(results.startup, results.bundles);
  }
  if (want('memory')) {
    progress('memory: opening the 10 MB cable');
    results.memory = await benchMemory(inputs.find((i) => i.id === '10mb'));
    printMemory(results.memory);
  }
  if (want('workspace') || want('cli')) {
    progress(`workspace: building workspaces of ${WORKSPACE_SIZES.map((s) => s.toLocaleString('en-US')).join(' and ')} cables under ${os.tmpdir()}`);
    const built = buildWorkspaces(WORKSPACE_SIZES);
    tempRoot = built.root;
    try {
      if (want('workspace')) {
        results.workspace = { sources: built.sources, sourceBytes: built.sourceBytes, cablesPerFolder: CABLES_PER_FOLDER, targets: WS_TARGETS, sizes: {} };
        for (const ws of built.workspaces) {
          progress(`workspace ${ws.size}: indexing through the server, hovering meanwhile`);
          const server = await benchWorkspaceServer(ws);
          progress(`workspace ${ws.size}: indexing in process (heap)`);
          const heap = await benchWorkspaceHeap(ws);
          results.workspace.sizes[ws.size] = { cables: ws.size, bytes: ws.bytes, entityTags: ws.tags, server, heap };
        }
        const measured = Object.values(results.workspace.sizes);
        if (measured.length >= 2) {
          const [small, large] = [measured[0].heap, measured[measured.length - 1].heap];
          results.workspace.marginal = {
            between: [small.cables, large.cables],
            bytesPerCable: round((large.retainedBytes - small.retainedBytes) / (large.cables - small.cables), 1),
            bytesPerMention: round((large.retainedBytes - small.retainedBytes) / (large.mentions - small.mentions), 2),
          };
        }
        printWorkspace(results.workspace);
      }
      if (want('cli')) {
        results.cli = await benchCli(built.workspaces);
        printCli(results.cli);
      }
    } finally {
      removeTempRoot();
    }
  }

  // Summary of the targets.
  const targets = [];
  if (results.core) {
    for (const i of inputs) {
      const r = results.core[i.id];
      targets.push([`core throughput ${i.id}: ≥ 1/4 of floor`, `1/${fmt(1 / r.ratio)}`, yes(r.targetRatioMet)]);
      targets.push([`core throughput ${i.id}: ≥ 100 MB/s`, mbs(r.coreMBs), yes(r.target100Met)]);
    }
  }
  if (results.edit?.['1mb']) {
    const r = results.edit['1mb'];
    targets.push(['edit 1 MB: p95 < 20 ms (publishDiagnostics − debounce)', ms(r.pushMinusDebounce.p95), yes(r.pushMinusDebounce.p95 < 20)]);
    targets.push(['edit 1 MB: p95 < 20 ms (forced by hover)', ms(r.forcedBy_hover.p95), yes(r.forcedBy_hover.p95 < 20)]);
  }
  if (results.lsp) {
    for (const [kind, limit] of [['hover', 10], ['references', 10], ['diagnostics', 50]]) {
      if (results.lsp[kind]) targets.push([`LSP 1 MB ${kind}: p95 < ${limit} ms`, ms(results.lsp[kind].p95), yes(results.lsp[kind].p95 < limit)]);
    }
  }
  if (results.grammar?.growth) {
    const g = results.grammar.growth;
    targets.push(['grammar: 10 MB / 1 MB time ≈ size ratio (±30 %)', `×${fmt(g.timeRatio10to1, 2)} vs ×${fmt(g.sizeRatio10to1, 2)}`, yes(Math.abs(g.timeRatio10to1 / g.sizeRatio10to1 - 1) <= 0.3)]);
  }
  if (results.workspace) {
    const t = WS_TARGETS;
    for (const [count, r] of Object.entries(results.workspace.sizes)) {
      const s = r.server;
      const label = `workspace ${Number(count).toLocaleString('en-US')}`;
      targets.push([`${label}: hover while indexing p95 < ${t.hoverDuringIndexingP95} ms`, ms(s.hoverDuringIndexing.p95), yes(s.hoverDuringIndexing.p95 < t.hoverDuringIndexingP95)]);
      for (const [name, ref] of Object.entries(s.references)) targets.push([`${label}: references on ${name} p95 < ${t.referencesP95} ms`, ms(ref.p95), yes(ref.p95 < t.referencesP95)]);
      const worstSymbol = Object.entries(s.workspaceSymbol).sort((a, b) => b[1].p95 - a[1].p95)[0];
      if (worstSymbol) targets.push([`${label}: workspace/symbol p95 < ${t.workspaceSymbolP95} ms (slowest query '${worstSymbol[0]}')`, ms(worstSymbol[1].p95), yes(worstSymbol[1].p95 < t.workspaceSymbolP95)]);
      if (Number(count) >= t.rssAtCables) targets.push([`${label}: server RSS after indexing < ${t.rssMB} MB`, `${fmt(s.rss.afterIndexingMB)} MB`, yes(s.rss.afterIndexingMB < t.rssMB)]);
    }
  }
  if (results.cli && results.cli.availableParallelism >= 2) {
    for (const [count, r] of Object.entries(results.cli.sizes)) {
      targets.push([`cable-lint ${Number(count).toLocaleString('en-US')} cables: --jobs 2 ≥ ×${WS_TARGETS.cliSpeedup2} of --jobs 1`, `×${fmt(r.speedup2, 2)}`, yes(r.speedup2 >= WS_TARGETS.cliSpeedup2)]);
    }
  }
  results.targets = targets.map(([target, value, met]) => ({ target, value, met: met === 'yes' }));
  machine.loadAvgAtEnd = os.loadavg().map((x) => round(x, 2));
  machine.benchSeconds = round((performance.now() - started) / 1000, 1);
  if (targets.length) table('Targets', ['target', 'measured', 'met'], targets);
  console.log(`\nbench took ${machine.benchSeconds} s; load average at end ${machine.loadAvgAtEnd.join(' ')}`);
  machine.busy = Math.max(machine.loadAvgAtStart[0], machine.loadAvgAtEnd[0], machine.loadAvgAtEnd[1]) > machine.cores * 0.75;
  if (machine.busy) console.log(`WARNING: the machine was busy (1-min load average above ${machine.cores * 0.75} on ${machine.cores} cores): other processes competed for the CPU, so times — p95 most — are inflated. Re-run on an idle machine.`);

  if (OUT) {
    fs.writeFileSync(OUT, JSON.stringify(results, null, 2) + '\n');
    console.log(`results written to ${path.relative(process.cwd(), OUT) || OUT}`);
  }
}

(heapChildArg ? heapChild(heapChildArg.slice('--heap-child='.length)) : main()).then(
  () => process.exit(0),
  (error) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
