// Annotation from the keyboard, data-driven: the input marks the editor's
// selections with «…» («» is a cursor), the expected output is written out,
// and a refusal is `! reason`. Every output is checked to keep the untagged
// text of its input.

import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import * as fs from 'fs';
import * as path from 'path';
import { ANNOTATE_ACTIONS, AnnotateAction, CableConfig, CableSource, FileEdits, InMemoryWorkspace, applyEdits, createLanguageService, defaultConfig } from '../../server/src/core';
import { untaggedText } from '../../server/src/core/edits';
import { parseCable } from '../../server/src/core/parser';
import { URI, corpusFiles, corpusText, nth, seedText, serviceFor, withSelections } from '../helpers';

function assertKeepsText(before: string, after: string, label: string): void {
  assert.equal(untaggedText(parseCable(after)), untaggedText(parseCable(before)), `${label}: the untagged text changed`);
}

/** The output of `action` on the marked input: the edited text, then `! reason` lines for refusals. */
function run(input: string, action: AnnotateAction, type?: string, config: CableConfig = defaultConfig()): string {
  const { text, selections } = withSelections(input);
  const answer = serviceFor(text, config).annotate(URI, { action, selections, type });
  assert.ok(answer.files.length <= 1, 'one cable');
  const out = answer.files.length > 0 ? applyEdits(text, answer.files[0].edits) : text;
  assertKeepsText(text, out, input);
  const refusals = answer.refusals.map((r) => `! ${r}`);
  return answer.files.length > 0 ? [out, ...refusals].join('\n') : refusals.join('\n');
}

type Case = [name: string, input: string, action: AnnotateAction, type: string | undefined, expected: string];

function table(cases: Case[]): void {
  for (const [name, input, action, type, expected] of cases) it(name, () => assert.equal(run(input, action, type), expected));
}

describe('annotate: tag the selection', () => {
  table([
    ['a cursor in a word', 'the Qu«»een makes her speech', 'tag', 'PER', 'the [PER Queen  ] makes her speech'],
    ['a selection inside a word', 'the Q«uee»n makes', 'tag', 'PER', 'the [PER Queen  ] makes'],
    ['spaces around are dropped', 'the« Queen »makes', 'tag', 'PER', 'the [PER Queen  ] makes'],
    ['punctuation around is dropped', 'said «, Queen ,» and', 'tag', 'PER', 'said , [PER Queen  ] , and'],
    ['several words', 'the «Foreign and Commonwealth Office» said', 'tag', 'ORG', 'the [ORG Foreign and Commonwealth Office  ] said'],
    ['U.S. with its final dot', 'the «U.S». said', 'tag', 'LOC', 'the [LOC U.S.  ] said'],
    ['before a possessive', 'the U«»K’s view', 'tag', 'LOC', 'the [LOC UK  ]’s view'],
    ['a hyphen part', 'the «Bono»-Rumsfeld meeting', 'tag', 'PER', 'the [PER Bono  ]-Rumsfeld meeting'],
    ['right after another tag', '[ORG EU-  ]ins«»pired code', 'tag', 'MISC', '[ORG EU-  ][MISC inspired  ] code'],
    ['the file’s spacing convention', '[PER A ] and [PER B ] and «C» .', 'tag', 'PER', '[PER A ] and [PER B ] and [PER C ] .'],
    ['after ¶ and ’', "<a id='par1' href='#par1'>¶</a>1 . ( C ) The UK’s Q«»ueen spoke", 'tag', 'PER', "<a id='par1' href='#par1'>¶</a>1 . ( C ) The UK’s [PER Queen  ] spoke"],
    ['letters outside the BMP', 'the 𝐀𝐁«»c envoy', 'tag', 'PER', 'the [PER 𝐀𝐁c  ] envoy'],
    ['a CRLF file', 'line one\r\nthe Qu«»een spoke\r\nline three\r\n', 'tag', 'PER', 'line one\r\nthe [PER Queen  ] spoke\r\nline three\r\n'],
    ['a cursor at the end of a CRLF line', 'the Queen«»\r\nnext', 'tag', 'PER', 'the [PER Queen  ]\r\nnext'],
    ['a blank selection', 'a«   »b', 'tag', 'PER', '! The selection is blank: select the words to tag.'],
    ['punctuation only', 'a « , » b', 'tag', 'PER', '! The selection holds no word to tag (only punctuation).'],
    ['a cursor off words', 'a «» b', 'tag', 'PER', '! Place the cursor on a word, or select the words to tag.'],
    ['across a line break', 'the «Queen\nmakes» it', 'tag', 'PER', '! "Queen makes" crosses a line break; a tag stays on one line.'],
    ['across a CRLF line break', 'the «Queen\r\nmakes» it', 'tag', 'PER', '! "Queen makes" crosses a line break; a tag stays on one line.'],
    ['cutting into a tag', 'the «Queen and [PER Ki»ng  ] spoke', 'tag', 'PER', '! The selection cuts into the tag [PER King  ]. Select whole words outside tags, or whole tags to merge them.'],
    ['holding a tag', 'and «the [PER King  ] said» so', 'tag', 'PER', '! The selection holds the tag [PER King  ], and tags never nest. Merge the tags, or remove that tag first.'],
    ['part of a tag', '[ORG Department and Do«D»  ] met', 'tag', 'ORG', '! "DoD" is already inside the tag [ORG Department and DoD  ].'],
    ['a cursor in a tag retypes it', '[ORG Andrew Fo«»rd  ] met', 'tag', 'PER', '[PER Andrew Ford  ] met'],
    ['a tag’s whole text retypes it', '[ORG «Andrew Ford»  ] met', 'tag', 'PER', '[PER Andrew Ford  ] met'],
    ['a tag of that type already', '[PER Andrew Fo«»rd  ] met', 'tag', 'PER', '! "Andrew Ford" is already tagged as PER.'],
    ['in a paragraph anchor', "<a id='par«»3' href='#par3'>¶</a>3 . text", 'tag', 'PER', '! The selection cuts into a paragraph anchor.'],
    ['holding a bracket', 'the «foo [ bar» ] baz', 'tag', 'PER', '! "foo [ bar" holds a "[" or "]", which would end the tag early.'],
    ['a type that is not configured', 'the «Queen»', 'tag', 'PERSON', '! "PERSON" is not one of the entity types (PER, ORG, LOC, MISC); they are a setting.'],
  ]);

  it('without a type: the configured types to choose from, and no edit', () => {
    const { text, selections } = withSelections('the «Queen»');
    const answer = serviceFor(text).annotate(URI, { action: 'tag', selections });
    assert.deepEqual([answer.files, answer.refusals, answer.choices], [[], [], ['PER', 'ORG', 'LOC', 'MISC']]);
  });

  it('the configured types decide, also for other tag sets', () => {
    const config: CableConfig = { ...defaultConfig(), entityTypes: ['PERSON', 'GPE'] };
    assert.equal(run('the «Queen» of «Spain»', 'tag', 'GPE', config), 'the [GPE Queen  ] of [GPE Spain  ]');
    assert.equal(run('the «Queen»', 'tag', 'PER', config), '! "PER" is not one of the entity types (PERSON, GPE); they are a setting.');
  });
});

describe('annotate: several cursors', () => {
  table([
    ['each selection is tagged, in one edit', 'the «Queen» and the Ki«»ng spoke', 'tag', 'PER', 'the [PER Queen  ] and the [PER King  ] spoke'],
    [
      'a refused selection is reported, the others are tagged',
      'the «Queen» and [PER Ki«n»g  ] spoke',
      'tag',
      'PER',
      'the [PER Queen  ] and [PER King  ] spoke\n! Selection 2: "King" is already inside the tag [PER King  ].',
    ],
    [
      'every occurrence selected (Ctrl+Shift+L): the tagged ones take the type',
      '«UK» and [MISC «UK»  ] and [LOC «UK»  ] .',
      'tag',
      'LOC',
      '[LOC UK  ] and [LOC UK  ] and [LOC UK  ] .\n! Selection 3: "UK" is already tagged as LOC.',
    ],
    ['two cursors in one word tag it once', 'the Qu«»ee«»n spoke', 'tag', 'PER', 'the [PER Queen  ] spoke'],
    [
      'selections that meet: the later is refused',
      'the «Foreign and Com»mon«»wealth Office x',
      'tag',
      'ORG',
      "the [ORG Foreign and Commonwealth  ] Office x\n! Selection 2: it meets another selection's change; nothing was done there.",
    ],
    ['the same word elsewhere is another selection', 'the «Foreign and Com»monwealth Office and Commonw«»ealth', 'tag', 'ORG', 'the [ORG Foreign and Commonwealth  ] Office and [ORG Commonwealth  ]'],
    ['extend two tags at once', '[PER A«»ndrew  ] Ford and [PER Nic«»olas  ] Pickard met', 'extendEnd', undefined, '[PER Andrew Ford  ] and [PER Nicolas Pickard  ] met'],
    ['all refused: no edit', 'a «» b «» c', 'tag', 'PER', '! Selection 1: Place the cursor on a word, or select the words to tag.\n! Selection 2: Place the cursor on a word, or select the words to tag.'],
  ]);
});

describe('annotate: tag all occurrences', () => {
  table([
    [
      'whole words outside tags, the selection included',
      'Queen and «Queen» , Queen’s and Queenie and [PER Queen  ] .',
      'tagAll',
      'PER',
      '[PER Queen  ] and [PER Queen  ] , [PER Queen  ]’s and Queenie and [PER Queen  ] .',
    ],
    ['from a tag: its text, its untagged occurrences', 'UK and [LOC U«»K  ] and UK-based', 'tagAll', 'LOC', '[LOC UK  ] and [LOC UK  ] and [LOC UK  ]-based'],
    ['nothing left untagged', '[LOC U«»K  ] and [LOC UK  ]', 'tagAll', 'LOC', '! "UK" has no untagged occurrence in this cable.'],
  ]);

  it('not in the TAGS line nor in anchors; the title counts', () => {
    const input = "C O N F I D E N T I A L\nTAGS PREL , UK\nSUBJECT: UK talks\n<a id='par1' href='#par1'>¶</a>1 . ( C ) The «UK» said .\n";
    const { text, selections } = withSelections(input);
    const answer = serviceFor(text).annotate(URI, { action: 'tagAll', selections, type: 'LOC' });
    assert.equal(answer.title, 'Tag all 2 occurrences of "UK" as LOC');
    assert.equal(applyEdits(text, answer.files[0].edits), "C O N F I D E N T I A L\nTAGS PREL , UK\nSUBJECT: [LOC UK  ] talks\n<a id='par1' href='#par1'>¶</a>1 . ( C ) The [LOC UK  ] said .\n");
  });

  it('on the seed: PM/WRA, untagged three times', () => {
    const seed = seedText();
    const at = nth(seed, 'visited PM/WRA') + 'visited '.length;
    // A cursor takes the office symbol across its slash.
    const answer = serviceFor(seed).annotate(URI, { action: 'tagAll', selections: [{ start: at + 4, end: at + 4 }], type: 'ORG' });
    assert.equal(answer.title, 'Tag all 3 occurrences of "PM/WRA" as ORG');
    const out = applyEdits(seed, answer.files[0].edits);
    assert.equal(out.split('[ORG PM/WRA  ]').length - 1, 5, 'two were tagged already');
    assertKeepsText(seed, out, 'seed');
  });
});

describe('annotate: merge', () => {
  table([
    ['two tags and the words between', 'met [LOC United Kingdom Fore«ign  ] and [ORG Common»wealth Office  ] today', 'merge', 'ORG', 'met [ORG United Kingdom Foreign and Commonwealth Office  ] today'],
    ['untagged words the selection holds at the ends', 'met «the [ORG Foreign  ] and [ORG Office  ] staff» today', 'merge', 'ORG', 'met [ORG the Foreign and Office staff  ] today'],
    ['three tags', '«[PER A  ] , [PER B  ] and [PER C  ]»', 'merge', 'PER', '[PER A , B and C  ]'],
    ['one tag only', 'x «[ORG Foreign  ] and» y', 'merge', 'ORG', '! Select two or more tags to merge, and the words between them.'],
    ['across a line', '«[ORG A  ] and\n[ORG B  ]»', 'merge', 'ORG', '! "A and B" crosses a line break; a tag stays on one line.'],
    ['a bracket between', '«[ORG A  ] [ NOTE ] [ORG B  ]»', 'merge', 'ORG', '! "A [ NOTE ] B" holds a "[" or "]", which would end the tag early.'],
    ['a broken tag among them', '«[ORG A  ] and [ORG B C  ] [ORG D»\nx', 'merge', 'ORG', '! The tag [ORG in the selection is broken (unclosed, nested, empty or across lines); fix it first.'],
  ]);

  it('the seed’s Foreign and Commonwealth Office, one ORG; the first tag’s type offered first', () => {
    const seed = seedText();
    const from = nth(seed, 'Foreign  ]');
    const to = nth(seed, 'Commonwealth Office') + 3;
    const service = serviceFor(seed);
    assert.deepEqual(service.annotate(URI, { action: 'merge', selections: [{ start: from, end: to }] }).choices, ['LOC', 'ORG', 'PER', 'MISC']);
    const answer = service.annotate(URI, { action: 'merge', selections: [{ start: from, end: to }], type: 'ORG' });
    assert.equal(answer.title, 'Merge 2 tags as ORG: "United Kingdom Foreign and Commonwealth Office"');
    const out = applyEdits(seed, answer.files[0].edits);
    assert.ok(out.includes('from the [ORG United Kingdom Foreign and Commonwealth Office  ] ( [ORG FCO  ] )'));
    assertKeepsText(seed, out, 'seed');
  });
});

describe('annotate: split', () => {
  table([
    ['on a word in the middle: it is left out', '[ORG Department an«»d DoD  ] representatives', 'split', undefined, '[ORG Department  ] and [ORG DoD  ] representatives'],
    ['between two words', '[ORG Department«» and DoD  ] met', 'split', undefined, '[ORG Department  ] [ORG and DoD  ] met'],
    ['a selection is left out', '[PER Andrew Shapiro «, Assistant» Secretary  ]', 'split', undefined, '[PER Andrew Shapiro  ] , Assistant [PER Secretary  ]'],
    ['at a hyphen', '[PER Kim Jong«»-il  ] said', 'split', undefined, '[PER Kim Jong  ]-[PER il  ] said'],
    ['inside the first word', '[ORG Depa«»rtment and DoD  ]', 'split', undefined, '! Place the cursor between two words of [ORG Department and DoD  ] (or on a word in the middle, to leave it out of both tags).'],
    ['a one-word tag', '[LOC Lon«»don  ]', 'split', undefined, '! [LOC London  ] has one word; there is nothing to split.'],
    ['a possessive is one word: not split before its s', 'The [MISC UK«»’s  ] aim', 'split', undefined, '! [MISC UK’s  ] has one word; there is nothing to split.'],
    ['a possessive with a straight apostrophe', "[LOC Russia«»'s  ] aim", 'split', undefined, "! [LOC Russia's  ] has one word; there is nothing to split."],
    ['on a possessive last word: nothing right of it', '[PER Minister Bo«»no’s  ] visit', 'split', undefined, '! Place the cursor between two words of [PER Minister Bono’s  ] (or on a word in the middle, to leave it out of both tags).'],
    ['between a word and a possessive', '[PER Minister«» Bono’s  ] visit', 'split', undefined, '[PER Minister  ] [PER Bono’s  ] visit'],
    ['outside tags', 'in Lon«»don', 'split', undefined, '! Place the cursor in a tag to split it.'],
    ['in the markup', '[P«»ER Foo Bar  ]', 'split', undefined, '! Place the cursor between two words of [PER Foo Bar  ] to split it.'],
    ['an unclosed tag', '[PER Foo B«»ar\nnext', 'split', undefined, '! The tag [PER at the cursor is broken (unclosed, nested, empty or across lines); fix it first.'],
  ]);

  it('the two new tags, for retyping: their text in the edited text', () => {
    const seed = seedText();
    const at = nth(seed, 'Department and DoD') + 'Department a'.length;
    const answer = serviceFor(seed).annotate(URI, { action: 'split', selections: [{ start: at, end: at }] });
    assert.equal(answer.title, 'Split into "Department" and "DoD" (ORG), leaving "and" untagged');
    const out = applyEdits(seed, answer.files[0].edits);
    assert.deepEqual(answer.tags.map((t) => [out.slice(t.textSpan.start, t.textSpan.end), t.text, t.type]), [['Department', 'Department', 'ORG'], ['DoD', 'DoD', 'ORG']]);
    const retyped = serviceFor(out).annotate(URI, { action: 'retype', selections: [{ start: answer.tags[1].textSpan.start, end: answer.tags[1].textSpan.start }], type: 'MISC' });
    assert.ok(applyEdits(out, retyped.files[0].edits).includes('[ORG Department  ] and [MISC DoD  ] representatives'));
  });
});

describe('annotate: extend and shrink by a word', () => {
  table([
    ['extend the end', '[PER And«»rew  ] Ford said', 'extendEnd', undefined, '[PER Andrew Ford  ] said'],
    ['extend the start', 'Mr Andrew [PER Fo«»rd  ] said', 'extendStart', undefined, 'Mr [PER Andrew Ford  ] said'],
    ['extend over a hyphen', '[MISC Alge«»rian  ]-born citizen', 'extendEnd', undefined, '[MISC Algerian-born  ] citizen'],
    ['extend with the cursor just after the tag', '[PER Andrew  ]«» Ford said', 'extendEnd', undefined, '[PER Andrew Ford  ] said'],
    ['extend in a file of one-space tags', '[PER And«»rew ] Ford and [PER B ]', 'extendEnd', undefined, '[PER Andrew Ford ] and [PER B ]'],
    ['extend into a neighbouring tag', '[PER And«»rew  ] [PER Ford  ]', 'extendEnd', undefined, '! The word after [PER Andrew  ] is in the tag [PER Ford  ]; extending into a neighbouring tag is refused. Merge the two tags instead.'],
    ['extend past the line', '[PER And«»rew  ] .\nFord', 'extendEnd', undefined, '! No word after [PER Andrew  ] on its line.'],
    ['extend past a CRLF line', 'Ford\r\n[PER And«»rew  ] .', 'extendStart', undefined, '! No word before [PER Andrew  ] on its line.'],
    ['extend into an anchor', "[PER And«»rew  ] <a id='par2' href='#par2'>¶</a>2 .", 'extendEnd', undefined, '! The selection cuts into a paragraph anchor.'],
    ['shrink the end', '[PER Andrew Fo«»rd  ] said', 'shrinkEnd', undefined, '[PER Andrew  ] Ford said'],
    ['shrink the start', 'the [LOC United Kingdom Fore«»ign  ] and', 'shrinkStart', undefined, 'the United [LOC Kingdom Foreign  ] and'],
    ['shrink a hyphenated name', '[PER Kim Jong-i«»l  ] said', 'shrinkEnd', undefined, '[PER Kim Jong  ]-il said'],
    ['shrink a one-word tag', '[LOC Lon«»don  ]', 'shrinkEnd', undefined, '! [LOC London  ] has one word: shrinking would leave the tag empty. Remove the tag instead.'],
    ['shrink the start of a possessive: one word, refused', 'The [MISC U«»K’s  ] aim', 'shrinkStart', undefined, '! [MISC UK’s  ] has one word: shrinking would leave the tag empty. Remove the tag instead.'],
    ['shrink the start before a possessive word', '[PER Minister Bo«»no’s  ] visit', 'shrinkStart', undefined, 'Minister [PER Bono’s  ] visit'],
    ['shrink the end of a possessive: the s is left out', 'The [MISC U«»K’s  ] aim', 'shrinkEnd', undefined, 'The [MISC UK  ]’s aim'],
    ['outside tags', 'in Lon«»don', 'extendEnd', undefined, '! Place the cursor in a tag to extend it.'],
  ]);
});

describe('annotate: retype, and remove every tag of an entity', () => {
  table([
    ['retype', 'met [ORG Fo«»rd  ] .', 'retype', 'PER', 'met [PER Ford  ] .'],
    [
      'remove all tags of the entity, keeping the text',
      '[PER Pickard  ] met [PER Nicolas Pickard  ] and [PER Pi«»ckard  ] in [LOC London  ] .',
      'removeEntity',
      undefined,
      'Pickard met Nicolas Pickard and Pickard in [LOC London  ] .',
    ],
    ['remove: not on a tag', 'Pi«»ckard', 'removeEntity', undefined, '! Place the cursor on a tag of the entity.'],
    [
      'remove: a tag broken across a line keeps its line break and the words before "]"',
      'CDA [PER Larry Di«»nger\n  ] briefed [PER Larry Dinger  ] .',
      'removeEntity',
      undefined,
      'CDA Larry Dinger\n briefed Larry Dinger .',
    ],
  ]);

  it('retype without a type offers the tag’s own type first', () => {
    const { text, selections } = withSelections('[LOC Fo«»rd  ]');
    assert.deepEqual(serviceFor(text).annotate(URI, { action: 'retype', selections }).choices, ['LOC', 'PER', 'ORG', 'MISC']);
  });
});

describe('annotate: across the cables of the workspace', () => {
  const A = 'file:///ws/a.cable';
  const B = 'file:///ws/b.cable';
  const C = 'file:///ws/c.cable';

  /** Open editors and files on disk, read on demand. */
  class DiskWorkspace extends InMemoryWorkspace {
    readonly disk = new Map<string, string>();
    readonly reads: string[] = [];
    read(uri: string): CableSource | undefined {
      const text = this.disk.get(uri);
      if (text === undefined) return undefined;
      this.reads.push(uri);
      return { uri, version: `disk:${text.length}`, text };
    }
  }

  function workspace(open: Record<string, string>, disk: Record<string, string>) {
    const ws = new DiskWorkspace(open);
    const service = createLanguageService(ws);
    for (const [uri, text] of Object.entries(disk)) {
      ws.disk.set(uri, text);
      service.indexSource({ uri, version: 'disk:0', text });
    }
    for (const uri of Object.keys(open)) service.indexOpenDocument(uri);
    return { ws, service };
  }

  const apply = (files: FileEdits[], texts: Record<string, string>) => Object.fromEntries(files.map((f) => [f.uri, applyEdits(texts[f.uri], f.edits)]));

  it('tag all: this cable and the cables on disk that hold the text, read again now', () => {
    const texts = { [A]: 'the Queen and the «Queen» .', [B]: 'the Queen spoke ; [PER Queen  ] too .', [C]: 'no such word here .' };
    const { text: a, selections } = withSelections(texts[A]);
    const { ws, service } = workspace({ [A]: a }, { [B]: texts[B], [C]: texts[C] });
    const answer = service.annotate(A, { action: 'tagAll', selections, type: 'PER', scope: 'workspace' });
    assert.equal(answer.title, 'Tag all 3 occurrences of "Queen" as PER (2 in this cable, 1 in 1 other cable)');
    assert.deepEqual(answer.files.map((f) => [f.uri, f.version]), [[A, 1], [B, undefined]]);
    assert.deepEqual(apply(answer.files, { [A]: a, [B]: texts[B] }), { [A]: 'the [PER Queen  ] and the [PER Queen  ] .', [B]: 'the [PER Queen  ] spoke ; [PER Queen  ] too .' });
    assert.deepEqual(ws.reads, [B, C], 'the cables on disk are read again now');
  });

  it('remove all tags of an entity in every cable that mentions it', () => {
    const a = 'met [PER Pi«»ckard  ] and [PER Nicolas Pickard  ] .';
    const b = 'UNCLAS\n1. ( U ) [PER Pickard  ] said so ; [LOC London  ] .\n';
    const { text, selections } = withSelections(a);
    const { service } = workspace({ [A]: text }, { [B]: b, [C]: '[LOC Paris  ] .' });
    const answer = service.annotate(A, { action: 'removeEntity', selections, scope: 'workspace' });
    assert.equal(answer.title, 'Remove all tags of "Nicolas Pickard" in every cable (2 mentions here, 1 other cable), keep the text');
    assert.deepEqual(apply(answer.files, { [A]: text, [B]: b }), { [A]: 'met Pickard and Nicolas Pickard .', [B]: 'UNCLAS\n1. ( U ) Pickard said so ; [LOC London  ] .\n' });
  });

  it('code actions offer the workspace variants as runs, not edits', () => {
    const { service } = workspace({ [A]: 'the Queen and [PER Pickard  ] and [PER Pickard  ] .' }, { [B]: '[PER Pickard  ] .' });
    // A selection inside the word: the titles name the word it snaps to.
    const tagRuns = service.codeActions(A, { start: 5, end: 8 }).filter((x) => x.run);
    assert.deepEqual(tagRuns.map((x) => [x.title, x.run!.action, x.run!.type, x.edits.length]), [
      ['Tag all occurrences of "Queen" as PER in every cable…', 'tagAll', 'PER', 0],
      ['Tag all occurrences of "Queen" as ORG in every cable…', 'tagAll', 'ORG', 0],
      ['Tag all occurrences of "Queen" as LOC in every cable…', 'tagAll', 'LOC', 0],
      ['Tag all occurrences of "Queen" as MISC in every cable…', 'tagAll', 'MISC', 0],
    ]);
    const at = 'the Queen and [PER Pi'.length;
    const removal = service.codeActions(A, { start: at, end: at }).filter((x) => x.title.startsWith('Remove all tags of'));
    assert.deepEqual(removal.map((x) => [x.title, x.run?.action ?? 'edit']), [
      ['Remove all tags of "Pickard" (2 mentions), keep the text', 'edit'],
      ['Remove all tags of "Pickard" in every cable (2 mentions here, 1 other cable), keep the text…', 'removeEntity'],
    ]);
  });
});

describe('annotate: every action keeps the untagged text and breaks no tag', function () {
  this.timeout(120_000);

  /** Tag problems by code: an action may remove some, never add one. */
  function problemCounts(text: string): Map<string, number> {
    const counts = new Map<string, number>();
    for (const p of parseCable(text).problems) counts.set(p.code, (counts.get(p.code) ?? 0) + 1);
    return counts;
  }

  const services = new Map<string, ReturnType<typeof serviceFor>>();
  /** One service per text: its analysis is made once. */
  const serviceOf = (text: string) => {
    let service = services.get(text);
    if (!service) services.set(text, (service = serviceFor(text)));
    return service;
  };

  function check(text: string, action: AnnotateAction, selections: Array<{ start: number; end: number }>, type: string, label: string): boolean {
    const answer = serviceOf(text).annotate(URI, { action, selections, type });
    if (answer.files.length === 0) return false;
    const after = parseCable(applyEdits(text, answer.files[0].edits));
    let before = originals.get(text);
    if (!before) originals.set(text, (before = { untagged: untaggedText(parseCable(text)), problems: problemCounts(text) }));
    assert.equal(untaggedText(after), before.untagged, `${label}: the untagged text changed`);
    for (const [code, n] of problemCounts(after.text)) assert.ok(n <= (before.problems.get(code) ?? 0), `${label}: a new ${code}`);
    return true;
  }
  const originals = new Map<string, { untagged: string; problems: Map<string, number> }>();

  const TYPES = ['PER', 'ORG', 'LOC', 'MISC'];

  it('on the seed and on corpus cables: each action at every tag, on words, and across tag pairs', () => {
    const files = [null, ...corpusFiles().filter((_, i) => i % 40 === 0)];
    const applied = new Map<AnnotateAction, number>();
    for (const file of files) {
      const text = file ? fs.readFileSync(file, 'utf8') : seedText();
      const label = file ? path.basename(file) : 'seed';
      const doc = parseCable(text);
      const selections: Array<{ start: number; end: number }> = [];
      doc.mentions.slice(0, 40).forEach((m, i) => {
        const mid = Math.floor((m.textSpan.start + m.textSpan.end) / 2);
        selections.push({ start: mid, end: mid }, { start: m.closeSpan?.end ?? m.span.end, end: (m.closeSpan?.end ?? m.span.end) + 8 });
        const next = doc.mentions[i + 1];
        if (next) selections.push({ start: m.span.start + 2, end: next.span.end - 1 });
      });
      for (const s of selections) {
        for (const action of ANNOTATE_ACTIONS) {
          const type = TYPES[(s.start + action.length) % TYPES.length];
          if (check(text, action, [s], type, `${label} ${action} at ${s.start}-${s.end}`)) applied.set(action, (applied.get(action) ?? 0) + 1);
        }
      }
    }
    // Each action was really applied, many times.
    for (const action of ANNOTATE_ACTIONS) assert.ok((applied.get(action) ?? 0) >= 20, `${action}: ${applied.get(action) ?? 0}`);
  });

  it('random selections and random actions (property)', () => {
    const bases = [seedText(), corpusText('05MADRID1585.cable'), corpusText('09SEOUL1171.cable'), seedText().replace(/\n/g, '\r\n'), 'the Queen , [PER Bono-  ]Rumsfeld and U.S.-UK ’s PM/WRA [LOC UK  ]’s\n[ORG A  ][ORG B  ] x 𝐀𝐁 ¶ ’ “ ”'];
    const selection = fc.record({ at: fc.nat(), length: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 60 })) });
    fc.assert(
      fc.property(fc.constantFrom(...bases.keys()), fc.constantFrom(...ANNOTATE_ACTIONS), fc.constantFrom(...TYPES), fc.array(selection, { minLength: 1, maxLength: 3 }), (base, action, type, picks) => {
        const text = bases[base];
        const selections = picks.map((p) => {
          const start = p.at % (text.length + 1);
          return { start, end: Math.min(text.length, start + p.length) };
        });
        check(text, action, selections, type, `${action} ${JSON.stringify(selections)}`);
      }),
      { numRuns: 600, seed: 20261210 },
    );
  });
});
