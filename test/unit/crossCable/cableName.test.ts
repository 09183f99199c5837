// How cables are named in hovers, symbols and messages.

import * as assert from 'node:assert/strict';
import { cableName } from '../../../server/src/core';

describe('cableName', () => {
  it('the file name without its extension, percent-decoded when it can be', () => {
    const cases: Array<[string, string]> = [
      ['file:///ws/corpus/09ABUJA1907.cable', '09ABUJA1907'],
      ['file:///ws/seeds/000_d5a32e40f8b893e0.txt', '000_d5a32e40f8b893e0'],
      ['file:///ws/a.b.cable', 'a.b'],
      ['file:///ws/.cable', '.cable'],
      ['file:///ws/noext', 'noext'],
      ['file:///ws/My%20Cable.cable', 'My Cable'],
      ['file:///ws/bad%E0%A4%A.cable', 'bad%E0%A4%A'],
    ];
    for (const [uri, name] of cases) assert.equal(cableName(uri), name, uri);
  });
});
