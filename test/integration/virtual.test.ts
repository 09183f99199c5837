import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { SEED, diskText, openCable, openDocument, positionOf, waitFor } from './helpers';

/** A read-only file system of a few files in memory: a stand-in for a virtual workspace's (vscode-vfs:, …). */
class MemoryFileSystem implements vscode.FileSystemProvider {
  private readonly emitter = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.emitter.event;
  constructor(private readonly files: Map<string, Uint8Array>) {}
  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }
  stat(uri: vscode.Uri): vscode.FileStat {
    const data = this.files.get(uri.path);
    if (!data) throw vscode.FileSystemError.FileNotFound(uri);
    return { type: vscode.FileType.File, ctime: 0, mtime: 0, size: data.length };
  }
  readDirectory(): [string, vscode.FileType][] {
    return [...this.files.keys()].map((p) => [p.slice(1), vscode.FileType.File]);
  }
  readFile(uri: vscode.Uri): Uint8Array {
    const data = this.files.get(uri.path);
    if (!data) throw vscode.FileSystemError.FileNotFound(uri);
    return data;
  }
  createDirectory(): void {
    throw vscode.FileSystemError.NoPermissions();
  }
  writeFile(): void {
    throw vscode.FileSystemError.NoPermissions();
  }
  delete(): void {
    throw vscode.FileSystemError.NoPermissions();
  }
  rename(): void {
    throw vscode.FileSystemError.NoPermissions();
  }
}

// package.json declares virtualWorkspaces "limited": cables from a virtual file system are
// recognised and coloured, but the language server gets only file: and untitled: documents.
describe('a cable from a virtual file system (virtualWorkspaces: limited)', () => {
  let registration: vscode.Disposable | undefined;
  const uri = vscode.Uri.parse(`tagged-cables-memory:/${SEED}`);
  before(async () => {
    const seed = new TextEncoder().encode(await diskText(SEED));
    registration = vscode.workspace.registerFileSystemProvider('tagged-cables-memory', new MemoryFileSystem(new Map([[`/${SEED}`, seed]])), { isReadonly: true });
  });
  after(() => registration?.dispose());

  it('opens as Tagged Cable', async () => {
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    await waitFor('language "cable"', () => openDocument(uri)?.languageId === 'cable');
  });

  it('has no hover from the language server, as the manifest says', async () => {
    const doc = await vscode.workspace.openTextDocument(uri);
    // The same position in the seed on disk has one.
    const file = await openCable(SEED);
    const position = positionOf(file, '[PER Pickard  ]', 2, '[PER Pi'.length);
    await waitFor('a hover in the seed on disk', async () => (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', file.uri, position)).length > 0);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, position);
    assert.deepEqual(hovers.map((h) => h.contents.length), []);
  });
});
