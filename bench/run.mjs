#!/usr/bin/env node
// Performance bench for Tagged Cables, in one run:
//   1. inputs: the seed, the largest corpus cable, synthetic 1 MB and 10 MB cables
//   2. core parse + all diagnostics throughput vs a one-regex floor (in process)
//   3. re-analysis after a one-character edit, through the real server over stdio
//   4. LSP round trips (hover, references, documentSymbol, diagnostics) on the 1 MB cable
//   5. TextMate grammar tokenization (vscode-textmate + vscode-oniguruma)
//   6. server start to first diagnostics; bundle sizes
//   7. server memory with the 10 MB cable open
// Prints a table per section and writes bench/results.json.
//
// Usage (after `npm ci && npm run build`):
//   node bench/run.mjs                 full run, writes bench/results.json
//   node bench/run.mjs --quick         fewer iterations (smoke test)
//   node bench/run.mjs --only=core,grammar [--out=FILE]
//       sections: core, edit, lsp, grammar, startup, memory (edit and lsp share one server)
//       a partial run writes results only when --out is given.
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
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

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
// Main

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

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
