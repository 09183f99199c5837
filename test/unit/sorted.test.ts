// The binary searches every lookup by offset uses, against a plain scan.

import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { countWhere, lastAtOrBefore } from '../../server/src/core/sorted';

describe('sorted: binary searches', () => {
  it('lastAtOrBefore: the last element at or before the value, or -1', () => {
    assert.equal(lastAtOrBefore([0, 7, 46, 99], 0), 0);
    assert.equal(lastAtOrBefore([0, 7, 46, 99], 45), 1);
    assert.equal(lastAtOrBefore([0, 7, 46, 99], 46), 2);
    assert.equal(lastAtOrBefore(Int32Array.from([5, 9]), 4), -1);
    assert.equal(lastAtOrBefore([], 3), -1);
    assert.equal(lastAtOrBefore([2, 2, 2, 8], 2), 2, 'the last of equal ones');
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -50, max: 50 })), fc.integer({ min: -60, max: 60 }), (values, value) => {
        const sorted = [...values].sort((a, b) => a - b);
        let expected = -1;
        for (let i = 0; i < sorted.length; i++) if (sorted[i] <= value) expected = i;
        assert.equal(lastAtOrBefore(sorted, value), expected);
        assert.equal(lastAtOrBefore(Int32Array.from(sorted), value), expected);
      }),
      { numRuns: 500, seed: 20261202 },
    );
  });

  it('countWhere: how long a prefix the predicate holds for', () => {
    const starts = [3, 8, 8, 15];
    assert.equal(countWhere(starts.length, (i) => starts[i] < 8), 1);
    assert.equal(countWhere(starts.length, (i) => starts[i] <= 8), 3);
    assert.equal(countWhere(starts.length, () => true), 4);
    assert.equal(countWhere(0, () => true), 0);
    fc.assert(
      fc.property(fc.nat(40), fc.nat(40), (n, k) => {
        const cut = Math.min(n, k);
        const asked: number[] = [];
        assert.equal(countWhere(n, (i) => (asked.push(i), i < cut)), cut);
        assert.ok(asked.every((i) => i >= 0 && i < n), 'only indices below n are asked about');
        assert.ok(asked.length <= Math.ceil(Math.log2(n + 1)) + 1, `${asked.length} probes for ${n}`);
      }),
      { numRuns: 300, seed: 20261202 },
    );
  });
});
