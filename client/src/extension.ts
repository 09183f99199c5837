// The extension: starts the language server, recognises cables saved as
// `.txt`, and wires up the Entities view and the status bar entries.

import * as path from 'path';
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { looksLikeCable } from '../../server/src/core/cableFiles';
import { registerAnnotationCommands } from './annotations';
import { registerAnnotate } from './annotate';
import { CableServer } from './cableServer';
import { registerCableStatus } from './cableStatus';
import { registerCompare } from './compare';
import { registerEntitiesView } from './entitiesView';
import { registerEntityStatus } from './entityStatus';
import { LANGUAGE_ID } from './util';

export { LANGUAGE_ID };

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  context.subscriptions.push(
    vscode.workspace.onDidOpenTextDocument((doc) => void claimIfCable(doc)),
    vscode.workspace.onDidChangeTextDocument((e) => {
      // An untitled document is empty when it opens: look again once text arrives.
      if (e.document.isUntitled && e.document.lineCount <= 2) void claimIfCable(e.document);
    }),
  );
  for (const doc of vscode.workspace.textDocuments) void claimIfCable(doc);

  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: LANGUAGE_ID },
      { scheme: 'untitled', language: LANGUAGE_ID },
    ],
    synchronize: { configurationSection: 'taggedCables' },
    // The workspace index cache lives in this workspace's storage (none without a folder: the server's default).
    initializationOptions: { cacheFolder: context.storageUri?.fsPath },
  };
  client = new LanguageClient('taggedCables', 'Tagged Cables', serverOptions, clientOptions);
  const server = new CableServer(client);
  context.subscriptions.push(server);
  // The UI first: it shows empty until the server answers.
  registerEntitiesView(context, server);
  registerCableStatus(context, server);
  registerEntityStatus(context, server);
  registerViewContext(context, server);
  registerAnnotationCommands(context);
  registerCompare(context, server);
  registerAnnotate(context, server, client);
  await client.start();
}

/** The Entities view shows in workspaces with cables, or once a cable is open; not in every Explorer. */
function registerViewContext(context: vscode.ExtensionContext, server: CableServer): void {
  let shown: boolean | undefined;
  const update = () => {
    const has = (server.index?.cables ?? 0) > 0 || vscode.workspace.textDocuments.some((d) => d.languageId === LANGUAGE_ID);
    if (has === shown) return;
    shown = has;
    void vscode.commands.executeCommand('setContext', 'taggedCables.hasCables', has);
  };
  context.subscriptions.push(
    server.onIndexChanged(update),
    vscode.workspace.onDidOpenTextDocument(update),
    vscode.workspace.onDidCloseTextDocument(update),
  );
  update();
}

async function claimIfCable(doc: vscode.TextDocument): Promise<void> {
  if (doc.languageId !== 'plaintext') return;
  if (!vscode.workspace.getConfiguration('taggedCables', doc).get<boolean>('detectCablesInPlainText', true)) return;
  if (doc.lineCount === 0 || !looksLikeCable(doc.lineAt(0).text)) return;
  try {
    await vscode.languages.setTextDocumentLanguage(doc, LANGUAGE_ID);
  } catch {
    // The document was closed meanwhile.
  }
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
