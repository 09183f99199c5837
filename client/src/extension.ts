// The extension: starts the language server and recognises cables saved as
// `.txt`. Everything else lives in the server.

import * as path from 'path';
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { looksLikeCable } from '../../server/src/core/detect';

export const LANGUAGE_ID = 'cable';

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
  };
  client = new LanguageClient('taggedCables', 'Tagged Cables', serverOptions, clientOptions);
  await client.start();
  registerEntityStatus(context, client);
}

/** A status bar entry with the entity under the cursor and its mention count. */
function registerEntityStatus(context: vscode.ExtensionContext, languageClient: LanguageClient): void {
  const item = vscode.window.createStatusBarItem('taggedCables.entity', vscode.StatusBarAlignment.Right, 100);
  item.name = 'Tagged Cables: entity under cursor';
  item.command = 'editor.action.referenceSearch.trigger';
  item.tooltip = 'Mentions of the entity under the cursor: click to peek them all';
  context.subscriptions.push(item);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let generation = 0;
  const update = () => {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document.languageId !== LANGUAGE_ID) {
      item.hide();
      return;
    }
    const current = ++generation;
    const position = editor.selection.active;
    languageClient
      .sendRequest<{ name: string; type: string; mentions: number } | null>('taggedCables/entityAt', {
        textDocument: { uri: editor.document.uri.toString() },
        position: { line: position.line, character: position.character },
      })
      .then(
        (entity) => {
          if (current !== generation) return;
          if (!entity) {
            item.hide();
            return;
          }
          item.text = `$(symbol-key) ${entity.name} · ${entity.type} · ${entity.mentions} ${entity.mentions === 1 ? 'mention' : 'mentions'}`;
          item.show();
        },
        () => item.hide(),
      );
  };
  const schedule = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(update, 80);
  };
  context.subscriptions.push(
    vscode.window.onDidChangeTextEditorSelection(schedule),
    vscode.window.onDidChangeActiveTextEditor(schedule),
    { dispose: () => timer && clearTimeout(timer) },
  );
  schedule();
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
