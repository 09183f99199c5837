// entity-cross-cable-conflict: an entity tagged with one type here and
// another in most other cables (at least two other cables, two thirds of them
// agreeing). One diagnostic on the entity's definition, related places in
// closed cables, and a quick fix that retypes the entity's mentions here.

import * as assert from 'node:assert/strict';
import { CableDiagnostic, CableLanguageService, applyEdits, normalizeConfig } from '../../../server/src/core';
import { corpusCables, fixture, seedCable, SEED_URI } from '../../fixture';

const CONFLICT = 'entity-cross-cable-conflict';
const conflicts = (s: CableLanguageService, uri: string) => s.diagnostics(uri).filter((d) => d.code === CONFLICT);

/** A cable with a LOC Quux and two local problems, and two cables tagging Quux ORG. */
const QUUX = `
//- /ws/here.cable
UNCLAS
( U ) The [<unknown|Org|unknown> Acme  ] and the [<loc|LOC|loc> <def|Quux|def>  ] office met in [LOC Rome<spacing| ]|spacing> .
( U ) The [<loc|LOC|loc> Quux  ] office again .
//- /ws/o1.cable (closed)
( U ) [ORG <o1|Quux|o1>  ] .
//- /ws/o2.cable (closed)
( U ) The [ORG <o2|Quux|o2>  ] staff .
`;

describe('entity-cross-cable-conflict', () => {
  it('an entity most other cables type otherwise: one diagnostic on its definition, with related places', () => {
    const f = fixture(QUUX);
    assert.deepEqual(conflicts(f.service, f.uri('here.cable')), [
      {
        code: CONFLICT,
        severity: 'information',
        span: f.only('def').span,
        message: '"Quux" is tagged LOC in this cable, but ORG (Organization) in 2 of 2 other cables of the workspace.',
        related: [
          { uri: 'file:///ws/o1.cable', span: f.only('o1').span, message: 'tagged ORG in o1' },
          { uri: 'file:///ws/o2.cable', span: f.only('o2').span, message: 'tagged ORG in o2' },
        ],
        data: { type: 'ORG' },
      },
    ]);
  });

  // 177 corpus cables tag U.S. (all ORG, grep); the seed tags it LOC, first at
  // offset 1135. The related places are the first three ORG cables indexed
  // (the corpus is indexed by name), at their first U.S. tag.
  it('U.S. is LOC in the seed and ORG elsewhere', () => {
    const seed = seedCable();
    const f = fixture('', { closed: corpusCables(), open: [seed] });
    assert.equal(seed.text.indexOf('[LOC U.S.  ]') + '[LOC '.length, 1135);
    const found = conflicts(f.service, SEED_URI).filter((d) => d.message.startsWith('"U.S."'));
    assert.deepEqual(found, [
      {
        code: CONFLICT,
        severity: 'information',
        span: { start: 1135, end: 1139 },
        message: '"U.S." is tagged LOC in this cable, but ORG (Organization) in 177 of 177 other cables of the workspace.',
        related: [
          { uri: 'file:///ws/corpus/04MADRID961.cable', span: { start: 4575, end: 4579 }, message: 'tagged ORG in 04MADRID961' },
          { uri: 'file:///ws/corpus/05ANKARA1730.cable', span: { start: 925, end: 929 }, message: 'tagged ORG in 05ANKARA1730' },
          { uri: 'file:///ws/corpus/05MADRID1141.cable', span: { start: 1787, end: 1791 }, message: 'tagged ORG in 05MADRID1141' },
        ],
        data: { type: 'ORG' },
      },
    ]);
    const texts = new Map(corpusCables().map((c) => [c.uri, c.text]));
    for (const r of found[0].related!) assert.equal(texts.get(r.uri)!.slice(r.span.start - 5, r.span.end + 3), '[ORG U.S.  ]', r.uri);
  });

  it('related places leave out open cables, whose indexed spans may be stale', () => {
    const f = fixture(`
//- /ws/here.cable
( U ) The [LOC <def|Quux|def>  ] office .
//- /ws/o1.cable (closed)
( U ) [ORG <o1|Quux|o1>  ] .
//- /ws/o2.cable
( U ) [ORG Quux  ] .
//- /ws/o3.cable
( U ) [ORG Quux  ] .
`);
    const [d] = conflicts(f.service, f.uri('here.cable'));
    assert.equal(d.message, '"Quux" is tagged LOC in this cable, but ORG (Organization) in 3 of 3 other cables of the workspace.');
    assert.deepEqual(d.related, [{ uri: 'file:///ws/o1.cable', span: f.only('o1').span, message: 'tagged ORG in o1' }]);
  });

  // Every conflict of the corpus and the seed, counted independently (a
  // script over the files: tag regex, keys lower-cased without possessives,
  // the surname rule, each cable's majority type, the two-thirds rule).
  // Each is named as its own cable writes the entity: `Abu` in 07MADRID520,
  // where the other cables write `ABU`.
  const EVERY_CONFLICT: Array<[string, number, number, string]> = [
    ['corpus/05TELAVIV1593.cable', 15364, 15382, `"State Department's" is tagged ORG in this cable, but LOC (Location) in 10 of 11 other cables of the workspace.`],
    ['corpus/07MADRID520.cable', 4337, 4340, '"Abu" is tagged PER in this cable, but LOC (Location) in 4 of 5 other cables of the workspace.'],
    ['corpus/07TELAVIV2652.cable', 19507, 19525, `"State Department's" is tagged ORG in this cable, but LOC (Location) in 10 of 11 other cables of the workspace.`],
    ['corpus/08LONDON1991.cable', 17976, 17982, '"France" is tagged PER in this cable, but LOC (Location) in 45 of 45 other cables of the workspace.'],
    ['corpus/08RIODEJANEIRO171.cable', 2302, 2312, '"Salvador" is tagged PER in this cable, but LOC (Location) in 2 of 2 other cables of the workspace.'],
    ['corpus/09BRASILIA1447.cable', 19327, 19334, `"Paulo's" is tagged PER in this cable, but LOC (Location) in 3 of 3 other cables of the workspace.`],
    ['corpus/09ISLAMABAD2449.cable', 2162, 2168, '"Army’s" is tagged PER in this cable, but ORG (Organization) in 2 of 2 other cables of the workspace.'],
    ['corpus/09PARIS1473.cable', 5910, 5916, '"Afghan" is tagged ORG in this cable, but MISC (Miscellaneous) in 35 of 35 other cables of the workspace.'],
    ['corpus/10DOHA71.cable', 3415, 3418, '"Abu" is tagged PER in this cable, but LOC (Location) in 4 of 5 other cables of the workspace.'],
    ['seeds/000_d5a32e40f8b893e0.txt', 634, 637, '"FCO" is tagged ORG in this cable, but LOC (Location) in 2 of 2 other cables of the workspace.'],
    ['seeds/000_d5a32e40f8b893e0.txt', 1135, 1139, '"U.S." is tagged LOC in this cable, but ORG (Organization) in 177 of 177 other cables of the workspace.'],
  ];

  it('every conflict of the corpus and the seed, the same in an editor and in cable-lint', () => {
    const cables = [...corpusCables(), seedCable()];
    const f = fixture('', { closed: cables });
    const fromLint: CableDiagnostic[] = [];
    const fromEditor: CableDiagnostic[] = [];
    const uris: string[] = [];
    for (const c of cables) {
      const lint = f.service.indexedCableConflicts(c.uri);
      f.workspace.set(c.uri, c.text);
      const editor = conflicts(f.service, c.uri);
      f.workspace.delete(c.uri);
      fromLint.push(...lint);
      fromEditor.push(...editor);
      uris.push(...lint.map(() => c.uri.slice('file:///ws/'.length)));
    }
    assert.deepEqual(
      fromLint.map((d, i) => [uris[i], d.span.start, d.span.end, d.message]),
      EVERY_CONFLICT,
    );
    // Related places and data too: the cable open in an editor is the one left out of them anyway.
    assert.deepEqual(fromEditor, fromLint);
    const texts = new Map(cables.map((c) => [c.uri.slice('file:///ws/'.length), c.text]));
    assert.deepEqual(
      EVERY_CONFLICT.map(([uri, start, end]) => texts.get(uri)!.slice(start, end)),
      ["State Department's", 'Abu', "State Department's", 'France', "Salvador's", "Paulo's", 'Army’s', 'Afghan', 'Abu', 'FCO', 'U.S.'],
    );
  });

  it('severity follows the rules; off turns it off and leaves the other diagnostics', () => {
    const f = fixture(QUUX);
    const here = f.uri('here.cable');
    const local = [
      { code: 'tag-unknown-type', span: f.only('unknown').span },
      { code: 'tag-spacing', span: f.only('spacing').span },
    ];
    const codes = (s: CableLanguageService) => s.diagnostics(here).map((d) => ({ code: d.code, span: d.span }));
    assert.deepEqual(codes(f.service), [local[0], { code: CONFLICT, span: f.only('def').span }, local[1]]);
    f.service.setConfig(normalizeConfig({ rules: { [CONFLICT]: 'warning' } }).config);
    assert.deepEqual(conflicts(f.service, here).map((d) => [d.severity, d.span]), [['warning', f.only('def').span]]);
    f.service.setConfig(normalizeConfig({ rules: { [CONFLICT]: 'off' } }).config);
    assert.deepEqual(codes(f.service), local);
  });

  it('skipped above the size limit, and within the problem limit', () => {
    const f = fixture(QUUX);
    const here = f.uri('here.cable');
    const codes = () => f.service.diagnostics(here).map((d) => d.code);
    assert.deepEqual(codes(), ['tag-unknown-type', CONFLICT, 'tag-spacing']);
    f.service.setConfig(normalizeConfig({ maxFileSize: f.text('here.cable').length - 1 }).config);
    assert.deepEqual(conflicts(f.service, here), []);
    // The local problems come first, then the conflicts, in text order, up to the limit.
    f.service.setConfig(normalizeConfig({ maxProblems: 2 }).config);
    assert.deepEqual(codes(), ['tag-unknown-type', 'tag-spacing']);
    f.service.setConfig(normalizeConfig({ maxProblems: 3 }).config);
    assert.deepEqual(codes(), ['tag-unknown-type', CONFLICT, 'tag-spacing']);
    f.service.setConfig(normalizeConfig({ maxProblems: 1 }).config);
    assert.deepEqual(codes(), ['tag-unknown-type']);
  });

  it('needs two other cables', () => {
    const cables = (n: number) =>
      `//- /ws/here.cable\n( U ) The [LOC Quux  ] office .\n` + [1, 2].slice(0, n).map((i) => `//- /ws/o${i}.cable (closed)\n( U ) [ORG Quux  ] .\n`).join('');
    assert.deepEqual(conflicts(fixture(cables(1)).service, 'file:///ws/here.cable'), []);
    assert.deepEqual(conflicts(fixture(cables(2)).service, 'file:///ws/here.cable').map((d) => d.related!.map((r) => r.uri)), [['file:///ws/o1.cable', 'file:///ws/o2.cable']]);
    // A single cable in the index: no check at all.
    assert.deepEqual(conflicts(fixture(cables(0)).service, 'file:///ws/here.cable'), []);
  });

  it('needs two thirds of the other cables to agree', () => {
    const messages = (types: string[]) => {
      const others = types.map((t, i) => `//- /ws/o${i}.cable (closed)\n( U ) The [${t} Quux  ] office .\n`).join('');
      const f = fixture(`//- /ws/here.cable\n( U ) The [LOC Quux  ] office .\n${others}`);
      return conflicts(f.service, f.uri('here.cable')).map((d) => d.message);
    };
    assert.deepEqual(messages(['ORG', 'ORG', 'MISC']), ['"Quux" is tagged LOC in this cable, but ORG (Organization) in 2 of 3 other cables of the workspace.']);
    assert.deepEqual(messages(['ORG', 'ORG', 'MISC', 'MISC']), []);
    assert.deepEqual(messages(['ORG', 'ORG', 'LOC']), ['"Quux" is tagged LOC in this cable, but ORG (Organization) in 2 of 3 other cables of the workspace.']);
    assert.deepEqual(messages(['LOC', 'LOC', 'ORG']), []);
  });

  it('the quick fix retypes the entity’s other-typed mentions here, and the conflict goes', () => {
    const f = fixture(QUUX);
    const here = f.uri('here.cable');
    const [d] = conflicts(f.service, here);
    const fixes = f.service.codeActions(here, d.span).filter((a) => a.diagnostics?.some((x) => x.code === CONFLICT));
    assert.deepEqual(
      fixes.map((a) => ({ title: a.title, kind: a.kind, isPreferred: a.isPreferred, edits: a.edits })),
      [{ title: 'Retype all 2 mentions of "Quux" as ORG, as other cables do', kind: 'quickfix', isPreferred: true, edits: f.group('loc').map((m) => ({ span: m.span, newText: 'ORG' })) }],
    );
    const fixed = applyEdits(f.text('here.cable'), fixes[0].edits);
    assert.equal(fixed, f.text('here.cable').replaceAll('[LOC Quux  ]', '[ORG Quux  ]'));
    f.workspace.set(here, fixed);
    assert.deepEqual(conflicts(f.service, here), []);
    // Not offered for other kinds of action.
    assert.deepEqual(f.service.codeActions(here, d.span, ['refactor.rewrite']).filter((a) => a.title.includes('as other cables do')), []);
  });

  // The seed tags U.S. 12 times, all `[LOC U.S.  ]` (grep -c).
  it('on the seed: the fix retypes all 12 U.S. tags, and only the U.S. conflict goes', () => {
    const seed = seedCable();
    const f = fixture('', { closed: corpusCables(), open: [seed] });
    const d = conflicts(f.service, SEED_URI).find((x) => x.message.startsWith('"U.S."'))!;
    const [fix] = f.service.codeActions(SEED_URI, d.span, ['quickfix']).filter((a) => a.title.includes('as other cables do'));
    assert.equal(fix.title, 'Retype all 12 mentions of "U.S." as ORG, as other cables do');
    const locs = [...seed.text.matchAll(/\[LOC U\.S\. {2}\]/g)].map((m) => ({ start: m.index! + 1, end: m.index! + 4 }));
    assert.equal(locs.length, 12);
    assert.deepEqual(fix.edits, locs.map((span) => ({ span, newText: 'ORG' })));
    const fixed = applyEdits(seed.text, fix.edits);
    assert.equal(fixed, seed.text.replaceAll('[LOC U.S.  ]', '[ORG U.S.  ]'));
    f.workspace.set(SEED_URI, fixed);
    assert.deepEqual(conflicts(f.service, SEED_URI).map((x) => x.message.slice(0, 6)), ['"FCO" ']);
  });

  it('the quick fix leaves mentions that already have the workspace’s type', () => {
    const f = fixture(`
//- /ws/here.cable
( U ) The [<loc|LOC|loc> <def|Quux|def>  ] office, the [ORG Quux  ] staff and [<loc|LOC|loc> Quux  ] again .
//- /ws/o0.cable (closed)
( U ) [ORG Quux  ] .
//- /ws/o1.cable (closed)
( U ) [ORG Quux  ] .
`);
    const here = f.uri('here.cable');
    const d = conflicts(f.service, here);
    assert.deepEqual(d.map((x) => x.span), [f.only('def').span]);
    const [fix] = f.service.codeActions(here, d[0].span, ['quickfix']).filter((a) => a.title.includes('as other cables do'));
    assert.equal(fix.title, 'Retype all 3 mentions of "Quux" as ORG, as other cables do');
    assert.deepEqual(fix.edits, f.group('loc').map((m) => ({ span: m.span, newText: 'ORG' })));
    const fixed = applyEdits(f.text('here.cable'), fix.edits);
    assert.equal(fixed, '( U ) The [ORG Quux  ] office, the [ORG Quux  ] staff and [ORG Quux  ] again .\n');
    f.workspace.set(here, fixed);
    assert.deepEqual(conflicts(f.service, here), []);
  });

  it('no fix away from the diagnostic', () => {
    const f = fixture(QUUX.replace('office again .', 'office <far|again|far> .'));
    const far = f.only('far').span;
    const [d] = conflicts(f.service, f.uri('here.cable'));
    assert.ok(far.start > d.span.end);
    assert.deepEqual(f.service.codeActions(f.uri('here.cable'), far).filter((a) => a.title.includes('as other cables do')), []);
    assert.equal(f.service.codeActions(f.uri('here.cable'), d.span).filter((a) => a.title.includes('as other cables do')).length, 1);
  });
});
