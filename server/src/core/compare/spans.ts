// A cable as the comparison sees it: its untagged text (what the tagger was
// given) and its entities as spans of that text, trimmed of surrounding
// whitespace. Tag spacing (`[PER X ]`, `[PER X  ]`) leaves no trace here, so
// one stray space changes nothing. Offsets map both ways between the tagged
// text (what the user edits) and the untagged text.

import { DEFAULT_ENTITY_TYPES } from '../config';
import { CableDocument, Span } from '../model';
import { parseCable } from '../parser';

export interface EntitySpan {
  /** In the untagged text; end exclusive. */
  start: number;
  end: number;
  /** As written (`PER`, or an unknown `PRE`). */
  type: string;
  /** The mention's index in the parsed document. */
  mention: number;
}

export interface UntaggedCable {
  /** The tagged text as given. */
  readonly tagged: string;
  readonly doc: CableDocument;
  readonly text: string;
  /** Sorted by start, then end. */
  readonly spans: EntitySpan[];
  /** The untagged offset of a tagged offset (an offset inside markup maps to where the markup was). */
  toUntagged(offset: number): number;
  /**
   * The tagged offset of an untagged offset. Where markup was removed at `offset`,
   * `start` gives the offset after it (before the next character), `end` the offset
   * before it (after the previous character).
   */
  toTagged(offset: number, bias: 'start' | 'end'): number;
}

/** The markup of the document's tags: `[TYPE ` and the spaces and `]` that close it. */
export function markupRanges(doc: CableDocument): Span[] {
  const ranges: Span[] = [];
  for (const m of doc.mentions) {
    ranges.push({ start: m.openSpan.start, end: m.textSpan.start });
    if (m.closeSpan) {
      // A tag holding a nested tag: only its own closing spaces and `]`, not the nested tag.
      const closeStart = m.containsTag ? m.closeSpan.start - m.closingSpaces : m.textSpan.end;
      ranges.push({ start: closeStart, end: m.closeSpan.end });
    }
  }
  ranges.sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: Span[] = [];
  for (const r of ranges) {
    if (r.end <= r.start) continue;
    const last = merged[merged.length - 1];
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else merged.push({ ...r });
  }
  return merged;
}

const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13 || c === 0xa0;

export function untaggedCable(tagged: string, entityTypes: readonly string[] = DEFAULT_ENTITY_TYPES): UntaggedCable {
  const doc = parseCable(tagged, { entityTypes });
  const removed = markupRanges(doc);
  // Kept pieces: tagged start and untagged start of each run of kept text.
  const keptTagged: number[] = [];
  const keptUntagged: number[] = [];
  const parts: string[] = [];
  let t = 0;
  let u = 0;
  for (const r of removed) {
    if (r.start > t) {
      keptTagged.push(t);
      keptUntagged.push(u);
      parts.push(tagged.slice(t, r.start));
      u += r.start - t;
    }
    t = r.end;
  }
  if (t < tagged.length || keptTagged.length === 0) {
    keptTagged.push(t);
    keptUntagged.push(u);
    parts.push(tagged.slice(t));
    u += tagged.length - t;
  }
  const text = parts.join('');
  const prefix = [0];
  for (const r of removed) prefix.push(prefix[prefix.length - 1] + (r.end - r.start));
  /** Markup removed before `offset`; inside a range, up to the offset only. */
  const removedBefore = (offset: number) => {
    let lo = 0;
    let hi = removed.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (removed[mid].start < offset) lo = mid + 1;
      else hi = mid;
    }
    let total = prefix[lo];
    const last = lo > 0 ? removed[lo - 1] : undefined;
    if (last && last.end > offset) total -= last.end - offset;
    return total;
  };

  const toUntagged = (offset: number) => {
    const o = Math.max(0, Math.min(offset, tagged.length));
    return o - removedBefore(o);
  };
  const toTagged = (offset: number, bias: 'start' | 'end') => {
    const o = Math.max(0, Math.min(offset, text.length));
    // The last kept piece starting at or before `o` (for `end`, strictly before, unless o is 0).
    let lo = 0;
    let hi = keptUntagged.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      const startsBefore = bias === 'start' ? keptUntagged[mid] <= o : keptUntagged[mid] < o;
      if (startsBefore) lo = mid;
      else hi = mid - 1;
    }
    return keptTagged[lo] + (o - keptUntagged[lo]);
  };

  const spans: EntitySpan[] = [];
  doc.mentions.forEach((m, mention) => {
    const close = m.containsTag && m.closeSpan ? m.closeSpan.start - m.closingSpaces : m.textSpan.end;
    let start = toUntagged(m.textSpan.start);
    let end = toUntagged(close);
    while (start < end && isSpace(text.charCodeAt(start))) start++;
    while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
    if (end > start) spans.push({ start, end, type: m.type, mention });
  });
  spans.sort((a, b) => a.start - b.start || a.end - b.end || (a.type < b.type ? -1 : a.type > b.type ? 1 : 0));
  return { tagged, doc, text, spans, toUntagged, toTagged };
}
