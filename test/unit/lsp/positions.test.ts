// Positions in UTF-16, UTF-8 and UTF-32, and the open documents' incremental sync.

import * as assert from 'node:assert/strict';
import { OpenDocuments } from '../../../server/src/lsp/documents';
import { toDocumentLink } from '../../../server/src/lsp/toProto';
import { TextPositions, lineStartsAfterEdit, lineStartsOf } from '../../../server/src/lsp/positions';
import fc from 'fast-check';
import { seedText } from '../../helpers';

// ¶ is 1 UTF-16 unit, 2 UTF-8 bytes, 1 code point; ’ is 1, 3, 1; 😀 is 2, 4, 1.
const LINE = "¶3 . The UK’s 😀 [PER Pickard  ]";

describe('positions in the negotiated encoding', () => {
  const at = LINE.indexOf('[PER');

  it('a link fragment (#L<line>,<column>) counts UTF-16 columns in every encoding, as editors read it', () => {
    const text = `x\n${LINE}`;
    const target = text.indexOf('[PER');
    const link = { span: { start: 0, end: 1 }, target: { start: target, end: target + 4 }, targetId: 'par3' };
    for (const encoding of ['utf-16', 'utf-8', 'utf-32'] as const) {
      assert.equal(toDocumentLink(new TextPositions(text, encoding), 'file:///c.cable', link).target, `file:///c.cable#L2,${17 + 1}`, encoding);
    }
  });

  it('UTF-16 counts code units', () => {
    assert.deepEqual(new TextPositions(LINE, 'utf-16').positionAt(at), { line: 0, character: at });
    assert.equal(at, 17);
  });

  it('UTF-8 counts bytes', () => {
    const positions = new TextPositions(LINE, 'utf-8');
    assert.deepEqual(positions.positionAt(at), { line: 0, character: Buffer.byteLength(LINE.slice(0, at), 'utf8') });
    assert.equal(positions.positionAt(at).character, 13 + 2 + 3 + 4, '13 ASCII characters, ¶, ’ and 😀');
    assert.equal(positions.offsetAt({ line: 0, character: 22 }), at);
  });

  it('UTF-32 counts code points', () => {
    const positions = new TextPositions(LINE, 'utf-32');
    assert.deepEqual(positions.positionAt(at), { line: 0, character: [...LINE.slice(0, at)].length });
    assert.equal(positions.positionAt(at).character, 16);
    assert.equal(positions.offsetAt({ line: 0, character: 16 }), at);
  });

  it('a position inside a character goes to its start; past the line end, to the line end', () => {
    const emoji = LINE.indexOf('😀');
    const utf8 = new TextPositions(`${LINE}\r\nnext`, 'utf-8');
    const bytesBefore = Buffer.byteLength(LINE.slice(0, emoji), 'utf8');
    assert.equal(utf8.offsetAt({ line: 0, character: bytesBefore + 2 }), emoji);
    assert.equal(utf8.offsetAt({ line: 0, character: 10_000 }), LINE.length);
    assert.equal(utf8.offsetAt({ line: 1, character: 2 }), LINE.length + 2 + 2);
    assert.equal(utf8.offsetAt({ line: 9, character: 0 }), LINE.length + 2 + 4);
    assert.equal(new TextPositions(LINE, 'utf-32').offsetAt({ line: 0, character: [...LINE.slice(0, emoji)].length + 1 }), emoji + 2);
  });

  it('every offset of the seed round-trips in each encoding, with \\n, \\r\\n and \\r', () => {
    const seed = seedText().slice(0, 6000);
    for (const text of [seed, seed.replace(/\n/g, '\r\n'), seed.replace(/\n/g, '\r')]) {
      for (const encoding of ['utf-16', 'utf-8', 'utf-32'] as const) {
        const positions = new TextPositions(text, encoding);
        for (let offset = 0; offset <= text.length; offset += 7) {
          if (text[offset - 1] === '\r' && text[offset] === '\n') continue; // inside a line break
          assert.equal(positions.offsetAt(positions.positionAt(offset)), offset, `${encoding} ${offset}`);
        }
      }
    }
  });
});

describe('open documents follow incremental changes in the negotiated encoding', () => {
  it('UTF-8 ranges after ¶ and ’ land where the client meant', () => {
    const docs = new OpenDocuments('utf-8');
    docs.open('file:///a.cable', 'cable', 1, LINE);
    const start = Buffer.byteLength(LINE.slice(0, LINE.indexOf('Pickard')), 'utf8');
    const changed = docs.change('file:///a.cable', 2, [{ range: { start: { line: 0, character: start }, end: { line: 0, character: start + 7 } }, text: 'Pickering' }])!;
    assert.equal(changed.text, LINE.replace('Pickard', 'Pickering'));
    assert.equal(changed.version, 2);
  });

  it('several changes apply in order; a full change replaces the text', () => {
    const docs = new OpenDocuments('utf-16');
    docs.open('file:///a.cable', 'cable', 1, 'ab\ncd');
    const changed = docs.change('file:///a.cable', 2, [
      { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 1 } }, text: 'X' },
      { range: { start: { line: 0, character: 2 }, end: { line: 1, character: 0 } }, text: '’' },
      { text: 'whole' },
      { range: { start: { line: 0, character: 5 }, end: { line: 0, character: 5 } }, text: '!' },
    ])!;
    assert.equal(changed.text, 'whole!');
  });

  it('a change to a document that is not open is ignored', () => {
    const docs = new OpenDocuments();
    assert.equal(docs.change('file:///nope.cable', 2, [{ text: 'x' }]), undefined);
    assert.equal(docs.has('file:///nope.cable'), false);
  });
});

describe('line starts after an edit', () => {
  const piece = fc.constantFrom('a', 'b c', '\n', '\r', '\r\n', '¶', '’');
  const textArb = fc.array(piece, { maxLength: 30 }).map((xs) => xs.join(''));

  it('equal the line starts found in the edited text (\n, \r, \r\n joined and split)', () => {
    fc.assert(
      fc.property(textArb, fc.nat(), fc.nat(6), textArb, (before, at, remove, insert) => {
        const start = at % (before.length + 1);
        const oldEnd = Math.min(before.length, start + remove);
        const text = before.slice(0, start) + insert + before.slice(oldEnd);
        assert.deepEqual(lineStartsAfterEdit(lineStartsOf(before), text, start, oldEnd, start + insert.length), lineStartsOf(text));
      }),
      { numRuns: 3000, seed: 20261202 },
    );
  });

  it('an open document edited incrementally knows the line starts of its new text', () => {
    const docs = new OpenDocuments('utf-8');
    const text = seedText().replace(/\n/g, '\r\n');
    docs.open('file:///a.cable', 'cable', 1, text);
    const doc = docs.change('file:///a.cable', 2, [
      { range: { start: { line: 3, character: 1 }, end: { line: 3, character: 1 } }, text: '\r' },
      { range: { start: { line: 7, character: 0 }, end: { line: 9, character: 2 } }, text: 'x\ny' },
    ])!;
    assert.deepEqual(doc.positions.lineStarts(), lineStartsOf(doc.text));
    const fresh = new TextPositions(doc.text, 'utf-8');
    for (let o = 0; o <= doc.text.length; o += 7) assert.deepEqual(doc.positions.positionAt(o), fresh.positionAt(o));
  });
});
