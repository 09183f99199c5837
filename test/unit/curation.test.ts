import * as assert from 'node:assert/strict';
import { URI, analysisOf, corpusText, nth, seedText, serviceFor } from '../helpers';

const codes = (text: string, code: string) => serviceFor(text).diagnostics(URI).filter((d) => d.code === code);

describe('entity-type-conflict', () => {
  const seed = seedText();
  const conflicts = codes(seed, 'entity-type-conflict');
  const covered = conflicts.map((d) => seed.slice(d.span.start, d.span.end));

  it('the seed: Ford as ORG against the person Andrew Ford, CCW as ORG against LOC, UK’s as MISC', () => {
    assert.deepEqual(covered.sort(), ['[MISC UK’s  ]', '[MISC UK’s  ]', '[ORG CCW  ]', '[ORG CCW  ]', '[ORG Ford  ]', '[ORG Ford  ]', '[ORG Ford  ]'].sort());
  });

  it('names the majority type and points to the other mentions', () => {
    const ford = conflicts.find((d) => seed.slice(d.span.start, d.span.end) === '[ORG Ford  ]')!;
    assert.equal(ford.message, '"Ford" is tagged ORG here, but "Andrew Ford" is taken as PER (Person), the type of its full name, though the majority of its tags is ORG (ORG ×3, PER ×2). Retype it, or retype all mentions.');
    assert.equal(ford.severity, 'warning');
    assert.equal(ford.related!.length, 4);
    assert.ok(ford.related!.some((r) => seed.slice(r.span.start, r.span.end) === '[PER Andrew Ford  ]'));
    const ccw = conflicts.find((d) => seed.slice(d.span.start, d.span.end) === '[ORG CCW  ]')!;
    assert.match(ccw.message, /"CCW" is tagged ORG here, but the majority type of "CCW" in this cable is LOC \(Location\): LOC ×8, ORG ×2\./);
  });

  it('one diagnostic per minority mention only', () => {
    assert.deepEqual(codes('[ORG NATO  ] [ORG NATO  ] [LOC NATO  ]', 'entity-type-conflict').length, 1);
    assert.deepEqual(codes('[ORG NATO  ] [ORG Nato  ]', 'entity-type-conflict'), []);
  });

  it('a corpus cable', () => {
    const text = corpusText('09MOSCOW2734.cable');
    for (const d of codes(text, 'entity-type-conflict')) assert.match(text.slice(d.span.start, d.span.end), /^\[[A-Z]+ .*\]$/);
  });
});

describe('entity-untagged-mention', () => {
  const seed = seedText();
  const untagged = codes(seed, 'entity-untagged-mention');
  const covered = untagged.map((d) => seed.slice(d.span.start, d.span.end));

  it('the seed: CCM, PM/WRA, U.S. and UK occur untagged', () => {
    for (const form of ['CCM', 'PM/WRA', 'U.S.', 'UK']) assert.ok(covered.includes(form), form);
    assert.equal(untagged[0].severity, 'information');
    assert.equal(seed.slice(untagged[0].span.start - 9, untagged[0].span.end + 3), 'SUBJECT: U.S.-UK');
  });

  it('whole words only; the TAGS line and text inside tags do not count', () => {
    const text = 'UNCLASSIFIED TAGS PREL , UK SUBJECT: TEST\n[LOC UK  ] and UKRAINE and [ORG UK Embassy  ] and UK .';
    const found = codes(text, 'entity-untagged-mention');
    assert.deepEqual(found.map((d) => d.span.start), [text.lastIndexOf('UK')]);
  });

  it('an all-caps occurrence of a mixed-case name counts', () => {
    const text = '[PER Steven Costner  ] spoke . STEVEN COSTNER signed .';
    assert.deepEqual(codes(text, 'entity-untagged-mention').map((d) => text.slice(d.span.start, d.span.end)), ['STEVEN COSTNER']);
  });

  it('a corpus cable: every finding is untagged text equal to a tagged form', () => {
    const text = corpusText('10ROME1.cable');
    const found = codes(text, 'entity-untagged-mention');
    assert.ok(found.length > 0);
    const service = serviceFor(text);
    const forms = new Set(analysisOf(text).doc.mentions.flatMap((m) => [m.text, m.text.toUpperCase()]));
    for (const d of found) {
      assert.ok(forms.has(text.slice(d.span.start, d.span.end)));
      assert.equal(service.hover(URI, d.span.start), undefined, 'not inside a tag');
    }
    assert.ok(nth(text, 'Berlusconi') >= 0);
  });
});
