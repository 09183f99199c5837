// Inputs for the performance scripts: the seed, the largest corpus cable, and
// texts of 1 MB and 10 MB made of DISTINCT corpus cables. The corpus holds
// about 4 MB, so past one pass the cables come back with their entity names
// changed (each tagged word and its untagged occurrences get a pass-specific
// letter shift), so that no cable text appears twice.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const MB = 1024 * 1024;
export const TAG_RE = /\[(PER|ORG|LOC|MISC) [^\]\n]*\]/g;
export const SEED_PATH = path.join(ROOT, 'seeds', '000_d5a32e40f8b893e0.txt');
export const CORPUS_DIR = path.join(ROOT, 'test', 'fixtures', 'corpus');

export function corpusFiles() {
  return fs.readdirSync(CORPUS_DIR).filter((f) => f.endsWith('.cable')).sort().map((f) => path.join(CORPUS_DIR, f));
}

const shift = (word, k) =>
  word.replace(/[A-Za-z]/g, (c) => {
    const base = c <= 'Z' ? 65 : 97;
    return String.fromCharCode(base + ((c.charCodeAt(0) - base + k) % 26));
  });

/** Cable `text` as pass `pass` gives it: pass 0 as it is, later passes with renamed entities. */
export function variant(text, pass) {
  if (pass === 0) return text;
  const words = new Set();
  for (const m of text.matchAll(/\[(?:PER|ORG|LOC|MISC) ([^\]\n]*)\]/g)) for (const w of m[1].match(/[A-Za-z]{2,}/g) ?? []) words.add(w);
  return text.replace(/\[[A-Za-z]+ |<a [^>]*>|[A-Za-z]+/g, (m) => (words.has(m) ? shift(m, pass * 7) : m));
}

/** Bodies of the corpus cables, without their wrappers, pass after pass. */
export function* distinctBodies() {
  const files = corpusFiles();
  const texts = files.map((f) => fs.readFileSync(f, 'utf8'));
  for (let pass = 0; ; pass++) {
    for (let i = 0; i < texts.length; i++) {
      yield { name: `${path.basename(files[i], '.cable')}${pass ? `-v${pass}` : ''}`, text: variant(texts[i], pass) };
    }
  }
}

export function unwrap(text) {
  return text.replace(/^\uFEFF?\s*<code><pre>/, '').replace(/<\/pre><\/code>\s*$/, '').trimEnd();
}

/** One cable of distinct corpus cables' bodies up to `target` UTF-8 bytes, wrapped once. */
export function synthetic(target) {
  const open = '<code><pre>';
  const close = '</pre></code>\n';
  const parts = [];
  let bytes = Buffer.byteLength(open + close);
  for (const { text } of distinctBodies()) {
    const piece = unwrap(text) + '\n';
    const b = Buffer.byteLength(piece);
    if (bytes + b > target) break;
    parts.push(piece);
    bytes += b;
  }
  return open + parts.join('') + close;
}

export function loadInputs(ids = ['seed', 'largest', '1mb', '10mb']) {
  const files = corpusFiles();
  let largest = files[0];
  for (const f of files) if (fs.statSync(f).size > fs.statSync(largest).size) largest = f;
  const make = {
    seed: () => fs.readFileSync(SEED_PATH, 'utf8'),
    largest: () => fs.readFileSync(largest, 'utf8'),
    '1mb': () => synthetic(MB),
    '10mb': () => synthetic(10 * MB),
  };
  return ids.map((id) => {
    const text = make[id]();
    return { id, text, bytes: Buffer.byteLength(text), mb: Buffer.byteLength(text) / MB };
  });
}

export const median = (xs) => quantile(xs, 0.5);
export function quantile(xs, q) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
}
