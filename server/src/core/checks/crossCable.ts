// entity-cross-cable-conflict: an entity tagged with one type in this cable
// and another type in most other cables of the workspace (at least two other
// cables, two thirds of them agreeing). Reported once, on the text of the
// entity's definition, with a quick fix that retypes its mentions here.

import { CableConfig } from '../config';
import { typeName } from '../entities';
import { Span } from '../model';
import { Analysis } from '../workspace';
import { CableOccurrence, CableSummary, WorkspaceIndex } from '../workspaceIndex';
import { CableCodeAction } from '../features/codeActions';
import { CrossCableContext, cableName } from '../features/crossCable';
import { TextEdit } from '../edits';
import { CableDiagnostic } from './index';

const MIN_OTHER_CABLES = 2;
const RELATED_SHOWN = 3;

/** What the check needs of one entity of the cable. */
export interface CableEntityRef {
  key: string;
  name: string;
  type: string;
  /** The text of its definition. */
  definition: Span;
}

/**
 * The conflicts of one cable's entities with the rest of the index. Related
 * locations come from the index, except in cables `skipRelated` says are
 * open (their indexed spans may lag behind the editor).
 */
/** What the check asks of an index: the workspace index, or a batch run's `ConflictTally`. */
export type ConflictIndex = Pick<WorkspaceIndex, 'cableCount' | 'relatedKeys' | 'typeCables' | 'someOccurrences'>;

export function conflictsWithIndex(
  uri: string,
  entities: CableEntityRef[],
  index: ConflictIndex,
  config: CableConfig,
  skipRelated: (uri: string) => boolean = () => false,
): CableDiagnostic[] {
  const severity = config.rules['entity-cross-cable-conflict'];
  if (severity === 'off' || index.cableCount < 2) return [];
  const out: CableDiagnostic[] = [];
  for (const entity of entities) {
    const keys = index.relatedKeys(entity.key);
    const counts = index.typeCables(keys, uri);
    let total = 0;
    let majority = '';
    for (const [type, n] of counts) {
      total += n;
      if (n > (counts.get(majority) ?? 0)) majority = type;
    }
    if (total < MIN_OTHER_CABLES || majority === entity.type) continue;
    const n = counts.get(majority)!;
    if (n < MIN_OTHER_CABLES || n * 3 < total * 2) continue;
    const related = index
      .someOccurrences(keys, RELATED_SHOWN, uri, majority)
      .filter((o) => !skipRelated(o.uri))
      .map((o) => ({ uri: o.uri, span: o.definition, message: `tagged ${majority} in ${cableName(o.uri)}` }));
    out.push({
      code: 'entity-cross-cable-conflict',
      severity,
      span: entity.definition,
      message: `"${entity.name}" is tagged ${entity.type} in this cable, but ${majority} (${typeName(majority)}) in ${n} of ${total} other cables of the workspace.`,
      related,
      data: { type: majority },
    });
  }
  return out;
}

export function crossCableConflicts(analysis: Analysis, config: CableConfig, ctx: CrossCableContext): CableDiagnostic[] {
  const entities = analysis.entities.entities.map((e) => ({
    key: e.key,
    name: e.name,
    type: e.type,
    definition: analysis.doc.mentions[e.definition].textSpan,
  }));
  return conflictsWithIndex(analysis.uri, entities, ctx.index, config, (uri) => ctx.openAnalysis(uri) !== undefined);
}

/** Quick fix: retype the entity's mentions in this cable as the workspace does. */
export function crossCableFixes(analysis: Analysis, diagnostic: CableDiagnostic): CableCodeAction[] {
  const type = diagnostic.data?.type;
  if (typeof type !== 'string') return [];
  const index = analysis.doc.mentions.findIndex((m) => m.textSpan.start === diagnostic.span.start);
  const id = index >= 0 ? analysis.entities.entityOfMention[index] : -1;
  if (id < 0) return [];
  const entity = analysis.entities.entities[id];
  const edits: TextEdit[] = entity.mentions
    .map((i) => analysis.doc.mentions[i])
    .filter((m) => m.type !== type)
    .map((m) => ({ span: m.typeSpan, newText: type }));
  if (edits.length === 0) return [];
  const n = entity.mentions.length;
  return [
    {
      title: `Retype ${n === 1 ? 'the mention' : `all ${n} mentions`} of "${entity.name}" as ${type}, as other cables do`,
      kind: 'quickfix',
      edits,
      isPreferred: true,
      diagnostics: [diagnostic],
    },
  ];
}

/**
 * The cross-cable checks of a batch run over many cables, in little memory:
 * per entity key, the cables giving it each type, and the full names each
 * surname may stand for; nothing per cable. A cable's conflicts are asked
 * with its own summary again (`conflicts`); they equal the workspace index's
 * (`CableLanguageService.indexedCableConflicts`) but for the related
 * locations in other cables, which are not kept.
 */
export class ConflictTally {
  private readonly uris = new Set<string>();
  private readonly keyIds = new Map<string, number>();
  private readonly keyText: string[] = [];
  /** Per key, cables per type: `TYPES` slots a key (rarer types beyond them in `moreTypes`). */
  private keyTypes = new Int32Array(1024 * TYPES);
  private readonly moreTypes = new Map<number, number>();
  private readonly typeIds = new Map<string, number>();
  private readonly typeNames: string[] = [];
  /** Surname → the one multi-word PER key ending in it, or -1 when there are several. */
  private readonly surnames = new Map<string, number>();
  /** What `agreed` keeps per key once every cable is added (dropped by `add`). */
  private settled: { soleType: Int32Array; related: Int32Array } | undefined;
  /** The cable being checked: its types by key, left out of the counts. */
  private own: Map<string, string> | undefined;
  private ownUri: string | undefined;

  constructor(private readonly config: CableConfig) {}

  get cableCount(): number {
    return this.uris.size;
  }

  /** Adds a cable: its entities' keys and types (a second summary of the same URI is ignored). */
  add(summary: Pick<CableSummary, 'uri' | 'keys' | 'types'>): void {
    if (this.uris.has(summary.uri)) return;
    this.uris.add(summary.uri);
    this.settled = undefined;
    for (let e = 0; e < summary.keys.length; e++) {
      const key = summary.keys[e];
      let keyId = this.keyIds.get(key);
      if (keyId === undefined) {
        keyId = this.keyText.length;
        this.keyIds.set(key, keyId);
        this.keyText.push(key);
        if ((keyId + 1) * TYPES > this.keyTypes.length) {
          const grown = new Int32Array(this.keyTypes.length * 2);
          grown.set(this.keyTypes);
          this.keyTypes = grown;
        }
      }
      let typeId = this.typeIds.get(summary.types[e]);
      if (typeId === undefined) {
        typeId = this.typeNames.length;
        this.typeIds.set(summary.types[e], typeId);
        this.typeNames.push(summary.types[e]);
      }
      if (typeId < TYPES) this.keyTypes[keyId * TYPES + typeId]++;
      else this.moreTypes.set(keyId * 65536 + typeId, (this.moreTypes.get(keyId * 65536 + typeId) ?? 0) + 1);
      const space = key.lastIndexOf(' ');
      if (space >= 0 && summary.types[e] === 'PER') {
        const surname = key.slice(space + 1);
        const known = this.surnames.get(surname);
        if (known === undefined) this.surnames.set(surname, keyId);
        else if (known !== keyId) this.surnames.set(surname, -1);
      }
    }
  }

  /** entity-cross-cable-conflict for an added cable, given its summary again. */
  conflicts(summary: CableSummary): CableDiagnostic[] {
    if (this.config.rules['entity-cross-cable-conflict'] === 'off' || this.cableCount < 2) return [];
    const entities: CableEntityRef[] = [];
    let first = 0;
    for (let e = 0; e < summary.keys.length; e++) {
      const d = first + Math.max(0, summary.definitions[e]);
      first += summary.counts[e];
      if (this.agreed(summary.keys[e], summary.types[e])) continue;
      entities.push({ key: summary.keys[e], name: summary.names[e], type: summary.types[e], definition: { start: summary.spans[2 * d], end: summary.spans[2 * d + 1] } });
    }
    if (entities.length === 0) return [];
    this.own = new Map(summary.keys.map((k, e) => [k, summary.types[e]]));
    this.ownUri = summary.uri;
    try {
      return conflictsWithIndex(summary.uri, entities, this, this.config);
    } finally {
      this.own = undefined;
      this.ownUri = undefined;
    }
  }

  /**
   * The keys an entity may have a conflict under, once every cable is added:
   * those cables give more than one type, or whose related key (surname, full
   * name) cables type otherwise. A cable added with none of them has no
   * conflict, so a batch run need not ask for it (`conflicts` gives none).
   */
  disputedKeys(): string[] {
    const settled = (this.settled ??= this.settle());
    const out: string[] = [];
    for (let keyId = 0; keyId < this.keyText.length; keyId++) {
      const sole = settled.soleType[keyId];
      if (sole < 0 || !this.agreed(this.keyText[keyId], this.typeNames[sole])) out.push(this.keyText[keyId]);
    }
    return out;
  }

  /** As WorkspaceIndex.relatedKeys. */
  relatedKeys(key: string): string[] {
    const keyId = this.keyIds.get(key);
    const out = [key];
    const space = key.lastIndexOf(' ');
    if (space < 0) {
      if (keyId !== undefined && !this.hasPersonType(keyId)) return out;
      const name = this.surnames.get(key);
      if (name !== undefined && name >= 0) out.push(this.keyText[name]);
    } else {
      const name = this.surnames.get(key.slice(space + 1));
      const surnameId = this.keyIds.get(key.slice(space + 1));
      if (name !== undefined && keyId !== undefined && name === keyId && surnameId !== undefined && this.hasPersonType(surnameId)) {
        out.push(this.keyText[surnameId]);
      }
    }
    return out;
  }

  /** As WorkspaceIndex.typeCables, for the cable being checked (its own types are left out). */
  typeCables(keys: string[], exclude?: string): Map<string, number> {
    const counts = new Map<string, number>();
    for (const key of keys) {
      const keyId = this.keyIds.get(key);
      if (keyId === undefined) continue;
      for (let typeId = 0; typeId < this.typeNames.length; typeId++) {
        const n = this.cablesOfType(keyId, typeId);
        if (n > 0) counts.set(this.typeNames[typeId], (counts.get(this.typeNames[typeId]) ?? 0) + n);
      }
    }
    if (exclude !== undefined && exclude === this.ownUri && this.own && this.uris.has(exclude)) {
      for (const key of keys) {
        const type = this.keyIds.has(key) ? this.own.get(key) : undefined;
        if (type !== undefined) counts.set(type, counts.get(type)! - 1);
      }
    }
    for (const [type, n] of counts) if (n <= 0) counts.delete(type);
    return counts;
  }

  /**
   * Whether every cable (this one included) gives `key` and its related keys
   * the type `type` and no other: then no cable can be outvoted, and the
   * entity has no conflict. Keys and surnames are settled once all cables are
   * added; what this needs of them is kept per key from then on.
   */
  private agreed(key: string, type: string): boolean {
    const keyId = this.keyIds.get(key);
    const typeId = this.typeIds.get(type);
    if (keyId === undefined || typeId === undefined) return false;
    const settled = (this.settled ??= this.settle());
    if (settled.soleType[keyId] !== typeId) return false;
    let related = settled.related[keyId];
    if (related === UNKNOWN) {
      const keys = this.relatedKeys(key);
      related = keys.length === 1 ? keyId : this.keyIds.get(keys[1])!;
      settled.related[keyId] = related;
    }
    return related === keyId || settled.soleType[related] === typeId;
  }

  /** Per key: the one type cables give it (or -1), and its related key (UNKNOWN until asked). */
  private settle(): { soleType: Int32Array; related: Int32Array } {
    const keys = this.keyText.length;
    const soleType = new Int32Array(keys).fill(-1);
    for (let keyId = 0; keyId < keys; keyId++) {
      let sole = -1;
      for (let typeId = 0; typeId < TYPES; typeId++) {
        if (this.keyTypes[keyId * TYPES + typeId] === 0) continue;
        sole = sole === -1 ? typeId : -2;
      }
      soleType[keyId] = sole;
    }
    // Keys with rarer types are left to the full check.
    for (const slot of this.moreTypes.keys()) soleType[Math.floor(slot / 65536)] = -1;
    return { soleType, related: new Int32Array(keys).fill(UNKNOWN) };
  }

  /** Other cables' locations are not kept. */
  someOccurrences(): CableOccurrence[] {
    return [];
  }

  private cablesOfType(keyId: number, typeId: number): number {
    return typeId < TYPES ? this.keyTypes[keyId * TYPES + typeId] : (this.moreTypes.get(keyId * 65536 + typeId) ?? 0);
  }

  private hasPersonType(keyId: number): boolean {
    const per = this.typeIds.get('PER');
    return per !== undefined && this.cablesOfType(keyId, per) > 0;
  }
}

/** Entity types counted inline per key by ConflictTally. */
const TYPES = 8;
/** A related key not looked up yet. */
const UNKNOWN = -2;
