// Aligning two untagged texts, so that annotations of texts that differ a
// little (someone also fixed a typo) can be compared. Identical texts map by
// identity. Otherwise jsdiff (`diff`) finds the common words and spaces
// (diffWordsWithSpace), each changed stretch is refined by characters
// (diffChars), and offsets map through the resulting segments. Texts with
// less than half of their characters in common are unrelated: there is
// nothing sensible to compare.

import { diffChars, diffWordsWithSpace } from 'diff';
import { Span } from '../model';

/** A stretch of both texts: equal, or changed (either side may be empty). */
export interface Segment {
  a: Span;
  b: Span;
  equal: boolean;
}

/** A change of the text itself, at word granularity. */
export interface TextChange {
  a: Span;
  b: Span;
}

export interface Alignment {
  identical: boolean;
  /** Whether the texts have at least half of their characters in common (identical and empty texts do). */
  related: boolean;
  /** Characters in common over the longer text's length: 1 for identical texts. */
  similarity: number;
  /** Why the texts are not related, for the user. */
  reason?: string;
  segments: Segment[];
  changes: TextChange[];
}

/** Below this share of common characters, two texts are unrelated. */
export const MIN_SIMILARITY = 0.5;

/** A changed stretch longer than this is not refined by characters. */
const REFINE_LIMIT = 20_000;

export interface AlignOptions {
  /** Give up (the texts count as unrelated) after this long; default 10 s. */
  timeoutMs?: number;
}

export function alignTexts(a: string, b: string, options: AlignOptions = {}): Alignment {
  if (a === b) {
    return { identical: true, related: true, similarity: 1, segments: [{ a: { start: 0, end: a.length }, b: { start: 0, end: b.length }, equal: true }], changes: [] };
  }
  const longer = Math.max(a.length, b.length);
  let prefix = 0;
  const shorter = Math.min(a.length, b.length);
  while (prefix < shorter && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < shorter - prefix && a.charCodeAt(a.length - 1 - suffix) === b.charCodeAt(b.length - 1 - suffix)) suffix++;
  // Changes are reported by words: the common ends stop at a space.
  while (prefix > 0 && !isSpace(a.charCodeAt(prefix - 1))) prefix--;
  while (suffix > 0 && !isSpace(a.charCodeAt(a.length - suffix))) suffix--;
  const aMid = a.slice(prefix, a.length - suffix);
  const bMid = b.slice(prefix, b.length - suffix);

  // An upper bound of the common characters: no alignment can keep more than the shared multiset.
  const bound = prefix + suffix + sharedCharacters(aMid, bMid);
  if (bound < MIN_SIMILARITY * longer) return unrelated(bound / longer);

  const words = diffWordsWithSpace(aMid, bMid, { timeout: options.timeoutMs ?? 10_000 });
  if (!words) return unrelated(bound / longer, 'the texts are too different to align in reasonable time');

  const segments: Segment[] = [];
  const changes: TextChange[] = [];
  let ai = 0;
  let bi = 0;
  const pushEqual = (length: number) => {
    if (length === 0) return;
    const last = segments[segments.length - 1];
    if (last?.equal) {
      last.a.end += length;
      last.b.end += length;
    } else {
      segments.push({ a: { start: ai, end: ai + length }, b: { start: bi, end: bi + length }, equal: true });
    }
    ai += length;
    bi += length;
  };
  const pushChange = (aLength: number, bLength: number) => {
    if (aLength === 0 && bLength === 0) return;
    segments.push({ a: { start: ai, end: ai + aLength }, b: { start: bi, end: bi + bLength }, equal: false });
    ai += aLength;
    bi += bLength;
  };

  pushEqual(prefix);
  let removed = '';
  let added = '';
  const flush = () => {
    if (removed.length === 0 && added.length === 0) return;
    changes.push({ a: { start: ai, end: ai + removed.length }, b: { start: bi, end: bi + added.length } });
    const refined = removed.length > 0 && added.length > 0 && removed.length + added.length <= REFINE_LIMIT ? diffChars(removed, added) : undefined;
    if (refined) {
      let r = '';
      let d = '';
      for (const part of refined) {
        if (part.removed) r += part.value;
        else if (part.added) d += part.value;
        else {
          pushChange(r.length, d.length);
          r = d = '';
          pushEqual(part.value.length);
        }
      }
      pushChange(r.length, d.length);
    } else {
      pushChange(removed.length, added.length);
    }
    removed = added = '';
  };
  for (const part of words) {
    if (part.removed) removed += part.value;
    else if (part.added) added += part.value;
    else {
      flush();
      pushEqual(part.value.length);
    }
  }
  flush();
  pushEqual(suffix);

  const common = segments.reduce((n, s) => n + (s.equal ? s.a.end - s.a.start : 0), 0);
  const similarity = longer === 0 ? 1 : common / longer;
  if (similarity < MIN_SIMILARITY) return unrelated(similarity);
  return { identical: false, related: true, similarity, segments, changes };
}

function unrelated(similarity: number, reason?: string): Alignment {
  const percent = Math.floor(similarity * 100);
  return {
    identical: false,
    related: false,
    similarity,
    reason: reason ?? `the untagged texts have only ${percent}% of their characters in common (at least ${MIN_SIMILARITY * 100}% are needed to align them)`,
    segments: [],
    changes: [],
  };
}

const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;

/** Characters the two strings share, counted as multisets. */
function sharedCharacters(a: string, b: string): number {
  const counts = new Map<number, number>();
  for (let i = 0; i < a.length; i++) {
    const c = a.charCodeAt(i);
    counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  let shared = 0;
  for (let i = 0; i < b.length; i++) {
    const c = b.charCodeAt(i);
    const n = counts.get(c);
    if (n) {
      shared++;
      counts.set(c, n - 1);
    }
  }
  return shared;
}

/**
 * Maps an offset of one text into the other through the segments (`from` is
 * the side the offset belongs to). Inside a changed stretch, a start maps to
 * the stretch's start and an end to its end, so a span keeps all it may cover.
 */
export function mapOffset(alignment: Alignment, offset: number, from: 'a' | 'b', bias: 'start' | 'end'): number {
  const to = from === 'a' ? 'b' : 'a';
  const segments = alignment.segments;
  if (alignment.identical || segments.length === 0) return offset;
  // The first segment whose end (on `from`) is at or after the offset.
  let lo = 0;
  let hi = segments.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (segments[mid][from].end < offset) lo = mid + 1;
    else hi = mid;
  }
  // A start belongs to what follows it: past segments that end at the offset.
  if (bias === 'start') while (lo + 1 < segments.length && segments[lo][from].end === offset) lo++;
  const s = segments[lo];
  const source = s[from];
  const target = s[to];
  if (s.equal) return target.start + Math.max(0, Math.min(offset - source.start, target.end - target.start));
  if (offset <= source.start) return target.start;
  if (offset >= source.end) return target.end;
  return bias === 'start' ? target.start : target.end;
}

/** A span of one text in the other; trimmed to the mapped range (may be empty). */
export function mapSpan(alignment: Alignment, span: Span, from: 'a' | 'b'): Span {
  if (alignment.identical) return { start: span.start, end: span.end };
  const start = mapOffset(alignment, span.start, from, 'start');
  const end = mapOffset(alignment, span.end, from, 'end');
  return { start, end: Math.max(start, end) };
}
