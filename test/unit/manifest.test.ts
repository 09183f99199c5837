import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { RULES, RULE_CODES } from '../../server/src/core';
import { ROOT } from '../helpers';

describe('the manifest and the docs follow the table of codes', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const rules = manifest.contributes.configuration.properties['taggedCables.rules'];

  it('every rule has a severity setting with its default', () => {
    assert.deepEqual(Object.keys(rules.properties).sort(), [...RULE_CODES].sort());
    for (const code of RULE_CODES) {
      assert.equal(rules.properties[code].default, RULES[code].defaultSeverity, code);
      assert.equal(rules.default[code], RULES[code].defaultSeverity, code);
    }
  });

  it('the README documents every rule with its default', () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    for (const code of RULE_CODES) assert.match(readme, new RegExp(`\\| \`${code}\` \\| ${RULES[code].defaultSeverity} \\|`), code);
  });
});
