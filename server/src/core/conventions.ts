// The file's own conventions, which edits follow.

import { memoized } from './memo';
import { CableDocument } from './model';
import { tagsOf } from './parser';
import { F } from './tagTable';

/** The closing spacing most tags of the file use (two spaces when there is no majority). */
export function closingConvention(doc: CableDocument): number {
  return memoized(doc, 'closingConvention', () => convention(doc));
}

function convention(doc: CableDocument): number {
  const table = tagsOf(doc);
  const d = table.data;
  // Counts per spacing, in the order spacings first occur (ties keep the first).
  const counts = new Map<number, number>();
  let two = 0;
  for (let i = 0; i < table.count; i++) {
    const o = i * F.Stride;
    if (d[o + F.Close] < 0 || d[o + F.TextEnd] === d[o + F.TextStart]) continue;
    const spaces = d[o + F.Closing];
    if (spaces === 2) two++;
    else counts.set(spaces, (counts.get(spaces) ?? 0) + 1);
  }
  let best = 2;
  let bestCount = two;
  for (const [spaces, n] of counts) {
    if (n > bestCount) {
      best = spaces;
      bestCount = n;
    }
  }
  return best;
}
