// What a word is, for snapping selections to words and for tag boundaries.
//
// A word is a run of letters, digits and combining marks, joined into one by
// a single `.` `'` `’` `&` `-` `/` between two of them (`U.S`, `O’Neill`,
// `AT&T`, `Kim Jong-il`, `PM/WRA`, `UK’s`); a final `.` belongs to it after
// an inner `.` or a single capital (`U.S.`, `J.`), not elsewhere (`PRT.`,
// `relations...`). Punctuation the format spaces off (` , `, ` . `, `( C )`)
// is never part of a word.
//
// Inside a word some positions are still edges: either side of a hyphen or a
// slash (a tag may start after `Franco-` or end before `-born`), and the start
// of a possessive `’s` for an end (`[LOC UK  ]’s`). A start edge may not be
// just before a hyphen, an end edge not just after one: the hyphen would
// hang inside the tag (`[PER Bono-  ]Rumsfeld`). A cursor alone takes a word
// across slashes (`PM/WRA`), not across hyphens.

import { Span } from './model';

const WORD = /[\p{L}\p{N}\p{M}]/u;

/** Whether the character at `i` (either half of a surrogate pair) is a letter, digit or mark. */
export function isWordChar(text: string, i: number): boolean {
  if (i < 0 || i >= text.length) return false;
  const c = text.charCodeAt(i);
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  if (c >= 0xd800 && c <= 0xdbff) {
    const next = text.charCodeAt(i + 1);
    return next >= 0xdc00 && next <= 0xdfff && WORD.test(String.fromCharCode(c, next));
  }
  if (c >= 0xdc00 && c <= 0xdfff) {
    const prev = text.charCodeAt(i - 1);
    return prev >= 0xd800 && prev <= 0xdbff && WORD.test(String.fromCharCode(prev, c));
  }
  return WORD.test(text[i]);
}

const JOINERS = new Set(['.', "'", '’', '&', '-', '‐', '‑', '/']);
const SPLITTERS = new Set(['-', '‐', '‑', '/']);
const APOSTROPHES = new Set(["'", '’']);

/** Whether the character at `i` joins the word characters on its two sides. */
function joinsAt(text: string, i: number): boolean {
  return JOINERS.has(text[i]) && isWordChar(text, i - 1) && isWordChar(text, i + 1);
}

/** A hyphen or slash joining two word parts (`Bono-Rumsfeld`, `PM/WRA`). */
export function isSplitterAt(text: string, i: number): boolean {
  return SPLITTERS.has(text[i]) && joinsAt(text, i);
}

/** The longest run scanned back when deciding whether a final `.` belongs to a word. */
const MAX_DOT_SCAN = 64;

/** Whether the `.` at `i` ends the word before it (`U.S.`, `J.`). */
function trailingDotAt(text: string, i: number): boolean {
  if (text[i] !== '.' || !isWordChar(text, i - 1) || joinsAt(text, i)) return false;
  let start = i - 1;
  let innerDot = false;
  for (let n = 0; n < MAX_DOT_SCAN && start > 0; n++) {
    if (isWordChar(text, start - 1)) start--;
    else if (text[start - 1] === '.' && isWordChar(text, start - 2)) {
      innerDot = true;
      start -= 2;
    } else break;
  }
  if (innerDot) return true;
  const letter = text.slice(start, i);
  return [...letter].length === 1 && /\p{Lu}/u.test(letter);
}

/** Whether the character at `i` belongs to a word. */
export function inWord(text: string, i: number): boolean {
  return isWordChar(text, i) || joinsAt(text, i) || trailingDotAt(text, i);
}

/** Whether position `p` (between `text[p - 1]` and `text[p]`) lies inside a word. */
export function insideWord(text: string, p: number): boolean {
  return p > 0 && p < text.length && inWord(text, p - 1) && inWord(text, p);
}

/** `’s` or `'s` ending a word at `p`. */
export function possessiveAt(text: string, p: number): boolean {
  return APOSTROPHES.has(text[p]) && (text[p + 1] === 's' || text[p + 1] === 'S') && !inWord(text, p + 2) && isWordChar(text, p - 1);
}

/** A hyphen always splits; a slash splits too, except for a cursor, which takes `PM/WRA` whole. */
function splitsAt(text: string, i: number, slash: boolean): boolean {
  return isSplitterAt(text, i) && (slash || text[i] !== '/');
}

/** Whether a tag, or a selection, may start at `p`. */
export function isStartEdge(text: string, p: number, slash = true): boolean {
  return !insideWord(text, p) || splitsAt(text, p - 1, slash);
}

/** Whether a tag, or a selection, may end at `p`. */
export function isEndEdge(text: string, p: number, slash = true): boolean {
  return !insideWord(text, p) || splitsAt(text, p, slash) || possessiveAt(text, p);
}

/** The nearest start edge at or before `p`, not before `limit`. */
export function startEdgeBefore(text: string, p: number, limit = 0, slash = true): number {
  while (p > limit && !isStartEdge(text, p, slash)) p--;
  return p;
}

/** The nearest end edge at or after `p`, not after `limit`. */
export function endEdgeAfter(text: string, p: number, limit = text.length, slash = true): number {
  while (p < limit && !isEndEdge(text, p, slash)) p++;
  return p;
}

/**
 * The words of text[start, end), as parts between edges: `Kim Jong-il` is
 * `Kim`, `Jong`, `il`; `U.S.` is one; `UK’s` is `UK`, `s`.
 */
export function wordParts(text: string, start: number, end: number): Span[] {
  const parts: Span[] = [];
  let p = start;
  while (p < end) {
    if (!isWordChar(text, p)) {
      p++;
      continue;
    }
    const partEnd = Math.min(endEdgeAfter(text, p + 1, end), end);
    parts.push({ start: p, end: partEnd });
    p = partEnd;
  }
  return parts;
}

/**
 * Word parts each starting at a start edge: a part that may end a tag but not
 * start one (the `s` of `UK’s`) stays with the part before it. What a tag may
 * be cut into from its start (shrinking its start, splitting it).
 */
export function wordPartsFromStarts(text: string, start: number, end: number): Span[] {
  const parts: Span[] = [];
  for (const p of wordParts(text, start, end)) {
    const last = parts[parts.length - 1];
    if (last && !isStartEdge(text, p.start)) last.end = p.end;
    else parts.push({ ...p });
  }
  return parts;
}

const isBreak = (text: string, i: number) => text[i] === '\n' || text[i] === '\r';

/** The first word part at or after `p`, on the same line and before `limit`. */
export function nextWordPart(text: string, p: number, limit = text.length): Span | undefined {
  while (p < limit && !isWordChar(text, p)) {
    if (isBreak(text, p)) return undefined;
    p++;
  }
  if (p >= limit) return undefined;
  return { start: p, end: Math.min(endEdgeAfter(text, p + 1, limit), limit) };
}

/** The last word part ending at or before `p`, on the same line and not before `limit`. */
export function previousWordPart(text: string, p: number, limit = 0): Span | undefined {
  while (p > limit && !isWordChar(text, p - 1)) {
    if (isBreak(text, p - 1)) return undefined;
    p--;
  }
  if (p <= limit) return undefined;
  return { start: Math.max(startEdgeBefore(text, p - 1, limit), limit), end: p };
}

/** Why a selection has no word: only spaces, or no letter or digit at all (punctuation, or a cursor off words). */
export type Snapped = { span: Span } | { refused: 'blank' | 'no-word' };

/**
 * A selection snapped to words: spaces and punctuation at its ends are
 * dropped, then each end moves outward to the nearest edge. An empty
 * selection (a cursor) takes the word part it touches; across a slash it
 * takes the whole (`PM/WRA`, an office symbol), across a hyphen the part
 * (`UK` in `U.S.-UK`).
 */
export function snapToWords(text: string, selection: Span): Snapped {
  let { start, end } = selection;
  if (start === end) {
    const at = isWordChar(text, start) ? start : isWordChar(text, start - 1) ? start - 1 : -1;
    if (at < 0) return { refused: 'no-word' };
    return { span: { start: startEdgeBefore(text, at, 0, false), end: endEdgeAfter(text, at + 1, text.length, false) } };
  }
  while (start < end && !isWordChar(text, start)) start++;
  while (end > start && !isWordChar(text, end - 1)) end--;
  if (start === end) return { refused: /^\s*$/.test(text.slice(selection.start, selection.end)) ? 'blank' : 'no-word' };
  return { span: { start: startEdgeBefore(text, start), end: endEdgeAfter(text, end) } };
}
