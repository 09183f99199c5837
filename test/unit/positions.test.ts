import * as assert from 'node:assert/strict';
import { LineIndex } from '../../server/src/core/lineIndex';
import { parseCable } from '../../server/src/core/parser';
import { URI, seedText, serviceFor } from '../helpers';

describe('positions (UTF-16 code units)', () => {
  it('positions after ¶ and ’ count one unit each', () => {
    const text = "<a id='par2' href='#par2'>¶</a>2 .\n( C ) The [MISC UK’s  ] view of [PER Ford  ] .";
    const lines = new LineIndex(text);
    const doc = parseCable(text);
    const ford = doc.mentions.find((m) => m.text === 'Ford')!;
    const pos = lines.positionAt(ford.textSpan.start);
    assert.equal(pos.line, 1);
    assert.equal(pos.character, '( C ) The [MISC UK’s  ] view of [PER '.length);
    assert.equal(lines.offsetAt(pos), ford.textSpan.start);
    const p = lines.positionAt(doc.paragraphs[0].numberSpan!.start);
    assert.deepEqual(p, { line: 0, character: "<a id='par2' href='#par2'>¶</a>".length });
  });

  it('astral characters count two units', () => {
    const text = '𝐀𝐁 [PER Bob  ]';
    const doc = parseCable(text);
    assert.equal(new LineIndex(text).positionAt(doc.mentions[0].textSpan.start).character, '𝐀𝐁 [PER '.length);
    assert.equal('𝐀𝐁 [PER '.length, 10);
  });

  it('offsets and positions round-trip on the seed, with CRLF, CR and past the end', () => {
    for (const text of [seedText(), seedText().replace(/\n/g, '\r\n'), 'a\rb\r\nc\n']) {
      const lines = new LineIndex(text);
      for (let o = 0; o <= text.length; o += 7) {
        if (text[o - 1] === '\r' && text[o] === '\n') continue; // between \r and \n is not a position
        assert.equal(lines.offsetAt(lines.positionAt(o)), o);
      }
      assert.equal(lines.offsetAt({ line: 10_000, character: 0 }), text.length);
      assert.equal(lines.offsetAt({ line: 0, character: 10_000 }), lines.offsetAt({ line: 1, character: 0 }) - (text.startsWith('a\r') ? 1 : text.includes('\r\n') ? 2 : 1));
    }
  });

  it('hover on an entity right after ’ in the seed', () => {
    const seed = seedText();
    const at = seed.indexOf('[MISC UK’s  ]');
    const hover = serviceFor(seed).hover(URI, at + 'MISC UK’'.length);
    assert.match(hover!.markdown, /\*\*UK\*\*/);
  });
});
