// Rename across cables: edits for this cable (with its editor version) and
// for every other cable with the entity (read again from disk, no version).

import * as assert from 'node:assert/strict';
import { FileEdits, InMemoryWorkspace, RenameError, applyEdits, createLanguageService } from '../../../server/src/core';
import { CORPUS_ROOT, corpusCable, corpusCables, fixture, parseFixture, seedCable } from '../../fixture';

/** The texts after applying each file's edits. */
function applied(files: FileEdits[], texts: Map<string, string>): Map<string, string> {
  return new Map(files.map((f) => [f.uri, applyEdits(texts.get(f.uri)!, f.edits)]));
}

describe('cross-cable rename', () => {
  it('renames the surname in the open cable and every mention in the closed one', () => {
    const f = fixture(`
//- /ws/p.cable
1. ( U ) The Ambassador met [PER <p|Pickard|p>  ] in [LOC London  ] .
2. ( U ) [PER <p|Pick$0ard|p>  ] said the [ORG FCO  ] agreed .
//- /ws/seed.cable (closed)
( C ) [PER <s|Nicolas Pickard|s>  ] , head of the [ORG FCO Security Policy Group  ] .
( C ) [PER <s|Pickard|s>  ] informed the group ; Pickard’s deputy was not tagged .
`);
    const [p1, p2] = f.group('p');
    const [s1, s2] = f.group('s');
    const files = f.service.rename(f.cursor.uri, f.cursor.offset, 'Pickering');
    assert.deepEqual(files, [
      { uri: 'file:///ws/p.cable', version: 1, edits: [{ span: p1.span, newText: 'Pickering' }, { span: p2.span, newText: 'Pickering' }] },
      { uri: 'file:///ws/seed.cable', version: undefined, edits: [{ span: s1.span, newText: 'Nicolas Pickering' }, { span: s2.span, newText: 'Pickering' }] },
    ]);
    const after = applied(files, new Map(f.cables.map((c) => [c.uri, c.text])));
    assert.equal(
      after.get('file:///ws/p.cable'),
      '1. ( U ) The Ambassador met [PER Pickering  ] in [LOC London  ] .\n2. ( U ) [PER Pickering  ] said the [ORG FCO  ] agreed .\n',
    );
    assert.equal(
      after.get('file:///ws/seed.cable'),
      '( C ) [PER Nicolas Pickering  ] , head of the [ORG FCO Security Policy Group  ] .\n( C ) [PER Pickering  ] informed the group ; Pickard’s deputy was not tagged .\n',
    );
  });

  // The seed tags `Nicolas Pickard` once and `Pickard` 13 times, and has no
  // other `Pickard` and no `Pickering` (grep).
  it('on the seed: 14 edits, every tag and nothing else', () => {
    const seed = seedCable();
    const f = fixture(`//- /ws/p.cable\n1. ( U ) The Ambassador met [PER Pick$0ard  ] in [LOC London  ] .\n`, { closed: [seed] });
    const files = f.service.rename(f.cursor.uri, f.cursor.offset, 'Pickering');
    assert.deepEqual(files.map((x) => [x.uri, x.edits.length]), [['file:///ws/p.cable', 1], [seed.uri, 14]]);
    const after = applied(files, new Map([[seed.uri, seed.text], [f.cursor.uri, f.text('p.cable')]])).get(seed.uri)!;
    assert.equal(after.split('[PER Pickering  ]').length - 1, 13);
    assert.equal(after.split('[PER Nicolas Pickering  ]').length - 1, 1);
    assert.equal(after.replaceAll('Pickering', 'Pickard'), seed.text);
  });

  // `President` is the one-word PER entity in the most corpus cables: 160
  // cables tag it (`President` 383 times, `president` 8, `President's` 1), and
  // 10SARAJEVO134 tags `first President`, its only full name (grep -c over the
  // corpus): 161 cables, 393 mentions.
  it('across the corpus: every cable with the entity, every mention, only tag texts', () => {
    const open = corpusCable('04BOGOTA8900.cable');
    const f = fixture('', { closed: corpusCables().filter((c) => c.uri !== open.uri), open: [open] });
    const files = f.service.rename(open.uri, open.text.indexOf('[PER President  ]') + 5, 'Zed Renamed');
    assert.equal(files.length, 161);
    assert.equal(files[0].uri, open.uri);
    assert.equal(files.reduce((n, x) => n + x.edits.length, 0), 393);
    assert.equal(f.workspace.reads.length, 160);
    const renamed: Record<string, string> = { President: 'Zed Renamed', president: 'Zed Renamed', "President's": "Zed Renamed's", 'first President': 'first Zed Renamed' };
    const texts = new Map(corpusCables().map((c) => [c.uri, c.text]));
    for (const file of files) {
      const text = texts.get(file.uri)!;
      // The edits are exactly the tag texts a regex finds, each renamed as the table says.
      const tags = [...text.matchAll(/\[PER ((?:first )?[Pp]resident(?:'s)?) {2}\]/g)].map((m) => ({ start: m.index! + 5, end: m.index! + 5 + m[1].length, text: m[1] }));
      assert.deepEqual(file.edits, tags.map((t) => ({ span: { start: t.start, end: t.end }, newText: renamed[t.text] })), file.uri);
    }
    assert.ok(files.some((x) => x.uri === `${CORPUS_ROOT}10SARAJEVO134.cable`));
  });

  it('a closed cable changed on disk since it was indexed gets edits for its new text', () => {
    const f = fixture(`
//- /ws/p.cable
1. ( U ) The Ambassador met [PER Pick$0ard  ] in [LOC London  ] .
//- /ws/seed.cable (closed)
( C ) [PER Nicolas Pickard  ] , head of the [ORG FCO Security Policy Group  ] .
( C ) [PER Pickard  ] informed the group .
`);
    const onDisk = parseFixture(`
//- /ws/seed.cable
UNCLAS
( U ) First, [PER <|Pickard|>  ] arrived .

( C ) [PER <|Nicolas Pickard|>  ] , head of the [ORG FCO Security Policy Group  ] .
( C ) Pickard informed the group .
`);
    const seed = f.uri('seed.cable');
    f.workspace.write(seed, onDisk.cables[0].text);
    assert.equal(f.service.indexedVersion(seed), 'disk:1');
    const files = f.service.rename(f.cursor.uri, f.cursor.offset, 'Pickering');
    assert.deepEqual(files[1], {
      uri: seed,
      version: undefined,
      edits: [
        { span: onDisk.marks[0].span, newText: 'Pickering' },
        { span: onDisk.marks[1].span, newText: 'Nicolas Pickering' },
      ],
    });
    // The index now has the new text.
    assert.deepEqual(f.workspace.reads, [seed]);
    assert.equal(f.service.indexedVersion(seed), 'disk:2');
    assert.deepEqual(f.service.positionAt(seed, onDisk.marks[0].span.start), { line: 1, character: 18 });
    assert.deepEqual(onDisk.marks[0].range.start, { line: 1, character: 18 });
  });

  it('closed cables that cannot be read are left out', () => {
    // A workspace without `read`.
    const p = '1. ( U ) The Ambassador met [PER Pickard  ] in [LOC London  ] .\n';
    const service = createLanguageService(new InMemoryWorkspace({ 'file:///ws/p.cable': p }));
    service.indexSource({ uri: 'file:///ws/seed.cable', version: 'disk:1', text: '( C ) [PER Nicolas Pickard  ] left .\n' });
    service.indexOpenDocument('file:///ws/p.cable');
    assert.deepEqual(service.rename('file:///ws/p.cable', 33, 'Pickering').map((x) => x.uri), ['file:///ws/p.cable']);

    // A cable deleted from disk since it was indexed.
    const f = fixture(`
//- /ws/p.cable
1. ( U ) The Ambassador met [PER Pick$0ard  ] in [LOC London  ] .
//- /ws/seed.cable (closed)
( C ) [PER Nicolas Pickard  ] left .
`);
    assert.deepEqual(f.service.rename(f.cursor.uri, f.cursor.offset, 'Pickering').map((x) => x.uri), ['file:///ws/p.cable', 'file:///ws/seed.cable']);
    f.workspace.unlink(f.uri('seed.cable'));
    assert.deepEqual(f.service.rename(f.cursor.uri, f.cursor.offset, 'Pickering').map((x) => x.uri), ['file:///ws/p.cable']);
  });

  it('refuses bad names with a RenameError, and unknown cables give nothing', () => {
    const f = fixture(`
//- /ws/p.cable
1. ( U ) The <plain|Ambassador|plain> met [PER $0Pickard  ] in [LOC London  ] .
//- /ws/seed.cable (closed)
( C ) [PER Nicolas Pickard  ] left .
`);
    const { uri, offset } = f.cursor;
    const cases: Array<[string, string]> = [
      ['   ', 'An entity name cannot be empty.'],
      ['Pick [ard', 'An entity name cannot contain "[" or "]": they delimit tags.'],
      ['Pick]', 'An entity name cannot contain "[" or "]": they delimit tags.'],
      ['Pick\nard', 'An entity name cannot span lines.'],
      ['Pick\r\nard', 'An entity name cannot span lines.'],
    ];
    for (const [name, message] of cases) {
      assert.throws(() => f.service.rename(uri, offset, name), (e: Error) => e instanceof RenameError && e.message === message, JSON.stringify(name));
    }
    assert.throws(() => f.service.rename(uri, f.only('plain').span.start, 'X'), (e: Error) => e instanceof RenameError && e.message === 'Rename works on an entity tag: place the cursor on a mention.');
    assert.deepEqual(f.service.rename('file:///ws/nope.cable', 0, 'X'), []);
  });
});
