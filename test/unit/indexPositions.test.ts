// Many positions of an indexed cable at once: the same as one at a time, in any order.

import * as assert from 'node:assert/strict';
import { InMemoryWorkspace, createLanguageService } from '../../server/src/core';
import { LineIndex } from '../../server/src/core/lineIndex';
import { seedText } from '../helpers';

describe('positions of many offsets at once', () => {
  const text = seedText().replace(/\n/g, (m, i: number) => (i % 3 === 0 ? '\r\n' : m)) + '\r😀 [PER Zed  ]';
  const uri = 'file:///disk/seed.txt';
  const service = createLanguageService(new InMemoryWorkspace());
  service.indexSource({ uri, version: 'disk:1', text });
  const lines = new LineIndex(text);

  it('ascending, descending and shuffled offsets match LineIndex, past both ends clamped', () => {
    const ascending = Array.from({ length: 400 }, (_, i) => Math.floor((i * text.length) / 399));
    const shuffled = [...ascending].sort((a, b) => ((a * 7919) % 613) - ((b * 7919) % 613));
    for (const offsets of [ascending, [...ascending].reverse(), shuffled, [-5, text.length + 10, 0]]) {
      const expected = offsets.map((o) => lines.positionAt(o));
      assert.deepEqual(service.positionsAt(uri, offsets), expected);
      assert.deepEqual(offsets.map((o) => service.positionAt(uri, o)), expected);
    }
  });

  it('an unknown cable gives nothing', () => {
    assert.equal(service.positionsAt('file:///disk/none.cable', [1, 2]), undefined);
  });
});
