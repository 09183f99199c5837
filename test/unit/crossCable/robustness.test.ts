// Malformed cables, on disk and open, index and answer every cross-cable
// request without throwing.

import * as assert from 'node:assert/strict';
import { fixture, positionOf } from '../../fixture';

describe('cross-cable robustness', () => {
  it('malformed cables index and answer without throwing', () => {
    const line = '[PER Ann Lee  ] met [ORG NATO  ] in [LOC Rome  ] . ';
    let junk = '';
    for (let i = 0; i < 4000; i++) junk += String.fromCharCode((i * 7919 + 13) % 0xffff);
    const inputs = [
      '',
      'The [PER Nicolas Pickard met [ORG NATO  ] and [LOC',
      '[ORG [LOC Rome  ] x  ] ] [',
      junk,
      '\uD800[PER \uDC00  ]\r\r\n',
      line.repeat(Math.ceil(1_000_000 / line.length)),
      'y'.repeat(1_000_000),
    ];
    const f = fixture(
      `
//- /ws/p.cable
1. ( U ) The Ambassador met [PER Pickard  ] in [LOC London  ] .
2. ( U ) [PER Pickard  ] said the [ORG <fco|FCO|fco>  ] agreed .
`,
      { closed: inputs.map((text, i) => ({ uri: `file:///ws/bad${i}.cable`, text })) },
    );
    const { service, workspace } = f;
    assert.equal(service.indexStats().cables, inputs.length + 1);
    inputs.forEach((text, i) => {
      const uri = `file:///ws/open${i}.cable`;
      workspace.set(uri, text);
      service.indexOpenDocument(uri);
      for (const offset of [0, text.length >> 1, text.length]) {
        service.references(uri, offset);
        service.definition(uri, offset);
        service.hover(uri, offset);
        service.entityAt(uri, offset);
      }
      service.diagnostics(uri);
      service.entityTypes(uri);
      assert.deepEqual(service.positionAt(`file:///ws/bad${i}.cable`, text.length), positionOf(text, text.length), `bad${i}`);
    });
    // Ann Lee is in bad5 and open5.
    assert.deepEqual(service.workspaceSymbols('ann lee').map((s) => s.cable), ['bad5', 'open5']);
    assert.deepEqual(service.references(f.uri('p.cable'), f.only('fco').span.start), [f.location('fco')]);
    assert.equal(service.removeFromIndex('file:///ws/never-indexed.cable'), false);
    assert.equal(service.indexOpenDocument('file:///ws/never-opened.cable'), false);
    assert.equal(service.indexOpenDocument(f.uri('p.cable')), false);
  });
});
