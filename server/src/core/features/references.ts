// References, definition and document highlights: every mention of the
// entity under the cursor.

import { mentionAt } from '../entities';
import { Span } from '../model';
import { Analysis } from '../workspace';

export interface Location {
  uri: string;
  span: Span;
}

function entityAt(analysis: Analysis, offset: number) {
  const index = mentionAt(analysis.doc, offset, true);
  if (index < 0) return undefined;
  const id = analysis.entities.entityOfMention[index];
  return id < 0 ? undefined : analysis.entities.entities[id];
}

export function references(analysis: Analysis, offset: number, includeDeclaration = true): Location[] {
  const entity = entityAt(analysis, offset);
  if (!entity) return [];
  return entity.mentions
    .filter((i) => includeDeclaration || i !== entity.definition)
    .map((i) => ({ uri: analysis.uri, span: analysis.doc.mentions[i].textSpan }));
}

export function definition(analysis: Analysis, offset: number): Location | undefined {
  const entity = entityAt(analysis, offset);
  if (!entity) return undefined;
  return { uri: analysis.uri, span: analysis.doc.mentions[entity.definition].textSpan };
}

export function highlights(analysis: Analysis, offset: number): Span[] {
  const entity = entityAt(analysis, offset);
  if (!entity) return [];
  return entity.mentions.map((i) => analysis.doc.mentions[i].textSpan);
}
