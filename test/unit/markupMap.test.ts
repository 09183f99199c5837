import * as assert from 'node:assert/strict';
import { markupMap, mergeRanges } from '../../server/src/core/markupMap';

describe('markupMap: text without markup, offsets both ways', () => {
  // a b < x > c d < y y >
  // 0 1 2 3 4 5 6 7 8 9 10
  const map = markupMap('ab<x>cd<yy>', [
    { start: 2, end: 5 },
    { start: 7, end: 11 },
  ]);

  it('keeps the text between the ranges', () => {
    assert.equal(map.text, 'abcd');
  });

  it('a tagged offset inside or at the edge of markup maps to where the markup was', () => {
    assert.deepEqual([0, 1, 2, 3, 4, 5, 6, 7, 9, 11].map(map.toPlain), [0, 1, 2, 2, 2, 2, 3, 4, 4, 4]);
  });

  it('startAt gives the position after markup, endAt the position before it', () => {
    assert.deepEqual([0, 1, 2, 3, 4].map(map.startAt), [0, 1, 5, 6, 11]);
    assert.deepEqual([0, 1, 2, 3, 4].map(map.endAt), [0, 1, 2, 6, 7]);
  });

  it('leading markup: the first character is after it, position 0 before it', () => {
    const lead = markupMap('<m>ab', [{ start: 0, end: 3 }]);
    assert.equal(lead.text, 'ab');
    assert.equal(lead.startAt(0), 3);
    assert.equal(lead.endAt(0), 0);
    assert.equal(lead.toPlain(1), 0);
  });

  it('a stretch of the source: offsets stay the whole source’s', () => {
    const stretch = markupMap('xx<m>ab\nzz', [{ start: 2, end: 5 }], 2, 7);
    assert.equal(stretch.text, 'ab');
    assert.equal(stretch.toPlain(6), 1);
    assert.equal(stretch.startAt(0), 5);
    assert.equal(stretch.endAt(2), 7);
  });

  it('counts UTF-16 code units: ¶ and ’ are one each, a non-BMP letter two', () => {
    const m = markupMap('¶<a>’𝐀<b>x', [
      { start: 1, end: 4 },
      { start: 7, end: 10 },
    ]);
    assert.equal(m.text, '¶’𝐀x');
    assert.equal(m.startAt(1), 4);
    assert.equal(m.startAt(4), 10);
    assert.equal(m.toPlain(10), 4);
  });

  it('mergeRanges sorts, joins overlapping and touching ranges, drops empty ones', () => {
    assert.deepEqual(
      mergeRanges([
        { start: 5, end: 7 },
        { start: 1, end: 3 },
        { start: 3, end: 4 },
        { start: 6, end: 9 },
        { start: 8, end: 8 },
      ]),
      [
        { start: 1, end: 4 },
        { start: 5, end: 9 },
      ],
    );
  });
});
