// The fixture helper itself: headers, marks, the cursor, positions, and the
// service it builds.

import * as assert from 'node:assert/strict';
import { fixture, parseFixture, positionOf } from '../fixture';
import { indexBehind } from '../../server/src/core/service';

describe('test fixtures', () => {
  it('splits cables at their headers, with their options and URIs', () => {
    const { cables } = parseFixture(`
//- /ws/a.cable
one
two
//- /ws/b.cable (closed)
three
//- /ws/c.cable (open, unindexed)
//- /ws/d.cable (closed, unindexed)
last`);
    assert.deepEqual(cables, [
      { path: '/ws/a.cable', uri: 'file:///ws/a.cable', text: 'one\ntwo\n', open: true, indexed: true },
      { path: '/ws/b.cable', uri: 'file:///ws/b.cable', text: 'three\n', open: false, indexed: true },
      { path: '/ws/c.cable', uri: 'file:///ws/c.cable', text: '', open: true, indexed: false },
      { path: '/ws/d.cable', uri: 'file:///ws/d.cable', text: 'last', open: false, indexed: false },
    ]);
  });

  it('removes the marks and gives their spans, groups, texts and positions', () => {
    const { cables, marks, cursor } = parseFixture(`
//- /ws/a.cable
( U ) [PER Nicolas <|Pickard|>  ] met
[LOC <1|Lon$0don|1>  ] and <def|<|[ORG NATO  ]|>|def> .
//- /ws/b.cable
<2|x|2>`);
    assert.equal(cables[0].text, '( U ) [PER Nicolas Pickard  ] met\n[LOC London  ] and [ORG NATO  ] .\n');
    assert.equal(cables[1].text, 'x');
    assert.deepEqual(cursor, { uri: 'file:///ws/a.cable', offset: 42, position: { line: 1, character: 8 } });
    assert.equal(cables[0].text.slice(42), 'don  ] and [ORG NATO  ] .\n');
    assert.deepEqual(
      marks.map((m) => [m.group, m.uri, m.span.start, m.span.end, m.text]),
      [
        ['', 'file:///ws/a.cable', 19, 26, 'Pickard'],
        ['1', 'file:///ws/a.cable', 39, 45, 'London'],
        ['def', 'file:///ws/a.cable', 53, 65, '[ORG NATO  ]'],
        ['', 'file:///ws/a.cable', 53, 65, '[ORG NATO  ]'],
        ['2', 'file:///ws/b.cable', 0, 1, 'x'],
      ],
    );
    assert.deepEqual(marks[1].range, { start: { line: 1, character: 5 }, end: { line: 1, character: 11 } });
    assert.deepEqual(marks[2].range, { start: { line: 1, character: 19 }, end: { line: 1, character: 31 } });
  });

  it('counts characters in UTF-16 units: ¶, ’ and a character outside the BMP', () => {
    const { cables, marks } = parseFixture("//- /ws/u.cable\n<a id='par1' href='#par1'>¶</a>1 . [LOC UK’s  ] 𝐀 [PER <|Bob|>  ]\n");
    assert.equal(cables[0].text.indexOf('Bob'), 56);
    assert.equal('𝐀'.length, 2);
    assert.deepEqual(marks[0].span, { start: 56, end: 59 });
    assert.deepEqual(marks[0].range, { start: { line: 0, character: 56 }, end: { line: 0, character: 59 } });
  });

  it('CRLF: the crlf option, or a fixture written with CRLF; lines end at \\r\\n, \\r and \\n', () => {
    const withOption = parseFixture('//- /ws/a.cable (crlf)\none\n[LOC <|Rome|>  ]\n');
    assert.equal(withOption.cables[0].text, 'one\r\n[LOC Rome  ]\r\n');
    assert.deepEqual(withOption.marks[0].span, { start: 10, end: 14 });
    assert.deepEqual(withOption.marks[0].range, { start: { line: 1, character: 5 }, end: { line: 1, character: 9 } });

    const written = parseFixture('//- /ws/a.cable\r\none\r\n[LOC <|Rome|>  ]\r\n//- /ws/b.cable (closed)\r\nx\r\n');
    assert.deepEqual(written.cables.map((c) => [c.path, c.text, c.open]), [
      ['/ws/a.cable', 'one\r\n[LOC Rome  ]\r\n', true],
      ['/ws/b.cable', 'x\r\n', false],
    ]);
    assert.deepEqual(written.marks[0].range, withOption.marks[0].range);

    assert.deepEqual(positionOf('a\rb\r\nc\nd', 7), { line: 3, character: 0 });
    assert.deepEqual(positionOf('a\rb\r\nc\nd', 4), { line: 1, character: 2 });
  });

  it('refuses malformed fixtures with a message', () => {
    const cases: Array<[string, RegExp]> = [
      ['text before\n//- /ws/a.cable\n', /expected a "\/\/- \/path" header/],
      ['//- ws/a.cable\n', /expected a "\/\/- \/path" header/],
      ['//- /ws/a.cable (shut)\n', /unknown option "shut"/],
      ['//- /ws/a.cable (open, closed)\n', /not both/],
      ['//- /ws/a.cable\n//- /ws/a.cable\n', /twice/],
      ['//- /ws/a.cable\n<|x\n', /never closed/],
      ['//- /ws/a.cable\nx|>\n', /closes nothing/],
      ['//- /ws/a.cable\n<1|x|2>\n', /closes nothing/],
      ['//- /ws/a.cable\n$0 $0\n', /more than one \$0/],
      ['//- /ws/a.cable\n$0\n//- /ws/b.cable\n$0\n', /more than one \$0/],
    ];
    for (const [spec, message] of cases) assert.throws(() => parseFixture(spec), message, spec);
    assert.throws(() => fixture('//- /ws/a.cable\nx\n').cursor, /no \$0/);
  });

  it('builds a service: open cables in the workspace, closed ones on disk, all indexed unless told', () => {
    const f = fixture(`
//- /ws/a.cable
( U ) [PER <|Ann $0Lee|>  ] .
//- /ws/b.cable (closed)
( U ) [PER <|Ann Lee|>  ] and [PER <|Ann Lee|>  ] .
//- /ws/c.cable (closed, unindexed)
( U ) [PER Ann Lee  ] .
`);
    assert.equal(f.workspace.get(f.uri('a.cable'))!.text, '( U ) [PER Ann Lee  ] .\n');
    assert.equal(f.workspace.get(f.uri('b.cable')), undefined);
    assert.deepEqual(f.workspace.read(f.uri('b.cable')), { uri: 'file:///ws/b.cable', version: 'disk:1', text: '( U ) [PER Ann Lee  ] and [PER Ann Lee  ] .\n' });
    assert.deepEqual(f.workspace.reads, ['file:///ws/b.cable']);
    assert.deepEqual(indexBehind(f.service).uris().sort(), ['file:///ws/a.cable', 'file:///ws/b.cable']);
    assert.deepEqual(f.service.references(f.cursor.uri, f.cursor.offset), f.locations());
    assert.deepEqual(f.locations(), [
      { uri: 'file:///ws/a.cable', span: { start: 11, end: 18 } },
      { uri: 'file:///ws/b.cable', span: { start: 11, end: 18 } },
      { uri: 'file:///ws/b.cable', span: { start: 31, end: 38 } },
    ]);
    assert.equal(f.cable('/ws/b.cable').open, false);
    assert.throws(() => f.cable('x.cable'), /0 cables match/);
    assert.throws(() => f.only(''), /3 marks/);
  });

  it('indexes extra cables given as options, closed then open, before its own', () => {
    const f = fixture('//- /ws/a.cable\n( U ) [LOC $0Rome  ] .\n', {
      closed: [{ uri: 'file:///ws/extra.cable', text: '[LOC Rome  ]' }],
      open: [{ uri: 'file:///ws/editor.cable', text: '[LOC Rome  ] [LOC Rome  ]' }],
    });
    assert.deepEqual(f.service.references(f.cursor.uri, f.cursor.offset).map((r) => r.uri), ['file:///ws/a.cable', 'file:///ws/editor.cable', 'file:///ws/editor.cable', 'file:///ws/extra.cable']);
    assert.equal(f.workspace.read('file:///ws/extra.cable')!.version, 'disk:1');
    assert.equal(f.workspace.get('file:///ws/editor.cable')!.version, 1);
    assert.deepEqual(fixture('').cables, []);
  });
});
