import * as assert from 'node:assert/strict';
import { entityKey, groupEntities } from '../../server/src/core/entities';
import { parseCable } from '../../server/src/core/parser';
import { corpusFiles, seedText } from '../helpers';
import * as fs from 'fs';

function entities(text: string) {
  const doc = parseCable(text);
  const index = groupEntities(doc);
  return { doc, index, byName: new Map(index.entities.map((e) => [e.name, e])) };
}

describe('entity grouping', () => {
  it('keys ignore case, possessives and spacing', () => {
    assert.equal(entityKey('STEVEN COSTNER'), entityKey('Steven Costner'));
    assert.equal(entityKey('UK’s'), 'uk');
    assert.equal(entityKey("UK's"), 'uk');
    assert.equal(entityKey("Jones'"), 'jones');
    assert.equal(entityKey('Diego   Garcia'), 'diego garcia');
  });

  describe('the seed', () => {
    const { doc, byName } = entities(seedText());
    const forms = (name: string) => byName.get(name)!.forms.map((f) => f.text).sort();

    it('groups STEVEN COSTNER, Steven Costner and Costner', () => {
      assert.deepEqual(forms('Steven Costner'), ['Costner', 'STEVEN COSTNER', 'Steven Costner']);
      assert.equal(byName.get('Steven Costner')!.type, 'PER');
    });

    it('joins Pickard to Nicolas Pickard', () => {
      const pickard = byName.get('Nicolas Pickard')!;
      assert.deepEqual(forms('Nicolas Pickard'), ['Nicolas Pickard', 'Pickard']);
      assert.equal(pickard.mentions.length, (seedText().match(/\[PER (Nicolas )?Pickard {2}\]/g) ?? []).length);
    });

    it('groups UK and UK’s, named by the plain form', () => {
      assert.deepEqual(forms('UK'), ['UK', 'UK’s']);
    });

    it('keeps one entity across types, with the majority type and the counts', () => {
      const ford = byName.get('Andrew Ford')!;
      assert.deepEqual(Object.fromEntries(ford.typeCounts), { PER: 2, ORG: 3 });
      const ccw = byName.get('CCW')!;
      assert.deepEqual(Object.fromEntries(ccw.typeCounts), { ORG: 2, LOC: 8 });
      assert.equal(ccw.type, 'LOC');
    });

    it('the definition is the first of the fullest forms', () => {
      const costner = byName.get('Steven Costner')!;
      assert.equal(doc.mentions[costner.definition].text, 'STEVEN COSTNER');
      const pickard = byName.get('Nicolas Pickard')!;
      assert.equal(doc.mentions[pickard.definition].text, 'Nicolas Pickard');
    });
  });

  it('a surname shared by two people stays apart', () => {
    const { byName } = entities('[PER John Smith  ] met [PER Jane Smith  ] . [PER Smith  ] spoke .');
    assert.equal(byName.get('John Smith')!.mentions.length, 1);
    assert.equal(byName.get('Jane Smith')!.mentions.length, 1);
    assert.equal(byName.get('Smith')!.mentions.length, 1);
  });

  it('a one-word ORG does not join a person', () => {
    const { byName } = entities('[PER Henry Ford  ] and [ORG Ford  ] .');
    assert.equal(byName.get('Ford')!.mentions.length, 1);
  });

  it('malformed tags are left out of entities', () => {
    const { index } = entities('[PER Foo  ] [PER Foo\n[ORG  ]');
    assert.deepEqual([...index.entityOfMention], [0, -1, -1]);
  });

  it('groups a corpus cable: every closed mention belongs to exactly one entity', () => {
    for (const file of corpusFiles().slice(0, 40)) {
      const { doc, index } = entities(fs.readFileSync(file, 'utf8'));
      const seen = new Set<number>();
      for (const e of index.entities) for (const i of e.mentions) {
        assert.ok(!seen.has(i));
        seen.add(i);
        assert.equal(index.entityOfMention[i], e.id);
      }
      assert.equal(seen.size, doc.mentions.length, file);
    }
  });

  it('Berlusconi-style all-caps forms group with mixed case in a corpus cable', () => {
    const text = fs.readFileSync(corpusFiles().find((f) => f.endsWith('72TEHRAN1164.cable'))!, 'utf8');
    const { byName } = entities(text);
    const iran = [...byName.values()].find((e) => e.key === 'iran')!;
    assert.ok(iran.forms.some((f) => f.text === "IRAN'S"), 'IRAN’S joins IRAN');
  });
});
