// The bench's inputs: the seed, the largest corpus cable, 1 MB and 10 MB cables
// made of distinct real cables, and the hostile inputs of the robustness tests.
//
// 1 MB: corpus bodies in name order, each once. The 323 corpus cables hold about
// 3.5 MB of body text, so 10 MB cannot be made of them alone: after one pass of
// the corpus as it is, further passes use the same cables with their entity
// names recombined (every name word of a tag, and the same word in the cable's
// running text, replaced by a name word of the same type taken from other
// cables, differently in each pass). No two parts are the same text; the
// builder checks it.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MB } from './print.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SEED_PATH = path.join(ROOT, 'seeds', '000_d5a32e40f8b893e0.txt');
export const CORPUS_DIR = path.join(ROOT, 'test', 'fixtures', 'corpus');

/**
 * An entity tag, as the regex floor counts them. The bound (no corpus tag is longer
 * than 90 characters) keeps the scan linear: unbounded, it is quadratic on `[PER `
 * repeated on one line (minutes on 1 MB), as every unclosed tag scans to the line's end.
 */
export const TAG_RE = /\[(PER|ORG|LOC|MISC) [^\]\n]{0,200}\]/g;
export const countTags = (text) => (text.match(TAG_RE) ?? []).length;

export const corpusFiles = () =>
  fs
    .readdirSync(CORPUS_DIR)
    .filter((f) => f.endsWith('.cable'))
    .sort()
    .map((f) => path.join(CORPUS_DIR, f));

const OPEN = '<code><pre>';
const CLOSE = '</pre></code>\n';

/** A cable's text without its `<code><pre>` … `</pre></code>` wrapper. */
export const bodyOf = (text) => text.replace(/^\uFEFF?\s*<code><pre>/, '').replace(/<\/pre><\/code>\s*$/, '').trimEnd();

/** Parts (each ending in a newline) joined up to `target` UTF-8 bytes, wrapped once. */
function wrapUpTo(parts, target) {
  const out = [];
  let bytes = Buffer.byteLength(OPEN + CLOSE);
  for (const part of parts) {
    const b = Buffer.byteLength(part);
    if (bytes + b > target) break;
    out.push(part);
    bytes += b;
  }
  return { text: OPEN + out.join('') + CLOSE, parts: out.length };
}

// --- Recombined entity names -------------------------------------------------

/** A capitalised word of letters (`Iran` in `Iran's`, not `U` of `U.S.`). */
const WORD = /(?<![\p{L}\p{M}])\p{Lu}[\p{L}\p{M}]+/gu;
const TOKEN = /\[(PER|ORG|LOC|MISC) ([^\]\n]*)\]|(?<![\p{L}\p{M}])\p{Lu}[\p{L}\p{M}]+/gu;
/** Words of the cable format's structure (banner, caveats, header labels), never replaced. */
const KEEP = new Set(
  'secret confidential unclassified unclas top noforn sipdis sensitive nocontract orcon propin exdis nodis limdis stadis official use only decl tags subject subj ref refs reftel reftels classified derived from reason reasons for removed name summary comment end note begin'.split(' '),
);

/** FNV-1a, for a deterministic choice. */
function hash(s) {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The name words of each entity type over all bodies (words with a lower-case letter, as written). */
function namePools(bodies) {
  const pools = { PER: new Set(), ORG: new Set(), LOC: new Set(), MISC: new Set() };
  for (const body of bodies) {
    for (const m of body.matchAll(TAG_RE)) {
      for (const [w] of m[0].slice(m[1].length + 2).matchAll(WORD)) if (/\p{Ll}/u.test(w) && !KEEP.has(w.toLowerCase())) pools[m[1]].add(w);
    }
  }
  return Object.fromEntries(Object.entries(pools).map(([type, set]) => [type, [...set].sort()]));
}

/**
 * `body` with its entity names recombined for pass `pass`: each name word of its tags
 * (3 letters or more, case-insensitively) becomes a word of the same type chosen by
 * (pass, cable, word), in the tags and in the running text alike, in the word's case.
 */
export function recombine(body, pass, cable, pools) {
  const mapping = new Map();
  for (const m of body.matchAll(TAG_RE)) {
    for (const [w] of m[0].slice(m[1].length + 2).matchAll(WORD)) {
      const key = w.toLowerCase();
      if (KEEP.has(key) || mapping.has(key)) continue;
      const pool = pools[m[1]];
      mapping.set(key, pool[hash(`${pass}:${cable}:${key}`) % pool.length]);
    }
  }
  const replace = (w) => {
    const to = mapping.get(w.toLowerCase());
    if (to === undefined) return w;
    return w === w.toUpperCase() ? to.toUpperCase() : to;
  };
  return body.replace(TOKEN, (all, type, text) => (type ? `[${type} ${text.replace(WORD, replace)}]` : replace(all)));
}

/**
 * Distinct parts up to `target` bytes: the corpus bodies as they are, then passes of
 * recombined ones. Throws if two parts are equal.
 */
export function distinctCables(target, bodies, names) {
  const pools = namePools(bodies);
  const parts = [];
  const seen = new Set();
  let bytes = Buffer.byteLength(OPEN + CLOSE);
  const isRecombined = [];
  for (let pass = 0; bytes < target; pass++) {
    let added = 0;
    for (let i = 0; i < bodies.length && bytes < target; i++) {
      const part = (pass === 0 ? bodies[i] : recombine(bodies[i], pass, names[i], pools)) + '\n';
      if (seen.has(part)) continue; // a cable without a name to recombine
      seen.add(part);
      parts.push(part);
      isRecombined.push(pass > 0);
      bytes += Buffer.byteLength(part);
      added++;
    }
    if (added === 0) throw new Error('no more distinct cables can be made');
  }
  const built = wrapUpTo(parts, target);
  if (new Set(parts.slice(0, built.parts)).size !== built.parts) throw new Error('two parts of the input are equal');
  return { ...built, recombined: isRecombined.slice(0, built.parts).filter(Boolean).length };
}

// --- The inputs ------------------------------------------------------------------

/** The four throughput inputs, with their sizes and tag counts. */
export function loadInputs() {
  const files = corpusFiles();
  const names = files.map((f) => path.basename(f));
  const largest = files.reduce((a, b) => (fs.statSync(b).size > fs.statSync(a).size ? b : a));
  const bodies = files.map((f) => bodyOf(fs.readFileSync(f, 'utf8')));
  const oneMb = distinctCables(1 * MB, bodies, names);
  const tenMb = distinctCables(10 * MB, bodies, names);
  const inputs = [
    { id: 'seed', label: `seed (${path.basename(SEED_PATH)})`, text: fs.readFileSync(SEED_PATH, 'utf8'), cables: 1 },
    { id: 'largest', label: `largest corpus cable (${path.basename(largest)})`, text: fs.readFileSync(largest, 'utf8'), cables: 1 },
    { id: '1mb', label: `1 MB: ${oneMb.parts} distinct corpus cables`, text: oneMb.text, cables: oneMb.parts, recombined: oneMb.recombined },
    { id: '10mb', label: `10 MB: ${tenMb.parts} distinct cables (${tenMb.parts - tenMb.recombined} from the corpus, ${tenMb.recombined} with names recombined)`, text: tenMb.text, cables: tenMb.parts, recombined: tenMb.recombined },
  ];
  for (const i of inputs) {
    i.bytes = Buffer.byteLength(i.text);
    i.mb = i.bytes / MB;
    const lines = i.text.split('\n');
    i.lines = lines.length;
    i.maxLine = lines.reduce((m, l) => Math.max(m, l.length), 0);
    i.tags = countTags(i.text);
  }
  return { inputs, corpusFiles: files.length };
}

/**
 * The pathological inputs of test/unit/robustness.test.ts, at bench sizes. The 10 MB
 * line is the 10 MB input of distinct cables with its line ends made spaces.
 */
export function hostileInputs(tenMb) {
  const fill = (unit, bytes) => unit.repeat(Math.ceil(bytes / unit.length)).slice(0, bytes);
  return [
    { id: 'brackets', label: 'a megabyte of [', text: '['.repeat(MB) },
    { id: 'unclosed', label: '100,000 unclosed tags ([PER a⏎)', text: '[PER a\n'.repeat(100_000) },
    { id: 'openers', label: '[PER  repeated on one line, 1 MB', text: fill('[PER ', MB) },
    { id: 'closers', label: "100,000 stray ] (' ]' repeated)", text: ' ]'.repeat(100_000) },
    { id: 'parens', label: 'runs of ( ( (, 1 MB', text: fill('( ', MB) },
    { id: 'nul', label: 'NUL bytes, 1 MB', text: '\u0000'.repeat(MB) },
    { id: 'dashes', label: 'dash runs (--- a), 1 MB', text: fill('--- a ', MB) },
    { id: 'anchors', label: 'paragraph anchors, 1 MB', text: fill("<a id='par1' href='#par1'>¶</a>1 .\n", MB) },
    { id: 'line10mb', label: 'a 10 MB line (the 10 MB input, line ends as spaces)', text: tenMb.replace(/\r?\n/g, ' ') },
  ].map((i) => ({ ...i, bytes: Buffer.byteLength(i.text), mb: Buffer.byteLength(i.text) / MB }));
}
