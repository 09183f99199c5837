// A text's UTF-16 code units as a Uint16Array, for the loops that read every
// character: reading a typed array is several times faster than
// `charCodeAt`, and the copy is a memcpy. The array is a shared scratch
// buffer: valid until the next call, so a caller reads it and lets it go.

import { endianness } from 'os';

let scratch: Buffer = Buffer.alloc(0);
const LITTLE_ENDIAN = endianness() === 'LE';

export function utf16Codes(text: string): Uint16Array {
  const bytes = text.length * 2;
  if (!LITTLE_ENDIAN) {
    const out = new Uint16Array(text.length);
    for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
    return out;
  }
  if (scratch.length < bytes) scratch = Buffer.allocUnsafeSlow(Math.max(bytes, scratch.length * 2, 1 << 16));
  scratch.write(text, 0, bytes, 'utf16le');
  return new Uint16Array(scratch.buffer, scratch.byteOffset, text.length);
}

/** Block sizes of `changedRegion`'s comparisons, in characters. */
const STEPS = [65536, 2048, 64, 1];

/**
 * Where `a` and `b` differ: the length of their common prefix, and where
 * their common suffix (not overlapping it) starts in each. Compared in blocks
 * of decreasing size (slices compared natively, nothing copied).
 */
export function changedRegion(a: string, b: string): ChangedRegion {
  if (last !== undefined && last.a === a && last.b === b) return last.region;
  const region = compareEnds(a, b);
  last = { a, b, region };
  return region;
}

export interface ChangedRegion {
  readonly start: number;
  readonly oldEnd: number;
  readonly newEnd: number;
}

/** The last pair compared and its answer: an edit's parse, the moving of its earlier diagnostics and their LSP conversion ask for the same pair. */
let last: { a: string; b: string; region: ChangedRegion } | undefined;

function compareEnds(a: string, b: string): ChangedRegion {
  if (a === b) return { start: a.length, oldEnd: a.length, newEnd: a.length };
  const max = Math.min(a.length, b.length);
  let start = 0;
  for (const step of STEPS) {
    while (start + step <= max && a.slice(start, start + step) === b.slice(start, start + step)) start += step;
  }
  let suffix = 0;
  const room = max - start;
  for (const step of STEPS) {
    while (suffix + step <= room && a.slice(a.length - suffix - step, a.length - suffix) === b.slice(b.length - suffix - step, b.length - suffix)) suffix += step;
  }
  return { start, oldEnd: a.length - suffix, newEnd: b.length - suffix };
}
