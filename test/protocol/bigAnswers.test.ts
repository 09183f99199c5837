// Big answers: references with thousands of locations are streamed as LSP
// partial results to a client that gives a partialResultToken, and answered
// whole to one that does not.

import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { Location, ReferencesRequest } from 'vscode-languageserver-protocol/node';
import { LspTestClient } from './lspClient';

const CABLES = 260;
const MENTIONS_PER_CABLE = 10;

/** A small cable whose every line has a ¶ and a ’ before the mention (UTF-16 ≠ bytes). */
function cable(n: number): string {
  const lines = ['<code><pre>C O N F I D E N T I A L SECTION 01 OF 01 ROME 0000' + n];
  for (let p = 1; p <= MENTIONS_PER_CABLE; p++) lines.push(`<a id='par${p}' href='#par${p}'>¶</a>${p} . ( C ) The envoy’s note ${n}: [PER Pickard  ] agreed .`);
  return lines.join('\n') + '\n</pre></code>\n';
}

describe('big answers over the protocol', function () {
  this.timeout(60_000);
  let dir: string;
  let client: LspTestClient;

  before(() => {
    LspTestClient.build();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cable-big-'));
    for (let n = 0; n < CABLES; n++) fs.writeFileSync(path.join(dir, `C${String(n).padStart(4, '0')}.cable`), cable(n));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  beforeEach(async () => {
    client = new LspTestClient();
    await client.initialize(true, [pathToFileURL(dir).toString()]);
    await client.until(() => client.indexEvents.some((e) => !e.indexing && e.cables === CABLES), 'indexing');
  });
  afterEach(() => client.stop());

  const first = () => pathToFileURL(path.join(dir, 'C0000.cable')).toString();
  const position = () => {
    const line = cable(0).split('\n')[1];
    return { line: 1, character: line.indexOf('Pickard') };
  };

  it('with a partialResultToken: batches through $/progress, each at exact ranges, and an empty answer', async () => {
    await client.open(first(), cable(0));
    const token = 'refs-1';
    const answer = await client.connection.sendRequest(ReferencesRequest.type, { textDocument: { uri: first() }, position: position(), context: { includeDeclaration: true }, partialResultToken: token });
    await new Promise((r) => setTimeout(r, 200));
    const batches = client.progressByToken.filter((p) => p.token === token).map((p) => p.value as Location[]);
    assert.deepEqual(answer, []);
    assert.ok(batches.length >= 2, `${batches.length} batches`);
    const all = batches.flat();
    assert.equal(all.length, CABLES * MENTIONS_PER_CABLE);
    assert.equal(new Set(all.map((l) => l.uri)).size, CABLES);
    for (const l of all) {
      const lines = fs.readFileSync(new URL(l.uri), 'utf8').split('\n');
      assert.equal(lines[l.range.start.line].slice(l.range.start.character, l.range.end.character), 'Pickard', JSON.stringify(l));
    }
  });

  it('without a token: every location in the answer', async () => {
    await client.open(first(), cable(0));
    const answer = (await client.connection.sendRequest(ReferencesRequest.type, { textDocument: { uri: first() }, position: position(), context: { includeDeclaration: true } })) as Location[];
    assert.equal(answer.length, CABLES * MENTIONS_PER_CABLE);
  });
});
