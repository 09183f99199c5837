// A stretch of text with markup ranges taken out (what the tagger read), and
// offsets mapped between the two. The one mapping behind the plain text the
// boundary checks read (plainText.ts), the untagged cable the comparison
// scores (compare/spans.ts) and the exported text (formats/document.ts).

import { Span } from './model';
import { countWhere, lastAtOrBefore } from './sorted';

export interface MarkupMap {
  /** The text left. */
  text: string;
  /** The plain offset of a tagged offset (markup collapses to where it was). */
  toPlain(offset: number): number;
  /** The tagged offset of the plain character at `index` (a position before text: after markup there). */
  startAt(index: number): number;
  /** The tagged offset just after the plain character at `index - 1` (a position after text); `from` for 0. */
  endAt(index: number): number;
}

/** Sorted by start, overlapping and touching ranges made one, empty ones dropped. */
export function mergeRanges(ranges: readonly Span[]): Span[] {
  const sorted = [...ranges].sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: Span[] = [];
  for (const r of sorted) {
    if (r.end <= r.start) continue;
    const last = merged[merged.length - 1];
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else merged.push({ start: r.start, end: r.end });
  }
  return merged;
}

/** `source[from, to)` without `ranges` (sorted, disjoint, within the stretch; see `mergeRanges`). */
export function markupMap(source: string, ranges: readonly Span[], from = 0, to = source.length): MarkupMap {
  const n = ranges.length;
  // before[i]: characters removed before ranges[i]; plainStart[i]: where ranges[i] sits in the plain text.
  const before = new Int32Array(n);
  const plainStart = new Int32Array(n);
  const length = new Int32Array(n);
  const pieces: string[] = [];
  let total = 0;
  let at = from;
  for (let i = 0; i < n; i++) {
    const r = ranges[i];
    before[i] = total;
    plainStart[i] = r.start - from - total;
    length[i] = r.end - r.start;
    pieces.push(source.slice(at, r.start));
    at = r.end;
    total += r.end - r.start;
  }
  pieces.push(source.slice(at, to));

  /** The last range starting at or before the tagged offset, or -1. */
  const rangeBefore = (offset: number) => countWhere(n, (i) => ranges[i].start <= offset) - 1;
  /** The last range whose plain position is at or before `index`, or -1. */
  const rangeAtPlain = (index: number) => lastAtOrBefore(plainStart, index);
  const startAt = (index: number) => {
    const i = rangeAtPlain(index);
    return from + (i < 0 ? index : index + before[i] + length[i]);
  };
  return {
    text: pieces.join(''),
    toPlain(offset) {
      const i = rangeBefore(offset);
      if (i < 0) return offset - from;
      return offset < ranges[i].end ? plainStart[i] : offset - from - before[i] - length[i];
    },
    startAt,
    endAt(index) {
      return index === 0 ? from : startAt(index - 1) + 1;
    },
  };
}
