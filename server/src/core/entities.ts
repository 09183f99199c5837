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
import { tagsOf } from './parser';
import { F, Flag, TagTable } from './tagTable';
import { memoized } from './memo';
import { countWhere } from './sorted';

export interface Entity {
  id: number;
  key: string;
  /** The display name: the most frequent of the fullest forms, mixed case preferred. */
  name: string;
  /** The most frequent type (ties: the first mention's type). */
  type: string;
  typeCounts: Map<string, number>;
  /** Types of its tags that are not entity types (`Per`), which have no say in `type` while a tag has a known type; else empty. */
  silentTypes: string[];
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

/**
 * Mention texts interned: a text as written (found by a hash of its
 * characters, without slicing it) → its form (the text with runs of white
 * space made one space) → its entity key. Kept across the versions of a
 * document, so an edit computes the keys of the tags it touched only.
 */
export class FormTable {
  /** Per form: its text, its key id. */
  readonly formText: string[] = [];
  readonly formKey: number[] = [];
  /** Per key: its text, its length, whether it has a space. */
  readonly keyText: string[] = [];
  readonly keyLength: number[] = [];
  readonly keyHasSpace: boolean[] = [];
  private readonly formIds = new Map<string, number>();
  private readonly keyIds = new Map<string, number>();
  // Raw texts: open addressing on a hash of their characters.
  private rawText: string[] = [];
  private rawForm: number[] = [];
  private rawHash: number[] = [];
  private slots = new Int32Array(1024).fill(-1);

  get rawCount(): number {
    return this.rawText.length;
  }

  /** The form id of `text.slice(start, end)`. */
  formAt(text: string, start: number, end: number): number {
    let h = 0x811c9dc5 | 0;
    for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
    const mask = this.slots.length - 1;
    const length = end - start;
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const id = this.slots[s];
      if (id < 0) return this.addRaw(s, h, text.slice(start, end));
      if (this.rawHash[id] === h) {
        const raw = this.rawText[id];
        if (raw.length === length && text.startsWith(raw, start)) return this.rawForm[id];
      }
    }
  }

  private addRaw(slot: number, hash: number, raw: string): number {
    const form = this.formOf(HAS_SPACE.test(raw) ? raw.replace(SPACES, ' ') : raw);
    const id = this.rawText.length;
    this.rawText.push(detached(raw));
    this.rawForm.push(form);
    this.rawHash.push(hash);
    this.slots[slot] = id;
    if (this.rawText.length * 2 > this.slots.length) this.rehash();
    return form;
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2).fill(-1);
    const mask = slots.length - 1;
    for (let id = 0; id < this.rawHash.length; id++) {
      let s = this.rawHash[id] & mask;
      while (slots[s] >= 0) s = (s + 1) & mask;
      slots[s] = id;
    }
    this.slots = slots;
  }

  private readonly ranks: number[] = [];
  private readonly uppers: string[] = [];
  private readonly firstWords: Array<string | null> = [];
  private readonly upperFirstWords: Array<string | null> = [];

  /** The form id of a form's text, or -1. */
  formIdOf(text: string): number {
    return this.formIds.get(text) ?? -1;
  }

  /** How a form ranks as a display name: plain before possessive, mixed case before capitals. */
  rank(form: number): number {
    let r = this.ranks[form];
    if (r === undefined) {
      const t = this.formText[form];
      r = this.ranks[form] = (/['’]s?$/.test(t) ? 2 : 0) + (t === this.upper(form) && t !== t.toLowerCase() ? 1 : 0);
    }
    return r;
  }

  /** The form in capitals. */
  upper(form: number): string {
    return (this.uppers[form] ??= this.formText[form].toUpperCase());
  }

  /** The first word (letters and digits) of the form, or of its capitals; null when it starts otherwise. */
  firstWord(form: number, upper: boolean): string | null {
    const cache = upper ? this.upperFirstWords : this.firstWords;
    let w = cache[form];
    if (w === undefined) w = cache[form] = FIRST_WORD.exec(upper ? this.upper(form) : this.formText[form])?.[0] ?? null;
    return w;
  }

  private formOf(text: string): number {
    let id = this.formIds.get(text);
    if (id === undefined) {
      id = this.formText.length;
      const key = entityKey(text);
      let keyId = this.keyIds.get(key);
      if (keyId === undefined) {
        keyId = this.keyText.length;
        this.keyIds.set(key, keyId);
        this.keyText.push(key);
        this.keyLength.push(key.length);
        this.keyHasSpace.push(key.includes(' '));
      }
      this.formIds.set(text, id);
      this.formText.push(text);
      this.formKey.push(keyId);
    }
    return id;
  }
}

const SPACES = /\s+/g;
const HAS_SPACE = /\s/;
const FIRST_WORD = /^[\p{L}\p{N}]+/u;

/** A copy that does not keep the whole text alive (a slice of it would). */
function detached(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}

export function groupEntities(doc: CableDocument, forms?: FormTable): EntityIndex {
  // Without a table of its analysis: one of its own for the document.
  forms ??= memoized(doc, 'forms', () => new FormTable());
  const table = tagsOf(doc);
  const text = doc.text;
  const n = table.count;
  const d = table.data;
  const entityOfMention = new Int32Array(n).fill(-1);
  const perId = table.types.indexOf('PER');
  if (table.forms !== forms) {
    for (let i = 0; i < n; i++) d[i * F.Stride + F.Form] = -1;
    table.forms = forms;
  }

  // Mentions by key, in text order (a counting sort over key ids).
  const mentionKey = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    if (!table.groupable(i)) continue;
    const o = i * F.Stride;
    let form = d[o + F.Form];
    if (form < 0) d[o + F.Form] = form = forms.formAt(text, d[o + F.TextStart], d[o + F.TextEnd]);
    const key = forms.formKey[form];
    if (forms.keyLength[key] > 0) mentionKey[i] = key;
  }
  const keyCount = forms.keyText.length;
  const groupOfKey = new Int32Array(keyCount).fill(-1);
  const groupKey: number[] = [];
  const groupSize: number[] = [];
  const groupPer: boolean[] = [];
  for (let i = 0; i < n; i++) {
    const key = mentionKey[i];
    if (key < 0) continue;
    let g = groupOfKey[key];
    if (g < 0) {
      g = groupOfKey[key] = groupKey.length;
      groupKey.push(key);
      groupSize.push(0);
      groupPer.push(false);
    }
    groupSize[g]++;
    if (d[i * F.Stride + F.Type] === perId) groupPer[g] = true;
  }
  const G = groupKey.length;
  const groupStart = new Int32Array(G + 1);
  for (let g = 0; g < G; g++) groupStart[g + 1] = groupStart[g] + groupSize[g];
  const members = new Int32Array(groupStart[G]);
  const fill = groupStart.slice(0, G);
  for (let i = 0; i < n; i++) if (mentionKey[i] >= 0) members[fill[groupOfKey[mentionKey[i]]]++] = i;

  // Rule 2: surnames join the one full name they belong to.
  const fullNamesBySurname = new Map<string, number[]>();
  for (let g = 0; g < G; g++) {
    const key = groupKey[g];
    if (!forms.keyHasSpace[key] || !groupPer[g]) continue;
    const keyText = forms.keyText[key];
    const surname = keyText.slice(keyText.lastIndexOf(' ') + 1);
    const names = fullNamesBySurname.get(surname);
    if (names) names.push(g);
    else fullNamesBySurname.set(surname, [g]);
  }
  /** Per group: the group it joined (rule 2), or -1; the other group joining it, or -1. */
  const joined = new Int32Array(G).fill(-1);
  const joinedBy = new Int32Array(G).fill(-1);
  if (fullNamesBySurname.size > 0) {
    for (let g = 0; g < G; g++) {
      const key = groupKey[g];
      if (forms.keyHasSpace[key] || !groupPer[g]) continue;
      const names = fullNamesBySurname.get(forms.keyText[key]);
      if (!names || names.length !== 1) continue;
      joined[g] = names[0];
      joinedBy[names[0]] = g;
    }
  }

  const entities: Entity[] = [];
  const scratch = new Scratch(forms.formText.length, table.types.length);
  for (let g = 0; g < G; g++) {
    if (joined[g] >= 0) continue;
    let list = new Array<number>(groupStart[g + 1] - groupStart[g]);
    for (let k = 0, m = groupStart[g]; m < groupStart[g + 1]; k++, m++) list[k] = members[m];
    const other = joinedBy[g];
    if (other >= 0) list = mergeSorted(list, members.subarray(groupStart[other], groupStart[other + 1]));
    entities.push(describe(entities.length, forms.keyText[groupKey[g]], list, table, forms, scratch));
  }
  entities.sort((a, b) => a.mentions[0] - b.mentions[0]);
  for (let id = 0; id < entities.length; id++) {
    const e = entities[id];
    e.id = id;
    for (const i of e.mentions) entityOfMention[i] = id;
  }
  return { entities, entityOfMention };
}

function mergeSorted(a: number[], b: Int32Array): number[] {
  const out = new Array<number>(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = a[i] <= b[j] ? a[i++] : b[j++];
  while (i < a.length) out[k++] = a[i++];
  while (j < b.length) out[k++] = b[j++];
  return out;
}

/** Counters by form id and by type id, reset after each entity. */
class Scratch {
  readonly formCount: Int32Array;
  readonly typeCount: Int32Array;
  readonly typeWeight: Int32Array;
  constructor(forms: number, types: number) {
    this.formCount = new Int32Array(forms);
    this.typeCount = new Int32Array(types);
    this.typeWeight = new Int32Array(types);
  }
}

function describe(id: number, key: string, list: number[], table: TagTable, forms: FormTable, scratch: Scratch): Entity {
  const d = table.data;
  const { formCount, typeCount, typeWeight } = scratch;
  const typeOrder: number[] = [];
  const formOrder: number[] = [];
  let fullest = 0;
  for (const i of list) {
    const o = i * F.Stride;
    const t = d[o + F.Type];
    if (typeCount[t]++ === 0) typeOrder.push(t);
    const f = d[o + F.Form];
    if (formCount[f]++ === 0) formOrder.push(f);
    const length = forms.keyLength[forms.formKey[f]];
    if (length > fullest) fullest = length;
  }
  let definition = list[0];
  for (const i of list) {
    if (forms.keyLength[forms.formKey[d[i * F.Stride + F.Form]]] === fullest) {
      definition = i;
      break;
    }
  }

  // Rule 3: the entity's type is the majority type, where a multi-word
  // fullest form (a full name) weighs double; ties go to the fullest form's type.
  // Unknown types (`[Per …]`) have no say while a mention has a known one.
  const fullName = forms.keyHasSpace[forms.formKey[d[definition * F.Stride + F.Form]]];
  let anyKnown = false;
  for (const i of list) if ((d[i * F.Stride + F.Flags] & Flag.Known) !== 0) anyKnown = true;
  const silent: number[] = [];
  for (const i of list) {
    const o = i * F.Stride;
    if (anyKnown && (d[o + F.Flags] & Flag.Known) === 0) {
      if (!silent.includes(d[o + F.Type])) silent.push(d[o + F.Type]);
      continue;
    }
    const w = fullName && forms.keyLength[forms.formKey[d[o + F.Form]]] === fullest ? 2 : 1;
    typeWeight[d[o + F.Type]] += w;
  }
  let type = d[definition * F.Stride + F.Type];
  for (const t of typeOrder) if (typeWeight[t] > typeWeight[type]) type = t;

  const typeCounts = new Map<string, number>();
  for (const t of typeOrder) {
    typeCounts.set(table.types[t], typeCount[t]);
    typeCount[t] = 0;
    typeWeight[t] = 0;
  }
  const order = formOrder.map((f) => ({ f, count: formCount[f] })).sort((a, b) => b.count - a.count);
  for (const f of formOrder) formCount[f] = 0;
  const formList = order.map(({ f, count }) => ({ text: forms.formText[f], count }));
  // Prefer a plain form over a possessive, then mixed case over capitals.
  let name: string | undefined;
  let best = 0;
  for (const { f } of order) {
    if (forms.keyLength[forms.formKey[f]] !== fullest) continue;
    const r = forms.rank(f);
    if (name === undefined || r < best) {
      name = forms.formText[f];
      best = r;
    }
  }
  return { id, key, name: name!, type: table.types[type], typeCounts, silentTypes: silent.map((t) => table.types[t]), mentions: list, forms: formList, definition };
}

/** The index of the mention whose tag covers `offset`, or -1. */
export function mentionAt(doc: CableDocument, offset: number, touching = false): number {
  const mentions = doc.mentions;
  // Mentions are sorted by start: the last one starting at or before offset.
  const found = countWhere(mentions.length, (i) => mentions[i].span.start <= offset) - 1;
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
