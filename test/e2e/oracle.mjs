// Expected values for the end-to-end checks, computed from the cables on disk
// with a small independent reading of the tags, so that the checks compare
// what VS Code shows with what the files hold.
//
// The reading follows the grouping rules documented at the top of
// server/src/core/entities.ts: keys (lower case, straight apostrophes, no
// trailing possessive, single spaces), a one-word PER group joining the one
// multi-word PER entity that ends in it, the majority type with full names
// weighing double. It only reads well-formed tags (`[TYPE text  ]` on one
// line, not nested); the checks use it on cables without tag problems.

import fs from 'node:fs';
import path from 'node:path';

/** The entity key of a mention's text. */
export function entityKey(text) {
  return text
    .toLowerCase()
    .replace(/[’‘`´]/g, "'")
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/\s*'s?$/, '')
    .trim();
}

const TAG = /\[([A-Za-z][A-Za-z0-9_-]*) ([^[\]\n]*?)\s*\]/g;

/** The well-formed tags of a cable, in text order, with 1-based line and column of their text. */
export function tagsOf(text) {
  const out = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    for (const m of lines[i].matchAll(TAG)) {
      const inner = m[2].trim();
      if (!inner) continue;
      const column = m.index + 1 + m[1].length + 2 + (m[2].length - m[2].trimStart().length);
      out.push({ type: m[1], text: inner, key: entityKey(inner), line: i + 1, column });
    }
  }
  return out;
}

const words = (key) => key.split(' ').length;

/** The entities of one cable: key → { key, type, mentions: tag[], definition: tag }. */
export function cableEntities(text) {
  const groups = new Map();
  for (const t of tagsOf(text)) {
    let g = groups.get(t.key);
    if (!g) groups.set(t.key, (g = { key: t.key, mentions: [] }));
    g.mentions.push(t);
  }
  const hasPer = (g) => g.mentions.some((m) => m.type === 'PER');
  for (const g of [...groups.values()]) {
    if (words(g.key) !== 1 || !hasPer(g)) continue;
    const full = [...groups.values()].filter((h) => h !== g && words(h.key) > 1 && h.key.endsWith(` ${g.key}`) && hasPer(h));
    if (full.length !== 1) continue;
    full[0].mentions.push(...g.mentions);
    groups.delete(g.key);
  }
  const entities = new Map();
  for (const g of groups.values()) {
    g.mentions.sort((a, b) => a.line - b.line || a.column - b.column);
    const most = Math.max(...g.mentions.map((m) => words(m.key)));
    const weights = new Map();
    for (const m of g.mentions) weights.set(m.type, (weights.get(m.type) || 0) + (most > 1 && words(m.key) === most ? 2 : 1));
    const best = Math.max(...weights.values());
    const tied = [...weights].filter(([, n]) => n === best).map(([t]) => t);
    const definition = g.mentions.find((m) => words(m.key) === most);
    const type = tied.length === 1 || !tied.includes(definition.type) ? tied[0] : definition.type;
    entities.set(g.key, { key: g.key, type, mentions: g.mentions, definition });
  }
  return entities;
}

/** Entities per type in one cable: Map type → count. */
export function typeCounts(text) {
  const counts = new Map();
  for (const e of cableEntities(text).values()) counts.set(e.type, (counts.get(e.type) || 0) + 1);
  return counts;
}

const CABLE_FIRST_LINE = /^(?:\uFEFF)?(?:<code><pre>|C O N F I D E N T I A L|S E C R E T|T O P S E C R E T|U N C L A S|UNCLAS|UNCLASSIFIED|CONFIDENTIAL|SECRET)/;

/**
 * The files of the workspace the index should hold: `.cable` files and `.txt` files that start
 * like a cable, outside the excluded top-level folders. `candidates` counts every `.cable` and
 * `.txt` file outside them (what the indexer lists before reading).
 */
export function workspaceCables(ws, excludedFolders) {
  const cables = [];
  let candidates = 0;
  const visit = (dir, rel) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.name.startsWith('.')) continue;
      if (e.isDirectory()) {
        if (!excludedFolders.includes(r)) visit(path.join(dir, e.name), r);
        continue;
      }
      if (!/\.(cable|txt)$/i.test(e.name)) continue;
      candidates++;
      const file = path.join(dir, e.name);
      const text = fs.readFileSync(file, 'utf8');
      if (/\.cable$/i.test(e.name) || CABLE_FIRST_LINE.test(text.split('\n', 1)[0])) {
        cables.push({ file, rel: r, name: e.name, cable: e.name.replace(/\.[^.]+$/, ''), text });
      }
    }
  };
  visit(ws, '');
  cables.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return { cables, candidates };
}

/** Where the entity with `key` occurs: [{ ...cable, entity }] for every cable that has it. */
export function occurrences(cables, key) {
  const out = [];
  for (const c of cables) {
    const entity = cableEntities(c.text).get(key);
    if (entity) out.push({ ...c, entity });
  }
  return out;
}

/** Whether the letters of `query` occur in `target` in order (both lower case). */
export function subsequence(query, target) {
  let i = 0;
  for (const ch of target) {
    if (ch === query[i]) i++;
    if (i === query.length) return true;
  }
  return query.length === 0;
}

/** Entity keys of the whole workspace matching `query` as a subsequence: key → { mentions, cables, types }. */
export function matchingEntities(cables, query) {
  const q = query.toLowerCase();
  const out = new Map();
  for (const c of cables) {
    for (const e of cableEntities(c.text).values()) {
      if (!subsequence(q, e.key)) continue;
      let m = out.get(e.key);
      if (!m) out.set(e.key, (m = { key: e.key, mentions: 0, cables: 0, types: new Set() }));
      m.mentions += e.mentions.length;
      m.cables++;
      m.types.add(e.type);
    }
  }
  return out;
}

/**
 * The untagged text of a cable with well-formed tags (each `[TYPE text  ]` becomes `text`) and
 * its entity spans, offsets in code points (as Python counts): { text, spans: [{ start, end, label, text }] }.
 */
export function untagged(tagged) {
  let text = '';
  let points = 0;
  const spans = [];
  let last = 0;
  const cps = (s) => [...s].length;
  for (const m of tagged.matchAll(/\[([A-Za-z][A-Za-z0-9_-]*) ([^[\]\n]*?)\s*\]/g)) {
    const before = tagged.slice(last, m.index);
    text += before;
    points += cps(before);
    const inner = m[2];
    spans.push({ start: points, end: points + cps(inner), label: m[1], text: inner });
    text += inner;
    points += cps(inner);
    last = m.index + m[0].length;
  }
  text += tagged.slice(last);
  return { text, spans };
}
