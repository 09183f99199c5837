// Where entities occur across the index: occurrences, cablesOf, typeCables,
// countCables, countMentions, firstCables, someOccurrences, entitiesOf.

import * as assert from 'node:assert/strict';
import { indexBehind } from '../../../server/src/core/service';
import { WorkspaceIndex } from '../../../server/src/core/workspaceIndex';
import { CORPUS_ROOT, SEED_URI, corpusCables, fixture, seedCable } from '../../fixture';

const NATO = `
//- /ws/c.cable (closed)
( U ) [ORG <c|NATO|c>  ] and the [ORG <c|NATO’s|c>  ] allies .
//- /ws/a.cable (closed)
( U ) The [LOC Rome  ] meeting of [ORG <a|NATO|a>  ] and [ORG <iaea|IAEA|iaea>  ] .
//- /ws/b.cable
( U ) [ORG <b|Nato|b>  ] summit ; [ORG <b|NATO|b>  ] again ; [MISC <iaea|IAEA|iaea>  ] .
`;

describe('index: where entities occur', () => {
  describe('on small cables', () => {
    const f = fixture(NATO);
    const index = indexBehind(f.service);
    const spans = (group: string) => f.group(group).map((m) => m.span);

    it('occurrences of a key: every cable, sorted by URI, with its name there, spans, type and definition', () => {
      const a = { uri: 'file:///ws/a.cable', key: 'nato', name: 'NATO', type: 'ORG', spans: spans('a'), definition: spans('a')[0] };
      const b = { uri: 'file:///ws/b.cable', key: 'nato', name: 'Nato', type: 'ORG', spans: spans('b'), definition: spans('b')[0] };
      const c = { uri: 'file:///ws/c.cable', key: 'nato', name: 'NATO', type: 'ORG', spans: spans('c'), definition: spans('c')[0] };
      assert.deepEqual(index.occurrences(['nato']), [a, b, c]);
      assert.deepEqual(index.cablesOf(['nato']), ['file:///ws/a.cable', 'file:///ws/b.cable', 'file:///ws/c.cable']);
      assert.deepEqual(index.occurrences(['nato'], 'file:///ws/b.cable'), [a, c]);
      assert.deepEqual(index.cablesOf(['nato'], 'file:///ws/b.cable'), ['file:///ws/a.cable', 'file:///ws/c.cable']);
    });

    it('several keys: the union, each cable once in cablesOf, sorted', () => {
      const [iaeaA, iaeaB] = f.group('iaea');
      assert.deepEqual(index.cablesOf(['nato', 'iaea']), ['file:///ws/a.cable', 'file:///ws/b.cable', 'file:///ws/c.cable']);
      assert.deepEqual(
        index.occurrences(['nato', 'iaea']).map((o) => [o.uri, o.key, o.type, o.spans[0]]),
        [
          ['file:///ws/a.cable', 'nato', 'ORG', spans('a')[0]],
          ['file:///ws/a.cable', 'iaea', 'ORG', iaeaA.span],
          ['file:///ws/b.cable', 'nato', 'ORG', spans('b')[0]],
          ['file:///ws/b.cable', 'iaea', 'MISC', iaeaB.span],
          ['file:///ws/c.cable', 'nato', 'ORG', spans('c')[0]],
        ],
      );
      assert.deepEqual(index.cablesOf(['no such key', 'iaea']), ['file:///ws/a.cable', 'file:///ws/b.cable']);
      assert.deepEqual(index.occurrences(['no such key']), []);
    });

    it('typeCables counts cables per type; exclude subtracts the cable’s own type', () => {
      assert.deepEqual([...index.typeCables(['iaea'])].sort(), [['MISC', 1], ['ORG', 1]]);
      assert.deepEqual([...index.typeCables(['iaea'], 'file:///ws/b.cable')], [['ORG', 1]]);
      assert.deepEqual([...index.typeCables(['nato', 'iaea'], 'file:///ws/a.cable')].sort(), [['MISC', 1], ['ORG', 2]]);
      assert.deepEqual([...index.typeCables(['nato'], 'file:///not/indexed.cable')], [['ORG', 3]]);
      assert.equal(index.typeCables(['no such key']).size, 0);
    });

    it('countCables, countMentions, firstCables and occurrencesInCable', () => {
      assert.equal(index.countCables(['nato', 'iaea']), 3);
      assert.equal(index.countCables(['iaea'], 'file:///ws/a.cable'), 1);
      assert.equal(index.countMentions(['nato']), 5);
      assert.equal(index.countMentions(['nato', 'iaea'], 'file:///ws/b.cable'), 4);
      assert.deepEqual(index.firstCables(['nato'], 2), ['file:///ws/a.cable', 'file:///ws/b.cable']);
      assert.deepEqual(index.firstCables(['nato'], 2, 'file:///ws/a.cable'), ['file:///ws/b.cable', 'file:///ws/c.cable']);
      assert.deepEqual(index.firstCables(['nato'], 0), []);
      assert.deepEqual(index.occurrencesInCable('file:///ws/a.cable', ['iaea', 'nato']).map((o) => [o.key, o.spans]), [['iaea', [f.group('iaea')[0].span]], ['nato', spans('a')]]);
      assert.deepEqual(index.occurrencesInCable('file:///nowhere.cable', ['nato']), []);
    });

    it('entitiesOf: the keys, names, types and definitions of one cable', () => {
      assert.deepEqual(index.entitiesOf('file:///ws/b.cable'), [
        { key: 'nato', name: 'Nato', type: 'ORG', definition: spans('b')[0] },
        { key: 'iaea', name: 'IAEA', type: 'MISC', definition: f.group('iaea')[1].span },
      ]);
      assert.deepEqual(index.entitiesOf('file:///not/indexed.cable'), []);
    });
  });

  // Names are each cable's own, and the key's name is one that an indexed
  // cable still uses.
  it('names are those of the cable asked about, and of the cables still indexed', () => {
    const f = fixture(`
//- /a.cable (closed)
In [LOC ABU  ] .
//- /b.cable (closed)
Met [PER Abu  ] .
`);
    const index = indexBehind(f.service);
    assert.equal(index.entity('abu')!.name, 'ABU');
    assert.equal(index.entitiesOf('file:///b.cable')[0].name, 'Abu');
    f.service.removeFromIndex('file:///a.cable');
    assert.equal(index.entity('abu')!.name, 'Abu');
  });

  // Counted with grep and a script over the files: U.S. is tagged in 177
  // corpus cables (1,000 times, ORG) and in the seed (12 times, LOC); NATO in
  // 57 cables with the seed (233 times), IAEA in 10 (37 times), both in 3.
  describe('on the corpus and the seed', () => {
    let index: WorkspaceIndex;
    before(() => {
      index = indexBehind(fixture('', { closed: [...corpusCables(), seedCable()] }).service);
    });

    it('occurrences of U.S., Nicolas Pickard and Ann Pickard', () => {
      const us = index.occurrences(['u.s.']);
      assert.equal(us.length, 178);
      assert.equal(us.reduce((n, o) => n + o.spans.length, 0), 1012);
      assert.deepEqual(us.map((o) => o.uri), [...us.map((o) => o.uri)].sort());
      assert.deepEqual(us.filter((o) => o.type !== 'ORG').map((o) => [o.uri, o.type, o.spans.length]), [[SEED_URI, 'LOC', 12]]);
      const texts = new Map([...corpusCables(), seedCable()].map((c) => [c.uri, c.text]));
      for (const o of us) {
        for (const s of o.spans) assert.match(texts.get(o.uri)!.slice(s.start - 5, s.end + 3), /^\[[A-Z]{3} U\.S\.('s|’s)? {2}\]$/, o.uri);
        assert.deepEqual(o.definition, o.spans[0]);
      }
      assert.deepEqual(index.occurrences(['ann pickard']), [
        { uri: `${CORPUS_ROOT}09ABUJA1907.cable`, key: 'ann pickard', name: 'Ann Pickard', type: 'PER', spans: [{ start: 1970, end: 1981 }], definition: { start: 1970, end: 1981 } },
      ]);
      const np = index.occurrences(['nicolas pickard']);
      assert.deepEqual(np.map((o) => [o.uri, o.spans.length, o.definition]), [[SEED_URI, 14, { start: 1574, end: 1589 }]]);
      assert.deepEqual(index.occurrences(['u.s.'], SEED_URI).length, 177);
    });

    it('NATO and IAEA together: each cable once in cablesOf, sorted', () => {
      assert.equal(index.cablesOf(['nato', 'iaea']).length, 64);
      const occ = index.occurrences(['nato', 'iaea']);
      assert.equal(occ.length, 57 + 10);
      for (let i = 1; i < occ.length; i++) assert.ok(occ[i - 1].uri <= occ[i].uri);
      assert.equal(index.cablesOf(['no such key', 'nato']).length, 57);
    });

    it('typeCables of U.S.: ORG in 177 cables, LOC in the seed', () => {
      assert.deepEqual([...index.typeCables(['u.s.'])].sort(), [['LOC', 1], ['ORG', 177]]);
      assert.deepEqual([...index.typeCables(['u.s.'], SEED_URI)], [['ORG', 177]]);
      assert.deepEqual([...index.typeCables(['u.s.'], `${CORPUS_ROOT}04MADRID961.cable`)].sort(), [['LOC', 1], ['ORG', 176]]);
      assert.deepEqual([...index.typeCables(['u.s.'], 'file:///not/indexed.cable')].sort(), [['LOC', 1], ['ORG', 177]]);
    });

    it('countCables: cables holding any of the keys, one excluded', () => {
      const cases: Array<[string[], number, number]> = [
        // keys, cables, cables other than the seed
        [['u.s.'], 178, 177],
        [['nato', 'iaea'], 64, 63],
        [['nato', 'nato'], 57, 56],
        [['u.s.', 'no such key'], 178, 177],
        [[], 0, 0],
        [['nicolas pickard', 'ann pickard'], 2, 1],
      ];
      for (const [keys, n, withoutSeed] of cases) {
        assert.equal(index.countCables(keys), n, keys.join(','));
        assert.equal(index.countCables(keys, SEED_URI), withoutSeed, keys.join(','));
        assert.equal(index.countCables(keys, 'file:///not/indexed.cable'), n, keys.join(','));
      }
      // The same as cablesOf, for many keys and pairs.
      const keys = index.entities().map((e) => e.key);
      for (let i = 0; i < keys.length; i += 17) {
        for (const set of [[keys[i]], [keys[i], keys[(i * 7) % keys.length]]]) {
          assert.equal(index.countCables(set), index.cablesOf(set).length, set.join(','));
          const first = index.cablesOf(set)[0];
          assert.equal(index.countCables(set, first), index.cablesOf(set, first).length, set.join(','));
        }
      }
    });

    it('countMentions, firstCables and occurrencesInCable agree with occurrences', () => {
      assert.equal(index.countMentions(['u.s.']), 1012);
      assert.equal(index.countMentions(['u.s.'], SEED_URI), 1000);
      assert.equal(index.countMentions(['nato', 'iaea']), 233 + 37);
      for (const keys of [['u.s.'], ['nato', 'iaea'], ['nicolas pickard'], ['no such key']]) {
        for (const exclude of [undefined, SEED_URI, index.cablesOf(keys)[0]]) {
          const all = index.occurrences(keys, exclude);
          assert.equal(index.countMentions(keys, exclude), all.reduce((n, o) => n + o.spans.length, 0), `${keys} ${exclude}`);
          const uris = index.cablesOf(keys, exclude);
          for (const limit of [0, 1, 5, 100_000]) assert.deepEqual(index.firstCables(keys, limit, exclude), uris.slice(0, limit), `${keys} ${limit}`);
        }
        for (const uri of index.cablesOf(keys).slice(0, 20)) {
          assert.deepEqual(index.occurrencesInCable(uri, keys), index.occurrences(keys).filter((o) => o.uri === uri), uri);
        }
      }
      assert.deepEqual(index.firstCables(['u.s.'], 2), [`${CORPUS_ROOT}04MADRID961.cable`, `${CORPUS_ROOT}05ANKARA1730.cable`]);
      assert.deepEqual(index.occurrencesInCable('file:///nowhere.cable', ['u.s.']), []);
    });

    it('someOccurrences: at most the limit, of the type asked, never the excluded cable, each cable once', () => {
      const all = index.occurrences(['u.s.']);
      for (const [limit, type, n] of [[3, 'ORG', 3], [3, 'LOC', 0], [1, undefined, 1], [10_000, undefined, 177], [10_000, 'ORG', 177], [5, 'PER', 0]] as const) {
        const some = index.someOccurrences(['u.s.'], limit, SEED_URI, type);
        assert.equal(some.length, n, `${limit} ${type}`);
        for (const o of some) {
          assert.notEqual(o.uri, SEED_URI);
          assert.ok(type === undefined || o.type === type);
          assert.deepEqual(o, all.find((p) => p.uri === o.uri));
        }
        assert.equal(new Set(some.map((o) => o.uri)).size, some.length);
      }
      assert.deepEqual(index.someOccurrences(['u.s.'], 5, undefined, 'LOC').map((o) => o.uri), [SEED_URI]);
      assert.deepEqual(index.someOccurrences(['no such key'], 5), []);
      // Each cable once, even when it holds both keys.
      assert.equal(index.someOccurrences(['nato', 'iaea'], 10_000).length, 64);
    });

    // A limit of 0 means no results.
    it('a limit of 0 returns nothing', () => {
      assert.deepEqual(index.someOccurrences(['u.s.'], 0), []);
      assert.deepEqual(index.searchSymbols('u.s.', 0), []);
    });

    it('entitiesOf: every definition is the text of one of the cable’s tags', () => {
      for (const c of [...corpusCables(), seedCable()].filter((_, i) => i % 9 === 0)) {
        const tags = new Set([...c.text.matchAll(/\[[A-Z]+ ([^\[\]\n]*?) *\]/g)].map((m) => `${m.index! + m[0].indexOf(m[1], m[0].indexOf(' '))}`));
        const got = index.entitiesOf(c.uri);
        assert.ok(got.length > 0, c.uri);
        for (const e of got) {
          assert.ok(tags.has(String(e.definition.start)), `${c.uri} ${e.key}`);
          assert.equal(c.text.slice(e.definition.start, e.definition.end).toLowerCase().replace(/’/g, "'").replace(/'s?$/, ''), e.key, `${c.uri} ${e.key}`);
        }
      }
    });
  });
});
