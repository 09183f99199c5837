// A text's UTF-16 code units as a Uint16Array, for the loops that read every
// character: reading a typed array is several times faster than
// `charCodeAt`, and the copy is a memcpy. The array is a shared scratch
// buffer: valid until the next call, so a caller reads it and lets it go.

import { endianness } from 'os';

let scratch = Buffer.alloc(0);
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
