// A cable as the comparison sees it: its untagged text (what the tagger was
// given) and its entities as spans of that text, trimmed of surrounding
// whitespace. Tag spacing (`[PER X ]`, `[PER X  ]`) leaves no trace here, so
// one stray space changes nothing. Offsets map both ways between the tagged
// text (what the user edits) and the untagged text.

import { DEFAULT_ENTITY_TYPES } from '../config';
import { markupMap, mergeRanges } from '../markupMap';
import { closingMarkupStart } from '../edits';
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
    if (m.closeSpan) ranges.push({ start: closingMarkupStart(m), end: m.closeSpan.end });
  }
  return mergeRanges(ranges);
}

const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13 || c === 0xa0;

export function untaggedCable(tagged: string, entityTypes: readonly string[] = DEFAULT_ENTITY_TYPES): UntaggedCable {
  const doc = parseCable(tagged, { entityTypes });
  const map = markupMap(tagged, markupRanges(doc));
  const text = map.text;
  const toUntagged = (offset: number) => map.toPlain(Math.max(0, Math.min(offset, tagged.length)));
  // At the ends of the text, a position stays inside the text's own characters: `start` at the end is
  // before trailing markup, `end` at 0 after leading markup.
  const toTagged = (offset: number, bias: 'start' | 'end') => {
    const o = Math.max(0, Math.min(offset, text.length));
    if (bias === 'start') return o === text.length && o > 0 ? map.endAt(o) : map.startAt(o);
    return o === 0 ? map.startAt(0) : map.endAt(o);
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
