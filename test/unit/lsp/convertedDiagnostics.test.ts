// The LSP diagnostics of an edited cable, converted reusing the previous
// version's conversion (convertedDiagnostics.ts), must equal a fresh
// conversion of every diagnostic through the new text's positions, whatever
// the edits (line breaks, `\r\n` joined or split, text before, inside and
// after diagnostics), in every position encoding.

import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import fc from 'fast-check';
import { InMemoryWorkspace, createLanguageService } from '../../../server/src/core';
import { ConvertedDiagnostics, convertDiagnostics } from '../../../server/src/lsp/convertedDiagnostics';
import { PositionEncoding, TextPositions } from '../../../server/src/lsp/positions';
import { toDiagnostic } from '../../../server/src/lsp/toProto';
import { corpusFiles, seedText } from '../../helpers';

const URI = 'file:///converted.cable';
const SEED = Number(process.env.INCREMENTAL_SEED ?? 20261202);
const RUNS = Number(process.env.INCREMENTAL_RUNS ?? 60);

const PIECES = ['x', ' ', '', '\n', '\r', '\r\n', ']', '[PER ', '  ]', '😀', '’', "<a id='par2' href='#par2'>¶</a>2 . ( S ) ", '[LOC UK  ]', 'UK'];

type Edit = { at: number; remove: number; insert: string; near: boolean };

const editArb: fc.Arbitrary<Edit> = fc.record({
  at: fc.nat(),
  remove: fc.oneof(fc.constant(0), fc.constant(0), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 40 })),
  insert: fc.constantFrom(...PIECES),
  // Most edits near the last one, as when typing.
  near: fc.boolean(),
});

const bases = (() => {
  const files = corpusFiles();
  const picked = [seedText(), fs.readFileSync(files[0], 'utf8'), fs.readFileSync(files[Math.floor(files.length / 2)], 'utf8')];
  return [...picked, picked[0].replace(/\n/g, '\r\n')];
})();

describe('LSP diagnostics converted reusing the previous version', function () {
  this.timeout(300_000);

  for (const encoding of ['utf-16', 'utf-8', 'utf-32'] as PositionEncoding[]) {
    it(`after every random edit, equal to a fresh conversion (${encoding})`, () => {
      let reused = 0;
      let total = 0;
      fc.assert(
        fc.property(fc.nat(bases.length - 1), fc.array(editArb, { minLength: 1, maxLength: 12 }), fc.boolean(), (base, edits, tagsFirst) => {
          const workspace = new InMemoryWorkspace({ [URI]: bases[base] });
          const service = createLanguageService(workspace);
          let text = bases[base];
          const positionsOf = () => undefined;
          let previous: ConvertedDiagnostics | undefined = convertDiagnostics(undefined, URI, text, new TextPositions(text, encoding), positionsOf, service.diagnostics(URI));
          let last = 0;
          for (const e of edits) {
            const at = Math.min(text.length, e.near ? last + (e.at % 40) : e.at % (text.length + 1));
            text = text.slice(0, at) + e.insert + text.slice(at + e.remove);
            last = at;
            workspace.set(URI, text);
            const positions = new TextPositions(text, encoding);
            // As the server publishes a large cable: the tag checks first, then every check.
            for (const found of tagsFirst ? [service.tagDiagnostics(URI), service.diagnostics(URI)] : [service.diagnostics(URI)]) {
              const before = new Set(previous.diagnostics);
              previous = convertDiagnostics(previous, URI, text, positions, positionsOf, found);
              const fresh = found.map((d) => toDiagnostic(new TextPositions(text, encoding), positionsOf, d));
              assert.deepEqual(previous.diagnostics, fresh);
              total += fresh.length;
              reused += previous.diagnostics.filter((d) => before.has(d)).length;
            }
          }
        }),
        { numRuns: RUNS, seed: SEED },
      );
      // Most diagnostics are left in place by an edit: reused, or this test proves little.
      assert.ok(reused > total * 0.5, `${reused} of ${total} diagnostics reused`);
    });
  }

  it('a character typed inside a "\\r\\n", or its "\\n" deleted, moves the diagnostics after it to the next line', () => {
    const text0 = seedText().replace(/\n/g, '\r\n');
    const workspace = new InMemoryWorkspace({ [URI]: text0 });
    const service = createLanguageService(workspace);
    const found0 = service.diagnostics(URI);
    const target = found0[Math.floor(found0.length / 2)];
    const lineBreak = text0.lastIndexOf('\r\n', target.span.start);
    assert.ok(lineBreak > 0);
    for (const text of [text0.slice(0, lineBreak + 1) + 'x' + text0.slice(lineBreak + 1), text0.slice(0, lineBreak + 1) + text0.slice(lineBreak + 2)]) {
      const positionsOf = () => undefined;
      const previous = convertDiagnostics(undefined, URI, text0, new TextPositions(text0, 'utf-16'), positionsOf, found0);
      workspace.set(URI, text0);
      service.diagnostics(URI);
      workspace.set(URI, text);
      const found = service.diagnostics(URI);
      const got = convertDiagnostics(previous, URI, text, new TextPositions(text, 'utf-16'), positionsOf, found);
      assert.deepEqual(
        got.diagnostics,
        found.map((d) => toDiagnostic(new TextPositions(text, 'utf-16'), positionsOf, d)),
      );
    }
  });

  it('a cached conversion is not reused for another encoding', () => {
    const text = seedText();
    const found = createLanguageService(new InMemoryWorkspace({ [URI]: text })).diagnostics(URI);
    const utf16 = convertDiagnostics(undefined, URI, text, new TextPositions(text, 'utf-16'), () => undefined, found);
    const utf8 = convertDiagnostics(utf16, URI, text, new TextPositions(text, 'utf-8'), () => undefined, found);
    assert.deepEqual(
      utf8.diagnostics,
      found.map((d) => toDiagnostic(new TextPositions(text, 'utf-8'), () => undefined, d)),
    );
  });
});
