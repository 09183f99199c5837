import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { looksLikeCable } from '../../server/src/core';
import { ROOT, corpusFiles, seedText } from '../helpers';

describe('recognising cables by their first line', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const firstLine = new RegExp(manifest.contributes.languages.find((l: { id: string }) => l.id === 'cable').firstLine);
  const cases: Array<[string, boolean]> = [
    [seedText().split('\n')[0], true],
    ['C O N F I D E N T I A L STATE 052368', true],
    ['UNCLAS SECTION 01 OF 02', true],
    ['S E C R E T SECTION 01', true],
    ['Friday , 01 January 2010 , 15:02 C O N F I D E N T I A L', true],
    ['Meeting notes for Tuesday', false],
    ['CONFIDENTIALITY AGREEMENT', false],
    ['', false],
  ];

  for (const [line, expected] of cases) {
    it(`${expected ? 'claims' : 'leaves'} ${JSON.stringify(line.slice(0, 40))}`, () => {
      assert.equal(looksLikeCable(line), expected);
      assert.equal(firstLine.test(line), expected, 'package.json firstLine agrees');
    });
  }

  it('claims every corpus cable', () => {
    for (const f of corpusFiles()) assert.ok(looksLikeCable(fs.readFileSync(f, 'utf8').split('\n')[0]), f);
  });
});
