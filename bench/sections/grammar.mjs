// TextMate grammar tokenization (vscode-textmate + vscode-oniguruma, as the grammar
// tests and VS Code use), beside VS Code's own Markdown grammar on the same text
// and the regex floor.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { require } from '../lib/code.mjs';
import { regexFloor } from '../lib/floor.mjs';
import { ROOT } from '../lib/inputs.mjs';
import { fmt, mbs, progress, share, size, table, yes } from '../lib/print.mjs';
import { median, round, stats } from '../lib/stats.mjs';
import { target, TARGETS } from '../lib/targets.mjs';
import { tokenizeLines } from '../lib/tokenize.mjs';

export const title = "TextMate grammar tokenization, beside VS Code's Markdown grammar";

const CABLE_GRAMMAR = path.join(ROOT, 'syntaxes', 'cable.tmLanguage.json');
/** VS Code's built-in grammars, from the code-server the e2e test installs (read in place, never copied). */
const VSCODE_EXTENSIONS = path.join(ROOT, '.vscode-test', 'node_modules', 'code-server', 'lib', 'vscode', 'extensions');
export const MARKDOWN_GRAMMAR = path.join(VSCODE_EXTENSIONS, 'markdown-basics', 'syntaxes', 'markdown.tmLanguage.json');
/** The grammars VS Code loads with Markdown's for the HTML in a cable (`<code><pre>`, anchors). */
const EMBEDDED = {
  'text.html.derivative': path.join(VSCODE_EXTENSIONS, 'html', 'syntaxes', 'html-derivative.tmLanguage.json'),
  'text.html.basic': path.join(VSCODE_EXTENSIONS, 'html', 'syntaxes', 'html.tmLanguage.json'),
};

/** Warm-up runs and timed runs per input. */
const PLAN = { seed: [5, 20], largest: [3, 10], '1mb': [1, 3], '10mb': [0, 2] };
const MARKDOWN_INPUTS = ['seed', 'largest', '1mb'];

async function loadGrammars() {
  const vsctm = require('vscode-textmate');
  const oniguruma = require('vscode-oniguruma');
  const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const files = { 'text.cable': CABLE_GRAMMAR, 'text.html.markdown': MARKDOWN_GRAMMAR, ...EMBEDDED };
  const loaded = [];
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({ createOnigScanner: (p) => new oniguruma.OnigScanner(p), createOnigString: (s) => new oniguruma.OnigString(s) }),
    loadGrammar: async (scope) => {
      const file = files[scope];
      if (!file || !fs.existsSync(file)) return null;
      loaded.push(scope);
      return vsctm.parseRawGrammar(fs.readFileSync(file, 'utf8'), file);
    },
  });
  const cable = await registry.loadGrammar('text.cable');
  const markdown = fs.existsSync(MARKDOWN_GRAMMAR) ? await registry.loadGrammar('text.html.markdown') : null;
  const tokenizer = (grammar) => (lines) => tokenizeLines(grammar, lines);
  return { cable: tokenizer(cable), markdown: markdown && tokenizer(markdown), loaded };
}

function timeTokenize(tokenize, input, warm, runs) {
  const lines = input.text.split(/\r?\n/);
  const times = [];
  let tokens = 0;
  for (let r = 0; r < warm + runs; r++) {
    const t0 = performance.now();
    tokens = tokenize(lines);
    const t1 = performance.now();
    if (r >= warm) times.push(t1 - t0);
  }
  return { bytes: input.bytes, lines: lines.length, maxLineLength: input.maxLine, tokens, ms: stats(times), MBs: round(input.mb / (median(times) / 1000)) };
}

export async function run(ctx) {
  const grammars = await loadGrammars();
  const results = {};
  const markdown = {};
  for (const input of ctx.inputs.filter((i) => PLAN[i.id])) {
    const warm = ctx.quick ? Math.min(1, PLAN[input.id][0]) : PLAN[input.id][0];
    const runs = ctx.n(PLAN[input.id][1], 1);
    progress(`grammar: ${input.label} (${warm} warm-up + ${runs} runs)`);
    results[input.id] = { ...timeTokenize(grammars.cable, input, warm, runs), floorMBs: regexFloor(input.id, input.text).MBs };
    if (grammars.markdown && MARKDOWN_INPUTS.includes(input.id)) {
      progress(`grammar: Markdown grammar on ${input.id}`);
      markdown[input.id] = timeTokenize(grammars.markdown, input, warm, runs);
    }
  }
  if (results['1mb'] && results['10mb']) {
    results.growth = { timeRatio10to1: round(results['10mb'].ms.median / results['1mb'].ms.median), sizeRatio10to1: round(results['10mb'].bytes / results['1mb'].bytes) };
  }
  results.markdown = grammars.markdown
    ? { grammar: path.relative(ROOT, MARKDOWN_GRAMMAR), embedded: grammars.loaded.filter((s) => s.startsWith('text.html.') && s !== 'text.html.markdown'), ...markdown }
    : { grammar: null, note: 'markdown grammar not found' };
  if (results['1mb'] && markdown['1mb']) {
    const ratio = results['1mb'].MBs / markdown['1mb'].MBs;
    results.vsMarkdown = { input: '1mb', ratio: round(ratio), met: ratio >= TARGETS.grammarVsMarkdown };
  }
  return results;
}

const growthNearLinear = (g) => Math.abs(g.timeRatio10to1 / g.sizeRatio10to1 - 1) <= TARGETS.grammarGrowthTolerance;

export function print(g) {
  const md = g.markdown ?? {};
  const rows = [];
  for (const id of ['seed', 'largest', '1mb', '10mb'].filter((x) => g[x])) {
    const r = g[id];
    const m = md[id];
    const onTarget = id === '1mb' && m;
    rows.push([id, size(r.bytes), String(r.lines), String(r.maxLineLength), String(r.tokens), fmt(r.ms.median), fmt(r.ms.p95), fmt(r.MBs), m ? fmt(m.MBs) : '–', m ? `×${fmt(r.MBs / m.MBs, 2)}` : '–', fmt(r.floorMBs), share(r.MBs / r.floorMBs), onTarget ? '≥ ×1 of Markdown' : '–', onTarget ? yes(g.vsMarkdown.met) : '–']);
  }
  if (!md.grammar) rows.push(['Markdown', 'markdown grammar not found', '', '', '', '', '', '', '', '', '', '', '', '']);
  const notes = [];
  if (md.grammar) notes.push(`Markdown: ${md.grammar} with ${md.embedded.length ? md.embedded.join(', ') : 'no embedded grammar'} (as VS Code loads them for the HTML in a cable), same lines, same way.`);
  else notes.push(`markdown grammar not found (${path.relative(ROOT, MARKDOWN_GRAMMAR)}; installed by the e2e set-up): that row is skipped.`);
  if (g.growth) notes.push(`growth 10 MB / 1 MB: time ×${fmt(g.growth.timeRatio10to1, 2)} for size ×${fmt(g.growth.sizeRatio10to1, 2)} (linear ≈ size ratio) — near-linear: ${yes(growthNearLinear(g.growth))}`);
  notes.push('floor: the one-regex tag scan over the same text. VS Code does not tokenize lines longer than editor.maxTokenizationLineLength (20000); max line length is shown.');
  table('Grammar tokenization (vscode-textmate tokenizeLine2 line by line, rule stack carried)', ['input', 'size', 'lines', 'max line', 'tokens', 'median ms', 'p95 ms', 'MB/s', 'Markdown MB/s', 'vs Markdown', 'floor MB/s', 'vs floor', 'target', 'met'], rows, notes);
}

export function targets(g) {
  const rows = [];
  if (g.vsMarkdown) rows.push(target('grammar', 'grammar 1 MB: MB/s ≥ the Markdown grammar\'s', `${mbs(g['1mb'].MBs)} vs ${mbs(g.markdown['1mb'].MBs)} (×${fmt(g.vsMarkdown.ratio, 2)})`, g.vsMarkdown.met));
  else if (g['1mb']) rows.push(target('grammar', "grammar 1 MB: MB/s ≥ the Markdown grammar's", 'markdown grammar not found', undefined));
  if (g.growth) rows.push(target('grammarGrowth', `grammar: 10 MB / 1 MB time ≈ size ratio (±${TARGETS.grammarGrowthTolerance * 100} %)`, `×${fmt(g.growth.timeRatio10to1, 2)} vs ×${fmt(g.growth.sizeRatio10to1, 2)}`, growthNearLinear(g.growth)));
  return rows;
}
