// References, definition and document highlights: every mention of the
// entity under the cursor, in this cable and, with a workspace index, in all
// other cables.

import { Span } from '../model';
import { Analysis } from '../workspace';
import { CrossCableContext, entityUnder, otherOccurrences } from './crossCable';

export interface Location {
  uri: string;
  span: Span;
}

export function references(analysis: Analysis, offset: number, includeDeclaration = true, ctx?: CrossCableContext): Location[] {
  const entity = entityUnder(analysis, offset);
  if (!entity) return [];
  const here = entity.mentions
    .filter((i) => includeDeclaration || i !== entity.definition)
    .map((i) => ({ uri: analysis.uri, span: analysis.doc.mentions[i].textSpan }));
  if (!ctx) return here;
  const elsewhere: Location[] = [];
  for (const o of otherOccurrences(ctx, ctx.index.relatedKeys(entity.key), analysis.uri)) {
    for (const span of o.spans) elsewhere.push({ uri: o.uri, span });
  }
  return [...here, ...elsewhere];
}

/**
 * Where the entity is introduced: its first mention in its fullest form, in
 * this cable; in another cable only when that cable has a fuller form (this
 * cable says `Pickard`, another `Nicolas Pickard`).
 */
export function definition(analysis: Analysis, offset: number, ctx?: CrossCableContext): Location | undefined {
  const entity = entityUnder(analysis, offset);
  if (!entity) return undefined;
  const local = { uri: analysis.uri, span: analysis.doc.mentions[entity.definition].textSpan };
  if (!ctx) return local;
  const fuller = ctx.index.relatedKeys(entity.key).filter((k) => k.length > entity.key.length);
  if (fuller.length === 0) return local;
  const first = otherOccurrences(ctx, fuller, analysis.uri)[0];
  return first ? { uri: first.uri, span: first.definition } : local;
}

export function highlights(analysis: Analysis, offset: number): Span[] {
  const entity = entityUnder(analysis, offset);
  if (!entity) return [];
  return entity.mentions.map((i) => analysis.doc.mentions[i].textSpan);
}
