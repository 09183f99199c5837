// Text edits in offsets, and the untagged text every edit must keep.

import { closingConvention } from './conventions';
import { CableDocument, EntityMention, Span } from './model';

export interface TextEdit {
  span: Span;
  newText: string;
}

/** Applies non-overlapping edits to a text, in one pass over it (insertions at one offset: the last given first). */
export function applyEdits(text: string, edits: TextEdit[]): string {
  if (edits.length === 0) return text;
  const sorted = edits.map((e, i) => ({ e, i })).sort((a, b) => a.e.span.start - b.e.span.start || a.e.span.end - b.e.span.end || b.i - a.i);
  const pieces: string[] = [];
  let at = 0;
  for (const { e } of sorted) {
    pieces.push(text.slice(at, e.span.start), e.newText);
    at = Math.max(at, e.span.end);
  }
  pieces.push(text.slice(at));
  return pieces.join('');
}

/**
 * Where a closed tag's closing markup (spaces and `]`) starts: right after its
 * text; or, when its text stops early (at a line break, or where a nested tag
 * opens), at the spaces just before `]`, so that what lies between is text.
 */
export function closingMarkupStart(m: EntityMention): number {
  if (!m.closeSpan || !(m.multiline || m.containsTag)) return m.textSpan.end;
  return Math.max(m.textSpan.end, m.closeSpan.start - m.closingSpaces);
}

/** Removes `[TYPE ` and `  ]`, keeping the text (see `closingMarkupStart`). */
export function removeTag(m: EntityMention): TextEdit[] {
  const edits: TextEdit[] = [{ span: { start: m.openSpan.start, end: m.textSpan.start }, newText: '' }];
  if (m.closeSpan) edits.push({ span: { start: closingMarkupStart(m), end: m.closeSpan.end }, newText: '' });
  return edits;
}

/** The text with every tag's markup removed: what the tagger was given. */
export function untaggedText(doc: CableDocument): string {
  const edits = doc.mentions.flatMap((m) => removeTag(m));
  return applyEdits(doc.text, edits);
}

/**
 * Edits in their simplest form: touching edits joined into one (in the order
 * given), each trimmed to what really changes (`[LOC ` → `[ORG ` becomes
 * `LOC` → `ORG`), and edits that change nothing dropped. Throws on overlaps.
 */
export function normaliseEdits(text: string, edits: TextEdit[]): TextEdit[] {
  const sorted = edits
    .map((e, i) => ({ e, i }))
    .sort((a, b) => a.e.span.start - b.e.span.start || a.e.span.end - b.e.span.end || b.i - a.i)
    .map((x) => x.e);
  const joined: TextEdit[] = [];
  for (const e of sorted) {
    const last = joined[joined.length - 1];
    if (last && e.span.start < last.span.end) throw new Error(`overlapping edits at ${e.span.start}`);
    if (last && e.span.start === last.span.end) joined[joined.length - 1] = { span: { start: last.span.start, end: e.span.end }, newText: last.newText + e.newText };
    else joined.push({ span: { ...e.span }, newText: e.newText });
  }
  const out: TextEdit[] = [];
  for (const e of joined) {
    const old = text.slice(e.span.start, e.span.end);
    if (old === e.newText) continue;
    let head = 0;
    while (head < old.length && head < e.newText.length && old[head] === e.newText[head]) head++;
    if (head > 0 && isHighSurrogate(old.charCodeAt(head - 1))) head--;
    let tail = 0;
    while (tail < old.length - head && tail < e.newText.length - head && old[old.length - 1 - tail] === e.newText[e.newText.length - 1 - tail]) tail++;
    if (tail > 0 && isLowSurrogate(old.charCodeAt(old.length - tail))) tail--;
    out.push({ span: { start: e.span.start + head, end: e.span.end - tail }, newText: e.newText.slice(head, e.newText.length - tail) });
  }
  return out;
}

const isHighSurrogate = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLowSurrogate = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/**
 * Edits moving a closed tag's text to [start, end) (offsets in the text, on
 * its line, outside other tags), optionally with a new type. The new closing
 * follows the file's spacing convention; an edge that stays is not touched.
 */
export function moveTagEdits(doc: CableDocument, m: EntityMention, start: number, end: number, type = m.type): TextEdit[] {
  const edits: TextEdit[] = [];
  if (start !== m.textSpan.start || type !== m.type) {
    edits.push({ span: { start: m.openSpan.start, end: m.textSpan.start }, newText: '' });
    edits.push({ span: { start, end: start }, newText: `[${type} ` });
  }
  if (end !== m.textSpan.end && m.closeSpan) {
    edits.push({ span: { start: m.textSpan.end, end: m.closeSpan.end }, newText: '' });
    edits.push({ span: { start: end, end }, newText: `${' '.repeat(closingConvention(doc))}]` });
  }
  return normaliseEdits(doc.text, edits);
}
