#!/usr/bin/env node
// A synthetic Cablegate release: N cables (251,287 by default, as the real
// release) built from the corpus cables' text with their entities replaced by
// names recombined from the corpus's own names. Distinct entities grow with
// the number of cables, and their frequencies follow a Zipf-like law, as in a
// real collection; no two cables are the same.
//
//   node scripts/synthetic-release.mjs OUT_DIR [--cables N] [--seed S] [--words W]
//
// Cables go into folders of 1,000 (OUT_DIR/0000/…, OUT_DIR/0001/…), named
// like real ones (`09SYN123456.cable`), with OUT_DIR/release.json describing
// the release (cables, seed, words, bytes, generator version). Deterministic
// for a given seed.
//
// Length: the real release averages 1,040 words a cable (WikiLeaks counted
// 261,276,536 words in its 251,287 cables), the corpus 1,521 (its text with
// tag markup, anchors and wrappers left out, split at white space). So each
// cable keeps its template's header and its leading paragraphs up to a
// fraction f of the template's length (f uniform in [f0, 1], cut before a
// paragraph anchor, the closing wrapper kept), with f0 chosen so that the
// mean is --words (1,040 by default; 0 keeps every template whole, about
// 11 KB a cable).
//
// Names: every tag's name is replaced, the same name the same way within a
// cable, by a synthetic entity of the same type drawn by a Zipf-like law from
// a universe that grows with the release; the form of the original is kept
// (all capitals stay capitals, a possessive stays a possessive), persons
// named by their surname alone get a surname alone, or the surname of the
// full name they stand for in that cable. The names of each type are ranked
// by their frequency in the corpus, so the most frequent synthetic entities
// bear the corpus's most frequent names.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CORPUS = path.join(ROOT, 'test', 'fixtures', 'corpus');
const SEED = path.join(ROOT, 'seeds', '000_d5a32e40f8b893e0.txt');
const TAG = /\[(PER|ORG|LOC|MISC) +([^[\]\n]*?) *\]/g;
export const RELEASE_SIZE = 251_287;
/** Words per cable in the real release: 261,276,536 words in 251,287 cables (WikiLeaks' count). */
export const RELEASE_MEAN_WORDS = 1040;
/** Bumped whenever the output for a given seed changes (the bench reuses a release of the same version). */
export const GENERATOR_VERSION = 3;
const ANCHOR = /<a id='par/g;
const POSSESSIVE = /(['’][sS])$/;

/** A small, fast, seeded generator (mulberry32). */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A rank in [0, n) with P(r) ∝ 1 / (r + 1)^s, by inverting the continuous approximation. */
function zipf(rand, n, s = 1.07) {
  const u = rand();
  const a = 1 - s;
  const max = Math.pow(n + 1, a) - 1;
  return Math.min(n - 1, Math.floor(Math.pow(1 + u * max, 1 / a)) - 1);
}

function loadTemplates() {
  const files = fs.readdirSync(CORPUS).filter((f) => f.endsWith('.cable')).sort().map((f) => path.join(CORPUS, f));
  return [SEED, ...files].map((f) => fs.readFileSync(f, 'utf8'));
}

/** The corpus's own words for names, per type: first names, surnames, and multi-word names. */
/**
 * The corpus's own words for names, per type: first names, surnames, and
 * whole names of the other types, most frequent first (rank 0 is the
 * corpus's most frequent `U.S.`-like name, as in a real release), the same
 * name in other capitals counted as one.
 */
function vocabulary(templates) {
  const words = { first: new Map(), last: new Map(), ORG: new Map(), LOC: new Map(), MISC: new Map() };
  const count = (map, name) => {
    const key = name.toLowerCase();
    const entry = map.get(key) ?? { name, n: 0 };
    // The form written most carefully (not all capitals) names the entry.
    if (entry.name === entry.name.toUpperCase() && name !== name.toUpperCase()) entry.name = name;
    entry.n++;
    map.set(key, entry);
  };
  for (const text of templates) {
    for (const m of text.matchAll(TAG)) {
      const name = m[2].replace(/’s$|'s$/, '').trim();
      if (!name || /[[\]]/.test(name)) continue;
      if (m[1] === 'PER') {
        const parts = name.split(/\s+/).filter((p) => /^[A-Z][a-z’'-]+$/.test(p));
        if (parts.length >= 2) count(words.first, parts[0]);
        if (parts.length >= 1) count(words.last, parts[parts.length - 1]);
      } else {
        count(words[m[1]], name);
      }
    }
  }
  const byFrequency = (map) => [...map.values()].sort((a, b) => b.n - a.n || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)).map((e) => e.name);
  return Object.fromEntries(Object.entries(words).map(([k, v]) => [k, byFrequency(v)]));
}

/** The name of the entity of a type with a given rank: recombined, so every rank has its own name. */
function nameOf(vocab, type, rank) {
  const pick = (list, k) => list[k % list.length];
  if (type === 'PER') {
    const first = pick(vocab.first, rank);
    const last = pick(vocab.last, Math.floor(rank / vocab.first.length) * 7919 + rank);
    return `${first} ${last}`;
  }
  const list = vocab[type];
  const base = pick(list, rank);
  const round = Math.floor(rank / list.length);
  if (round === 0) return base;
  const suffix = type === 'LOC' ? ['North', 'South', 'East', 'West', 'Upper', 'Lower', 'New', 'Port'] : type === 'ORG' ? ['Council', 'Bureau', 'Front', 'Union', 'Agency', 'League', 'Group', 'Office'] : ['Northern', 'Southern', 'Eastern', 'Western', 'Coastal', 'Highland', 'Island', 'Central'];
  const word = suffix[round % suffix.length];
  const second = pick(list, rank * 31 + round);
  return type === 'LOC' || type === 'MISC' ? `${word} ${base}${round >= suffix.length ? ` ${second.split(' ')[0]}` : ''}` : `${base} ${word}${round >= suffix.length ? ` of ${second.split(' ')[0]}` : ''}`;
}

/** How many distinct entities of a type the release has after `cables` cables: it grows with the release. */
function universe(type, cables) {
  const perCable = { PER: 1.5, ORG: 1.0, LOC: 0.6, MISC: 0.4 }[type];
  return Math.max(200, Math.floor(400 + perCable * cables));
}

/** Words of a text as the length calibration counts them: tag markup, anchors and wrappers left out. */
export function wordCount(text) {
  const plain = text.replace(TAG, '$2').replace(/<a id=[^>]*>¶<\/a>/g, '').replace(/<\/?(?:code|pre)>/g, '');
  let n = 0;
  for (const w of plain.split(/\s+/)) if (/[A-Za-z0-9]/.test(w)) n++;
  return n;
}

/** A template's cut points (before each paragraph anchor but the first) with the words before each, and its closing wrapper. */
function shape(text) {
  const end = text.lastIndexOf('</pre></code>');
  const body = end < 0 ? text.length : end;
  const cuts = [];
  let first = true;
  for (const m of text.matchAll(ANCHOR)) {
    if (m.index >= body) break;
    if (first) {
      first = false;
      continue;
    }
    cuts.push(m.index);
  }
  const words = cuts.map((c) => wordCount(text.slice(0, c)));
  return { text, body, tail: end < 0 ? '' : text.slice(end), cuts, words, total: wordCount(text) };
}

/** The template cut at the first paragraph anchor at or after fraction `f` of its body (the whole template for f ≥ 1). */
function cutAt(t, f) {
  if (f >= 1) return t.text;
  const at = t.cuts.find((c) => c >= f * t.body);
  return at === undefined ? t.text : t.text.slice(0, at) + t.tail;
}

function wordsAt(t, f) {
  if (f >= 1) return t.total;
  const i = t.cuts.findIndex((c) => c >= f * t.body);
  return i < 0 ? t.total : t.words[i] + wordCount(t.tail);
}

/** The lower end f0 of the kept fraction giving `meanWords` on average over the templates (0 when they are short already). */
export function calibrate(shapes, meanWords) {
  if (!meanWords) return 1;
  const mean = (f0) => {
    let sum = 0;
    const steps = 32;
    for (const t of shapes) for (let k = 0; k < steps; k++) sum += wordsAt(t, f0 + ((1 - f0) * (k + 0.5)) / steps);
    return sum / (shapes.length * steps);
  };
  if (mean(0) >= meanWords) return 0;
  if (mean(1) <= meanWords) return 1;
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < 30; i++) {
    const mid = (lo + hi) / 2;
    if (mean(mid) < meanWords) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** The form of `original` (capitals, possessive) given to a chosen name. */
function inFormOf(original, chosen, possessive) {
  const letters = original.replace(/[^A-Za-z]/g, '');
  const upper = letters.length > 1 && letters === letters.toUpperCase();
  return (upper ? chosen.toUpperCase() : chosen) + (possessive ?? '');
}

/** Cable `i`: a template's text, cut to its length, with its entities mapped to synthetic ones. */
export function syntheticCable(templates, vocab, i, total, seed = 1, f0 = 1) {
  const rand = random(seed * 1_000_003 + i);
  const template = templates[i % templates.length];
  const t = typeof template === 'string' ? shape(template) : template;
  const f = f0 >= 1 ? 1 : f0 + (1 - f0) * rand();
  const text = cutAt(t, f);
  const pick = (type) => nameOf(vocab, type, zipf(rand, universe(type, Math.max(i, total / 50))));
  const bare = (name) => name.replace(POSSESSIVE, '').trim();
  // Full person names first, so that a surname alone follows the full name it stands for.
  const mapped = new Map();
  const surnames = new Map();
  for (const m of text.matchAll(TAG)) {
    const name = bare(m[2]);
    if (m[1] !== 'PER' || !/\s/.test(name) || mapped.has(`PER:${name.toLowerCase()}`)) continue;
    const chosen = pick('PER');
    mapped.set(`PER:${name.toLowerCase()}`, chosen);
    const surname = name.split(/\s+/).pop().toLowerCase();
    if (!surnames.has(surname)) surnames.set(surname, chosen.split(' ').pop());
  }
  const out = text.replace(TAG, (whole, type, written) => {
    const name = bare(written);
    const key = `${type}:${name.toLowerCase()}`;
    let chosen = mapped.get(key);
    if (!chosen) {
      if (type === 'PER' && !/\s/.test(name)) chosen = surnames.get(name.toLowerCase()) ?? pick('PER').split(' ').pop();
      else chosen = pick(type);
      mapped.set(key, chosen);
    }
    const closing = whole.match(/( *)\]$/)[1];
    return `[${type} ${inFormOf(name, chosen, POSSESSIVE.exec(written.trim())?.[1])}${closing}]`;
  });
  // A distinct reference number in the header.
  return out.replace(/\b(\d\d)([A-Z]+)(\d+)\b/, (_, yy, post) => `${yy}${post}${900000 + i}`);
}

export function cableName(i) {
  const year = String(3 + (i % 8)).padStart(2, '0');
  return `${year}SYN${String(i).padStart(6, '0')}.cable`;
}

/** Writes the release and OUT/release.json; returns the description written there. Calls `progress(done)` now and then. */
export function writeRelease(out, { cables = RELEASE_SIZE, seed = 1, words = RELEASE_MEAN_WORDS, progress = () => {} } = {}) {
  const templates = loadTemplates();
  const vocab = vocabulary(templates);
  const shapes = templates.map(shape);
  const f0 = calibrate(shapes, words);
  let bytes = 0;
  let wordTotal = 0;
  for (let i = 0; i < cables; i++) {
    const folder = path.join(out, String(Math.floor(i / 1000)).padStart(4, '0'));
    if (i % 1000 === 0) fs.mkdirSync(folder, { recursive: true });
    const text = syntheticCable(shapes, vocab, i, cables, seed, f0);
    fs.writeFileSync(path.join(folder, cableName(i)), text);
    bytes += Buffer.byteLength(text);
    wordTotal += wordCount(text);
    if (i % 10_000 === 0) progress(i);
  }
  const description = { generatorVersion: GENERATOR_VERSION, cables, seed, meanWordsTarget: words, keptFractionFrom: Number(f0.toFixed(4)), bytes, meanBytes: Math.round(bytes / cables), meanWords: Math.round(wordTotal / cables) };
  fs.writeFileSync(path.join(out, 'release.json'), JSON.stringify(description, null, 2) + '\n');
  return description;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const args = process.argv.slice(2);
  const out = args.find((a) => !a.startsWith('--'));
  const option = (name, fallback) => {
    const i = args.indexOf(name);
    return i >= 0 ? Number(args[i + 1]) : fallback;
  };
  if (!out) {
    process.stderr.write('Usage: node scripts/synthetic-release.mjs OUT_DIR [--cables N] [--seed S] [--words W]\n');
    process.exit(2);
  }
  const started = Date.now();
  const cables = option('--cables', RELEASE_SIZE);
  const d = writeRelease(out, { cables, seed: option('--seed', 1), words: option('--words', RELEASE_MEAN_WORDS), progress: (n) => process.stderr.write(`\r${n.toLocaleString('en-US')} cables`) });
  process.stderr.write(`\r${cables.toLocaleString('en-US')} cables, ${(d.bytes / 1e6).toFixed(0)} MB (${(d.meanBytes / 1024).toFixed(1)} KB and ${d.meanWords} words a cable) in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}
