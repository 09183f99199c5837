import * as assert from 'node:assert/strict';
import { URI, countOf, nth, seedText, serviceFor, withCursor } from '../helpers';

describe('references, definition, highlights', () => {
  const seed = seedText();
  const service = serviceFor(seed);
  const texts = (spans: Array<{ start: number; end: number }>) => spans.map((s) => seed.slice(s.start, s.end));

  it('references of Pickard list every mention, across paragraphs', () => {
    const refs = service.references(URI, nth(seed, 'Pickard  ]', 5));
    const expected = countOf(seed, '[PER Pickard  ]') + countOf(seed, '[PER Nicolas Pickard  ]');
    assert.equal(refs.length, expected);
    assert.deepEqual(new Set(texts(refs.map((r) => r.span))), new Set(['Nicolas Pickard', 'Pickard']));
    assert.ok(refs.every((r) => r.uri === URI));
    const sorted = [...refs].sort((a, b) => a.span.start - b.span.start);
    assert.deepEqual(refs, sorted);
  });

  it('the same list from any mention of the entity', () => {
    const a = service.references(URI, nth(seed, 'Nicolas Pickard'));
    const b = service.references(URI, nth(seed, '[PER Pickard  ]', 10));
    assert.deepEqual(a, b);
  });

  it('without the declaration when asked', () => {
    const all = service.references(URI, nth(seed, 'Costner  ]'));
    const rest = service.references(URI, nth(seed, 'Costner  ]'), false);
    assert.equal(rest.length, all.length - 1);
    assert.ok(!texts(rest.map((r) => r.span)).includes('STEVEN COSTNER'));
  });

  it('definition goes to the first fullest mention', () => {
    const def = service.definition(URI, nth(seed, '[PER Pickard  ]', 7) + 3)!;
    assert.equal(seed.slice(def.span.start, def.span.end), 'Nicolas Pickard');
    assert.equal(def.span.start, nth(seed, 'Nicolas Pickard'));
  });

  it('highlights mark the mentions', () => {
    const spans = service.highlights(URI, nth(seed, '[LOC Diego Garcia  ]') + 2);
    assert.deepEqual(texts(spans), Array(countOf(seed, '[LOC Diego Garcia  ]')).fill('Diego Garcia'));
  });

  it('a cursor right after the closing bracket still counts; plain text gives nothing', () => {
    const { text, offset } = withCursor('[LOC Rome  ]$0 and [LOC Rome  ]');
    assert.equal(serviceFor(text).references(URI, offset).length, 2);
    const plain = withCursor('[LOC Rome  ] a$0nd [LOC Rome  ]');
    assert.deepEqual(serviceFor(plain.text).references(URI, plain.offset), []);
    assert.equal(serviceFor(plain.text).definition(URI, plain.offset), undefined);
  });

  it('unknown documents give nothing', () => {
    assert.deepEqual(service.references('file:///nope', 0), []);
    assert.equal(service.hover('file:///nope', 0), undefined);
  });
});
