// The cable as the tagger read it: the text without tag markup (what
// `untaggedText` gives), with offsets mapped both ways. Tag boundaries are
// judged here, where `[PER Bono-  ]Rumsfeld` reads `Bono-Rumsfeld`.

import { CableDocument, Span } from './model';
import { tagsOf } from './parser';
import { F } from './tagTable';

export interface PlainText {
  text: string;
  /** The plain offset of a tagged offset (markup collapses to the position after it). */
  toPlain(offset: number): number;
  /** The tagged offset of the plain character at `index`. */
  charAt(index: number): number;
  /** The tagged offset just after the plain character at `index - 1` (a position after text). */
  endAt(index: number): number;
  /** The tagged offset of the plain character at `index` (a position before text). */
  startAt(index: number): number;
}

const views = new WeakMap<CableDocument, PlainText>();

export function plainText(doc: CableDocument): PlainText {
  let view = views.get(doc);
  if (!view) views.set(doc, (view = build(doc)));
  return view;
}

function build(doc: CableDocument): PlainText {
  // Read from the packed tags: no mention views, no span objects per tag.
  const table = tagsOf(doc);
  const d = table.data;
  const removed: Span[] = [];
  for (let i = 0; i < table.count; i++) {
    const o = i * F.Stride;
    removed.push({ start: d[o + F.Start], end: d[o + F.TextStart] });
    if (d[o + F.Close] >= 0) removed.push({ start: d[o + F.TextEnd], end: d[o + F.Close] + 1 });
  }
  removed.sort((a, b) => a.start - b.start);
  // Nested and broken tags can overlap: keep disjoint ranges.
  const ranges: Span[] = [];
  for (const r of removed) {
    const last = ranges[ranges.length - 1];
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else if (r.end > r.start) ranges.push({ ...r });
  }
  // before[i]: characters removed before ranges[i]; plainStart[i]: where ranges[i] sits in the plain text.
  const before = new Array<number>(ranges.length);
  const plainStart = new Array<number>(ranges.length);
  let total = 0;
  const pieces: string[] = [];
  let at = 0;
  ranges.forEach((r, i) => {
    before[i] = total;
    plainStart[i] = r.start - total;
    pieces.push(doc.text.slice(at, r.start));
    at = r.end;
    total += r.end - r.start;
  });
  pieces.push(doc.text.slice(at));
  const text = pieces.join('');

  /** The last range starting at or before the tagged offset, or -1. */
  const rangeBefore = (offset: number) => {
    let lo = 0;
    let hi = ranges.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (ranges[mid].start <= offset) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  };
  /** The last range whose plain position is at or before `index`, or -1. */
  const rangeAtPlain = (index: number, inclusive: boolean) => {
    let lo = 0;
    let hi = ranges.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (plainStart[mid] < index || (inclusive && plainStart[mid] === index)) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  };
  const charAt = (index: number) => {
    const i = rangeAtPlain(index, true);
    return i < 0 ? index : index + before[i] + (ranges[i].end - ranges[i].start);
  };
  return {
    text,
    toPlain(offset) {
      const i = rangeBefore(offset);
      if (i < 0) return offset;
      const r = ranges[i];
      return offset < r.end ? plainStart[i] : offset - before[i] - (r.end - r.start);
    },
    charAt,
    startAt: charAt,
    endAt(index) {
      return index === 0 ? 0 : charAt(index - 1) + 1;
    },
  };
}
