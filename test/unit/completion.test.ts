import * as assert from 'node:assert/strict';
import { applyEdits } from '../../server/src/core';
import { URI, corpusText, seedText, serviceFor, withCursor } from '../helpers';

function complete(input: string) {
  const { text, offset } = withCursor(input);
  const items = serviceFor(text).completions(URI, offset);
  return { text, items, accept: (label: string) => {
    const item = items.find((i) => i.label === label)!;
    return applyEdits(text, [{ span: item.span, newText: item.insertText }]);
  } };
}

describe('completion', () => {
  it('after [ the configured types', () => {
    const { items, accept } = complete('He met [$0');
    assert.deepEqual(items.map((i) => [i.label, i.detail]), [['PER', 'Person'], ['ORG', 'Organization'], ['LOC', 'Location'], ['MISC', 'Miscellaneous']]);
    assert.equal(accept('ORG'), 'He met [ORG ');
    assert.deepEqual(complete('[P$0').items.map((i) => i.span.start), [1, 1, 1, 1]);
  });

  it('after [PER the persons of the cable, most frequent first; accepting inserts the whole tag', () => {
    const seed = seedText();
    const { items, accept } = complete(`${seed.slice(0, 500)}[PER $0${seed.slice(500)}`);
    assert.deepEqual(items.slice(0, 4).map((i) => i.label), ['Pickard', 'Costner', 'Ford', 'Mathias']);
    assert.match(items[0].detail, /Person · 13 mentions/);
    assert.ok(accept('Pickard').includes('[PER Pickard  ]'));
    assert.ok(items.every((i) => !['NATO', 'UK'].includes(i.label)), 'only persons');
  });

  it('replaces what was typed and an existing closing bracket', () => {
    const { accept } = complete('[LOC Paris  ] and [LOC Pa$0  ] .');
    assert.equal(accept('Paris'), '[LOC Paris  ] and [LOC Paris  ] .');
  });

  it('follows the file’s closing convention', () => {
    const { accept } = complete('[LOC Paris ] [LOC Rome ] [LOC $0');
    assert.equal(accept('Rome'), '[LOC Paris ] [LOC Rome ] [LOC Rome ]');
  });

  it('nothing in plain text', () => {
    assert.deepEqual(complete('plain $0text').items, []);
  });

  it('corpus cables: after [LOC the locations of that cable, most frequent first', () => {
    for (const name of ['10ROME1.cable', '72TEHRAN1164.cable']) {
      const text = corpusText(name);
      const { items } = complete(`${text.slice(0, 200)}[LOC $0${text.slice(200)}`);
      const counts = items.map((i) => Number(/(\d+) mentions?/.exec(i.detail)![1]));
      assert.ok(items.length > 0, name);
      assert.deepEqual(counts, [...counts].sort((a, b) => b - a), `${name}: most frequent first`);
      assert.ok(items.every((i) => i.detail.startsWith('Location')), name);
    }
  });
});
