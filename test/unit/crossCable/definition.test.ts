// Go to Definition across cables: the first mention of the fullest form, in
// this cable, or in another cable only when that one has a fuller form.

import * as assert from 'node:assert/strict';
import { fixture, parseFixture } from '../../fixture';

describe('cross-cable definition', () => {
  it('goes to another cable only for a fuller form', () => {
    const f = fixture(`
//- /ws/p.cable
1. ( U ) The Ambassador met [PER Pic$0kard  ] in [LOC <london|London|london>  ] .
2. ( U ) [PER Pickard  ] said the [ORG FCO  ] agreed .
//- /ws/seed.cable (closed)
( C ) [PER <def|Nicolas Pickard|def>  ] , head of the [ORG FCO Security Policy Group  ] .
( C ) [PER Pickard  ] informed the group .
The last formal meeting was held in [LOC London  ] in December 2008 .
`);
    assert.deepEqual(f.service.definition(f.cursor.uri, f.cursor.offset), f.location('def'));
    assert.deepEqual(f.location('def'), { uri: 'file:///ws/seed.cable', span: { start: 11, end: 26 } });
    // London has the same key in the seed, no fuller form: it stays here.
    const london = f.only('london');
    assert.deepEqual(f.service.definition(london.uri, london.span.start), { uri: 'file:///ws/p.cable', span: { start: 52, end: 58 } });
  });

  it('from the cable with the fuller form, the definition is its own', () => {
    const f = fixture(`
//- /ws/seed.cable
( C ) [PER <def|Nicolas Pickard|def>  ] , head of the [ORG FCO Security Policy Group  ] .
( C ) [PER Pick$0ard  ] informed the group .
//- /ws/p.cable (closed)
1. ( U ) The Ambassador met [PER Pickard  ] in [LOC London  ] .
`);
    assert.deepEqual(f.service.definition(f.cursor.uri, f.cursor.offset), f.location('def'));
  });

  it('in an open fuller cable, uses its live text', () => {
    const f = fixture(`
//- /ws/p.cable
1. ( U ) The Ambassador met [PER Pic$0kard  ] in [LOC London  ] .
//- /ws/seed.cable
( C ) [PER Nicolas Pickard  ] , head of the [ORG FCO Security Policy Group  ] .
`);
    // The seed's editor gets two more lines at the top; the index still has the old text.
    const shifted = parseFixture(`
//- /ws/seed.cable
UNCLAS

( C ) [PER <def|Nicolas Pickard|def>  ] , head of the [ORG FCO Security Policy Group  ] .
`);
    f.workspace.set(f.uri('seed.cable'), shifted.cables[0].text);
    assert.deepEqual(f.service.definition(f.cursor.uri, f.cursor.offset), { uri: 'file:///ws/seed.cable', span: { start: 19, end: 34 } });
    assert.deepEqual(shifted.marks[0].span, { start: 19, end: 34 });
  });
});
