// What the index keeps of a cable (`service.summary`): its entities with
// their mentions' text spans, and its line starts; and malformed text.

import * as assert from 'node:assert/strict';
import { indexBehind } from '../../../server/src/core/service';
import { corpusCables, fixture, positionOf, seedCable } from '../../fixture';

/** Text spans of the entity tags a regex finds, in text order. */
function tagTexts(text: string): Array<[number, number]> {
  return [...text.matchAll(/\[([A-Z]+) ( *)([^\[\]\n]*?) *\]/g)].map((m) => {
    const start = m.index! + 1 + m[1].length + 1 + m[2].length;
    return [start, start + m[3].length];
  });
}

/** Line starts after `\r\n`, `\r` and `\n`. */
const lineStarts = (text: string) => [0, ...[...text.matchAll(/\r\n|\r|\n/g)].map((m) => m.index! + m[0].length)];

/** FNV-1a: offset basis 2166136261, prime 16777619, as a signed 32-bit number. */
function fnv1a(text: string): number {
  let h = 2166136261n;
  for (const unit of Array.from({ length: text.length }, (_, i) => text.charCodeAt(i))) h = ((h ^ BigInt(unit)) * 16777619n) % 2n ** 32n;
  return Number(BigInt.asIntN(32, h));
}

describe('index: summaries', () => {
  it('a cable’s entities in order of first mention, their mentions, definitions and line starts', () => {
    const f = fixture(`
//- /ws/a.cable
UNCLAS
( U ) [PER <np|Pickard|np>  ] met [LOC <uk|UK|uk>  ] ;
[PER <np|Nicolas Pickard|np>  ] and the [LOC <uk|UK’s|uk>  ] envoy .
`);
    const spans = [...f.group('np'), ...f.group('uk')].flatMap((m) => [m.span.start, m.span.end]);
    assert.deepEqual(spans, [18, 25, 51, 66, 38, 40, 83, 87]);
    // What both kinds of summary hold alike.
    const cable = {
      uri: 'file:///ws/a.cable',
      version: 1,
      keys: ['nicolas pickard', 'uk'],
      names: ['Nicolas Pickard', 'UK'],
      types: ['PER', 'LOC'],
      lineStarts: Int32Array.from([0, 7, 46, 99]),
      length: 99,
    };
    assert.deepEqual(f.service.summary(f.uri('a.cable')), {
      ...cable,
      counts: [2, 2],
      // Nicolas Pickard is defined by its second mention, the full name.
      definitions: [1, 0],
      spans: Int32Array.from(spans),
      // FNV-1a (32-bit, over UTF-16 code units) of each key and name: how the index finds them.
      keyHashes: Int32Array.from(['nicolas pickard', 'uk'], fnv1a),
      nameHashes: Int32Array.from(['Nicolas Pickard', 'UK'], fnv1a),
    });
    assert.equal(f.service.summary('file:///ws/closed-or-unknown.cable'), undefined);
    // Cut to the definitions (a batch run's cross-cable checks): one span per entity, no hashes.
    assert.deepEqual(f.service.summary(f.uri('a.cable'), 'definitions'), { ...cable, counts: [1, 1], definitions: [0, 0], spans: Int32Array.from([51, 66, 38, 40]) });
  });

  it('on the seed and 40 corpus cables: every tag once, and every line start', () => {
    const cables = [seedCable(), ...corpusCables().slice(0, 40)];
    const f = fixture('', { open: cables });
    for (const { uri, text } of cables) {
      const s = f.service.summary(uri)!;
      assert.equal(s.version, 1);
      assert.equal(s.length, text.length);
      const pairs: Array<[number, number]> = [];
      for (let k = 0; k < s.spans.length; k += 2) pairs.push([s.spans[k], s.spans[k + 1]]);
      assert.deepEqual(pairs.sort((a, b) => a[0] - b[0]), tagTexts(text), uri);
      assert.equal(s.counts.reduce((n, c) => n + c, 0), pairs.length);
      assert.deepEqual([...s.lineStarts], lineStarts(text), uri);
    }
  });

  it('never throws on malformed text, and the index takes the result', () => {
    const line = '[PER Ann Lee  ] met [ORG NATO  ] in [LOC Rome  ] . ';
    const big = line.repeat(Math.ceil(1_000_000 / line.length));
    let junk = '';
    for (let i = 0; i < 5000; i++) junk += String.fromCharCode((i * 7919) % 0xffff);
    const inputs: Record<string, string> = {
      empty: '',
      unclosed: 'The [PER Nicolas Pickard met [ORG NATO  ] and [LOC',
      nested: '[ORG [LOC Rome  ] Embassy  ] [ORG  ] ] [ [PRE Bob  ]',
      brackets: ']]]]][[[[[ [PER [PER [PER',
      junk,
      surrogates: '\uD800[PER \uDC00  ] \u0000\uFEFF[LOC 𝐀  ]\r\r\n\n',
      bigLine: big,
      bigJunkLine: 'x'.repeat(1_000_000) + '[PER',
    };
    const f = fixture('', { open: Object.entries(inputs).map(([name, text]) => ({ uri: `file:///bad/${name}.cable`, text })) });
    const index = indexBehind(f.service);
    let mentions = 0;
    const keys = new Set<string>();
    for (const [name, text] of Object.entries(inputs)) {
      const uri = `file:///bad/${name}.cable`;
      const s = f.service.summary(uri)!;
      assert.equal(s.length, text.length, name);
      assert.equal(index.has(uri), true, name);
      mentions += s.spans.length / 2;
      s.keys.forEach((k) => keys.add(k));
      for (const o of index.occurrences(s.keys)) {
        for (const span of o.spans) assert.ok(span.start >= 0 && span.start <= span.end && span.end <= text.length, name);
      }
      assert.deepEqual(index.positionAt(uri, text.length), positionOf(text, text.length), name);
    }
    // The index holds what the summaries hold.
    assert.equal(index.entityCount, keys.size);
    assert.equal(index.mentionCount, mentions);
    assert.equal(index.entity('ann lee')!.mentions, big.split('[PER Ann Lee  ]').length - 1);
    for (const name of Object.keys(inputs)) assert.equal(f.service.removeFromIndex(`file:///bad/${name}.cable`), true);
    assert.deepEqual([index.cableCount, index.entityCount, index.mentionCount], [0, 0, 0]);
  });
});
