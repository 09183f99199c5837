// The batch run's cross-cable tally finds the same entity-cross-cable-conflict
// diagnostics as the workspace index (but for related locations, which it
// does not keep), on the corpus and the seed linted together.

import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import { ConflictTally, InMemoryWorkspace, createLanguageService, defaultConfig } from '../../server/src/core';
import { corpusFiles, seedText } from '../helpers';

describe('ConflictTally', function () {
  this.timeout(120_000);

  it('finds the conflicts the workspace index finds, cable by cable', () => {
    const cables = new Map<string, string>([['file:///seed.txt', seedText()], ...corpusFiles().map((f): [string, string] => [`file://${f}`, fs.readFileSync(f, 'utf8')])]);
    // Surnames and full names across cables, typed differently.
    const small: Record<string, string> = {
      a: '[ORG Pickard  ] met [ORG UK  ] and [LOC Quaggle  ] .',
      b: '[PER Ann Quaggle  ] and [PER Quaggle  ] ; [LOC UK  ] .',
      c: '[PER Quaggle  ] , [ORG Zeb Quaggle  ] , [ORG NATO  ] .',
      d: '[LOC NATO  ] [LOC NATO  ] [PER Pickard  ] .',
      e: '[LOC NATO  ] [MISC UK  ] [ORG Quaggle  ] .',
      // Types beyond the usual ones (misspelt), so that more than eight are counted.
      f: '[Org Quaggle  ] [Per Pickard  ] [LOCATION UK  ] [Loc NATO  ] [GPE Zanzibar  ] .',
      g: '[Org Quaggle  ] [Org Zanzibar  ] [ORGANIZATION NATO  ] .',
      h: '[NORP Quaggle  ] [NORP Zanzibar  ] [Misc UK  ] .',
      i: '[Org Zanzibar  ] [ORG Quaggle  ] .',
    };
    for (const [name, text] of Object.entries(small)) cables.set(`file:///small/${name}.cable`, text);
    const config = defaultConfig();
    const reader = createLanguageService(new InMemoryWorkspace(Object.fromEntries(cables)), config);
    const index = createLanguageService(new InMemoryWorkspace(), config);
    const tally = new ConflictTally(config);
    const summaries = [...cables.keys()].map((uri) => reader.summary(uri)!);
    for (const s of summaries) {
      index.addSummary(s);
      tally.add(s);
    }
    tally.add(summaries[0]); // the same cable twice counts once
    assert.equal(tally.cableCount, cables.size);
    let found = 0;
    for (const s of summaries) {
      const expected = index.indexedCableConflicts(s.uri).map(({ related: _related, ...d }) => d);
      const got = tally.conflicts(s).map(({ related, ...d }) => {
        assert.deepEqual(related, []);
        return d;
      });
      assert.deepEqual(got, expected, s.uri);
      found += got.length;
    }
    assert.ok(found >= 18, `${found} conflicts compared`);
    // A cable with no disputed key has no conflict (a batch run does not ask for it); one with a conflict has one.
    const disputed = new Set(tally.disputedKeys());
    let without = 0;
    for (const s of summaries) {
      if (s.keys.some((k) => disputed.has(k))) continue;
      without++;
      assert.deepEqual(index.indexedCableConflicts(s.uri), [], s.uri);
    }
    assert.ok(without >= 10 && without < summaries.length, `${without} of ${summaries.length} cables without a disputed key`);
  });

  it('disputed keys: typed two ways, or whose full name or surname is', () => {
    const config = defaultConfig();
    const cables: Record<string, string> = {
      'file:///a.cable': '[ORG NATO  ] [PER Ann Quaggle  ] [LOC UK  ] [PER Bo Pickard  ] .',
      'file:///b.cable': '[ORG NATO  ] [PER Quaggle  ] [LOC UK  ] [PER Pickard  ] .',
      'file:///c.cable': '[LOC NATO  ] [ORG Quaggle  ] [LOC UK  ] .',
    };
    const reader = createLanguageService(new InMemoryWorkspace(cables), config);
    const tally = new ConflictTally(config);
    for (const uri of Object.keys(cables)) tally.add(reader.summary(uri)!);
    // NATO: ORG and LOC. Quaggle: PER and ORG, so Ann Quaggle (PER everywhere) is disputed through it.
    // UK is LOC everywhere; Bo Pickard and Pickard are PER everywhere.
    assert.deepEqual(tally.disputedKeys(), ['nato', 'ann quaggle', 'quaggle']);
  });

  it('fewer than two cables, or the rule off: none', () => {
    const config = defaultConfig();
    const service = createLanguageService(new InMemoryWorkspace({ 'file:///seed.txt': seedText() }), config);
    const tally = new ConflictTally(config);
    const s = service.summary('file:///seed.txt')!;
    tally.add(s);
    assert.deepEqual(tally.conflicts(s), []);
    const off = new ConflictTally({ ...config, rules: { ...config.rules, 'entity-cross-cable-conflict': 'off' } });
    for (const f of corpusFiles().slice(0, 20)) off.add(createLanguageService(new InMemoryWorkspace({ [f]: fs.readFileSync(f, 'utf8') }), config).summary(f)!);
    assert.deepEqual(off.conflicts(s), []);
  });
});
