import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { ANCHOR_RE, matchAnchor, parseCable } from '../../server/src/core/parser';
import { corpusFiles, seedText } from '../helpers';
import * as fs from 'fs';
import * as path from 'path';

describe('parser', () => {
  describe('the seed', () => {
    const text = seedText();
    const doc = parseCable(text);

    it('finds the wrapper and the body inside it', () => {
      assert.deepEqual(doc.wrapper.open, { start: 0, end: '<code><pre>'.length });
      assert.equal(text.slice(doc.wrapper.close!.start, doc.wrapper.close!.end), '</pre></code>');
      assert.ok(text.slice(doc.body.start, doc.body.end).startsWith('C O N F I D E N T I A L'));
      assert.ok(text.slice(doc.body.start, doc.body.end).endsWith('CLINTON'));
    });

    it('reads the banner and its level', () => {
      assert.equal(doc.banner?.text, 'C O N F I D E N T I A L');
      assert.equal(doc.banner?.level, 'C');
    });

    it('reads the header fields', () => {
      const byKind = Object.fromEntries(doc.header.map((f) => [f.kind, f.value]));
      assert.equal(byKind.eo, 'DECL: 05/19/2019');
      assert.equal(byKind.tags, 'MOPS , PREL , PGOV , [ORG NATO  ] , [LOC UK  ]');
      assert.equal(byKind.subject, 'U.S.-UK CLUSTER MUNITIONS DIALOGUE');
      assert.equal(byKind.ref, 'A. 2008 [LOC LONDON  ] 3082');
      assert.equal(byKind.classifiedBy, 'PM/WRA DEPUTY DIRECTOR [PER STEVEN COSTNER  ] For reasons 1.4 ( b ) and ( d )');
      assert.deepEqual(doc.tags.map((t) => t.text), ['MOPS', 'PREL', 'PGOV', 'NATO', 'UK']);
      for (const f of doc.header) assert.equal(text.slice(f.valueSpan.start, f.valueSpan.end), f.value);
    });

    it('reads the sections, including a heading that holds tags', () => {
      assert.deepEqual(
        doc.sections.map((s) => s.title),
        ['Summary', 'CONVENTION ON CLUSTER MUNITIONS', 'CCM AT NATO', 'CCW', 'WAY FORWARD'],
      );
      for (let i = 1; i < doc.sections.length; i++) assert.equal(doc.sections[i - 1].span.end, doc.sections[i].span.start);
    });

    it('reads the paragraphs: anchor id, visible number, portion marking, range', () => {
      assert.deepEqual(
        doc.paragraphs.map((p) => [p.id, p.href, p.number, p.marking?.text ?? null]),
        [
          ['parB', 'parB', 'B', null],
          ...[1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => [`par${n}`, `par${n}`, String(n), 'C']),
        ],
      );
      const p3 = doc.paragraphs.find((p) => p.id === 'par3')!;
      assert.equal(text.slice(p3.idSpan.start, p3.idSpan.end), 'par3');
      assert.equal(text.slice(p3.numberSpan!.start, p3.numberSpan!.end), '3');
      assert.equal(text.slice(p3.marking!.span.start, p3.marking!.span.end), '( C )');
      assert.equal(p3.marking!.level, 'C');
      assert.ok(text.slice(p3.span.start, p3.span.end).includes('Pickard  ] informed the group'));
      assert.equal(p3.span.end, doc.paragraphs.find((p) => p.id === 'par4')!.span.start);
    });

    it('finds every entity mention with the ranges of its parts', () => {
      assert.equal(doc.mentions.length, (text.match(/\[(PER|ORG|LOC|MISC) /g) ?? []).length);
      for (const m of doc.mentions) {
        assert.equal(text[m.openSpan.start], '[');
        assert.equal(text.slice(m.typeSpan.start, m.typeSpan.end), m.type);
        assert.equal(text.slice(m.textSpan.start, m.textSpan.end), m.text);
        assert.equal(text[m.closeSpan!.start], ']');
        assert.equal(m.closingSpaces, 2);
      }
      const ukPossessive = doc.mentions.find((m) => m.text === 'UK’s')!;
      assert.equal(ukPossessive.type, 'MISC');
    });

    it('reports no problems', () => {
      assert.deepEqual(doc.problems, []);
    });
  });

  describe('malformed tags', () => {
    const codes = (text: string) => parseCable(text).problems.map((p) => p.code);

    it('an unclosed tag ends at its line and does not swallow the next one', () => {
      const text = 'He met [PER Foo Bar\nand [ORG NATO  ] agreed .\nThen more .';
      const doc = parseCable(text);
      assert.deepEqual(codes(text), ['tag-unclosed']);
      assert.equal(doc.mentions[0].text, 'Foo Bar');
      assert.equal(doc.mentions[0].closeSpan, undefined);
      assert.equal(doc.mentions[1].text, 'NATO');
      assert.ok(doc.mentions[1].closeSpan);
      const p = doc.problems[0];
      assert.equal(text.slice(p.span.start, p.span.end), '[PER');
    });

    it('a tag whose ] is on the next line is multiline, not unclosed', () => {
      const text = 'He met [PER Foo\nBar  ] today .';
      const doc = parseCable(text);
      assert.deepEqual(codes(text), ['tag-multiline']);
      assert.equal(doc.mentions[0].text, 'Foo Bar');
      assert.equal(doc.mentions[0].multiline, true);
    });

    it('a tag still open after two line breaks is unclosed', () => {
      assert.deepEqual(codes('[PER Foo\nbar\nbaz ] .'), ['tag-unclosed', 'tag-stray-close']);
    });

    it('unclosed at the end of the text', () => {
      assert.deepEqual(codes('text [LOC Paris'), ['tag-unclosed']);
    });

    it('stray ] and plain brackets', () => {
      assert.deepEqual(codes('a ] b'), ['tag-stray-close']);
      assert.deepEqual(codes('[ NAME REMOVED ] said [ Note : text ] .'), []);
      assert.deepEqual(codes('[ Note: The [ORG Government of Canada  ] confirmed .\n] more'), []);
      assert.deepEqual(codes('[NAME REMOVED ] said'), []);
    });

    it('nested tags', () => {
      const text = '[ORG Bank of [LOC Spain  ]  ] .';
      const doc = parseCable(text);
      assert.deepEqual(codes(text), ['tag-nested']);
      assert.equal(doc.mentions.length, 2);
      assert.equal(doc.mentions[1].nested, true);
      assert.equal(doc.mentions[1].text, 'Spain');
      assert.equal(text.slice(doc.problems[0].span.start, doc.problems[0].span.end), '[LOC');
    });

    it('unknown types, with a did-you-mean for near misses', () => {
      const doc = parseCable('[PRE Foo  ] [Org NATO  ] [PERSON Bob  ] [GPE Spain  ] [Pet food ]');
      assert.deepEqual(
        doc.problems.map((p) => [p.code, p.data?.suggestion]),
        [
          ['tag-unknown-type', 'PER'],
          ['tag-unknown-type', 'ORG'],
          ['tag-unknown-type', 'PER'],
          ['tag-unknown-type', undefined],
        ],
      );
      assert.match(doc.problems[0].message, /Did you mean "PER"\?/);
      assert.match(doc.problems[3].message, /PER, ORG, LOC, MISC/);
      assert.equal(doc.mentions.length, 4, '[Pet food ] is prose, not a tag');
    });

    it('the entity types are configurable', () => {
      const doc = parseCable('[GPE Spain  ] [PER Bob  ]', { entityTypes: ['PERSON', 'GPE'] });
      assert.deepEqual(doc.problems.map((p) => [p.code, p.data?.suggestion]), [['tag-unknown-type', 'PERSON']]);
    });

    it('empty tags', () => {
      assert.deepEqual(codes('[ORG  ] and [PER ]'), ['tag-empty', 'tag-empty']);
    });

    it('handles CRLF and CR line ends', () => {
      assert.deepEqual(codes('[PER Foo\r\n[ORG Bar  ]\r\n'), ['tag-unclosed']);
      assert.deepEqual(codes('[PER Foo\rBar  ]'), ['tag-multiline']);
      const doc = parseCable('<code><pre>UNCLAS\r\n<a id=\'par1\' href=\'#par1\'>¶</a>1 .\r\n( U ) [LOC Rome  ] .\r\n</pre></code>\r\n');
      assert.equal(doc.paragraphs[0].marking?.level, 'U');
      assert.equal(doc.mentions[0].text, 'Rome');
      assert.equal(doc.problems.length, 0);
    });
  });

  describe('format variants', () => {
    it('banners: spaced, solid, lower case, typos, after a dateline', () => {
      const level = (t: string) => parseCable(t).banner?.level;
      assert.equal(level('<code><pre>S E C R E T SECTION 01 OF 02'), 'S');
      assert.equal(level('<code><pre>SS E C R E T [LOC ROME  ]'), 'S');
      assert.equal(level('UUNCLAS SECTION 01'), 'U');
      assert.equal(level('UNCLASSIFIED SECTION 01'), 'U');
      assert.equal(level('S e c r e t [LOC berlin  ] 001068'), 'S');
      assert.equal(level('TOP SECRET'), 'TS');
      const dated = parseCable('<code><pre>Friday , 01 January 2010 , 15:02 C O N F I D E N T I A L SECTION 01 OF 03');
      assert.equal(dated.dateline?.text, 'Friday , 01 January 2010 , 15:02');
      assert.equal(dated.banner?.level, 'C');
      assert.equal(parseCable('<code><pre>Hello world').banner, undefined);
      assert.deepEqual(parseCable('SECRET NOFORN SIPDIS').banner?.caveats.map((c) => c.text), ['NOFORN', 'SIPDIS']);
    });

    it('portion markings: forms, controls, and look-alikes that are not markings', () => {
      const marking = (m: string) => parseCable(`<a id='par1' href='#par1'>¶</a>1 .\n${m} Text .`).paragraphs[0].marking;
      assert.deepEqual([marking('( S/NF )')?.level, marking('( S/NF )')?.controls], ['S', ['NF']]);
      assert.deepEqual(marking('( C//REL ISAF )')?.controls, ['REL ISAF']);
      assert.deepEqual([marking('( U//FOUO )')?.level, marking('( U//FOUO )')?.controls], ['U', ['FOUO']]);
      assert.equal(marking('( SBU )')?.level, 'U');
      assert.equal(marking('( c )')?.level, 'C');
      assert.equal(marking('C ) Summary')?.level, 'C');
      assert.deepEqual(marking('( S/REL [ORG NATO  ] )')?.controls, ['REL NATO']);
      assert.equal(marking('( U.S. ) said'), undefined);
      assert.equal(marking('[LOC Rome  ] said ( C )'), undefined, 'only at the paragraph start');
    });

    it('header labels of other cables', () => {
      const doc = parseCable(fs.readFileSync(path.join(__dirname, '../fixtures/corpus/72TEHRAN1164.cable'), 'utf8'));
      assert.equal(doc.banner?.level, 'U');
      const kinds = doc.header.map((f) => f.kind);
      assert.ok(kinds.includes('eo') && kinds.includes('tags') && kinds.includes('subject') && kinds.includes('ref'));
      assert.deepEqual(doc.tags.map((t) => t.text), ['MASS', 'MARR', 'IR']);
    });
  });

  describe('the corpus', () => {
    it('parses all 323 cables without problems, finding every tag', () => {
      let mentions = 0;
      for (const file of corpusFiles()) {
        const text = fs.readFileSync(file, 'utf8');
        const doc = parseCable(text);
        assert.deepEqual(doc.problems, [], path.basename(file));
        assert.equal(doc.mentions.length, (text.match(/\[(PER|ORG|LOC|MISC) /g) ?? []).length, path.basename(file));
        for (const m of doc.mentions) assert.equal(text.slice(m.textSpan.start, m.textSpan.end).replace(/\s+/g, ' '), m.text);
        mentions += doc.mentions.length;
      }
      assert.ok(mentions > 29000, `${mentions} mentions`);
    });

    it('finds a banner in every cable that has a recognisable one', () => {
      const missing = corpusFiles().filter((f) => !parseCable(fs.readFileSync(f, 'utf8')).banner).map((f) => path.basename(f));
      // A damaged banner (`E C R E T`) and none at all.
      assert.deepEqual(missing, ['07BAGHDAD146.cable', '07LAPAZ3262.cable']);
      // After a preamble: `> 7/29/2009 14:42 09KHARTOUM881 Embassy [LOC Khartoum  ] CONFIDENTIAL`.
      const khartoum = parseCable(fs.readFileSync(corpusFiles().find((f) => f.endsWith('09KHARTOUM881.cable'))!, 'utf8'));
      assert.deepEqual([khartoum.banner?.level, khartoum.banner?.text, khartoum.banner?.displaced], ['C', 'CONFIDENTIAL', true]);
    });
  });

  it('never throws, and keeps every span inside the text', () => {
    const inputs = ['', '[', ']', '[PER', '[PER ', '[PER  ]', '<a id=', "<a id='x' href='#y'>¶</a>", '( ( ( (', '\u0000'.repeat(100), '[[[[PER [ORG ]]]]', '---- ---- ----', '\uD800[PER a\uDC00  ]'];
    for (const input of inputs) {
      const doc = parseCable(input);
      const spans = [...doc.problems.map((p) => p.span), ...doc.mentions.map((m) => m.span)];
      for (const s of spans) assert.ok(s.start >= 0 && s.start <= s.end && s.end <= input.length, JSON.stringify(input));
    }
  });

  it('anchors are read by hand exactly as ANCHOR_RE matches them', () => {
    const pieces = ['<a', ' ', '\n', '\t', '\u00a0', '\u2028', 'id', 'href', '=', "'", '"', '#', 'par3', 'x<y', '>', '¶', '&para;', '</a>', '<', 'a', ')'];
    const anchor = fc.array(fc.constantFrom(...pieces), { maxLength: 24 }).map((p) => p.join(''));
    // Near-anchors: each part varied, so that about half match.
    const ws = fc.constantFrom('', ' ', '  ', '\n', '\u00a0', '\t ');
    const quote = fc.constantFrom("'", '"');
    const value = fc.constantFrom('par1', '', 'parB', 'x"y', "a'b", 'a<b', 'a\nb', 'a)');
    const nearAnchor = fc
      .tuple(ws, ws, ws, quote, value, quote, ws, ws, ws, quote, fc.constantFrom('', '#'), value, quote, ws, ws, fc.constantFrom('¶', '&para;', '', '¶¶'), ws, fc.constantFrom('</a>', '</b>', '</a'))
      .map(([w1, w2, w3, q1, v1, q1b, w4, w5, w6, q2, hash, v2, q2b, w7, w8, mark, w9, close]) => `<a${w1 || ' '}id${w2}=${w3}${q1}${v1}${q1b}${w4 || ' '}href${w5}=${w6}${q2}${hash}${v2}${q2b}${w7}>${w8}${mark}${w9}${close}`);
    const out = new Int32Array(5);
    fc.assert(
      fc.property(fc.oneof(anchor, nearAnchor, nearAnchor, fc.constantFrom("<a id='par1' href='#par1'>¶</a>", '<a  id = "p" \n href=\'x\' > &para; </a>', "<a id='a' href='b'></a>")), (text) => {
        if (!text.startsWith('<a')) text = '<a' + text;
        ANCHOR_RE.lastIndex = 0;
        const m = ANCHOR_RE.exec(text);
        const ok = matchAnchor(text, 0, out);
        assert.equal(ok, m !== null, JSON.stringify(text));
        if (m) assert.deepEqual([...out], [m[0].length, m.indices![2][0], m.indices![2][1], m.indices![4][0], m.indices![4][1]], JSON.stringify(text));
      }),
      { numRuns: 20000, seed: 42 },
    );
  });
});
