// Grouping of mentions into entities. The rules, in order:
//  1. Mentions with the same key are one entity. The key is the text
//     lower-cased, with curly apostrophes made straight, a trailing possessive
//     (`’s`, `'s`, `’`) dropped and runs of spaces made one:
//     `STEVEN COSTNER` = `Steven Costner`; `UK’s` = `UK`.
//  2. A one-word group that has a PER mention joins a person's full name when
//     that word is the last word of exactly one multi-word PER entity
//     (`Pickard` joins `Nicolas Pickard`); with two such people it stays apart.
//  3. Types do not split entities: `[ORG Ford  ]` and `[PER Ford  ]` are one
//     entity with a type conflict. Its type is the majority type, a full
//     name's mentions weighing double; ties go to the fullest form's type
//     (`Andrew Ford` PER 2 + `Ford` PER 1 against `Ford` ORG 3: PER).
// Unclosed and nested tags are left out.

import { CableDocument, EntityMention } from './model';

export interface Entity {
  id: number;
  key: string;
  /** The display name: the most frequent of the fullest forms, mixed case preferred. */
  name: string;
  /** The most frequent type (ties: the first mention's type). */
  type: string;
  typeCounts: Map<string, number>;
  /** Indexes into `CableDocument.mentions`, in text order. */
  mentions: number[];
  /** Surface forms with their counts, most frequent first. */
  forms: Array<{ text: string; count: number }>;
  /** The first mention of the fullest form: where Go to Definition goes. */
  definition: number;
}

export interface EntityIndex {
  entities: Entity[];
  /** Entity id per mention index; -1 for mentions left out. */
  entityOfMention: Int32Array;
}

const NEEDS_NORMALISING = /[’‘`´'\s]/;

export function entityKey(text: string): string {
  const lower = text.toLowerCase();
  if (!NEEDS_NORMALISING.test(lower)) return lower;
  return lower
    .replace(/[’‘`´]/g, "'")
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/\s*'s?$/, '')
    .trim();
}

export function isGroupable(m: EntityMention): boolean {
  return m.closeSpan !== undefined && !m.nested && !m.containsTag && m.text.length > 0;
}

export function groupEntities(doc: CableDocument): EntityIndex {
  const mentions = doc.mentions;
  const entityOfMention = new Int32Array(mentions.length).fill(-1);
  const groups = new Map<string, number[]>();
  const keys: string[] = new Array(mentions.length);
  for (let i = 0; i < mentions.length; i++) {
    const m = mentions[i];
    if (!isGroupable(m)) continue;
    const key = (keys[i] = entityKey(m.text));
    if (key.length === 0) continue;
    let list = groups.get(key);
    if (!list) groups.set(key, (list = []));
    list.push(i);
  }

  // Rule 2: surnames join the one full name they belong to.
  const fullNamesBySurname = new Map<string, string[]>();
  for (const [key, list] of groups) {
    if (!key.includes(' ') || !list.some((i) => mentions[i].type === 'PER')) continue;
    const surname = key.slice(key.lastIndexOf(' ') + 1);
    const names = fullNamesBySurname.get(surname);
    if (names) names.push(key);
    else fullNamesBySurname.set(surname, [key]);
  }
  for (const [key, list] of [...groups]) {
    if (key.includes(' ') || !list.some((i) => mentions[i].type === 'PER')) continue;
    const names = fullNamesBySurname.get(key);
    if (!names || names.length !== 1) continue;
    const target = groups.get(names[0])!;
    target.push(...list);
    target.sort((a, b) => a - b);
    groups.delete(key);
  }

  const entities: Entity[] = [];
  for (const [key, list] of groups) {
    const entity = describe(entities.length, key, list, mentions, keys);
    for (const i of list) entityOfMention[i] = entity.id;
    entities.push(entity);
  }
  entities.sort((a, b) => a.mentions[0] - b.mentions[0]);
  entities.forEach((e, id) => {
    e.id = id;
    for (const i of e.mentions) entityOfMention[i] = id;
  });
  return { entities, entityOfMention };
}

function describe(id: number, key: string, list: number[], mentions: EntityMention[], keys: string[]): Entity {
  const typeCounts = new Map<string, number>();
  const formCounts = new Map<string, number>();
  for (const i of list) {
    const m = mentions[i];
    typeCounts.set(m.type, (typeCounts.get(m.type) ?? 0) + 1);
    formCounts.set(m.text, (formCounts.get(m.text) ?? 0) + 1);
  }
  const fullest = list.reduce((max, i) => Math.max(max, keys[i].length), 0);
  const isFullest = (text: string) => entityKey(text).length === fullest;
  const definition = list.find((i) => keys[i].length === fullest)!;

  // Rule 3: the entity's type is the majority type, where a multi-word
  // fullest form (a full name) weighs double; ties go to the fullest form's type.
  const fullName = keys[definition].includes(' ');
  const weights = new Map<string, number>();
  for (const i of list) {
    const w = fullName && keys[i].length === fullest ? 2 : 1;
    weights.set(mentions[i].type, (weights.get(mentions[i].type) ?? 0) + w);
  }
  let type = mentions[definition].type;
  for (const [t, w] of weights) if (w > (weights.get(type) ?? 0)) type = t;
  const forms = [...formCounts].map(([text, count]) => ({ text, count })).sort((a, b) => b.count - a.count);
  // Prefer a plain form over a possessive, then mixed case over capitals.
  const rank = (t: string) => (/['’]s?$/.test(t) ? 2 : 0) + (t === t.toUpperCase() && t !== t.toLowerCase() ? 1 : 0);
  const candidates = forms.filter((f) => isFullest(f.text));
  const name = candidates.reduce((best, f) => (rank(f.text) < rank(best.text) ? f : best)).text;
  return { id, key, name, type, typeCounts, mentions: list, forms, definition };
}

/** The index of the mention whose tag covers `offset`, or -1. */
export function mentionAt(doc: CableDocument, offset: number, touching = false): number {
  const mentions = doc.mentions;
  // Mentions are sorted by start: find the last one starting at or before offset.
  let lo = 0;
  let hi = mentions.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (mentions[mid].span.start <= offset) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  // Nested tags: the innermost covering mention is the latest start that covers.
  for (let i = found; i >= 0 && i > found - 8; i--) {
    const s = mentions[i].span;
    if (offset < s.end || (touching && offset === s.end)) return i;
  }
  return -1;
}

export const TYPE_NAMES: Record<string, string> = {
  PER: 'Person',
  ORG: 'Organization',
  LOC: 'Location',
  MISC: 'Miscellaneous',
  PERSON: 'Person',
  NORP: 'Nationality, religious or political group',
  FAC: 'Facility',
  GPE: 'Geopolitical entity',
  PRODUCT: 'Product',
  EVENT: 'Event',
  WORK_OF_ART: 'Work of art',
  LAW: 'Law',
  LANGUAGE: 'Language',
  DATE: 'Date',
  TIME: 'Time',
  PERCENT: 'Percentage',
  MONEY: 'Money',
  QUANTITY: 'Quantity',
  ORDINAL: 'Ordinal',
  CARDINAL: 'Cardinal number',
};

export function typeName(type: string): string {
  return TYPE_NAMES[type] ?? type;
}
