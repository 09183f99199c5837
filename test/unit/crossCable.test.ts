// The service's features across cables: closed cables live in the index
// (indexSource), open ones in the workspace (set + indexOpenDocument).

import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { CableConfig, CableDiagnostic, CableLanguageService, createLanguageService, CableSource, FileEdits, InMemoryWorkspace, RenameError, TextEdit, applyEdits, cableName, defaultConfig, normalizeConfig } from '../../server/src/core';
import { Analysis, analyze } from '../../server/src/core/workspace';
import { indexBehind } from '../../server/src/core/service';
import { LineIndex } from '../../server/src/core/lineIndex';
import { conflictsWithIndex } from '../../server/src/core/checks/crossCable';
import { entityKey } from '../../server/src/core/entities';
import { fuzzyScore } from '../../server/src/core/fuzzy';
import { parseCable } from '../../server/src/core/parser';
import { removeTag, untaggedText } from '../../server/src/core/edits';
import { corpusFiles, corpusText, countOf, nth, seedText } from '../helpers';

const ROOT = 'file:///ws/';
const CORPUS = `${ROOT}corpus/`;
const SEED = `${ROOT}seeds/000_d5a32e40f8b893e0.txt`;
const P = `${ROOT}notes/pickard.cable`;
const ABUJA = `${CORPUS}09ABUJA1907.cable`;
const CONFLICT = 'entity-cross-cable-conflict';

/** A cable that mentions Pickard by his surname only. */
const PICKARD_ONLY = 'UNCLAS\n1. ( U ) The Ambassador met [PER Pickard  ] in [LOC London  ] .\n2. ( U ) [PER Pickard  ] said the [ORG FCO  ] agreed .\n';

interface Cable {
  uri: string;
  text: string;
}

/** Open editors (InMemoryWorkspace) and files on disk, read again on demand. */
class DiskWorkspace extends InMemoryWorkspace {
  private readonly disk = new Map<string, { text: string; version: string }>();
  readonly reads: string[] = [];

  write(uri: string, text: string): CableSource {
    const old = this.disk.get(uri);
    const version = `disk:${old ? Number(old.version.slice(5)) + 1 : 1}`;
    this.disk.set(uri, { text, version });
    return { uri, version, text };
  }

  unlink(uri: string): void {
    this.disk.delete(uri);
  }

  read(uri: string): CableSource | undefined {
    const file = this.disk.get(uri);
    if (!file) return undefined;
    this.reads.push(uri);
    return { uri, version: file.version, text: file.text };
  }
}

function build(closed: Cable[], open: Cable[] = [], config: CableConfig = defaultConfig()): { service: CableLanguageService; ws: DiskWorkspace } {
  const ws = new DiskWorkspace();
  const service = createLanguageService(ws, config);
  for (const c of closed) service.indexSource(ws.write(c.uri, c.text));
  for (const c of open) {
    ws.set(c.uri, c.text);
    assert.equal(service.indexOpenDocument(c.uri), true);
  }
  return { service, ws };
}

let corpusCache: Cable[] | undefined;
function corpus(): Cable[] {
  return (corpusCache ??= corpusFiles().map((f) => ({ uri: CORPUS + path.basename(f), text: fs.readFileSync(f, 'utf8') })));
}
const corpusByUri = () => new Map(corpus().map((c) => [c.uri, c.text]));
const seedCable = (): Cable => ({ uri: SEED, text: seedText() });
const abujaCable = (): Cable => ({ uri: ABUJA, text: corpusText('09ABUJA1907.cable') });

const analyses = new Map<string, Analysis>();
function analysisOf(c: Cable): Analysis {
  const cached = analyses.get(c.uri);
  if (cached && cached.doc.text === c.text) return cached;
  const a = analyze({ uri: c.uri, version: 0, text: c.text }, defaultConfig());
  analyses.set(c.uri, a);
  return a;
}

function entityOf(c: Cable, key: string) {
  return analysisOf(c).entities.entities.find((e) => e.key === key);
}

/** The text spans of the entity `key` in a cable, from its own analysis. */
function spansOf(c: Cable, key: string) {
  const a = analysisOf(c);
  const e = entityOf(c, key);
  return e ? e.mentions.map((i) => a.doc.mentions[i].textSpan) : [];
}

/** The cables among `cables` with an entity keyed `key`, sorted by URI. */
function cablesWith(cables: Cable[], key: string): Cable[] {
  return cables.filter((c) => entityOf(c, key)).sort((a, b) => (a.uri < b.uri ? -1 : 1));
}

const slice = (text: string, s: { start: number; end: number }) => text.slice(s.start, s.end);

function applyFileEdits(files: FileEdits[], texts: Map<string, string>): Map<string, string> {
  const out = new Map<string, string>();
  for (const f of files) out.set(f.uri, applyEdits(texts.get(f.uri)!, f.edits));
  return out;
}

/** The untagged text with the words matching `words` blanked. */
function stripped(text: string, words: RegExp): string {
  return untaggedText(parseCable(text)).replace(words, '#');
}

describe('cross-cable features', () => {
  describe('references and definition', () => {
    it('a surname-only cable finds every Pickard mention of the seed, and the seed finds it', () => {
      const seed = seedText();
      const seedSpans = spansOf(seedCable(), 'nicolas pickard');
      assert.equal(seedSpans.length, countOf(seed, '[PER Pickard  ]') + countOf(seed, '[PER Nicolas Pickard  ]'));

      const { service } = build([seedCable()], [{ uri: P, text: PICKARD_ONLY }]);
      const here = [nth(PICKARD_ONLY, 'Pickard'), nth(PICKARD_ONLY, 'Pickard', 1)].map((start) => ({ uri: P, span: { start, end: start + 'Pickard'.length } }));
      const refs = service.references(P, here[1].span.start + 2);
      assert.deepEqual(refs, [...here, ...seedSpans.map((span) => ({ uri: SEED, span }))]);
      assert.deepEqual(refs.filter((r) => r.uri === SEED).map((r) => slice(seed, r.span)), ['Nicolas Pickard', ...Array(countOf(seed, '[PER Pickard  ]')).fill('Pickard')]);

      const reverse = build([{ uri: P, text: PICKARD_ONLY }], [seedCable()]).service;
      const back = reverse.references(SEED, nth(seed, 'Nicolas Pickard'));
      assert.deepEqual(back, [...seedSpans.map((span) => ({ uri: SEED, span })), ...here]);
    });

    it('with Ann Pickard in a third cable, Pickard stays in its own cable; without her, it is related again', () => {
      const { service } = build([seedCable(), abujaCable()], [{ uri: P, text: PICKARD_ONLY }]);
      const at = nth(PICKARD_ONLY, 'Pickard');
      assert.deepEqual(service.references(P, at).map((r) => r.uri), [P, P]);
      assert.deepEqual(service.definition(P, at), { uri: P, span: { start: at, end: at + 7 } });
      assert.equal(indexBehind(service).remove(ABUJA), true);
      assert.equal(service.references(P, at).length, 2 + spansOf(seedCable(), 'nicolas pickard').length);
    });

    it('includeDeclaration=false leaves out only this cable’s definition', () => {
      const { service } = build([seedCable()], [{ uri: P, text: PICKARD_ONLY }]);
      const at = nth(PICKARD_ONLY, 'Pickard', 1);
      const all = service.references(P, at);
      const rest = service.references(P, at, false);
      assert.equal(rest.length, all.length - 1);
      assert.deepEqual(rest, all.filter((r) => !(r.uri === P && r.span.start === nth(PICKARD_ONLY, 'Pickard'))));
      assert.ok(rest.some((r) => r.uri === SEED && slice(seedText(), r.span) === 'Nicolas Pickard'));
    });

    it('an open cable answers from its live text, not from the index’s older version', () => {
      const withNato = cablesWith(corpus(), 'nato');
      assert.ok(withNato.length >= 3);
      const [x, y, ...rest] = withNato;
      const { service, ws } = build(rest, [y]);
      service.indexSource(ws.write(x.uri, x.text));
      const before = service.references(y.uri, spansOf(y, 'nato')[0].start);
      assert.deepEqual(before.filter((r) => r.uri === x.uri).map((r) => r.span), spansOf(x, 'nato'));

      // X opens in an editor with one more NATO mention on a new first line.
      const edited = 'Note: [ORG NATO  ] first .\n' + x.text;
      ws.set(x.uri, edited);
      assert.equal(indexBehind(service).version(x.uri), 'disk:1');
      const after = service.references(y.uri, spansOf(y, 'nato')[0].start);
      const liveSpans = spansOf({ uri: x.uri, text: edited }, 'nato');
      assert.equal(liveSpans.length, spansOf(x, 'nato').length + 1);
      assert.deepEqual(after.filter((r) => r.uri === x.uri).map((r) => r.span), liveSpans);
      assert.ok(after.filter((r) => r.uri === x.uri).every((r) => slice(edited, r.span).toLowerCase().startsWith('nato')));
      assert.deepEqual(after.filter((r) => r.uri === x.uri)[0].span, { start: 'Note: [ORG '.length, end: 'Note: [ORG NATO'.length });
      assert.equal(after.length, before.length + 1);

      // Closed again: back to the index's version.
      ws.delete(x.uri);
      const closed = service.references(y.uri, spansOf(y, 'nato')[0].start);
      assert.deepEqual(closed.filter((r) => r.uri === x.uri).map((r) => r.span), spansOf(x, 'nato'));
      ws.set(x.uri, edited);

      // Untagged in the editor: gone from the references though the index still has it.
      const live = analysisOf({ uri: x.uri, text: edited });
      const withoutNato = applyEdits(edited, entityOf({ uri: x.uri, text: edited }, 'nato')!.mentions.flatMap((i) => removeTag(live.doc.mentions[i])));
      assert.equal(entityOf({ uri: x.uri, text: withoutNato }, 'nato'), undefined);
      ws.set(x.uri, withoutNato);
      assert.ok(indexBehind(service).cablesOf(['nato']).includes(x.uri));
      const untagged = service.references(y.uri, spansOf(y, 'nato')[0].start);
      assert.ok(!untagged.some((r) => r.uri === x.uri));
      assert.equal(untagged.length, before.length - spansOf(x, 'nato').length);
    });

    it('an open cable holding two related keys lists each location once', () => {
      const b = 'Met [PER Pickard  ] and the [ORG Nicolas Pickard  ] foundation .\n';
      const c = 'Saw [PER Pickard  ] again .\n';
      const { service } = build([{ uri: `${ROOT}a.cable`, text: 'Met [PER Nicolas Pickard  ] today .\n' }], [{ uri: `${ROOT}b.cable`, text: b }, { uri: `${ROOT}c.cable`, text: c }]);
      const refs = service.references(`${ROOT}c.cable`, nth(c, 'Pickard'));
      const keys = refs.map((r) => `${r.uri} ${r.span.start}`);
      assert.equal(new Set(keys).size, keys.length);
      assert.ok(refs.some((r) => r.uri === `${ROOT}b.cable` && slice(b, r.span) === 'Pickard'));
    });

    // A cable holding two related keys (`[PER Pickard  ]` and `[ORG Nicolas
    // Pickard  ]`, the PER `Nicolas Pickard` being in a third cable) gives all
    // its mentions, whether it is open or closed.
    it('references are the same whether the other cable is open or closed', () => {
      const a = { uri: `${ROOT}a.cable`, text: 'Met [PER Nicolas Pickard  ] today .\n' };
      const b = { uri: `${ROOT}b.cable`, text: 'Met [PER Pickard  ] and the [ORG Nicolas Pickard  ] foundation .\n' };
      const c = { uri: `${ROOT}c.cable`, text: 'Saw [PER Pickard  ] again .\n' };
      const closed = build([a, b], [c]).service.references(c.uri, nth(c.text, 'Pickard'));
      const open = build([a], [b, c]).service.references(c.uri, nth(c.text, 'Pickard'));
      assert.deepEqual(open, closed);
    });

    it('definition goes to another cable only for a fuller form', () => {
      const seed = seedText();
      const { service } = build([seedCable()], [{ uri: P, text: PICKARD_ONLY }]);
      const def = service.definition(P, nth(PICKARD_ONLY, 'Pickard') + 3)!;
      assert.deepEqual(def, { uri: SEED, span: { start: nth(seed, 'Nicolas Pickard'), end: nth(seed, 'Nicolas Pickard') + 'Nicolas Pickard'.length } });

      // From the seed, the fuller form is its own.
      const reverse = build([{ uri: P, text: PICKARD_ONLY }], [seedCable()]).service;
      const local = reverse.definition(SEED, nth(seed, '[PER Pickard  ]', 4) + 6)!;
      assert.equal(local.uri, SEED);
      assert.equal(slice(seed, local.span), 'Nicolas Pickard');

      // An entity with the same key elsewhere stays local.
      const london = service.definition(P, nth(PICKARD_ONLY, 'London'))!;
      assert.deepEqual(london, { uri: P, span: { start: nth(PICKARD_ONLY, 'London'), end: nth(PICKARD_ONLY, 'London') + 6 } });
    });

    it('definition in an open fuller cable uses its live text', () => {
      const seed = seedText();
      const { service, ws } = build([], [seedCable(), { uri: P, text: PICKARD_ONLY }]);
      const shifted = 'UNCLAS\n\n' + seed;
      ws.set(SEED, shifted);
      const def = service.definition(P, nth(PICKARD_ONLY, 'Pickard'))!;
      assert.equal(def.uri, SEED);
      assert.equal(def.span.start, nth(shifted, 'Nicolas Pickard'));
      assert.equal(slice(shifted, def.span), 'Nicolas Pickard');
    });
  });

  describe('hover', () => {
    let service: CableLanguageService;
    before(() => {
      service = build(corpus(), [seedCable()]).service;
    });

    /** The links of the "Also in" line: [label](target) pairs. */
    function alsoIn(markdown: string): { line: string; links: Array<{ label: string; target: string; tagged?: string }> } {
      const line = markdown.split('\n\n').find((l) => l.startsWith('Also in '))!;
      const links = [...line.matchAll(/\[([^\]]+)\]\(([^)]+)\)(?: \(([A-Z]+)\))?/g)].map((m) => ({ label: m[1], target: m[2], tagged: m[3] }));
      return { line, links };
    }

    it('U.S. in the seed: the count of other cables and mentions, five links to their definitions, and the rest', () => {
      const seed = seedText();
      const others = cablesWith(corpus(), 'u.s.');
      const mentions = others.reduce((n, c) => n + spansOf(c, 'u.s.').length, 0);
      assert.ok(others.length > 5);
      const h = service.hover(SEED, nth(seed, '[LOC U.S.  ]') + 6)!;
      const { line, links } = alsoIn(h.markdown);
      assert.ok(line.startsWith(`Also in **${others.length} other cables** (${mentions} mentions): `), line);
      assert.ok(line.endsWith(`, and ${others.length - 5} more`), line);
      assert.equal(links.length, 5);
      links.forEach((link, i) => {
        const c = others[i];
        const a = analysisOf(c);
        const e = entityOf(c, 'u.s.')!;
        const at = new LineIndex(c.text).positionAt(a.doc.mentions[e.definition].textSpan.start);
        assert.equal(link.target, `${c.uri}#L${at.line + 1},${at.character + 1}`);
        assert.equal(link.label, cableName(c.uri));
        assert.equal(link.tagged, e.type === 'LOC' ? undefined : e.type);
        // The link's line and character land on the definition.
        const lines = c.text.split(/\r\n|\r|\n/);
        assert.ok(lines[at.line].slice(at.character).startsWith(slice(c.text, a.doc.mentions[e.definition].textSpan)));
      });
    });

    it('one other cable: singular, a link to its definition, nothing more', () => {
      const a = 'UNCLAS\n( U ) Talks in\n  [LOC Zanzibar  ] today .\n';
      const b = 'UNCLAS\n( U ) [LOC Zanzibar  ] and [LOC Zanzibar  ] .\n';
      const s = build([{ uri: `${ROOT}a.cable`, text: a }], [{ uri: `${ROOT}b.cable`, text: b }]).service;
      const h = s.hover(`${ROOT}b.cable`, nth(b, 'Zanzibar'))!;
      const at = new LineIndex(a).positionAt(nth(a, 'Zanzibar'));
      assert.deepEqual(at, { line: 2, character: '  [LOC '.length });
      assert.ok(h.markdown.includes(`Also in **1 other cable** (1 mention): [a](${ROOT}a.cable#L3,8)`), h.markdown);
      assert.ok(!h.markdown.includes('more'));
      const solo = build([], [{ uri: `${ROOT}c.cable`, text: '[LOC Atlantis  ] .' }]).service.hover(`${ROOT}c.cable`, 6)!;
      assert.ok(!solo.markdown.includes('Also in'));
    });

    it('five other cables are all linked; a sixth is counted as "1 more"', () => {
      const text = (i: number) => `UNCLAS\n${'\n'.repeat(i)}( U ) [ORG Quux Council  ] met .\n`;
      const closed = [1, 2, 3, 4, 5].map((i) => ({ uri: `${ROOT}q${i}.cable`, text: text(i) }));
      const open = { uri: `${ROOT}q0.cable`, text: text(0) };
      const five = build(closed, [open]).service;
      const h5 = alsoIn(five.hover(open.uri, nth(open.text, 'Quux'))!.markdown);
      assert.equal(h5.links.length, 5);
      assert.ok(!h5.line.includes('more'));
      // Cable q<k> has its mention on line k + 2 (1-based).
      h5.links.forEach((l, i) => assert.equal(l.target, `${ROOT}q${i + 1}.cable#L${i + 3},${'( U ) [ORG '.length + 1}`));
      const six = build([...closed, { uri: `${ROOT}q6.cable`, text: text(6) }], [open]).service;
      const h6 = alsoIn(six.hover(open.uri, nth(open.text, 'Quux'))!.markdown);
      assert.equal(h6.links.length, 5);
      assert.ok(h6.line.startsWith('Also in **6 other cables** (6 mentions)'));
      assert.ok(h6.line.endsWith(', and 1 more'));
    });

    it('a link to an open cable points into its live text', () => {
      const a = '( U ) [LOC Zanzibar  ] .\n';
      const s = build([], [{ uri: `${ROOT}a.cable`, text: a }, { uri: `${ROOT}b.cable`, text: a }]);
      s.ws.set(`${ROOT}a.cable`, '\n\n\n   ' + a);
      const h = s.service.hover(`${ROOT}b.cable`, nth(a, 'Zanzibar'))!;
      assert.ok(h.markdown.includes(`(${ROOT}a.cable#L4,${'   ( U ) [LOC '.length + 1})`), h.markdown);
    });

    it('link labels are escaped cable names and link targets keep Markdown intact', () => {
      const uri = `${ROOT}x%5B1%5D%20(draft).cable`;
      const { service: s } = build([{ uri, text: '[LOC Zanzibar  ] .' }], [{ uri: `${ROOT}b.cable`, text: '[LOC Zanzibar  ] .' }]);
      assert.equal(cableName(uri), 'x[1] (draft)');
      const h = s.hover(`${ROOT}b.cable`, 6)!;
      assert.ok(h.markdown.includes(`[x\\[1\\] (draft)](${ROOT}x%5B1%5D%20%28draft%29.cable#L1,6)`), h.markdown);
    });

    // Hover counts cables, not occurrences: a cable holding two related keys
    // counts once, as in entityAt.
    it('a cable holding two related keys is counted and linked once', () => {
      const { service } = build(
        [
          { uri: `${ROOT}a.cable`, text: 'Met [PER Nicolas Pickard  ] today .\n' },
          { uri: `${ROOT}b.cable`, text: 'Met [PER Pickard  ] and the [ORG Nicolas Pickard  ] foundation .\n' },
        ],
        [{ uri: `${ROOT}c.cable`, text: 'Saw [PER Pickard  ] again .\n' }],
      );
      const at = nth('Saw [PER Pickard  ] again .\n', 'Pickard');
      const other = service.entityAt(`${ROOT}c.cable`, at)!.otherCables;
      assert.equal(other, 2);
      const { line, links } = alsoIn(service.hover(`${ROOT}c.cable`, at)!.markdown);
      assert.ok(line.startsWith(`Also in **${other} other cables**`), line);
      assert.equal(new Set(links.map((l) => l.label)).size, links.length);
    });
  });

  describe('rename', () => {
    it('renames the surname in the open cable and every mention in the closed seed', () => {
      const seed = seedText();
      const { service, ws } = build([seedCable()], [{ uri: P, text: PICKARD_ONLY }]);
      const files = service.rename(P, nth(PICKARD_ONLY, 'Pickard', 1), 'Pickering');
      assert.deepEqual(files.map((f) => f.uri), [P, SEED]);
      assert.equal(files[0].version, ws.get(P)!.version);
      assert.equal(files[1].version, undefined);
      assert.equal(files[1].edits.length, spansOf(seedCable(), 'nicolas pickard').length);
      const after = applyFileEdits(files, new Map([[P, PICKARD_ONLY], [SEED, seed]]));
      assert.equal(countOf(after.get(P)!, '[PER Pickering  ]'), 2);
      assert.equal(countOf(after.get(SEED)!, '[PER Nicolas Pickering  ]'), 1);
      assert.equal(countOf(after.get(SEED)!, '[PER Pickering  ]'), countOf(seed, '[PER Pickard  ]'));
      assert.equal(countOf(after.get(SEED)!, 'Pickard'), countOf(seed, 'Pickard') - countOf(seed, '[PER Pickard  ]') - countOf(seed, '[PER Nicolas Pickard  ]'));
      for (const [uri, text] of [[P, PICKARD_ONLY], [SEED, seed]]) {
        assert.equal(stripped(after.get(uri)!, /Pickering|Pickard/g), stripped(text, /Pickering|Pickard/g), uri);
      }
    });

    it('across the corpus: every cable with the entity, every mention, only tag texts', () => {
      const cables = corpus();
      const perCables = new Map<string, number>();
      for (const c of cables) for (const e of analysisOf(c).entities.entities) if (e.type === 'PER' && !e.key.includes(' ')) perCables.set(e.key, (perCables.get(e.key) ?? 0) + 1);
      const key = [...perCables].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0][0];
      const holders = cablesWith(cables, key);
      const open = holders[0];
      const { service, ws } = build(cables.filter((c) => c !== open), [open]);
      const keys = indexBehind(service).relatedKeys(key);
      const expected = cables.filter((c) => keys.some((k) => entityOf(c, k))).map((c) => c.uri);
      const a = analysisOf(open);
      const e = entityOf(open, key)!;
      const from = a.doc.mentions[e.mentions[0]];
      const files = service.rename(open.uri, from.textSpan.start, 'Zed Renamed');
      assert.equal(files[0].uri, open.uri);
      assert.deepEqual(files.map((f) => f.uri).sort(), expected.sort());
      assert.ok(files.length >= perCables.get(key)!);
      assert.equal(ws.reads.length, files.length - 1);
      const texts = corpusByUri();
      const after = applyFileEdits(files, texts);
      const old = new RegExp(`Zed Renamed|${from.text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'gi');
      for (const f of files) {
        const before = { uri: f.uri, text: texts.get(f.uri)! };
        const entity = keys.map((k) => entityOf(before, k)).find((x) => x)!;
        assert.equal(f.edits.length, entity.mentions.length, f.uri);
        const mentions = analysisOf(before).doc.mentions;
        for (const edit of f.edits) assert.ok(mentions.some((m) => m.textSpan.start === edit.span.start && m.textSpan.end === edit.span.end), f.uri);
        const renamed = analyze({ uri: f.uri, version: 0, text: after.get(f.uri)! }, defaultConfig());
        assert.ok(!renamed.entities.entities.some((x) => keys.includes(x.key)), f.uri);
        assert.equal(stripped(after.get(f.uri)!, old), stripped(before.text, old), f.uri);
      }
    });

    it('a closed cable changed on disk since it was indexed gets edits for its new text', () => {
      const seed = seedText();
      const { service, ws } = build([seedCable()], [{ uri: P, text: PICKARD_ONLY }]);
      const changed = 'UNCLAS\n( U ) First, [PER Pickard  ] arrived .\n\n' + seed.replace('[PER Pickard  ]', 'Pickard');
      ws.write(SEED, changed);
      assert.equal(indexBehind(service).version(SEED), 'disk:1');
      const files = service.rename(P, nth(PICKARD_ONLY, 'Pickard'), 'Pickering');
      const seedEdits = files.find((f) => f.uri === SEED)!.edits;
      const want = spansOf({ uri: SEED, text: changed }, 'nicolas pickard');
      assert.deepEqual(seedEdits.map((e) => e.span), want);
      assert.ok(seedEdits.every((e: TextEdit) => /^(Nicolas )?Pickard$/.test(slice(changed, e.span))));
      const renamed = applyEdits(changed, seedEdits);
      assert.equal(countOf(renamed, '[PER Pickard  ]') + countOf(renamed, '[PER Nicolas Pickard  ]'), 0);
      assert.equal(countOf(renamed, '[PER Pickering  ]'), countOf(changed, '[PER Pickard  ]'));
      // The index now has the new text.
      assert.deepEqual(ws.reads, [SEED]);
      assert.equal(indexBehind(service).version(SEED), 'disk:2');
      const first = nth(changed, 'Pickard');
      assert.deepEqual(service.positionAt(SEED, first), new LineIndex(changed).positionAt(first));
      assert.deepEqual(service.positionAt(SEED, first), { line: 1, character: '( U ) First, [PER '.length });
    });

    it('closed cables that cannot be read are left out', () => {
      const plain = new InMemoryWorkspace({ [P]: PICKARD_ONLY });
      const service = createLanguageService(plain);
      service.indexSource({ uri: SEED, version: 'disk:1', text: seedText() });
      service.indexOpenDocument(P);
      assert.deepEqual(service.rename(P, nth(PICKARD_ONLY, 'Pickard'), 'Pickering').map((f) => f.uri), [P]);

      const { service: s, ws } = build([seedCable()], [{ uri: P, text: PICKARD_ONLY }]);
      ws.unlink(SEED);
      assert.deepEqual(s.rename(P, nth(PICKARD_ONLY, 'Pickard'), 'Pickering').map((f) => f.uri), [P]);
    });

    it('refuses bad names with a RenameError, and unknown cables give nothing', () => {
      const { service } = build([seedCable()], [{ uri: P, text: PICKARD_ONLY }]);
      const at = nth(PICKARD_ONLY, 'Pickard');
      for (const [name, message] of [['   ', /cannot be empty/], ['Pick [ard', /cannot contain "\["/], ['Pick]', /cannot contain/], ['Pick\nard', /lines/], ['Pick\r\nard', /lines/]] as const) {
        assert.throws(() => service.rename(P, at, name), (e: Error) => e instanceof RenameError && message.test(e.message), JSON.stringify(name));
      }
      assert.throws(() => service.rename(P, nth(PICKARD_ONLY, 'Ambassador'), 'X'), RenameError);
      assert.deepEqual(service.rename(`${ROOT}nope.cable`, 0, 'X'), []);
    });
  });

  describe('workspace symbols', () => {
    let service: CableLanguageService;
    let cables: Cable[];
    before(() => {
      cables = [...corpus(), seedCable()];
      service = build(cables, [{ uri: P, text: PICKARD_ONLY }]).service;
      cables.push({ uri: P, text: PICKARD_ONLY });
    });

    it('pckrd finds every Pickard entity, one symbol per entity and cable, at its definition', () => {
      const symbols = service.workspaceSymbols('pckrd');
      const want = cables.flatMap((c) =>
        analysisOf(c)
          .entities.entities.filter((e) => fuzzyScore('pckrd', e.key) > 0)
          .map((e) => `${e.key}|${c.uri}|${analysisOf(c).doc.mentions[e.definition].textSpan.start}`),
      );
      const texts = new Map(cables.map((c) => [c.uri, c.text]));
      assert.deepEqual(symbols.map((s) => `${s.name.toLowerCase()}|${s.uri}|${s.span.start}`).sort(), want.sort());
      const names = symbols.map((s) => `${s.name} ${s.cable}`);
      for (const n of ['Nicolas Pickard 000_d5a32e40f8b893e0', 'Ann Pickard 09ABUJA1907', 'Pickard pickard']) assert.ok(names.includes(n), n);
      for (const s of symbols) {
        assert.equal(s.cable, path.basename(s.uri).replace(/\.[^.]+$/, ''));
        assert.equal(slice(texts.get(s.uri)!, s.span).toLowerCase(), s.name.toLowerCase());
        assert.equal(s.type, 'PER');
      }
    });

    it('exact, then prefix, then substring at a word, inside a word, then subsequence', () => {
      const names = ['Pick And Rd', 'Mcpickard', 'Ann Pickard', 'Pickardson', 'Pickard'];
      const closed = names.map((n, i) => ({ uri: `${ROOT}s${i}.cable`, text: `( U ) [PER ${n}  ] .\n` }));
      const s = build(closed).service;
      const got = s.workspaceSymbols('Pickard').map((x) => x.name);
      const byScore = [...names].sort((a, b) => fuzzyScore('pickard', b.toLowerCase()) - fuzzyScore('pickard', a.toLowerCase()));
      assert.deepEqual(got, byScore);
      assert.deepEqual(got, ['Pickard', 'Pickardson', 'Ann Pickard', 'Mcpickard', 'Pick And Rd']);
      const scores = got.map((n) => fuzzyScore('pickard', n.toLowerCase()));
      for (let i = 1; i < scores.length; i++) assert.ok(scores[i - 1] > scores[i], `${got[i - 1]} ${got[i]}`);
      assert.deepEqual(s.workspaceSymbols('zzz'), []);
    });

    it('one symbol per cable for an entity in many cables; the limit holds', () => {
      // Names are each cable's own (`NATO’s` where the cable only writes that).
      const nato = service.workspaceSymbols('nato').filter((s) => entityKey(s.name) === 'nato');
      const holders = cablesWith(cables, 'nato');
      assert.deepEqual(nato.map((s) => s.uri), holders.map((c) => c.uri));
      assert.equal(service.workspaceSymbols('', 7).length, 7);
      assert.deepEqual(service.workspaceSymbols('an', 3), service.workspaceSymbols('an').slice(0, 3));
    });

    it('an open cable’s symbol spans come from its live text', () => {
      const { service: s, ws } = build([seedCable()], [{ uri: P, text: PICKARD_ONLY }]);
      const shifted = '\n\n\nUNCLAS ' + PICKARD_ONLY.replace('[LOC London  ]', '[ORG London  ]');
      ws.set(P, shifted);
      const sym = s.workspaceSymbols('pickard').find((x) => x.uri === P)!;
      assert.deepEqual(sym.span, { start: nth(shifted, 'Pickard'), end: nth(shifted, 'Pickard') + 7 });
      const london = s.workspaceSymbols('london').find((x) => x.uri === P)!;
      assert.equal(london.type, 'ORG');
      assert.equal(slice(shifted, london.span), 'London');
      // Untagged in the editor: no symbol for that cable.
      ws.set(P, PICKARD_ONLY.replace(/\[PER Pickard {2}\]/g, 'Pickard'));
      assert.ok(!s.workspaceSymbols('pickard').some((x) => x.uri === P));
    });
  });

  describe('entity-cross-cable-conflict', () => {
    /** Types per other cable for `key`, from the cables' own analyses. */
    function otherTypes(cables: Cable[], key: string): Map<string, string[]> {
      const out = new Map<string, string[]>();
      for (const c of cables) {
        const e = entityOf(c, key);
        if (e) out.set(e.type, [...(out.get(e.type) ?? []), c.uri].sort());
      }
      return out;
    }
    const conflicts = (s: CableLanguageService, uri: string) => s.diagnostics(uri).filter((d) => d.code === CONFLICT);

    let service: CableLanguageService;
    before(() => {
      service = build(corpus(), [seedCable()]).service;
    });

    it('U.S. is LOC in the seed and ORG elsewhere: one diagnostic on its definition, with related places', () => {
      const seed = seedText();
      const a = analysisOf(seedCable());
      const us = entityOf(seedCable(), 'u.s.')!;
      assert.equal(us.type, 'LOC');
      const types = otherTypes(corpus(), 'u.s.');
      const org = types.get('ORG')!;
      const total = [...types.values()].reduce((n, l) => n + l.length, 0);
      const found = conflicts(service, SEED).filter((d) => slice(seed, d.span).includes('U.S.'));
      assert.equal(found.length, 1);
      const d = found[0];
      assert.equal(d.severity, 'information');
      assert.deepEqual(d.span, a.doc.mentions[us.definition].textSpan);
      assert.equal(slice(seed, d.span), 'U.S.');
      assert.deepEqual(d.data, { type: 'ORG' });
      assert.ok(d.message.includes(`"U.S." is tagged LOC in this cable, but ORG (Organization) in ${org.length} of ${total} other cables`), d.message);
      const texts = corpusByUri();
      const related = d.related!;
      assert.equal(related.length, 3);
      assert.equal(new Set(related.map((r) => r.uri)).size, 3);
      for (const r of related) {
        assert.ok(org.includes(r.uri), r.uri);
        const other = { uri: r.uri, text: texts.get(r.uri)! };
        assert.deepEqual(r.span, analysisOf(other).doc.mentions[entityOf(other, 'u.s.')!.definition].textSpan);
        assert.equal(slice(other.text, r.span), 'U.S.');
        assert.equal(r.message, `tagged ORG in ${cableName(r.uri)}`);
      }
    });

    it('related places leave out open cables, whose indexed spans may be stale', () => {
      const orgCables = cablesWith(corpus(), 'u.s.').filter((c) => entityOf(c, 'u.s.')!.type === 'ORG');
      const { service: s } = build([orgCables[0]], [orgCables[1], orgCables[2], seedCable()]);
      const d = conflicts(s, SEED).find((x) => x.message.startsWith('"U.S."'))!;
      assert.ok(d.message.includes('in 3 of 3 other cables'), d.message);
      assert.deepEqual(d.related!.map((r) => r.uri), [orgCables[0].uri]);
    });

    it('cable-lint’s check (conflictsWithIndex on the indexed entities) agrees with the service on every cable', () => {
      const cables = [...corpus(), seedCable()];
      const { service: s, ws } = build(cables);
      let found = 0;
      const unquote = (d: CableDiagnostic) => ({ ...d, message: d.message.replace(/^"[^"]*"/, '"…"'), name: /^"([^"]*)"/.exec(d.message)![1].toLowerCase() });
      for (const c of cables) {
        const fromIndex = conflictsWithIndex(c.uri, indexBehind(s).entitiesOf(c.uri), indexBehind(s), defaultConfig());
        ws.set(c.uri, c.text);
        const fromService = conflicts(s, c.uri);
        ws.delete(c.uri);
        assert.deepEqual(fromIndex.map(unquote), fromService.map(unquote), c.uri);
        found += fromService.length;
      }
      assert.ok(found >= 2, `${found} conflicts`);
    });

    // cable-lint words a conflict as the editor does: with the cable's own name
    // for the entity (`Abu` in 07MADRID520, where other cables write `ABU`).
    it('cable-lint’s conflict messages name the entity as the cable does', () => {
      const cables = [...corpus(), seedCable()];
      const { service: s, ws } = build(cables);
      for (const c of cables) {
        const fromIndex = conflictsWithIndex(c.uri, indexBehind(s).entitiesOf(c.uri), indexBehind(s), defaultConfig());
        ws.set(c.uri, c.text);
        const fromService = conflicts(s, c.uri);
        ws.delete(c.uri);
        assert.deepEqual(fromIndex.map((d) => d.message), fromService.map((d) => d.message), c.uri);
      }
    });

    it('the seed’s conflicts are exactly the entities most other cables type otherwise', () => {
      const seed = seedText();
      const want: string[] = [];
      for (const e of analysisOf(seedCable()).entities.entities) {
        const counts = [...otherTypes(corpus(), e.key)].map(([t, l]) => [t, l.length] as const);
        const total = counts.reduce((n, [, k]) => n + k, 0);
        const [type, n] = counts.reduce((best, x) => (x[1] > best[1] ? x : best), ['', 0] as const);
        if (total >= 2 && n >= 2 && type !== e.type && 3 * n >= 2 * total) want.push(e.name);
      }
      assert.ok(want.includes('U.S.'));
      const got = conflicts(service, SEED).map((d) => /^"([^"]+)"/.exec(d.message)![1]);
      assert.deepEqual(got.sort(), want.sort());
      assert.ok(conflicts(service, SEED).every((d) => d.span.end <= seed.length));
    });

    it('severity follows the rules; off turns it off and leaves the other diagnostics', () => {
      const { service: s } = build(corpus(), [seedCable()]);
      const others = s.diagnostics(SEED).filter((d) => d.code !== CONFLICT).length;
      const n = conflicts(s, SEED).length;
      s.setConfig(normalizeConfig({ rules: { [CONFLICT]: 'warning' } }).config);
      assert.equal(conflicts(s, SEED).length, n);
      assert.ok(conflicts(s, SEED).every((d) => d.severity === 'warning'));
      s.setConfig(normalizeConfig({ rules: { [CONFLICT]: 'off' } }).config);
      assert.deepEqual(conflicts(s, SEED), []);
      assert.equal(s.diagnostics(SEED).length, others);
    });

    it('skipped above the size limit, and within the problem limit', () => {
      const seed = seedText();
      const { service: s } = build(corpus(), [seedCable()]);
      const local = s.diagnostics(SEED).filter((d) => d.code !== CONFLICT);
      const n = conflicts(s, SEED).length;
      assert.ok(n >= 1);
      s.setConfig(normalizeConfig({ maxFileSize: seed.length - 1 }).config);
      assert.deepEqual(conflicts(s, SEED), []);
      s.setConfig(normalizeConfig({ maxProblems: local.length }).config);
      assert.equal(s.diagnostics(SEED).length, local.length);
      s.setConfig(normalizeConfig({ maxProblems: local.length + n }).config);
      assert.equal(s.diagnostics(SEED).length, local.length + n);
      s.setConfig(normalizeConfig({ maxProblems: local.length + 1 }).config);
      const capped = s.diagnostics(SEED);
      assert.equal(capped.length, local.length + 1);
      for (let i = 1; i < capped.length; i++) assert.ok(capped[i - 1].span.start <= capped[i].span.start);
    });

    it('needs two other cables', () => {
      const orgCables = cablesWith(corpus(), 'u.s.').filter((c) => entityOf(c, 'u.s.')!.type === 'ORG');
      const one = build([orgCables[0]], [seedCable()]).service;
      assert.deepEqual(conflicts(one, SEED).filter((d) => d.message.startsWith('"U.S."')), []);
      const two = build(orgCables.slice(0, 2), [seedCable()]).service;
      const d = conflicts(two, SEED).filter((x) => x.message.startsWith('"U.S."'));
      assert.equal(d.length, 1);
      assert.ok(d[0].message.includes('in 2 of 2 other cables'));
      assert.deepEqual(d[0].related!.map((r) => r.uri).sort(), orgCables.slice(0, 2).map((c) => c.uri));
      // A single cable in the index: no check at all.
      assert.deepEqual(conflicts(build([], [seedCable()]).service, SEED), []);
    });

    it('needs two thirds of the other cables to agree', () => {
      const cable = (type: string) => `( U ) The [${type} Quux  ] office .\n`;
      const here = { uri: `${ROOT}here.cable`, text: cable('LOC') };
      const make = (types: string[]) => build(types.map((t, i) => ({ uri: `${ROOT}o${i}.cable`, text: cable(t) })), [here]).service;
      assert.equal(conflicts(make(['ORG', 'ORG', 'MISC']), here.uri).length, 1);
      assert.ok(conflicts(make(['ORG', 'ORG', 'MISC']), here.uri)[0].message.includes('ORG (Organization) in 2 of 3 other cables'));
      assert.equal(conflicts(make(['ORG', 'ORG', 'MISC', 'MISC']), here.uri).length, 0);
      assert.equal(conflicts(make(['ORG', 'ORG', 'LOC']), here.uri).length, 1);
      assert.equal(conflicts(make(['LOC', 'LOC', 'ORG']), here.uri).length, 0);
    });

    it('the quick fix retypes every mention of the entity in the cable, and the conflict goes', () => {
      const seed = seedText();
      const { service: s, ws } = build(corpus(), [seedCable()]);
      const d = conflicts(s, SEED).find((x) => x.message.startsWith('"U.S."'))!;
      const us = entityOf(seedCable(), 'u.s.')!;
      const fixes = s.codeActions(SEED, d.span).filter((a) => a.diagnostics?.some((x: CableDiagnostic) => x.code === CONFLICT));
      assert.equal(fixes.length, 1);
      const fix = fixes[0];
      assert.equal(fix.title, `Retype all ${us.mentions.length} mentions of "U.S." as ORG, as other cables do`);
      assert.equal(fix.kind, 'quickfix');
      const locs = us.typeCounts.get('LOC')!;
      assert.equal(fix.edits.length, locs);
      assert.ok(fix.edits.every((e) => slice(seed, e.span) === 'LOC' && e.newText === 'ORG'));
      const fixed = applyEdits(seed, fix.edits);
      assert.equal(untaggedText(parseCable(fixed)), untaggedText(parseCable(seed)));
      assert.equal(countOf(fixed, '[ORG U.S.  ]'), countOf(seed, '[ORG U.S.  ]') + locs);
      const remaining = conflicts(s, SEED).length;
      ws.set(SEED, fixed);
      const after = conflicts(s, SEED);
      assert.ok(!after.some((x) => x.message.startsWith('"U.S."')));
      assert.equal(after.length, remaining - 1);
      assert.equal(entityOf({ uri: SEED, text: fixed }, 'u.s.')!.type, 'ORG');
      // Not offered for other kinds, nor away from the diagnostic.
      assert.ok(!s.codeActions(SEED, d.span, ['refactor.rewrite']).some((a) => a.title.includes('as other cables do')));
    });

    it('the quick fix leaves mentions that already have the workspace’s type', () => {
      const text = '( U ) The [LOC Quux  ] office, the [ORG Quux  ] staff and [LOC Quux  ] again .\n';
      const here = { uri: `${ROOT}here.cable`, text };
      const others = [0, 1].map((i) => ({ uri: `${ROOT}o${i}.cable`, text: '( U ) [ORG Quux  ] .\n' }));
      const { service: s, ws } = build(others, [here]);
      const d = conflicts(s, here.uri);
      assert.equal(d.length, 1);
      assert.equal(slice(text, d[0].span), 'Quux');
      assert.equal(d[0].span.start, nth(text, 'Quux'));
      const [fix] = s.codeActions(here.uri, d[0].span, ['quickfix']).filter((a) => a.title.includes('as other cables do'));
      assert.equal(fix.title, 'Retype all 3 mentions of "Quux" as ORG, as other cables do');
      assert.deepEqual(fix.edits.map((e) => e.span.start), [nth(text, 'LOC'), nth(text, 'LOC', 1)]);
      const fixed = applyEdits(text, fix.edits);
      assert.equal(countOf(fixed, '[ORG Quux  ]'), 3);
      ws.set(here.uri, fixed);
      assert.deepEqual(conflicts(s, here.uri), []);
    });

    it('no fix away from the diagnostic', () => {
      const seed = seedText();
      const d = conflicts(service, SEED).find((x) => x.message.startsWith('"U.S."'))!;
      const far = { start: seed.length - 1, end: seed.length };
      assert.ok(far.start > d.span.end);
      const actions = service.codeActions(SEED, far);
      assert.ok(!actions.some((a) => a.title.includes('"U.S."') && a.title.includes('as other cables do')));
    });
  });

  describe('the Entities view', () => {
    let service: CableLanguageService;
    let cables: Cable[];
    before(() => {
      cables = [...corpus(), seedCable()];
      service = build(corpus(), [seedCable()]).service;
    });

    it('entityTypes of one cable: entities and mentions per type, in the configured order', () => {
      const a = analysisOf(seedCable());
      const groups = service.entityTypes(SEED);
      assert.deepEqual(groups.map((g) => g.type), ['PER', 'ORG', 'LOC', 'MISC']);
      for (const g of groups) {
        const of = a.entities.entities.filter((e) => e.type === g.type);
        assert.equal(g.entities, of.length, g.type);
        assert.equal(g.mentions, of.reduce((n, e) => n + e.mentions.length, 0), g.type);
      }
      assert.equal(groups.find((g) => g.type === 'LOC')!.label, 'Location');
      const reordered = build([], [seedCable()], normalizeConfig({ entityTypes: ['MISC', 'LOC', 'PER', 'ORG'] }).config).service;
      assert.deepEqual(reordered.entityTypes(SEED).map((g) => g.type), ['MISC', 'LOC', 'PER', 'ORG']);
      assert.deepEqual(service.entityTypes(`${ROOT}nope.cable`), []);
    });

    it('entityTypes of the workspace adds up to the index', () => {
      const groups = service.entityTypes();
      assert.equal(groups.reduce((n, g) => n + g.entities, 0), indexBehind(service).entityCount);
      assert.equal(groups.reduce((n, g) => n + g.mentions, 0), indexBehind(service).mentionCount);
      const keys = new Set(cables.flatMap((c) => analysisOf(c).entities.entities.map((e) => e.key)));
      assert.equal(indexBehind(service).entityCount, keys.size);
      const pckrd = service.entityTypes(undefined, 'pckrd');
      assert.equal(pckrd.reduce((n, g) => n + g.entities, 0), [...keys].filter((k) => fuzzyScore('pckrd', k) > 0).length);
    });

    it('entities of one cable: most mentions first, with their cable counts, limit and total', () => {
      const a = analysisOf(seedCable());
      const { entities, total } = service.entities('LOC', SEED);
      const locs = a.entities.entities.filter((e) => e.type === 'LOC');
      assert.equal(total, locs.length);
      assert.equal(entities.length, locs.length);
      for (let i = 1; i < entities.length; i++) {
        const [p, q] = [entities[i - 1], entities[i]];
        assert.ok(p.mentions > q.mentions || (p.mentions === q.mentions && (p.cables > q.cables || (p.cables === q.cables && p.name.localeCompare(q.name) <= 0))));
      }
      for (const e of entities) {
        const keys = indexBehind(service).relatedKeys(e.key);
        const others = corpus().filter((c) => keys.some((k) => entityOf(c, k))).length;
        assert.equal(e.cables, 1 + others, e.key);
        assert.equal(e.mentions, locs.find((x) => x.key === e.key)!.mentions.length);
      }
      assert.equal(entities.find((e) => e.key === 'u.s.')!.cables, 1 + cablesWith(corpus(), 'u.s.').length);
      const two = service.entities('LOC', SEED, undefined, 2);
      assert.deepEqual(two, { entities: entities.slice(0, 2), total });
      assert.deepEqual(service.entities('LOC', SEED, undefined, -1), { entities: [], total });
      assert.deepEqual(service.entities('LOC', `${ROOT}nope.cable`), { entities: [], total: 0 });
    });

    it('the filter is fuzzy, in a cable and in the workspace', () => {
      assert.deepEqual(service.entities('PER', SEED, 'pckrd').entities.map((e) => e.name), ['Nicolas Pickard']);
      assert.deepEqual(service.entities('PER', SEED, '  PICKARD ').entities.map((e) => e.name), ['Nicolas Pickard']);
      const ws = service.entities('PER', undefined, 'pckrd');
      const keys = new Set(cables.flatMap((c) => analysisOf(c).entities.entities.map((e) => e.key)));
      const want = [...keys].filter((k) => fuzzyScore('pckrd', k) > 0 && indexBehind(service).entity(k)!.type === 'PER');
      assert.deepEqual(ws.entities.map((e) => e.key).sort(), want.sort());
      assert.ok(ws.entities.some((e) => e.name === 'Ann Pickard'));
      assert.equal(ws.total, want.length);
    });

    it('entities of the workspace: counts over every cable, most mentions first', () => {
      const { entities, total } = service.entities('ORG', undefined, undefined, 25);
      assert.equal(entities.length, 25);
      assert.equal(total, indexBehind(service).entities('ORG').length);
      for (let i = 1; i < entities.length; i++) assert.ok(entities[i - 1].mentions >= entities[i].mentions);
      const us = entities.find((e) => e.key === 'u.s.')!;
      const holders = cablesWith(cables, 'u.s.');
      assert.equal(us.cables, holders.length);
      assert.equal(us.mentions, holders.reduce((n, c) => n + spansOf(c, 'u.s.').length, 0));
      const all = service.entities('ORG', undefined, undefined, 1_000_000).entities;
      assert.equal(all[0].mentions, Math.max(...all.map((e) => e.mentions)));
    });

    it('entityMentions: in one cable with its types, or in every cable sorted by URI', () => {
      const seed = seedText();
      const a = analysisOf(seedCable());
      const us = entityOf(seedCable(), 'u.s.')!;
      const here = service.entityMentions('u.s.', SEED);
      assert.deepEqual(here, us.mentions.map((i) => ({ uri: SEED, span: a.doc.mentions[i].textSpan, type: a.doc.mentions[i].type })));
      assert.ok(here.every((m) => slice(seed, m.span) === 'U.S.'));
      const everywhere = service.entityMentions('u.s.');
      const holders = cablesWith(cables, 'u.s.');
      assert.deepEqual(
        everywhere,
        holders.flatMap((c) => spansOf(c, 'u.s.').map((span) => ({ uri: c.uri, span, type: entityOf(c, 'u.s.')!.type }))),
      );
      assert.deepEqual(service.entityMentions('no such entity'), []);
      assert.deepEqual(service.entityMentions('u.s.', `${ROOT}nope.cable`), []);
    });

    it('entityMentions of the workspace follow an open cable’s live text', () => {
      const { service: s, ws } = build([abujaCable()], [{ uri: P, text: PICKARD_ONLY }]);
      const edited = 'UNCLAS [LOC London  ]\n' + PICKARD_ONLY;
      ws.set(P, edited);
      const london = s.entityMentions('london').filter((m) => m.uri === P);
      assert.deepEqual(london.map((m) => slice(edited, m.span)), ['London', 'London']);
      assert.equal(london[0].span.start, 'UNCLAS [LOC '.length);
    });

    it('entityAt: the entity under the cursor and how many other cables have it', () => {
      const { service: s } = build([seedCable()], [{ uri: P, text: PICKARD_ONLY }]);
      assert.deepEqual(s.entityAt(P, nth(PICKARD_ONLY, 'Pickard')), { name: 'Pickard', type: 'PER', mentions: 2, otherCables: 1 });
      assert.deepEqual(s.entityAt(P, nth(PICKARD_ONLY, 'FCO')), { name: 'FCO', type: 'ORG', mentions: 1, otherCables: 1 });
      assert.equal(s.entityAt(P, nth(PICKARD_ONLY, 'Ambassador')), undefined);
      const u = service.entityAt(SEED, nth(seedText(), 'U.S.  ]'))!;
      assert.equal(u.otherCables, cablesWith(corpus(), 'u.s.').length);
    });
  });

  describe('the index behind the service', () => {
    it('indexOpenDocument puts an open cable in once per version', () => {
      const { service, ws } = build([seedCable()]);
      ws.set(P, PICKARD_ONLY);
      const g = indexBehind(service).generation;
      assert.equal(service.indexOpenDocument(P), true);
      assert.ok(indexBehind(service).generation > g);
      assert.equal(indexBehind(service).version(P), ws.get(P)!.version);
      assert.equal(service.indexOpenDocument(P), false);
      const mentions = indexBehind(service).mentionCount;
      ws.set(P, PICKARD_ONLY + '3. ( U ) [PER Pickard  ] left .\n');
      assert.equal(service.indexOpenDocument(P), true);
      assert.equal(indexBehind(service).mentionCount, mentions + 1);
      assert.equal(indexBehind(service).entity('pickard')!.mentions, 3);
      assert.equal(indexBehind(service).cableCount, 2);
    });

    it('indexSource replaces the cable it had', () => {
      const { service, ws } = build([seedCable(), abujaCable()]);
      const before = indexBehind(service).mentionCount;
      const ann = spansOf(abujaCable(), 'ann pickard').length;
      service.indexSource(ws.write(ABUJA, abujaCable().text.replace('[PER Ann Pickard  ]', 'Ann Pickard')));
      assert.equal(indexBehind(service).mentionCount, before - ann);
      assert.equal(indexBehind(service).version(ABUJA), 'disk:2');
      assert.equal(indexBehind(service).entity('ann pickard'), undefined);
      assert.equal(indexBehind(service).cableCount, 2);
    });
  });

  describe('cableName', () => {
    it('the file name without its extension, percent-decoded when it can be', () => {
      const cases: Array<[string, string]> = [
        [ABUJA, '09ABUJA1907'],
        [SEED, '000_d5a32e40f8b893e0'],
        [`${ROOT}a.b.cable`, 'a.b'],
        [`${ROOT}.cable`, '.cable'],
        [`${ROOT}noext`, 'noext'],
        [`${ROOT}My%20Cable.cable`, 'My Cable'],
        [`${ROOT}bad%E0%A4%A.cable`, 'bad%E0%A4%A'],
      ];
      for (const [uri, name] of cases) assert.equal(cableName(uri), name, uri);
    });
  });

  describe('positions', () => {
    it('positionAt: cables on disk through the index, open ones through their text', () => {
      const name = '06MOSCOW5645.cable';
      const text = corpusText(name);
      const crlf = text.replace(/\n/g, '\r\n');
      const open = '\n\n𝐀 ' + PICKARD_ONLY;
      const { service } = build([{ uri: `${CORPUS}${name}`, text }, { uri: `${ROOT}crlf.cable`, text: crlf }], [{ uri: P, text: open }]);
      for (const [uri, body] of [[`${CORPUS}${name}`, text], [`${ROOT}crlf.cable`, crlf], [P, open]]) {
        const lines = new LineIndex(body);
        const a = analysisOf({ uri, text: body });
        assert.ok(a.doc.mentions.length > 0);
        for (const m of a.doc.mentions) {
          assert.deepEqual(service.positionAt(uri, m.textSpan.start), lines.positionAt(m.textSpan.start), uri);
          assert.deepEqual(service.positionAt(uri, m.textSpan.end), lines.positionAt(m.textSpan.end), uri);
        }
      }
      assert.equal(service.positionAt(`${ROOT}nope.cable`, 0), undefined);
      assert.deepEqual(service.positionAt(P, nth(open, 'Pickard')), { line: 3, character: '1. ( U ) The Ambassador met [PER '.length });
    });
  });

  describe('robustness', () => {
    it('malformed cables index and answer without throwing', () => {
      const line = '[PER Ann Lee  ] met [ORG NATO  ] in [LOC Rome  ] . ';
      let junk = '';
      for (let i = 0; i < 4000; i++) junk += String.fromCharCode((i * 7919 + 13) % 0xffff);
      const inputs = ['', 'The [PER Nicolas Pickard met [ORG NATO  ] and [LOC', '[ORG [LOC Rome  ] x  ] ] [', junk, '\uD800[PER \uDC00  ]\r\r\n', line.repeat(Math.ceil(1_000_000 / line.length)), 'y'.repeat(1_000_000)];
      const { service, ws } = build(inputs.map((text, i) => ({ uri: `${ROOT}bad${i}.cable`, text })), [{ uri: P, text: PICKARD_ONLY }]);
      assert.equal(indexBehind(service).cableCount, inputs.length + 1);
      inputs.forEach((text, i) => {
        const uri = `${ROOT}open${i}.cable`;
        ws.set(uri, text);
        service.indexOpenDocument(uri);
        for (const offset of [0, text.length >> 1, text.length]) {
          service.references(uri, offset);
          service.definition(uri, offset);
          service.hover(uri, offset);
          service.entityAt(uri, offset);
        }
        service.diagnostics(uri);
        service.entityTypes(uri);
        assert.deepEqual(service.positionAt(`${ROOT}bad${i}.cable`, text.length), new LineIndex(text).positionAt(text.length));
      });
      assert.ok(service.workspaceSymbols('ann lee').length >= 2);
      assert.ok(service.references(P, nth(PICKARD_ONLY, 'FCO')).length >= 1);
      assert.equal(indexBehind(service).remove(`${ROOT}never-indexed.cable`), false);
      assert.equal(service.indexOpenDocument(`${ROOT}never-opened.cable`), false);
      assert.equal(service.indexOpenDocument(P), false);
    });
  });
});
