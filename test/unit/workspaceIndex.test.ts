// The workspace index on its own: bookkeeping over the corpus, positions of
// cables on disk, occurrences, the surname rule across cables, symbol search,
// fuzzy scores, and malformed input.

import * as assert from 'node:assert/strict';
import * as path from 'path';
import * as fs from 'fs';
import fc from 'fast-check';
import { defaultConfig } from '../../server/src/core';
import { Analysis, analyze } from '../../server/src/core/workspace';
import { IndexedEntity, WorkspaceIndex, lineStartsOf, summarize } from '../../server/src/core/workspaceIndex';
import { LineIndex, positionIn } from '../../server/src/core/lineIndex';
import { entityKey } from '../../server/src/core/entities';
import { fuzzyScore } from '../../server/src/core/fuzzy';
import { corpusFiles, corpusText, countOf, seedText } from '../helpers';

const CORPUS_ROOT = 'file:///ws/corpus/';
const SEED_URI = 'file:///ws/seeds/000_d5a32e40f8b893e0.txt';
const ABUJA = '09ABUJA1907.cable';

interface Cable {
  uri: string;
  text: string;
}

let corpusCache: Cable[] | undefined;
function corpus(): Cable[] {
  return (corpusCache ??= corpusFiles().map((f) => ({ uri: CORPUS_ROOT + path.basename(f), text: fs.readFileSync(f, 'utf8') })));
}

const analyses = new Map<string, Analysis>();
function analysisOf(uri: string, text: string, version: number | string = 1): Analysis {
  const id = `${uri} ${version}`;
  const cached = analyses.get(id);
  if (cached && cached.doc.text === text) return cached;
  const a = analyze({ uri, version, text }, defaultConfig());
  analyses.set(id, a);
  return a;
}

function summaryOf(uri: string, text: string, version: number | string = 1) {
  return summarize(analysisOf(uri, text, version));
}

function indexOf(cables: Cable[]): WorkspaceIndex {
  const index = new WorkspaceIndex();
  for (const c of cables) index.update(summaryOf(c.uri, c.text));
  return index;
}

/** What the index should know, computed from each cable's own analysis. */
interface Expected {
  /** key → uri → { type, spans, definition } */
  byKey: Map<string, Map<string, { type: string; spans: Array<{ start: number; end: number }>; definition: { start: number; end: number } }>>;
  mentions: number;
}

function expectedOf(cables: Cable[]): Expected {
  const byKey: Expected['byKey'] = new Map();
  let mentions = 0;
  for (const c of cables) {
    const a = analysisOf(c.uri, c.text);
    for (const e of a.entities.entities) {
      mentions += e.mentions.length;
      let perCable = byKey.get(e.key);
      if (!perCable) byKey.set(e.key, (perCable = new Map()));
      perCable.set(c.uri, {
        type: e.type,
        spans: e.mentions.map((i) => a.doc.mentions[i].textSpan),
        definition: a.doc.mentions[e.definition].textSpan,
      });
    }
  }
  return { byKey, mentions };
}

function typeCablesOf(expected: Expected, key: string, exclude?: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const [uri, o] of expected.byKey.get(key) ?? []) if (uri !== exclude) counts.set(o.type, (counts.get(o.type) ?? 0) + 1);
  return counts;
}

const sortedMap = (m: Map<string, number>) => [...m].sort((a, b) => a[0].localeCompare(b[0]));

describe('workspace index', () => {
  describe('summarize', () => {
    it('carries every entity of the analysis, its mentions in order and the line starts', () => {
      for (const { uri, text } of [{ uri: SEED_URI, text: seedText() }, ...corpus().slice(0, 40)]) {
        const a = analysisOf(uri, text, 'v7');
        const s = summarize(a);
        const entities = a.entities.entities;
        assert.equal(s.uri, uri);
        assert.equal(s.version, 'v7');
        assert.equal(s.length, text.length);
        assert.deepEqual(s.keys, entities.map((e) => e.key));
        assert.deepEqual(s.names, entities.map((e) => e.name));
        assert.deepEqual(s.types, entities.map((e) => e.type));
        assert.deepEqual(s.counts, entities.map((e) => e.mentions.length));
        const total = entities.reduce((n, e) => n + e.mentions.length, 0);
        assert.equal(s.spans.length, 2 * total);
        let k = 0;
        entities.forEach((e, i) => {
          assert.equal(e.mentions[s.definitions[i]], e.definition, `${uri} ${e.key}`);
          for (const m of e.mentions) {
            const mention = a.doc.mentions[m];
            assert.equal(text.slice(s.spans[k], s.spans[k + 1]), mention.text);
            k += 2;
          }
        });
        assert.deepEqual([...s.lineStarts], [...new LineIndex(text).lineStarts()]);
        assert.equal(s.lineStarts.length, countOf(text, '\n') + 1 - countOf(text, '\r\n') + countOf(text, '\r'));
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
      const index = new WorkspaceIndex();
      const cables: Cable[] = [];
      for (const [name, text] of Object.entries(inputs)) {
        const uri = `file:///bad/${name}.cable`;
        const s = summarize(analysisOf(uri, text));
        assert.equal(s.length, text.length, name);
        index.update(s);
        cables.push({ uri, text });
        assert.equal(index.has(uri), true, name);
        for (const o of index.occurrences(s.keys)) {
          for (const span of o.spans) assert.ok(span.start >= 0 && span.start <= span.end && span.end <= text.length, name);
        }
        assert.deepEqual(index.positionAt(uri, text.length), new LineIndex(text).positionAt(text.length), name);
      }
      const expected = expectedOf(cables);
      assert.equal(index.entityCount, expected.byKey.size);
      assert.equal(index.mentionCount, expected.mentions);
      assert.equal(index.entity('ann lee')!.mentions, countOf(big, '[PER Ann Lee  ]'));
      for (const name of Object.keys(inputs)) assert.equal(index.remove(`file:///bad/${name}.cable`), true);
      assert.equal(index.cableCount, 0);
      assert.equal(index.entityCount, 0);
      assert.equal(index.mentionCount, 0);
    });
  });

  describe('bookkeeping', () => {
    it('counts the corpus: cables, distinct keys and mentions', () => {
      const cables = corpus();
      const index = indexOf(cables);
      const expected = expectedOf(cables);
      assert.equal(index.cableCount, cables.length);
      assert.equal(index.entityCount, expected.byKey.size);
      assert.equal(index.mentionCount, expected.mentions);
      assert.deepEqual(index.uris().sort(), cables.map((c) => c.uri).sort());
      assert.equal(index.entities().length, expected.byKey.size);
      assert.ok(cables.every((c) => index.has(c.uri)));
      assert.equal(index.has(`${CORPUS_ROOT}nope.cable`), false);
    });

    it('describes each entity: mentions, cables and the type most cables give it', () => {
      const cables = corpus();
      const index = indexOf(cables);
      const expected = expectedOf(cables);
      for (const [key, perCable] of expected.byKey) {
        const e = index.entity(key)!;
        assert.equal(e.key, key);
        assert.equal(e.cables, perCable.size, key);
        assert.equal(e.mentions, [...perCable.values()].reduce((n, o) => n + o.spans.length, 0), key);
        const types = typeCablesOf(expected, key);
        const most = Math.max(...types.values());
        assert.equal(types.get(e.type), most, `${key}: ${e.type} of ${sortedMap(types)}`);
      }
      const us = index.entity('u.s.')!;
      assert.equal(us.type, 'ORG');
      assert.equal(index.entity('no such entity'), undefined);
    });

    it('replacing a cable with a new version moves the counts by the difference', () => {
      const cables = corpus();
      const index = indexOf(cables);
      const target = cables.find((c) => c.uri.endsWith(ABUJA))!;
      const generation = index.generation;
      // The new version: Ann Pickard dropped, a new person added twice.
      const text = target.text.replace('[PER Ann Pickard  ]', 'Ann Pickard') + '\n[PER Zebulon Quaggle  ] and [PER Zebulon Quaggle  ]';
      index.update(summaryOf(target.uri, text, 2));
      const after = cables.map((c) => (c === target ? { uri: c.uri, text } : c));
      const expected = expectedOf(after);
      assert.equal(index.cableCount, cables.length);
      assert.equal(index.entityCount, expected.byKey.size);
      assert.equal(index.mentionCount, expected.mentions);
      assert.equal(index.entity('ann pickard'), undefined);
      assert.deepEqual(index.entity('zebulon quaggle'), { key: 'zebulon quaggle', name: 'Zebulon Quaggle', type: 'PER', mentions: 2, cables: 1 });
      assert.equal(index.version(target.uri), 2);
      assert.ok(index.generation > generation);
      // The same version again changes nothing but the generation.
      const counts = [index.cableCount, index.entityCount, index.mentionCount];
      index.update(summaryOf(target.uri, text, 2));
      assert.deepEqual([index.cableCount, index.entityCount, index.mentionCount], counts);
    });

    it('removing every cable leaves nothing behind', () => {
      const cables = [...corpus(), { uri: SEED_URI, text: seedText() }];
      const index = indexOf(cables);
      const keys = [...expectedOf(cables).byKey.keys()];
      for (const c of cables) assert.equal(index.remove(c.uri), true);
      assert.equal(index.cableCount, 0);
      assert.equal(index.entityCount, 0);
      assert.equal(index.mentionCount, 0);
      assert.deepEqual(index.entities(), []);
      assert.deepEqual(index.uris(), []);
      assert.deepEqual(index.searchSymbols(''), []);
      assert.equal(index.packedBytes(), 0);
      for (const key of keys) {
        assert.equal(index.entity(key), undefined);
        assert.deepEqual(index.cablesOf([key]), []);
        assert.deepEqual(index.occurrences([key]), []);
        assert.equal(index.typeCables([key]).size, 0);
      }
      // No surname left over: a lone Pickard relates to nothing.
      index.update(summaryOf('file:///p.cable', 'Met [PER Pickard  ] .'));
      assert.deepEqual(index.relatedKeys('pickard'), ['pickard']);
    });

    it('churn (remove, re-add, replace) ends in the same index as a fresh build', () => {
      const cables = corpus();
      const churned = indexOf(cables);
      cables.forEach((c, i) => i % 2 === 0 && churned.remove(c.uri));
      cables.forEach((c, i) => i % 3 === 0 && churned.update(summaryOf(c.uri, `[PER Temp Person${i}  ] [ORG U.S.  ]`, 'tmp')));
      cables.forEach((c, i) => (i % 2 === 0 || i % 3 === 0) && churned.update(summaryOf(c.uri, c.text)));
      const fresh = indexOf(cables);
      assert.equal(churned.cableCount, fresh.cableCount);
      assert.equal(churned.entityCount, fresh.entityCount);
      assert.equal(churned.mentionCount, fresh.mentionCount);
      const counts = (e: IndexedEntity) => ({ key: e.key, type: e.type, mentions: e.mentions, cables: e.cables });
      for (const e of fresh.entities()) {
        assert.deepEqual(counts(churned.entity(e.key)!), counts(e), e.key);
        assert.deepEqual(churned.occurrences([e.key]), fresh.occurrences([e.key]), e.key);
        assert.deepEqual(churned.relatedKeys(e.key), fresh.relatedKeys(e.key), e.key);
      }
      assert.equal(churned.entity('temp person0'), undefined);
    });

    it('random churn at scale (postings moved, compacted; keys and names freed and reused) ends as a fresh build', () => {
      // Many small cables over few names, so that postings grow, move and are compacted many times over.
      const names = ['Ann Lee', 'Bo Lee', 'Lee', 'NATO', 'Rome', 'U.S.', 'Paris', 'Kim Ode', 'Ode', 'EU', 'Oslo', 'Rio'];
      const types = ['PER', 'PER', 'PER', 'ORG', 'LOC', 'LOC', 'LOC', 'PER', 'PER', 'ORG', 'LOC', 'LOC'];
      let seed = 7;
      const next = (n: number) => {
        seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
        return (seed >>> 8) % n;
      };
      // Names shared by many cables, and names of one step only (their keys and postings are freed when the cable goes).
      const textOf = (variant: number, step: number) => {
        const parts: string[] = [];
        for (let i = 0; i < 1 + (variant % 5); i++) {
          const k = (variant * 7 + i * 3) % names.length;
          const name = variant % 3 === 0 ? names[k].toUpperCase() : names[k];
          parts.push(`[${types[k]} ${name}${variant % 4 === 0 ? '’s' : ''}  ] met [LOC Place${variant % 50}  ] and [ORG Office${step}  ] .`);
        }
        return parts.join('\n');
      };
      const churned = new WorkspaceIndex();
      const live = new Map<string, { text: string; version: number }>();
      for (let step = 0; step < 8000; step++) {
        const uri = `file:///churn/${next(400)}.cable`;
        if (next(4) === 0) {
          churned.remove(uri);
          live.delete(uri);
        } else {
          const cable = { text: textOf(next(1000), step), version: step };
          churned.update(summaryOf(uri, cable.text, cable.version));
          live.set(uri, cable);
        }
        if (step % 1500 === 0) churned.removeMany([...live.keys()].filter((_, i) => i % 9 === 0).map((u) => (live.delete(u), u)));
      }
      const fresh = new WorkspaceIndex();
      for (const [uri, cable] of live) fresh.update(summaryOf(uri, cable.text, cable.version));
      assert.equal(churned.cableCount, fresh.cableCount);
      assert.equal(churned.entityCount, fresh.entityCount);
      assert.equal(churned.mentionCount, fresh.mentionCount);
      const strip = (e: IndexedEntity) => ({ key: e.key, type: e.type, mentions: e.mentions, cables: e.cables });
      assert.deepEqual(churned.entities().map(strip).sort((a, b) => a.key.localeCompare(b.key)), fresh.entities().map(strip).sort((a, b) => a.key.localeCompare(b.key)));
      for (const e of fresh.entities()) {
        assert.deepEqual(churned.occurrences([e.key]), fresh.occurrences([e.key]), e.key);
        assert.deepEqual(churned.cablesOf([e.key]), fresh.cablesOf([e.key]), e.key);
        assert.deepEqual(churned.firstCables([e.key], 5), fresh.firstCables([e.key], 5), e.key);
        assert.deepEqual(churned.relatedKeys(e.key), fresh.relatedKeys(e.key), e.key);
        assert.ok(churned.occurrences([e.key]).some((o) => o.name === churned.entity(e.key)!.name), e.key);
      }
      for (const q of ['lee', 'place', 'office', 'u.s', '']) assert.deepEqual(churned.searchSymbols(q, 200), fresh.searchSymbols(q, 200), q);
      for (const uri of live.keys()) assert.deepEqual(churned.entitiesOf(uri), fresh.entitiesOf(uri), uri);
    });

    it('removeUnder removes a folder and only that folder', () => {
      const index = new WorkspaceIndex();
      const text = 'Met [PER Ann Lee  ] in [LOC Rome  ] .';
      const uris = ['file:///a/b/x.cable', 'file:///a/b/sub/y.cable', 'file:///a/bc/x.cable', 'file:///a/b.cable', 'file:///z/a/b/x.cable'];
      for (const uri of uris) index.update(summaryOf(uri, text));
      const generation = index.generation;
      assert.equal(index.removeUnder('file:///a/b'), 2);
      assert.ok(index.generation > generation);
      assert.deepEqual(index.uris().sort(), ['file:///a/b.cable', 'file:///a/bc/x.cable', 'file:///z/a/b/x.cable']);
      assert.equal(index.entity('rome')!.cables, 3);
      assert.equal(index.mentionCount, 3 * 2);
      const again = index.generation;
      assert.equal(index.removeUnder('file:///a/b/'), 0);
      assert.equal(index.generation, again);
      assert.equal(index.removeUnder('file:///'), 3);
      assert.equal(index.entityCount, 0);
    });

    it('version, has, generation and removing an unknown URI', () => {
      const index = new WorkspaceIndex();
      const g0 = index.generation;
      assert.equal(index.version('file:///x.cable'), undefined);
      assert.equal(index.remove('file:///x.cable'), false);
      assert.equal(index.generation, g0);
      index.update(summaryOf('file:///x.cable', '[LOC Rome  ]', 'mtime:1'));
      const g1 = index.generation;
      assert.ok(g1 > g0);
      assert.equal(index.version('file:///x.cable'), 'mtime:1');
      index.update(summaryOf('file:///x.cable', '[LOC Rome  ] [LOC Paris  ]', 3));
      const g2 = index.generation;
      assert.ok(g2 > g1);
      assert.equal(index.version('file:///x.cable'), 3);
      assert.equal(index.entityCount, 2);
      assert.equal(index.remove('file:///x.cable'), true);
      assert.ok(index.generation > g2);
      assert.equal(index.remove('file:///x.cable'), false);
      assert.equal(index.version('file:///x.cable'), undefined);
      assert.equal(index.positionAt('file:///x.cable', 0), undefined);
    });
  });

  describe('positions', () => {
    it('lineStartsOf: the line starts LineIndex has, with \\n, \\r\\n, \\r, empty lines and astral characters', () => {
      for (const text of ['', 'a', '\n', 'a\nb', 'a\n\nb\n', 'ab\r\n𝐀¶’ [PER Bob  ]\rx\n\n’\r\n', '\r\r\n\n\r', seedText(), corpusText(ABUJA).replace(/\n/g, '\r\n')]) {
        assert.deepEqual([...lineStartsOf(text)], [...new LineIndex(text).lineStarts()], JSON.stringify(text.slice(0, 40)));
      }
    });

    const utf8Column = (text: string, offset: number) => Buffer.byteLength(text.slice(text.lastIndexOf('\n', offset - 1) + 1, offset), 'utf8');

    it('positionIn agrees with LineIndex at every offset, with \\n, \\r\\n, \\r and astral characters', () => {
      const text = 'ab\r\n𝐀¶’ [PER Bob  ]\rx\n\n’\r\n';
      const lines = new LineIndex(text);
      for (let o = -2; o <= text.length + 2; o++) {
        assert.deepEqual(positionIn(lines.lineStarts(), text.length, o), lines.positionAt(o), `offset ${o}`);
      }
      assert.deepEqual(positionIn(lines.lineStarts(), text.length, text.indexOf('Bob')), { line: 1, character: '𝐀¶’ [PER '.length });
      assert.equal('𝐀¶’ [PER '.length, 10);
      assert.deepEqual(positionIn(lines.lineStarts(), text.length, text.indexOf('x')), { line: 2, character: 0 });
    });

    it('every mention of a cable with ¶ and ’ is where LineIndex puts it, in UTF-16 units', () => {
      const name = '06MOSCOW5645.cable';
      const text = corpusText(name);
      assert.ok(text.includes('¶') && text.includes('’'));
      for (const [uri, body] of [[`${CORPUS_ROOT}${name}`, text], [`${CORPUS_ROOT}crlf-${name}`, text.replace(/\n/g, '\r\n')]]) {
        const index = new WorkspaceIndex();
        const a = analysisOf(uri, body);
        index.update(summarize(a));
        const lines = new LineIndex(body);
        let afterWide = 0;
        for (const m of a.doc.mentions) {
          for (const offset of [m.span.start, m.textSpan.start, m.textSpan.end, m.span.end]) {
            const at = index.positionAt(uri, offset)!;
            assert.deepEqual(at, lines.positionAt(offset));
            if (utf8Column(body, offset) !== at.character) afterWide++;
          }
        }
        // Some mentions follow ¶ or ’ on their line, so a byte column would differ.
        assert.ok(afterWide > 0);
      }
    });

    it('a CRLF copy has the same lines and characters as the original', () => {
      const text = corpusText('06MOSCOW5645.cable');
      const crlf = text.replace(/\n/g, '\r\n');
      const index = new WorkspaceIndex();
      index.update(summaryOf('file:///lf.cable', text));
      index.update(summaryOf('file:///crlf.cable', crlf));
      const lf = index.occurrences([...index.entities().map((e) => e.key)], 'file:///crlf.cable');
      const cr = index.occurrences([...index.entities().map((e) => e.key)], 'file:///lf.cable');
      assert.equal(lf.length, cr.length);
      lf.forEach((o, i) => {
        assert.equal(cr[i].key, o.key);
        o.spans.forEach((s, j) => assert.deepEqual(index.positionAt('file:///crlf.cable', cr[i].spans[j].start), index.positionAt('file:///lf.cable', s.start)));
      });
    });

    it('offsets past either end clamp to the text', () => {
      const text = 'one\ntwo [LOC Rome  ]\n';
      const index = new WorkspaceIndex();
      index.update(summaryOf('file:///r.cable', text));
      assert.deepEqual(index.positionAt('file:///r.cable', -5), { line: 0, character: 0 });
      assert.deepEqual(index.positionAt('file:///r.cable', 10_000), { line: 2, character: 0 });
    });
  });

  describe('occurrences, cablesOf, typeCables', () => {
    let index: WorkspaceIndex;
    let expected: Expected;
    before(() => {
      const cables = [...corpus(), { uri: SEED_URI, text: seedText() }];
      index = indexOf(cables);
      expected = expectedOf(cables);
    });

    it('occurrences of a key: every cable, sorted by URI, with its spans, type and definition', () => {
      for (const key of ['u.s.', 'nato', 'nicolas pickard', 'ann pickard']) {
        const perCable = expected.byKey.get(key)!;
        const want = [...perCable].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([uri, o]) => ({ uri, key, type: o.type, spans: o.spans, definition: o.definition }));
        const found = index.occurrences([key]);
        assert.deepEqual(found.map(({ name: _name, ...rest }) => rest), want, key);
        // Each cable's own name for the entity.
        for (const o of found) assert.equal(o.name, index.entitiesOf(o.uri).find((e) => e.key === key)!.name, o.uri);
        assert.deepEqual(index.cablesOf([key]), want.map((o) => o.uri), key);
        const excluded = want[Math.floor(want.length / 2)].uri;
        assert.deepEqual(index.occurrences([key], excluded).map(({ name: _name, ...rest }) => rest), want.filter((o) => o.uri !== excluded), key);
        assert.deepEqual(index.cablesOf([key], excluded), want.map((o) => o.uri).filter((u) => u !== excluded), key);
      }
      assert.ok(expected.byKey.get('u.s.')!.size > 100);
    });

    it('several keys: the union, each cable once in cablesOf, sorted', () => {
      const keys = ['nato', 'iaea'];
      const union = [...new Set(keys.flatMap((k) => [...expected.byKey.get(k)!.keys()]))].sort();
      assert.deepEqual(index.cablesOf(keys), union);
      const both = [...expected.byKey.get('nato')!.keys()].filter((u) => expected.byKey.get('iaea')!.has(u));
      assert.ok(both.length > 0);
      const occ = index.occurrences(keys);
      assert.equal(occ.length, expected.byKey.get('nato')!.size + expected.byKey.get('iaea')!.size);
      for (let i = 1; i < occ.length; i++) assert.ok(occ[i - 1].uri <= occ[i].uri);
      assert.deepEqual(index.cablesOf(['no such key', 'nato']), [...expected.byKey.get('nato')!.keys()].sort());
      assert.deepEqual(index.occurrences(['no such key']), []);
    });

    it('typeCables counts cables per type; exclude subtracts the cable’s own type', () => {
      const us = typeCablesOf(expected, 'u.s.');
      assert.deepEqual(sortedMap(index.typeCables(['u.s.'])), sortedMap(us));
      assert.equal(expected.byKey.get('u.s.')!.get(SEED_URI)!.type, 'LOC');
      assert.deepEqual(sortedMap(index.typeCables(['u.s.'], SEED_URI)), sortedMap(typeCablesOf(expected, 'u.s.', SEED_URI)));
      assert.equal(index.typeCables(['u.s.'], SEED_URI).has('LOC'), us.get('LOC')! > 1);
      const orgCable = [...expected.byKey.get('u.s.')!].find(([, o]) => o.type === 'ORG')![0];
      assert.equal(index.typeCables(['u.s.'], orgCable).get('ORG'), us.get('ORG')! - 1);
      assert.deepEqual(sortedMap(index.typeCables(['u.s.'], 'file:///not/indexed.cable')), sortedMap(us));
      assert.equal(index.typeCables(['no such key']).size, 0);
    });
  });

  describe('countCables, someOccurrences, entitiesOf', () => {
    let index: WorkspaceIndex;
    let expected: Expected;
    let cables: Cable[];
    before(() => {
      cables = [...corpus(), { uri: SEED_URI, text: seedText() }];
      index = indexOf(cables);
      expected = expectedOf(cables);
    });

    it('countMentions, firstCables and occurrencesInCable agree with occurrences', () => {
      for (const keys of [['u.s.'], ['nato', 'iaea'], ['nicolas pickard'], ['no such key']]) {
        for (const exclude of [undefined, SEED_URI, index.cablesOf(keys)[0]]) {
          const all = index.occurrences(keys, exclude);
          assert.equal(index.countMentions(keys, exclude), all.reduce((n, o) => n + o.spans.length, 0), `${keys} ${exclude}`);
          const uris = index.cablesOf(keys, exclude);
          for (const limit of [0, 1, 5, 100_000]) assert.deepEqual(index.firstCables(keys, limit, exclude), uris.slice(0, limit), `${keys} ${limit}`);
        }
        for (const uri of index.cablesOf(keys).slice(0, 20)) {
          assert.deepEqual(index.occurrencesInCable(uri, keys), index.occurrences(keys).filter((o) => o.uri === uri), uri);
        }
      }
      assert.deepEqual(index.occurrencesInCable('file:///nowhere.cable', ['u.s.']), []);
    });

    it('countCables is the number of distinct cables of cablesOf', () => {
      const keys = [...expected.byKey.keys()];
      const sets = [['u.s.'], ['nato', 'iaea'], ['nato', 'nato'], ['u.s.', 'no such key'], [], ['nicolas pickard', 'ann pickard']];
      for (let i = 0; i < keys.length; i += 17) sets.push([keys[i]], [keys[i], keys[(i * 7) % keys.length]]);
      for (const set of sets) {
        const holders = [...new Set(set.flatMap((k) => [...(expected.byKey.get(k)?.keys() ?? [])]))];
        assert.equal(index.countCables(set), holders.length, set.join(','));
        assert.equal(index.countCables(set), index.cablesOf(set).length, set.join(','));
        for (const exclude of [holders[0], SEED_URI, 'file:///not/indexed.cable']) {
          if (exclude === undefined) continue;
          assert.equal(index.countCables(set, exclude), holders.filter((u) => u !== exclude).length, `${set.join(',')} - ${exclude}`);
        }
      }
    });

    it('someOccurrences: at most the limit, of the type asked, never the excluded cable', () => {
      const all = index.occurrences(['u.s.']);
      const key = (o: { uri: string; key: string }) => `${o.uri} ${o.key}`;
      for (const [limit, type] of [[3, 'ORG'], [3, 'LOC'], [1, undefined], [10_000, undefined], [10_000, 'ORG'], [5, 'PER']] as const) {
        const some = index.someOccurrences(['u.s.'], limit, SEED_URI, type);
        const pool = all.filter((o) => o.uri !== SEED_URI && (type === undefined || o.type === type));
        assert.equal(some.length, Math.min(limit, pool.length), `${limit} ${type}`);
        for (const o of some) assert.deepEqual(o, pool.find((p) => p.uri === o.uri), `${limit} ${type}`);
        assert.equal(new Set(some.map(key)).size, some.length);
      }
      assert.deepEqual(index.someOccurrences(['u.s.'], 5, undefined, 'LOC').map((o) => o.uri), [SEED_URI]);
      assert.deepEqual(index.someOccurrences(['no such key'], 5), []);
      // Each cable once, even when it holds both keys.
      const related = index.someOccurrences(['nato', 'iaea'], 10_000);
      assert.equal(related.length, new Set([...expected.byKey.get('nato')!.keys(), ...expected.byKey.get('iaea')!.keys()]).size);
    });

    // A limit of 0 means no results.
    it('a limit of 0 returns nothing', () => {
      assert.deepEqual(index.someOccurrences(['u.s.'], 0), []);
      assert.deepEqual(index.searchSymbols('u.s.', 0), []);
    });

    it('entitiesOf: the keys, types and definitions of one cable, as its own analysis has them', () => {
      for (const c of cables.filter((_, i) => i % 9 === 0)) {
        const a = analysisOf(c.uri, c.text);
        const got = index.entitiesOf(c.uri);
        assert.deepEqual(
          got.map(({ key, type, definition }) => ({ key, type, definition })),
          a.entities.entities.map((e) => ({ key: e.key, type: e.type, definition: a.doc.mentions[e.definition].textSpan })),
          c.uri,
        );
        for (const e of got) assert.equal(entityKey(e.name), e.key, c.uri);
      }
      assert.deepEqual(index.entitiesOf('file:///not/indexed.cable'), []);
    });

    // Names are each cable's own, and the key's name is one that an indexed
    // cable still uses.
    it('names are those of the cable asked about, and of the cables still indexed', () => {
      const small = new WorkspaceIndex();
      small.update(summaryOf('file:///a.cable', 'In [LOC ABU  ] .'));
      small.update(summaryOf('file:///b.cable', 'Met [PER Abu  ] .'));
      assert.equal(small.entitiesOf('file:///b.cable')[0].name, 'Abu');
      small.remove('file:///a.cable');
      assert.equal(small.entity('abu')!.name, 'Abu');
    });
  });

  describe('the surname rule across cables', () => {
    const P = 'file:///ws/p.cable';
    const pickardOnly = 'The Ambassador met [PER Pickard  ] twice; [PER Pickard  ] agreed .';

    it('the seed groups Pickard into Nicolas Pickard', () => {
      const a = analysisOf(SEED_URI, seedText());
      const e = a.entities.entities.find((x) => x.key === 'nicolas pickard')!;
      assert.equal(e.mentions.length, countOf(seedText(), '[PER Pickard  ]') + countOf(seedText(), '[PER Nicolas Pickard  ]'));
      assert.equal(a.entities.entities.find((x) => x.key === 'pickard'), undefined);
    });

    it('a lone Pickard relates to the one Nicolas Pickard; Ann Pickard makes it ambiguous; removing her relates them again', () => {
      const index = new WorkspaceIndex();
      index.update(summaryOf(SEED_URI, seedText()));
      index.update(summaryOf(P, pickardOnly));
      assert.deepEqual(index.relatedKeys('pickard'), ['pickard', 'nicolas pickard']);
      assert.deepEqual(index.relatedKeys('nicolas pickard'), ['nicolas pickard', 'pickard']);
      assert.deepEqual(index.cablesOf(index.relatedKeys('pickard'), P), [SEED_URI]);

      const abuja = `${CORPUS_ROOT}${ABUJA}`;
      index.update(summaryOf(abuja, corpusText(ABUJA)));
      assert.equal(index.entity('ann pickard')!.type, 'PER');
      assert.deepEqual(index.relatedKeys('pickard'), ['pickard']);
      assert.deepEqual(index.relatedKeys('nicolas pickard'), ['nicolas pickard']);
      assert.deepEqual(index.relatedKeys('ann pickard'), ['ann pickard']);

      assert.equal(index.remove(abuja), true);
      assert.deepEqual(index.relatedKeys('pickard'), ['pickard', 'nicolas pickard']);
      assert.deepEqual(index.relatedKeys('nicolas pickard'), ['nicolas pickard', 'pickard']);
    });

    it('the same full name in several cables is still one name', () => {
      const index = new WorkspaceIndex();
      index.update(summaryOf(SEED_URI, seedText()));
      index.update(summaryOf('file:///ws/np.cable', 'Then [PER Nicolas Pickard  ] left .'));
      index.update(summaryOf(P, pickardOnly));
      assert.deepEqual(index.relatedKeys('pickard'), ['pickard', 'nicolas pickard']);
      index.remove(SEED_URI);
      assert.deepEqual(index.relatedKeys('pickard'), ['pickard', 'nicolas pickard']);
      index.remove('file:///ws/np.cable');
      assert.deepEqual(index.relatedKeys('pickard'), ['pickard']);
    });

    it('a one-word key tagged only ORG, or a full name tagged ORG, is not related', () => {
      const index = new WorkspaceIndex();
      index.update(summaryOf(SEED_URI, seedText()));
      index.update(summaryOf(P, 'The [ORG Pickard  ] group and [ORG Pickard  ] again .'));
      assert.equal(index.entity('pickard')!.type, 'ORG');
      assert.deepEqual(index.relatedKeys('pickard'), ['pickard']);
      assert.deepEqual(index.relatedKeys('nicolas pickard'), ['nicolas pickard']);

      const other = new WorkspaceIndex();
      other.update(summaryOf('file:///ws/org.cable', 'The [ORG Acme Ford  ] plant .'));
      other.update(summaryOf(P, 'Met [PER Ford  ] .'));
      assert.deepEqual(other.relatedKeys('ford'), ['ford']);
      assert.deepEqual(other.relatedKeys('acme ford'), ['acme ford']);
    });

    it('on the corpus and the seed, relatedKeys follows the rule for every key', () => {
      const cables = [...corpus(), { uri: SEED_URI, text: seedText() }];
      const index = indexOf(cables);
      const expected = expectedOf(cables);
      const isPer = (key: string) => [...(expected.byKey.get(key)?.values() ?? [])].some((o) => o.type === 'PER');
      const fullNames = new Map<string, Set<string>>();
      for (const key of expected.byKey.keys()) {
        if (!key.includes(' ') || !isPer(key)) continue;
        const surname = key.slice(key.lastIndexOf(' ') + 1);
        if (!fullNames.has(surname)) fullNames.set(surname, new Set());
        fullNames.get(surname)!.add(key);
      }
      let related = 0;
      for (const key of expected.byKey.keys()) {
        let want = [key];
        if (!key.includes(' ')) {
          const names = fullNames.get(key);
          if (isPer(key) && names?.size === 1) want = [key, [...names][0]];
        } else {
          const surname = key.slice(key.lastIndexOf(' ') + 1);
          const names = fullNames.get(surname);
          if (names?.size === 1 && names.has(key) && expected.byKey.has(surname) && isPer(surname)) want = [key, surname];
        }
        if (want.length > 1) related++;
        assert.deepEqual(index.relatedKeys(key), want, key);
      }
      assert.ok(related > 10, `${related} related keys`);
    });
  });

  describe('symbols and entities', () => {
    let index: WorkspaceIndex;
    let expected: Expected;
    before(() => {
      const cables = [...corpus(), { uri: SEED_URI, text: seedText() }];
      index = indexOf(cables);
      expected = expectedOf(cables);
    });

    it('searchSymbols: every matching entity once per cable, at its definition, best score first', () => {
      const matches = index.searchSymbols('pckrd');
      const want = [...expected.byKey].filter(([key]) => fuzzyScore('pckrd', key) > 0).flatMap(([key, perCable]) => [...perCable].map(([uri, o]) => `${key} ${uri} ${o.definition.start}`));
      assert.deepEqual(matches.map((m) => `${m.key} ${m.uri} ${m.span.start}`).sort(), want.sort());
      assert.ok(matches.some((m) => m.key === 'nicolas pickard' && m.uri === SEED_URI && m.name === 'Nicolas Pickard'));
      assert.ok(matches.some((m) => m.key === 'ann pickard' && m.uri.endsWith(ABUJA)));
      for (let i = 1; i < matches.length; i++) assert.ok(matches[i - 1].score >= matches[i].score);
      for (const m of matches) assert.equal(m.score, fuzzyScore('pckrd', m.key));
    });

    it('searchSymbols respects the limit and the matches per entity', () => {
      const all = index.searchSymbols('', 1_000_000, 1_000_000);
      assert.equal(all.length, [...expected.byKey.values()].reduce((n, p) => n + p.size, 0));
      assert.equal(index.searchSymbols('', 10).length, 10);
      assert.deepEqual(index.searchSymbols('u.s', 5), index.searchSymbols('u.s', 50).slice(0, 5));
      const capped = index.searchSymbols('u.s.', 1000, 3).filter((m) => m.key === 'u.s.');
      assert.equal(capped.length, 3);
      assert.deepEqual(capped.map((m) => m.uri), [...expected.byKey.get('u.s.')!.keys()].sort().slice(0, 3));
      assert.deepEqual(index.searchSymbols('qqqqzzzz'), []);
    });

    it('entities(type, filter) keeps the type most cables give, and the fuzzy matches', () => {
      const per = index.entities('PER');
      assert.ok(per.length > 0 && per.every((e) => e.type === 'PER'));
      const byType = ['PER', 'ORG', 'LOC', 'MISC'].reduce((n, t) => n + index.entities(t).length, 0);
      assert.equal(byType, index.entityCount);
      const filtered = index.entities(undefined, '  PCKRD ');
      assert.deepEqual(filtered.map((e) => e.key).sort(), [...expected.byKey.keys()].filter((k) => fuzzyScore('pckrd', k) > 0).sort());
      assert.deepEqual(index.entities('PER', 'pckrd').map((e) => e.key).sort(), filtered.filter((e) => e.type === 'PER').map((e) => e.key).sort());
    });
  });

  describe('fuzzyScore', () => {
    type Kind = 'exact' | 'prefix' | 'word' | 'inner' | 'subsequence' | 'none';
    const RANGES: Record<Kind, [number, number]> = {
      exact: [10_000, 10_000],
      prefix: [7_000, 7_999],
      word: [5_000, 5_999],
      inner: [3_000, 3_999],
      subsequence: [1, 2_999],
      none: [0, 0],
    };
    const wordChar = (c: string) => /[a-z0-9]/.test(c) || c.charCodeAt(0) > 127;
    const isSubsequence = (q: string, t: string) => {
      let i = 0;
      for (const c of t) if (i < q.length && c === q[i]) i++;
      return i === q.length;
    };
    function kindOf(q: string, t: string): Kind {
      if (q === t) return 'exact';
      if (t.startsWith(q)) return 'prefix';
      const at = t.indexOf(q);
      if (at > 0) return wordChar(t[at - 1]) ? 'inner' : 'word';
      return isSubsequence(q, t) ? 'subsequence' : 'none';
    }

    it('exact > prefix > substring at a word > substring inside a word > subsequence > no match', () => {
      const target = 'nicolas pickard';
      const cases: Array<[string, Kind]> = [
        ['nicolas pickard', 'exact'],
        ['nicolas', 'prefix'],
        ['pickard', 'word'],
        ['ickard', 'inner'],
        ['pckrd', 'subsequence'],
        ['npickard', 'subsequence'],
        ['drakcip', 'none'],
        ['nicolas pickard jr', 'none'],
      ];
      let previous = Infinity;
      for (const [q, kind] of cases) {
        assert.equal(kindOf(q, target), kind, q);
        const score = fuzzyScore(q, target);
        assert.ok(score >= RANGES[kind][0] && score <= RANGES[kind][1], `${q}: ${score}`);
        if (kind !== 'subsequence') assert.ok(score < previous || score === 0, q);
        previous = Math.min(previous, score);
      }
      assert.equal(fuzzyScore('', target), 1);
      assert.equal(fuzzyScore('', ''), 1);
      assert.equal(fuzzyScore('a', ''), 0);
    });

    it('earlier and tighter matches first', () => {
      assert.ok(fuzzyScore('pick', 'pickard') > fuzzyScore('pick', 'pickardson'));
      assert.ok(fuzzyScore('pickard', 'ann pickard') > fuzzyScore('pickard', 'annabel pickard'));
      assert.ok(fuzzyScore('pkd', 'pickard') < fuzzyScore('pck', 'pickard'));
      assert.ok(fuzzyScore('np', 'nicolas pickard') > fuzzyScore('nl', 'nicolas pickard'));
    });

    it('on any text of up to 200 characters, the score falls in the range of the kind of match', () => {
      const alphabet = fc.constantFrom('a', 'b', 'c', ' ', '.', '-', '1', 'é');
      const text = fc.array(alphabet, { minLength: 1, maxLength: 200 }).map((a) => a.join(''));
      fc.assert(
        fc.property(text, fc.array(fc.nat(), { minLength: 1, maxLength: 20 }), fc.nat(), fc.nat(), fc.array(alphabet, { minLength: 1, maxLength: 6 }), (t, picks, from, len, random) => {
          const start = from % t.length;
          const sub = t.slice(start, start + 1 + (len % (t.length - start)));
          const indices = [...new Set(picks.map((p) => p % t.length))].sort((a, b) => a - b);
          const subsequence = indices.map((i) => t[i]).join('');
          for (const q of [t, t.slice(0, Math.max(1, t.length - 1)), sub, subsequence, random.join('')]) {
            const kind = kindOf(q, t);
            const score = fuzzyScore(q, t);
            const [lo, hi] = RANGES[kind];
            if (score < lo || score > hi) return false;
          }
          return true;
        }),
        { numRuns: 2000 },
      );
    });
  });
});
