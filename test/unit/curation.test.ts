import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { URI, analysisOf, corpusFiles, corpusText, nth, seedText, serviceFor } from '../helpers';

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

/**
 * The untagged occurrences found by a plain search: at each word start outside
 * tags, anchors and the TAGS line, the longest tagged form (or its capitals)
 * written there as whole words, then on after it.
 */
function untaggedByPlainSearch(text: string): Array<[number, number]> {
  const { doc } = analysisOf(text);
  const isWord = (i: number) => i >= 0 && i < text.length && /[\p{L}\p{N}]/u.test(text[i]);
  const forms = new Set<string>();
  for (const m of doc.mentions) {
    if (m.closeSpan === undefined || m.nested || m.containsTag || m.text.length === 0) continue;
    for (const f of [m.text, m.text.toUpperCase()]) if (f.length >= 2 && isWordAt(f, 0)) forms.add(f);
  }
  const byLength = [...forms].sort((a, b) => b.length - a.length);
  const excluded = [
    ...doc.mentions.map((m) => m.span),
    ...doc.paragraphs.map((p) => p.anchorSpan),
    ...doc.header.filter((f) => f.kind === 'tags').map((f) => ({ start: f.labelSpan.start, end: f.valueSpan.end })),
  ];
  const inside = (i: number) => excluded.find((s) => s.start <= i && i < s.end);
  const startsWithin = (from: number, to: number) => excluded.some((s) => s.start > from && s.start < to);
  const found: Array<[number, number]> = [];
  let i = doc.body.start;
  while (i < doc.body.end) {
    if (!isWord(i)) {
      i++;
      continue;
    }
    let j = i;
    while (j < doc.body.end && isWord(j)) j++;
    const span = inside(i);
    if (span) {
      i = Math.max(j, span.end);
      continue;
    }
    const form = byLength.find((f) => text.startsWith(f, i) && !isWord(i + f.length) && !startsWithin(i, i + f.length) && !isWordAt(f, j - i));
    if (form) {
      found.push([i, i + form.length]);
      i += form.length;
    } else {
      i = j;
    }
  }
  return found;
}

function isWordAt(s: string, i: number): boolean {
  return i < s.length && /[\p{L}\p{N}]/u.test(s[i]);
}

describe('entity-untagged-mention against a plain search', () => {
  it('every corpus cable: the same occurrences as the longest-form search above', function () {
    this.timeout(120000);
    let total = 0;
    for (const file of corpusFiles()) {
      const text = corpusText(path.basename(file));
      const found = codes(text, 'entity-untagged-mention').map((d): [number, number] => [d.span.start, d.span.end]);
      assert.deepEqual(found, untaggedByPlainSearch(text), path.basename(file));
      total += found.length;
    }
    assert.ok(total > 1000, `${total} occurrences`);
  });
});
