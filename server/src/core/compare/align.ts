// Aligning two untagged texts, so that annotations of texts that differ a
// little (someone also fixed a typo) can be compared. Identical texts map by
// identity. Otherwise jsdiff (`diff`) aligns them in three passes: by lines
// (diffArrays; a line that differs only in its end, CRLF or LF, still
// pairs), the changed lines by words and spaces (diffWordsWithSpace), and
// each changed stretch by characters (diffChars); offsets map through the
// resulting segments. Texts with less than half of their characters in
// common are unrelated: there is nothing sensible to compare. The line pass
// and a bound on the shared words tell most unrelated texts apart at once.

import { diffArrays, diffChars, diffWordsWithSpace } from 'diff';
import { Span } from '../model';
import { countWhere } from '../sorted';

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
  const deadline = Date.now() + (options.timeoutMs ?? 10_000);
  const longer = Math.max(a.length, b.length);
  // The common ends, cut back to whole lines.
  const shorter = Math.min(a.length, b.length);
  let prefix = 0;
  while (prefix < shorter && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < shorter - prefix && a.charCodeAt(a.length - 1 - suffix) === b.charCodeAt(b.length - 1 - suffix)) suffix++;
  while (prefix > 0 && a.charCodeAt(prefix - 1) !== 10) prefix--;
  while (suffix > 0 && a.charCodeAt(a.length - suffix - 1) !== 10) suffix--;
  const aLines = splitLines(a.slice(prefix, a.length - suffix));
  const bLines = splitLines(b.slice(prefix, b.length - suffix));

  // 1. Lines (cables hold about one sentence a line): cheap even for unrelated texts.
  const lines = diffArrays(aLines, bLines, { comparator: (x: string, y: string) => withoutEnd(x) === withoutEnd(y), timeout: Math.max(1, deadline - Date.now()) });
  if (!lines) return unrelated(0, 'the texts are too different to align in reasonable time');
  type Block = { equal: true; a: string[]; b: string[] } | { equal: false; a: string; b: string };
  const blocks: Block[] = [];
  let ai = 0;
  let bi = 0;
  let equalChars = prefix + suffix;
  for (const part of lines) {
    const n = part.count ?? part.value.length;
    if (part.removed) {
      pushChanged(blocks, aLines.slice(ai, ai + n).join(''), '');
      ai += n;
    } else if (part.added) {
      pushChanged(blocks, '', bLines.slice(bi, bi + n).join(''));
      bi += n;
    } else {
      const x = aLines.slice(ai, ai + n);
      const y = bLines.slice(bi, bi + n);
      blocks.push({ equal: true, a: x, b: y });
      for (let k = 0; k < n; k++) equalChars += Math.min(x[k].length, y[k].length);
      ai += n;
      bi += n;
    }
  }
  // 2. Texts with less than half their characters on common lines: related only if the
  // changed lines share enough words. The shared multiset of words and spaces bounds that.
  if (equalChars < MIN_SIMILARITY * longer) {
    let bound = equalChars;
    for (const block of blocks) if (!block.equal) bound += sharedTokens(block.a, block.b);
    if (bound < MIN_SIMILARITY * longer) return unrelated(bound / longer);
  }

  // 3. Changed lines by words (then characters); lines equal but for their end by characters.
  const out = new SegmentBuilder();
  out.equal(prefix);
  for (const block of blocks) {
    if (block.equal) {
      for (let k = 0; k < block.a.length; k++) {
        const x = block.a[k];
        const y = block.b[k];
        if (x === y) out.equal(x.length);
        else out.refineByCharacters(x, y, false);
      }
    } else if (block.a.length === 0 || block.b.length === 0 || block.a.length + block.b.length > REFINE_WORDS_LIMIT) {
      out.change(block.a, block.b, true);
    } else {
      const words = diffWordsWithSpace(block.a, block.b, { timeout: Math.max(1, deadline - Date.now()) });
      if (!words) return unrelated(equalChars / longer, 'the texts are too different to align in reasonable time');
      let removed = '';
      let added = '';
      for (const part of words) {
        if (part.removed) removed += part.value;
        else if (part.added) added += part.value;
        else {
          out.refineByCharacters(removed, added, true);
          removed = added = '';
          out.equal(part.value.length);
        }
      }
      out.refineByCharacters(removed, added, true);
    }
  }
  out.equal(suffix);

  const common = out.segments.reduce((n, seg) => n + (seg.equal ? seg.a.end - seg.a.start : 0), 0);
  const similarity = longer === 0 ? 1 : common / longer;
  if (similarity < MIN_SIMILARITY) return unrelated(similarity);
  return { identical: false, related: true, similarity, segments: out.segments, changes: out.changes };
}

/** Changed stretches longer than this (both sides together) are not refined by words. */
const REFINE_WORDS_LIMIT = 200_000;

function splitLines(text: string): string[] {
  return text.length === 0 ? [] : text.split(/(?<=\n)/);
}

/** A line with its end as LF: `\r\n` and `\n` ends compare equal, a missing end does not. */
const withoutEnd = (line: string) => (line.endsWith('\r\n') ? line.slice(0, -2) + '\n' : line);

function pushChanged(blocks: Array<{ equal: boolean; a: unknown; b: unknown }>, a: string, b: string): void {
  const last = blocks[blocks.length - 1] as { equal: false; a: string; b: string } | undefined;
  if (last && !last.equal) {
    last.a += a;
    last.b += b;
  } else {
    blocks.push({ equal: false, a, b });
  }
}

/** Segments over both texts, built from the start, and the text changes worth reporting. */
class SegmentBuilder {
  readonly segments: Segment[] = [];
  readonly changes: TextChange[] = [];
  private ai = 0;
  private bi = 0;

  equal(length: number): void {
    if (length === 0) return;
    const last = this.segments[this.segments.length - 1];
    if (last?.equal) {
      last.a.end += length;
      last.b.end += length;
    } else {
      this.segments.push({ a: { start: this.ai, end: this.ai + length }, b: { start: this.bi, end: this.bi + length }, equal: true });
    }
    this.ai += length;
    this.bi += length;
  }

  /** A changed stretch as it is; `report` lists it as a text change. */
  change(a: string, b: string, report: boolean): void {
    if (a.length === 0 && b.length === 0) return;
    if (report) this.report(a, b);
    this.segments.push({ a: { start: this.ai, end: this.ai + a.length }, b: { start: this.bi, end: this.bi + b.length }, equal: false });
    this.ai += a.length;
    this.bi += b.length;
  }

  /** A changed stretch, its common characters found (diffChars) for the offsets to map through. */
  refineByCharacters(a: string, b: string, report: boolean): void {
    if (a.length === 0 || b.length === 0 || a.length + b.length > REFINE_LIMIT) return this.change(a, b, report);
    const parts = diffChars(a, b);
    if (report) this.report(a, b);
    let r = 0;
    let d = 0;
    for (const part of parts) {
      if (part.removed) r += part.value.length;
      else if (part.added) d += part.value.length;
      else {
        this.pushRaw(r, d);
        r = d = 0;
        this.equal(part.value.length);
      }
    }
    this.pushRaw(r, d);
  }

  private pushRaw(aLength: number, bLength: number): void {
    if (aLength === 0 && bLength === 0) return;
    this.segments.push({ a: { start: this.ai, end: this.ai + aLength }, b: { start: this.bi, end: this.bi + bLength }, equal: false });
    this.ai += aLength;
    this.bi += bLength;
  }

  private report(a: string, b: string): void {
    if (sameButLineEnds(a, b)) return;
    this.changes.push({ a: { start: this.ai, end: this.ai + a.length }, b: { start: this.bi, end: this.bi + b.length } });
  }
}

/**
 * Whether two texts differ in their line ends alone (CRLF against LF): equal
 * once every `\r` is taken out. The one rule for "no change" of line ends, for
 * whole texts and for the pieces an alignment compares.
 */
export function sameButLineEnds(a: string, b: string): boolean {
  return a === b || a.replace(/\r/g, '') === b.replace(/\r/g, '');
}

/** Characters of the words and spaces the two strings share, counted as multisets. */
function sharedTokens(a: string, b: string): number {
  const counts = new Map<string, number>();
  for (const t of a.match(/\S+|\s+/g) ?? []) counts.set(t, (counts.get(t) ?? 0) + 1);
  let shared = 0;
  for (const t of b.match(/\S+|\s+/g) ?? []) {
    const n = counts.get(t);
    if (n) {
      shared += t.length;
      counts.set(t, n - 1);
    }
  }
  return shared;
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
  let lo = Math.min(segments.length - 1, countWhere(segments.length, (i) => segments[i][from].end < offset));
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
