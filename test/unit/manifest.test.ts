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

describe('the manifest: annotation from the keyboard', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const contributes = manifest.contributes;
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const client = fs.readdirSync(path.join(ROOT, 'client', 'src')).map((f) => fs.readFileSync(path.join(ROOT, 'client', 'src', f), 'utf8')).join('\n');
  const ANNOTATION = [
    'taggedCables.tagSelection',
    'taggedCables.tagAll',
    'taggedCables.mergeTags',
    'taggedCables.splitTag',
    'taggedCables.extendTagStart',
    'taggedCables.extendTagEnd',
    'taggedCables.shrinkTagStart',
    'taggedCables.shrinkTagEnd',
    'taggedCables.removeEntityTags',
    'taggedCables.nextMention',
    'taggedCables.previousMention',
    'taggedCables.nextTag',
    'taggedCables.previousTag',
  ];

  it('every command is contributed, registered by the client and documented', () => {
    const contributed = new Set(contributes.commands.map((c: { command: string }) => c.command));
    for (const id of ANNOTATION) {
      assert.ok(contributed.has(id), `${id} contributed`);
      assert.ok(client.includes(`'${id}'`), `${id} registered by the client`);
      assert.ok(readme.includes(`\`${id}\``), `${id} in the README`);
    }
  });

  it('keys only in a focused cable editor, the editing ones not when read-only; one per default type and a pick', () => {
    const bindings: Array<{ command: string; key: string; when: string; args?: { type?: string } }> = contributes.keybindings;
    const navigation = new Set(['taggedCables.nextMention', 'taggedCables.previousMention', 'taggedCables.nextTag', 'taggedCables.previousTag']);
    const differences = new Set(['taggedCables.nextDifference', 'taggedCables.previousDifference']);
    for (const b of bindings.filter((b) => differences.has(b.command))) {
      assert.equal(b.when, 'editorLangId == cable && editorTextFocus && taggedCables.comparing', b.command);
    }
    for (const b of bindings.filter((b) => !differences.has(b.command))) {
      assert.ok(ANNOTATION.includes(b.command), b.command);
      assert.match(b.when, /^editorLangId == cable && editorTextFocus/, b.command);
      assert.equal(b.when.includes('!editorReadonly'), !navigation.has(b.command), b.command);
    }
    assert.equal(new Set(bindings.map((b) => b.key)).size, bindings.length, 'no key twice');
    const typed = bindings.filter((b) => b.command === 'taggedCables.tagSelection');
    assert.deepEqual(typed.map((b) => b.args?.type ?? null), ['PER', 'ORG', 'LOC', 'MISC', null]);
    for (const command of ['taggedCables.mergeTags', 'taggedCables.splitTag', 'taggedCables.extendTagStart', 'taggedCables.extendTagEnd', 'taggedCables.shrinkTagStart', 'taggedCables.shrinkTagEnd', ...navigation]) {
      assert.ok(bindings.some((b) => b.command === command), `${command} has a key`);
    }
  });

  it('the README’s key table lists exactly the default keys', () => {
    const table = readme.slice(readme.indexOf('| key | command |'));
    const rows = table.slice(0, table.indexOf('\n\n')).split('\n').slice(2);
    const normal = (key: string) => {
      const parts = key.toLowerCase().split('+');
      return [...['ctrl', 'shift', 'alt'].filter((m) => parts.includes(m)), parts[parts.length - 1]].join('+');
    };
    const documented = rows.flatMap((row) => {
      const keys = row.split('|')[1].trim().split(' / ');
      const modifiers = keys[0].slice(0, keys[0].lastIndexOf('+') + 1);
      return keys.map((k) => normal(k.includes('+') ? k : modifiers + k));
    });
    assert.deepEqual(documented.sort(), (contributes.keybindings as Array<{ key: string }>).map((b) => normal(b.key)).sort());
  });

  it('the cable language’s editor defaults: word wrap, no highlighting of curly quotes', () => {
    assert.deepEqual(contributes.configurationDefaults['[cable]'], {
      'editor.wordWrap': 'on',
      'editor.unicodeHighlight.ambiguousCharacters': false,
      'editor.unicodeHighlight.invisibleCharacters': false,
    });
  });
});
