// Diagnostics after edits through a real client: a large cable's tag checks
// are published first and its entity checks right after, for the same
// version (unless they say nothing new); a small cable gets every check in
// one publish.

import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import { InMemoryWorkspace, createLanguageService } from '../../server/src/core';
import { corpusFiles, seedText } from '../helpers';
import { LspTestClient } from './lspClient';
import { positionOf } from './text';

/** About 400,000 characters of distinct corpus cables, one wrapper around them. */
function largeCable(): string {
  const bodies: string[] = [];
  let length = 0;
  for (const file of corpusFiles()) {
    const body = fs.readFileSync(file, 'utf8').replace(/^\uFEFF?\s*<code><pre>/, '').replace(/<\/pre><\/code>\s*$/, '').trimEnd();
    bodies.push(body);
    length += body.length;
    if (length > 400_000) break;
  }
  return `<code><pre>${bodies.join('\n')}\n</pre></code>\n`;
}

/** Code and start of each diagnostic the core finds in `text`, as LSP positions. */
function expected(text: string) {
  const service = createLanguageService(new InMemoryWorkspace({ 'file:///x.cable': text }));
  return service.diagnostics('file:///x.cable').map((d) => [d.code, positionOf(text, d.span.start)]);
}

const summary = (p: { diagnostics: Array<{ code?: number | string; range: { start: { line: number; character: number } } }> }) => p.diagnostics.map((d) => [d.code, d.range.start]);

describe('diagnostics after edits, over stdio', function () {
  this.timeout(60_000);
  let client: LspTestClient;
  const text = largeCable();
  const uri = 'file:///cables/large.cable';

  before(() => LspTestClient.build());

  beforeEach(async () => {
    client = new LspTestClient();
    await client.initialize();
  });

  afterEach(async () => {
    await client.stop();
  });

  it('a large cable: the tag checks of the new text go out first, with the entity checks moved (here what every check says)', async () => {
    await client.open(uri, text);
    const opened = await client.settledDiagnosticsFor(uri, 1);
    assert.deepEqual(summary(opened), expected(text));
    assert.ok(opened.diagnostics.some((d) => d.code === 'entity-untagged-mention'));
    // A stray `]` typed in the middle of a line of the first cable (the first 1000 diagnostics are there).
    const at = text.indexOf(' ', text.indexOf("<a id='par3'")) + 1;
    const edited = text.slice(0, at) + '] ' + text.slice(at);
    await client.change(uri, 2, [{ range: { start: positionOf(text, at), end: positionOf(text, at) }, text: '] ' }]);
    const final = await client.settledDiagnosticsFor(uri, 2);
    const first = client.published(uri).find((p) => p.version === 2)!;
    assert.ok(first.diagnostics.some((d) => d.code === 'tag-stray-close' && d.range.start.character === positionOf(edited, at).character), 'the tag checks of the new text');
    assert.deepEqual(summary(first), expected(edited), 'the moved entity checks are those of the new text');
    assert.deepEqual(summary(final), expected(edited));
  });

  it('a large cable: when the entity checks change, they follow in a second publish of the version', async () => {
    await client.open(uri, text);
    const opened = await client.settledDiagnosticsFor(uri, 1);
    // Tag an untagged mention: its entity-untagged-mention goes, and the entity gains a mention.
    const untagged = opened.diagnostics.find((d) => d.code === 'entity-untagged-mention')!;
    const lines = text.split('\n');
    const offset = lines.slice(0, untagged.range.start.line).reduce((n, l) => n + l.length + 1, 0) + untagged.range.start.character;
    const end = offset + (untagged.range.end.character - untagged.range.start.character);
    const edited = text.slice(0, offset) + '[LOC ' + text.slice(offset, end) + '  ]' + text.slice(end);
    await client.change(uri, 2, [{ range: untagged.range, text: '[LOC ' + text.slice(offset, end) + '  ]' }]);
    const final = await client.settledDiagnosticsFor(uri, 2);
    const sends = client.published(uri).filter((p) => p.version === 2);
    assert.ok(sends.length >= 2, 'the tag checks, then every check');
    assert.ok(!sends[0].diagnostics.some((d) => d.code === 'entity-untagged-mention' && d.range.start.line === untagged.range.start.line && d.range.start.character === untagged.range.start.character), 'the mention the edit touched is not reported as untagged any more');
    assert.deepEqual(summary(final), expected(edited));
  });

  it('a small cable: every check in the first publish of a version', async () => {
    const small = 'file:///cables/small.cable';
    await client.open(small, seedText());
    await client.settledDiagnosticsFor(small, 1);
    await client.change(small, 2, [{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, text: '] ' }]);
    const final = await client.settledDiagnosticsFor(small, 2);
    // The first publish of the version has every check already (the cross-cable recheck may send the same again later).
    const first = client.published(small).find((p) => p.version === 2)!;
    assert.deepEqual(first.diagnostics, final.diagnostics);
    assert.ok(first.diagnostics.some((d) => d.code === 'tag-stray-close'));
    assert.ok(first.diagnostics.some((d) => d.code === 'entity-type-conflict'));
  });
});
