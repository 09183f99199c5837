// The workspace index: what features that span cables need to know of every
// cable, and nothing more (no text, no parse tree). One cable is one packed
// Int32Array plus its URI; entities are interned by key across cables.
//
// Cross-cable identity: two cables' entities are one when their keys are
// equal (the keys of `entities.ts`, after a cable's own grouping). Rule 2 of
// `entities.ts` also holds across cables: a one-word PER entity (`Pickard`)
// and the one multi-word PER entity of the workspace ending in that word
// (`Nicolas Pickard`) are related; with two such names they stay apart.

import { fuzzyScore } from './fuzzy';
import { Position, positionIn } from './lineIndex';
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
}

export function summarize(analysis: Analysis): CableSummary {
  const { entities } = analysis.entities;
  const table = tagsOf(analysis.doc);
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
  return {
    uri: analysis.uri,
    version: analysis.version,
    keys: entities.map((e) => detach(e.key)),
    names: entities.map((e) => detach(e.name)),
    types: entities.map((e) => e.type),
    counts: entities.map((e) => e.mentions.length),
    definitions: entities.map((e) => e.mentions.indexOf(e.definition)),
    spans,
    lineStarts: analysis.lines.lineStarts(),
    length: analysis.doc.text.length,
  };
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
  /** The type most cables give it. */
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

// A cable's packed layout: [entities E, mentions M, lines L, length,
//   keyIds(E), typeIds(E), firsts(E+1), definitions(E), spans(2M), lineStarts(L)].
const HEADER = 4;

interface IndexedCable {
  uri: string;
  version: number | string;
  data: Int32Array;
  /** Entity index → the cable's name for it, where it differs from the key's name. */
  names?: Map<number, string>;
}

/** A copy that does not keep the string it was cut from (a whole cable's text) alive. */
export function detach(s: string): string {
  return s.length < 13 ? s : Buffer.from(s, 'utf16le').toString('utf16le');
}

export class WorkspaceIndex {
  private readonly cableIds = new Map<string, number>();
  private readonly cables: Array<IndexedCable | undefined> = [];
  private readonly freeCables: number[] = [];

  private readonly keyIds = new Map<string, number>();
  private readonly keyText: string[] = [];
  /** The name most cables of the key use when they were indexed; see `names`. */
  private readonly keyName: string[] = [];
  /** Cables of the key whose name is `keyName` (the others store their own). */
  private readonly keyNameUsers: number[] = [];
  /** Cable ids per key, unordered. */
  private readonly keyCables: number[][] = [];
  private readonly keyMentions: number[] = [];
  /** Per key, cables per type id. */
  private readonly keyTypes: number[][] = [];
  private readonly freeKeys: number[] = [];

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
    return id === undefined ? undefined : this.cables[id]!.version;
  }

  uris(): string[] {
    return [...this.cableIds.keys()];
  }

  /** Adds the cable, or replaces what the index had of it. */
  update(summary: CableSummary): void {
    this.remove(summary.uri);
    const E = summary.keys.length;
    const M = summary.spans.length / 2;
    const L = summary.lineStarts.length;
    const data = new Int32Array(HEADER + 4 * E + 1 + 2 * M + L);
    data[0] = E;
    data[1] = M;
    data[2] = L;
    data[3] = summary.length;
    const id = this.freeCables.pop() ?? this.cables.length;
    const layout = this.layout(data);
    let names: Map<number, string> | undefined;
    let first = 0;
    for (let e = 0; e < E; e++) {
      const keyId = this.internKey(summary.keys[e], summary.names[e]);
      if (summary.names[e] === this.keyName[keyId]) this.keyNameUsers[keyId]++;
      else (names ??= new Map()).set(e, detach(summary.names[e]));
      const typeId = this.internType(summary.types[e]);
      data[layout.keys + e] = keyId;
      data[layout.types + e] = typeId;
      data[layout.firsts + e] = first;
      data[layout.definitions + e] = first + Math.max(0, summary.definitions[e]);
      first += summary.counts[e];
      this.keyCables[keyId].push(id);
      this.keyMentions[keyId] += summary.counts[e];
      const types = this.keyTypes[keyId];
      types[typeId] = (types[typeId] ?? 0) + 1;
      this.trackSurname(keyId, typeId, 1);
    }
    data[layout.firsts + E] = first;
    data.set(summary.spans, layout.spans);
    data.set(summary.lineStarts, layout.lineStarts);
    this.cables[id] = names ? { uri: summary.uri, version: summary.version, data, names } : { uri: summary.uri, version: summary.version, data };
    this.cableIds.set(summary.uri, id);
    this.mentionTotal += M;
    this.changeCount++;
  }

  remove(uri: string): boolean {
    const id = this.cableIds.get(uri);
    if (id === undefined) return false;
    const { data, names } = this.cables[id]!;
    const layout = this.layout(data);
    for (let e = 0; e < data[0]; e++) {
      const keyId = data[layout.keys + e];
      const typeId = data[layout.types + e];
      const list = this.keyCables[keyId];
      const at = list.indexOf(id);
      list[at] = list[list.length - 1];
      list.pop();
      this.keyMentions[keyId] -= data[layout.firsts + e + 1] - data[layout.firsts + e];
      this.keyTypes[keyId][typeId]--;
      this.trackSurname(keyId, typeId, -1);
      if (!names?.has(e)) this.keyNameUsers[keyId]--;
      if (list.length === 0) this.releaseKey(keyId);
      else if (this.keyNameUsers[keyId] === 0) this.renameKey(keyId);
    }
    this.mentionTotal -= data[1];
    this.cables[id] = undefined;
    this.freeCables.push(id);
    this.cableIds.delete(uri);
    this.changeCount++;
    return true;
  }

  /** Removes every cable under a folder URI; returns how many. */
  removeUnder(folderUri: string): number {
    const prefix = folderUri.endsWith('/') ? folderUri : `${folderUri}/`;
    let n = 0;
    for (const uri of [...this.cableIds.keys()]) if (uri.startsWith(prefix) && this.remove(uri)) n++;
    return n;
  }

  /** The keys one entity has across cables: its own, and one related by the surname rule. */
  relatedKeys(key: string): string[] {
    const keyId = this.keyIds.get(key);
    const out = [key];
    const space = key.lastIndexOf(' ');
    if (space < 0) {
      if (keyId !== undefined && !this.hasPersonType(keyId)) return out;
      const names = this.surnames.get(key);
      if (names && names.size === 1) out.push(this.keyText[names.keys().next().value!]);
    } else {
      const names = this.surnames.get(key.slice(space + 1));
      const surnameId = this.keyIds.get(key.slice(space + 1));
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
      const keyId = this.keyIds.get(key);
      if (keyId !== undefined) for (const id of this.keyCables[keyId]) ids.add(id);
    }
    const uris: string[] = [];
    for (const id of ids) {
      const uri = this.cables[id]!.uri;
      if (uri !== exclude) uris.push(uri);
    }
    return uris.sort();
  }

  /** How many cables mention any of `keys`, `exclude` left out. */
  countCables(keys: string[], exclude?: string): number {
    const excluded = exclude === undefined ? undefined : this.cableIds.get(exclude);
    const lists = keys.map((k) => this.keyIds.get(k)).filter((id): id is number => id !== undefined).map((id) => this.keyCables[id]);
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
      const keyId = this.keyIds.get(key);
      const o = keyId === undefined ? undefined : this.occurrenceIn(this.cables[id]!, keyId);
      if (o) out.push(o);
    }
    return out;
  }

  /** Mentions of any of `keys` in the index, `exclude`'s left out. */
  countMentions(keys: string[], exclude?: string): number {
    let n = 0;
    for (const key of keys) {
      const keyId = this.keyIds.get(key);
      if (keyId !== undefined) n += this.keyMentions[keyId];
    }
    const excluded = exclude === undefined ? undefined : this.cableIds.get(exclude);
    if (excluded !== undefined) {
      for (const key of keys) {
        const keyId = this.keyIds.get(key);
        const o = keyId === undefined ? undefined : this.occurrenceIn(this.cables[excluded]!, keyId);
        if (o) n -= o.spans.length;
      }
    }
    return n;
  }

  /** The first `limit` cables by URI mentioning any of `keys`, `exclude` left out; without sorting them all. */
  firstCables(keys: string[], limit: number, exclude?: string): string[] {
    const best: string[] = [];
    const seen = new Set<number>();
    for (const key of keys) {
      const keyId = this.keyIds.get(key);
      if (keyId === undefined) continue;
      for (const id of this.keyCables[keyId]) {
        if (seen.has(id)) continue;
        seen.add(id);
        const uri = this.cables[id]!.uri;
        if (uri === exclude || limit <= 0) continue;
        if (best.length === limit && uri >= best[limit - 1]) continue;
        let at = best.length;
        while (at > 0 && best[at - 1] > uri) at--;
        best.splice(at, 0, uri);
        if (best.length > limit) best.pop();
      }
    }
    return best;
  }

  /** Up to `limit` occurrences of any of `keys` (of `type`, when given), in no particular order; cheap on frequent entities. */
  someOccurrences(keys: string[], limit: number, exclude?: string, type?: string): CableOccurrence[] {
    const out: CableOccurrence[] = [];
    for (const [cable, keyId] of this.postings(keys, exclude)) {
      if (out.length >= limit) break;
      const occurrence = this.occurrenceIn(cable, keyId);
      if (occurrence && (type === undefined || occurrence.type === type) && !out.some((o) => o.uri === occurrence.uri)) out.push(occurrence);
    }
    return out;
  }

  /** Every occurrence of any of `keys`, sorted by URI, `exclude` left out. */
  occurrences(keys: string[], exclude?: string): CableOccurrence[] {
    const out: CableOccurrence[] = [];
    for (const [cable, keyId] of this.postings(keys, exclude)) {
      const occurrence = this.occurrenceIn(cable, keyId);
      if (occurrence) out.push(occurrence);
    }
    return out.sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : a.spans[0].start - b.spans[0].start));
  }

  /** How many cables give `keys` each type, `exclude` left out. */
  typeCables(keys: string[], exclude?: string): Map<string, number> {
    const counts = new Map<string, number>();
    for (const key of keys) {
      const keyId = this.keyIds.get(key);
      if (keyId === undefined) continue;
      this.keyTypes[keyId].forEach((n, typeId) => {
        if (n > 0) counts.set(this.typeNames[typeId], (counts.get(this.typeNames[typeId]) ?? 0) + n);
      });
    }
    const excluded = exclude === undefined ? undefined : this.cableIds.get(exclude);
    if (excluded !== undefined) {
      for (const key of keys) {
        const keyId = this.keyIds.get(key);
        if (keyId === undefined) continue;
        const o = this.occurrenceIn(this.cables[excluded]!, keyId);
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
    const { data, names } = this.cables[id]!;
    const layout = this.layout(data);
    const out: Array<{ key: string; name: string; type: string; definition: Span }> = [];
    for (let e = 0; e < data[0]; e++) {
      const keyId = data[layout.keys + e];
      const d = data[layout.definitions + e];
      out.push({
        key: this.keyText[keyId],
        name: names?.get(e) ?? this.keyName[keyId],
        type: this.typeNames[data[layout.types + e]],
        definition: { start: data[layout.spans + 2 * d], end: data[layout.spans + 2 * d + 1] },
      });
    }
    return out;
  }

  entity(key: string): IndexedEntity | undefined {
    const keyId = this.keyIds.get(key);
    return keyId === undefined ? undefined : this.describeKey(keyId);
  }

  /** All entities of the workspace, optionally of one type and matching a filter. */
  entities(type?: string, filter = ''): IndexedEntity[] {
    const query = filter.trim().toLowerCase();
    const out: IndexedEntity[] = [];
    for (const keyId of this.keyIds.values()) {
      if (query && fuzzyScore(query, this.keyText[keyId]) === 0) continue;
      const entity = this.describeKey(keyId);
      if (type === undefined || entity.type === type) out.push(entity);
    }
    return out;
  }

  /** Entities matching `query` fuzzily, one match per entity and cable, best first. */
  searchSymbols(query: string, limit = 1000, perEntity = 100): WorkspaceSymbolMatch[] {
    const q = query.trim().toLowerCase();
    const scored: Array<{ keyId: number; score: number }> = [];
    for (const keyId of this.keyIds.values()) {
      const score = fuzzyScore(q, this.keyText[keyId]);
      if (score > 0) scored.push({ keyId, score });
    }
    scored.sort((a, b) => b.score - a.score || this.keyCables[b.keyId].length - this.keyCables[a.keyId].length);
    const out: WorkspaceSymbolMatch[] = [];
    for (const { keyId, score } of scored) {
      const ids = [...this.keyCables[keyId]].sort((a, b) => (this.cables[a]!.uri < this.cables[b]!.uri ? -1 : 1));
      for (const id of ids.slice(0, perEntity)) {
        if (out.length >= limit) return out;
        const o = this.occurrenceIn(this.cables[id]!, keyId)!;
        out.push({ key: o.key, name: o.name, type: o.type, uri: o.uri, span: o.definition, score });
      }
    }
    return out;
  }

  /** `offset` in the indexed text of `uri` as a line and UTF-16 character. */
  positionAt(uri: string, offset: number): Position | undefined {
    const id = this.cableIds.get(uri);
    if (id === undefined) return undefined;
    const { data } = this.cables[id]!;
    const layout = this.layout(data);
    return positionIn(data.subarray(layout.lineStarts, layout.lineStarts + data[2]), data[3], offset);
  }

  /** Many offsets of one cable at once (any order): one walk over its line starts for offsets in ascending order. */
  positionsAt(uri: string, offsets: ArrayLike<number>): Position[] | undefined {
    const id = this.cableIds.get(uri);
    if (id === undefined) return undefined;
    const { data } = this.cables[id]!;
    const layout = this.layout(data);
    const first = layout.lineStarts;
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
    for (const c of this.cables) if (c) n += c.data.byteLength;
    return n;
  }

  /** Every cable of each of `keys` with the key's id, `exclude` left out. */
  private *postings(keys: string[], exclude?: string): Generator<[IndexedCable, number]> {
    for (const key of keys) {
      const keyId = this.keyIds.get(key);
      if (keyId === undefined) continue;
      for (const id of this.keyCables[keyId]) {
        const cable = this.cables[id]!;
        if (cable.uri !== exclude) yield [cable, keyId];
      }
    }
  }

  private occurrenceIn(cable: IndexedCable, keyId: number): CableOccurrence | undefined {
    const { data } = cable;
    const layout = this.layout(data);
    for (let e = 0; e < data[0]; e++) {
      if (data[layout.keys + e] !== keyId) continue;
      const spans: Span[] = [];
      for (let m = data[layout.firsts + e]; m < data[layout.firsts + e + 1]; m++) {
        spans.push({ start: data[layout.spans + 2 * m], end: data[layout.spans + 2 * m + 1] });
      }
      const d = data[layout.definitions + e];
      return {
        uri: cable.uri,
        key: this.keyText[keyId],
        name: cable.names?.get(e) ?? this.keyName[keyId],
        type: this.typeNames[data[layout.types + e]],
        spans,
        definition: { start: data[layout.spans + 2 * d], end: data[layout.spans + 2 * d + 1] },
      };
    }
    return undefined;
  }

  private describeKey(keyId: number): IndexedEntity {
    let best = -1;
    this.keyTypes[keyId].forEach((n, typeId) => {
      if (n > 0 && (best < 0 || n > this.keyTypes[keyId][best])) best = typeId;
    });
    return {
      key: this.keyText[keyId],
      name: this.keyName[keyId],
      type: this.typeNames[Math.max(0, best)],
      mentions: this.keyMentions[keyId],
      cables: this.keyCables[keyId].length,
    };
  }

  private layout(data: Int32Array) {
    const E = data[0];
    const keys = HEADER;
    const types = keys + E;
    const firsts = types + E;
    const definitions = firsts + E + 1;
    const spans = definitions + E;
    const lineStarts = spans + 2 * data[1];
    return { keys, types, firsts, definitions, spans, lineStarts };
  }

  private internKey(key: string, name: string): number {
    let keyId = this.keyIds.get(key);
    if (keyId !== undefined) return keyId;
    keyId = this.freeKeys.pop() ?? this.keyText.length;
    this.keyIds.set(key, keyId);
    this.keyText[keyId] = detach(key);
    this.keyName[keyId] = detach(name);
    this.keyNameUsers[keyId] = 0;
    this.keyCables[keyId] = [];
    this.keyMentions[keyId] = 0;
    this.keyTypes[keyId] = [];
    return keyId;
  }

  /** The cables using the key's name are gone: take the name of a cable that remains. */
  private renameKey(keyId: number): void {
    const nameIn = (cable: IndexedCable): string | undefined => {
      const layout = this.layout(cable.data);
      for (let e = 0; e < cable.data[0]; e++) if (cable.data[layout.keys + e] === keyId) return cable.names?.get(e);
      return undefined;
    };
    const list = this.keyCables[keyId];
    const name = nameIn(this.cables[list[0]]!);
    if (name === undefined) return;
    this.keyName[keyId] = name;
    for (const id of list) {
      const cable = this.cables[id]!;
      const layout = this.layout(cable.data);
      for (let e = 0; e < cable.data[0]; e++) {
        if (cable.data[layout.keys + e] !== keyId || cable.names?.get(e) !== name) continue;
        cable.names.delete(e);
        if (cable.names.size === 0) delete cable.names;
        this.keyNameUsers[keyId]++;
      }
    }
  }

  private releaseKey(keyId: number): void {
    this.keyIds.delete(this.keyText[keyId]);
    this.keyText[keyId] = '';
    this.keyName[keyId] = '';
    this.keyTypes[keyId] = [];
    this.freeKeys.push(keyId);
  }

  private internType(type: string): number {
    let typeId = this.typeIds.get(type);
    if (typeId === undefined) {
      typeId = this.typeNames.length;
      this.typeIds.set(type, typeId);
      this.typeNames.push(type);
    }
    return typeId;
  }

  private hasPersonType(keyId: number): boolean {
    const per = this.typeIds.get('PER');
    return per !== undefined && (this.keyTypes[keyId][per] ?? 0) > 0;
  }

  private trackSurname(keyId: number, typeId: number, delta: number): void {
    const key = this.keyText[keyId];
    const space = key.lastIndexOf(' ');
    if (space < 0 || this.typeNames[typeId] !== 'PER') return;
    const surname = key.slice(space + 1);
    let names = this.surnames.get(surname);
    if (!names) this.surnames.set(surname, (names = new Map()));
    const n = (names.get(keyId) ?? 0) + delta;
    if (n > 0) names.set(keyId, n);
    else names.delete(keyId);
    if (names.size === 0) this.surnames.delete(surname);
  }
}
