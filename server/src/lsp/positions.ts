// Positions in the client's encoding. LSP positions count UTF-16 code units
// unless the client and the server agreed on UTF-8 (bytes) or UTF-32 (code
// points); the core counts UTF-16 offsets. Lines end at `\r\n`, `\r` or `\n`.

import { Position, lineStartsOf } from '../core';
import { lastAtOrBefore } from '../core/sorted';

export { lineStartsOf };

export type PositionEncoding = 'utf-16' | 'utf-8' | 'utf-32';

/** Offsets ↔ positions in one text. */
export interface PositionMapper {
  positionAt(offset: number): Position;
  offsetAt(position: Position): number;
  /** Many offsets at once, when the mapper can do better than one at a time. */
  positionsAt?(offsets: number[]): Position[];
}

function lineOf(starts: ArrayLike<number>, offset: number): number {
  return Math.max(0, lastAtOrBefore(starts, offset));
}

/** Units of `encoding` in text[from, to) (UTF-16 offsets). */
export function unitsBetween(text: string, from: number, to: number, encoding: PositionEncoding): number {
  if (encoding === 'utf-16') return to - from;
  let units = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    const pair = c >= 0xd800 && c <= 0xdbff && i + 1 < to && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
    if (encoding === 'utf-32') units += 1;
    else units += c < 0x80 ? 1 : c < 0x800 ? 2 : pair ? 4 : 3;
    if (pair) i++;
  }
  return units;
}

/** The UTF-16 offset `units` of `encoding` after `from`, stopping at `limit` and never inside a character. */
export function offsetAfterUnits(text: string, from: number, limit: number, units: number, encoding: PositionEncoding): number {
  if (encoding === 'utf-16') return Math.min(limit, from + Math.max(0, units));
  let i = from;
  let left = units;
  while (i < limit && left > 0) {
    const c = text.charCodeAt(i);
    const pair = c >= 0xd800 && c <= 0xdbff && i + 1 < limit && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
    const width = encoding === 'utf-32' ? 1 : c < 0x80 ? 1 : c < 0x800 ? 2 : pair ? 4 : 3;
    if (width > left) break;
    left -= width;
    i += pair ? 2 : 1;
  }
  return i;
}

/** A mapper over a text, in one encoding. */
export class TextPositions implements PositionMapper {
  private starts: number[] | undefined;

  constructor(
    private readonly text: string,
    readonly encoding: PositionEncoding,
    starts?: number[],
  ) {
    this.starts = starts;
  }

  /** The offsets where lines start (shared: not to be changed). */
  lineStarts(): number[] {
    return (this.starts ??= lineStartsOf(this.text));
  }

  get lineCount(): number {
    return this.lineStarts().length;
  }

  positionAt(offset: number): Position {
    const starts = this.lineStarts();
    const o = Math.max(0, Math.min(offset, this.text.length));
    const line = lineOf(starts, o);
    return { line, character: unitsBetween(this.text, starts[line], o, this.encoding) };
  }

  offsetAt(position: Position): number {
    const starts = this.lineStarts();
    if (position.line < 0) return 0;
    if (position.line >= starts.length) return this.text.length;
    const start = starts[position.line];
    let end = position.line + 1 < starts.length ? starts[position.line + 1] : this.text.length;
    while (end > start && (this.text.charCodeAt(end - 1) === 10 || this.text.charCodeAt(end - 1) === 13)) end--;
    return offsetAfterUnits(this.text, start, end, Math.max(0, position.character), this.encoding);
  }
}

/**
 * The line starts of `text`, made from `starts`, those of the text it was
 * before [`start`, `oldEnd`) became [`start`, `newEnd`): the same before the
 * edit, found again inside it, moved after it. Equals `lineStartsOf(text)`.
 */
export function lineStartsAfterEdit(starts: number[], text: string, start: number, oldEnd: number, newEnd: number): number[] {
  const delta = newEnd - oldEnd;
  // A line start at x depends on the characters at x - 1 and x (after a `\r`, a `\n` at x makes it later).
  const from = Math.max(start, 1);
  const out: number[] = [];
  let k = 0;
  while (k < starts.length && starts[k] < from) out.push(starts[k++]);
  for (let x = from; x <= newEnd; x++) {
    const c = text.charCodeAt(x - 1);
    if (c === 10 || (c === 13 && text.charCodeAt(x) !== 10)) out.push(x);
  }
  while (k < starts.length && starts[k] <= oldEnd) k++;
  for (; k < starts.length; k++) out.push(starts[k] + delta);
  return out;
}
