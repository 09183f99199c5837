// Positions of cables on disk, from the line starts the index keeps: line and
// UTF-16 character, lines ending at \n, \r\n or \r.

import * as assert from 'node:assert/strict';
import { positionIn } from '../../../server/src/core/lineIndex';
import { indexBehind } from '../../../server/src/core/service';
import { corpusCable, fixture, positionOf } from '../../fixture';

/** Line starts after `\r\n`, `\r` and `\n`. */
const lineStarts = (text: string) => Int32Array.from([0, ...[...text.matchAll(/\r\n|\r|\n/g)].map((m) => m.index! + m[0].length)]);

describe('index: positions', () => {
  it('positionIn at every offset, with \\n, \\r\\n, \\r and astral characters', () => {
    const text = 'ab\r\n𝐀¶’ [PER Bob  ]\rx\n\n’\r\n';
    const starts = lineStarts(text);
    assert.deepEqual([...starts], [0, 4, 21, 23, 24, 27]);
    for (let o = -2; o <= text.length + 2; o++) {
      assert.deepEqual(positionIn(starts, text.length, o), positionOf(text, Math.max(0, Math.min(o, text.length))), `offset ${o}`);
    }
    assert.deepEqual(positionIn(starts, text.length, text.indexOf('Bob')), { line: 1, character: 10 });
    assert.deepEqual(positionIn(starts, text.length, text.indexOf('x')), { line: 2, character: 0 });
    // Inside \r\n: still the line it ends.
    assert.deepEqual(positionIn(starts, text.length, 3), { line: 0, character: 3 });
    assert.deepEqual(positionIn(starts, text.length, text.length), { line: 5, character: 0 });
  });

  // 06MOSCOW5645 has 58 lines with a ¶ and curly quotes before many tags.
  it('every tag of a cable with ¶ and ’ is where its text puts it, in UTF-16 units, with LF and CRLF', () => {
    const name = '06MOSCOW5645.cable';
    const lf = corpusCable(name).text;
    const utf8Column = (text: string, offset: number) => Buffer.byteLength(text.slice(text.lastIndexOf('\n', offset - 1) + 1, offset), 'utf8');
    for (const [uri, text] of [[`file:///ws/${name}`, lf], [`file:///ws/crlf-${name}`, lf.replace(/\n/g, '\r\n')]]) {
      const index = indexBehind(fixture('', { closed: [{ uri, text }] }).service);
      let afterWide = 0;
      for (const m of text.matchAll(/\[([A-Z]+) ([^\]\n]*?) *\]/g)) {
        const textStart = m.index! + m[1].length + 2;
        for (const offset of [m.index!, textStart, textStart + m[2].length, m.index! + m[0].length]) {
          const at = index.positionAt(uri, offset)!;
          assert.deepEqual(at, positionOf(text, offset), `${uri} ${offset}`);
          if (utf8Column(text, offset) !== at.character) afterWide++;
        }
      }
      // Some tags follow ¶ or ’ on their line, so a byte column would differ.
      assert.ok(afterWide > 0);
    }
  });

  it('a CRLF copy has the same lines and characters as the original', () => {
    const text = corpusCable('06MOSCOW5645.cable').text;
    const f = fixture('', { closed: [{ uri: 'file:///lf.cable', text }, { uri: 'file:///crlf.cable', text: text.replace(/\n/g, '\r\n') }] });
    const index = indexBehind(f.service);
    const keys = index.entities().map((e) => e.key);
    const lf = index.occurrences(keys, 'file:///crlf.cable');
    const cr = index.occurrences(keys, 'file:///lf.cable');
    assert.equal(lf.reduce((n, o) => n + o.spans.length, 0), 352);
    assert.equal(lf.length, cr.length);
    lf.forEach((o, i) => {
      assert.equal(cr[i].key, o.key);
      o.spans.forEach((s, j) => assert.deepEqual(index.positionAt('file:///crlf.cable', cr[i].spans[j].start), index.positionAt('file:///lf.cable', s.start)));
    });
  });

  it('offsets past either end clamp to the text', () => {
    const f = fixture('//- /r.cable (closed)\none\ntwo [LOC Rome  ]\n');
    const index = indexBehind(f.service);
    assert.deepEqual(index.positionAt('file:///r.cable', -5), { line: 0, character: 0 });
    assert.deepEqual(index.positionAt('file:///r.cable', 10_000), { line: 2, character: 0 });
  });
});
