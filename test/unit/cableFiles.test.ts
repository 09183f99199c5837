import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { CABLE_EXTENSION, CABLE_FIRST_LINE, DEFAULT_EXCLUDES, cableFileKind, looksLikeCable, startsLikeCable } from '../../server/src/core';
import { VERSION } from '../../server/src/version';
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

describe('one place decides what is a cable', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const language = manifest.contributes.languages.find((l: { id: string }) => l.id === 'cable');

  it("package.json's firstLine is the core's first-line test", () => {
    assert.equal(language.firstLine, CABLE_FIRST_LINE.source);
  });

  it('every banner level is claimed, spaced and solid, by the core and the manifest alike', () => {
    const firstLine = new RegExp(language.firstLine);
    for (const banner of ['T O P S E C R E T', 'TOP SECRET', 'S E C R E T', 'SECRET', 'C O N F I D E N T I A L', 'CONFIDENTIAL', 'U N C L A S S I F I E D', 'UNCLASSIFIED', 'UNCLAS']) {
      assert.ok(looksLikeCable(`${banner} STATE 012345`), banner);
      assert.ok(firstLine.test(`${banner} STATE 012345`), `manifest: ${banner}`);
    }
  });

  it('the manifest claims .cable files, as the core does', () => {
    assert.deepEqual(language.extensions, [CABLE_EXTENSION]);
  });

  it("the index's default exclude in the manifest is the core's", () => {
    assert.deepEqual(manifest.contributes.configuration.properties['taggedCables.index.exclude'].default, DEFAULT_EXCLUDES);
  });

  it('file kinds: .cable always, .txt when its first line says so, anything else never', () => {
    assert.equal(cableFileKind('/x/09ROME1.cable'), 'always');
    assert.equal(cableFileKind('/x/09ROME1.CABLE'), 'always');
    assert.equal(cableFileKind('/x/notes.txt'), 'maybe');
    assert.equal(cableFileKind('/x/notes.md'), 'never');
    assert.equal(cableFileKind('/x/cable.txt.bak'), 'never');
    assert.equal(startsLikeCable('\uFEFF<code><pre>C O N F I D E N T I A L\r\nmore'), true);
    assert.equal(startsLikeCable('Dear colleague,\nS E C R E T'), false);
  });

  it('the version comes from package.json', () => {
    assert.equal(VERSION, manifest.version);
  });
});
