// The workspace index over the protocol: a temporary workspace of corpus
// cables, indexed by the real server from disk, followed through watched-file
// events, and queried across cables.

import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import {
  DefinitionRequest,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  HoverRequest,
  Location,
  MarkupContent,
  ReferencesRequest,
  RenameRequest,
  SymbolInformation,
  SymbolKind,
  TextDocumentEdit,
  TextEdit,
  WorkspaceSymbolRequest,
} from 'vscode-languageserver-protocol/node';
import { groupEntities } from '../../server/src/core/entities';
import { parseCable } from '../../server/src/core/parser';
import { ROOT, nth, seedText } from '../helpers';
import { LspTestClient } from './lspClient';
import { applyLsp, positionOf } from './text';

const CORPUS = path.join(ROOT, 'test', 'fixtures', 'corpus');
const CORPUS_CABLES = fs.readdirSync(CORPUS).filter((f) => f.endsWith('.cable')).sort().slice(0, 40);

/** A paragraph with `¶` and `’` before the mentions, so UTF-16 columns differ from code points and bytes. */
const PICKARD_PARAGRAPH = "<a id='par99' href='#par99'>¶</a>99 . ( C ) The [ORG FCO  ] ’s envoy met Ambassador [PER Pickard  ] ; [PER Pickard  ] agreed .\n";

function withParagraph(cable: string): string {
  const at = cable.lastIndexOf('</pre></code>');
  return at < 0 ? cable + PICKARD_PARAGRAPH : cable.slice(0, at) + PICKARD_PARAGRAPH + cable.slice(at);
}

/** The text an LSP range covers, computed from the file on disk independently of the server. */
function textAt(file: string, range: { start: { line: number; character: number }; end: { line: number; character: number } }): string {
  const lines = fs.readFileSync(file, 'utf8').split(/\r\n|\r|\n/);
  assert.equal(range.start.line, range.end.line, 'mentions are on one line');
  return lines[range.start.line].slice(range.start.character, range.end.character);
}

describe('workspace index over the protocol', function () {
  this.timeout(60_000);
  const seed = seedText();
  let dir: string;
  let client: LspTestClient;
  const uriOf = (relative: string) => pathToFileURL(path.join(dir, relative)).toString();
  const fileOf = (relative: string) => path.join(dir, relative);
  let seedUri: string;
  let pickardUri: string;
  /** Cables the index must hold: the corpus subset, the seed (.txt) and the Pickard cable. */
  let expectedCables: number;

  async function notifyFiles(changes: Array<{ relative: string; type: FileChangeType }>) {
    const before = client.indexEvents.length;
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: changes.map((c) => ({ uri: uriOf(c.relative), type: c.type })),
    });
    await client.until(() => client.indexEvents.length > before, 'an index change');
  }

  const references = (uri: string, text: string, offset: number) =>
    client.connection.sendRequest(ReferencesRequest.type, {
      textDocument: { uri },
      position: positionOf(text, offset),
      context: { includeDeclaration: true },
    }) as Promise<Location[]>;

  const symbols = (query: string) => client.connection.sendRequest(WorkspaceSymbolRequest.type, { query }) as Promise<SymbolInformation[]>;

  before(async () => {
    LspTestClient.build();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cables-ws-'));
    fs.mkdirSync(fileOf('corpus/a'), { recursive: true });
    for (const f of CORPUS_CABLES) fs.copyFileSync(path.join(CORPUS, f), fileOf(`corpus/a/${f}`));
    fs.mkdirSync(fileOf('seed'));
    fs.writeFileSync(fileOf('seed/seed.txt'), seed);
    fs.writeFileSync(fileOf('corpus/pickard-only.cable'), withParagraph(fs.readFileSync(path.join(CORPUS, CORPUS_CABLES[0]), 'utf8')));
    // Left out: by the default index.exclude, by files.exclude, and as not a cable.
    fs.mkdirSync(fileOf('node_modules/pkg'), { recursive: true });
    fs.writeFileSync(fileOf('node_modules/pkg/vendored.cable'), withParagraph(seed));
    fs.mkdirSync(fileOf('excluded'));
    fs.writeFileSync(fileOf('excluded/hidden.cable'), withParagraph(seed));
    fs.writeFileSync(fileOf('notes.txt'), 'Notes on the visit of [PER Pickard  ] to London.\n');
    expectedCables = CORPUS_CABLES.length + 2;
    seedUri = uriOf('seed/seed.txt');
    pickardUri = uriOf('corpus/pickard-only.cable');

    client = new LspTestClient();
    client.filesExclude = { '**/excluded': true, '**/.git': true };
    await client.initialize(true, [pathToFileURL(dir).toString()], true);
    await client.until(() => client.progress.some((p) => p.kind === 'end') && client.indexEvents.some((e) => !e.indexing && e.cables > 0), 'indexing to end');
  });

  after(async () => {
    await client?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('indexes the folder in the background with work-done progress, and watches files', () => {
    const begin = client.progress.find((p) => p.kind === 'begin');
    assert.equal(begin?.title, 'Indexing cables');
    assert.ok(client.progress.findIndex((p) => p.kind === 'end') > client.progress.indexOf(begin!));
    const last = client.indexEvents[client.indexEvents.length - 1];
    assert.equal(last.indexing, false);
    assert.equal(last.cables, expectedCables);
    assert.ok(last.entities > 100, `entities: ${last.entities}`);
    assert.ok(client.registrations.some((r) => r.method === 'workspace/didChangeWatchedFiles'));
  });

  it('leaves out files.exclude, taggedCables.index.exclude and .txt files that are not cables', async () => {
    const found = await symbols('pickard');
    const uris = new Set(found.map((s) => s.location.uri));
    assert.ok(uris.has(pickardUri), [...uris].join(', '));
    for (const uri of uris) assert.doesNotMatch(uri, /node_modules|excluded|notes\.txt/);
  });

  it('references: every mention in every cable, at exact UTF-16 ranges after ¶ and ’', async () => {
    await client.open(seedUri, seed);
    const locations = await references(seedUri, seed, nth(seed, '[PER Pickard  ]', 0) + 6);
    const elsewhere = locations.filter((l) => l.uri === pickardUri);
    assert.equal(locations.filter((l) => l.uri === seedUri).length, 14);
    assert.equal(elsewhere.length, 2);
    for (const l of elsewhere) assert.equal(textAt(fileOf('corpus/pickard-only.cable'), l.range), 'Pickard');
    const line = fs.readFileSync(fileOf('corpus/pickard-only.cable'), 'utf8').split('\n')[elsewhere[0].range.start.line];
    assert.ok(line.includes('¶') && line.indexOf('’') < elsewhere[0].range.start.character);

    // U.S.: tagged in most corpus cables.
    const us = await references(seedUri, seed, nth(seed, '[LOC U.S.  ]', 0) + 6);
    const files = new Set(us.map((l) => l.uri));
    const expectedFiles = CORPUS_CABLES.filter((f) => /\[[A-Z]+ U\.S\.\s*\]/.test(fs.readFileSync(path.join(CORPUS, f), 'utf8'))).length;
    assert.ok(expectedFiles >= 5, `corpus cables with U.S.: ${expectedFiles}`);
    assert.ok(files.size >= expectedFiles + 1, `${files.size} files`);
    for (const l of us.filter((x) => x.uri !== seedUri)) {
      const relative = decodeURIComponent(l.uri.slice(pathToFileURL(dir).toString().length + 1));
      assert.equal(textAt(fileOf(relative), l.range), 'U.S.');
    }
  });

  it('definition: from a cable that says only "Pickard" to the cable with the full name', async () => {
    const text = fs.readFileSync(fileOf('corpus/pickard-only.cable'), 'utf8');
    await client.open(pickardUri, text);
    const target = (await client.connection.sendRequest(DefinitionRequest.type, {
      textDocument: { uri: pickardUri },
      position: positionOf(text, text.indexOf('[PER Pickard') + 6),
    })) as Location;
    assert.equal(target.uri, seedUri);
    const at = seed.indexOf('Nicolas Pickard');
    assert.deepEqual(target.range, { start: positionOf(seed, at), end: positionOf(seed, at + 'Nicolas Pickard'.length) });
    await client.close(pickardUri);
  });

  it('hover: "also in" the other cables, with a link to the mention', async () => {
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: seedUri }, position: positionOf(seed, nth(seed, '[PER Pickard  ]', 2) + 6) });
    const value = (hover!.contents as MarkupContent).value;
    assert.match(value, /Also in \*\*1 other cable\*\* \(2 mentions\)/);
    const link = /\]\((file:[^)]+)#L(\d+),(\d+)\)/.exec(value);
    assert.ok(link, value);
    assert.equal(link[1], pickardUri);
    const lines = fs.readFileSync(fileOf('corpus/pickard-only.cable'), 'utf8').split('\n');
    assert.equal(lines[Number(link[2]) - 1].slice(Number(link[3]) - 1).slice(0, 7), 'Pickard');
  });

  it('workspace symbols: fuzzy, with type and cable, one per entity and cable', async () => {
    const found = await symbols('pckrd');
    const full = found.find((s) => s.name === 'Nicolas Pickard');
    assert.ok(full, found.map((s) => s.name).join(', '));
    assert.equal(full.containerName, 'PER · seed');
    assert.equal(full.kind, SymbolKind.Object);
    assert.equal(full.location.uri, seedUri);
    const short = found.find((s) => s.location.uri === pickardUri);
    assert.equal(short?.containerName, `PER · pickard-only`);
    assert.equal(textAt(fileOf('corpus/pickard-only.cable'), short!.location.range), 'Pickard');
    assert.equal(new Set(found.map((s) => `${s.name}|${s.location.uri}`)).size, found.length);
  });

  it('entity-cross-cable-conflict: the seed tags U.S. as LOC, the corpus as ORG', async () => {
    const published = await client.diagnosticsFor(seedUri, (p) => p.diagnostics.some((d) => d.code === 'entity-cross-cable-conflict'));
    const conflict = published.diagnostics.find((d) => d.code === 'entity-cross-cable-conflict' && d.message.includes('"U.S."'))!;
    assert.ok(conflict, JSON.stringify(published.diagnostics.filter((d) => d.code === 'entity-cross-cable-conflict')));
    assert.match(conflict.message, /tagged LOC in this cable, but ORG \(Organization\) in \d+ of \d+ other cables/);
    assert.ok(conflict.relatedInformation!.length > 0);
    for (const r of conflict.relatedInformation!) {
      const relative = decodeURIComponent(r.location.uri.slice(pathToFileURL(dir).toString().length + 1));
      assert.equal(textAt(fileOf(relative), r.location.range), 'U.S.');
    }
  });

  it('an edit in one open cable updates the cross-cable diagnostics of the others', async () => {
    const usConflict = (p: { diagnostics: Array<{ code?: string | number; message: string }> }) =>
      p.diagnostics.find((d) => d.code === 'entity-cross-cable-conflict' && d.message.startsWith('"U.S."'))?.message;
    const before = usConflict(await client.diagnosticsFor(seedUri, (p) => usConflict(p) !== undefined))!;
    const [, n, total] = /ORG \(Organization\) in (\d+) of (\d+) other cables/.exec(before)!.map(Number);
    const name = CORPUS_CABLES.find((f) => fs.readFileSync(path.join(CORPUS, f), 'utf8').includes('[ORG U.S.  ]'))!;
    const uri = uriOf(`corpus/a/${name}`);
    const text = fs.readFileSync(fileOf(`corpus/a/${name}`), 'utf8');
    await client.open(uri, text);
    client.clearDiagnostics(seedUri);
    // Retyped in the editor, not saved: the seed's conflict counts one ORG cable less.
    const retyped = text.split('[ORG U.S.  ]').join('[LOC U.S.  ]');
    await client.change(uri, 2, [{ text: retyped }]);
    const after = usConflict(await client.diagnosticsFor(seedUri, (p) => usConflict(p) !== before && usConflict(p) !== undefined));
    assert.match(after!, new RegExp(`ORG \\(Organization\\) in ${n - 1} of ${total} other cables`));
    await client.close(uri);
  });

  it('the Entities view requests: types, entities, mentions with previews, and the cable summary', async () => {
    const types = (await client.connection.sendRequest('taggedCables/entityTypes', {})) as Array<{ type: string; label: string; entities: number }>;
    assert.deepEqual(
      types.map((t) => t.type).slice(0, 4),
      ['PER', 'ORG', 'LOC', 'MISC'],
    );
    assert.equal(types[0].label, 'Person');
    const inSeed = (await client.connection.sendRequest('taggedCables/entities', { uri: seedUri, type: 'PER', filter: 'pickard' })) as {
      entities: Array<{ key: string; name: string; mentions: number; cables: number }>;
      total: number;
    };
    assert.deepEqual(inSeed.entities.map((e) => [e.name, e.mentions, e.cables]), [['Nicolas Pickard', 14, 2]]);
    const mentions = (await client.connection.sendRequest('taggedCables/mentions', { key: 'pickard' })) as {
      mentions: Array<{ uri: string; cable: string; text: string; preview: string; highlight?: [number, number] }>;
      total: number;
    };
    assert.equal(mentions.total, 2);
    assert.deepEqual(mentions.mentions.map((m) => [m.cable, m.text]), [['pickard-only', 'Pickard'], ['pickard-only', 'Pickard']]);
    assert.match(mentions.mentions[0].preview, /FCO ’s envoy met Ambassador Pickard ; Pickard agreed/);
    // Each mention is highlighted where it is: the first, then the second Pickard of the line.
    const [first, second] = mentions.mentions.map((m) => m.highlight!);
    assert.equal(mentions.mentions[0].preview.slice(first[0], first[1]), 'Pickard');
    assert.equal(mentions.mentions[1].preview.slice(second[0], second[1]), 'Pickard');
    assert.ok(second[0] > first[1]);
    const summary = (await client.connection.sendRequest('taggedCables/cableSummary', { uri: seedUri })) as { types: Array<{ type: string; mentions: number }> };
    // Mentions count under their entity's type (a Ford tagged ORG counts with the PER entity Andrew Ford).
    const perMentions = groupEntities(parseCable(seed)).entities.filter((e) => e.type === 'PER').reduce((n, e) => n + e.mentions.length, 0);
    assert.equal(summary.types.find((t) => t.type === 'PER')?.mentions, perMentions);
  });

  it('rename across cables goes through the refactor preview, the other cables to be confirmed, and matches the disk text', async () => {
    const edit = await client.connection.sendRequest(RenameRequest.type, {
      textDocument: { uri: seedUri },
      position: positionOf(seed, nth(seed, '[PER Pickard  ]', 0) + 6),
      newName: 'Pickering',
    });
    const changes = edit!.documentChanges as TextDocumentEdit[];
    assert.deepEqual(changes.map((c) => c.textDocument.uri).sort(), [pickardUri, seedUri].sort());
    // The other cable's edits need confirmation (unticked in the preview); this cable's do not.
    const [id, annotation] = Object.entries(edit!.changeAnnotations!)[0];
    assert.equal(annotation.needsConfirmation, true);
    assert.equal(annotation.label, 'Rename "Pickering" in 1 other cable');
    for (const c of changes) {
      const annotated = (c.edits as Array<{ annotationId?: string }>).map((e) => e.annotationId);
      assert.deepEqual(new Set(annotated), new Set([c.textDocument.uri === seedUri ? undefined : id]), c.textDocument.uri);
    }
    const disk = changes.find((c) => c.textDocument.uri === pickardUri)!;
    assert.equal(disk.textDocument.version, null);
    const renamed = applyLsp(fs.readFileSync(fileOf('corpus/pickard-only.cable'), 'utf8'), disk.edits as TextEdit[]);
    assert.equal((renamed.match(/\[PER Pickering {2}\]/g) ?? []).length, 2);
    assert.doesNotMatch(renamed, /Pickard/);
    const open = changes.find((c) => c.textDocument.uri === seedUri)!;
    assert.equal(open.textDocument.version, 1);
    assert.match(applyLsp(seed, open.edits as TextEdit[]), /\[PER Nicolas Pickering {2}\]/);
  });

  it('an open editor’s text wins over the disk, until it closes', async () => {
    const name = CORPUS_CABLES[1];
    const relative = `corpus/a/${name}`;
    const disk = fs.readFileSync(fileOf(relative), 'utf8');
    const edited = withParagraph(disk).replace('[ORG FCO  ]', '[ORG Zanzibar Trading Company  ]');
    await client.open(uriOf(relative), edited);
    await client.diagnosticsFor(uriOf(relative));
    let found = await symbols('zanzibar trading');
    assert.deepEqual(found.map((s) => s.location.uri), [uriOf(relative)]);
    const before = client.indexEvents.length;
    await client.close(uriOf(relative));
    await client.until(() => client.indexEvents.length > before, 'the disk text back in the index');
    found = await symbols('zanzibar trading');
    assert.deepEqual(found, []);
  });

  it('survives malformed parameters on the custom requests and workspace symbols', async () => {
    const bad: Array<[string, unknown]> = [
      ['taggedCables/entityTypes', { uri: 5, filter: {} }],
      ['taggedCables/entityTypes', null],
      ['taggedCables/entities', { type: 7 }],
      ['taggedCables/entities', { type: 'PER', limit: -3, filter: 'x'.repeat(100_000) }],
      ['taggedCables/mentions', { key: null }],
      ['taggedCables/mentions', { key: 'pickard', uri: 'file:///nowhere.cable', limit: 'many' }],
      ['taggedCables/cableSummary', {}],
      ['workspace/symbol', { query: '[\\'.repeat(10_000) }],
    ];
    for (const [method, params] of bad) await client.connection.sendRequest(method, params).catch(() => undefined);
    assert.ok(client.alive);
    const limited = (await client.connection.sendRequest('taggedCables/entities', { type: 'PER', limit: -3 })) as { entities: unknown[]; total: number };
    assert.equal(limited.entities.length, 0);
    assert.ok(limited.total > 0);
    assert.ok((await symbols('pickard')).length > 0);
  });

  it('follows changes, creations and deletions of files and folders on disk', async () => {
    const pickardRefs = async () => (await references(seedUri, seed, nth(seed, '[PER Pickard  ]', 0) + 6)).filter((l) => l.uri !== seedUri).map((l) => l.uri);
    assert.deepEqual(await pickardRefs(), [pickardUri, pickardUri]);

    // Changed: the paragraph with Pickard is gone.
    fs.writeFileSync(fileOf('corpus/pickard-only.cable'), fs.readFileSync(path.join(CORPUS, CORPUS_CABLES[0]), 'utf8'));
    await notifyFiles([{ relative: 'corpus/pickard-only.cable', type: FileChangeType.Changed }]);
    assert.deepEqual(await pickardRefs(), []);

    // Created: a new cable mentioning him.
    fs.writeFileSync(fileOf('corpus/new.cable'), withParagraph(fs.readFileSync(path.join(CORPUS, CORPUS_CABLES[2]), 'utf8')));
    await notifyFiles([{ relative: 'corpus/new.cable', type: FileChangeType.Created }]);
    assert.deepEqual(await pickardRefs(), [uriOf('corpus/new.cable'), uriOf('corpus/new.cable')]);
    assert.equal(client.indexEvents[client.indexEvents.length - 1].cables, expectedCables + 1);

    // Deleted: the file, then a whole folder.
    fs.rmSync(fileOf('corpus/new.cable'));
    await notifyFiles([{ relative: 'corpus/new.cable', type: FileChangeType.Deleted }]);
    assert.deepEqual(await pickardRefs(), []);
    fs.rmSync(fileOf('corpus/a'), { recursive: true });
    await notifyFiles([{ relative: 'corpus/a', type: FileChangeType.Deleted }]);
    assert.equal(client.indexEvents[client.indexEvents.length - 1].cables, 2);
    const us = await references(seedUri, seed, nth(seed, '[LOC U.S.  ]', 0) + 6);
    for (const l of us) assert.ok([seedUri, pickardUri].includes(l.uri), l.uri);

    // A folder moved in: the watcher reports the folder alone.
    fs.mkdirSync(fileOf('moved/deeper'), { recursive: true });
    fs.writeFileSync(fileOf('moved/deeper/brought.cable'), withParagraph(fs.readFileSync(path.join(CORPUS, CORPUS_CABLES[3]), 'utf8')));
    fs.copyFileSync(path.join(CORPUS, CORPUS_CABLES[4]), fileOf('moved/plain.cable'));
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uriOf('moved'), type: FileChangeType.Created }] });
    await client.until(() => client.indexEvents[client.indexEvents.length - 1].cables === 4, 'the moved folder indexed');
    assert.deepEqual(await pickardRefs(), [uriOf('moved/deeper/brought.cable'), uriOf('moved/deeper/brought.cable')]);
  });
});

describe('workspace index switched off', function () {
  this.timeout(60_000);

  it('taggedCables.index.enabled: false indexes nothing; features stay within the open cable', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cables-off-'));
    const client = new LspTestClient();
    try {
      fs.writeFileSync(path.join(dir, 'seed.txt'), seedText());
      fs.writeFileSync(path.join(dir, 'other.cable'), withParagraph(fs.readFileSync(path.join(CORPUS, CORPUS_CABLES[0]), 'utf8')));
      client.settings = { index: { enabled: false } };
      await client.initialize(true, [pathToFileURL(dir).toString()]);
      await client.until(() => client.indexEvents.length > 0, 'the index state');
      assert.equal(client.indexEvents[client.indexEvents.length - 1].cables, 0);
      const seed = seedText();
      const uri = pathToFileURL(path.join(dir, 'seed.txt')).toString();
      await client.open(uri, seed);
      await client.diagnosticsFor(uri);
      const refs = (await client.connection.sendRequest(ReferencesRequest.type, {
        textDocument: { uri },
        position: positionOf(seed, nth(seed, '[PER Pickard  ]', 0) + 6),
        context: { includeDeclaration: true },
      })) as Location[];
      assert.equal(refs.length, 14);
      assert.ok(refs.every((l) => l.uri === uri));
      assert.deepEqual(await client.connection.sendRequest(WorkspaceSymbolRequest.type, { query: 'pickard' }), []);
    } finally {
      await client.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
