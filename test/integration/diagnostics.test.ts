import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { SEED, codeOf, describeDiagnostic, diagnosticsOf, openCable } from './helpers';

// As README.md lists them (cable-lint on the seed and on test/fixtures/e2e/malformed.cable),
// with the end of each range and the text under it.
const SEED_DIAGNOSTICS = [
  '1:136-1:140 entity-untagged-mention "U.S."',
  '1:141-1:143 entity-untagged-mention "UK"',
  '2:34-2:40 entity-untagged-mention "PM/WRA"',
  '3:574-3:585 entity-type-conflict "[ORG CCW  ]"',
  '4:5-4:18 entity-type-conflict "[MISC UK’s  ]"',
  '5:173-5:184 entity-type-conflict "[ORG CCW  ]"',
  '7:192-7:198 entity-untagged-mention "PM/WRA"',
  '8:1-8:7 entity-untagged-mention "PM/WRA"',
  '40:7-40:19 entity-type-conflict "[ORG Ford  ]"',
  '44:108-44:111 entity-untagged-mention "CCM"',
  '44:133-44:136 entity-untagged-mention "CCM"',
  '48:1-48:13 entity-type-conflict "[ORG Ford  ]"',
  '48:207-48:220 entity-type-conflict "[MISC UK’s  ]"',
  '51:21-51:33 entity-type-conflict "[ORG Ford  ]"',
  '55:1-55:8 entity-untagged-mention "CLINTON"',
];
const MALFORMED_DIAGNOSTICS = [
  '5:97-5:101 tag-unclosed "[PER"',
  '6:6-6:9 tag-unknown-type "PRE"',
  '8:16-8:17 tag-stray-close "]"',
  '9:5-9:12 tag-empty "[ORG  ]"',
  '10:27-10:31 tag-nested "[LOC"',
];
const { Error: E, Warning: W, Information: I } = vscode.DiagnosticSeverity;

const sorted = (ds: vscode.Diagnostic[]) => [...ds].sort((a, b) => a.range.start.compareTo(b.range.start));

describe('diagnostics from vscode.languages.getDiagnostics', () => {
  it('the seed: the curation findings of the README, no error', async () => {
    const doc = await openCable(SEED);
    const found = sorted(await diagnosticsOf(doc.uri, (d) => d.length >= SEED_DIAGNOSTICS.length));
    assert.deepEqual(found.map((d) => describeDiagnostic(doc, d)), SEED_DIAGNOSTICS);
    assert.deepEqual(
      found.map((d) => d.severity),
      SEED_DIAGNOSTICS.map((d) => (d.includes('entity-type-conflict') ? W : I)),
    );
  });

  it('malformed.cable: the five tag problems, with their severities and messages', async () => {
    const doc = await openCable('malformed.cable');
    const found = sorted(await diagnosticsOf(doc.uri, (d) => d.length >= MALFORMED_DIAGNOSTICS.length));
    assert.deepEqual(found.map((d) => describeDiagnostic(doc, d)), MALFORMED_DIAGNOSTICS);
    assert.deepEqual(found.map((d) => d.severity), [E, E, W, W, E]);
    assert.equal(found[1].message, 'Unknown entity type "PRE". Did you mean "PER"?');
  });

  it('taggedCables.rules: a code set "off" loses its diagnostics, and gets them back', async () => {
    const doc = await openCable('malformed.cable');
    await diagnosticsOf(doc.uri, (d) => d.length === MALFORMED_DIAGNOSTICS.length);
    const config = vscode.workspace.getConfiguration('taggedCables');
    await config.update('rules', { 'tag-unclosed': 'off', 'tag-stray-close': 'error' }, vscode.ConfigurationTarget.Workspace);
    try {
      const off = await diagnosticsOf(doc.uri, (d) => d.length === MALFORMED_DIAGNOSTICS.length - 1);
      assert.deepEqual(sorted(off).map((d) => `${codeOf(d)} ${d.severity}`), [`tag-unknown-type ${E}`, `tag-stray-close ${E}`, `tag-empty ${W}`, `tag-nested ${E}`]);
    } finally {
      await config.update('rules', undefined, vscode.ConfigurationTarget.Workspace);
    }
    const back = await diagnosticsOf(doc.uri, (d) => d.length === MALFORMED_DIAGNOSTICS.length && d.some((x) => codeOf(x) === 'tag-unclosed'));
    assert.deepEqual(sorted(back).map((d) => describeDiagnostic(doc, d)), MALFORMED_DIAGNOSTICS);
  });
});
