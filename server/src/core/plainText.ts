// The cable as the tagger read it: the text without tag markup (what
// `untaggedText` gives), with offsets mapped both ways. Tag boundaries are
// judged here, where `[PER Bono-  ]Rumsfeld` reads `Bono-Rumsfeld`.

import { lineStartAt } from './lineIndex';
import { markupMap, mergeRanges } from './markupMap';
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

/**
 * The plain text of one stretch of the cable, text[from, to), with offsets
 * mapped to and from the whole cable's: the same characters the whole
 * cable's plain text has there, when the stretch starts and ends at line
 * breaks. Undefined when tag markup crosses one of them (a malformed tag's
 * markup may hold a line break). For a few lines, without the rest.
 */
export function plainTextOf(doc: CableDocument, from: number, to: number): PlainText | undefined {
  return build(doc, from, to);
}

function build(doc: CableDocument): PlainText;
function build(doc: CableDocument, from: number, to: number): PlainText | undefined;
function build(doc: CableDocument, from = 0, to = doc.text.length): PlainText | undefined {
  // Read from the packed tags: no mention views, no span objects per tag.
  const table = tagsOf(doc);
  const d = table.data;
  const removed: Span[] = [];
  // Markup across an edge of the stretch (a malformed tag's, holding a line break) could join
  // words across it: no plain text of the stretch alone then.
  let crossed = false;
  const add = (start: number, end: number) => {
    if ((start < from && end > from) || (start < to && end > to)) crossed = true;
    if (start < from) start = from;
    if (end > to) end = to;
    if (end > start) removed.push({ start, end });
  };
  // The tags with markup in [from, to): those starting there, and (a tag crosses at most
  // one line break) those starting on the line before.
  let first = 0;
  let last = table.count - 1;
  if (from > 0 || to < doc.text.length) {
    // `from` follows a line break: the line before ends at it (at its `\r` in a `\r\n`).
    let lastOfLineBefore = from - 2;
    if (doc.text.charCodeAt(from - 1) === 10 && doc.text.charCodeAt(from - 2) === 13) lastOfLineBefore--;
    const lineBefore = from <= 1 ? 0 : lineStartAt(doc.text, lastOfLineBefore);
    first = table.firstStartingAtOrAfter(lineBefore);
    last = table.lastStartingAtOrBefore(to - 1);
  }
  for (let i = first; i <= last; i++) {
    const o = i * F.Stride;
    add(d[o + F.Start], d[o + F.TextStart]);
    if (d[o + F.Close] >= 0) add(d[o + F.TextEnd], d[o + F.Close] + 1);
  }
  if (crossed) return undefined;
  // Nested and broken tags can overlap: disjoint ranges.
  const map = markupMap(doc.text, mergeRanges(removed), from, to);
  return { text: map.text, toPlain: map.toPlain, charAt: map.startAt, startAt: map.startAt, endAt: map.endAt };
}
