// Fuzzy matching for workspace symbols and the Entities view filter: the kind
// of match (exact, prefix, at a word, inside a word, subsequence) decides the
// score's range, worked out here without the code under test.

import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { fuzzyScore } from '../../../server/src/core/fuzzy';

describe('fuzzyScore', () => {
  type Kind = 'exact' | 'prefix' | 'word' | 'inner' | 'subsequence' | 'none';
  const RANGES: Record<Kind, [number, number]> = {
    exact: [10_000, 10_000],
    prefix: [7_000, 7_999],
    word: [5_000, 5_999],
    inner: [3_000, 3_999],
    subsequence: [1, 2_999],
    none: [0, 0],
  };
  const wordChar = (c: string) => /[a-z0-9]/.test(c) || c.charCodeAt(0) > 127;
  const isSubsequence = (q: string, t: string) => {
    let i = 0;
    for (const c of t) if (i < q.length && c === q[i]) i++;
    return i === q.length;
  };
  function kindOf(q: string, t: string): Kind {
    if (q === t) return 'exact';
    if (t.startsWith(q)) return 'prefix';
    const at = t.indexOf(q);
    if (at > 0) return wordChar(t[at - 1]) ? 'inner' : 'word';
    return isSubsequence(q, t) ? 'subsequence' : 'none';
  }

  it('exact > prefix > substring at a word > substring inside a word > subsequence > no match', () => {
    const target = 'nicolas pickard';
    const cases: Array<[string, Kind]> = [
      ['nicolas pickard', 'exact'],
      ['nicolas', 'prefix'],
      ['pickard', 'word'],
      ['ickard', 'inner'],
      ['pckrd', 'subsequence'],
      ['npickard', 'subsequence'],
      ['drakcip', 'none'],
      ['nicolas pickard jr', 'none'],
    ];
    let previous = Infinity;
    for (const [q, kind] of cases) {
      assert.equal(kindOf(q, target), kind, q);
      const score = fuzzyScore(q, target);
      assert.ok(score >= RANGES[kind][0] && score <= RANGES[kind][1], `${q}: ${score}`);
      if (kind !== 'subsequence') assert.ok(score < previous || score === 0, q);
      previous = Math.min(previous, score);
    }
    assert.equal(fuzzyScore('', target), 1);
    assert.equal(fuzzyScore('', ''), 1);
    assert.equal(fuzzyScore('a', ''), 0);
  });

  it('earlier and tighter matches first', () => {
    assert.ok(fuzzyScore('pick', 'pickard') > fuzzyScore('pick', 'pickardson'));
    assert.ok(fuzzyScore('pickard', 'ann pickard') > fuzzyScore('pickard', 'annabel pickard'));
    assert.ok(fuzzyScore('pkd', 'pickard') < fuzzyScore('pck', 'pickard'));
    assert.ok(fuzzyScore('np', 'nicolas pickard') > fuzzyScore('nl', 'nicolas pickard'));
  });

  it('on any text of up to 200 characters, the score falls in the range of the kind of match', () => {
    const alphabet = fc.constantFrom('a', 'b', 'c', ' ', '.', '-', '1', 'é');
    const text = fc.array(alphabet, { minLength: 1, maxLength: 200 }).map((a) => a.join(''));
    fc.assert(
      fc.property(text, fc.array(fc.nat(), { minLength: 1, maxLength: 20 }), fc.nat(), fc.nat(), fc.array(alphabet, { minLength: 1, maxLength: 6 }), (t, picks, from, len, random) => {
        const start = from % t.length;
        const sub = t.slice(start, start + 1 + (len % (t.length - start)));
        const indices = [...new Set(picks.map((p) => p % t.length))].sort((a, b) => a - b);
        const subsequence = indices.map((i) => t[i]).join('');
        for (const q of [t, t.slice(0, Math.max(1, t.length - 1)), sub, subsequence, random.join('')]) {
          const kind = kindOf(q, t);
          const score = fuzzyScore(q, t);
          const [lo, hi] = RANGES[kind];
          if (score < lo || score > hi) return false;
        }
        return true;
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 2000) },
    );
  });
});
