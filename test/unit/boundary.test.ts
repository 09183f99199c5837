// tag-boundary: tags that start or end inside a word, with the fixes that put
// the edge on the word's edge; and what the rule finds in the corpus.

import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { applyEdits } from '../../server/src/core';
import { boundaryFindings } from '../../server/src/core/checks/boundary';
import { untaggedText } from '../../server/src/core/edits';
import { parseCable } from '../../server/src/core/parser';
import { URI, corpusFiles, seedText, serviceFor } from '../helpers';

/** The findings of a text: the covered text, the edge and the kind. */
function found(text: string): Array<[string, string, string]> {
  return boundaryFindings(parseCable(text)).map((f) => [text.slice(f.problem.span.start, f.problem.span.end), f.edge, f.kind]);
}

/** Each fix of the first finding: its title and the fixed text. */
function fixes(text: string): Array<[string, string]> {
  const [finding] = boundaryFindings(parseCable(text));
  return finding.fixes.map((f) => [f.title, applyEdits(text, f.edits)]);
}

describe('tag-boundary', () => {
  describe('finds', () => {
    const cases: Array<[string, string, Array<[string, string, string]>]> = [
      ['a hyphen kept in the tag, joined to the next word', 'the [PER Bono-  ]Rumsfeld meeting', [['Bono-  ]Rumsfeld', 'end', 'hyphen']]],
      ['a hyphen joined to a number', 'the [ORG EU-  ]3 talks', [['EU-  ]3', 'end', 'hyphen']]],
      ['a hyphen joined to the next tag, once', 'the [MISC Israeli-  ][MISC Palestinian  ] talks', [['Israeli-  ][MISC Palestinian', 'end', 'hyphen']]],
      ['a word cut at the end', '-- [LOC Ukraine re  ]quested support', [['re  ]quested', 'end', 'word']]],
      ['a word cut at the start', 'Mc[PER Donald  ] said', [['Mc[PER Donald', 'start', 'word']]],
      ['a hyphen at the start, joined to the word before', 'an Algerian[MISC -born  ] man', [['Algerian[MISC -born', 'start', 'hyphen']]],
      ['the final dot of U.S. left out', 'the [LOC U.S  ]. said', [['U.S  ].', 'end', 'word']]],
      ['a name cut at its apostrophe', 'met O’[PER Neill  ] today', [['O’[PER Neill', 'start', 'word']]],
      ['two tags meeting inside a word, once', '[ORG Foo  ][ORG Bar  ] x', [['Foo  ][ORG Bar', 'end', 'word']]],
      ['after ¶ and ’, in UTF-16 offsets', "<a id='par1' href='#par1'>¶</a>1 . ( C ) The UK’s [PER Kim Jong-  ]il", [['Jong-  ]il', 'end', 'hyphen']]],
    ];
    for (const [name, text, expected] of cases) it(name, () => assert.deepEqual(found(text), expected));
  });

  describe('does not find', () => {
    const cases: Array<[string, string]> = [
      ['a tag after a hyphen', 'hew closer to Franco-[MISC German  ] positions'],
      ['a tag before a hyphen', 'the [PER Bono  ]-Rumsfeld meeting'],
      ['a possessive inside the tag', 'in [LOC Pakistan’s  ] north'],
      ['a possessive after the tag', 'the [LOC UK  ]’s view and [LOC UK  ]\'s view'],
      ['a closing apostrophe after the tag', 'three days of [PER Chavez  ]\' rhetoric'],
      ['slashes around the tag', 'END SUMMARY. //[LOC Cuba//  ] next'],
      ['a tag on either side of a slash', 'visited [ORG PM  ]/WRA and PM/[ORG WRA  ]'],
      ['U.S. whole', 'the [LOC U.S.  ] said'],
      ['spaced-off punctuation', '( [ORG NATO  ] ) , [LOC UK  ] .'],
      ['a hyphen followed by a space', 'the [PER Foo-  ] bar'],
      ['a hyphen before the tag, with nothing joined', 'a -[PER Foo  ] b'],
      ['the corpus seed', seedText()],
    ];
    for (const [name, text] of cases) it(name, () => assert.deepEqual(found(text), []));
  });

  describe('fixes', () => {
    it('a hyphen before a capitalised word: take it out, tag the whole word, tag each part', () => {
      assert.deepEqual(fixes('the [PER Bono-  ]Rumsfeld meeting'), [
        ['Take the hyphen out of the tag: [PER Bono  ]-Rumsfeld', 'the [PER Bono  ]-Rumsfeld meeting'],
        ['Tag the whole word: [PER Bono-Rumsfeld  ]', 'the [PER Bono-Rumsfeld  ] meeting'],
        ['Tag each part as PER: [PER Bono  ]-[PER Rumsfeld  ]', 'the [PER Bono  ]-[PER Rumsfeld  ] meeting'],
      ]);
    });

    it('a hyphen before a lower-case word or a number: no part to tag', () => {
      assert.deepEqual(fixes('a [MISC Algerian-  ]born man'), [
        ['Take the hyphen out of the tag: [MISC Algerian  ]-born', 'a [MISC Algerian  ]-born man'],
        ['Tag the whole word: [MISC Algerian-born  ]', 'a [MISC Algerian-born  ] man'],
      ]);
      assert.deepEqual(fixes('the [ORG EU-  ]3 talks').map(([, t]) => t), ['the [ORG EU  ]-3 talks', 'the [ORG EU-3  ] talks']);
    });

    it('a hyphen joined to the next tag: only taking it out', () => {
      assert.deepEqual(fixes('the [MISC Israeli-  ][MISC Palestinian  ] talks'), [['Take the hyphen out of the tag: [MISC Israeli  ]-Palestinian', 'the [MISC Israeli  ]-[MISC Palestinian  ] talks']]);
    });

    it('a cut word: shrink to the word before, or extend over the word', () => {
      assert.deepEqual(fixes('-- [LOC Ukraine re  ]quested support'), [
        ['Shrink the tag to [LOC Ukraine  ]', '-- [LOC Ukraine  ] requested support'],
        ['Extend the tag to [LOC Ukraine requested  ]', '-- [LOC Ukraine requested  ] support'],
      ]);
      assert.deepEqual(fixes('" [LOC France-A  ]frique " model').map(([, t]) => t), ['" [LOC France  ]-Afrique " model', '" [LOC France-Afrique  ] " model']);
      assert.deepEqual(fixes('-- [PER Andrew Shapiro , As  ]sistant Secretary').map(([, t]) => t), [
        '-- [PER Andrew Shapiro  ] , Assistant Secretary',
        '-- [PER Andrew Shapiro , Assistant  ] Secretary',
      ]);
    });

    it('a cut start: shrink to the next word, or extend back over the word', () => {
      assert.deepEqual(fixes('Mc[PER Donald Trump  ] said'), [
        ['Shrink the tag to [PER Trump  ]', 'McDonald [PER Trump  ] said'],
        ['Extend the tag to [PER McDonald Trump  ]', '[PER McDonald Trump  ] said'],
      ]);
      assert.deepEqual(fixes('an Algerian[MISC -born  ] man').map(([, t]) => t), ['an Algerian-[MISC born  ] man', 'an [MISC Algerian-born  ] man']);
    });

    it('fixes follow the file’s closing convention and CRLF lines', () => {
      assert.deepEqual(fixes('[PER A ] and [PER Bono- ]Rumsfeld\r\nnext').map(([, t]) => t), [
        '[PER A ] and [PER Bono ]-Rumsfeld\r\nnext',
        '[PER A ] and [PER Bono-Rumsfeld ]\r\nnext',
        '[PER A ] and [PER Bono ]-[PER Rumsfeld ]\r\nnext',
      ]);
    });

    it('are quick fixes of the diagnostic, a hint by default', () => {
      const text = 'the [PER Bono-  ]Rumsfeld meeting';
      const service = serviceFor(text);
      const [d] = service.diagnostics(URI);
      assert.deepEqual([d.code, d.severity, d.message], [
        'tag-boundary',
        'hint',
        'Tag boundary: [PER Bono-  ] ends with the hyphen of "Bono-Rumsfeld", which joins it to the next word outside the tag. Take the hyphen out of the tag, or tag the whole word.',
      ]);
      const actions = service.codeActions(URI, d.span, ['quickfix']);
      assert.deepEqual(actions.map((a) => [a.title, a.kind]), [
        ['Take the hyphen out of the tag: [PER Bono  ]-Rumsfeld', 'quickfix'],
        ['Tag the whole word: [PER Bono-Rumsfeld  ]', 'quickfix'],
        ['Tag each part as PER: [PER Bono  ]-[PER Rumsfeld  ]', 'quickfix'],
      ]);
    });
  });

  describe('the corpus', () => {
    interface Finding {
      cable: string;
      covered: string;
      kind: string;
    }
    let all: Finding[];
    before(() => {
      all = [];
      for (const file of corpusFiles()) {
        const text = fs.readFileSync(file, 'utf8');
        const doc = parseCable(text);
        for (const f of boundaryFindings(doc)) {
          const m = doc.mentions[f.mention];
          const kind = f.kind === 'word' ? 'word' : text[m.closeSpan!.end] === '[' ? 'hyphen, next tagged' : 'hyphen, next untagged';
          all.push({ cable: path.basename(file, '.cable'), covered: text.slice(f.problem.span.start, f.problem.span.end), kind });
        }
      }
    });

    it('279 tags in 120 cables: 145 hyphens joined to an untagged word, 82 to the next tag, 52 cut words', () => {
      assert.equal(all.length, 279);
      assert.equal(new Set(all.map((f) => f.cable)).size, 120);
      const kinds: Record<string, number> = {};
      for (const f of all) kinds[f.kind] = (kinds[f.kind] ?? 0) + 1;
      assert.deepEqual(kinds, { 'hyphen, next untagged': 145, 'hyphen, next tagged': 82, word: 52 });
    });

    it('a sample, reviewed by hand', () => {
      const has = (cable: string, covered: string, times = 1) =>
        assert.equal(all.filter((f) => f.cable === cable && f.covered === covered).length, times, `${cable}: ${covered}`);
      has('05MADRID1585', 'Bono-  ]Rumsfeld', 3);
      has('05MADRID1585', 'Spain-  ]U.S.');
      has('05ANKARA1730', 'EU-  ]inspired');
      has('05PARIS104', 'Algerian-  ]born');
      has('05PARIS104', 'Qaeda-  ]linked');
      has('09KYIV1942', 're  ]quested', 2);
      has('09SEOUL1171', 'Jong-  ]il', 2);
      has('09PARIS504', 'A  ]frique', 5);
      has('07ISLAMABAD528', 'Pak-  ][MISC Afghan', 2);
      has('09TELAVIV2500', 'As  ]sistant');
      has('10MOSCOW272', 'Putin-  ]strings');
    });

    it('no finding where a tag only touches a hyphen, a slash or a possessive', () => {
      for (const f of all) assert.doesNotMatch(f.covered, /^(?:\[|[^[\]]*-\[)/, `${f.cable}: ${f.covered}`);
    });

    it('every fix of every finding keeps the untagged text, breaks no tag, and removes the finding', function () {
      this.timeout(60_000);
      let checked = 0;
      for (const file of corpusFiles()) {
        const text = fs.readFileSync(file, 'utf8');
        const doc = parseCable(text);
        const findings = boundaryFindings(doc);
        for (const f of findings) {
          assert.ok(f.fixes.length > 0, `${path.basename(file)}: a finding without a fix`);
          for (const fix of f.fixes) {
            const fixed = parseCable(applyEdits(text, fix.edits));
            assert.equal(untaggedText(fixed), untaggedText(doc), `${path.basename(file)}: ${fix.title}`);
            assert.equal(fixed.problems.length, doc.problems.length, `${path.basename(file)}: ${fix.title}`);
            assert.equal(boundaryFindings(fixed).length, findings.length - 1, `${path.basename(file)}: ${fix.title}`);
            checked++;
          }
        }
      }
      assert.ok(checked > 500, `${checked} fixes`);
    });
  });
});
