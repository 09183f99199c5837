// Annotation from the keyboard: commands that send the editor's selections
// (every cursor) to the server in one request and apply the answer as one
// edit; refusals are shown and change nothing. Also moving between mentions
// and tags. The server decides everything; this only asks and applies.

import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/node';
import { typeName } from '../../server/src/core/entities';
import { AnnotateActionName, AnnotateParams, AnnotateResult, LspRange } from '../../server/src/protocol';
import { CableServer } from './cableServer';
import { LANGUAGE_ID } from './util';

interface TypeArgs {
  type?: string;
}
interface ScopeArgs extends TypeArgs {
  scope?: 'cable' | 'workspace';
}

export function registerAnnotate(context: vscode.ExtensionContext, server: CableServer, client: LanguageClient): void {
  const edit = (action: AnnotateActionName) => (args?: TypeArgs) => annotate(server, client, action, args);
  const move = (target: 'mention' | 'tag', direction: 'next' | 'previous') => () => navigate(server, target, direction);
  const commands: Record<string, (args?: ScopeArgs) => Promise<unknown>> = {
    'taggedCables.tagSelection': edit('tag'),
    'taggedCables.tagAll': (args) => tagAll(server, client, args),
    'taggedCables.mergeTags': edit('merge'),
    'taggedCables.splitTag': () => split(server, client),
    'taggedCables.extendTagStart': edit('extendStart'),
    'taggedCables.extendTagEnd': edit('extendEnd'),
    'taggedCables.shrinkTagStart': edit('shrinkStart'),
    'taggedCables.shrinkTagEnd': edit('shrinkEnd'),
    'taggedCables.removeEntityTags': (args) => annotate(server, client, 'removeEntity', { scope: args?.scope ?? 'workspace' }),
    'taggedCables.nextMention': move('mention', 'next'),
    'taggedCables.previousMention': move('mention', 'previous'),
    'taggedCables.nextTag': move('tag', 'next'),
    'taggedCables.previousTag': move('tag', 'previous'),
  };
  for (const [id, run] of Object.entries(commands)) {
    // A failure is shown, never swallowed.
    const guarded = async (args?: ScopeArgs) => {
      try {
        await run(args);
      } catch (error) {
        void vscode.window.showErrorMessage(`Tagged Cables: ${id} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    };
    context.subscriptions.push(vscode.commands.registerCommand(id, guarded));
  }
}

function cableEditor(): vscode.TextEditor | undefined {
  const editor = vscode.window.activeTextEditor;
  return editor && editor.document.languageId === LANGUAGE_ID ? editor : undefined;
}

const toLsp = (r: vscode.Range): LspRange => ({ start: { line: r.start.line, character: r.start.character }, end: { line: r.end.line, character: r.end.character } });

function warn(message: string): void {
  void vscode.window.showWarningMessage(message);
}

/** One request for every selection; asks for a type when the server offers choices; applies the edit as one step. */
async function annotate(server: CableServer, client: LanguageClient, action: AnnotateActionName, args: ScopeArgs = {}, selections?: readonly vscode.Range[]): Promise<AnnotateResult | undefined> {
  const editor = cableEditor();
  if (!editor) return undefined;
  const params = (type: string | undefined): AnnotateParams => ({
    textDocument: { uri: editor.document.uri.toString(), version: editor.document.version },
    selections: (selections ?? editor.selections).map(toLsp),
    action,
    ...(type !== undefined ? { type } : {}),
    ...(args.scope ? { scope: args.scope } : {}),
  });
  let result = await server.annotate(params(args.type));
  if (result?.choices && args.type === undefined) {
    const type = await pickType(result.choices, action === 'merge' ? 'Type of the merged tag' : 'Entity type');
    if (type === undefined) return undefined;
    result = await server.annotate(params(type));
  }
  if (!result) {
    warn('The Tagged Cables server did not answer; nothing was changed.');
    return undefined;
  }
  if (result.edit) {
    const converted = await client.protocol2CodeConverter.asWorkspaceEdit(result.edit);
    if (!(await vscode.workspace.applyEdit(converted))) {
      warn('The edit could not be applied (the cable changed meanwhile); nothing was changed.');
      return undefined;
    }
  }
  if (result.refusals.length > 0) warn(result.refusals.join(' '));
  return result;
}

async function pickType(choices: string[], title: string, current?: string): Promise<string | undefined> {
  const items = choices.map((type) => ({ label: type, description: type === current ? `${typeName(type)} (as now)` : typeName(type) }));
  const picked = await vscode.window.showQuickPick(items, { title, placeHolder: 'Choose the entity type' });
  return picked?.label;
}

async function tagAll(server: CableServer, client: LanguageClient, args: ScopeArgs = {}): Promise<void> {
  let scope = args.scope;
  if (!scope) {
    const picked = await vscode.window.showQuickPick(
      [
        { label: 'In this cable', description: 'one edit', scope: 'cable' as const },
        { label: 'In every cable of the workspace', description: 'through the refactor preview', scope: 'workspace' as const },
      ],
      { title: 'Tag all occurrences of the selected text' },
    );
    if (!picked) return;
    scope = picked.scope;
  }
  await annotate(server, client, 'tagAll', { ...args, scope });
}

/** Split, then offer to retype each part (Escape keeps the type). */
async function split(server: CableServer, client: LanguageClient): Promise<void> {
  const result = await annotate(server, client, 'split');
  const editor = cableEditor();
  if (!result?.tags || result.tags.length === 0 || !editor) return;
  const wanted: Array<{ range: LspRange; type: string }> = [];
  for (const tag of result.tags) {
    const types = [tag.type, ...(result.choices ?? [])];
    const choices = await server.annotate({
      textDocument: { uri: editor.document.uri.toString(), version: editor.document.version },
      selections: [tag.range],
      action: 'retype',
    });
    const type = await pickType(choices?.choices ?? types, `Type of "${tag.text}" (Escape keeps ${tag.type})`, tag.type);
    if (type === undefined) break;
    if (type !== tag.type) wanted.push({ range: tag.range, type });
  }
  // The later part first: retyping it moves nothing before it.
  for (const { range, type } of wanted.reverse()) {
    const at = new vscode.Range(range.start.line, range.start.character, range.start.line, range.start.character);
    await annotate(server, client, 'retype', { type }, [at]);
  }
}

async function navigate(server: CableServer, target: 'mention' | 'tag', direction: 'next' | 'previous'): Promise<void> {
  const editor = cableEditor();
  if (!editor) return;
  const active = editor.selection.active;
  const result = await server.navigate({
    textDocument: { uri: editor.document.uri.toString() },
    position: { line: active.line, character: active.character },
    target,
    direction,
  });
  if (!result?.range) {
    vscode.window.setStatusBarMessage(result?.refused ?? 'The Tagged Cables server did not answer.', 4000);
    return;
  }
  const start = new vscode.Position(result.range.start.line, result.range.start.character);
  editor.selection = new vscode.Selection(start, start);
  editor.revealRange(new vscode.Range(start, start), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}
