// Find All References across cables: this cable's mentions first, then the
// other cables' by URI. Open cables answer from their editor text, closed
// ones from the index. The marked ranges are the expected answer.

import * as assert from 'node:assert/strict';
import { fixture, parseFixture, SEED_URI, seedCable } from '../../fixture';
import { indexBehind } from '../../../server/src/core/service';

describe('cross-cable references', () => {
  it('a surname-only cable finds the full name’s cable, and that cable finds it', () => {
    const fromSurname = fixture(`
//- /ws/notes/pickard.cable
UNCLAS
1. ( U ) The Ambassador met [PER <p|Pickard|p>  ] in [LOC London  ] .
2. ( U ) [PER <p|Pick$0ard|p>  ] said the [ORG FCO  ] agreed .
//- /ws/seeds/seed.cable (closed)
( C ) [PER <s|Nicolas Pickard|s>  ] , head of the [ORG FCO Security Policy Group  ] accompanied by his deputy [PER Andrew Ford  ] .
( C ) [PER <s|Pickard|s>  ] informed the group that the Convention on Cluster Munitions has been put on the draft Parliamentary agenda .
( C ) In answer to queries , [PER <s|Pickard|s>  ] and [PER Ford  ] confirmed that the concept was accepted .
`);
    const { uri, offset } = fromSurname.cursor;
    assert.deepEqual(fromSurname.service.references(uri, offset), [...fromSurname.locations('p'), ...fromSurname.locations('s')]);
    assert.deepEqual(fromSurname.group('s').map((m) => m.text), ['Nicolas Pickard', 'Pickard', 'Pickard']);

    // The other way round: the seed open, the surname-only cable on disk.
    const fromFullName = fixture(`
//- /ws/notes/pickard.cable (closed)
UNCLAS
1. ( U ) The Ambassador met [PER <p|Pickard|p>  ] in [LOC London  ] .
2. ( U ) [PER <p|Pickard|p>  ] said the [ORG FCO  ] agreed .
//- /ws/seeds/seed.cable
( C ) [PER <s|$0Nicolas Pickard|s>  ] , head of the [ORG FCO Security Policy Group  ] accompanied by his deputy [PER Andrew Ford  ] .
( C ) [PER <s|Pickard|s>  ] informed the group that the Convention on Cluster Munitions has been put on the draft Parliamentary agenda .
( C ) In answer to queries , [PER <s|Pickard|s>  ] and [PER Ford  ] confirmed that the concept was accepted .
`);
    const back = fromFullName.cursor;
    assert.deepEqual(fromFullName.service.references(back.uri, back.offset), [...fromFullName.locations('s'), ...fromFullName.locations('p')]);
  });

  // The seed tags Nicolas Pickard once and Pickard 13 times (grep -c on
  // `[PER Nicolas Pickard  ]` and `[PER Pickard  ]`; no other Pickard in it).
  it('on the seed: the surname-only cable finds all 14 Pickard mentions of the seed', () => {
    const seed = seedCable().text;
    const f = fixture(
      `
//- /ws/notes/pickard.cable
UNCLAS
1. ( U ) The Ambassador met [PER <|Pickard|>  ] in [LOC London  ] .
2. ( U ) [PER <|Pick$0ard|>  ] said the [ORG FCO  ] agreed .
`,
      { closed: [seedCable()] },
    );
    const refs = f.service.references(f.cursor.uri, f.cursor.offset);
    assert.deepEqual(refs.slice(0, 2), f.locations());
    const inSeed = refs.slice(2);
    assert.ok(inSeed.every((r) => r.uri === SEED_URI));
    assert.deepEqual(inSeed.map((r) => seed.slice(r.span.start, r.span.end)), ['Nicolas Pickard', ...Array(13).fill('Pickard')]);
    // In text order, each inside a PER tag.
    assert.deepEqual(inSeed.map((r) => r.span.start), [...seed.matchAll(/\[PER (?=(Nicolas )?Pickard {2}\])/g)].map((m) => m.index! + '[PER '.length));
  });

  it('with Ann Pickard in a third cable, Pickard stays in its own cable; without her, it is related again', () => {
    const f = fixture(`
//- /ws/p.cable
UNCLAS
1. ( U ) The Ambassador met [PER <|Pick$0ard|>  ] in [LOC London  ] .
2. ( U ) [PER <|Pickard|>  ] said the [ORG FCO  ] agreed .
//- /ws/seed.cable (closed)
( C ) [PER <seed|Nicolas Pickard|seed>  ] , head of the [ORG FCO Security Policy Group  ] .
( C ) [PER <seed|Pickard|seed>  ] informed the group .
//- /ws/abuja.cable (closed)
( SBU ) [PER Ann Pickard  ] of [ORG Shell  ] met the Ambassador .
`);
    const { uri, offset } = f.cursor;
    assert.deepEqual(f.service.references(uri, offset), f.locations());
    assert.deepEqual(f.service.definition(uri, offset), f.locations()[0]);
    assert.equal(f.service.removeFromIndex(f.uri('abuja.cable')), true);
    assert.deepEqual(f.service.references(uri, offset), [...f.locations(), ...f.locations('seed')]);
  });

  it('includeDeclaration=false leaves out only this cable’s definition', () => {
    const f = fixture(`
//- /ws/p.cable
1. ( U ) The Ambassador met [PER <def|Pickard|def>  ] in [LOC London  ] .
2. ( U ) [PER <|Pick$0ard|>  ] said the [ORG FCO  ] agreed .
//- /ws/seed.cable (closed)
( C ) [PER <|Nicolas Pickard|>  ] , head of the [ORG FCO Security Policy Group  ] .
( C ) [PER <|Pickard|>  ] informed the group .
`);
    const { uri, offset } = f.cursor;
    assert.deepEqual(f.service.references(uri, offset, false), f.locations());
    assert.deepEqual(f.service.references(uri, offset), [...f.locations('def'), ...f.locations()]);
    assert.equal(f.group()[1].text, 'Nicolas Pickard');
  });

  it('an open cable answers from its live text, not from the index’s older version', () => {
    const f = fixture(`
//- /ws/x.cable (closed)
( U ) The [ORG <x|NATO|x>  ] summit ; [ORG <x|NATO’s|x>  ] role .
//- /ws/y.cable
( U ) [ORG <y|NA$0TO|y>  ] allies .
//- /ws/z.cable (closed)
( U ) [ORG <z|NATO|z>  ] again .
`);
    const { uri, offset } = f.cursor;
    const x = f.uri('x.cable');
    assert.deepEqual(f.service.references(uri, offset), [...f.locations('y'), ...f.locations('x'), ...f.locations('z')]);

    // x opens in an editor with one more NATO on a new first line; the index keeps its disk version.
    const edited = parseFixture(`
//- /ws/x.cable
Note: [ORG <|NATO|>  ] first .
( U ) The [ORG <|NATO|>  ] summit ; [ORG <|NATO’s|>  ] role .
`);
    f.workspace.set(x, edited.cables[0].text);
    assert.equal(f.service.indexedVersion(x), 'disk:1');
    assert.deepEqual(edited.marks.map((m) => m.span.start), [11, 42, 64]);
    const live = edited.marks.map((m) => ({ uri: m.uri, span: m.span }));
    assert.deepEqual(f.service.references(uri, offset), [...f.locations('y'), ...live, ...f.locations('z')]);

    // Closed again: back to the index's version.
    f.workspace.delete(x);
    assert.deepEqual(f.service.references(uri, offset), [...f.locations('y'), ...f.locations('x'), ...f.locations('z')]);

    // Untagged in the editor: gone from the references, though the index still has it.
    f.workspace.set(x, 'Note: NATO first .\n( U ) The NATO summit ; NATO’s role .\n');
    assert.deepEqual(indexBehind(f.service).cablesOf(['nato']), ['file:///ws/x.cable', 'file:///ws/y.cable', 'file:///ws/z.cable']);
    assert.deepEqual(f.service.references(uri, offset), [...f.locations('y'), ...f.locations('z')]);
  });

  // b holds `Pickard` (PER) and `Nicolas Pickard` (ORG there, PER in a): both
  // keys are the cursor's entity, and b's mentions are listed once, in text order.
  it('a cable holding two related keys lists each location once, whether it is open or closed', () => {
    for (const b of ['open', 'closed']) {
      const f = fixture(`
//- /ws/c.cable
Saw [PER <|Pick$0ard|>  ] again .
//- /ws/a.cable (closed)
Met [PER <|Nicolas Pickard|>  ] today .
//- /ws/b.cable (${b})
Met [PER <|Pickard|>  ] and the [ORG <|Nicolas Pickard|>  ] foundation ; [PER <|Pickard|>  ] left .
`);
      assert.deepEqual(f.service.references(f.cursor.uri, f.cursor.offset), f.locations(), b);
    }
  });
});
