// Mention previews: a mention's line as a list shows it.

import * as assert from 'node:assert/strict';
import { mentionPreview, plainLine } from '../../server/src/core';
import { nth, seedText } from '../helpers';

describe('mention previews', () => {
  it('drops tag markup and squeezes white space', () => {
    assert.equal(plainLine('( C ) [PER Nicolas Pickard  ] met  the [ORG UK’s  ] envoy\t.'), '( C ) Nicolas Pickard met the UK’s envoy .');
  });

  it('a short line: the whole line without markup, the mention highlighted where it lies', () => {
    const line = '¶3 . ( C ) [PER Pickard  ] informed [ORG CCW  ] .';
    const start = line.indexOf('Pickard');
    const preview = mentionPreview(line, start, start + 'Pickard'.length);
    assert.deepEqual(preview, { preview: '¶3 . ( C ) Pickard informed CCW .', highlight: [11, 18] });
    assert.equal(preview.preview.slice(...preview.highlight!), 'Pickard');
  });

  it('a long line: about 120 characters around the mention, cut with an ellipsis on each side', () => {
    const seed = seedText();
    const lineStart = seed.lastIndexOf('\n', nth(seed, '[PER Pickard  ]', 6)) + 1;
    const line = seed.slice(lineStart, seed.indexOf('\n', lineStart));
    const start = nth(seed, '[PER Pickard  ]', 6) - lineStart + '[PER '.length;
    const preview = mentionPreview(line, start, start + 7);
    assert.ok(preview.preview.length <= 122, String(preview.preview.length));
    assert.equal(preview.preview.slice(...preview.highlight!), 'Pickard');
    assert.ok(preview.preview.startsWith('…') || preview.preview.endsWith('…'));
  });

  it('a mention that is not on the line gives the plain line without a highlight', () => {
    assert.deepEqual(mentionPreview('[LOC UK  ] and [LOC U.S.  ]', 5, 5), { preview: 'UK and U.S.' });
    assert.deepEqual(mentionPreview('short', 3, 99), { preview: 'short' });
  });
});
