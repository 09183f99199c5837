// Offsets to line/character positions and back. Characters are UTF-16 code
// units, as in LSP; `\r\n`, `\r` and `\n` all end a line.

import { lastAtOrBefore } from './sorted';

export interface Position {
  line: number;
  character: number;
}

export class LineIndex {
  private readonly starts: number[];

  constructor(private readonly text: string) {
    this.starts = lineStarts(text);
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** The offsets where lines start, compactly, for `positionIn`. */
  lineStarts(): Int32Array {
    return Int32Array.from(this.starts);
  }

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    const line = lastAtOrBefore(this.starts, o);
    return { line, character: o - this.starts[line] };
  }

  offsetAt(position: Position): number {
    if (position.line < 0) return 0;
    if (position.line >= this.starts.length) return this.text.length;
    const start = this.starts[position.line];
    const next = position.line + 1 < this.starts.length ? this.starts[position.line + 1] : this.text.length;
    let lineEnd = next;
    while (lineEnd > start && (this.text.charCodeAt(lineEnd - 1) === 10 || this.text.charCodeAt(lineEnd - 1) === 13)) lineEnd--;
    return Math.max(start, Math.min(start + Math.max(0, position.character), lineEnd));
  }
}

/** `offset` as a position, given the line starts of a text of `length` code units. */
export function positionIn(starts: Int32Array, length: number, offset: number): Position {
  const o = Math.max(0, Math.min(offset, length));
  const line = Math.max(0, lastAtOrBefore(starts, o));
  return { line, character: o - starts[line] };
}

/** The offsets where lines start (`\r\n`, `\r` and `\n` end a line); line breaks found with `indexOf`. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  let lf = text.indexOf('\n');
  let cr = text.indexOf('\r');
  while (lf >= 0 || cr >= 0) {
    if (cr < 0 || (lf >= 0 && lf < cr)) {
      starts.push(lf + 1);
      lf = text.indexOf('\n', lf + 1);
    } else {
      const next = text.charCodeAt(cr + 1) === 10 ? cr + 2 : cr + 1;
      starts.push(next);
      if (lf === cr + 1) lf = text.indexOf('\n', next);
      cr = text.indexOf('\r', next);
    }
  }
  return starts;
}

/** The same as `lineStarts` (the name the LSP layer uses). */
export const lineStartsOf = lineStarts;

/** The start of the line holding offset `i` (after `\n`, `\r\n` or `\r`), scanned back: for short lines. */
export function lineStartAt(text: string, i: number): number {
  while (i > 0) {
    const c = text.charCodeAt(i - 1);
    if (c === 10 || c === 13) break;
    i--;
  }
  return i;
}

/** The end of the line holding offset `i`, before its line break, scanned forward: for short lines. */
export function lineEndAt(text: string, i: number): number {
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) break;
    i++;
  }
  return i;
}
