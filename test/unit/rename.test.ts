import * as assert from 'node:assert/strict';
import { RenameError, applyEdits } from '../../server/src/core';
import { parseCable } from '../../server/src/core/parser';
import { untaggedText } from '../../server/src/core/edits';
import { URI, analysisOf, corpusText, countOf, nth, seedText, serviceFor } from '../helpers';

describe('rename', () => {
  const seed = seedText();
  const service = serviceFor(seed);

  it('prepareRename returns the text range of the mention', () => {
    const result = service.prepareRename(URI, nth(seed, '[PER Mathias  ]') + 2)!;
    assert.equal(seed.slice(result.span.start, result.span.end), 'Mathias');
    assert.equal(result.placeholder, 'Mathias');
    assert.equal(service.prepareRename(URI, nth(seed, 'bilateral')), undefined);
  });

  it('renames every mention; longer forms keep their other words', () => {
    const [{ edits }] = service.rename(URI, nth(seed, '[PER Mathias  ]') + 6, 'Matthias');
    const after = applyEdits(seed, edits);
    assert.equal(countOf(after, '[PER Matthias  ]'), countOf(seed, '[PER Mathias  ]'));
    assert.equal(countOf(after, '[PER Stephen Matthias  ]'), 1);
    assert.equal(countOf(after, 'Mathias'), 0);
    // Only tag texts changed.
    const strip = (t: string) => untaggedText(parseCable(t)).replace(/Matthias|Mathias/g, '#');
    assert.equal(strip(after), strip(seed));
  });

  it('a new name holding "$&", "$`" or "$\'" is written as it is, in longer forms too', () => {
    for (const name of ['M$&s', 'M$`s', "M$'s"]) {
      const [{ edits }] = service.rename(URI, nth(seed, '[PER Mathias  ]') + 6, name);
      const after = applyEdits(seed, edits);
      assert.equal(countOf(after, `[PER ${name}  ]`), countOf(seed, '[PER Mathias  ]'), name);
      assert.equal(countOf(after, `[PER Stephen ${name}  ]`), 1, name);
    }
  });

  it('renaming the full name renames the surnames too', () => {
    const [{ edits }] = service.rename(URI, nth(seed, 'Steven Costner'), 'Steve Costner');
    const texts = edits.map((e) => e.newText);
    assert.deepEqual([...new Set(texts)].sort(), ['Steve Costner']);
    assert.equal(edits.length, 6);
  });

  it('refuses empty names, brackets and line breaks with a clear message', () => {
    const at = nth(seed, 'Pickard  ]');
    assert.throws(() => service.rename(URI, at, '  '), (e: Error) => e instanceof RenameError && /cannot be empty/.test(e.message));
    assert.throws(() => service.rename(URI, at, 'A [B'), (e: Error) => e instanceof RenameError && /cannot contain "\["/.test(e.message));
    assert.throws(() => service.rename(URI, at, 'A\nB'), (e: Error) => e instanceof RenameError && /lines/.test(e.message));
    assert.throws(() => service.rename(URI, nth(seed, 'bilateral'), 'X'), RenameError);
  });

  it('corpus cables: renaming the most mentioned person changes only tag texts', () => {
    for (const name of ['10ROME1.cable', '09MOSCOW2734.cable', '08LONDON1115.cable']) {
      const text = corpusText(name);
      const s = serviceFor(text);
      const a = analysisOf(text);
      const person = a.entities.entities.filter((e) => e.type === 'PER').sort((x, y) => y.mentions.length - x.mentions.length)[0];
      const m = a.doc.mentions[person.mentions[0]];
      const [{ edits }] = s.rename(URI, m.textSpan.start, 'Zed Renamed');
      assert.equal(edits.length, person.mentions.length, name);
      const after = applyEdits(text, edits);
      const strip = (t: string) => untaggedText(parseCable(t)).split(/\s+/).length;
      assert.ok(Math.abs(strip(after) - strip(text)) <= person.mentions.length * 3, name);
      assert.ok(edits.every((e) => a.doc.mentions.some((x) => x.textSpan.start === e.span.start && x.textSpan.end === e.span.end)), `${name}: only tag texts`);
    }
  });
});
