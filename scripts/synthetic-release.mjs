#!/usr/bin/env node
// A synthetic Cablegate release: N cables (251,287 by default, as the real
// release) built from the corpus cables' text with their entities replaced by
// names recombined from the corpus's own names. Distinct entities grow with
// the number of cables, and their frequencies follow a Zipf-like law, as in a
// real collection; no two cables are the same.
//
//   node scripts/synthetic-release.mjs OUT_DIR [--cables N] [--seed S]
//
// Cables go into folders of 1,000 (OUT_DIR/0000/…, OUT_DIR/0001/…), named
// like real ones (`09SYN123456.cable`). Deterministic for a given seed.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CORPUS = path.join(ROOT, 'test', 'fixtures', 'corpus');
const SEED = path.join(ROOT, 'seeds', '000_d5a32e40f8b893e0.txt');
const TAG = /\[(PER|ORG|LOC|MISC) +([^[\]\n]*?) *\]/g;
export const RELEASE_SIZE = 251_287;

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
function vocabulary(templates) {
  const words = { first: new Set(), last: new Set(), ORG: new Set(), LOC: new Set(), MISC: new Set() };
  for (const text of templates) {
    for (const m of text.matchAll(TAG)) {
      const name = m[2].replace(/’s$|'s$/, '').trim();
      if (!name || /[[\]]/.test(name)) continue;
      if (m[1] === 'PER') {
        const parts = name.split(/\s+/).filter((p) => /^[A-Z][a-z’'-]+$/.test(p));
        if (parts.length >= 2) words.first.add(parts[0]);
        if (parts.length >= 1) words.last.add(parts[parts.length - 1]);
      } else {
        words[m[1]].add(name);
      }
    }
  }
  return Object.fromEntries(Object.entries(words).map(([k, v]) => [k, [...v].sort()]));
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

/** Cable `i`: a template's text with its entities mapped to synthetic ones. */
export function syntheticCable(templates, vocab, i, total, seed = 1) {
  const rand = random(seed * 1_000_003 + i);
  const text = templates[i % templates.length];
  const mapped = new Map();
  const surnames = new Map();
  const out = text.replace(TAG, (whole, type, name) => {
    const key = `${type}:${name.toLowerCase()}`;
    let chosen = mapped.get(key);
    if (!chosen) {
      // A one-word person that is the surname of a full name already mapped keeps that surname.
      const single = type === 'PER' && !/\s/.test(name) ? surnames.get(name.toLowerCase()) : undefined;
      if (single) chosen = single;
      else {
        const rank = zipf(rand, universe(type, Math.max(i, total / 50)));
        chosen = nameOf(vocab, type, rank);
        if (type === 'PER' && /\s/.test(name)) {
          const surname = name.split(/\s+/).pop().toLowerCase();
          if (!surnames.has(surname)) surnames.set(surname, chosen.split(' ').pop());
        }
      }
      mapped.set(key, chosen);
    }
    const closing = whole.match(/( *)\]$/)[1];
    return `[${type} ${chosen}${closing}]`;
  });
  // A distinct reference number in the header.
  return out.replace(/\b(\d\d)([A-Z]+)(\d+)\b/, (_, yy, post) => `${yy}${post}${900000 + i}`);
}

export function cableName(i) {
  const year = String(3 + (i % 8)).padStart(2, '0');
  return `${year}SYN${String(i).padStart(6, '0')}.cable`;
}

/** Writes the release; returns bytes written. Calls `progress(done)` now and then. */
export function writeRelease(out, { cables = RELEASE_SIZE, seed = 1, progress = () => {} } = {}) {
  const templates = loadTemplates();
  const vocab = vocabulary(templates);
  let bytes = 0;
  for (let i = 0; i < cables; i++) {
    const folder = path.join(out, String(Math.floor(i / 1000)).padStart(4, '0'));
    if (i % 1000 === 0) fs.mkdirSync(folder, { recursive: true });
    const text = syntheticCable(templates, vocab, i, cables, seed);
    fs.writeFileSync(path.join(folder, cableName(i)), text);
    bytes += Buffer.byteLength(text);
    if (i % 10_000 === 0) progress(i);
  }
  return bytes;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const args = process.argv.slice(2);
  const out = args.find((a) => !a.startsWith('--'));
  const option = (name, fallback) => {
    const i = args.indexOf(name);
    return i >= 0 ? Number(args[i + 1]) : fallback;
  };
  if (!out) {
    process.stderr.write('Usage: node scripts/synthetic-release.mjs OUT_DIR [--cables N] [--seed S]\n');
    process.exit(2);
  }
  const started = Date.now();
  const bytes = writeRelease(out, { cables: option('--cables', RELEASE_SIZE), seed: option('--seed', 1), progress: (n) => process.stderr.write(`\r${n.toLocaleString('en-US')} cables`) });
  process.stderr.write(`\r${option('--cables', RELEASE_SIZE).toLocaleString('en-US')} cables, ${(bytes / 1e6).toFixed(0)} MB in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}
