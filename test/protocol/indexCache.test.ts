// The index cache over the protocol: a workspace indexed by the real server,
// the server stopped and started again. The second start takes every cable
// from the cache (the server's log says how many it read) and answers the
// same references and workspace symbols as the first; a cable changed in
// between is read again. The cache goes to the folder the client passes
// (VS Code's workspace storage), else to $XDG_CACHE_HOME/tagged-cables, and
// nowhere with `taggedCables.index.cache` off.

import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { ClientCapabilities, Location, ReferencesRequest, SymbolInformation, WorkspaceSymbolRequest } from 'vscode-languageserver-protocol/node';
import { ROOT, nth, seedText } from '../helpers';
import { LspTestClient } from './lspClient';
import { positionOf } from './text';

const CORPUS = path.join(ROOT, 'test', 'fixtures', 'corpus');
const CABLES = fs.readdirSync(CORPUS).filter((f) => f.endsWith('.cable')).sort().slice(0, 30);

const CAPABILITIES: ClientCapabilities = {
  workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, workspaceFolders: true },
  window: { workDoneProgress: true },
};

describe('index cache over the protocol', function () {
  this.timeout(90_000);
  const seed = seedText();
  let dir: string;
  let ws: string;
  let cacheFolder: string;
  const clients: LspTestClient[] = [];

  before(() => {
    LspTestClient.build();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cables-cache-protocol-'));
    ws = path.join(dir, 'workspace');
    cacheFolder = path.join(dir, 'storage');
    fs.mkdirSync(path.join(ws, 'corpus'), { recursive: true });
    for (const f of CABLES) fs.copyFileSync(path.join(CORPUS, f), path.join(ws, 'corpus', f));
    fs.writeFileSync(path.join(ws, 'seed.txt'), seed);
  });

  after(async () => {
    for (const c of clients) await c.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** A server on the workspace, indexed; `options` are its initializationOptions. */
  async function start(options: unknown, settings: Record<string, unknown> = {}): Promise<LspTestClient> {
    const client = new LspTestClient();
    clients.push(client);
    client.settings = settings;
    await client.initializeWith(CAPABILITIES, options, [pathToFileURL(ws).href]);
    await client.until(() => client.logs.some((l) => l.startsWith('Indexed ')) && client.indexEvents.some((e) => !e.indexing && e.cables > 0), 'indexing to end');
    return client;
  }

  async function stop(client: LspTestClient) {
    await client.stop();
    clients.splice(clients.indexOf(client), 1);
  }

  const indexedLine = (client: LspTestClient) => client.logs.find((l) => l.startsWith('Indexed ')) ?? '';

  async function queries(client: LspTestClient) {
    const seedUri = pathToFileURL(path.join(ws, 'seed.txt')).href;
    const references = (needle: string) =>
      client.connection.sendRequest(ReferencesRequest.type, {
        textDocument: { uri: seedUri },
        position: positionOf(seed, nth(seed, needle) + needle.indexOf(' ') + 1),
        context: { includeDeclaration: true },
      }) as Promise<Location[]>;
    await client.open(seedUri, seed);
    const sort = (l: Location[]) => [...l].sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character));
    const result = {
      pickard: sort(await references('[PER Pickard  ]')),
      us: sort(await references('[LOC U.S.  ]')),
      symbols: await Promise.all(['pckrd', 'u.s', 'nato', 'a'].map((query) => client.connection.sendRequest(WorkspaceSymbolRequest.type, { query }) as Promise<SymbolInformation[]>)),
    };
    await client.close(seedUri);
    return result;
  }

  it('the second start takes every cable from the cache and answers as the first', async () => {
    const first = await start({ cacheFolder });
    assert.match(indexedLine(first), /^Indexed 31 cables \(31 read\)/);
    await first.until(() => first.logs.some((l) => l.startsWith('Index cache written: 31 cables')), 'the cache to be written');
    const files = fs.readdirSync(cacheFolder);
    assert.equal(files.length, 1);
    assert.match(files[0], /^index-[0-9a-f]{16}\.bin$/);
    const before = await queries(first);
    assert.ok(before.pickard.length > 10 && before.us.length > 30, `${before.pickard.length} ${before.us.length}`);
    assert.ok(before.symbols.every((s) => s.length > 0));
    await stop(first);

    const second = await start({ cacheFolder });
    assert.ok(second.logs.some((l) => l.startsWith(`Index cache: 31 cables restored from ${path.join(cacheFolder, files[0])}`)), second.logs.join('\n'));
    assert.match(indexedLine(second), /^Indexed 31 cables \(0 read, 31 from the cache\)/);
    assert.deepEqual(await queries(second), before);
    await stop(second);
  });

  it('a cable changed while the server was away is read again, the others come from the cache', async () => {
    const changed = path.join(ws, 'corpus', CABLES[0]);
    const original = fs.readFileSync(changed, 'utf8');
    fs.writeFileSync(changed, original.replace('</pre></code>', "<a id='par98' href='#par98'>¶</a>98 . ( C ) [PER Zebulon Quaggle  ] left .</pre></code>"));
    try {
      const client = await start({ cacheFolder });
      assert.match(indexedLine(client), /^Indexed 31 cables \(1 read, 31 from the cache\)/);
      const found = (await client.connection.sendRequest(WorkspaceSymbolRequest.type, { query: 'zebulon' })) as SymbolInformation[];
      assert.deepEqual(found.map((s) => [s.name, s.location.uri]), [['Zebulon Quaggle', pathToFileURL(changed).href]]);
      await client.until(() => client.logs.some((l) => l.startsWith('Index cache written: 31 cables')), 'the cache to be written again');
      await stop(client);
    } finally {
      fs.writeFileSync(changed, original);
    }
  });

  it('without a folder from the client, the cache goes to $XDG_CACHE_HOME/tagged-cables', async () => {
    const client = await start(undefined);
    await client.until(() => client.logs.some((l) => l.startsWith('Index cache written')), 'the cache to be written');
    const written = /: (\/.*\.bin)$/.exec(client.logs.find((l) => l.startsWith('Index cache written'))!)![1];
    assert.equal(path.dirname(written), path.join(LspTestClient.cacheHome, 'tagged-cables'));
    assert.ok(fs.existsSync(written));
    await stop(client);
  });

  it('with taggedCables.index.cache off, no cache is read or written', async () => {
    const elsewhere = path.join(dir, 'other-storage');
    const client = await start({ cacheFolder: elsewhere }, { index: { cache: false } });
    assert.match(indexedLine(client), /^Indexed 31 cables \(31 read\)/);
    assert.ok(!client.logs.some((l) => l.startsWith('Index cache')), client.logs.join('\n'));
    assert.equal(fs.existsSync(elsewhere), false);
    await stop(client);
  });
});
