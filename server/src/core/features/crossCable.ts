// What cross-cable features share: the entity under the cursor, and where an
// entity occurs in the other cables. Open documents answer from their live
// analysis; cables on disk from the workspace index.

import { Entity, mentionAt } from '../entities';
import { Position } from '../lineIndex';
import { Analysis } from '../workspace';
import { CableOccurrence, WorkspaceIndex } from '../workspaceIndex';

export interface CrossCableContext {
  index: WorkspaceIndex;
  /** The live analysis of an open document, or undefined for a cable on disk only. */
  openAnalysis(uri: string): Analysis | undefined;
}

export function entityUnder(analysis: Analysis, offset: number): Entity | undefined {
  const index = mentionAt(analysis.doc, offset, true);
  const id = index >= 0 ? analysis.entities.entityOfMention[index] : -1;
  return id < 0 ? undefined : analysis.entities.entities[id];
}

/** The entity of `analysis` with one of `keys`, if any. */
export function entityWithKey(analysis: Analysis, keys: string[]): Entity | undefined {
  return analysis.entities.entities.find((e) => keys.includes(e.key));
}

export function liveOccurrence(analysis: Analysis, entity: Entity): CableOccurrence {
  const spans = entity.mentions.map((i) => analysis.doc.mentions[i].textSpan);
  return {
    uri: analysis.uri,
    key: entity.key,
    name: entity.name,
    type: entity.type,
    spans,
    definition: analysis.doc.mentions[entity.definition].textSpan,
  };
}

/**
 * Where the entity with `keys` occurs in cables other than `exclude`, one
 * occurrence per cable, sorted by URI. A cable holding two of the keys (a
 * `Pickard` and an unrelated-looking `Nicolas Pickard`) has their mentions merged.
 */
export function otherOccurrences(ctx: CrossCableContext, keys: string[], exclude: string): CableOccurrence[] {
  const byUri = new Map<string, CableOccurrence>();
  for (const o of ctx.index.occurrences(keys, exclude)) {
    const known = byUri.get(o.uri);
    const live = ctx.openAnalysis(o.uri);
    if (live) {
      if (known) continue;
      const found = openOccurrence(live, keys);
      if (found) byUri.set(o.uri, found);
    } else {
      byUri.set(o.uri, known ? merge(known, o) : o);
    }
  }
  return [...byUri.values()];
}

/** The entity with `keys` in one cable (open or indexed), or undefined. */
export function occurrenceIn(ctx: CrossCableContext, uri: string, keys: string[]): CableOccurrence | undefined {
  const live = ctx.openAnalysis(uri);
  if (live) return openOccurrence(live, keys);
  const found = ctx.index.occurrencesInCable(uri, keys);
  return found.length > 0 ? found.reduce(merge) : undefined;
}

/** The index may lag behind an open editor by a keystroke: ask the editor's text. */
function openOccurrence(live: Analysis, keys: string[]): CableOccurrence | undefined {
  const entities = live.entities.entities.filter((e) => keys.includes(e.key));
  return entities.length > 0 ? entities.map((e) => liveOccurrence(live, e)).reduce(merge) : undefined;
}

/** One cable's occurrences of two related keys as one: the fuller key's definition and type. */
function merge(a: CableOccurrence, b: CableOccurrence): CableOccurrence {
  const fuller = b.key.length > a.key.length ? b : a;
  return { ...fuller, spans: [...a.spans, ...b.spans].sort((x, y) => x.start - y.start) };
}

/** A position in a cable: from the open document when there is one, else from the index. */
export function positionIn(ctx: CrossCableContext, uri: string, offset: number): Position | undefined {
  const live = ctx.openAnalysis(uri);
  return live ? live.lines.positionAt(offset) : ctx.index.positionAt(uri, offset);
}

/** `file:///…/09ABUJA1907.cable` → `09ABUJA1907`. */
export function cableName(uri: string): string {
  let base = uri.slice(uri.lastIndexOf('/') + 1);
  try {
    base = decodeURIComponent(base);
  } catch {
    // Not percent-encoded after all: keep it as it is.
  }
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(0, dot) : base;
}
