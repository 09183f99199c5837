// How hosts fill the index behind a service: open documents per version
// (indexOpenDocument), files on disk (indexSource), removal.

import * as assert from 'node:assert/strict';
import { indexBehind } from '../../../server/src/core/service';
import { fixture } from '../../fixture';

describe('indexing through the service', () => {
  it('indexOpenDocument puts an open cable in once per version', () => {
    const f = fixture(`
//- /ws/seed.cable (closed)
( C ) [PER Nicolas Pickard  ] left .
//- /ws/p.cable (open, unindexed)
1. ( U ) The Ambassador met [PER Pickard  ] in [LOC London  ] .
2. ( U ) [PER Pickard  ] said the [ORG FCO  ] agreed .
`);
    const index = indexBehind(f.service);
    const p = f.uri('p.cable');
    assert.deepEqual(f.service.indexedUris(), ['file:///ws/seed.cable']);
    const generation = index.generation;
    assert.equal(f.service.indexOpenDocument(p), true);
    assert.ok(index.generation > generation);
    assert.equal(f.service.indexedVersion(p), 1);
    assert.equal(f.service.indexOpenDocument(p), false);
    assert.equal(index.mentionCount, 5);
    f.workspace.set(p, f.text('p.cable') + '3. ( U ) [PER Pickard  ] left .\n');
    assert.equal(f.service.indexOpenDocument(p), true);
    assert.equal(f.service.indexedVersion(p), 2);
    assert.equal(index.mentionCount, 6);
    assert.deepEqual(index.entity('pickard'), { key: 'pickard', name: 'Pickard', type: 'PER', mentions: 3, cables: 1 });
    assert.deepEqual(f.service.indexStats(), { cables: 2, entities: 4 });
  });

  it('indexSource replaces the cable it had', () => {
    const f = fixture(`
//- /ws/seed.cable (closed)
( C ) [PER Nicolas Pickard  ] left .
//- /ws/abuja.cable (closed)
( SBU ) [PER Ann Pickard  ] of [ORG Shell  ] met [PER Ann Pickard  ] .
`);
    const index = indexBehind(f.service);
    const abuja = f.uri('abuja.cable');
    assert.equal(index.mentionCount, 4);
    f.service.indexSource(f.workspace.write(abuja, '( SBU ) Ann Pickard of [ORG Shell  ] met Ann Pickard .\n'));
    assert.equal(index.mentionCount, 2);
    assert.equal(f.service.indexedVersion(abuja), 'disk:2');
    assert.equal(index.entity('ann pickard'), undefined);
    assert.deepEqual(f.service.indexStats(), { cables: 2, entities: 2 });
  });
});
