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

let left: Buffer = Buffer.alloc(0);
let right: Buffer = Buffer.alloc(0);

function encodeInto(buffer: Buffer, text: string): Buffer {
  const bytes = text.length * 2;
  if (buffer.length < bytes) buffer = Buffer.allocUnsafeSlow(Math.max(bytes, buffer.length * 2, 1 << 16));
  buffer.write(text, 0, bytes, 'utf16le');
  return buffer;
}

/**
 * Where `a` and `b` differ: the length of their common prefix, and where
 * their common suffix (not overlapping it) starts in each. Compared as bytes
 * with native comparisons, in blocks.
 */
export function changedRegion(a: string, b: string): { start: number; oldEnd: number; newEnd: number } {
  const max = Math.min(a.length, b.length);
  left = encodeInto(left, a);
  right = encodeInto(right, b);
  // The common prefix, in characters: blocks of 4096, then 64, then 1.
  let start = 0;
  for (let step = 4096; step >= 1; step >>= 6) {
    while (start + step <= max && left.compare(right, 2 * start, 2 * (start + step), 2 * start, 2 * (start + step)) === 0) start += step;
  }
  let suffix = 0;
  const room = max - start;
  for (let step = 4096; step >= 1; step >>= 6) {
    while (suffix + step <= room && left.compare(right, 2 * (b.length - suffix - step), 2 * (b.length - suffix), 2 * (a.length - suffix - step), 2 * (a.length - suffix)) === 0) suffix += step;
  }
  return { start, oldEnd: a.length - suffix, newEnd: b.length - suffix };
}
