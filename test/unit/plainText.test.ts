// The cable without tag markup, with offsets mapped both ways: for the whole
// cable (plainText) and for a stretch of lines (plainTextOf, what the
// tag-boundary rule reads).

import * as assert from 'node:assert/strict';
import { parseCable } from '../../server/src/core/parser';
import { plainText, plainTextOf } from '../../server/src/core/plainText';
import { corpusText, seedText } from '../helpers';

/** The text with every well-formed tag's markup removed, by a regex. */
const stripped = (text: string) => text.replace(/\[(?:PER|ORG|LOC|MISC) +([^[\]\n]*?) *\]/g, '$1');

/** [start, end) of every line, without its line break. */
function lines(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const re = /\r\n|\r|\n/g;
  let from = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    out.push([from, m.index]);
    from = m.index + m[0].length;
  }
  out.push([from, text.length]);
  return out;
}

describe('plain text', () => {
  it('the whole cable: the text without markup; offsets map both ways across ¶, ’ and an emoji', () => {
    const text = '¶ “A” [PER 😀Bob  ] ’s [LOC Paris  ] .\n';
    const plain = plainText(parseCable(text));
    assert.equal(plain.text, '¶ “A” 😀Bob ’s Paris .\n');
    const bob = text.indexOf('😀Bob');
    assert.equal(plain.toPlain(bob), plain.text.indexOf('😀Bob'));
    assert.equal(plain.charAt(plain.text.indexOf('Paris')), text.indexOf('Paris'));
    assert.equal(plain.endAt(plain.text.indexOf('Bob') + 3), text.indexOf('Bob') + 3);
    // Markup collapses to the position after it.
    assert.equal(plain.toPlain(text.indexOf('[LOC')), plain.text.indexOf('Paris'));
  });

  it('each line of the seed and of corpus cables (CRLF too): the same characters and offsets as the whole cable', () => {
    const texts = [seedText(), corpusText('09ABUJA1907.cable'), corpusText('10STATE17263.cable').replace(/\n/g, '\r\n')];
    for (const text of texts) {
      const doc = parseCable(text);
      const whole = plainText(doc);
      assert.equal(whole.text, stripped(text));
      for (const [from, to] of lines(text)) {
        const line = plainTextOf(doc, from, to)!;
        assert.ok(line, `line at ${from}`);
        assert.equal(line.text, stripped(text.slice(from, to)));
        const base = whole.toPlain(from);
        for (let i = 0; i < line.text.length; i++) {
          assert.equal(line.charAt(i), whole.charAt(base + i));
          assert.equal(line.toPlain(line.charAt(i)), i);
        }
        assert.equal(line.endAt(line.text.length), whole.endAt(base + line.text.length));
      }
    }
  });

  it('a line reached by a malformed tag’s markup from the line before has no plain text of its own', () => {
    // [MISC holds [LOC, which breaks across the line: MISC's closing markup runs from `[LOC` to its `]` on line 2.
    const text = 'x [MISC Afghan[LOC a\nb  ]-  ][PER Pak  ] y\nnext [ORG NATO  ] line\n';
    const doc = parseCable(text);
    const [, second, third] = lines(text);
    assert.equal(plainTextOf(doc, second[0], second[1]), undefined);
    assert.equal(plainTextOf(doc, third[0], third[1])!.text, 'next NATO line');
  });
});
