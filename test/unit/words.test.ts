// What a word is: selections snap to words (marked «…» in the inputs; «» is a
// cursor), and tag edges are judged by the same rule.

import * as assert from 'node:assert/strict';
import { insideWord, isEndEdge, isStartEdge, snapToWords, wordParts } from '../../server/src/core/words';
import { markSpans, withSelections } from '../helpers';

function snap(input: string): string {
  const { text, selections } = withSelections(input);
  const result = snapToWords(text, selections[0]);
  return 'span' in result ? markSpans(text, [result.span]) : `refused: ${result.refused}`;
}

describe('words: selections snap to words', () => {
  const cases: Array<[string, string, string]> = [
    ['a selection inside a word takes the word', 'the Q«uee»n makes', 'the «Queen» makes'],
    ['a cursor takes its word', 'the Qu«»een makes', 'the «Queen» makes'],
    ['a cursor just after a word takes it', 'the Queen«» makes', 'the «Queen» makes'],
    ['a cursor just before a word takes it', 'the «»Queen makes', 'the «Queen» makes'],
    ['spaces at the ends are dropped', 'the« Queen »makes', 'the «Queen» makes'],
    ['spaced-off punctuation at the ends is dropped', 'Pickard «, Queen ,» and', 'Pickard , «Queen» , and'],
    ['punctuation inside stays', 'in «Bosnia , Herzegovina» now', 'in «Bosnia , Herzegovina» now'],
    ['curly quotes at the ends are dropped', 'a «“Queen”» b', 'a “«Queen»” b'],
    ['U.S. keeps its final dot', 'the «U.S». and', 'the «U.S.» and'],
    ['a cursor in U.S. takes U.S.', 'the U«».S. and', 'the «U.S.» and'],
    ['a sentence dot is not part of a word', 'with the «U.S. .»', 'with the «U.S.» .'],
    ['an initial keeps its dot', 'met «»J. Smith', 'met «J.» Smith'],
    ['an abbreviation without inner dot does not', 'the «»PRT. This', 'the «PRT». This'],
    ['ellipses are not dots of a word', 'on «»relations...it', 'on «relations»...it'],
    ['a hyphen is an edge: the part is kept', '«Bono»-Rumsfeld meeting', '«Bono»-Rumsfeld meeting'],
    ['a hyphen is an edge: the second part', 'Bono-«Rumsfeld» meeting', 'Bono-«Rumsfeld» meeting'],
    ['across a hyphen the selection grows to both edges', 'B«ono-Rums»feld meeting', '«Bono-Rumsfeld» meeting'],
    ['a cursor takes the hyphen part it is in', 'Kim Jo«»ng-il said', 'Kim «Jong»-il said'],
    ['a trailing hyphen is dropped', '«Bono-»Rumsfeld', '«Bono»-Rumsfeld'],
    ['U.S.-UK holds two words', 'SUBJECT: U.S.-«U»K CLUSTER', 'SUBJECT: U.S.-«UK» CLUSTER'],
    ['a slash is an edge for a selection', 'met NATO/«EU» staff', 'met NATO/«EU» staff'],
    ['a cursor takes an office symbol across its slash', 'visited PM/W«»RA on', 'visited «PM/WRA» on'],
    ['across a slash: the whole', 'visited «PM/W»RA on', 'visited «PM/WRA» on'],
    ['a possessive is an end edge', 'the U«»K’s position', 'the «UK»’s position'],
    ['a selection of the possessive keeps it', 'the «UK’s» position', 'the «UK’s» position'],
    ['a cursor in the possessive takes the whole word', 'the UK’«»s position', 'the «UK’s» position'],
    ['a straight possessive too', 'the «»UK\'s position', 'the «UK»\'s position'],
    ['an apostrophe inside a name joins', 'met O’Ne«»ill today', 'met «O’Neill» today'],
    ['a closing apostrophe is not part of the word', 'in «Chavez\'» rhetoric', 'in «Chavez»\' rhetoric'],
    ['an ampersand joins', 'the «»AT&T deal', 'the «AT&T» deal'],
    ['digits are word characters', 'the EU-2«»7 states', 'the EU-«27» states'],
    ['letters outside the BMP', 'x 𝐀«»𝐁c y', 'x «𝐀𝐁c» y'],
    ['after ¶ and ’', "<a id='par1' href='#par1'>¶</a>1 . the UK’s Q«»ueen", "<a id='par1' href='#par1'>¶</a>1 . the UK’s «Queen»"],
    ['a tag edge is a word edge', '[ORG EU-  ]ins«»pired', '[ORG EU-  ]«inspired»'],
    ['combining marks belong to the word', 'Bras«»i\u0301lia', '«Brasi\u0301lia»'],
  ];
  for (const [name, input, expected] of cases) it(name, () => assert.equal(snap(input), expected));

  it('refuses a blank selection, punctuation only, and a cursor off words', () => {
    assert.equal(snap('a«   »b'), 'refused: blank');
    assert.equal(snap('a « , . » b'), 'refused: no-word');
    assert.equal(snap('a «» b'), 'refused: no-word');
    assert.equal(snap('a ,«», b'), 'refused: no-word');
  });

  it('edges inside words', () => {
    const text = 'Bono-Rumsfeld UK’s U.S. O’Neill';
    const at = (s: string, k = 0) => text.indexOf(s) + k;
    assert.equal(insideWord(text, at('Rumsfeld', -1)), true, 'the hyphen is inside the compound');
    assert.equal(isEndEdge(text, at('-')), true, 'before the hyphen: an end edge');
    assert.equal(isStartEdge(text, at('-')), false, 'before the hyphen: not a start edge');
    assert.equal(isStartEdge(text, at('Rumsfeld')), true, 'after the hyphen: a start edge');
    assert.equal(isEndEdge(text, at('Rumsfeld')), false, 'after the hyphen: not an end edge');
    assert.equal(isEndEdge(text, at('’s')), true, 'before a possessive');
    assert.equal(isStartEdge(text, at('’s')), false);
    assert.equal(isEndEdge(text, at('U.S.', 3)), false, 'before the final dot of U.S.');
    assert.equal(isEndEdge(text, at('U.S.', 4)), true);
    assert.equal(isEndEdge(text, at('Neill')), false, 'inside O’Neill');
  });

  it('word parts: compounds split at hyphens and slashes, possessives apart', () => {
    const text = 'Kim Jong-il , PM/WRA UK’s U.S. relations';
    assert.deepEqual(wordParts(text, 0, text.length).map((p) => text.slice(p.start, p.end)), ['Kim', 'Jong', 'il', 'PM', 'WRA', 'UK', 's', 'U.S.', 'relations']);
  });
});
