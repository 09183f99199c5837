// Symbol search and the entity list of the index: fuzzy matches, one per
// entity and cable, best score first; limits; types and filters.

import * as assert from 'node:assert/strict';
import { indexBehind } from '../../../server/src/core/service';
import { WorkspaceIndex } from '../../../server/src/core/workspaceIndex';
import { CORPUS_ROOT, SEED_URI, corpusCables, fixture, seedCable } from '../../fixture';

describe('index: symbols and entities', () => {
  it('searchSymbols on small cables: best score first, then the entities in the most cables', () => {
    const f = fixture(`
//- /ws/a.cable (closed)
( U ) [LOC <a|Rome|a>  ] and [LOC <ra|Roma|ra>  ] .
//- /ws/b.cable (closed)
( U ) [ORG <b|Rome Statute Group|b>  ] in [LOC <rome|Rome|rome>  ] .
//- /ws/c.cable (closed)
( U ) [PER <c|Jerome|c>  ] .
`);
    const index = indexBehind(f.service);
    const at = (group: string) => f.only(group).span;
    assert.deepEqual(
      index.searchSymbols('rome').map((m) => [m.key, m.uri, m.span, m.score]),
      [
        // Exact (10,000), in two cables; a prefix (8,000 less the length); a substring inside a word (4,000 less where).
        ['rome', 'file:///ws/a.cable', at('a'), 10_000],
        ['rome', 'file:///ws/b.cable', at('rome'), 10_000],
        ['rome statute group', 'file:///ws/b.cable', at('b'), 8_000 - 18],
        ['jerome', 'file:///ws/c.cable', at('c'), 4_000 - 2],
      ],
    );
    assert.deepEqual(index.searchSymbols('rome', 2).map((m) => m.uri), ['file:///ws/a.cable', 'file:///ws/b.cable']);
    assert.deepEqual(index.searchSymbols('rome', 10, 1).map((m) => m.key), ['rome', 'rome statute group', 'jerome']);
    // Subsequences: 2,000, + 5 for r at a word start, - (10 + the gap) for the letters skipped before a.
    assert.deepEqual(index.searchSymbols('ra').map((m) => [m.key, m.name, m.type, m.score]), [
      ['roma', 'Roma', 'LOC', 2_000 + 5 - 13],
      ['rome statute group', 'Rome Statute Group', 'ORG', 2_000 + 5 - 17],
    ]);
  });

  // Over the corpus and the seed: only `ann pickard` (09ABUJA1907) and
  // `nicolas pickard` (the seed) have p, c, k, r, d in order; each is a
  // subsequence match scoring 2,000 + 5 (a word start) - 2 × 12 (two gaps of
  // one letter) = 1,981. 10,921 (key, cable) pairs in all (a script over the files).
  describe('on the corpus and the seed', () => {
    let index: WorkspaceIndex;
    before(() => {
      index = indexBehind(fixture('', { closed: [...corpusCables(), seedCable()] }).service);
    });

    it('searchSymbols: every matching entity once per cable, at its definition, best score first', () => {
      const matches = index.searchSymbols('pckrd').sort((a, b) => (a.key < b.key ? -1 : 1));
      assert.deepEqual(matches, [
        { key: 'ann pickard', name: 'Ann Pickard', type: 'PER', uri: `${CORPUS_ROOT}09ABUJA1907.cable`, span: { start: 1970, end: 1981 }, score: 1981 },
        { key: 'nicolas pickard', name: 'Nicolas Pickard', type: 'PER', uri: SEED_URI, span: { start: 1574, end: 1589 }, score: 1981 },
      ]);
      const scores = index.searchSymbols('nato').map((m) => m.score);
      assert.equal(scores[0], 10_000);
      for (let i = 1; i < scores.length; i++) assert.ok(scores[i - 1] >= scores[i]);
    });

    it('searchSymbols respects the limit and the matches per entity', () => {
      assert.equal(index.searchSymbols('', 1_000_000, 1_000_000).length, 10921);
      assert.equal(index.searchSymbols('', 10).length, 10);
      assert.deepEqual(index.searchSymbols('u.s', 5), index.searchSymbols('u.s', 50).slice(0, 5));
      const capped = index.searchSymbols('u.s.', 1000, 3).filter((m) => m.key === 'u.s.');
      assert.deepEqual(capped.map((m) => m.uri), [`${CORPUS_ROOT}04MADRID961.cable`, `${CORPUS_ROOT}05ANKARA1730.cable`, `${CORPUS_ROOT}05MADRID1141.cable`]);
      assert.deepEqual(index.searchSymbols('qqqqzzzz'), []);
    });

    // Types as in the Entities view test: PER 1,981, ORG 1,661, LOC 1,163, MISC 169.
    it('entities(type, filter) keeps the type most cables give, and the fuzzy matches', () => {
      assert.deepEqual(['PER', 'ORG', 'LOC', 'MISC'].map((t) => index.entities(t).length), [1981, 1661, 1163, 169]);
      assert.ok(index.entities('PER').every((e) => e.type === 'PER'));
      assert.deepEqual(index.entities(undefined, '  PCKRD ').map((e) => e.key).sort(), ['ann pickard', 'nicolas pickard']);
      assert.deepEqual(index.entities('PER', 'pckrd').map((e) => e.key).sort(), ['ann pickard', 'nicolas pickard']);
      assert.deepEqual(index.entities('ORG', 'pckrd'), []);
    });
  });
});
