// The server's settings: read with defaults, validated, and what changed.

import * as assert from 'node:assert/strict';
import { defaultConfig } from '../../../server/src/core';
import { defaultSettings, readSettings, settingsChange } from '../../../server/src/lsp/settings';

describe('server settings', () => {
  it('defaults: the core defaults, the index on, node_modules left out, no files.exclude', () => {
    const s = defaultSettings();
    assert.deepEqual(s.config, defaultConfig());
    assert.deepEqual(s.index, { enabled: true, exclude: ['**/node_modules/**'], cache: true });
    assert.deepEqual(s.filesExclude, []);
  });

  it("the editor's names become the core's: maxNumberOfProblems, maxFileSizeMB in MB", () => {
    const { settings, warnings } = readSettings({ maxNumberOfProblems: 7, maxFileSizeMB: 2, entityTypes: ['PERSON', 'GPE'], rules: { 'tag-spacing': 'off' } });
    assert.deepEqual(warnings, []);
    assert.equal(settings.config.maxProblems, 7);
    assert.equal(settings.config.maxFileSize, 2 * 1024 * 1024);
    assert.deepEqual(settings.config.entityTypes, ['PERSON', 'GPE']);
    assert.equal(settings.config.rules['tag-spacing'], 'off');
    assert.equal(settings.config.rules['tag-unclosed'], 'error');
  });

  it('files.exclude keeps only the globs switched on; index settings of the wrong shape fall back', () => {
    const { settings } = readSettings({ index: { enabled: 'yes', exclude: ['archive/**', 3] } }, { '**/.git': true, '**/hidden': true, '**/off': false, '**/when': { when: '$(basename).ts' } });
    assert.deepEqual(settings.filesExclude, ['**/.git', '**/hidden']);
    assert.deepEqual(settings.index, { enabled: true, exclude: ['archive/**'], cache: true });
    assert.deepEqual(readSettings({ index: { enabled: false } }).settings.index, { enabled: false, exclude: ['**/node_modules/**'], cache: true });
    assert.deepEqual(readSettings({ index: { cache: false } }).settings.index, { enabled: true, exclude: ['**/node_modules/**'], cache: false });
    assert.equal(readSettings({ index: { cache: 'no' } }).settings.index.cache, true);
  });

  it('malformed settings warn and fall back, never throw', () => {
    for (const raw of [42, 'x', [], null, { entityTypes: 'PER', rules: 42, maxNumberOfProblems: -1 }]) {
      const { settings } = readSettings(raw, 'nonsense');
      assert.deepEqual(settings.config.entityTypes, ['PER', 'ORG', 'LOC', 'MISC']);
    }
    assert.ok(readSettings({ entityTypes: 'PER' }).warnings.length > 0);
  });

  it('what changed: rules → config; entity types → config and types; excludes or size → the index', () => {
    const base = defaultSettings();
    const rules = readSettings({ rules: { 'tag-spacing': 'off' } }).settings;
    assert.deepEqual(settingsChange(base, rules), { config: true, entityTypes: false, index: false });
    const types = readSettings({ entityTypes: ['PER'] }).settings;
    assert.deepEqual(settingsChange(base, types), { config: true, entityTypes: true, index: false });
    const exclude = readSettings({ index: { exclude: ['x/**'] } }).settings;
    assert.deepEqual(settingsChange(base, exclude), { config: false, entityTypes: false, index: true });
    const size = readSettings({ maxFileSizeMB: 1 }).settings;
    assert.deepEqual(settingsChange(base, size), { config: true, entityTypes: false, index: true });
    assert.deepEqual(settingsChange(base, defaultSettings()), { config: false, entityTypes: false, index: false });
  });
});
