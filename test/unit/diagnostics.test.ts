import * as assert from 'node:assert/strict';
import { defaultConfig, normalizeConfig } from '../../server/src/core';
import { URI, corpusFiles, seedText, serviceFor } from '../helpers';
import * as fs from 'fs';
import * as path from 'path';

function check(text: string, expected: Array<[code: string, covered: string, severity?: string]>, settings?: unknown) {
  const config = settings === undefined ? defaultConfig() : normalizeConfig(settings).config;
  const diagnostics = serviceFor(text, config).diagnostics(URI);
  assert.deepEqual(
    diagnostics.map((d) => [d.code, text.slice(d.span.start, d.span.end), d.severity]),
    expected.map(([code, covered, severity]) => [code, covered, severity ?? diagnostics.find((d) => d.code === code)?.severity]),
  );
  return diagnostics;
}

describe('diagnostics', () => {
  it('the seed has no error-level diagnostic', () => {
    const diagnostics = serviceFor(seedText()).diagnostics(URI);
    assert.deepEqual(diagnostics.filter((d) => d.severity === 'error'), []);
  });

  it('no corpus cable has a malformed tag (tag boundaries are pinned in boundary.test.ts)', () => {
    for (const file of corpusFiles()) {
      const tagDiagnostics = serviceFor(fs.readFileSync(file, 'utf8')).diagnostics(URI).filter((d) => d.code.startsWith('tag-') && d.code !== 'tag-boundary');
      assert.deepEqual(tagDiagnostics, [], path.basename(file));
    }
  });

  it('tag-unclosed: the opening, as an error, with a fix in the message', () => {
    const [d] = check('Met [PER Foo Bar\nnext', [['tag-unclosed', '[PER', 'error']]);
    assert.match(d.message, /never closed/);
    assert.match(d.message, /Add "  \]"/);
  });

  it('tag-stray-close', () => {
    check('text ] more', [['tag-stray-close', ']', 'warning']]);
  });

  it('tag-nested', () => {
    check('[ORG Bank of [LOC Spain  ]  ]', [['tag-nested', '[LOC', 'error']]);
  });

  it('tag-unknown-type with did-you-mean', () => {
    const [d] = check('[PRE Foo  ]', [['tag-unknown-type', 'PRE', 'error']]);
    assert.equal(d.message, 'Unknown entity type "PRE". Did you mean "PER"?');
  });

  it('tag-empty', () => {
    check('[ORG  ]', [['tag-empty', '[ORG  ]', 'warning']]);
  });

  it('tag-multiline', () => {
    check('[PER Foo\nBar  ]', [['tag-multiline', '[PER Foo\nBar  ]', 'error']]);
  });

  it("tag-spacing follows the file's convention, as a hint", () => {
    const text = '[PER A  ] [PER B  ] [PER C ] [ORG D  ] [LOC  E  ]';
    const diagnostics = check(text, [
      ['tag-spacing', ' ]', 'hint'],
      ['tag-spacing', '  ', 'hint'],
    ]);
    assert.match(diagnostics[0].message, /1 space before "\]"; this file's tags use 2/);
    // A file whose tags all use one space is consistent.
    check('[PER A ] [PER B ] [PER C ]', []);
  });

  it('severities come from the settings; off removes a rule', () => {
    check('a ] [PRE x  ]', [['tag-stray-close', ']', 'error'], ['tag-unknown-type', 'PRE', 'warning']], {
      rules: { 'tag-stray-close': 'error', 'tag-unknown-type': 'warning' },
    });
    check('a ] [PRE x  ]', [['tag-unknown-type', 'PRE', 'error']], { rules: { 'tag-stray-close': 'off' } });
  });

  it('configured entity types replace the defaults', () => {
    check('[PERSON Bob  ] [PER Al  ]', [['tag-unknown-type', 'PER', 'error']], { entityTypes: ['PERSON', 'ORG'] });
  });

  it('caps the number of problems', () => {
    const diagnostics = serviceFor(' ]'.repeat(5000), normalizeConfig({ maxProblems: 100 }).config).diagnostics(URI);
    assert.equal(diagnostics.length, 100);
  });

  it('malformed settings fall back to defaults with warnings, never throw', () => {
    for (const raw of [42, 'x', [], { entityTypes: 'PER' }, { entityTypes: [1, {}] }, { rules: { 'tag-empty': 'loud' } }, { rules: [] }, { maxProblems: -1 }]) {
      const { config, warnings } = normalizeConfig(raw);
      assert.ok(warnings.length > 0, JSON.stringify(raw));
      assert.deepEqual(config.entityTypes, ['PER', 'ORG', 'LOC', 'MISC']);
      assert.equal(config.rules['tag-empty'], 'warning');
    }
  });

  it('a rule code that does not exist (a typo) is named in a warning, and the others still apply', () => {
    const { config, warnings } = normalizeConfig({ rules: { 'tag-emty': 'off', 'tag-spacing': 'error' } });
    assert.equal(warnings.length, 1);
    assert.match(warnings[0], /^rules\.tag-emty: no such rule; ignored \(the rules are .*tag-empty.*\)\.$/);
    assert.equal(config.rules['tag-spacing'], 'error');
    assert.equal(config.rules['tag-empty'], 'warning');
  });
});
