// Positions in any cable (line and UTF-16 character): open cables through
// their editor text, cables on disk through the index's line starts.

import * as assert from 'node:assert/strict';
import { corpusCable, fixture, positionOf } from '../../fixture';

describe('cross-cable positions', () => {
  it('positionAt: cables on disk through the index, open ones through their text; ¶, ’, 𝐀 and CRLF', () => {
    const f = fixture(`
//- /ws/disk.cable (closed)
<a id='par1' href='#par1'>¶</a>1 . ( U ) The [MISC <|UK’s|>  ] view .
( U ) [PER <|Pickard|>  ] .
//- /ws/crlf.cable (closed, crlf)
UNCLAS
<a id='par1' href='#par1'>¶</a>1 . ( U ) [LOC <|Rome|>  ] ’
( U ) [ORG <|NATO|>  ] .
//- /ws/open.cable


𝐀 UNCLAS
1. ( U ) 𝐀 The Ambassador met [PER <|Pickard|>  ] in [LOC <|London|>  ] .
`);
    assert.deepEqual(
      f.marks.map((m) => [m.uri, m.range.start]),
      [
        ['file:///ws/disk.cable', { line: 0, character: 51 }],
        ['file:///ws/disk.cable', { line: 1, character: 11 }],
        ['file:///ws/crlf.cable', { line: 1, character: 46 }],
        ['file:///ws/crlf.cable', { line: 2, character: 11 }],
        ['file:///ws/open.cable', { line: 3, character: 36 }],
        ['file:///ws/open.cable', { line: 3, character: 55 }],
      ],
    );
    for (const m of f.marks) {
      assert.deepEqual(f.service.positionAt(m.uri, m.span.start), m.range.start, `${m.uri} ${m.text}`);
      assert.deepEqual(f.service.positionAt(m.uri, m.span.end), m.range.end, `${m.uri} ${m.text}`);
    }
    assert.equal(f.service.positionAt('file:///ws/nope.cable', 0), undefined);
  });

  it('every tag of a corpus cable with ¶ and ’, on disk, with LF and with CRLF', () => {
    const lf = corpusCable('06MOSCOW5645.cable').text;
    const crlf = lf.replace(/\n/g, '\r\n');
    const f = fixture('', { closed: [{ uri: 'file:///ws/lf.cable', text: lf }, { uri: 'file:///ws/crlf.cable', text: crlf }] });
    for (const [uri, text] of [['file:///ws/lf.cable', lf], ['file:///ws/crlf.cable', crlf]]) {
      // 352 tags (grep -o '\[[A-Z]\+ [^]]*\]' | wc -l); 58 lines hold a ¶.
      const tags = [...text.matchAll(/\[[A-Z]+ [^\]\n]*\]/g)];
      assert.equal(tags.length, 352);
      for (const t of tags) {
        for (const offset of [t.index!, t.index! + t[0].length]) assert.deepEqual(f.service.positionAt(uri, offset), positionOf(text, offset), `${uri} ${offset}`);
      }
    }
  });
});
