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

  it('refactorings on any tag: retype, remove keeping the text', () => {
    const at = nth(seed, '[LOC Washington  ]') + 3;
    const actions = actionsAt(seed, at, at, ['refactor']);
    assert.deepEqual(actions.map((a) => a.title), ['Retype as PER', 'Retype as ORG', 'Retype as MISC', 'Remove the tag, keep its text']);
    assert.ok(apply(seed, actions[3]).includes('to inform Washington of an accelerated'));
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
    for (const file of files) {
      const text = file ? fs.readFileSync(file, 'utf8') : seed;
      const label = file ? path.basename(file) : 'seed';
      const service = serviceFor(text);
      const spans = [...service.diagnostics(URI).map((d) => d.span), ...analysisOf(text).doc.mentions.slice(0, 30).map((m) => m.span)];
      for (const span of spans) {
        for (const action of service.codeActions(URI, span)) {
          if (action.title.startsWith('Tag')) {
            // Tagging wraps text in markup: the text itself is unchanged.
            assertRoundTrip(text, apply(text, action), `${label}: ${action.title}`);
          } else {
            assertRoundTrip(text, apply(text, action), `${label}: ${action.title}`);
          }
          checked++;
        }
      }
    }
    assert.ok(checked > 200, `${checked} actions checked`);
  });

  it('the corpus cable 10ROME1: tag all untagged mentions of an entity', () => {
    const text = corpusText('10ROME1.cable');
    const service = serviceFor(text);
    const d = service.diagnostics(URI).find((x) => x.code === 'entity-untagged-mention')!;
    const all = service.codeActions(URI, d.span, ['quickfix']).find((a) => a.title.startsWith('Tag all'));
    if (all) assertRoundTrip(text, apply(text, all), 'tag all');
  });
});
