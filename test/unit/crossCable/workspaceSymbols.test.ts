// Workspace symbols (Ctrl+T): every indexed cable's entities, fuzzy matched,
// one symbol per entity and cable, at the entity's definition in that cable.

import * as assert from 'node:assert/strict';
import { fuzzyScore } from '../../../server/src/core/fuzzy';
import { CORPUS_ROOT, SEED_URI, corpusCables, fixture, seedCable } from '../../fixture';

const byUri = <T extends { uri: string }>(list: T[]) => [...list].sort((a, b) => (a.uri < b.uri ? -1 : 1));

describe('cross-cable workspace symbols', () => {
  it('pckrd finds every Pickard entity, one symbol per entity and cable, at its definition', () => {
    const f = fixture(`
//- /ws/a.cable (closed)
( C ) [PER <|Nicolas Pickard|>  ] met [PER Pickard  ] .
//- /ws/b.cable (closed)
( SBU ) [PER <|Ann Pickard|>  ] of [ORG Shell  ] .
//- /ws/c.cable
( U ) The Ambassador met [PER <|Pickard|>  ] and [PER Pickard  ] .
//- /ws/d.cable (closed)
( U ) [PER Pickering  ] has no d after the r .
`);
    const [a, b, c] = f.group();
    assert.deepEqual(byUri(f.service.workspaceSymbols('pckrd')), [
      { name: 'Nicolas Pickard', type: 'PER', uri: 'file:///ws/a.cable', cable: 'a', span: a.span },
      { name: 'Ann Pickard', type: 'PER', uri: 'file:///ws/b.cable', cable: 'b', span: b.span },
      { name: 'Pickard', type: 'PER', uri: 'file:///ws/c.cable', cable: 'c', span: c.span },
    ]);
  });

  // Over the corpus, the seed and one more cable, the keys with p, c, k, r, d
  // in order are `ann pickard` (09ABUJA1907) and `nicolas pickard` (the seed),
  // each in one cable (grep -i 'p[^]]*c[^]]*k[^]]*r[^]]*d' on the tag texts).
  it('on the corpus: the Pickards of the seed, of 09ABUJA1907 and of a new cable', () => {
    const seed = seedCable();
    const abuja = corpusCables().find((c) => c.uri === `${CORPUS_ROOT}09ABUJA1907.cable`)!;
    const f = fixture(`//- /ws/notes/pickard.cable\n( U ) The Ambassador met [PER <|Pickard|>  ] .\n`, { closed: [...corpusCables(), seed] });
    assert.equal(seed.text.indexOf('Nicolas Pickard'), 1574);
    assert.equal(abuja.text.indexOf('Ann Pickard'), 1970);
    assert.deepEqual(byUri(f.service.workspaceSymbols('pckrd')), [
      { name: 'Ann Pickard', type: 'PER', uri: abuja.uri, cable: '09ABUJA1907', span: { start: 1970, end: 1981 } },
      { name: 'Pickard', type: 'PER', uri: 'file:///ws/notes/pickard.cable', cable: 'pickard', span: f.only('').span },
      { name: 'Nicolas Pickard', type: 'PER', uri: SEED_URI, cable: '000_d5a32e40f8b893e0', span: { start: 1574, end: 1589 } },
    ]);
  });

  it('exact, then prefix, then substring at a word, inside a word, then subsequence', () => {
    const names = ['Pick And Rd', 'Mcpickard', 'Ann Pickard', 'Pickardson', 'Pickard'];
    const f = fixture(names.map((n, i) => `//- /ws/s${i}.cable (closed)\n( U ) [PER ${n}  ] .\n`).join(''));
    const got = f.service.workspaceSymbols('Pickard').map((x) => x.name);
    assert.deepEqual(got, ['Pickard', 'Pickardson', 'Ann Pickard', 'Mcpickard', 'Pick And Rd']);
    const scores = got.map((n) => fuzzyScore('pickard', n.toLowerCase()));
    for (let i = 1; i < scores.length; i++) assert.ok(scores[i - 1] > scores[i], `${got[i - 1]} ${got[i]}`);
    assert.deepEqual(f.service.workspaceSymbols('zzz'), []);
  });

  // 57 files of the corpus and the seed tag NATO (`NATO`, `NATO's` or
  // `NATO’s`); 09BERLIN1176 and 10PARIS71 only write `NATO's`, 09PARIS1638
  // only `NATO’s` (grep).
  it('one symbol per cable for an entity in many cables, named as that cable writes it; the limit holds', () => {
    const cables = [...corpusCables(), seedCable()];
    const f = fixture('', { closed: cables });
    const nato = f.service.workspaceSymbols('nato').filter((s) => /^NATO('s|’s)?$/.test(s.name));
    const holders = cables.filter((c) => /\[[A-Z]+ NATO('s|’s)? {2}\]/.test(c.text)).map((c) => c.uri);
    assert.equal(holders.length, 57);
    assert.deepEqual(nato.map((s) => s.uri), holders);
    assert.deepEqual(
      nato.filter((s) => s.name !== 'NATO').map((s) => [s.cable, s.name]),
      [['09BERLIN1176', "NATO's"], ['09PARIS1638', 'NATO’s'], ['10PARIS71', "NATO's"]],
    );
    assert.equal(f.service.workspaceSymbols('', 7).length, 7);
    assert.deepEqual(f.service.workspaceSymbols('an', 3), f.service.workspaceSymbols('an').slice(0, 3));
  });

  it('an open cable’s symbols come from its live text', () => {
    const f = fixture(`
//- /ws/p.cable
1. ( U ) The Ambassador met [PER Pickard  ] in [LOC London  ] .
//- /ws/seed.cable (closed)
( C ) [PER Nicolas Pickard  ] left .
`);
    const p = f.uri('p.cable');
    // Three lines more at the top, and London now tagged ORG, in the editor only.
    f.workspace.set(p, '\n\n\nUNCLAS 1. ( U ) The Ambassador met [PER Pickard  ] in [ORG London  ] .\n');
    assert.deepEqual(f.service.workspaceSymbols('pickard').find((x) => x.uri === p), { name: 'Pickard', type: 'PER', uri: p, cable: 'p', span: { start: 43, end: 50 } });
    assert.deepEqual(f.service.workspaceSymbols('london').find((x) => x.uri === p), { name: 'London', type: 'ORG', uri: p, cable: 'p', span: { start: 62, end: 68 } });
    // Untagged in the editor: no symbol for that cable.
    f.workspace.set(p, '1. ( U ) The Ambassador met Pickard in [LOC London  ] .\n');
    assert.deepEqual(f.service.workspaceSymbols('pickard').map((x) => x.uri), ['file:///ws/seed.cable']);
  });
});
