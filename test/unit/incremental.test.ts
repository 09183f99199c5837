// Incremental analysis: after each edit the service analyses the new text
// from the previous analysis (parsing again only the paragraphs around the
// edit, keeping the untagged mentions found elsewhere). Whatever the edit,
// the result must equal a fresh analysis of the same text: the parse, the
// entities, every diagnostic, hover, references, symbols.
//
// The property runs many random edit sequences with a fixed seed; on a
// failure fast-check prints the seed and the path to replay it
// (INCREMENTAL_SEED=… INCREMENTAL_RUNS=… for other or longer runs).

import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { CableLanguageService, InMemoryWorkspace, createLanguageService } from '../../server/src/core';
import { allDiagnostics } from '../../server/src/core/checks';
import { untaggedMentions } from '../../server/src/core/checks/curation';
import { defaultConfig } from '../../server/src/core/config';
import { EntityMention } from '../../server/src/core/model';
import { ParsedCable, changedRegion, parse, reparseCable } from '../../server/src/core/parser';
import { Analysis, AnalysisCache, analyze } from '../../server/src/core/workspace';
import { corpusFiles, seedText } from '../helpers';
import * as fs from 'fs';

const URI = 'file:///incremental.cable';
const SEED = Number(process.env.INCREMENTAL_SEED ?? 20261202);
const RUNS = Number(process.env.INCREMENTAL_RUNS ?? 120);

const PIECES = ['[', ']', '[PER ', '[ORG ', '[LOC ', '[Org ', '  ]', ' ]', '\n', '\r\n', "<a id='par9' href='#par9'>¶</a>9 .", "<a id='par2' href='#par2'>¶</a>2 . ( C ) ", '¶', '’', 'x', ' ', '-----', 'UK', 'U.S.', 'Pickard', ' [PER Pickard  ] ', ' [LOC UK  ] ', '[PER Nicolas Pickard  ]', '( S/NF )'];

type Edit = { at: number; remove: number; insert: string };

/** Insertions, deletions and replacements of characters and of tag, anchor and line pieces. */
const editArb: fc.Arbitrary<Edit> = fc.record({
  at: fc.nat(),
  remove: fc.oneof(fc.constant(0), fc.constant(0), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 60 })),
  insert: fc.oneof(fc.constant(''), fc.constantFrom(...PIECES), fc.string({ maxLength: 6 }), fc.string({ unit: 'grapheme', maxLength: 4 })),
});

function apply(text: string, e: Edit): string {
  const at = text.length === 0 ? 0 : e.at % (text.length + 1);
  return text.slice(0, at) + e.insert + text.slice(at + e.remove);
}

function plainMention(m: EntityMention) {
  return {
    type: m.type,
    knownType: m.knownType,
    text: m.text,
    openSpan: m.openSpan,
    typeSpan: m.typeSpan,
    textSpan: m.textSpan,
    closeSpan: m.closeSpan,
    span: m.span,
    closingSpaces: m.closingSpaces,
    openingSpaces: m.openingSpaces,
    multiline: m.multiline,
    nested: m.nested,
    containsTag: m.containsTag,
  };
}

/** Everything an analysis says, as plain data. */
function digest(a: Analysis) {
  const { doc } = a;
  return {
    structure: [doc.wrapper, doc.body, doc.headerSpan, doc.dateline, doc.banner, doc.header, doc.tags, doc.sections, doc.paragraphs],
    mentions: doc.mentions.map(plainMention),
    problems: doc.problems,
    entities: a.entities.entities.map((e) => ({ ...e, typeCounts: [...e.typeCounts] })),
    entityOfMention: [...a.entities.entityOfMention],
    untagged: untaggedMentions(a).map((u) => ({ span: u.span, entity: u.entity.id, problem: u.problem })),
  };
}

/** What the features answer at a few offsets: on mentions, and anywhere. */
function answers(service: CableLanguageService, reference: Analysis, text: string, probes: number[]) {
  const offsets = [...reference.doc.mentions.filter((_, i) => i % 7 === 0).slice(0, 12).map((m) => m.textSpan.start + 1), ...probes.map((p) => (text.length === 0 ? 0 : p % (text.length + 1)))];
  return {
    diagnostics: service.diagnostics(URI),
    symbols: service.documentSymbols(URI),
    folding: service.foldingRanges(URI),
    entities: service.cableEntities(URI),
    at: offsets.map((o) => ({
      hover: service.hover(URI, o),
      references: service.references(URI, o),
      definition: service.definition(URI, o),
      highlights: service.highlights(URI, o),
      rename: service.prepareRename(URI, o),
      actions: service.codeActions(URI, { start: o, end: Math.min(text.length, o + 3) }).map((x) => [x.title, x.edits]),
    })),
  };
}

const bases = (() => {
  const files = corpusFiles();
  // The seed, the largest cables and a spread of the others.
  const picked = [...files].sort((x, y) => fs.statSync(y).size - fs.statSync(x).size).slice(0, 3);
  for (let i = 0; i < files.length; i += 40) picked.push(files[i]);
  return [seedText(), ...picked.map((f) => fs.readFileSync(f, 'utf8'))];
})();

describe('incremental analysis', function () {
  this.timeout(600_000);

  it('changedRegion finds the common prefix and suffix', () => {
    assert.deepEqual(changedRegion('abcdef', 'abXdef'), { start: 2, oldEnd: 3, newEnd: 3 });
    assert.deepEqual(changedRegion('aaaa', 'aaaaa'), { start: 4, oldEnd: 4, newEnd: 5 });
    assert.deepEqual(changedRegion('abc', 'abc'), { start: 3, oldEnd: 3, newEnd: 3 });
    assert.deepEqual(changedRegion('', 'xy'), { start: 0, oldEnd: 0, newEnd: 2 });
    const long = 'x'.repeat(10_000);
    assert.deepEqual(changedRegion(long + 'a' + long, long + 'bb' + long), { start: 10_000, oldEnd: 10_001, newEnd: 10_002 });
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), fc.string({ maxLength: 30 }), (a, b) => {
        const r = changedRegion(a, b);
        assert.equal(a.slice(0, r.start), b.slice(0, r.start));
        assert.equal(a.slice(r.oldEnd), b.slice(r.newEnd));
        assert.ok(r.start <= r.oldEnd && r.start <= r.newEnd);
        assert.equal(r.oldEnd - r.start + (a.length - r.oldEnd) + r.start, a.length);
      }),
      { numRuns: 500, seed: SEED },
    );
  });

  it('after every random edit, the incremental analysis equals a fresh one (parse, entities, diagnostics, features)', () => {
    let reparsed = 0;
    let edits = 0;
    fc.assert(
      fc.property(fc.nat(bases.length - 1), fc.array(editArb, { minLength: 1, maxLength: 10 }), fc.array(fc.nat(), { minLength: 2, maxLength: 4 }), (base, list, probes) => {
        const workspace = new InMemoryWorkspace({ [URI]: bases[base] });
        const incremental = createLanguageService(workspace);
        incremental.diagnostics(URI);
        // A cache of its own over the same workspace: the analyses, compared in full.
        const config = defaultConfig();
        const cache = new AnalysisCache(workspace, config);
        allDiagnostics(cache.get(URI)!, config);
        let text = bases[base];
        for (const e of list) {
          text = apply(text, e);
          workspace.set(URI, text);
          const reference = analyze({ uri: URI, version: 0, text }, config);
          const fresh = createLanguageService(new InMemoryWorkspace({ [URI]: text }));
          const got = answers(incremental, reference, text, probes);
          assert.deepEqual(got, answers(fresh, reference, text, probes));
          const a = cache.get(URI)!;
          assert.deepEqual(allDiagnostics(a, config), allDiagnostics(reference, config));
          assert.deepEqual(digest(a), digest(reference));
          edits++;
          if (a.doc instanceof ParsedCable && a.doc.reparsed) reparsed++;
        }
      }),
      { numRuns: RUNS, seed: SEED },
    );
    // Most edits must have taken the incremental path, or this test proves nothing.
    assert.ok(reparsed > edits * 0.6, `${reparsed} of ${edits} edits parsed incrementally`);
  });

  it('edits next to anchors, numbers and markings: the paragraphs kept, parsed again and moved equal a fresh parse', () => {
    const near = ['', ' ', '\t', '\n', '\r\n', '(', ')', '( ', ' )', 'C', 'S', '/NF', '.', ' .', '3', 'B', 'par', "'", '"', '<a', '</a>', '¶', '[ORG NATO  ]', '[LOC ', ']', 'Key Points: ', '-- '];
    fc.assert(
      fc.property(fc.nat(bases.length - 1), fc.array(fc.record({ anchor: fc.nat(), offset: fc.integer({ min: -8, max: 90 }), remove: fc.nat(4), insert: fc.constantFrom(...near) }), { minLength: 1, maxLength: 8 }), (base, edits) => {
        let doc = parse(bases[base]);
        for (const e of edits) {
          const anchors = doc.paragraphs;
          const at = anchors.length === 0 ? 0 : Math.max(0, Math.min(doc.text.length, anchors[e.anchor % anchors.length].anchorSpan.end + e.offset));
          const text = doc.text.slice(0, at) + e.insert + doc.text.slice(at + e.remove);
          const next = reparseCable(doc, text);
          const fresh = parse(text);
          assert.deepEqual(next.paragraphs, fresh.paragraphs);
          assert.deepEqual(next.paragraphReadTo, fresh.paragraphReadTo);
          doc = next;
        }
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it('single-character typing in a large cable: each version equals a fresh analysis, and only the edited paragraph is parsed again', () => {
    const text0 = bases[1];
    const config = defaultConfig();
    const workspace = new InMemoryWorkspace({ [URI]: text0 });
    const cache = new AnalysisCache(workspace, config);
    allDiagnostics(cache.get(URI)!, config);
    let text = text0;
    const anchor = text.indexOf("<a id='par3'");
    assert.ok(anchor > 0);
    const at = text.indexOf('\n', anchor) + 3;
    let pos = at;
    for (const ch of ['[', 'P', 'E', 'R', ' ', 'U', 'K', ' ', ' ', ']', ' ']) {
      text = text.slice(0, pos) + ch + text.slice(pos);
      pos++;
      workspace.set(URI, text);
      const a = cache.get(URI)!;
      const doc = a.doc as ParsedCable;
      assert.ok(doc.reparsed, `"${ch}" parsed incrementally`);
      assert.ok(doc.reparsed.to - doc.reparsed.from < text.length / 4, 'a region around the edit, not the whole text');
      assert.ok(doc.reparsed.from <= at && at <= doc.reparsed.to);
      const fresh = analyze({ uri: URI, version: 0, text }, config);
      assert.deepEqual(allDiagnostics(a, config), allDiagnostics(fresh, config));
      assert.deepEqual(digest(a), digest(fresh));
    }
    // The typed tag is an entity now: `UK` at that place is a tag, no longer an untagged mention.
    const fresh = analyze({ uri: URI, version: 0, text }, config);
    assert.ok(fresh.doc.mentions.some((m) => m.span.start === at && m.text === 'UK'));
  });
});
