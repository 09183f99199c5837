// The index's bookkeeping: cables, distinct keys and mentions, per-entity
// counts, replacing, removing, folders, versions and generations.

import * as assert from 'node:assert/strict';
import { CableLanguageService } from '../../../server/src/core';
import { indexBehind } from '../../../server/src/core/service';
import { IndexedEntity } from '../../../server/src/core/workspaceIndex';
import { CORPUS_ROOT, corpusCables, fixture, seedCable } from '../../fixture';

const closed = (cables: Array<{ uri: string; text: string }>): CableLanguageService => fixture('', { closed: cables }).service;

describe('index: bookkeeping', () => {
  // Counted with a script over the corpus files (tag regex; keys lower-cased,
  // possessives dropped, spaces collapsed; a lone surname joins the one full
  // name of its cable): 323 cables, 4,947 keys, 29,680 tags, 10,878
  // (key, cable) pairs.
  it('counts the corpus: cables, distinct keys and mentions', () => {
    const cables = corpusCables();
    const service = closed(cables);
    const index = indexBehind(service);
    assert.equal(index.cableCount, 323);
    assert.equal(index.entityCount, 4947);
    assert.equal(index.mentionCount, 29680);
    assert.equal(cables.reduce((n, c) => n + (c.text.match(/\[(PER|ORG|LOC|MISC) [^\[\]\n]*\]/g)?.length ?? 0), 0), 29680);
    assert.deepEqual(index.uris().sort(), cables.map((c) => c.uri));
    assert.equal(index.entities().length, 4947);
    assert.ok(cables.every((c) => index.has(c.uri)));
    assert.equal(index.has(`${CORPUS_ROOT}nope.cable`), false);
  });

  // Counted with grep (tags of each text, any case, with a possessive) and the
  // same script: the type is the one most cables give the entity.
  it('describes each entity: mentions, cables and the type most cables give it', () => {
    const index = indexBehind(closed(corpusCables()));
    assert.deepEqual(index.entity('u.s.'), { key: 'u.s.', name: 'U.S.', type: 'ORG', mentions: 1000, cables: 177 });
    assert.deepEqual(index.entity('nato'), { key: 'nato', name: 'NATO', type: 'ORG', mentions: 226, cables: 56 });
    assert.deepEqual(index.entity('president'), { key: 'president', name: 'President', type: 'PER', mentions: 391, cables: 160 });
    // France: LOC in 45 cables, PER in 1; Abu: LOC in 4, PER in 2.
    assert.deepEqual(index.entity('france'), { key: 'france', name: 'France', type: 'LOC', mentions: 333, cables: 46 });
    assert.deepEqual(index.entity('abu'), { key: 'abu', name: 'ABU', type: 'LOC', mentions: 14, cables: 6 });
    assert.deepEqual(index.entity('ann pickard'), { key: 'ann pickard', name: 'Ann Pickard', type: 'PER', mentions: 1, cables: 1 });
    assert.equal(index.entity('no such entity'), undefined);
    const all = index.entities();
    assert.equal(all.reduce((n, e) => n + e.mentions, 0), 29680);
    assert.equal(all.reduce((n, e) => n + e.cables, 0), 10878);
  });

  // 09ABUJA1907 holds the corpus's only Ann Pickard, once.
  it('replacing a cable with a new version moves the counts by the difference', () => {
    const service = closed(corpusCables());
    const index = indexBehind(service);
    const abuja = corpusCables().find((c) => c.uri === `${CORPUS_ROOT}09ABUJA1907.cable`)!;
    const generation = index.generation;
    // The new version: Ann Pickard untagged, a new person tagged twice.
    const text = abuja.text.replace('[PER Ann Pickard  ]', 'Ann Pickard') + '\n[PER Zebulon Quaggle  ] and [PER Zebulon Quaggle  ]';
    service.indexSource({ uri: abuja.uri, version: 2, text });
    assert.deepEqual([index.cableCount, index.entityCount, index.mentionCount], [323, 4947 - 1 + 1, 29680 - 1 + 2]);
    assert.equal(index.entity('ann pickard'), undefined);
    assert.deepEqual(index.entity('zebulon quaggle'), { key: 'zebulon quaggle', name: 'Zebulon Quaggle', type: 'PER', mentions: 2, cables: 1 });
    assert.equal(index.version(abuja.uri), 2);
    assert.ok(index.generation > generation);
    // The same version again changes nothing but the generation.
    service.indexSource({ uri: abuja.uri, version: 2, text });
    assert.deepEqual([index.cableCount, index.entityCount, index.mentionCount], [323, 4947, 29681]);
  });

  it('removing every cable leaves nothing behind', () => {
    const cables = [...corpusCables(), seedCable()];
    const service = closed(cables);
    const index = indexBehind(service);
    const keys = index.entities().map((e) => e.key);
    assert.equal(keys.length, 4974);
    for (const c of cables) assert.equal(service.removeFromIndex(c.uri), true);
    assert.deepEqual([index.cableCount, index.entityCount, index.mentionCount], [0, 0, 0]);
    assert.deepEqual(index.entities(), []);
    assert.deepEqual(index.uris(), []);
    assert.deepEqual(index.searchSymbols(''), []);
    assert.equal(index.packedBytes(), 0);
    for (const key of keys) {
      assert.equal(index.entity(key), undefined);
      assert.deepEqual(index.cablesOf([key]), []);
      assert.deepEqual(index.occurrences([key]), []);
      assert.equal(index.typeCables([key]).size, 0);
    }
    // No surname left over: a lone Pickard relates to nothing.
    service.indexSource({ uri: 'file:///p.cable', version: 1, text: 'Met [PER Pickard  ] .' });
    assert.deepEqual(index.relatedKeys('pickard'), ['pickard']);
  });

  it('churn (remove, re-add, replace) ends in the same index as a fresh build', () => {
    const cables = corpusCables();
    const service = closed(cables);
    const churned = indexBehind(service);
    cables.forEach((c, i) => i % 2 === 0 && service.removeFromIndex(c.uri));
    cables.forEach((c, i) => i % 3 === 0 && service.indexSource({ uri: c.uri, version: 'tmp', text: `[PER Temp Person${i}  ] [ORG U.S.  ]` }));
    cables.forEach((c, i) => (i % 2 === 0 || i % 3 === 0) && service.indexSource({ uri: c.uri, version: 1, text: c.text }));
    const fresh = indexBehind(closed(cables));
    assert.deepEqual([churned.cableCount, churned.entityCount, churned.mentionCount], [323, 4947, 29680]);
    assert.deepEqual([fresh.cableCount, fresh.entityCount, fresh.mentionCount], [323, 4947, 29680]);
    const counts = (e: IndexedEntity) => ({ key: e.key, type: e.type, mentions: e.mentions, cables: e.cables });
    for (const e of fresh.entities()) {
      assert.deepEqual(counts(churned.entity(e.key)!), counts(e), e.key);
      assert.deepEqual(churned.occurrences([e.key]), fresh.occurrences([e.key]), e.key);
      assert.deepEqual(churned.relatedKeys(e.key), fresh.relatedKeys(e.key), e.key);
    }
    assert.equal(churned.entity('temp person0'), undefined);
  });

  it('removeUnder removes a folder and only that folder', () => {
    const uris = ['file:///a/b/x.cable', 'file:///a/b/sub/y.cable', 'file:///a/bc/x.cable', 'file:///a/b.cable', 'file:///z/a/b/x.cable'];
    const service = closed(uris.map((uri) => ({ uri, text: 'Met [PER Ann Lee  ] in [LOC Rome  ] .' })));
    const index = indexBehind(service);
    const generation = index.generation;
    assert.equal(service.removeFromIndexUnder('file:///a/b'), 2);
    assert.ok(index.generation > generation);
    assert.deepEqual(service.indexedUris().sort(), ['file:///a/b.cable', 'file:///a/bc/x.cable', 'file:///z/a/b/x.cable']);
    assert.equal(index.entity('rome')!.cables, 3);
    assert.equal(index.mentionCount, 3 * 2);
    const again = index.generation;
    assert.equal(service.removeFromIndexUnder('file:///a/b/'), 0);
    assert.equal(index.generation, again);
    assert.equal(service.removeFromIndexUnder('file:///'), 3);
    assert.equal(index.entityCount, 0);
  });

  it('version, has, generation and removing an unknown URI', () => {
    const service = closed([]);
    const index = indexBehind(service);
    const g0 = index.generation;
    assert.equal(index.version('file:///x.cable'), undefined);
    assert.equal(service.removeFromIndex('file:///x.cable'), false);
    assert.equal(index.generation, g0);
    service.indexSource({ uri: 'file:///x.cable', version: 'mtime:1', text: '[LOC Rome  ]' });
    const g1 = index.generation;
    assert.ok(g1 > g0);
    assert.equal(index.version('file:///x.cable'), 'mtime:1');
    assert.equal(index.has('file:///x.cable'), true);
    service.indexSource({ uri: 'file:///x.cable', version: 3, text: '[LOC Rome  ] [LOC Paris  ]' });
    const g2 = index.generation;
    assert.ok(g2 > g1);
    assert.equal(service.indexedVersion('file:///x.cable'), 3);
    assert.equal(index.entityCount, 2);
    assert.equal(service.removeFromIndex('file:///x.cable'), true);
    assert.ok(index.generation > g2);
    assert.equal(service.removeFromIndex('file:///x.cable'), false);
    assert.equal(index.version('file:///x.cable'), undefined);
    assert.equal(index.has('file:///x.cable'), false);
    assert.equal(index.positionAt('file:///x.cable', 0), undefined);
  });
});
