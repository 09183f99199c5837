import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { CableDiagnostic } from '../../server/src/core';
import { parse, reparseCable } from '../../server/src/core/parser';
import { structureProblems, structureProblemsOf } from '../../server/src/core/checks/structure';
import { URI, analysisOf, corpusFiles, corpusText, seedText, serviceFor } from '../helpers';

const CODES = ['marking-above-banner', 'marking-unknown', 'marking-missing', 'banner-missing', 'paragraph-number-mismatch', 'paragraph-duplicate', 'paragraph-sequence', 'anchor-href-mismatch', 'classified-by-unclassified', 'classified-by-missing', 'wrapper-unbalanced'];

function structure(text: string): CableDiagnostic[] {
  return serviceFor(text).diagnostics(URI).filter((d) => CODES.includes(d.code));
}

function check(text: string, expected: Array<[code: string, covered: string]>) {
  const found = structure(text);
  assert.deepEqual(found.map((d) => [d.code, text.slice(d.span.start, d.span.end)]), expected);
  return found;
}

const anchor = (id: string, number = id, href = id) => `<a id='par${id}' href='#par${href}'>¶</a>${number} .\n`;
const cable = (banner: string, body: string, header = 'Classified By: A. Official for reasons 1.4 ( b ) ') =>
  `<code><pre>${banner} SIPDIS E.O. 12958: DECL: 01/01/2019 TAGS PREL SUBJECT: TEST ${header}${body}</pre></code>`;

describe('structure and classification diagnostics', () => {
  it('the seed has none', () => {
    assert.deepEqual(structure(seedText()), []);
  });

  it('marking-above-banner names both levels and points at the banner', () => {
    const text = cable('C O N F I D E N T I A L', `${anchor('1')}( C ) Fine .\n${anchor('2')}( S/NF ) Too high .\n`);
    const [d] = check(text, [['marking-above-banner', '( S/NF )']]);
    assert.match(d.message, /Paragraph 2 is marked SECRET .* but the banner says CONFIDENTIAL/);
    assert.equal(text.slice(d.related![0].span.start, d.related![0].span.end), 'C O N F I D E N T I A L');
    assert.equal(d.severity, 'warning');
  });

  it('marking-above-banner counts the subject line as a portion', () => {
    const text = `<code><pre>UNCLASSIFIED SUBJECT: ( C ) A SUBJECT ${anchor('1')}( U ) Text .\n</pre></code>`;
    check(text, [['marking-above-banner', '( C )']]);
  });

  it('marking-unknown suggests the nearest known form', () => {
    const text = cable('S E C R E T', `${anchor('1')}( S/NOFRN ) Text .\n${anchor('2')}( SUB ) Text .\n`);
    const found = check(text, [['marking-unknown', '( S/NOFRN )'], ['marking-unknown', '( SUB )']]);
    assert.match(found[0].message, /Did you mean "\( S\/NOFORN \)"\?/);
    assert.match(found[1].message, /Did you mean "\( SBU \)"\?/);
  });

  it('look-alikes are never reported as markings', () => {
    const body = ['( U.S. ) said', '( Iran ) said', '( ref A ) said', '( b ) and ( d )', '( L ) said', '( OSD ) said'].map((t, i) => `${anchor(String(i + 1))}( C ) Text ${t} .\n`).join('');
    assert.deepEqual(structure(cable('C O N F I D E N T I A L', body)), []);
    // At a paragraph's start they are not markings either: the paragraph is unmarked.
    const start = ['( OSD ) said', '( Iran ) said', '( L ) said', '( b ) said'].map((t, i) => `${anchor(String(i + 1))}${t} .\n`).join('');
    assert.deepEqual([...new Set(structure(cable('C O N F I D E N T I A L', start)).map((d) => d.code))], ['marking-missing']);
  });

  it('marking-missing only in classified cables, as information', () => {
    const [d] = check(cable('C O N F I D E N T I A L', `${anchor('1')}( C ) Text .\n${anchor('2')}No marking .\n`), [['marking-missing', '2']]);
    assert.equal(d.severity, 'information');
    check(cable('UNCLASSIFIED', `${anchor('1')}No marking .\n`, ''), []);
  });

  it('a lead-in before the marking is accepted', () => {
    check(cable('S E C R E T', `${anchor('1')}Key Points: -- ( S/NF ) Text .\n`), []);
  });

  it('banner-missing, with a suggestion for a damaged banner', () => {
    check(`<code><pre>SIPDIS E.O. 12958: DECL: 01/01/2019 TAGS PREL\n${anchor('1')}( C ) Text .\n</pre></code>`, [['banner-missing', 'SIPDIS']]);
    const [d] = check(`<code><pre>E C R E T SECTION 01 OF 03 Classified By: X\n${anchor('1')}( S ) Text .\n</pre></code>`, [['banner-missing', 'E C R E T']]);
    assert.match(d.message, /Did you mean "S E C R E T"\?/);
  });

  it('a fragment of tagged text is not held to cable structure', () => {
    assert.deepEqual(structure('[PER Bob  ] met [ORG NATO  ] .'), []);
  });

  it('paragraph-number-mismatch', () => {
    check(cable('C O N F I D E N T I A L', `${anchor('1')}( C ) A .\n${anchor('2', '3')}( C ) B .\n`), [['paragraph-number-mismatch', '3']]);
  });

  it('paragraph-duplicate, pointing at the first; repeated sub-item letters are fine', () => {
    const text = cable('C O N F I D E N T I A L', `${anchor('1')}( C ) A .\n${anchor('A')}a .\n${anchor('2')}( C ) B .\n${anchor('A')}a .\n${anchor('2')}( C ) C .\n`);
    const [d] = check(text, [['paragraph-duplicate', 'par2']]);
    assert.equal(d.related![0].span.start, text.indexOf("par2'"));
  });

  it('paragraph-sequence: gaps, going backwards, and years taken for numbers', () => {
    const gaps = check(cable('C O N F I D E N T I A L', ['1', '2', '5', '6', '3'].map((n) => `${anchor(n)}( C ) T .\n`).join('')), [
      ['paragraph-sequence', '5'],
      ['paragraph-sequence', '3'],
    ]);
    assert.deepEqual(gaps.map((d) => d.message), ['Paragraph 5 follows paragraph 2: 3–4 are missing.', 'Paragraph 3 comes after paragraph 6: the numbers go backwards.']);
    const misplaced = check(cable('C O N F I D E N T I A L', ['1', '2', '5', '3'].map((n) => `${anchor(n)}( C ) T .\n`).join('')), [['paragraph-sequence', '5']]);
    assert.match(misplaced[0].message, /Paragraph number 5 is out of place after paragraph 2: the numbering resumes after it/);
    const years = check(cable('C O N F I D E N T I A L', ['1', '2', '2007', '3'].map((n) => `${anchor(n)}( C ) T .\n`).join('')), [['paragraph-sequence', '2007']]);
    assert.match(years[0].message, /probably a year/);
    check(cable('C O N F I D E N T I A L', ['1', '2', '3'].map((n) => `${anchor(n)}( C ) T .\n`).join('')), []);
  });

  it('anchor-href-mismatch', () => {
    check(cable('C O N F I D E N T I A L', `${anchor('1', '1', '2')}( C ) T .\n`), [['anchor-href-mismatch', 'par2']]);
  });

  it('classified-by-unclassified and classified-by-missing', () => {
    check(cable('UNCLASSIFIED', `${anchor('1')}( U ) T .\n`), [['classified-by-unclassified', 'Classified By:']]);
    const [d] = check(cable('S E C R E T', `${anchor('1')}( S ) T .\n`, ''), [['classified-by-missing', 'S E C R E T']]);
    assert.equal(d.severity, 'hint');
    check(cable('S E C R E T', `${anchor('1')}( S ) Classified by B. Official . Reasons 1.4 ( b ) .\n`, ''), []);
  });

  it('wrapper-unbalanced', () => {
    check('<code><pre>UNCLASSIFIED TAGS PREL\nText .', [['wrapper-unbalanced', '<code><pre>']]);
    check('UNCLASSIFIED TAGS PREL\nText .</pre></code>', [['wrapper-unbalanced', '</pre></code>']]);
  });

  it('real findings in corpus cables', () => {
    const lapaz = structure(corpusText('06LAPAZ3449.cable'));
    assert.ok(lapaz.some((d) => d.code === 'paragraph-sequence' && /Paragraph number 2007 is out of place after paragraph 5: probably a year/.test(d.message)));
    const baghdad = structure(corpusText('07BAGHDAD146.cable'));
    assert.deepEqual(baghdad.map((d) => d.code), ['banner-missing']);
    const kabul = structure(corpusText('07KABUL185.cable')).map((d) => d.code);
    assert.ok(kabul.includes('paragraph-duplicate') && kabul.includes('paragraph-sequence'));
  });
});

describe('the corpus lint expectation', () => {
  // Every structure finding in the corpus, reviewed: see README "What the rules find in the corpus".
  const expectationFile = path.join(__dirname, '..', 'fixtures', 'corpus-structure.expected.json');

  it('matches the reviewed expectation, per rule and per finding', () => {
    const findings: Record<string, string[]> = {};
    const counts: Record<string, number> = {};
    for (const file of [...corpusFiles()]) {
      const text = fs.readFileSync(file, 'utf8');
      const lines = analysisOf(text).lines;
      for (const d of structure(text)) {
        counts[d.code] = (counts[d.code] ?? 0) + 1;
        const pos = lines.positionAt(d.span.start);
        (findings[path.basename(file)] ??= []).push(`${pos.line + 1}:${pos.character + 1} ${d.code} ${d.message}`);
      }
    }
    const actual = { counts, findings };
    if (process.env.UPDATE_EXPECTATIONS === '1') fs.writeFileSync(expectationFile, JSON.stringify(actual, null, 2) + '\n');
    const expected = JSON.parse(fs.readFileSync(expectationFile, 'utf8'));
    assert.deepEqual(actual.counts, expected.counts);
    assert.deepEqual(actual.findings, expected.findings);
  });
});

describe('structure problems after an edit (structureProblemsOf)', () => {
  const body = [
    `${anchor('1')}( C ) First paragraph text .\n`,
    `${anchor('2')}( S/NF ) Above the banner .\n`,
    `${anchor('2')}( C ) A duplicate anchor .\n`,
    `${anchor('5')}( C ) A gap before it , and plain text to type in .\n`,
    `${anchor('6')}( S ) Above the banner again .\n`,
  ].join('');
  const text0 = cable('C O N F I D E N T I A L', body);
  const at = (needle: string) => text0.indexOf(needle) + needle.length;
  const edits: Array<[what: string, text: string, reused: boolean]> = [
    ['a character typed in plain text', text0.slice(0, at('plain text')) + 'x' + text0.slice(at('plain text')), true],
    ['a word deleted in plain text', text0.replace('A gap before it , ', ''), true],
    ['a marking changed', text0.replace('( S ) Above', '( C ) Above'), false],
    ['an anchor renumbered', text0.replace("<a id='par5' href='#par5'>¶</a>5", "<a id='par3' href='#par3'>¶</a>3"), false],
    ['an anchor added', text0.slice(0, at('plain text')) + `\n${anchor('7')}( C ) New .\n` + text0.slice(at('plain text')), false],
    ['the authority named in the first paragraph', cable('C O N F I D E N T I A L', body.replace('First paragraph text', 'Classified by A. Official'), ''), false],
  ];
  for (const [what, text, reused] of edits) {
    it(`${what}: the same problems as a fresh check${reused ? ', those before the edit reused' : ''}`, () => {
      const before = parse(text0);
      const old = structureProblemsOf(before);
      assert.ok(old.length >= 4);
      const after = reparseCable(before, text);
      const got = structureProblemsOf(after, before);
      assert.deepEqual(got, structureProblems(parse(text)));
      const kept = got.filter((p) => old.includes(p)).length;
      if (reused) assert.ok(kept >= 2, `${kept} problems kept`);
      else assert.equal(kept, 0);
    });
  }
});
