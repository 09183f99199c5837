// The workspace index: what features that span cables need to know of every
// cable, and nothing more (no text, no parse tree). One cable is one packed
// Int32Array plus its URI; entities are interned by key across cables.
//
// Cross-cable identity: two cables' entities are one when their keys are
// equal (the keys of `entities.ts`, after a cable's own grouping). Rule 2 of
// `entities.ts` also holds across cables: a one-word PER entity (`Pickard`)
// and the one multi-word PER entity of the workspace ending in that word
// (`Nicolas Pickard`) are related; with two such names they stay apart.
//
// At the scale of a whole release (hundreds of thousands of cables and keys):
// replacing a cable touches only the postings of the keys it gained or lost;
// removing many cables filters each affected key's postings once; symbol
// search prefilters keys by the characters they contain and keeps only the
// best matches; the first cables of a key by URI are kept, once asked for,
// and updated as cables come and go. `snapshot` and `restore` carry the index
// to and from the on-disk cache as plain data.

import { fuzzyScore } from './fuzzy';
import { Position, lineStarts } from './lineIndex';
import { Span } from './model';
import { Analysis } from './workspace';
import { tagsOf } from './parser';

/** One cable's entities, ready for the index. */
export interface CableSummary {
  uri: string;
  version: number | string;
  keys: string[];
  names: string[];
  types: string[];
  /** Mention counts per entity. */
  counts: number[];
  /** Per entity, the index of its definition among its own mentions. */
  definitions: number[];
  /** Text spans of all mentions, entity after entity: start, end, start, end… */
  spans: Int32Array;
  lineStarts: Int32Array;
  length: number;
  /** `stringHash` of each key and name, when made with the summary (where it is made, off the index's thread). */
  keyHashes?: Int32Array;
  nameHashes?: Int32Array;
}

/**
 * What a summary holds of each entity: every mention (`full`, for the
 * workspace index), or only its definition (`definitions`: what the
 * cross-cable checks of a batch run need; every count is 1, every definition
 * 0, and there are no hashes).
 */
export type SummaryDetail = 'full' | 'definitions';

export function summarize(analysis: Analysis, detail: SummaryDetail = 'full'): CableSummary {
  const { entities } = analysis.entities;
  const table = tagsOf(analysis.doc);
  const keys = entities.map((e) => e.key);
  const names = entities.map((e) => e.name);
  const types = entities.map((e) => e.type);
  if (detail === 'definitions') {
    const spans = new Int32Array(2 * entities.length);
    for (let e = 0; e < entities.length; e++) {
      spans[2 * e] = table.textStart(entities[e].definition);
      spans[2 * e + 1] = table.textEnd(entities[e].definition);
    }
    const ones = entities.map(() => 1);
    const lineStarts = analysis.lines.lineStarts();
    return { uri: analysis.uri, version: analysis.version, keys, names, types, counts: ones, definitions: ones.map(() => 0), spans, lineStarts, length: analysis.doc.text.length };
  }
  let total = 0;
  for (const e of entities) total += e.mentions.length;
  const spans = new Int32Array(total * 2);
  let k = 0;
  for (const e of entities) {
    for (const i of e.mentions) {
      spans[k++] = table.textStart(i);
      spans[k++] = table.textEnd(i);
    }
  }
  // Keys and names may be slices of the text: the index copies those it keeps (`detach`).
  return {
    uri: analysis.uri,
    version: analysis.version,
    keys,
    names,
    types,
    counts: entities.map((e) => e.mentions.length),
    definitions: entities.map((e) => e.mentions.indexOf(e.definition)),
    spans,
    lineStarts: packedLineStarts(analysis.doc.text),
    length: analysis.doc.text.length,
    keyHashes: Int32Array.from(keys, stringHash),
    nameHashes: Int32Array.from(names, stringHash),
  };
}

/** FNV-1a over UTF-16 code units: how the index finds keys and names. */
export function stringHash(text: string): number {
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h;
}

/** Where lines start (after `\n`, `\r\n` or `\r`), as `LineIndex` has them, packed. */
export function packedLineStarts(text: string): Int32Array {
  return Int32Array.from(lineStarts(text));
}

/** Where one entity occurs in one cable. */
export interface CableOccurrence {
  uri: string;
  key: string;
  /** The entity's name in that cable. */
  name: string;
  type: string;
  spans: Span[];
  definition: Span;
}

export interface IndexedEntity {
  key: string;
  name: string;
  /** The type most cables give it (of types as many cables give, the first in code-unit order). */
  type: string;
  mentions: number;
  cables: number;
}

export interface WorkspaceSymbolMatch {
  key: string;
  name: string;
  type: string;
  uri: string;
  /** The entity's definition in that cable. */
  span: Span;
  score: number;
}

/**
 * The index as plain data, for the on-disk cache: the tables of types, keys
 * and names, and the cables column by column. Ids in the packed arrays refer
 * to these tables.
 */
export interface IndexSnapshot {
  types: string[];
  /** Key texts by id (an empty string for an unused id). */
  keys: string[];
  /** Per key, the id of its name (as most of its cables write it); -1 for an unused id. */
  keyNames: ArrayLike<number>;
  /** Names by id (an empty string for an unused id). */
  names: string[];
  uris: string[];
  versions: Array<number | string>;
  /** Each cable's packed data (see below). */
  data: Int32Array[];
  /** What the index derives from the cables, when the index made the snapshot: restoring takes it as it is. */
  derived?: SnapshotDerived;
}

/** Per key and per name, what the cables of a snapshot add up to (ids as in the snapshot). */
export interface SnapshotDerived {
  /** Per key: mentions, cables that write its name as the key's name, and cables per type (keys × types). */
  keyMentions: Int32Array;
  keyNameUsers: Int32Array;
  keyTypes: Int32Array;
  /** Per key, its cables (snapshot cable indices) one run after another, `postLengths[k]` each. */
  postLengths: Int32Array;
  postings: Int32Array;
  /** Per name, the references to it (entities of cables, and keys). */
  nameRefs: Int32Array;
  keyHashes: Int32Array;
  nameHashes: Int32Array;
}

// A cable's packed layout: [entities E, mentions M, lines L, length,
//   keyIds(E), typeIds(E), nameIds(E), firsts(E+1), definitions(E), spans(2M), lineStarts(L)].
// Mentions are entity after entity; firsts[e] is entity e's first mention,
// definitions[e] its definition (a mention index); a name id is the
// entity's name in that cable.
const HEADER = 4;

function packedLength(E: number, M: number, L: number): number {
  return HEADER + 5 * E + 1 + 2 * M + L;
}

/** Offsets of the parts of a cable's packed data. */
function layoutOf(data: Int32Array) {
  const E = data[0];
  const keys = HEADER;
  const types = keys + E;
  const names = types + E;
  const firsts = names + E;
  const definitions = firsts + E + 1;
  const spans = definitions + E;
  const lineStarts = spans + 2 * data[1];
  return { keys, types, names, firsts, definitions, spans, lineStarts };
}

/** A copy that does not keep the string it was cut from (a whole cable's text) alive. */
export function detach(s: string): string {
  return s.length < 13 ? s : Buffer.from(s, 'utf16le').toString('utf16le');
}

export class WorkspaceIndex {
  // Cables, by id (a freed id has no URI).
  private readonly cableIds = new Map<string, number>();
  private readonly cableUri: Array<string | undefined> = [];
  private readonly cableVersion: Array<number | string> = [];
  private readonly cableData: Int32Array[] = [];
  private readonly freeCables: number[] = [];

  // Names, by id: each entity of each cable and each key holds a reference to its name.
  private readonly nameIds = new StringIds((id) => this.nameText[id]);
  private readonly nameText: string[] = [];
  private readonly nameRefs: number[] = [];
  private readonly freeNames: number[] = [];

  // Keys, by id; their numbers in typed columns (grown as keys come), their cables in one slab.
  private readonly keyIds = new StringIds((id) => this.keyText[id]);
  private keyText: string[] = [];
  /** The name most cables of the key use (kept while one does); -1 for a free id. */
  private keyName = new Int32Array(64);
  /** Cables of the key whose name for it is `keyName`. */
  private keyNameUsers = new Int32Array(64);
  private keyMentions = new Int32Array(64);
  /** Per key, a bit per kind of character it holds (`charMask`): a quick filter for symbol search. */
  private keyMask = new Int32Array(64);
  /** Per key, cables per type id: `typeStride` counts a key. */
  private keyTypes = new Int32Array(64 * 4);
  private typeStride = 4;
  private readonly freeKeys: number[] = [];
  /** Per key, the word after its last space (a full name's surname), or null; made when first needed. */
  private keySurname: Array<string | null | undefined> = [];
  /** Per key that was asked for, its first cables by URI (at most TOP_CABLES), kept up to date. */
  private readonly keyTop: Array<number[] | undefined> = [];
  private topCached = 0;
  /** Cable ids per key, unordered: the key's run of `postings`, `postLength` of `postCapacity` used. */
  private postings = new Int32Array(1024);
  private postStart = new Int32Array(64);
  private postLength = new Int32Array(64);
  private postCapacity = new Int32Array(64);
  /** The end of the runs in `postings`, and the slots of runs that moved or went. */
  private postEnd = 0;
  private postGarbage = 0;

  private readonly typeIds = new Map<string, number>();
  private readonly typeNames: string[] = [];

  /** Surname → multi-word PER keys ending in it → cables. */
  private readonly surnames = new Map<string, Map<number, number>>();
  private mentionTotal = 0;
  private changeCount = 0;

  get cableCount(): number {
    return this.cableIds.size;
  }

  get entityCount(): number {
    return this.keyIds.size;
  }

  get mentionCount(): number {
    return this.mentionTotal;
  }

  /** Increases on every change; lets callers cache derived data. */
  get generation(): number {
    return this.changeCount;
  }

  has(uri: string): boolean {
    return this.cableIds.has(uri);
  }

  version(uri: string): number | string | undefined {
    const id = this.cableIds.get(uri);
    return id === undefined ? undefined : this.cableVersion[id];
  }

  uris(): string[] {
    return [...this.cableIds.keys()];
  }

  /** Adds the cable, or replaces what the index had of it. */
  update(summary: CableSummary): void {
    const E = summary.keys.length;
    const M = summary.spans.length / 2;
    const L = summary.lineStarts.length;
    const data = new Int32Array(packedLength(E, M, L));
    data[0] = E;
    data[1] = M;
    data[2] = L;
    data[3] = summary.length;
    const at = layoutOf(data);
    const keyHashes = summary.keyHashes?.length === E ? summary.keyHashes : undefined;
    const nameHashes = summary.nameHashes?.length === E ? summary.nameHashes : undefined;
    let first = 0;
    for (let e = 0; e < E; e++) {
      const key = summary.keys[e];
      const name = summary.names[e];
      const keyHash = keyHashes ? keyHashes[e] : stringHash(key);
      const known = this.keyIds.find(key, keyHash);
      // The data holds a reference to each name from now on; most cables write a key as its name is.
      let nameId: number;
      if (known >= 0 && this.nameText[this.keyName[known]] === name) this.nameRefs[(nameId = this.keyName[known])]++;
      else nameId = this.internName(name, nameHashes ? nameHashes[e] : stringHash(name));
      data[at.keys + e] = known >= 0 ? known : this.internKey(key, nameId, keyHash);
      data[at.types + e] = this.internType(summary.types[e]);
      data[at.names + e] = nameId;
      data[at.firsts + e] = first;
      data[at.definitions + e] = first + Math.max(0, summary.definitions[e]);
      first += summary.counts[e];
    }
    data[at.firsts + E] = first;
    data.set(summary.spans, at.spans);
    data.set(summary.lineStarts, at.lineStarts);
    const old = this.cableIds.get(summary.uri);
    // Keys the cable keeps keep their postings: only the keys it gained or lost are touched.
    let kept: Set<number> | undefined;
    if (old !== undefined) {
      const before = this.cableData[old];
      const had = new Set<number>();
      for (let e = 0; e < before[0]; e++) had.add(before[HEADER + e]);
      kept = new Set();
      for (let e = 0; e < E; e++) if (had.has(data[HEADER + e])) kept.add(data[HEADER + e]);
      this.unlink([old], kept);
    }
    this.attach(old ?? this.freeCables.pop() ?? this.cableUri.length, summary.uri, summary.version, data, kept);
  }

  remove(uri: string): boolean {
    return this.removeMany([uri]) > 0;
  }

  /** Removes these cables at once (each key's postings filtered once); returns how many were indexed. */
  removeMany(uris: Iterable<string>): number {
    const unique = new Set<number>();
    for (const uri of uris) {
      const id = this.cableIds.get(uri);
      if (id !== undefined) unique.add(id);
    }
    if (unique.size === 0) return 0;
    const ids = [...unique];
    this.unlink(ids);
    for (const id of ids) {
      this.cableIds.delete(this.cableUri[id]!);
      this.cableUri[id] = undefined;
      this.cableData[id] = EMPTY;
      this.freeCables.push(id);
    }
    return ids.length;
  }

  /** Removes every cable under a folder URI; returns how many. */
  removeUnder(folderUri: string): number {
    const prefix = folderUri.endsWith('/') ? folderUri : `${folderUri}/`;
    const under: string[] = [];
    for (const uri of this.cableIds.keys()) if (uri.startsWith(prefix)) under.push(uri);
    return this.removeMany(under);
  }

  /**
   * The index as plain data, for the on-disk cache: the cables `accept` lets
   * through. Tables are copies; the packed arrays are the index's own, never
   * changed in place once indexed, so the snapshot stays consistent while it
   * is written.
   */
  snapshot(accept: (uri: string, version: number | string) => boolean = () => true): IndexSnapshot {
    const uris: string[] = [];
    const versions: Array<number | string> = [];
    const data: Int32Array[] = [];
    for (let id = 0; id < this.cableUri.length; id++) {
      const uri = this.cableUri[id];
      if (uri === undefined || !accept(uri, this.cableVersion[id])) continue;
      uris.push(uri);
      versions.push(this.cableVersion[id]);
      data.push(this.cableData[id]);
    }
    const keyNames = this.keyName.slice(0, this.keyText.length);
    return { types: [...this.typeNames], keys: [...this.keyText], keyNames, names: [...this.nameText], uris, versions, data, derived: this.derived(accept) };
  }

  /** The per-key and per-name sums of the cables `accept` lets through, from the index's own (the others' taken off). */
  private derived(accept: (uri: string, version: number | string) => boolean): SnapshotDerived {
    const K = this.keyText.length;
    const N = this.nameText.length;
    const T = this.typeNames.length;
    const stride = this.typeStride;
    const keyMentions = this.keyMentions.slice(0, K);
    const keyNameUsers = this.keyNameUsers.slice(0, K);
    const keyTypes = new Int32Array(K * T);
    for (let k = 0; k < K; k++) for (let t = 0; t < T; t++) keyTypes[k * T + t] = this.keyTypes[k * stride + t];
    const nameRefs = Int32Array.from(this.nameRefs);
    // Live cable id → snapshot index (-1: left out).
    const index = new Int32Array(this.cableUri.length).fill(-1);
    let c = 0;
    for (let id = 0; id < this.cableUri.length; id++) {
      const uri = this.cableUri[id];
      if (uri === undefined) continue;
      if (accept(uri, this.cableVersion[id])) {
        index[id] = c++;
        continue;
      }
      const data = this.cableData[id];
      const at = layoutOf(data);
      for (let e = 0; e < data[0]; e++) {
        const k = data[at.keys + e];
        keyMentions[k] -= data[at.firsts + e + 1] - data[at.firsts + e];
        if (data[at.names + e] === this.keyName[k]) keyNameUsers[k]--;
        keyTypes[k * T + data[at.types + e]]--;
        nameRefs[data[at.names + e]]--;
      }
    }
    const postLengths = new Int32Array(K);
    let total = 0;
    for (let k = 0; k < K; k++) total += this.postLength[k];
    const postings = new Int32Array(total);
    let p = 0;
    for (let k = 0; k < K; k++) {
      const before = p;
      const start = this.postStart[k];
      for (let i = start; i < start + this.postLength[k]; i++) {
        const at = index[this.postings[i]];
        if (at >= 0) postings[p++] = at;
      }
      postLengths[k] = p - before;
    }
    return {
      keyMentions,
      keyNameUsers,
      keyTypes,
      postLengths,
      postings: postings.slice(0, p),
      nameRefs,
      keyHashes: this.keyIds.hashesOf(K),
      nameHashes: this.nameIds.hashesOf(N),
    };
  }

  /**
   * Adds the snapshot's cables, except those the index holds already (its
   * own win) and those whose data is not well formed. The snapshot is taken
   * over: its packed arrays become the index's (type ids rewritten in place).
   * Done in bulk, a pass or two over typed arrays per step, so a whole
   * release restores in a fraction of a second. Returns the cables added.
   */
  restore(snapshot: IndexSnapshot): number {
    if (!wellFormedTables(snapshot)) return 0;
    if (this.cableIds.size === 0) {
      this.clear();
      return this.adopt(snapshot);
    }
    // The index's own cables are taken out, the snapshot adopted, and they are put back.
    const own = this.snapshot();
    this.clear();
    const added = this.adopt(snapshot, new Set(own.uris));
    for (let c = 0; c < own.uris.length; c++) this.restoreOne(own, c);
    return added;
  }

  /** The keys one entity has across cables: its own, and one related by the surname rule. */
  relatedKeys(key: string): string[] {
    const keyId = this.keyIdOf(key);
    const out = [key];
    const space = key.lastIndexOf(' ');
    if (space < 0) {
      if (keyId !== undefined && !this.hasPersonType(keyId)) return out;
      const names = this.surnames.get(key);
      if (names && names.size === 1) out.push(this.keyText[names.keys().next().value!]);
    } else {
      const names = this.surnames.get(key.slice(space + 1));
      const surnameId = this.keyIdOf(key.slice(space + 1));
      if (names && names.size === 1 && keyId !== undefined && names.has(keyId) && surnameId !== undefined && this.hasPersonType(surnameId)) {
        out.push(this.keyText[surnameId]);
      }
    }
    return out;
  }

  /** The cables mentioning any of `keys`, sorted by URI, `exclude` left out. */
  cablesOf(keys: string[], exclude?: string): string[] {
    const ids = new Set<number>();
    for (const key of keys) {
      const keyId = this.keyIdOf(key);
      if (keyId !== undefined) for (const id of this.cablesOfKey(keyId)) ids.add(id);
    }
    const uris: string[] = [];
    for (const id of ids) {
      const uri = this.cableUri[id]!;
      if (uri !== exclude) uris.push(uri);
    }
    return uris.sort();
  }

  /** How many cables mention any of `keys`, `exclude` left out. */
  countCables(keys: string[], exclude?: string): number {
    const excluded = exclude === undefined ? undefined : this.cableIds.get(exclude);
    const lists = keys.map((k) => this.keyIdOf(k)).filter((id): id is number => id !== undefined).map((id) => this.cablesOfKey(id));
    if (lists.length === 1) return lists[0].length - (excluded !== undefined && lists[0].includes(excluded) ? 1 : 0);
    const ids = new Set<number>();
    for (const list of lists) for (const id of list) if (id !== excluded) ids.add(id);
    return ids.size;
  }

  /** The occurrences of any of `keys` in one cable. */
  occurrencesInCable(uri: string, keys: string[]): CableOccurrence[] {
    const id = this.cableIds.get(uri);
    if (id === undefined) return [];
    const out: CableOccurrence[] = [];
    for (const key of keys) {
      const keyId = this.keyIdOf(key);
      const o = keyId === undefined ? undefined : this.occurrenceIn(id, keyId);
      if (o) out.push(o);
    }
    return out;
  }

  /** Mentions of any of `keys` in the index, `exclude`'s left out. */
  countMentions(keys: string[], exclude?: string): number {
    let n = 0;
    for (const key of keys) {
      const keyId = this.keyIdOf(key);
      if (keyId !== undefined) n += this.keyMentions[keyId];
    }
    const excluded = exclude === undefined ? undefined : this.cableIds.get(exclude);
    if (excluded !== undefined) {
      for (const key of keys) {
        const keyId = this.keyIdOf(key);
        const o = keyId === undefined ? undefined : this.occurrenceIn(excluded, keyId);
        if (o) n -= o.spans.length;
      }
    }
    return n;
  }

  /** The first `limit` cables by URI mentioning any of `keys`, `exclude` left out; without sorting them all. */
  firstCables(keys: string[], limit: number, exclude?: string): string[] {
    if (limit <= 0) return [];
    const ids = new Set<number>();
    for (const key of keys) {
      const keyId = this.keyIdOf(key);
      if (keyId === undefined) continue;
      if (limit < TOP_CABLES) {
        for (const id of this.topCableIds(keyId, limit + 1)) ids.add(id);
      } else {
        for (const id of this.cablesOfKey(keyId)) ids.add(id);
      }
    }
    const uris: string[] = [];
    for (const id of ids) {
      const uri = this.cableUri[id]!;
      if (uri !== exclude) uris.push(uri);
    }
    if (uris.length <= limit || limit < TOP_CABLES) return uris.sort().slice(0, limit);
    return smallest(uris, limit);
  }

  /** Up to `limit` occurrences of any of `keys` (of `type`, when given), in no particular order; cheap on frequent entities. */
  someOccurrences(keys: string[], limit: number, exclude?: string, type?: string): CableOccurrence[] {
    const out: CableOccurrence[] = [];
    for (const [id, keyId] of this.occurrenceIds(keys, exclude)) {
      if (out.length >= limit) break;
      const occurrence = this.occurrenceIn(id, keyId);
      if (occurrence && (type === undefined || occurrence.type === type) && !out.some((o) => o.uri === occurrence.uri)) out.push(occurrence);
    }
    return out;
  }

  /** Every occurrence of any of `keys`, sorted by URI, `exclude` left out. */
  occurrences(keys: string[], exclude?: string): CableOccurrence[] {
    const out: CableOccurrence[] = [];
    for (const [id, keyId] of this.occurrenceIds(keys, exclude)) {
      const occurrence = this.occurrenceIn(id, keyId);
      if (occurrence) out.push(occurrence);
    }
    return out.sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : a.spans[0].start - b.spans[0].start));
  }

  /** How many cables give `keys` each type, `exclude` left out. */
  typeCables(keys: string[], exclude?: string): Map<string, number> {
    const counts = new Map<string, number>();
    for (const key of keys) {
      const keyId = this.keyIdOf(key);
      if (keyId === undefined) continue;
      for (let typeId = 0; typeId < this.typeNames.length; typeId++) {
        const n = this.keyTypes[keyId * this.typeStride + typeId];
        if (n > 0) counts.set(this.typeNames[typeId], (counts.get(this.typeNames[typeId]) ?? 0) + n);
      }
    }
    const excluded = exclude === undefined ? undefined : this.cableIds.get(exclude);
    if (excluded !== undefined) {
      for (const key of keys) {
        const keyId = this.keyIdOf(key);
        if (keyId === undefined) continue;
        const o = this.occurrenceIn(excluded, keyId);
        if (o) counts.set(o.type, counts.get(o.type)! - 1);
      }
    }
    for (const [type, n] of counts) if (n <= 0) counts.delete(type);
    return counts;
  }

  /** The entities of one indexed cable, with their names in that cable and their definitions. */
  entitiesOf(uri: string): Array<{ key: string; name: string; type: string; definition: Span }> {
    const id = this.cableIds.get(uri);
    if (id === undefined) return [];
    const data = this.cableData[id];
    const at = layoutOf(data);
    const out: Array<{ key: string; name: string; type: string; definition: Span }> = [];
    for (let e = 0; e < data[0]; e++) {
      const d = data[at.definitions + e];
      out.push({
        key: this.keyText[data[at.keys + e]],
        name: this.nameText[data[at.names + e]],
        type: this.typeNames[data[at.types + e]],
        definition: { start: data[at.spans + 2 * d], end: data[at.spans + 2 * d + 1] },
      });
    }
    return out;
  }

  entity(key: string): IndexedEntity | undefined {
    const keyId = this.keyIdOf(key);
    return keyId === undefined ? undefined : this.describeKey(keyId);
  }

  /** All entities of the workspace, optionally of one type and matching a filter. */
  entities(type?: string, filter = ''): IndexedEntity[] {
    const query = filter.trim().toLowerCase();
    const need = charMask(query);
    const out: IndexedEntity[] = [];
    for (let keyId = 0; keyId < this.keyText.length; keyId++) {
      if (this.keyText[keyId] === '') continue;
      if (query && ((this.keyMask[keyId] & need) !== need || fuzzyScore(query, this.keyText[keyId]) === 0)) continue;
      const entity = this.describeKey(keyId);
      if (type === undefined || entity.type === type) out.push(entity);
    }
    return out;
  }

  /**
   * Entities matching `query` fuzzily, one match per entity and cable (its
   * first `perEntity` cables by URI), best first: by score, then by cables,
   * then by key. Only the best `limit` entities are ranked.
   */
  searchSymbols(query: string, limit = 1000, perEntity = 100): WorkspaceSymbolMatch[] {
    if (limit <= 0 || perEntity <= 0) return [];
    const q = query.trim().toLowerCase();
    const need = charMask(q);
    const best = new BestKeys(limit, (a, b) => this.compareMatches(a, b));
    const texts = this.keyText;
    const masks = this.keyMask;
    for (let keyId = 0; keyId < texts.length; keyId++) {
      if ((masks[keyId] & need) !== need) continue;
      const score = fuzzyScore(q, texts[keyId]);
      if (score > 0 && this.postLength[keyId] > 0) best.offer(keyId, score);
    }
    const out: WorkspaceSymbolMatch[] = [];
    for (const { keyId, score } of best.sorted()) {
      for (const id of this.topCableIds(keyId, perEntity)) {
        if (out.length >= limit) return out;
        const data = this.cableData[id];
        const at = layoutOf(data);
        const e = this.entityIndex(data, keyId);
        const d = data[at.definitions + e];
        out.push({
          key: texts[keyId],
          name: this.nameText[data[at.names + e]],
          type: this.typeNames[data[at.types + e]],
          uri: this.cableUri[id]!,
          span: { start: data[at.spans + 2 * d], end: data[at.spans + 2 * d + 1] },
          score,
        });
      }
    }
    return out;
  }

  /** `offset` in the indexed text of `uri` as a line and UTF-16 character. */
  positionAt(uri: string, offset: number): Position | undefined {
    const id = this.cableIds.get(uri);
    if (id === undefined) return undefined;
    // positionIn over the stored line starts, without a view of them.
    const data = this.cableData[id];
    const first = layoutOf(data).lineStarts;
    const o = Math.max(0, Math.min(offset, data[3]));
    let lo = 0;
    let hi = data[2] - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (data[first + mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - data[first + lo] };
  }

  /** Many offsets of one cable at once (any order): one walk over its line starts for offsets in ascending order. */
  positionsAt(uri: string, offsets: ArrayLike<number>): Position[] | undefined {
    const id = this.cableIds.get(uri);
    if (id === undefined) return undefined;
    const data = this.cableData[id];
    const first = layoutOf(data).lineStarts;
    const lines = data[2];
    const length = data[3];
    const out: Position[] = new Array(offsets.length);
    let line = 0;
    let previous = -1;
    for (let i = 0; i < offsets.length; i++) {
      const o = Math.max(0, Math.min(offsets[i], length));
      if (o < previous) line = 0;
      while (line + 1 < lines && data[first + line + 1] <= o) line++;
      out[i] = { line, character: o - data[first + line] };
      previous = o;
    }
    return out;
  }

  /** Bytes held by the packed cables (the rest is keys, names and lists). */
  packedBytes(): number {
    let n = 0;
    for (const data of this.cableData) n += data.byteLength;
    return n;
  }

  /** Every cable id of each of `keys` with the key's id, `exclude` left out. */
  private *occurrenceIds(keys: string[], exclude?: string): Generator<[number, number]> {
    for (const key of keys) {
      const keyId = this.keyIdOf(key);
      if (keyId === undefined) continue;
      for (const id of this.cablesOfKey(keyId)) if (this.cableUri[id] !== exclude) yield [id, keyId];
    }
  }

  private occurrenceIn(id: number, keyId: number): CableOccurrence | undefined {
    const data = this.cableData[id];
    const e = this.entityIndex(data, keyId);
    if (e < 0) return undefined;
    const at = layoutOf(data);
    const spans: Span[] = [];
    for (let m = data[at.firsts + e]; m < data[at.firsts + e + 1]; m++) spans.push({ start: data[at.spans + 2 * m], end: data[at.spans + 2 * m + 1] });
    const d = data[at.definitions + e];
    return {
      uri: this.cableUri[id]!,
      key: this.keyText[keyId],
      name: this.nameText[data[at.names + e]],
      type: this.typeNames[data[at.types + e]],
      spans,
      definition: { start: data[at.spans + 2 * d], end: data[at.spans + 2 * d + 1] },
    };
  }

  private describeKey(keyId: number): IndexedEntity {
    let best = -1;
    const row = keyId * this.typeStride;
    // Most cables first; a tie goes to the type first in code-unit order (the same whatever order cables came in).
    for (let typeId = 0; typeId < this.typeNames.length; typeId++) {
      const n = this.keyTypes[row + typeId];
      if (n > 0 && (best < 0 || n > this.keyTypes[row + best] || (n === this.keyTypes[row + best] && this.typeNames[typeId] < this.typeNames[best]))) best = typeId;
    }
    return {
      key: this.keyText[keyId],
      name: this.nameText[this.keyName[keyId]],
      type: this.typeNames[Math.max(0, best)],
      mentions: this.keyMentions[keyId],
      cables: this.postLength[keyId],
    };
  }

  /** The entity index of `keyId` in a cable's data; -1 when it has none. */
  private entityIndex(data: Int32Array, keyId: number): number {
    for (let e = 0; e < data[0]; e++) if (data[HEADER + e] === keyId) return e;
    return -1;
  }

  /** Puts a cable's packed data (ids already the index's) under `id`; `kept` keys already list it. */
  private attach(id: number, uri: string, version: number | string, data: Int32Array, kept?: Set<number>): void {
    const at = layoutOf(data);
    const E = data[0];
    this.cableUri[id] = uri;
    this.cableVersion[id] = version;
    this.cableData[id] = data;
    this.cableIds.set(uri, id);
    for (let e = 0; e < E; e++) {
      const keyId = data[at.keys + e];
      const typeId = data[at.types + e];
      if (data[at.names + e] === this.keyName[keyId]) this.keyNameUsers[keyId]++;
      if (!kept?.has(keyId)) {
        this.addPosting(keyId, id);
        const top = this.keyTop[keyId];
        if (top) this.insertTop(top, id);
      }
      this.keyMentions[keyId] += data[at.firsts + e + 1] - data[at.firsts + e];
      this.keyTypes[keyId * this.typeStride + typeId]++;
      this.trackSurname(keyId, typeId, 1);
    }
    if (kept) for (const keyId of kept) if (this.keyNameUsers[keyId] === 0) this.renameKey(keyId);
    this.mentionTotal += data[1];
    this.changeCount++;
  }

  /**
   * Takes cables' entities out of the keys' counts and postings, and releases
   * their names (the cables themselves stay where they are); keys left without
   * cables are released. `kept` keys keep their postings (the cable is
   * replaced and keeps them).
   */
  private unlink(ids: number[], kept?: Set<number>): void {
    const dead = new Set(ids);
    const touched = new Set<number>();
    for (const id of ids) {
      const data = this.cableData[id];
      const at = layoutOf(data);
      for (let e = 0; e < data[0]; e++) {
        const keyId = data[at.keys + e];
        const typeId = data[at.types + e];
        const nameId = data[at.names + e];
        this.keyMentions[keyId] -= data[at.firsts + e + 1] - data[at.firsts + e];
        this.keyTypes[keyId * this.typeStride + typeId]--;
        this.trackSurname(keyId, typeId, -1);
        if (nameId === this.keyName[keyId]) this.keyNameUsers[keyId]--;
        this.releaseName(nameId);
        if (!kept?.has(keyId)) touched.add(keyId);
      }
      this.mentionTotal -= data[1];
    }
    for (const keyId of touched) {
      const start = this.postStart[keyId];
      const end = start + this.postLength[keyId];
      let n = start;
      for (let i = start; i < end; i++) if (!dead.has(this.postings[i])) this.postings[n++] = this.postings[i];
      this.postLength[keyId] = n - start;
      const top = this.keyTop[keyId];
      if (top && top.some((id) => dead.has(id))) this.dropTop(keyId);
    }
    for (const keyId of touched) {
      if (this.postLength[keyId] === 0) this.releaseKey(keyId);
      else if (this.keyNameUsers[keyId] === 0) this.renameKey(keyId);
    }
    this.changeCount++;
  }

  /** Empties the index (the type table stays). */
  private clear(): void {
    this.cableIds.clear();
    for (const list of [this.cableUri, this.cableVersion, this.cableData, this.freeCables, this.nameText, this.nameRefs, this.freeNames]) list.length = 0;
    this.nameIds.clear();
    this.keyIds.clear();
    this.keyText = [];
    this.keySurname = [];
    this.freeKeys.length = 0;
    this.keyName = new Int32Array(64);
    this.keyNameUsers = new Int32Array(64);
    this.keyMentions = new Int32Array(64);
    this.keyMask = new Int32Array(64);
    this.keyTypes = new Int32Array(64 * this.typeStride);
    this.postings = new Int32Array(1024);
    this.postStart = new Int32Array(64);
    this.postLength = new Int32Array(64);
    this.postCapacity = new Int32Array(64);
    this.postEnd = 0;
    this.postGarbage = 0;
    this.clearTops();
    this.surnames.clear();
    this.mentionTotal = 0;
    this.changeCount++;
  }

  /** Adopts a snapshot into an empty index: its ids become the index's; `skip`'s URIs are left out. */
  private adopt(s: IndexSnapshot, skip?: Set<string>): number {
    const fast = s.derived ? this.adoptDerived(s, s.derived, skip) : undefined;
    if (fast !== undefined) return fast;
    this.clear();
    return this.adoptCounting(s, skip);
  }

  /**
   * Adopts a snapshot with its derived sums, without a pass over every
   * entity into per-key tables: cable ids are the snapshot's indices, the sums
   * and postings are taken as they are (the cables left out taken off them).
   * Undefined when the derived data does not fit the snapshot (the index is
   * then as empty as before, and the caller counts instead).
   */
  private adoptDerived(s: IndexSnapshot, d: SnapshotDerived, skip?: Set<string>): number | undefined {
    const K = s.keys.length;
    const N = s.names.length;
    const T = s.types.length;
    const C = s.uris.length;
    if (d.keyMentions.length !== K || d.keyNameUsers.length !== K || d.keyTypes.length !== K * T || d.postLengths.length !== K || d.keyHashes.length !== K) return undefined;
    if (d.nameRefs.length !== N || d.nameHashes.length !== N) return undefined;
    let total = 0;
    for (let k = 0; k < K; k++) {
      if (d.postLengths[k] < 0) return undefined;
      total += d.postLengths[k];
    }
    if (total !== d.postings.length) return undefined;
    for (let i = 0; i < total; i++) if (!(d.postings[i] >= 0 && d.postings[i] < C)) return undefined;
    const keyUsed = Uint8Array.from(s.keys, (t) => (t === '' ? 0 : 1));
    const nameUsed = Uint8Array.from(s.names, (t) => (t === '' ? 0 : 1));
    const left: number[] = [];
    for (let c = 0; c < C; c++) {
      if (!wellFormed(s.data[c], keyUsed, nameUsed, T)) return undefined;
      if (skip?.has(s.uris[c])) left.push(c);
    }
    const typeMap = s.types.map((t) => this.internType(t));
    const stride = this.typeStride;
    // Keys, found by the hashes made with them.
    this.keyText = s.keys.slice();
    this.keyIds.reserve(K);
    for (let k = 0; k < K; k++) {
      if (s.keys[k] === '') continue;
      if (this.keyIds.find(s.keys[k], d.keyHashes[k]) >= 0) {
        this.clear();
        return undefined;
      }
      this.keyIds.add(k, d.keyHashes[k]);
    }
    // Cables: ids are the snapshot's indices; one already there, twice in the snapshot or skipped is left out.
    const dead = new Uint8Array(C);
    for (const c of left) dead[c] = 1;
    for (let c = 0; c < C; c++) {
      const uri = s.uris[c];
      if (!dead[c] && this.cableIds.has(uri)) {
        dead[c] = 1;
        left.push(c);
      }
      this.cableUri.push(dead[c] ? undefined : uri);
      this.cableVersion.push(s.versions[c]);
      this.cableData.push(dead[c] ? EMPTY : s.data[c]);
      if (dead[c]) this.freeCables.push(c);
      else {
        this.cableIds.set(uri, c);
        this.mentionTotal += s.data[c][1];
      }
    }
    const keyName = grown(new Int32Array(K), K);
    for (let k = 0; k < K; k++) keyName[k] = s.keys[k] === '' ? -1 : s.keyNames[k];
    const mentions = grown(d.keyMentions.slice(), K);
    const users = grown(d.keyNameUsers.slice(), K);
    const types = new Int32Array(Math.max(K, 1) * stride);
    for (let k = 0; k < K; k++) for (let t = 0; t < T; t++) types[k * stride + typeMap[t]] += d.keyTypes[k * T + t];
    const nameRefs = d.nameRefs.slice();
    // The cables left out come off the sums.
    const touched = new Set<number>();
    for (const c of left) {
      const data = s.data[c];
      const at = layoutOf(data);
      for (let e = 0; e < data[0]; e++) {
        const k = data[at.keys + e];
        mentions[k] -= data[at.firsts + e + 1] - data[at.firsts + e];
        if (data[at.names + e] === keyName[k]) users[k]--;
        types[k * stride + typeMap[data[at.types + e]]]--;
        nameRefs[data[at.names + e]]--;
        touched.add(k);
      }
    }
    for (let c = 0; c < C; c++) if (!dead[c]) for (let e = 0, data = s.data[c], at = layoutOf(data); e < data[0]; e++) data[at.types + e] = typeMap[data[at.types + e]];
    // Postings as they are, each key's run where the snapshot has it.
    const starts = new Int32Array(Math.max(64, K + 1));
    for (let k = 0; k < K; k++) starts[k + 1] = starts[k] + d.postLengths[k];
    this.postings = grown(d.postings.slice(), 1024);
    this.postStart = starts;
    this.postEnd = total;
    this.postLength = grown(d.postLengths.slice(), K);
    this.postCapacity = this.postLength.slice();
    for (const k of touched) {
      const start = starts[k];
      let n = start;
      for (let i = start; i < start + this.postLength[k]; i++) if (!dead[this.postings[i]]) this.postings[n++] = this.postings[i];
      this.postLength[k] = n - start;
    }
    this.keyMentions = mentions;
    this.keyNameUsers = users;
    this.keyTypes = types;
    const masks = grown(new Int32Array(K), K);
    const per = this.typeIds.get('PER');
    const renamed: number[] = [];
    for (let k = 0; k < K; k++) {
      const key = s.keys[k];
      if (key === '') {
        this.freeKeys.push(k);
        continue;
      }
      if (this.postLength[k] === 0) {
        // Every cable of the key was left out.
        this.keyIds.remove(k);
        this.keyText[k] = '';
        nameRefs[keyName[k]]--;
        keyName[k] = -1;
        this.freeKeys.push(k);
        continue;
      }
      masks[k] = charMask(key);
      const asPerson = per === undefined ? 0 : types[k * stride + per];
      if (asPerson > 0) this.surnameNames(k)?.set(k, asPerson);
      if (users[k] === 0) renamed.push(k);
    }
    this.adoptNames(s.names, nameRefs, (n) => d.nameHashes[n], keyName, masks, renamed);
    return C - left.length;
  }

  /** Adopts a snapshot by counting its cables' entities into per-key tables. */
  private adoptCounting(s: IndexSnapshot, skip?: Set<string>): number {
    const K = s.keys.length;
    const N = s.names.length;
    const T = s.types.length;
    const typeMap = s.types.map((t) => this.internType(t));
    this.keyText = s.keys.slice();
    this.keyIds.reserve(K);
    for (let k = 0; k < K; k++) {
      const key = s.keys[k];
      if (key === '') continue;
      const hash = stringHash(key);
      if (this.keyIds.find(key, hash) >= 0) {
        // Two ids for one key: not a snapshot this index made.
        this.keyIds.clear();
        this.keyText = [];
        return 0;
      }
      this.keyIds.add(k, hash);
    }
    const stride = this.typeStride >= this.typeNames.length ? this.typeStride : this.widenTypes();
    // Which ids have a text: checked per entity, cheaper than reading each string.
    const keyUsed = new Uint8Array(K);
    for (let k = 0; k < K; k++) keyUsed[k] = s.keys[k] === '' ? 0 : 1;
    const nameUsed = new Uint8Array(N);
    for (let n = 0; n < N; n++) nameUsed[n] = s.names[n] === '' ? 0 : 1;
    // Per key, one record of counts (cables, mentions, users of its name, its name, cables per type):
    // an entity touches one cache line, not one per count.
    const R = 4 + stride;
    const records = new Int32Array(K * R);
    for (let k = 0; k < K; k++) records[k * R + 3] = s.keyNames[k];
    const nameRefs = new Int32Array(N);
    let added = 0;
    for (let c = 0; c < s.uris.length; c++) {
      const uri = s.uris[c];
      const data = s.data[c];
      if (skip?.has(uri) || this.cableIds.has(uri) || !wellFormed(data, keyUsed, nameUsed, T)) continue;
      const at = layoutOf(data);
      for (let e = 0; e < data[0]; e++) {
        const r = data[at.keys + e] * R;
        const t = typeMap[data[at.types + e]];
        const name = data[at.names + e];
        records[r]++;
        records[r + 1] += data[at.firsts + e + 1] - data[at.firsts + e];
        if (name === records[r + 3]) records[r + 2]++;
        records[r + 4 + t]++;
        nameRefs[name]++;
        data[at.types + e] = t;
      }
      const id = this.cableUri.length;
      this.cableUri.push(uri);
      this.cableVersion.push(s.versions[c]);
      this.cableData.push(data);
      this.cableIds.set(uri, id);
      this.mentionTotal += data[1];
      added++;
    }
    const cables = new Int32Array(K);
    const mentions = new Int32Array(K);
    const users = new Int32Array(K);
    const typeCounts = new Int32Array(K * stride);
    for (let k = 0; k < K; k++) {
      const r = k * R;
      cables[k] = records[r];
      mentions[k] = records[r + 1];
      users[k] = records[r + 2];
      for (let t = 0; t < stride; t++) typeCounts[k * stride + t] = records[r + 4 + t];
    }
    // Postings, by a counting sort of (key, cable) pairs: each key's run in one slab.
    const starts = new Int32Array(Math.max(64, K + 1));
    for (let k = 0; k < K; k++) starts[k + 1] = starts[k] + cables[k];
    const fill = starts.slice(0, K);
    const postings = new Int32Array(Math.max(1024, starts[K]));
    for (let id = 0; id < this.cableData.length; id++) {
      const data = this.cableData[id];
      for (let e = 0; e < data[0]; e++) postings[fill[data[HEADER + e]]++] = id;
    }
    this.postings = postings;
    this.postStart = starts;
    this.postEnd = starts[K];
    this.postLength = grown(cables, K);
    this.postCapacity = this.postLength.slice();
    this.keyMentions = grown(mentions, K);
    this.keyNameUsers = grown(users, K);
    this.keyTypes = grown(typeCounts, K * stride);
    const keyName = grown(new Int32Array(K), K);
    const masks = grown(new Int32Array(K), K);
    const per = this.typeIds.get('PER');
    const renamed: number[] = [];
    for (let k = 0; k < K; k++) {
      const key = s.keys[k];
      if (cables[k] === 0) {
        if (key !== '') this.keyIds.remove(k);
        this.keyText[k] = '';
        keyName[k] = -1;
        this.freeKeys.push(k);
        continue;
      }
      keyName[k] = s.keyNames[k];
      nameRefs[s.keyNames[k]]++;
      masks[k] = charMask(key);
      const asPerson = per === undefined ? 0 : typeCounts[k * stride + per];
      if (asPerson > 0) this.surnameNames(k)?.set(k, asPerson);
      if (users[k] === 0) renamed.push(k);
    }
    this.adoptNames(s.names, nameRefs, (n) => stringHash(s.names[n]), keyName, masks, renamed);
    return added;
  }

  /**
   * The common tail of both adoptions: the keys' names and masks, the names a cable
   * uses (the others free), and a new name for the keys in `renamed`, whose name no
   * cable uses any more (its cables were left out of the snapshot).
   */
  private adoptNames(names: readonly string[], nameRefs: ArrayLike<number>, hashOf: (n: number) => number, keyName: Int32Array<ArrayBuffer>, masks: Int32Array<ArrayBuffer>, renamed: number[]): void {
    this.keyName = keyName;
    this.keyMask = masks;
    this.nameIds.reserve(names.length);
    for (let n = 0; n < names.length; n++) {
      const used = nameRefs[n] > 0 && names[n] !== '';
      this.nameText.push(used ? names[n] : '');
      this.nameRefs.push(used ? nameRefs[n] : 0);
      if (used) this.nameIds.add(n, hashOf(n));
      else this.freeNames.push(n);
    }
    for (const k of renamed) this.renameKey(k);
    this.changeCount++;
  }

  /** Adds one cable of a snapshot (the index's own, put back after `adopt`): its ids mapped to the index's. */
  private restoreOne(s: IndexSnapshot, c: number): void {
    const data = s.data[c];
    const used = (texts: string[]) => Uint8Array.from(texts, (t) => (t === '' ? 0 : 1));
    if (this.cableIds.has(s.uris[c]) || !wellFormed(data, used(s.keys), used(s.names), s.types.length)) return;
    const at = layoutOf(data);
    for (let e = 0; e < data[0]; e++) {
      const k = data[at.keys + e];
      const name = s.names[data[at.names + e]];
      const nameId = this.internName(name, stringHash(name));
      data[at.keys + e] = this.internKey(s.keys[k], nameId, stringHash(s.keys[k]));
      data[at.types + e] = this.internType(s.types[data[at.types + e]]);
      data[at.names + e] = nameId;
    }
    this.attach(this.freeCables.pop() ?? this.cableUri.length, s.uris[c], s.versions[c], data);
  }

  /** The first `n` cable ids of a key by URI; kept for later when `n` is at most TOP_CABLES. */
  private topCableIds(keyId: number, n: number): number[] {
    if (n > TOP_CABLES) {
      const uriOf = (id: number) => this.cableUri[id]!;
      return [...this.cablesOfKey(keyId)].sort((a, b) => (uriOf(a) < uriOf(b) ? -1 : 1)).slice(0, n);
    }
    let top = this.keyTop[keyId];
    if (!top) {
      if (this.topCached >= MAX_TOP_CACHED) this.clearTops();
      top = [];
      for (const id of this.cablesOfKey(keyId)) this.insertTop(top, id);
      this.keyTop[keyId] = top;
      this.topCached++;
    }
    return top.length > n ? top.slice(0, n) : top;
  }

  /** Adds a cable to a key's first cables when it belongs there. */
  private insertTop(top: number[], id: number): void {
    const uri = this.cableUri[id]!;
    if (top.length === TOP_CABLES && uri >= this.cableUri[top[TOP_CABLES - 1]]!) return;
    let at = top.length;
    while (at > 0 && this.cableUri[top[at - 1]]! > uri) at--;
    top.splice(at, 0, id);
    if (top.length > TOP_CABLES) top.pop();
  }

  private dropTop(keyId: number): void {
    if (this.keyTop[keyId]) this.topCached--;
    this.keyTop[keyId] = undefined;
  }

  private clearTops(): void {
    this.keyTop.length = 0;
    this.topCached = 0;
  }

  /** Best first: a higher score, then more cables, then the key in code-unit order. */
  private compareMatches(a: { keyId: number; score: number }, b: { keyId: number; score: number }): number {
    if (a.score !== b.score) return b.score - a.score;
    const cables = this.postLength[b.keyId] - this.postLength[a.keyId];
    if (cables !== 0) return cables;
    const x = this.keyText[a.keyId];
    const y = this.keyText[b.keyId];
    return x < y ? -1 : x > y ? 1 : 0;
  }

  /** A name's id, with one more reference to it. */
  private internName(name: string, hash: number): number {
    let nameId = this.nameIds.find(name, hash);
    if (nameId < 0) {
      nameId = this.freeNames.pop() ?? this.nameText.length;
      this.nameText[nameId] = detach(name);
      this.nameRefs[nameId] = 0;
      this.nameIds.add(nameId, hash);
    }
    this.nameRefs[nameId]++;
    return nameId;
  }

  private releaseName(nameId: number): void {
    if (--this.nameRefs[nameId] > 0) return;
    this.nameIds.remove(nameId);
    this.nameText[nameId] = '';
    this.freeNames.push(nameId);
  }

  /** A key's id, or undefined when no cable has it. */
  private keyIdOf(key: string): number | undefined {
    const id = this.keyIds.find(key, stringHash(key));
    return id < 0 ? undefined : id;
  }

  /** A key's id; a new key takes `nameId` as its name (one more reference to it). */
  private internKey(key: string, nameId: number, hash: number): number {
    let keyId = this.keyIds.find(key, hash);
    if (keyId >= 0) return keyId;
    keyId = this.freeKeys.pop() ?? this.keyText.length;
    if (keyId >= this.keyName.length) this.growKeys(keyId + 1);
    this.keyText[keyId] = detach(key);
    this.keyIds.add(keyId, hash);
    this.keyName[keyId] = nameId;
    this.nameRefs[nameId]++;
    this.keyNameUsers[keyId] = 0;
    this.keyMentions[keyId] = 0;
    this.keyTypes.fill(0, keyId * this.typeStride, (keyId + 1) * this.typeStride);
    this.keyMask[keyId] = charMask(key);
    this.keySurname[keyId] = undefined;
    this.postLength[keyId] = 0;
    this.postCapacity[keyId] = 0;
    return keyId;
  }

  /** Room for `n` keys in the typed columns. */
  private growKeys(n: number): void {
    const size = Math.max(n, this.keyName.length * 2);
    this.keyName = grown(this.keyName, size);
    this.keyNameUsers = grown(this.keyNameUsers, size);
    this.keyMentions = grown(this.keyMentions, size);
    this.keyMask = grown(this.keyMask, size);
    this.keyTypes = grown(this.keyTypes, size * this.typeStride);
    this.postStart = grown(this.postStart, size);
    this.postLength = grown(this.postLength, size);
    this.postCapacity = grown(this.postCapacity, size);
  }

  /** Room for more types per key (a new type beyond the stride); returns the new stride. */
  private widenTypes(): number {
    const old = this.typeStride;
    const stride = Math.max(this.typeNames.length, old * 2);
    const keys = this.keyName.length;
    const types = new Int32Array(keys * stride);
    for (let k = 0; k < keys; k++) types.set(this.keyTypes.subarray(k * old, (k + 1) * old), k * stride);
    this.keyTypes = types;
    this.typeStride = stride;
    return stride;
  }

  /** A key's cable ids (a view: read it before the index changes). */
  private cablesOfKey(keyId: number): Int32Array {
    const start = this.postStart[keyId];
    return this.postings.subarray(start, start + this.postLength[keyId]);
  }

  /** Adds a cable id to a key's run, moving the run to the end of the slab when it is full. */
  private addPosting(keyId: number, id: number): void {
    const length = this.postLength[keyId];
    if (length === this.postCapacity[keyId] && this.postGarbage > 4096 && this.postGarbage > this.postEnd - this.postGarbage) this.compactPostings();
    const capacity = this.postCapacity[keyId];
    if (length === capacity) {
      const room = Math.max(2, capacity * 2);
      if (this.postEnd + room > this.postings.length) this.postings = grown(this.postings, Math.max(this.postEnd + room, this.postings.length * 2));
      const start = this.postStart[keyId];
      this.postings.copyWithin(this.postEnd, start, start + length);
      this.postGarbage += capacity;
      this.postStart[keyId] = this.postEnd;
      this.postCapacity[keyId] = room;
      this.postEnd += room;
    }
    this.postings[this.postStart[keyId] + length] = id;
    this.postLength[keyId] = length + 1;
  }

  /** Puts the runs of the slab back to back, leaving room to grow in each. */
  private compactPostings(): void {
    const keys = this.keyText.length;
    let total = 0;
    for (let k = 0; k < keys; k++) total += this.postLength[k] + (this.postLength[k] >> 2);
    const next = new Int32Array(Math.max(1024, total * 2));
    let end = 0;
    for (let k = 0; k < keys; k++) {
      const length = this.postLength[k];
      const start = this.postStart[k];
      next.set(this.postings.subarray(start, start + length), end);
      this.postStart[k] = end;
      this.postCapacity[k] = length + (length >> 2);
      end += this.postCapacity[k];
    }
    this.postings = next;
    this.postEnd = end;
    this.postGarbage = 0;
  }

  /** A key's surname (the word after its last space), or null for a one-word key. */
  private surnameOf(keyId: number): string | null {
    let surname = this.keySurname[keyId];
    if (surname === undefined) {
      const key = this.keyText[keyId];
      const space = key.lastIndexOf(' ');
      surname = this.keySurname[keyId] = space < 0 ? null : key.slice(space + 1);
    }
    return surname;
  }

  /** The cables using the key's name are gone: take the name of a cable that remains. */
  private renameKey(keyId: number): void {
    const list = this.cablesOfKey(keyId);
    const first = this.cableData[list[0]];
    const nameId = first[layoutOf(first).names + this.entityIndex(first, keyId)];
    this.releaseName(this.keyName[keyId]);
    this.keyName[keyId] = nameId;
    this.nameRefs[nameId]++;
    let users = 0;
    for (const id of list) {
      const data = this.cableData[id];
      if (data[layoutOf(data).names + this.entityIndex(data, keyId)] === nameId) users++;
    }
    this.keyNameUsers[keyId] = users;
  }

  private releaseKey(keyId: number): void {
    this.keyIds.remove(keyId);
    this.releaseName(this.keyName[keyId]);
    this.keyText[keyId] = '';
    this.keyName[keyId] = -1;
    this.keyMask[keyId] = 0;
    this.keySurname[keyId] = undefined;
    this.postGarbage += this.postCapacity[keyId];
    this.postLength[keyId] = 0;
    this.postCapacity[keyId] = 0;
    this.dropTop(keyId);
    this.freeKeys.push(keyId);
  }

  private internType(type: string): number {
    let typeId = this.typeIds.get(type);
    if (typeId === undefined) {
      typeId = this.typeNames.length;
      this.typeIds.set(type, typeId);
      this.typeNames.push(type);
      if (this.typeNames.length > this.typeStride) this.widenTypes();
    }
    return typeId;
  }

  private hasPersonType(keyId: number): boolean {
    const per = this.typeIds.get('PER');
    return per !== undefined && this.keyTypes[keyId * this.typeStride + per] > 0;
  }

  /** The multi-word PER keys sharing `keyId`'s surname, with their PER cable counts (made when first asked); none for a one-word key. */
  private surnameNames(keyId: number): Map<number, number> | undefined {
    const surname = this.surnameOf(keyId);
    if (surname === null) return undefined;
    let names = this.surnames.get(surname);
    if (!names) this.surnames.set(surname, (names = new Map()));
    return names;
  }

  private trackSurname(keyId: number, typeId: number, delta: number): void {
    if (this.typeNames[typeId] !== 'PER') return;
    const names = this.surnameNames(keyId);
    if (!names) return;
    const n = (names.get(keyId) ?? 0) + delta;
    if (n > 0) names.set(keyId, n);
    else names.delete(keyId);
    if (names.size === 0) this.surnames.delete(this.surnameOf(keyId)!);
  }
}

const EMPTY = new Int32Array(0);

/** A typed array of at least `size` elements holding `array`'s (the same one when it is big enough). */
function grown<T extends Int32Array>(array: T, size: number): T {
  if (array.length >= size) return array;
  const next = new (array.constructor as new (n: number) => T)(size);
  next.set(array);
  return next;
}
/** How many first cables by URI are kept per key asked for (the symbol search's matches per entity). */
const TOP_CABLES = 100;
/** Keys whose first cables are kept, at most; beyond, the lists are dropped and made again when asked. */
const MAX_TOP_CACHED = 20_000;

/**
 * A bit per kind of character: a-z one each, digits, '.', ' ', '-', other
 * ASCII, and the rest. A key can match a query only if its mask holds the
 * query's (a fuzzy match needs every character of the query).
 */
export function charMask(text: string): number {
  let mask = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 97 && c <= 122) mask |= 1 << (c - 97);
    else if (c >= 48 && c <= 57) mask |= 1 << 26;
    else if (c === 46) mask |= 1 << 27;
    else if (c === 32) mask |= 1 << 28;
    else if (c === 45) mask |= 1 << 29;
    else if (c < 128) mask |= 1 << 30;
    else mask |= 1 << 31;
  }
  return mask;
}

type Ranked = { keyId: number; score: number };

/** The `limit` best of the keys offered, by `compare` (best first), without sorting them all. */
class BestKeys {
  /** A heap with the worst kept key at the top. */
  private readonly heap: Ranked[] = [];

  constructor(
    private readonly limit: number,
    private readonly compare: (a: Ranked, b: Ranked) => number,
  ) {}

  offer(keyId: number, score: number): void {
    const heap = this.heap;
    if (heap.length < this.limit) {
      heap.push({ keyId, score });
      let i = heap.length - 1;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (this.compare(heap[i], heap[parent]) <= 0) break;
        [heap[i], heap[parent]] = [heap[parent], heap[i]];
        i = parent;
      }
      return;
    }
    const worst = heap[0];
    if (score < worst.score) return;
    const item = { keyId, score };
    if (this.compare(item, worst) >= 0) return;
    heap[0] = item;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let top = i;
      if (l < heap.length && this.compare(heap[l], heap[top]) > 0) top = l;
      if (r < heap.length && this.compare(heap[r], heap[top]) > 0) top = r;
      if (top === i) break;
      [heap[i], heap[top]] = [heap[top], heap[i]];
      i = top;
    }
  }

  sorted(): Ranked[] {
    return [...this.heap].sort(this.compare);
  }
}

/** The `limit` smallest strings, in order, without sorting them all. */
function smallest(values: string[], limit: number): string[] {
  const best: string[] = [];
  for (const v of values) {
    if (best.length === limit && v >= best[limit - 1]) continue;
    let at = best.length;
    while (at > 0 && best[at - 1] > v) at--;
    best.splice(at, 0, v);
    if (best.length > limit) best.pop();
  }
  return best;
}

/** Whether a snapshot's tables hang together: one entry per cable in each column, a name for each key. */
function wellFormedTables(s: IndexSnapshot): boolean {
  if (!Array.isArray(s.keys) || !Array.isArray(s.names) || !Array.isArray(s.types) || !Array.isArray(s.uris)) return false;
  if (s.keyNames.length !== s.keys.length || s.versions.length !== s.uris.length || s.data.length !== s.uris.length) return false;
  for (let k = 0; k < s.keys.length; k++) {
    if (typeof s.keys[k] !== 'string') return false;
    if (s.keys[k] === '') continue;
    const n = s.keyNames[k];
    if (!(n >= 0 && n < s.names.length) || typeof s.names[n] !== 'string' || s.names[n] === '') return false;
  }
  return s.names.every((n) => typeof n === 'string') && s.types.every((t) => typeof t === 'string') && s.uris.every((u) => typeof u === 'string');
}

/** Whether a cable's packed data (from a snapshot) is consistent: sizes, key, type and name ids (of used ids), mention runs, definitions. */
function wellFormed(data: Int32Array, keyUsed: Uint8Array, nameUsed: Uint8Array, typeCount: number): boolean {
  if (!(data instanceof Int32Array) || data.length < HEADER + 2) return false;
  const E = data[0];
  const M = data[1];
  const L = data[2];
  if (E < 0 || M < 0 || L < 1 || data[3] < 0 || data.length !== packedLength(E, M, L)) return false;
  const at = layoutOf(data);
  if (data[at.firsts] !== 0 || data[at.firsts + E] !== M) return false;
  for (let e = 0; e < E; e++) {
    if (keyUsed[data[at.keys + e]] !== 1) return false;
    if (!(data[at.types + e] >= 0 && data[at.types + e] < typeCount)) return false;
    if (nameUsed[data[at.names + e]] !== 1) return false;
    const d = data[at.definitions + e];
    if (data[at.firsts + e + 1] <= data[at.firsts + e] || d < data[at.firsts + e] || d >= data[at.firsts + e + 1]) return false;
  }
  return true;
}

/**
 * Ids of strings (kept by the index, `textOf(id)`), found by their
 * `stringHash`: open addressing with linear probing and backward-shift
 * deletion, each id's hash kept so the table grows without hashing again.
 * The hash is given by the caller, often computed where the summary was made.
 */
class StringIds {
  private slots = new Int32Array(1024).fill(-1);
  private hashes = new Int32Array(512);
  private count = 0;

  constructor(private readonly textOf: (id: number) => string) {}

  get size(): number {
    return this.count;
  }

  /** The id of `text`, or -1. */
  find(text: string, hash: number): number {
    const { slots, hashes } = this;
    const mask = slots.length - 1;
    for (let i = hash & mask; ; i = (i + 1) & mask) {
      const id = slots[i];
      if (id < 0) return -1;
      if (hashes[id] === hash && this.textOf(id) === text) return id;
    }
  }

  /** Records `id` (its text already in place) under `hash`. */
  add(id: number, hash: number): void {
    if ((this.count + 1) * 2 > this.slots.length) this.rehash(this.slots.length * 2);
    if (id >= this.hashes.length) this.hashes = grown(this.hashes, Math.max(id + 1, this.hashes.length * 2));
    this.hashes[id] = hash;
    this.place(id);
    this.count++;
  }

  remove(id: number): void {
    const { slots } = this;
    const mask = slots.length - 1;
    let i = this.hashes[id] & mask;
    while (slots[i] !== id) {
      if (slots[i] < 0) return;
      i = (i + 1) & mask;
    }
    slots[i] = -1;
    this.count--;
    // Entries after the hole that probed past it move back into it.
    for (let j = (i + 1) & mask; slots[j] >= 0; j = (j + 1) & mask) {
      const home = this.hashes[slots[j]] & mask;
      const stays = i <= j ? i < home && home <= j : i < home || home <= j;
      if (stays) continue;
      slots[i] = slots[j];
      slots[j] = -1;
      i = j;
    }
  }

  /** The hashes of ids 0 to n - 1 (an id never added has 0). */
  hashesOf(n: number): Int32Array {
    const out = new Int32Array(n);
    out.set(this.hashes.subarray(0, Math.min(n, this.hashes.length)));
    return out;
  }

  /** Room for `n` entries without growing. */
  reserve(n: number): void {
    let size = this.slots.length;
    while (n * 2 > size) size *= 2;
    if (size !== this.slots.length) this.rehash(size);
    if (n > this.hashes.length) this.hashes = grown(this.hashes, n);
  }

  clear(): void {
    this.slots = new Int32Array(1024).fill(-1);
    this.hashes = new Int32Array(512);
    this.count = 0;
  }

  private place(id: number): void {
    const mask = this.slots.length - 1;
    let i = this.hashes[id] & mask;
    while (this.slots[i] >= 0) i = (i + 1) & mask;
    this.slots[i] = id;
  }

  private rehash(size: number): void {
    const old = this.slots;
    this.slots = new Int32Array(size).fill(-1);
    for (let i = 0; i < old.length; i++) if (old[i] >= 0) this.place(old[i]);
  }
}
