// The entity under the cursor, for the status bar: its name, type, mentions
// here, and how many other cables have it (related keys counted once per cable).

import * as assert from 'node:assert/strict';
import { corpusCables, fixture, seedCable, SEED_URI } from '../../fixture';

describe('entityAt', () => {
  it('the entity under the cursor and how many other cables have it', () => {
    const f = fixture(`
//- /ws/p.cable
1. ( U ) The <plain|Ambassador|plain> met [PER <pickard|Pickard|pickard>  ] in [LOC London  ] .
2. ( U ) [PER Pickard  ] said the [ORG <fco|FCO|fco>  ] agreed .
//- /ws/seed.cable (closed)
( C ) [PER Nicolas Pickard  ] , head of the [ORG FCO  ] Security Policy Group .
//- /ws/other.cable (closed)
( C ) Saw [PER Pickard  ] and the [ORG Nicolas Pickard  ] foundation .
`);
    const p = f.uri('p.cable');
    // The seed and other.cable both have Pickard (as Nicolas Pickard, or as both keys): two cables.
    assert.deepEqual(f.service.entityAt(p, f.only('pickard').span.start), { name: 'Pickard', type: 'PER', mentions: 2, otherCables: 2 });
    assert.deepEqual(f.service.entityAt(p, f.only('fco').span.end), { name: 'FCO', type: 'ORG', mentions: 1, otherCables: 1 });
    assert.equal(f.service.entityAt(p, f.only('plain').span.start), undefined);
    assert.equal(f.service.entityAt('file:///ws/nope.cable', 0), undefined);
  });

  // 177 corpus cables tag U.S. (grep).
  it('U.S. in the seed: 177 other cables', () => {
    const seed = seedCable();
    const f = fixture('', { closed: corpusCables(), open: [seed] });
    assert.deepEqual(f.service.entityAt(SEED_URI, seed.text.indexOf('U.S.  ]')), { name: 'U.S.', type: 'LOC', mentions: 12, otherCables: 177 });
  });
});
