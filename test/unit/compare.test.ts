import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  CompareError,
  acceptTheirsEdits,
  alignTexts,
  applyEdits,
  compareCables,
  compareReport,
  formatMarkdown,
  formatStylish,
  mapOffset,
  matchSpans,
  newTally,
  scoreTable,
  tallyPairs,
  untaggedCable,
} from '../../server/src/core';
import { Counts, SchemeScore } from '../../server/src/core/compare/scores';
import { TypedSpan } from '../../server/src/core/compare/match';
import { untaggedText } from '../../server/src/core/edits';
import { parseCable } from '../../server/src/core/parser';
import { corpusText, seedText } from '../helpers';

/** A small cable around a body of tagged text. */
const cable = (body: string) => `<code><pre>UNCLASSIFIED SUBJECT: TEST\n${body}\n</pre></code>\n`;

type Expected = [correct: number, incorrect: number, partial: number, missed: number, spurious: number, precision: number, recall: number, f1: number];

function assertScheme(actual: SchemeScore, expected: Expected, what: string): void {
  const [correct, incorrect, partial, missed, spurious, precision, recall, f1] = expected;
  const counts: Counts = { correct: actual.correct, incorrect: actual.incorrect, partial: actual.partial, missed: actual.missed, spurious: actual.spurious };
  assert.deepEqual(counts, { correct, incorrect, partial, missed, spurious }, `${what}: counts`);
  assert.equal(actual.possible, correct + incorrect + partial + missed, `${what}: possible`);
  assert.equal(actual.actual, correct + incorrect + partial + spurious, `${what}: actual`);
  for (const [name, got, want] of [
    ['precision', actual.precision, precision],
    ['recall', actual.recall, recall],
    ['f1', actual.f1, f1],
  ] as const) {
    assert.ok(Math.abs(got - want) < 1e-9, `${what}: ${name} ${got} ≠ ${want}`);
  }
}

function scoresOf(a: string, b: string) {
  const c = compareCables(cable(a), cable(b));
  const table = scoreTable(c.tally, ['PER', 'ORG', 'LOC', 'MISC']);
  return { c, table };
}

interface Case {
  name: string;
  a: string;
  b: string;
  kinds: string[];
  strict: Expected;
  exact: Expected;
  partial: Expected;
  type: Expected;
}

// Counts and scores worked out by hand from the table in scores.ts.
const CASES: Case[] = [
  {
    name: 'identical',
    a: '[PER Bob Smith  ] met [ORG NATO  ] in [LOC Paris  ] .',
    b: '[PER Bob Smith  ] met [ORG NATO  ] in [LOC Paris  ] .',
    kinds: [],
    strict: [3, 0, 0, 0, 0, 1, 1, 1],
    exact: [3, 0, 0, 0, 0, 1, 1, 1],
    partial: [3, 0, 0, 0, 0, 1, 1, 1],
    type: [3, 0, 0, 0, 0, 1, 1, 1],
  },
  {
    name: 'identical and empty: 1.0 by definition',
    a: 'Nobody met anybody .',
    b: 'Nobody met anybody .',
    kinds: [],
    strict: [0, 0, 0, 0, 0, 1, 1, 1],
    exact: [0, 0, 0, 0, 0, 1, 1, 1],
    partial: [0, 0, 0, 0, 0, 1, 1, 1],
    type: [0, 0, 0, 0, 0, 1, 1, 1],
  },
  {
    name: 'tag spacing is no difference',
    a: '[PER Bob  ] met [ORG NATO  ] .',
    b: '[PER Bob ] met [ORG  NATO    ] .',
    kinds: [],
    strict: [2, 0, 0, 0, 0, 1, 1, 1],
    exact: [2, 0, 0, 0, 0, 1, 1, 1],
    partial: [2, 0, 0, 0, 0, 1, 1, 1],
    type: [2, 0, 0, 0, 0, 1, 1, 1],
  },
  {
    name: 'retyped',
    a: 'Mr [PER Ford  ] spoke .',
    b: 'Mr [ORG Ford  ] spoke .',
    kinds: ['retyped'],
    strict: [0, 1, 0, 0, 0, 0, 0, 0],
    exact: [1, 0, 0, 0, 0, 1, 1, 1],
    partial: [1, 0, 0, 0, 0, 1, 1, 1],
    type: [0, 1, 0, 0, 0, 0, 0, 0],
  },
  {
    name: 're-bounded (partial credit)',
    a: 'Mr [PER Andrew Ford  ] spoke .',
    b: 'Mr Andrew [PER Ford  ] spoke .',
    kinds: ['rebounded'],
    strict: [0, 1, 0, 0, 0, 0, 0, 0],
    exact: [0, 1, 0, 0, 0, 0, 0, 0],
    partial: [0, 0, 1, 0, 0, 0.5, 0.5, 0.5],
    type: [1, 0, 0, 0, 0, 1, 1, 1],
  },
  {
    name: 're-bounded and retyped',
    a: 'Mr [PER Andrew Ford  ] spoke .',
    b: 'Mr Andrew [ORG Ford  ] spoke .',
    kinds: ['rebounded-retyped'],
    strict: [0, 1, 0, 0, 0, 0, 0, 0],
    exact: [0, 1, 0, 0, 0, 0, 0, 0],
    partial: [0, 0, 1, 0, 0, 0.5, 0.5, 0.5],
    type: [0, 1, 0, 0, 0, 0, 0, 0],
  },
  {
    name: 'removed (missed): precision 0 with nothing predicted',
    a: 'In [LOC Paris  ] today .',
    b: 'In Paris today .',
    kinds: ['removed'],
    strict: [0, 0, 0, 1, 0, 0, 0, 0],
    exact: [0, 0, 0, 1, 0, 0, 0, 0],
    partial: [0, 0, 0, 1, 0, 0, 0, 0],
    type: [0, 0, 0, 1, 0, 0, 0, 0],
  },
  {
    name: 'added (spurious): recall 0 with nothing to find',
    a: 'In Paris today .',
    b: 'In [LOC Paris  ] today .',
    kinds: ['added'],
    strict: [0, 0, 0, 0, 1, 0, 0, 0],
    exact: [0, 0, 0, 0, 1, 0, 0, 0],
    partial: [0, 0, 0, 0, 1, 0, 0, 0],
    type: [0, 0, 0, 0, 1, 0, 0, 0],
  },
  {
    // strict: COR French; INC Bob, NATO; MIS Paris; SPU EU → P = R = 1/4.
    // exact: COR French, NATO; INC Bob → 2/4. partial: COR 2, PAR 1 → 2.5/4.
    // type: COR French, Bob; INC NATO → 2/4.
    name: 'every kind at once',
    a: '[PER Bob Smith  ] met [ORG NATO  ] in [LOC Paris  ] , [MISC French  ] and EU agree .',
    b: '[PER Bob  ] Smith met [LOC NATO  ] in Paris , [MISC French  ] and [ORG EU  ] agree .',
    kinds: ['rebounded', 'retyped', 'removed', 'added'],
    strict: [1, 2, 0, 1, 1, 0.25, 0.25, 0.25],
    exact: [2, 1, 0, 1, 1, 0.5, 0.5, 0.5],
    partial: [2, 0, 1, 1, 1, 0.625, 0.625, 0.625],
    type: [2, 1, 0, 1, 1, 0.5, 0.5, 0.5],
  },
  {
    // B's span overlaps both of A's adjacent spans equally: it pairs with the first, the second is missed.
    // partial: PAR 1, MIS 1 → P = 0.5/1, R = 0.5/2, F1 = 1/3. type: COR 1, MIS 1 → P 1, R 1/2, F1 2/3.
    name: 'adjacent spans joined',
    a: 'The [ORG Foo  ] [ORG Bar  ] firm .',
    b: 'The [ORG Foo Bar  ] firm .',
    kinds: ['rebounded', 'removed'],
    strict: [0, 1, 0, 1, 0, 0, 0, 0],
    exact: [0, 1, 0, 1, 0, 0, 0, 0],
    partial: [0, 0, 1, 1, 0, 0.5, 0.25, 1 / 3],
    type: [1, 0, 0, 1, 0, 1, 0.5, 2 / 3],
  },
  {
    // partial: PAR 1, SPU 1 → P = 0.5/2, R = 0.5/1, F1 = 1/3. type: COR 1, SPU 1 → P 1/2, R 1, F1 2/3.
    name: 'one span split in two',
    a: 'The [ORG Foo Bar  ] firm .',
    b: 'The [ORG Foo  ] [ORG Bar  ] firm .',
    kinds: ['rebounded', 'added'],
    strict: [0, 1, 0, 0, 1, 0, 0, 0],
    exact: [0, 1, 0, 0, 1, 0, 0, 0],
    partial: [0, 0, 1, 0, 1, 0.25, 0.5, 1 / 3],
    type: [1, 0, 0, 0, 1, 0.5, 1, 2 / 3],
  },
  {
    name: 'nested-looking: a span inside the other, with ’',
    a: 'The [MISC UK’s  ] view .',
    b: 'The [LOC UK  ]’s view .',
    kinds: ['rebounded-retyped'],
    strict: [0, 1, 0, 0, 0, 0, 0, 0],
    exact: [0, 1, 0, 0, 0, 0, 0, 0],
    partial: [0, 0, 1, 0, 0, 0.5, 0.5, 0.5],
    type: [0, 1, 0, 0, 0, 0, 0, 0],
  },
  {
    // The ORG span inside A's ORG span pairs with it (same type first); LOC England is spurious.
    name: 'nested-looking: a name cut in two types',
    a: 'The [ORG Bank of England  ] said .',
    b: 'The [ORG Bank  ] of [LOC England  ] said .',
    kinds: ['rebounded', 'added'],
    strict: [0, 1, 0, 0, 1, 0, 0, 0],
    exact: [0, 1, 0, 0, 1, 0, 0, 0],
    partial: [0, 0, 1, 0, 1, 0.25, 0.5, 1 / 3],
    type: [1, 0, 0, 0, 1, 0.5, 1, 2 / 3],
  },
  {
    // A's span overlaps an ORG and a PER span of B: the same type wins the pair, whatever the overlap.
    name: 'ties: the same type pairs first',
    a: 'Then [PER John Smith  ] left .',
    b: 'Then [ORG John  ] [PER Smith  ] left .',
    kinds: ['rebounded', 'added'],
    strict: [0, 1, 0, 0, 1, 0, 0, 0],
    exact: [0, 1, 0, 0, 1, 0, 0, 0],
    partial: [0, 0, 1, 0, 1, 0.25, 0.5, 1 / 3],
    type: [1, 0, 0, 0, 1, 0.5, 1, 2 / 3],
  },
  {
    name: 'ties: the same text twice, one retyped',
    a: '[PER Bob  ] and [PER Bob  ] .',
    b: '[PER Bob  ] and [ORG Bob  ] .',
    kinds: ['retyped'],
    strict: [1, 1, 0, 0, 0, 0.5, 0.5, 0.5],
    exact: [2, 0, 0, 0, 0, 1, 1, 1],
    partial: [2, 0, 0, 0, 0, 1, 1, 1],
    type: [1, 1, 0, 0, 0, 0.5, 0.5, 0.5],
  },
];

describe('compare: the untagged text is the one every edit keeps', () => {
  it('the same as untaggedText, also for a tag broken across a line and a tag holding a tag', () => {
    const cases: Array<[string, string]> = [
      ['UNCLAS CDA [PER Larry Dinger\n  ] briefed .\n', 'UNCLAS CDA Larry Dinger\n briefed .\n'],
      ['UNCLAS [PER Larry\nDinger  ] b', 'UNCLAS Larry\nDinger b'],
      ['A [PER Bob [ORG X  ] and  ] z', 'A Bob X and z'],
    ];
    for (const [tagged, untagged] of cases) {
      assert.equal(untaggedCable(tagged).text, untagged, JSON.stringify(tagged));
      assert.equal(untaggedText(parseCable(tagged)), untagged, JSON.stringify(tagged));
    }
  });
});

describe('compare: differences and scores (nervaluate schemes)', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const { c: comparison, table } = scoresOf(c.a, c.b);
      assert.deepEqual(
        comparison.differences.map((d) => d.kind),
        c.kinds,
      );
      assertScheme(table.overall.strict, c.strict, 'strict');
      assertScheme(table.overall.exact, c.exact, 'exact');
      assertScheme(table.overall.partial, c.partial, 'partial');
      assertScheme(table.overall.type, c.type, 'type');
    });
  }

  it('per type: pairs and misses count under A’s type, spurious entities under B’s', () => {
    const { table } = scoresOf(CASES[8].a, CASES[8].b);
    // PER: Bob re-bounded (INC). ORG: NATO retyped (INC, A's type) and EU spurious (B's type). LOC: Paris missed. MISC: French.
    assertScheme(table.byType.PER.strict, [0, 1, 0, 0, 0, 0, 0, 0], 'PER');
    assertScheme(table.byType.ORG.strict, [0, 1, 0, 0, 1, 0, 0, 0], 'ORG');
    assertScheme(table.byType.LOC.strict, [0, 0, 0, 1, 0, 0, 0, 0], 'LOC');
    assertScheme(table.byType.MISC.strict, [1, 0, 0, 0, 0, 1, 1, 1], 'MISC');
    assertScheme(table.byType.PER.type, [1, 0, 0, 0, 0, 1, 1, 1], 'PER type');
    // The per-type counts add up to the overall counts.
    for (const scheme of ['strict', 'exact', 'partial', 'type'] as const) {
      for (const k of ['correct', 'incorrect', 'partial', 'missed', 'spurious'] as const) {
        const sum = Object.values(table.byType).reduce((n, s) => n + s[scheme][k], 0);
        assert.equal(sum, table.overall[scheme][k], `${scheme} ${k}`);
      }
    }
  });

  it('token kappa: 12 tokens, 8 alike, worked out by hand', () => {
    // A: PER PER O ORG O LOC O MISC O O O O; B: PER O O LOC O O O MISC O ORG O O.
    // po = 8/12; pe = (2·1 + 1·1 + 1·1 + 1·1 + 7·8) / 144 = 61/144; kappa = (96 − 61) / (144 − 61) = 35/83.
    const text = 'Bob Smith met NATO in Paris , French and EU agree .';
    const a = text.replace('Bob Smith', '[PER Bob Smith  ]').replace('NATO', '[ORG NATO  ]').replace('Paris', '[LOC Paris  ]').replace('French', '[MISC French  ]');
    const b = text.replace('Bob', '[PER Bob  ]').replace('NATO', '[LOC NATO  ]').replace('French', '[MISC French  ]').replace('EU', '[ORG EU  ]');
    const report = compareReport({ names: ['a', 'b'], labels: { a: 'a', b: 'b' }, files: [{ file: 'x', comparison: compareCables(a, b) }], entityTypes: [] });
    assert.equal(report.tokens, 12);
    assert.ok(Math.abs(report.kappa - 35 / 83) < 1e-6, `${report.kappa}`);
  });

  it('identical inputs score 1.0 in every scheme and type, kappa 1 (the seed)', () => {
    const seed = seedText();
    const c = compareCables(seed, seed);
    assert.equal(c.differences.length, 0);
    assert.equal(c.textChanges.length, 0);
    assert.ok(c.alignment.identical);
    const table = scoreTable(c.tally, ['PER', 'ORG', 'LOC', 'MISC']);
    for (const scores of [table.overall, ...Object.values(table.byType)]) {
      for (const scheme of ['strict', 'exact', 'partial', 'type'] as const) {
        assert.equal(scores[scheme].precision, 1);
        assert.equal(scores[scheme].recall, 1);
        assert.equal(scores[scheme].f1, 1);
      }
    }
    assert.equal(table.overall.strict.correct, parseCable(seed).mentions.filter((m) => m.text.length > 0).length);
    const report = compareReport({ names: ['a', 'b'], labels: { a: 'a', b: 'b' }, files: [{ file: 'seed', comparison: c }], entityTypes: ['PER'] });
    assert.equal(report.kappa, 1);
  });

  it('each difference has its place in both versions (lines, columns, texts, types)', () => {
    const a = cable('first line\nMr [PER Andrew Ford  ] spoke .');
    const b = cable('first line\nA new line with [LOC Rome  ] .\nMr Andrew [ORG Ford  ] spoke .');
    const c = compareCables(a, b);
    const report = compareReport({ names: ['a', 'b'], labels: { a: 'A', b: 'B' }, files: [{ file: 'x.cable', comparison: c }], entityTypes: [] });
    assert.deepEqual(report.differences, [
      // Rome is in text A does not have: its place in A is where that text would be.
      { kind: 'added', file: 'x.cable', type: 'LOC', a: { line: 3, column: 1, endLine: 3, endColumn: 1, text: '', type: null }, b: { line: 3, column: 22, endLine: 3, endColumn: 26, text: 'Rome', type: 'LOC' } },
      { kind: 'rebounded-retyped', file: 'x.cable', type: 'ORG', a: { line: 3, column: 9, endLine: 3, endColumn: 20, text: 'Andrew Ford', type: 'PER' }, b: { line: 4, column: 16, endLine: 4, endColumn: 20, text: 'Ford', type: 'ORG' } },
    ]);
    assert.deepEqual(report.textChanges, [{ file: 'x.cable', a: { line: 3, column: 1, endLine: 3, endColumn: 1, text: '' }, b: { line: 3, column: 1, endLine: 4, endColumn: 1, text: 'A new line with Rome .\n' } }]);
  });
});

describe('compare: the order of spans never changes the scores', () => {
  const typed = fc.record({ start: fc.nat(60), length: fc.integer({ min: 1, max: 12 }), type: fc.constantFrom('PER', 'ORG', 'LOC', 'MISC') }).map((s) => ({ start: s.start, end: s.start + s.length, type: s.type }));
  it('shuffling A’s and B’s spans gives the same counts in every scheme and type', () => {
    fc.assert(
      fc.property(fc.array(typed, { maxLength: 14 }), fc.array(typed, { maxLength: 14 }), fc.integer(), (a, b, seed) => {
        const shuffle = <T>(xs: T[]) => {
          const out = [...xs];
          let s = seed;
          for (let i = out.length - 1; i > 0; i--) {
            s = (s * 1103515245 + 12345) & 0x7fffffff;
            const j = s % (i + 1);
            [out[i], out[j]] = [out[j], out[i]];
          }
          return out;
        };
        const score = (x: TypedSpan[], y: TypedSpan[]) => {
          const tally = newTally();
          tallyPairs(tally, matchSpans(x, y), x, y);
          return scoreTable(tally, ['PER', 'ORG', 'LOC', 'MISC']);
        };
        assert.deepEqual(score(shuffle(a), shuffle(b)), score(a, b));
        assert.deepEqual(score([...a].reverse(), [...b].reverse()), score(a, b));
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 300) },
    );
  });

  it('every span is paired at most once, and every span is accounted for', () => {
    fc.assert(
      fc.property(fc.array(typed, { maxLength: 14 }), fc.array(typed, { maxLength: 14 }), (a, b) => {
        const pairs = matchSpans(a, b);
        const as = pairs.filter((p) => p.a !== undefined).map((p) => p.a);
        const bs = pairs.filter((p) => p.b !== undefined).map((p) => p.b);
        assert.equal(new Set(as).size, a.length);
        assert.equal(as.length, a.length);
        assert.equal(new Set(bs).size, b.length);
        assert.equal(bs.length, b.length);
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 200) },
    );
  });
});

describe('compare: aligning texts that differ', () => {
  it('a fixed typo is a text change; the annotations around it still pair', () => {
    const a = cable('[PER Pickerd  ] met [ORG NATO  ] in [LOC Brussels  ] .');
    const b = cable('[PER Pickard  ] met [LOC NATO  ] in [LOC Brussels  ] .');
    const c = compareCables(a, b);
    assert.deepEqual(
      c.textChanges.map((t) => [t.a.text, t.b.text]),
      [['Pickerd', 'Pickard']],
    );
    assert.deepEqual(
      c.differences.map((d) => [d.kind, d.a.text, d.b.text]),
      [['retyped', 'NATO', 'NATO']],
    );
    assert.equal(scoreTable(c.tally).overall.strict.correct, 2);
  });

  it('inserted and deleted sentences shift offsets without breaking the pairs', () => {
    const body = (extra: string) => `[PER Bob  ] left .\n${extra}[ORG NATO  ] met in [LOC Rome  ] .\nThe end with [MISC French  ] wine .`;
    const a = cable(body(''));
    const b = cable(body('A whole new sentence about nothing , with more words than before .\n'));
    const c = compareCables(a, b);
    assert.equal(c.differences.length, 0);
    assert.equal(c.textChanges.length, 1);
    assert.equal(scoreTable(c.tally).overall.strict.f1, 1);
    const back = compareCables(b, a);
    assert.equal(back.differences.length, 0);
  });

  it('line ends alone (CRLF against LF) are no text change; a joined line is one', () => {
    const seed = seedText();
    const crlf = compareCables(seed, seed.replace(/\n/g, '\r\n'));
    assert.deepEqual(crlf.textChanges, []);
    assert.deepEqual(crlf.differences, []);
    const lines = seed.split('\n');
    lines.splice(2, 2, lines[2] + lines[3]);
    const joined = compareCables(seed, lines.join('\n'));
    assert.deepEqual(
      joined.textChanges.map((t) => [t.a.text, t.b.text]),
      [['\n', '']],
    );
    assert.deepEqual(joined.differences, []);
  });

  it('the largest unrelated cables are told apart quickly', () => {
    const started = Date.now();
    const a = untaggedCable(corpusText('10STATE17263.cable')).text;
    const b = untaggedCable(corpusText('06MOSCOW5645.cable')).text;
    const al = alignTexts(a, b);
    assert.equal(al.related, false);
    assert.ok(Date.now() - started < 5000, `${Date.now() - started} ms`);
  });

  it('offsets map through the segments, both ways', () => {
    const al = alignTexts('The cat sat on the mat .', 'The big cat sat on a mat .');
    assert.ok(al.related && !al.identical);
    // "cat" in B (4..7 after "The big ") is 4..7 in A.
    assert.equal(mapOffset(al, 8, 'b', 'start'), 4);
    assert.equal(mapOffset(al, 11, 'b', 'end'), 7);
    // "mat" (A 19..22, B 21..24)
    assert.equal(mapOffset(al, 19, 'a', 'start'), 21);
    assert.equal(mapOffset(al, 22, 'a', 'end'), 24);
    // "big " exists only in B: it maps to an empty place in A.
    assert.equal(mapOffset(al, 4, 'b', 'start'), 4);
    assert.equal(mapOffset(al, 8, 'b', 'end'), 4);
  });

  it('unrelated texts are refused with a clear reason', () => {
    const a = seedText();
    const b = corpusText('05PARIS104.cable');
    assert.throws(
      () => compareCables(a, b),
      (e: unknown) => e instanceof CompareError && e.kind === 'unrelated' && /unrelated: the untagged texts have only \d+% of their characters in common/.test(e.message),
    );
  });

  it('without alignment, differing texts are an error that says where', () => {
    const a = cable('[PER Bob  ] met .');
    const b = cable('[PER Bob  ] meets .');
    assert.throws(
      () => compareCables(a, b, { align: false }),
      (e: unknown) => e instanceof CompareError && e.kind === 'texts-differ' && /first at line 2, column \d+/.test(e.message),
    );
    // Tag spacing alone is not a text difference.
    assert.equal(compareCables(a, cable('[PER Bob ] met .'), { align: false }).differences.length, 0);
  });

  it('the seed against a copy with a changed paragraph: CRLF line ends, ¶, non-BMP characters', () => {
    const seed = seedText();
    const b = seed.replace(/\n/g, '\r\n').replace('[PER Miliband  ]', '[ORG Miliband  ] 😀');
    const c = compareCables(seed, b);
    assert.ok(!c.alignment.identical && c.alignment.related);
    assert.ok(c.textChanges.length > 0);
    const retyped = c.differences.filter((d) => d.kind === 'retyped');
    assert.deepEqual(
      retyped.map((d) => [d.a.text, d.a.type, d.b.type]),
      [['Miliband', 'PER', 'ORG']],
    );
    assert.equal(c.differences.length, 1);
    // The B side's offsets point at the tag's text in B.
    assert.equal(b.slice(retyped[0].b.span.start, retyped[0].b.span.end), 'Miliband');
  });
});

describe('compare: accept theirs keeps the untagged text', () => {
  const seed = seedText();
  const perturbed = seed
    .replace('[PER Miliband  ]', '[ORG Miliband  ]')
    .replace('[ORG FCO  ]', 'FCO')
    .replace('[ORG Department and DoD  ]', '[ORG Department  ] and [ORG DoD  ]')
    .replace('cluster munitions issue', '[MISC cluster munitions  ] issue')
    .replace('[LOC United Kingdom Foreign  ] and [ORG Commonwealth Office  ]', '[ORG United Kingdom Foreign and Commonwealth Office  ]')
    .replace('Secretary [PER Clinton  ]', '[ORG Secretary Clinton  ]');

  it('accepting every difference makes A’s tags equal B’s', () => {
    const c = compareCables(seed, perturbed);
    assert.deepEqual([...new Set(c.differences.map((d) => d.kind))].sort(), ['added', 'rebounded', 'rebounded-retyped', 'removed', 'retyped']);
    const out = applyEdits(seed, acceptTheirsEdits(c, c.differences));
    assert.equal(untaggedText(parseCable(out)), untaggedText(parseCable(seed)));
    assert.equal(compareCables(out, perturbed).differences.length, 0);
  });

  it('accepting one difference settles it and only it', () => {
    const c = compareCables(seed, perturbed);
    for (const d of c.differences) {
      const out = applyEdits(seed, acceptTheirsEdits(c, [d]));
      assert.equal(untaggedText(parseCable(out)), untaggedText(parseCable(seed)), d.kind);
      const after = compareCables(out, perturbed);
      assert.ok(after.differences.length < c.differences.length, `${d.kind} ${d.a.text}`);
      assert.ok(!after.differences.some((x) => x.kind === d.kind && x.b.untagged.start === d.b.untagged.start && x.b.type === d.b.type), `${d.kind} still there`);
    }
  });

  it('accept theirs follows the file’s closing convention', () => {
    const a = cable('[PER Bob ] met [ORG NATO ] .');
    const b = cable('[PER Bob  ] met [LOC NATO  ] .');
    const c = compareCables(a, b);
    assert.equal(applyEdits(a, acceptTheirsEdits(c, c.differences)), cable('[PER Bob ] met [LOC NATO ] .'));
  });
});

describe('compare: reports', () => {
  it('stylish and markdown carry the table and every difference', () => {
    const c = compareCables(cable(CASES[8].a), cable(CASES[8].b));
    const report = compareReport({ names: ['gold', 'pred'], labels: { a: 'gold/', b: 'pred/' }, files: [{ file: 'x.cable', comparison: c }], entityTypes: ['PER', 'ORG', 'LOC', 'MISC'] });
    assert.deepEqual(Object.keys(report.sides), ['gold', 'pred']);
    assert.deepEqual(Object.keys(report.differences[0]), ['kind', 'file', 'type', 'gold', 'pred']);
    const stylish = formatStylish(report);
    assert.match(stylish, /^strict +1 +2 +0 +1 +1 +0\.250 +0\.250 +0\.250$/m);
    assert.match(stylish, /^partial +2 +0 +1 +1 +1 +0\.625 +0\.625 +0\.625$/m);
    assert.match(stylish, /^ {2}2:6 +re-bounded +\[PER Bob Smith\] → \[PER Bob\] +\(pred 2:6\)$/m);
    assert.match(stylish, /✖ 4 differences in 1 of 1 cable · strict F1 0\.250/);
    const md = formatMarkdown(report);
    assert.match(md, /\| scheme \| correct \| incorrect \| partial \| missed \| spurious \| precision \| recall \| F1 \|/);
    assert.match(md, /\| strict \| 1 \| 2 \| 0 \| 1 \| 1 \| 0\.250 \| 0\.250 \| 0\.250 \|/);
    assert.match(md, /\| x\.cable \| 2 \| retyped \| \\\[ORG NATO\\\] \| \\\[LOC NATO\\\] \|/);
  });
});
