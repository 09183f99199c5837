// Moving between mentions of an entity and between tags, wrapping in the cable.

import * as assert from 'node:assert/strict';
import { Direction } from '../../server/src/core';
import { URI, markSpans, nth, seedText, serviceFor, withSelections } from '../helpers';

/** The marked cursor moved: the target tag's text marked «…», or the reason. */
function go(input: string, target: 'mention' | 'tag', direction: Direction): string {
  const { text, selections } = withSelections(input);
  const found = serviceFor(text).navigate(URI, selections[0].start, target, direction);
  return typeof found === 'string' ? `! ${found}` : markSpans(text, [found]);
}

describe('navigation', () => {
  const cables = '[PER Pi«»ckard  ] met [LOC Rome  ] and [PER Nicolas Pickard  ] ; [ORG FCO  ] and [PER Pickard  ] .';

  it('next and previous mention of the entity, wrapping', () => {
    assert.equal(go(cables, 'mention', 'next'), '[PER Pickard  ] met [LOC Rome  ] and [PER «Nicolas Pickard»  ] ; [ORG FCO  ] and [PER Pickard  ] .');
    assert.equal(go(cables, 'mention', 'previous'), '[PER Pickard  ] met [LOC Rome  ] and [PER Nicolas Pickard  ] ; [ORG FCO  ] and [PER «Pickard»  ] .');
    assert.equal(go('[PER Pickard  ] and [PER Pick«»ard  ] .', 'mention', 'next'), '[PER «Pickard»  ] and [PER Pickard  ] .');
  });

  it('next and previous tag of any type, wrapping; from untagged text too', () => {
    assert.equal(go(cables, 'tag', 'next'), '[PER Pickard  ] met [LOC «Rome»  ] and [PER Nicolas Pickard  ] ; [ORG FCO  ] and [PER Pickard  ] .');
    assert.equal(go(cables, 'tag', 'previous'), '[PER Pickard  ] met [LOC Rome  ] and [PER Nicolas Pickard  ] ; [ORG FCO  ] and [PER «Pickard»  ] .');
    assert.equal(go('[PER A  ] m«»et [LOC B  ] .', 'tag', 'next'), '[PER A  ] met [LOC «B»  ] .');
    assert.equal(go('[PER A  ] m«»et [LOC B  ] .', 'tag', 'previous'), '[PER «A»  ] met [LOC B  ] .');
    assert.equal(go('«»x [PER A  ] .', 'tag', 'previous'), 'x [PER «A»  ] .');
  });

  it('refusals in words', () => {
    assert.equal(go('in Ro«»me', 'mention', 'next'), '! Place the cursor on a tag to move between the mentions of its entity.');
    assert.equal(go('in [LOC Ro«»me  ] .', 'mention', 'next'), '! "Rome" has no other mention in this cable.');
    assert.equal(go('no tags «»here', 'tag', 'next'), '! This cable has no tags.');
    assert.equal(go('just [LOC Ro«»me  ] .', 'tag', 'next'), '! This cable has no other tag.');
  });

  it('on the seed: the 14 mentions of Nicolas Pickard in turn, then back to the first', () => {
    const seed = seedText();
    const service = serviceFor(seed);
    const start = nth(seed, '[PER Pickard  ]') + '[PER '.length;
    let at = start;
    const visited: number[] = [];
    for (let i = 0; i < 14; i++) {
      const span = service.navigate(URI, at, 'mention', 'next');
      assert.ok(typeof span !== 'string', String(span));
      assert.match(seed.slice(span.start, span.end), /^(Nicolas )?Pickard$/);
      visited.push(span.start);
      at = span.start;
    }
    assert.equal(new Set(visited).size, 14);
    assert.equal(visited[13], start, 'the 14th step is back where it started');
    const descents = visited.filter((v, i) => i > 0 && v < visited[i - 1]).length + (visited[0] < start ? 1 : 0);
    assert.equal(descents, 1, 'in text order, wrapping once');
  });
});
