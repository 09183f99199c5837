import * as assert from 'node:assert/strict';
import * as path from 'path';
import { CableCodeAction, applyEdits } from '../../server/src/core';
import { parseCable } from '../../server/src/core/parser';
import { untaggedText } from '../../server/src/core/edits';
import { URI, analysisOf, corpusFiles, corpusText, nth, seedText, serviceFor } from '../helpers';
import * as fs from 'fs';

function actionsAt(text: string, offset: number, end = offset, only?: string[]) {
  return serviceFor(text).codeActions(URI, { start: offset, end }, only);
}

function apply(text: string, action: CableCodeAction): string {
  return applyEdits(text, action.edits);
}

/** Removing all tags from the result gives back exactly the untagged text of the original. */
function assertRoundTrip(before: string, after: string, label: string) {
  assert.equal(untaggedText(parseCable(after)), untaggedText(parseCable(before)), label);
}

describe('code actions', () => {
  const seed = seedText();

  it('a type conflict with an unknown type: the known type is the entity\'s, and no fix retypes to the unknown one', () => {
    const text = 'x [Per President  ] y [Per President  ] z [PER President  ] .\n';
    const conflicts = serviceFor(text).diagnostics(URI).filter((d) => d.code === 'entity-type-conflict');
    assert.deepEqual(conflicts.map((d) => text.slice(d.span.start, d.span.end)), ['[Per President  ]', '[Per President  ]']);
    assert.match(conflicts[0].message, /the majority type of "President" in this cable is PER \(Person\): Per ×2, PER ×1; Per is not an entity type\./);
    const actions = actionsAt(text, nth(text, '[Per') + 6, nth(text, '[Per') + 6, ['quickfix']);
    const retypes = actions.filter((a) => /^Retype/.test(a.title));
    assert.ok(retypes.length > 0);
    assert.ok(retypes.every((a) => !/ as Per$/.test(a.title)), retypes.map((a) => a.title).join('\n'));
    const preferred = retypes.find((a) => a.isPreferred)!;
    assert.equal(preferred.title, 'Retype all 3 mentions of "President" as PER');
    const after = apply(text, preferred);
    assert.equal(after, 'x [PER President  ] y [PER President  ] z [PER President  ] .\n');
    assert.deepEqual(serviceFor(after).diagnostics(URI).filter((d) => d.severity === 'error'), []);
  });

  it('an untagged mention inside a broken tag: no fix tags it (it would nest), and "tag all" leaves it out', () => {
    const text = '[ORG FMLN  ] met .\n[PER Reyes said the [ORG U.S.  ] and FMLN agree .\nThe FMLN left .\n';
    const service = serviceFor(text);
    const mentions = service.diagnostics(URI).filter((d) => d.code === 'entity-untagged-mention');
    assert.deepEqual(mentions.map((d) => d.span.start), [nth(text, 'FMLN agree'), nth(text, 'FMLN left')]);
    const inBroken = nth(text, 'FMLN agree');
    assert.deepEqual(actionsAt(text, inBroken, inBroken, ['quickfix']).map((a) => a.title), []);
    const fine = nth(text, 'FMLN left');
    assert.deepEqual(actionsAt(text, fine, fine, ['quickfix']).map((a) => a.title), ['Tag as [ORG FMLN  ]']);
    const answer = service.annotate(URI, { action: 'tagAll', type: 'ORG', selections: [{ start: 6, end: 6 }] });
    assert.deepEqual(answer.refusals, []);
    assert.equal(answer.title, 'Tag all 1 occurrence of "FMLN" as ORG');
    assert.equal(applyEdits(text, answer.files[0].edits), text.replace('The FMLN left', 'The [ORG FMLN  ] left'));
  });

  it('on a type conflict: retype this mention; retype all, majority first and preferred', () => {
    const tag = nth(seed, '[ORG Ford  ]');
    const at = tag + 2;
    const actions = actionsAt(seed, at, at, ['quickfix']);
    assert.deepEqual(actions.map((a) => [a.title, a.isPreferred]), [
      ['Retype this mention as PER', false],
      ['Retype all 5 mentions of "Andrew Ford" as PER', true],
      ['Retype all 5 mentions of "Andrew Ford" as ORG', false],
      ['Retype all 5 mentions of "Andrew Ford" as LOC', false],
      ['Retype all 5 mentions of "Andrew Ford" as MISC', false],
    ]);
    const all = apply(seed, actions[1]);
    assert.equal(all, seed.split('[ORG Ford  ]').join('[PER Ford  ]'));
    assert.deepEqual(serviceFor(all).diagnostics(URI).filter((d) => d.code === 'entity-type-conflict' && /Ford/.test(d.message)), []);
    const one = apply(seed, actions[0]);
    assert.equal(one, `${seed.slice(0, tag)}[PER${seed.slice(tag + 4)}`);
  });

  it('on an untagged mention: tag this one; tag all (previewed)', () => {
    const at = nth(seed, 'visited PM/WRA') + 'visited '.length;
    const actions = actionsAt(seed, at, at, ['quickfix']);
    assert.deepEqual(actions.map((a) => [a.title, a.isPreferred, a.needsConfirmation ?? false]), [
      ['Tag as [ORG PM/WRA  ]', true, false],
      ['Tag all 3 untagged occurrences of "PM/WRA" as ORG', false, true],
    ]);
    const one = apply(seed, actions[0]);
    assert.ok(one.includes('visited [ORG PM/WRA  ] on May 6'));
    const all = apply(seed, actions[1]);
    assert.equal(all.split('[ORG PM/WRA  ]').length - 1, 5);
    assertRoundTrip(seed, all, 'tag all');
  });

  it('on malformed tags: close, fix the type, normalise spacing, remove', () => {
    const text = 'A [PER Foo Bar\n[PRE Baz  ] [Org NATO  ] [LOC Rome ] [ORG  ] x';
    const titles = (at: number) => actionsAt(text, at, at, ['quickfix']).map((a) => a.title);
    assert.deepEqual(titles(3), ['Close the tag: [PER Foo  ]', 'Close the tag: [PER Foo Bar  ]', 'Remove the tag, keep its text']);
    assert.deepEqual(titles(nth(text, 'PRE')).slice(0, 2), ['Change type to PER', 'Change type to ORG']);
    const org = actionsAt(text, nth(text, 'Org'), undefined, ['quickfix'])[0];
    assert.equal(org.title, 'Change type to ORG');
    assert.ok(apply(text, org).includes('[ORG NATO  ]'));
    const spacing = actionsAt(text, nth(text, 'Rome') + 5, undefined, ['quickfix']).find((a) => a.title === 'Normalise the tag spacing')!;
    assert.ok(apply(text, spacing).includes('[LOC Rome  ]'));
    const empty = actionsAt(text, nth(text, '[ORG  ]') + 1, undefined, ['quickfix']).find((a) => a.title === 'Remove the empty tag')!;
    assert.ok(apply(text, empty).endsWith(']  x'));
  });

  it('closing an unclosed tag: after each of its first words as written, runs of spaces kept', () => {
    const text = 'UNCLAS\nin [LOC New   York City is big .\n';
    const actions = actionsAt(text, nth(text, '[LOC') + 2, undefined, ['quickfix']);
    assert.deepEqual(actions.map((a) => a.title), [
      'Close the tag: [LOC New  ]',
      'Close the tag: [LOC New   York  ]',
      'Close the tag: [LOC New   York City  ]',
      'Remove the tag, keep its text',
    ]);
    assert.equal(apply(text, actions[2]), 'UNCLAS\nin [LOC New   York City  ] is big .\n');
  });

  it('removing a tag broken across a line keeps the line break and the words before "]"', () => {
    const cases: Array<[string, string]> = [
      ['UNCLAS CDA [PER Larry Dinger\n  ] briefed .\n', 'UNCLAS CDA Larry Dinger\n briefed .\n'],
      ['UNCLAS CDA [PER Larry Dinger \r\n] briefed .\n', 'UNCLAS CDA Larry Dinger \r\n briefed .\n'],
      ['UNCLAS [PER Larry\nDinger  ] briefed .\n', 'UNCLAS Larry\nDinger briefed .\n'],
    ];
    for (const [text, expected] of cases) {
      const remove = actionsAt(text, nth(text, 'Larry'), undefined, ['quickfix']).find((a) => a.title === 'Remove the tag, keep its text');
      assert.ok(remove, JSON.stringify(text));
      assert.equal(apply(text, remove), expected, JSON.stringify(text));
    }
  });

  it('refactorings on any tag: retype, remove keeping the text, extend and shrink (disabled, with the reason, on one word)', () => {
    const at = nth(seed, '[LOC Washington  ]') + 3;
    const actions = actionsAt(seed, at, at, ['refactor']);
    const oneWord = '[LOC Washington  ] has one word: shrinking would leave the tag empty. Remove the tag instead.';
    assert.deepEqual(actions.map((a) => [a.title, a.disabled?.reason]), [
      ['Retype as PER', undefined],
      ['Retype as ORG', undefined],
      ['Retype as MISC', undefined],
      ['Remove the tag, keep its text', undefined],
      ['Extend to [LOC inform Washington  ]', undefined],
      ['Extend to [LOC Washington of  ]', undefined],
      ["Shrink the tag's start by a word", oneWord],
      ["Shrink the tag's end by a word", oneWord],
    ]);
    assert.ok(apply(seed, actions[3]).includes('to inform Washington of an accelerated'));
    assert.ok(apply(seed, actions[5]).includes('to inform [LOC Washington of  ] an accelerated'));
    assert.deepEqual(actions[6].edits, []);
  });

  it('on a selection: tag as each type, tag all where it occurs more than once; merge where it touches two tags', () => {
    const queen = nth(seed, 'Queen');
    assert.deepEqual(actionsAt(seed, queen + 1, queen + 3).map((a) => [a.title, a.kind]), [
      ['Tag as PER: "Queen"', 'refactor.rewrite'],
      ['Tag as ORG: "Queen"', 'refactor.rewrite'],
      ['Tag as LOC: "Queen"', 'refactor.rewrite'],
      ['Tag as MISC: "Queen"', 'refactor.rewrite'],
    ]);
    const pm = nth(seed, 'visited PM/WRA') + 'visited '.length;
    assert.deepEqual(actionsAt(seed, pm, pm + 6, ['refactor']).map((a) => a.title).filter((t) => t.startsWith('Tag all')), [
      'Tag all 3 occurrences of "PM/WRA" as PER',
      'Tag all 3 occurrences of "PM/WRA" as ORG',
      'Tag all 3 occurrences of "PM/WRA" as LOC',
      'Tag all 3 occurrences of "PM/WRA" as MISC',
    ]);
    const from = nth(seed, 'Foreign  ]');
    const merges = actionsAt(seed, from, nth(seed, 'Commonwealth Office') + 3).filter((a) => a.title.startsWith('Merge'));
    assert.deepEqual(merges.map((a) => a.title), ['LOC', 'ORG', 'PER', 'MISC'].map((t) => `Merge 2 tags as ${t}: "United Kingdom Foreign and Commonwealth Office"`));
  });

  it('a refused selection comes back as one disabled action with the reason', () => {
    const text = 'the Queen and\nthe King and [PER Pickard  ] .';
    const crossing = actionsAt(text, 4, text.indexOf('King') + 2);
    assert.deepEqual(crossing.map((a) => [a.title, a.disabled?.reason, a.edits.length]), [['Tag the selection as an entity', '"Queen and the King" crosses a line break; a tag stays on one line.', 0]]);
    const inside = actionsAt(text, text.indexOf('Pickard') + 1, text.indexOf('Pickard') + 4).find((a) => a.disabled);
    assert.equal(inside?.disabled?.reason, '"Pickard" is already inside the tag [PER Pickard  ].');
  });

  it('on a tag of two words: split; of an entity with several mentions: remove all its tags', () => {
    const at = nth(seed, 'Department and DoD') + 'Department a'.length;
    assert.ok(actionsAt(seed, at, at).some((a) => a.title === 'Split into "Department" and "DoD" (ORG), leaving "and" untagged'));
    const pickard = nth(seed, '[PER Pickard  ]') + 6;
    const remove = actionsAt(seed, pickard, pickard).find((a) => a.title.startsWith('Remove all tags of'))!;
    assert.equal(remove.title, 'Remove all tags of "Nicolas Pickard" (14 mentions), keep the text');
    assert.doesNotMatch(apply(seed, remove), /\[PER (Nicolas )?Pickard/);
  });

  it('fix all applies only the safe fixes: spacing and unambiguous type spelling', () => {
    const text = '[PER A  ] [Org B  ] [LOC C ] [PRE D  ] [XYZ E  ] [PER F\n';
    const [fixAll] = actionsAt(text, 0, text.length, ['source.fixAll']);
    assert.equal(apply(text, fixAll), '[PER A  ] [ORG B  ] [LOC C  ] [PER D  ] [XYZ E  ] [PER F\n');
  });

  it('no action outside tags and diagnostics', () => {
    assert.deepEqual(actionsAt(seed, nth(seed, 'bilateral consultation'), undefined), []);
  });

  it('every action on the seed and on corpus cables keeps the untagged text', function () {
    this.timeout(60_000);
    const files = [null, ...corpusFiles().filter((_, i) => i % 40 === 0)];
    let checked = 0;
    const titles: string[] = [];
    for (const file of files) {
      const text = file ? fs.readFileSync(file, 'utf8') : seed;
      const label = file ? path.basename(file) : 'seed';
      const service = serviceFor(text);
      const mentions = analysisOf(text).doc.mentions.slice(0, 30);
      // Diagnostics; tags; a cursor in each tag; the words after each tag (tag, tag all); two neighbouring tags (merge).
      const spans = [
        ...service.diagnostics(URI).map((d) => d.span),
        ...mentions.map((m) => m.span),
        ...mentions.map((m) => ({ start: m.textSpan.start + 1, end: m.textSpan.start + 1 })),
        ...mentions.map((m) => ({ start: m.span.end, end: Math.min(text.length, m.span.end + 12) })),
        ...mentions.slice(1).map((m, i) => ({ start: mentions[i].span.start + 2, end: m.span.end - 1 })),
      ];
      for (const span of spans) {
        for (const action of service.codeActions(URI, span)) {
          if (action.title.startsWith('Tag')) {
            // Tagging wraps text in markup: the text itself is unchanged.
            assertRoundTrip(text, apply(text, action), `${label}: ${action.title}`);
          } else {
            assertRoundTrip(text, apply(text, action), `${label}: ${action.title}`);
          }
          titles.push(action.title);
          checked++;
        }
      }
    }
    assert.ok(checked > 200, `${checked} actions checked`);
    for (const verb of ['Tag as', 'Tag all', 'Merge', 'Split', 'Extend', 'Shrink', 'Remove all tags of', 'Take the hyphen out', 'Tag the whole word']) {
      assert.ok(titles.some((t) => t.startsWith(verb)), `some action starts with "${verb}"`);
    }
  });

  it('the corpus cable 10ROME1: tag all untagged mentions of an entity', () => {
    const text = corpusText('10ROME1.cable');
    const service = serviceFor(text);
    const d = service.diagnostics(URI).find((x) => x.code === 'entity-untagged-mention')!;
    const all = service.codeActions(URI, d.span, ['quickfix']).find((a) => a.title.startsWith('Tag all'));
    if (all) assertRoundTrip(text, apply(text, all), 'tag all');
  });
});
