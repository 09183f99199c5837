#!/usr/bin/env node
// Profiles the cable TextMate grammar under vscode-textmate + vscode-oniguruma (the engine VS Code
// and test/grammar use) against VS Code's own Markdown grammar on the same text.
//
// Input: distinct corpus cables (test/fixtures/corpus/*.cable, by name, each whole) concatenated up
// to --size bytes (default 1 MiB); no cable is repeated. Tokenized line by line with tokenizeLine2,
// the rule stack carried from line to line, as VS Code does.
//
// Usage:
//   node scripts/profile-grammar.mjs                 ms and MB/s (best and median) for both grammars
//   node scripts/profile-grammar.mjs --profile       also: cost per scanner and per pattern of ours
//   node scripts/profile-grammar.mjs --grammar=FILE  another cable grammar, e.g.
//                                                    test/fixtures/grammar/cable.tmLanguage.baseline.json
//   node scripts/profile-grammar.mjs --with-baseline also times the grammar kept as the equivalence baseline
//                                                    (test/fixtures/grammar/cable.tmLanguage.baseline.json)
//   node scripts/profile-grammar.mjs --replay=N      records the scanner calls of one tokenization of ours, replays them
//                                                    N times on fresh scanners and exits: for an instruction count that
//                                                    machine load does not blur, run it under
//                                                    valgrind --tool=callgrind --callgrind-out-file=/dev/null
//                                                    with N=0 and N=1 and take the difference
//   options: --runs=N (default 9), --warmup=N (default 2), --size=BYTES (default 1048576),
//            --compare=FILE,... (more cable grammars), --no-markdown, --top=N (patterns listed, default 25)
// The grammars are run in turn, round after round; best and median wall times and the best CPU time
// of each are reported (CPU time is the steadier figure on a busy machine).
//
// The profile wraps createOnigScanner: every findNextMatchSync call is counted and timed per scanner
// (a scanner is the pattern list of one rule context), and recorded. The recorded calls are then
// replayed on fresh scanners: the whole scanner, each pattern alone, and the scanner without each
// pattern ("marginal": the time that pattern adds to its scanner). Lines under 1000 UTF-8 bytes go
// through oniguruma's RegSet search (every pattern tried at each position it cannot rule out),
// longer lines through one search per pattern with cached results; both are reported.

import * as fs from 'node:fs';
import * as os from 'node:os';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { tokenizeLines } from '../bench/lib/tokenize.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(ROOT, 'package.json'));
const vsctm = require('vscode-textmate');
const onig = require('vscode-oniguruma');

const MB = 1024 * 1024;
const CORPUS_DIR = path.join(ROOT, 'test', 'fixtures', 'corpus');
const MARKDOWN_FILE = path.join(
  ROOT,
  '.vscode-test/node_modules/code-server/lib/vscode/extensions/markdown-basics/syntaxes/markdown.tmLanguage.json',
);
const REGSET_MAX_BYTES = 1000; // vscode-oniguruma: RegSet search below this string length, cached per-regex search above

// ---------------------------------------------------------------------------
// Options

const argv = process.argv.slice(2);
const opt = (name, dflt) => {
  const a = argv.find((x) => x.startsWith(`--${name}=`));
  return a ? a.slice(name.length + 3) : dflt;
};
const RUNS = Number(opt('runs', '9'));
const WARMUP = Number(opt('warmup', '2'));
const SIZE = Number(opt('size', String(MB)));
const TOP = Number(opt('top', '25'));
const PROFILE = argv.includes('--profile');
const REPLAY = opt('replay', '');
const NO_MARKDOWN = argv.includes('--no-markdown');
const GRAMMAR_FILE = path.resolve(opt('grammar', path.join(ROOT, 'syntaxes', 'cable.tmLanguage.json')));
const BASELINE_FILE = path.join(ROOT, 'test', 'fixtures', 'grammar', 'cable.tmLanguage.baseline.json');
const COMPARE = [...(argv.includes('--with-baseline') ? [BASELINE_FILE] : []), ...opt('compare', '').split(',').filter(Boolean).map((f) => path.resolve(f))];

// ---------------------------------------------------------------------------
// Input

function buildInput(target) {
  const files = fs.readdirSync(CORPUS_DIR).filter((f) => f.endsWith('.cable')).sort();
  const parts = [];
  let bytes = 0;
  for (const f of files) {
    let text = fs.readFileSync(path.join(CORPUS_DIR, f), 'utf8');
    if (!text.endsWith('\n')) text += '\n';
    const b = Buffer.byteLength(text);
    if (bytes + b > target) break;
    parts.push(text);
    bytes += b;
  }
  const text = parts.join('');
  return { text, bytes, cables: parts.length, lines: text.split(/\r?\n/) };
}

// ---------------------------------------------------------------------------
// Engine

const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
await onig.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));

const plainLib = {
  createOnigScanner: (patterns) => new onig.OnigScanner(patterns),
  createOnigString: (s) => new onig.OnigString(s),
};

async function loadGrammar(file, scopeName, lib = plainLib) {
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve(lib),
    loadGrammar: async (scope) => (scope === scopeName ? vsctm.parseRawGrammar(fs.readFileSync(file, 'utf8'), file) : null),
  });
  const grammar = await registry.loadGrammar(scopeName);
  if (!grammar) throw new Error(`cannot load ${scopeName} from ${file}`);
  return grammar;
}


/** Runs the grammars in turn (interleaved, so a change in machine load hits all of them alike). */
function timeRuns(grammars, lines) {
  const res = grammars.map(() => ({ times: [], cpu: Infinity, tokens: 0 }));
  for (let i = 0; i < WARMUP; i++) grammars.forEach((g, k) => (res[k].tokens = tokenizeLines(g, lines)));
  for (let i = 0; i < RUNS; i++) {
    grammars.forEach((g, k) => {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      res[k].tokens = tokenizeLines(g, lines);
      res[k].times.push(performance.now() - t0);
      const c = process.cpuUsage(c0);
      res[k].cpu = Math.min(res[k].cpu, (c.user + c.system) / 1000);
    });
  }
  return res.map((r) => {
    const t = [...r.times].sort((a, b) => a - b);
    return { best: t[0], median: t[Math.floor(t.length / 2)], cpu: r.cpu, tokens: r.tokens };
  });
}

// ---------------------------------------------------------------------------
// Output helpers

const fmt = (x, d = 1) => x.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
function table(head, rows) {
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (r) => r.map((c, i) => (i === 0 ? String(c).padEnd(w[i]) : String(c).padStart(w[i]))).join('  ');
  console.log(line(head));
  console.log(w.map((x) => '-'.repeat(x)).join('  '));
  for (const r of rows) console.log(line(r));
}

// ---------------------------------------------------------------------------
// Throughput

const input = buildInput(SIZE);
if (REPLAY !== '') {
  await replayOnly(Number(REPLAY));
  process.exit(0);
}
const mb = input.bytes / MB;
console.log(
  `Input: ${input.cables} distinct corpus cables, ${input.bytes.toLocaleString('en-US')} bytes (${fmt(mb, 3)} MB), ` +
    `${input.lines.length.toLocaleString('en-US')} lines, ` +
    `${input.lines.filter((l) => Buffer.byteLength(l) >= REGSET_MAX_BYTES).length} of ${REGSET_MAX_BYTES}+ bytes`,
);
console.log(`Runs: ${WARMUP} warm-up + ${RUNS} timed, tokenizeLine2 line by line with the rule stack carried; MB = 2^20 bytes\n`);

const grammars = [{ label: `cable (${path.relative(ROOT, GRAMMAR_FILE)})`, grammar: await loadGrammar(GRAMMAR_FILE, 'text.cable') }];
for (const file of COMPARE) grammars.push({ label: `cable (${path.relative(ROOT, file)})`, grammar: await loadGrammar(file, 'text.cable') });
if (!NO_MARKDOWN) {
  if (fs.existsSync(MARKDOWN_FILE)) {
    grammars.push({ label: 'markdown (VS Code markdown-basics)', grammar: await loadGrammar(MARKDOWN_FILE, 'text.html.markdown') });
  } else {
    console.log(`(no Markdown grammar at ${path.relative(ROOT, MARKDOWN_FILE)}: run npm run setup for it)\n`);
  }
}
const timed = timeRuns(grammars.map((g) => g.grammar), input.lines);
const results = grammars.map((g, k) => ({ label: g.label, ...timed[k] }));
table(
  ['grammar', 'tokens', 'best ms', 'median ms', 'best CPU ms', 'MB/s (best)', 'MB/s (median)'],
  results.map((r) => [r.label, r.tokens.toLocaleString('en-US'), fmt(r.best), fmt(r.median), fmt(r.cpu), fmt(mb / (r.best / 1000), 2), fmt(mb / (r.median / 1000), 2)]),
);
const md = results.find((r) => r.label.startsWith('markdown'));
if (md) {
  console.log('');
  for (const c of results.filter((r) => r !== md)) {
    console.log(`${c.label} / markdown time: best ×${fmt(c.best / md.best, 2)}, median ×${fmt(c.median / md.median, 2)}, CPU ×${fmt(c.cpu / md.cpu, 2)} (≤ 1: no slower per MB)`);
  }
  const load = os.loadavg()[0];
  if (load > os.availableParallelism() * 0.5) console.log(`(load average ${fmt(load, 2)} on ${os.availableParallelism()} cores: wall times are unreliable, compare CPU times)`);
}

// ---------------------------------------------------------------------------
// Profile

if (PROFILE) await profile();

async function replayOnly(times) {
  const calls = []; // [scanner, OnigString, position, options]
  const lib = {
    createOnigString: (s) => new onig.OnigString(s),
    createOnigScanner: (patterns) => {
      const replayed = new onig.OnigScanner(patterns);
      const inner = new onig.OnigScanner(patterns);
      return {
        findNextMatchSync(str, pos, options) {
          calls.push([replayed, str, pos, options]);
          return inner.findNextMatchSync(str, pos, options);
        },
        dispose: () => inner.dispose(),
      };
    },
  };
  tokenizeLines(await loadGrammar(GRAMMAR_FILE, 'text.cable', lib), input.lines);
  const c0 = process.cpuUsage();
  for (let i = 0; i < times; i++) for (const [scanner, str, pos, options] of calls) scanner.findNextMatchSync(str, pos, options);
  const c = process.cpuUsage(c0);
  console.log(`${calls.length.toLocaleString('en-US')} scanner calls of ${path.relative(ROOT, GRAMMAR_FILE)} replayed ${times} times: ${fmt((c.user + c.system) / 1000)} ms CPU`);
}

async function profile() {
  // Labels for patterns: where each match/begin/end string sits in the grammar.
  const raw = JSON.parse(fs.readFileSync(GRAMMAR_FILE, 'utf8'));
  const labels = new Map();
  const walk = (v, where) => {
    if (Array.isArray(v)) return v.forEach((x, i) => walk(x, `${where}[${i}]`));
    if (!v || typeof v !== 'object') return;
    for (const k of ['match', 'begin', 'end']) if (typeof v[k] === 'string' && !labels.has(v[k])) labels.set(v[k], k === 'match' ? where : `${where} ${k}`);
    for (const [k, x] of Object.entries(v)) if (k !== 'captures' && k !== 'beginCaptures' && k !== 'endCaptures') walk(x, where === '' ? k : `${where}.${k}`);
  };
  walk(raw.repository, '');
  // vscode-textmate replaces \A or \G by \uFFFF in the variants of a pattern for other positions.
  const labelOf = (p) => labels.get(p) ?? labels.get(p.replace(/\uFFFF/g, '\\A')) ?? labels.get(p.replace(/\uFFFF/g, '\\G')) ?? `/${p.slice(0, 50)}…/`;

  const scanners = new Map(); // key: patterns joined → { patterns, calls, ms, wins[] }
  const strings = []; // contents of the OnigStrings created, in order
  const calls = []; // [scannerKey, stringIndex, position, options]
  const stringIndex = new WeakMap();
  const lib = {
    createOnigString: (s) => {
      const o = new onig.OnigString(s);
      stringIndex.set(o, strings.length);
      strings.push(s);
      return o;
    },
    createOnigScanner: (patterns) => {
      const key = patterns.join('\u0000');
      let st = scanners.get(key);
      if (!st) scanners.set(key, (st = { patterns, calls: 0, ms: 0, shortCalls: 0, shortMs: 0, wins: new Array(patterns.length).fill(0), misses: 0 }));
      const inner = new onig.OnigScanner(patterns);
      return {
        findNextMatchSync(str, pos, options) {
          const t0 = performance.now();
          const r = inner.findNextMatchSync(str, pos, options);
          const dt = performance.now() - t0;
          st.calls++;
          st.ms += dt;
          if (Buffer.byteLength(str.content) < REGSET_MAX_BYTES) {
            st.shortCalls++;
            st.shortMs += dt;
          }
          if (r) st.wins[r.index]++;
          else st.misses++;
          calls.push([key, stringIndex.get(str), pos, options]);
          return r;
        },
        dispose: () => inner.dispose(),
      };
    },
  };
  const g = await loadGrammar(GRAMMAR_FILE, 'text.cable', lib);
  tokenizeLines(g, input.lines); // scanners are compiled lazily: this run creates them
  for (const st of scanners.values()) Object.assign(st, { calls: 0, ms: 0, shortCalls: 0, shortMs: 0, misses: 0, wins: st.wins.fill(0) });
  calls.length = 0;
  strings.length = 0;
  const t0 = performance.now();
  tokenizeLines(g, input.lines);
  const total = performance.now() - t0;
  const scanMs = [...scanners.values()].reduce((a, s) => a + s.ms, 0);

  console.log(`\nProfile of ${path.relative(ROOT, GRAMMAR_FILE)} (instrumented run: ${fmt(total)} ms, ${fmt(scanMs)} ms in findNextMatchSync, ${calls.length.toLocaleString('en-US')} calls)\n`);
  const byScanner = [...scanners.entries()].filter(([, s]) => s.calls > 0).sort((a, b) => b[1].ms - a[1].ms);
  table(
    ['scanner (first patterns)', 'patterns', 'calls', 'ms', 'ms < 1000 B lines', 'no match'],
    byScanner.map(([, s]) => [s.patterns.map(labelOf).join(', ').slice(0, 70), s.patterns.length, s.calls.toLocaleString('en-US'), fmt(s.ms), fmt(s.shortMs), s.misses.toLocaleString('en-US')]),
  );

  // Replay the recorded calls on fresh scanners.
  const onigStrings = strings.map((s) => new onig.OnigString(s));
  const callsOf = new Map();
  for (const c of calls) {
    if (!callsOf.has(c[0])) callsOf.set(c[0], []);
    callsOf.get(c[0]).push(c);
  }
  const replay = (patterns, list) => {
    if (patterns.length === 0) return 0;
    let best = Infinity;
    for (let rep = 0; rep < 3; rep++) {
      const sc = new onig.OnigScanner(patterns);
      const c0 = process.cpuUsage();
      for (const c of list) sc.findNextMatchSync(onigStrings[c[1]], c[2], c[3]);
      const c1 = process.cpuUsage(c0);
      best = Math.min(best, (c1.user + c1.system) / 1000);
      sc.dispose();
    }
    return best;
  };
  const rows = [];
  for (const [key, s] of byScanner) {
    const list = callsOf.get(key);
    const whole = replay(s.patterns, list);
    s.patterns.forEach((p, i) => {
      const alone = replay([p], list);
      const without = replay(s.patterns.filter((_, j) => j !== i), list);
      rows.push({ label: labelOf(p), scanner: byScanner.findIndex(([k]) => k === key) + 1, whole, alone, marginal: whole - without, wins: s.wins[i], calls: list.length });
    });
  }
  rows.sort((a, b) => b.marginal - a.marginal);
  console.log(`\nPatterns by marginal cost (replayed calls, CPU ms, best of 3: whole scanner minus the scanner without the pattern)\n`);
  table(
    ['pattern', 'scanner #', 'calls', 'wins', 'alone ms', 'marginal ms', 'scanner ms'],
    rows.slice(0, TOP).map((r) => [r.label.slice(0, 60), r.scanner, r.calls.toLocaleString('en-US'), r.wins.toLocaleString('en-US'), fmt(r.alone), fmt(r.marginal), fmt(r.whole)]),
  );
  for (const o of onigStrings) o.dispose();
}
