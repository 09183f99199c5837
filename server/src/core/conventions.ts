// The file's own conventions, which edits follow.

import { CableDocument } from './model';

const conventions = new WeakMap<CableDocument, number>();

/** The closing spacing most tags of the file use (two spaces when there is no majority). */
export function closingConvention(doc: CableDocument): number {
  const cached = conventions.get(doc);
  if (cached !== undefined) return cached;
  const counts = new Map<number, number>();
  for (const m of doc.mentions) {
    if (m.closeSpan && m.text.length > 0) counts.set(m.closingSpaces, (counts.get(m.closingSpaces) ?? 0) + 1);
  }
  let best = 2;
  for (const [spaces, n] of counts) if (n > (counts.get(best) ?? 0)) best = spaces;
  conventions.set(doc, best);
  return best;
}
