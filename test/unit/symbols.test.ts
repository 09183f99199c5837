import * as assert from 'node:assert/strict';
import { CableSymbol } from '../../server/src/core';
import { URI, corpusFiles, seedText, serviceFor } from '../helpers';
import * as fs from 'fs';

function outline(symbols: CableSymbol[], depth = 0): string[] {
  return symbols.flatMap((s) => [`${'  '.repeat(depth)}${s.kind}: ${s.name}${s.detail ? ` — ${s.detail}` : ''}`, ...outline(s.children, depth + 1)]);
}

function assertNested(symbols: CableSymbol[], parent?: CableSymbol) {
  for (const s of symbols) {
    assert.ok(s.selectionSpan.start >= s.span.start && s.selectionSpan.end <= s.span.end, `${s.name}: selection inside range`);
    // Entity groups sit at the end of the text; their entities point into it.
    if (parent && parent.kind !== 'entityType') assert.ok(s.span.start >= parent.span.start && s.span.end <= parent.span.end, `${s.name} inside ${parent.name}`);
    assertNested(s.children, s);
  }
}

describe('document symbols', () => {
  const seed = seedText();
  const all = serviceFor(seed).documentSymbols(URI);
  const symbols = all.filter((s) => s.kind !== 'entities');

  it('the seed: header fields, then sections with their paragraphs', () => {
    assert.deepEqual(outline(symbols).map((l) => l.replace(/ — .*/, '')), [
      'header: Header',
      '  banner: C O N F I D E N T I A L',
      '  field: E.O.',
      '  field: TAGS',
      '  field: SUBJECT',
      '  field: REF',
      '  reference: REF B',
      '  field: Classified By',
      'section: Summary',
      '  paragraph: ¶1 (C) Summary: In the latest bilateral consultation…',
      '  paragraph: ¶2 (C) Nicolas Pickard , head of the FCO Security…',
      'section: CONVENTION ON CLUSTER MUNITIONS',
      '  paragraph: ¶3 (C) Pickard informed the group that the Convention…',
      '  paragraph: ¶4 (C) Pickard also noted a gap between the UK…',
      '  paragraph: ¶5 (C) In answer to queries about the case-by-case…',
      '  paragraph: ¶6 (C) Costner requested that Pickard provide…',
      'section: CCM AT NATO',
      '  paragraph: ¶7 (C) Hodson outlined our concerns about potential…',
      'section: CCW',
      '  paragraph: ¶8 (C) Ford expressed UK support for concluding a…',
      'section: WAY FORWARD',
      '  paragraph: ¶9 (C) Regarding our bilateral conversation , the…',
    ]);
    const header = symbols[0];
    assert.equal(header.detail, 'CONFIDENTIAL');
    assert.equal(header.children.find((c) => c.name === 'SUBJECT')!.detail, 'U.S.-UK CLUSTER MUNITIONS DIALOGUE');
  });

  it('entities by type, most mentioned first, with counts', () => {
    const group = all[all.length - 1];
    assert.equal(group.name, 'Entities');
    assert.deepEqual(group.children.map((c) => c.name), ['LOC — Location', 'ORG — Organization', 'PER — Person', 'MISC — Miscellaneous']);
    const per = group.children.find((c) => c.name.startsWith('PER'))!;
    assert.deepEqual(per.children.slice(0, 3).map((c) => `${c.name} ${c.detail}`), ['Nicolas Pickard ×14', 'Steven Costner ×6', 'Andrew Ford ×5']);
    assert.equal(seed.slice(per.children[0].selectionSpan.start, per.children[0].selectionSpan.end), 'Nicolas Pickard');
  });

  it('children lie inside their parents; selections inside their ranges', () => {
    assertNested(all);
    for (const file of corpusFiles().slice(0, 60)) assertNested(serviceFor(fs.readFileSync(file, 'utf8')).documentSymbols(URI));
    // Breadcrumbs: only the structure contains a position inside the body.
    const inside = all.filter((s) => s.span.start <= seed.indexOf('Pickard  ] informed') && seed.indexOf('Pickard  ] informed') < s.span.end);
    assert.deepEqual(inside.map((s) => s.name), ['CONVENTION ON CLUSTER MUNITIONS']);
  });

  it('paragraphs before any heading stay at the top level', () => {
    const text = "UNCLASSIFIED TAGS PREL\n<a id='par1' href='#par1'>¶</a>1 .\n( U ) First .\nNext ------- <a id='par2' href='#par2'>¶</a>2 .\n( U ) Second .\n";
    assert.deepEqual(outline(serviceFor(text).documentSymbols(URI).filter((s) => s.kind !== 'entities')).map((l) => l.replace(/ — .*/, '')), [
      'header: Header',
      '  banner: UNCLASSIFIED',
      '  field: TAGS',
      'paragraph: ¶1 (U) First .',
      'section: Next',
      '  paragraph: ¶2 (U) Second .',
    ]);
  });

  it('plain tagged text has only its entities', () => {
    assert.deepEqual(outline(serviceFor('[PER Bob  ] spoke .').documentSymbols(URI)), ['entities: Entities — 1', '  entityType: PER — Person — 1 entities, 1 mentions', '    entity: Bob — ×1']);
  });
});

describe('folding ranges', () => {
  it('the seed: the header, each section and each paragraph fold', () => {
    const seed = seedText();
    const ranges = serviceFor(seed).foldingRanges(URI);
    const lines = seed.split('\n');
    const at = (line: number) => lines[line];
    const sections = ranges.filter((r) => r.kind === 'section');
    assert.ok(sections.some((r) => at(r.startLine).includes('CONVENTION ON CLUSTER MUNITIONS')));
    const p3 = ranges.find((r) => r.kind === 'paragraph' && at(r.startLine).includes("id='par3'"))!;
    assert.ok(at(p3.startLine + 1).startsWith('( C ) [PER Pickard  ] informed'));
    assert.ok(!at(p3.endLine).includes("id='par4'"), 'the next anchor stays visible');
    assert.ok(at(p3.endLine + 1).includes("id='par4'"));
    for (const r of ranges) assert.ok(r.endLine > r.startLine);
  });
});

describe('document links', () => {
  it("href='#parN' leads to the anchor with that id", () => {
    const text = "UNCLASSIFIED\n<a id='par1' href='#par1'>¶</a>1 .\n( U ) A .\n<a id='par2' href='#par1'>¶</a>2 .\n( U ) B .\n<a id='par3' href='#par9'>¶</a>3 .\n";
    const links = serviceFor(text).links(URI);
    assert.deepEqual(links.map((l) => [text.slice(l.span.start, l.span.end), l.targetId, l.target.start]), [
      ['par1', 'par1', text.indexOf("<a id='par1'")],
      ['par1', 'par1', text.indexOf("<a id='par1'")],
    ]);
  });

  it('every anchor of the seed links', () => {
    const seed = seedText();
    assert.equal(serviceFor(seed).links(URI).length, 10);
  });
});
