// Offsets in a text: UTF-16 code units (JavaScript strings, LSP) and Unicode
// code points (Python's str, brat). They differ only after a character outside
// the Basic Multilingual Plane (an emoji), which takes two UTF-16 units.

export type OffsetUnit = 'codepoints' | 'utf16';

export class OffsetMap {
  /** UTF-16 offsets of the low surrogates of the text's surrogate pairs, in order. */
  private readonly pairs: number[] = [];
  readonly utf16Length: number;
  readonly codePointLength: number;

  constructor(text: string) {
    for (let i = 0; i + 1 < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff) {
        const d = text.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          this.pairs.push(i + 1);
          i++;
        }
      }
    }
    this.utf16Length = text.length;
    this.codePointLength = text.length - this.pairs.length;
  }

  /** The code point offset of a UTF-16 offset (which must not split a pair). */
  toCodePoints(utf16: number): number {
    return utf16 - countBelowOrAt(this.pairs, utf16 - 1);
  }

  /** The UTF-16 offset of a code point offset, or undefined past the end. */
  fromCodePoints(codePoints: number): number | undefined {
    if (codePoints < 0 || codePoints > this.codePointLength) return undefined;
    // The k-th pair's low surrogate at p shifts every code point offset after it by one.
    let lo = 0;
    let hi = this.pairs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      // code point offset of the character just after the pair ending at pairs[mid]
      if (this.pairs[mid] - mid <= codePoints) lo = mid + 1;
      else hi = mid;
    }
    return codePoints + lo;
  }

  /** Whether a UTF-16 offset falls between the two halves of a surrogate pair. */
  splitsPair(utf16: number): boolean {
    const i = lowerBound(this.pairs, utf16);
    return i < this.pairs.length && this.pairs[i] === utf16;
  }

  /** A UTF-16 offset in `unit` converted to UTF-16 (undefined when out of range or inside a pair). */
  toUtf16(offset: number, unit: OffsetUnit): number | undefined {
    if (unit === 'codepoints') return this.fromCodePoints(offset);
    if (offset < 0 || offset > this.utf16Length || this.splitsPair(offset)) return undefined;
    return offset;
  }

  /** A UTF-16 offset expressed in `unit`. */
  fromUtf16(utf16: number, unit: OffsetUnit): number {
    return unit === 'codepoints' ? this.toCodePoints(utf16) : utf16;
  }

  length(unit: OffsetUnit): number {
    return unit === 'codepoints' ? this.codePointLength : this.utf16Length;
  }
}

/** Index of the first element >= value. */
function lowerBound(sorted: number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** How many elements are <= value. */
function countBelowOrAt(sorted: number[], value: number): number {
  return lowerBound(sorted, value + 1);
}

/**
 * Whitespace between tokens: JavaScript's \s, and the separators Python's
 * str.split() also splits on (U+001C–U+001F, U+0085), so that no token holds
 * a character either language takes for a space.
 */
export function isTokenSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d) || (c >= 0x1c && c <= 0x1f);
  if (c < 0x85) return false;
  return (
    c === 0x85 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}
