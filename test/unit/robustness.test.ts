// Property-based and pathological inputs: the core never throws, keeps every
// range inside the document, answers the same for the same text, and stays
// linear in the input size.

import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { createLanguageService, InMemoryWorkspace, Span } from '../../server/src/core';
import { corpusText, seedText } from '../helpers';

const URI = 'file:///fuzz.cable';

const PIECES = ['[', ']', '[PER ', '[ORG ', '[Org ', '[PRE ', '  ]', ' ]', "<a id='par3' href='#par3'>¶</a>3 .", "<a id='par9' href='#par2'>¶</a>", '( C )', '( S/NF )', '( CX )', '( U.S. )', '\n', '\r\n', '\r', '\uFEFF', '¶', '’', '𝐀', '\uD800', '\uDC00', '\u0000', '-------', 'TAGS ', 'SUBJECT: ', 'Classified By: ', 'C O N F I D E N T I A L', '<code><pre>', '</pre></code>'];

/** A random edit: insert a piece or random text, or delete a run. */
const edit = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(fc.constantFrom(...PIECES), fc.string({ unit: 'binary', maxLength: 12 }), fc.string({ unit: 'grapheme', maxLength: 12 })) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
);

function applyRandomEdits(text: string, edits: Array<{ kind: 'insert'; at: number; text: string } | { kind: 'delete'; at: number; length: number }>): string {
  let out = text;
  for (const e of edits) {
    const at = out.length === 0 ? 0 : e.at % (out.length + 1);
    out = e.kind === 'insert' ? out.slice(0, at) + e.text + out.slice(at) : out.slice(0, at) + out.slice(at + e.length);
  }
  return out;
}

const inside = (s: Span, length: number) => s.start >= 0 && s.start <= s.end && s.end <= length;

/** Runs every feature on the text and checks ranges; returns a digest for determinism. */
function exercise(text: string, probes: number[]): string {
  const service = createLanguageService(new InMemoryWorkspace({ [URI]: text }));
  const n = text.length;
  const out: unknown[] = [];
  const diagnostics = service.diagnostics(URI);
  for (const d of diagnostics) {
    assert.ok(inside(d.span, n), `diagnostic ${d.code} ${JSON.stringify(d.span)} in ${n}`);
    for (const r of d.related ?? []) assert.ok(inside(r.span, n));
  }
  out.push(diagnostics.map((d) => [d.code, d.span.start, d.span.end]));
  const symbols = service.documentSymbols(URI);
  const walk = (list: typeof symbols) => list.forEach((s) => { assert.ok(inside(s.span, n) && inside(s.selectionSpan, n)); walk(s.children); });
  walk(symbols);
  out.push(symbols.length);
  for (const f of service.foldingRanges(URI)) assert.ok(f.endLine > f.startLine);
  for (const l of service.links(URI)) assert.ok(inside(l.span, n) && inside(l.target, n));
  for (const p of probes) {
    const offset = n === 0 ? 0 : p % (n + 1);
    const hover = service.hover(URI, offset);
    if (hover) assert.ok(inside(hover.span, n));
    for (const r of service.references(URI, offset)) assert.ok(inside(r.span, n));
    for (const h of service.highlights(URI, offset)) assert.ok(inside(h, n));
    const def = service.definition(URI, offset);
    if (def) assert.ok(inside(def.span, n));
    for (const a of service.codeActions(URI, { start: offset, end: Math.min(n, offset + 5) })) for (const e of a.edits) assert.ok(inside(e.span, n));
    for (const c of service.completions(URI, offset)) assert.ok(inside(c.span, n));
    const prepared = service.prepareRename(URI, offset);
    if (prepared) assert.ok(inside(prepared.span, n));
    out.push(hover?.markdown ?? null);
  }
  return JSON.stringify(out);
}

describe('robustness', function () {
  this.timeout(240_000);

  it('random edits of the seed and corpus cables never throw, keep ranges inside, and are deterministic', () => {
    const bases = [seedText(), corpusText('10ROME1.cable'), corpusText('72TEHRAN1164.cable'), corpusText('09KHARTOUM881.cable'), ''];
    fc.assert(
      fc.property(fc.constantFrom(...bases.keys()), fc.array(edit, { maxLength: 12 }), fc.array(fc.nat(), { minLength: 3, maxLength: 6 }), (baseIndex, edits, probes) => {
        const text = applyRandomEdits(bases[baseIndex], edits);
        const first = exercise(text, probes);
        assert.equal(exercise(text, probes), first, 'the same text gives the same result');
      }),
      { numRuns: 150, seed: 20261128 },
    );
  });

  it('line ends, BOM and lone surrogates', () => {
    const seed = seedText();
    for (const text of [seed.replace(/\n/g, '\r\n'), seed.replace(/\n/g, '\r'), `\uFEFF${seed}`, seed.replace(/’/g, '\uD800'), seed.replace(/¶/g, '\uDC00')]) {
      exercise(text, [0, 100, 5000, 9000, text.length]);
    }
  });

  /**
   * CPU seconds of this process for the best of five runs of the full
   * analysis: CPU time, unlike wall time, does not grow when other processes
   * load the machine, so the ratio measures the algorithm.
   */
  function timeOf(text: string, runs = 5): number {
    let best = Infinity;
    for (let i = 0; i < runs; i++) {
      const t0 = cpuMicros();
      const service = createLanguageService(new InMemoryWorkspace({ [URI]: text }));
      service.diagnostics(URI);
      service.documentSymbols(URI);
      service.foldingRanges(URI);
      service.hover(URI, Math.floor(text.length / 2));
      best = Math.min(best, (cpuMicros() - t0) / 1e6);
    }
    return best;
  }

  function cpuMicros(): number {
    const { user, system } = process.cpuUsage();
    return user + system;
  }

  const pathological: Array<[string, (n: number) => string]> = [
    ['a line of [', (n) => '['.repeat(n)],
    ['unclosed tags', (n) => '[PER a\n'.repeat(n / 7)],
    ['[PER  repeated on one line', (n) => '[PER '.repeat(n / 5)],
    ['stray ]', (n) => ' ]'.repeat(n / 2)],
    ['( ( ( (', (n) => '( '.repeat(n / 2)],
    ['NUL bytes', (n) => '\u0000'.repeat(n)],
    ['dash runs', (n) => '--- a '.repeat(n / 6)],
    ['anchors', (n) => "<a id='par1' href='#par1'>¶</a>1 .\n".repeat(n / 35)],
    ['one long line of cable text', (n) => seedText().replace(/\n/g, ' ').repeat(Math.ceil(n / 12000)).slice(0, n)],
  ];

  for (const [name, make] of pathological) {
    it(`${name}: time grows linearly (8× the input: under 20× the time; quadratic would be 64×)`, () => {
      // Sizes large enough that fixed costs and a stray collection do not dominate the small run.
      const small = make(250_000);
      const large = make(2_000_000);
      timeOf(small); // warm up
      const ratio = timeOf(large, 3) / Math.max(timeOf(small), 1e-4);
      assert.ok(ratio < 20, `${name}: 8× the input took ${ratio.toFixed(1)}× the time`);
    });
  }

  it('a 10 MB line finishes', () => {
    const line = seedText().replace(/\n/g, ' ').repeat(850);
    assert.ok(line.length > 10_000_000);
    assert.ok(timeOf(line.slice(0, 10_000_000), 1) >= 0);
  });
});
