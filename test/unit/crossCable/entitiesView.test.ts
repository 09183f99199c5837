// The Entities view's data: types with counts, entities of a type (most
// mentioned first), and an entity's mentions, for one cable or the workspace.

import * as assert from 'node:assert/strict';
import { CableLanguageService, normalizeConfig } from '../../../server/src/core';
import { Fixture, SEED_URI, corpusCables, fixture, seedCable } from '../../fixture';

describe('the Entities view', () => {
  describe('on small cables', () => {
    const CABLES = `
//- /ws/a.cable
( U ) [PER <ann|Ann Lee|ann>  ] met [PER Bob Ray  ] and [PER <ann|Ann Lee|ann>  ] at [ORG NATO  ] in [LOC Rome  ] ; [MISC British  ] .
( U ) [LOC Paris  ] , [LOC Rome  ] , [LOC Oslo  ] , [LOC Paris  ] and [LOC Bern  ] .
//- /ws/b.cable (closed)
( U ) [LOC Paris  ] and [LOC Bern  ] ; [ORG <ann|Ann Lee|ann>  ] .
//- /ws/c.cable (closed)
( U ) [LOC Paris  ] .
`;
    let f: Fixture;
    before(() => {
      f = fixture(CABLES);
    });

    it('entityTypes of one cable: entities and mentions per type, in the configured order', () => {
      assert.deepEqual(f.service.entityTypes(f.uri('a.cable')), [
        { type: 'PER', label: 'Person', entities: 2, mentions: 3 },
        { type: 'ORG', label: 'Organization', entities: 1, mentions: 1 },
        { type: 'LOC', label: 'Location', entities: 4, mentions: 6 },
        { type: 'MISC', label: 'Miscellaneous', entities: 1, mentions: 1 },
      ]);
      const reordered = fixture(CABLES, { config: normalizeConfig({ entityTypes: ['MISC', 'LOC', 'PER', 'ORG'] }).config });
      assert.deepEqual(reordered.service.entityTypes(f.uri('a.cable')).map((g) => g.type), ['MISC', 'LOC', 'PER', 'ORG']);
      assert.deepEqual(f.service.entityTypes('file:///ws/nope.cable'), []);
    });

    // Ann Lee is PER in a and ORG in b: one cable each, a tie, which goes to
    // the first of the tied types in code-unit order (ORG), whatever order
    // the cables were indexed in.
    it('entityTypes of the workspace: each entity under the type most cables give it', () => {
      assert.deepEqual(f.service.entityTypes(), [
        { type: 'PER', label: 'Person', entities: 1, mentions: 1 },
        { type: 'ORG', label: 'Organization', entities: 2, mentions: 4 },
        { type: 'LOC', label: 'Location', entities: 4, mentions: 9 },
        { type: 'MISC', label: 'Miscellaneous', entities: 1, mentions: 1 },
      ]);
      assert.deepEqual(f.service.entityTypes(undefined, 'prs'), [{ type: 'LOC', label: 'Location', entities: 1, mentions: 4 }]);
    });

    it('entities of one cable: most mentions first, then most cables, then by name; limit and total', () => {
      const all = f.service.entities('LOC', f.uri('a.cable'));
      assert.deepEqual(all, {
        entities: [
          { key: 'paris', name: 'Paris', type: 'LOC', mentions: 2, cables: 3 },
          { key: 'rome', name: 'Rome', type: 'LOC', mentions: 2, cables: 1 },
          { key: 'bern', name: 'Bern', type: 'LOC', mentions: 1, cables: 2 },
          { key: 'oslo', name: 'Oslo', type: 'LOC', mentions: 1, cables: 1 },
        ],
        total: 4,
      });
      assert.deepEqual(f.service.entities('LOC', f.uri('a.cable'), undefined, 2), { entities: all.entities.slice(0, 2), total: 4 });
      assert.deepEqual(f.service.entities('LOC', f.uri('a.cable'), undefined, -1), { entities: [], total: 4 });
      assert.deepEqual(f.service.entities('LOC', 'file:///ws/nope.cable'), { entities: [], total: 0 });
    });

    it('entities of the workspace: counts over every cable', () => {
      assert.deepEqual(f.service.entities('LOC'), {
        entities: [
          { key: 'paris', name: 'Paris', type: 'LOC', mentions: 4, cables: 3 },
          { key: 'bern', name: 'Bern', type: 'LOC', mentions: 2, cables: 2 },
          { key: 'rome', name: 'Rome', type: 'LOC', mentions: 2, cables: 1 },
          { key: 'oslo', name: 'Oslo', type: 'LOC', mentions: 1, cables: 1 },
        ],
        total: 4,
      });
      assert.deepEqual(f.service.entities('PER'), { entities: [{ key: 'bob ray', name: 'Bob Ray', type: 'PER', mentions: 1, cables: 1 }], total: 1 });
      assert.deepEqual(f.service.entities('ORG', undefined, undefined, 1), { entities: [{ key: 'ann lee', name: 'Ann Lee', type: 'ORG', mentions: 3, cables: 2 }], total: 2 });
    });

    it('the filter is fuzzy and ignores case and spaces, in a cable and in the workspace', () => {
      const names = (r: { entities: Array<{ name: string }> }) => r.entities.map((e) => e.name);
      assert.deepEqual(names(f.service.entities('PER', f.uri('a.cable'), 'anle')), ['Ann Lee']);
      assert.deepEqual(names(f.service.entities('PER', f.uri('a.cable'), '  BOB ')), ['Bob Ray']);
      assert.deepEqual(names(f.service.entities('LOC', undefined, 'rs')), ['Paris']);
      assert.deepEqual(f.service.entities('LOC', undefined, 'zzz'), { entities: [], total: 0 });
    });

    it('entityMentions: in one cable with its types, or in every cable sorted by URI', () => {
      const [a1, a2, b] = f.group('ann');
      assert.deepEqual(f.service.entityMentions('ann lee', f.uri('a.cable')), [
        { uri: 'file:///ws/a.cable', span: a1.span, type: 'PER' },
        { uri: 'file:///ws/a.cable', span: a2.span, type: 'PER' },
      ]);
      // Per cable, the entity's type there.
      assert.deepEqual(f.service.entityMentions('ann lee'), [
        { uri: 'file:///ws/a.cable', span: a1.span, type: 'PER' },
        { uri: 'file:///ws/a.cable', span: a2.span, type: 'PER' },
        { uri: 'file:///ws/b.cable', span: b.span, type: 'ORG' },
      ]);
      assert.deepEqual(f.service.entityMentions('no such entity'), []);
      assert.deepEqual(f.service.entityMentions('ann lee', 'file:///ws/nope.cable'), []);
    });
  });

  it('entityMentions of the workspace follow an open cable’s live text', () => {
    const f = fixture(`
//- /ws/p.cable
1. ( U ) The Ambassador met [PER Pickard  ] in [LOC London  ] .
//- /ws/other.cable (closed)
( U ) Talks in [LOC <other|London|other>  ] .
`);
    f.workspace.set(f.uri('p.cable'), 'UNCLAS [LOC London  ]\n1. ( U ) The Ambassador met [PER Pickard  ] in [LOC London  ] .\n');
    assert.deepEqual(f.service.entityMentions('london'), [
      { uri: 'file:///ws/other.cable', span: f.only('other').span, type: 'LOC' },
      { uri: 'file:///ws/p.cable', span: { start: 12, end: 18 }, type: 'LOC' },
      { uri: 'file:///ws/p.cable', span: { start: 74, end: 80 }, type: 'LOC' },
    ]);
  });

  // Counts over the corpus and the seed, from a script over the files (tag
  // regex, keys lower-cased without possessives, the surname rule in each
  // cable; an entity's workspace type is the one most cables give it, a tie
  // going to the first tied type in code-unit order: `croatian`, ORG in one
  // cable and MISC in another, is MISC).
  describe('on the corpus and the seed', () => {
    let service: CableLanguageService;
    before(() => {
      service = fixture('', { closed: corpusCables(), open: [seedCable()] }).service;
    });

    it('entityTypes of the seed and of the workspace', () => {
      assert.deepEqual(service.entityTypes(SEED_URI), [
        { type: 'PER', label: 'Person', entities: 10, mentions: 40 },
        { type: 'ORG', label: 'Organization', entities: 22, mentions: 53 },
        { type: 'LOC', label: 'Location', entities: 8, mentions: 55 },
        { type: 'MISC', label: 'Miscellaneous', entities: 3, mentions: 7 },
      ]);
      assert.deepEqual(service.entityTypes(), [
        { type: 'PER', label: 'Person', entities: 1981, mentions: 5346 },
        { type: 'ORG', label: 'Organization', entities: 1661, mentions: 6595 },
        { type: 'LOC', label: 'Location', entities: 1163, mentions: 13630 },
        { type: 'MISC', label: 'Miscellaneous', entities: 169, mentions: 4264 },
      ]);
      assert.deepEqual(service.indexStats(), { cables: 324, entities: 1981 + 1661 + 1163 + 169 });
      assert.deepEqual(service.entities('MISC', undefined, 'croatian').entities.filter((e) => e.key === 'croatian').map((e) => [e.type, e.mentions, e.cables]), [['MISC', 10, 2]]);
      // Only `ann pickard` and `nicolas pickard` have p, c, k, r, d in order.
      assert.deepEqual(service.entityTypes(undefined, 'pckrd'), [{ type: 'PER', label: 'Person', entities: 2, mentions: 15 }]);
    });

    it('the seed’s locations, with the cables that have them', () => {
      const row = (e: { name: string; mentions: number; cables: number }) => [e.name, e.mentions, e.cables];
      assert.deepEqual(service.entities('LOC', SEED_URI).entities.map(row), [
        ['UK', 23, 40],
        ['U.S.', 12, 178],
        ['CCW', 10, 2],
        ['Diego Garcia', 5, 2],
        ['London', 2, 40],
        ['Washington', 1, 100],
        ['Germany', 1, 37],
        ['United Kingdom Foreign', 1, 1],
      ]);
      assert.deepEqual(service.entities('PER', SEED_URI, 'pckrd').entities.map((e) => e.name), ['Nicolas Pickard']);
      assert.deepEqual(service.entities('PER', SEED_URI, '  PICKARD ').entities.map((e) => e.name), ['Nicolas Pickard']);
      assert.deepEqual(service.entities('PER', undefined, 'pckrd').entities.map((e) => e.name).sort(), ['Ann Pickard', 'Nicolas Pickard']);
    });

    it('the workspace’s organisations, most mentioned first', () => {
      const { entities, total } = service.entities('ORG', undefined, undefined, 4);
      assert.equal(total, 1661);
      assert.deepEqual(entities, [
        { key: 'u.s.', name: 'U.S.', type: 'ORG', mentions: 1012, cables: 178 },
        { key: 'eu', name: 'EU', type: 'ORG', mentions: 307, cables: 70 },
        { key: 'usg', name: 'USG', type: 'ORG', mentions: 259, cables: 96 },
        { key: 'nato', name: 'NATO', type: 'ORG', mentions: 233, cables: 57 },
      ]);
    });

    it('U.S. mentions: 12 in the seed, 1,012 in the workspace', () => {
      const seed = seedCable().text;
      const here = service.entityMentions('u.s.', SEED_URI);
      assert.equal(here.length, 12);
      assert.ok(here.every((m) => m.type === 'LOC' && seed.slice(m.span.start, m.span.end) === 'U.S.'));
      const everywhere = service.entityMentions('u.s.');
      assert.equal(everywhere.length, 1012);
      assert.equal(new Set(everywhere.map((m) => m.uri)).size, 178);
      assert.deepEqual(everywhere.map((m) => m.uri), everywhere.map((m) => m.uri).sort());
    });
  });
});
