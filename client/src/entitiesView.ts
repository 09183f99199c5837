// The Entities view in the Explorer: entity types → entities → mentions, of the
// active cable or of the whole workspace, with a filter.

import * as vscode from 'vscode';
import type { EntityNode, EntityTypeNode, MentionNode } from '../../server/src/protocol';
import { CableServer } from './cableServer';
import { LANGUAGE_ID, count, debounce, fileName, formatNumber } from './util';

export const VIEW_ID = 'taggedCables.entities';
export const COMMANDS = {
  followEditor: 'taggedCables.entities.followEditor',
  showWorkspace: 'taggedCables.entities.showWorkspace',
  filter: 'taggedCables.entities.filter',
  clearFilter: 'taggedCables.entities.clearFilter',
  refresh: 'taggedCables.entities.refresh',
  openMention: 'taggedCables.entities.openMention',
} as const;

const CONTEXT = {
  scope: 'taggedCables.entities.scope',
  hasCable: 'taggedCables.entities.hasCable',
  filtered: 'taggedCables.entities.filtered',
} as const;

const SCOPE_STATE_KEY = 'taggedCables.entities.scope';
const ENTITY_LIMIT = 500;
const MENTION_LIMIT = 1000;

export type Scope = 'editor' | 'workspace';

/** What a node's children are asked with: fixed when the node is made. */
interface Query {
  scope: Scope;
  uri?: string;
  cableName?: string;
  filter?: string;
}

type Node =
  | { kind: 'type'; id: string; query: Query; data: EntityTypeNode }
  | { kind: 'entity'; id: string; query: Query; data: EntityNode; typeLabel: string }
  | { kind: 'mention'; id: string; data: MentionNode }
  | { kind: 'more'; id: string; label: string };

export function registerEntitiesView(context: vscode.ExtensionContext, server: CableServer): void {
  const provider = new EntitiesProvider(context, server);
  context.subscriptions.push(provider);
}

class EntitiesProvider implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly view: vscode.TreeView<Node>;
  private readonly disposables: vscode.Disposable[] = [];
  private scope: Scope;
  private cable: vscode.Uri | undefined;
  private filter = '';
  /** A refresh was asked while the view was hidden. */
  private stale = false;
  private readonly contextValues = new Map<string, unknown>();

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly server: CableServer,
  ) {
    this.scope = context.workspaceState.get<Scope>(SCOPE_STATE_KEY) === 'workspace' ? 'workspace' : 'editor';
    this.cable = activeCable();
    this.view = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: this, showCollapseAll: true });

    const refreshSoon = debounce(() => this.refresh(), 300);
    const refreshAfterEdit = debounce(() => this.refresh(), 500);
    const followEditor = debounce(() => this.followActiveEditor(), 100);

    this.disposables.push(
      this.view,
      this.changed,
      refreshSoon,
      refreshAfterEdit,
      followEditor,
      this.view.onDidChangeVisibility((e) => {
        if (e.visible && this.stale) this.refresh();
      }),
      server.onIndexChanged(() => {
        this.updateChrome();
        refreshSoon();
      }),
      server.onStarted(() => refreshSoon()),
      vscode.window.onDidChangeActiveTextEditor(() => followEditor()),
      // Setting a document's language reopens it without changing the active editor.
      vscode.workspace.onDidOpenTextDocument(() => followEditor()),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (this.cable && e.contentChanges.length > 0 && sameUri(e.document.uri, this.cable)) {
          refreshAfterEdit();
        }
      }),
      vscode.workspace.onDidSaveTextDocument((doc) => {
        if (doc.languageId !== LANGUAGE_ID) return;
        if (this.scope === 'workspace' || (this.cable && sameUri(doc.uri, this.cable))) refreshAfterEdit();
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('taggedCables')) refreshAfterEdit();
      }),
      vscode.commands.registerCommand(COMMANDS.followEditor, () => this.setScope('editor')),
      vscode.commands.registerCommand(COMMANDS.showWorkspace, () => this.setScope('workspace')),
      vscode.commands.registerCommand(COMMANDS.filter, () => this.promptFilter()),
      vscode.commands.registerCommand(COMMANDS.clearFilter, () => this.setFilter('')),
      vscode.commands.registerCommand(COMMANDS.refresh, () => this.refresh(true)),
      vscode.commands.registerCommand(COMMANDS.openMention, openMention),
    );
    this.updateChrome();
  }

  // ---------------------------------------------------------------- tree data

  async getChildren(node?: Node): Promise<Node[]> {
    try {
      if (!node) return await this.typeNodes();
      if (node.kind === 'type') return await this.entityNodes(node);
      if (node.kind === 'entity') return await this.mentionNodes(node);
    } catch {
      // A malformed answer: show nothing rather than an error.
    }
    return [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    switch (node.kind) {
      case 'type':
        return typeItem(node);
      case 'entity':
        return entityItem(node);
      case 'mention':
        return mentionItem(node);
      case 'more': {
        const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
        item.id = node.id;
        item.contextValue = 'more';
        return item;
      }
    }
  }

  private currentQuery(): Query | undefined {
    const filter = this.filter || undefined;
    if (this.scope === 'workspace') return { scope: 'workspace', filter };
    if (!this.cable) return undefined;
    return { scope: 'editor', uri: this.cable.toString(), cableName: fileName(this.cable), filter };
  }

  private async typeNodes(): Promise<Node[]> {
    const query = this.currentQuery();
    if (!query) return [];
    const types = await this.server.entityTypes({ uri: query.uri, filter: query.filter });
    if (!types) return [];
    return types
      .filter((t) => t && typeof t.type === 'string' && t.entities > 0)
      .map((data) => ({ kind: 'type', id: `${query.scope}:${data.type}`, query, data }));
  }

  private async entityNodes(parent: Extract<Node, { kind: 'type' }>): Promise<Node[]> {
    const { query } = parent;
    const result = await this.server.entities({ uri: query.uri, type: parent.data.type, filter: query.filter, limit: ENTITY_LIMIT });
    if (!result) return [];
    const typeLabel = typeTitle(parent.data);
    const ids = new UniqueIds();
    const nodes: Node[] = result.entities.map((data) => ({
      kind: 'entity',
      id: ids.make(`${parent.id}/${data.key}`),
      query,
      data,
      typeLabel,
    }));
    const more = result.total - result.entities.length;
    if (more > 0) nodes.push({ kind: 'more', id: `${parent.id}/…`, label: `… ${formatNumber(more)} more (use the filter)` });
    return nodes;
  }

  private async mentionNodes(parent: Extract<Node, { kind: 'entity' }>): Promise<Node[]> {
    const result = await this.server.mentions({ key: parent.data.key, uri: parent.query.uri, limit: MENTION_LIMIT });
    if (!result) return [];
    const ids = new UniqueIds();
    const nodes: Node[] = result.mentions.map((data) => ({
      kind: 'mention',
      id: ids.make(`${parent.id}/${data.uri}#${data.range.start.line}:${data.range.start.character}`),
      data,
    }));
    const more = result.total - result.mentions.length;
    if (more > 0) nodes.push({ kind: 'more', id: `${parent.id}/…`, label: `… ${formatNumber(more)} more` });
    return nodes;
  }

  // ---------------------------------------------------------------- state

  /** Re-queries the tree now if it is visible, else when it shows. */
  refresh(force = false): void {
    if (!force && !this.view.visible) {
      this.stale = true;
      return;
    }
    this.stale = false;
    this.changed.fire(undefined);
  }

  private followActiveEditor(): void {
    const cable = activeCable();
    if (sameUri(cable, this.cable)) return;
    this.cable = cable;
    this.updateChrome();
    if (this.scope === 'editor') this.refresh();
  }

  private async setScope(scope: Scope): Promise<void> {
    if (scope === this.scope) return;
    this.scope = scope;
    this.updateChrome();
    this.refresh();
    await this.context.workspaceState.update(SCOPE_STATE_KEY, scope);
  }

  private setFilter(value: string): void {
    const filter = value.trim();
    if (filter === this.filter) return;
    this.filter = filter;
    this.updateChrome();
    this.refresh(true);
  }

  /** An input box that filters as one types; Enter keeps the filter, Escape restores the previous one. */
  private async promptFilter(): Promise<void> {
    if (!this.view.visible) {
      await Promise.resolve(vscode.commands.executeCommand(`${VIEW_ID}.focus`)).catch(() => undefined);
    }
    const previous = this.filter;
    const box = vscode.window.createInputBox();
    box.title = 'Filter Entities';
    box.placeholder = 'Letters of a name, in order (e.g. "pick" finds Pickard)';
    box.prompt = 'Press Enter to keep the filter, Escape to cancel. Empty shows all entities.';
    box.value = previous;
    let accepted = false;
    const live = debounce(() => this.setFilter(box.value), 250);
    const subscriptions: vscode.Disposable[] = [live];
    subscriptions.push(
      box.onDidChangeValue(() => live()),
      box.onDidAccept(() => {
        accepted = true;
        live.dispose();
        this.setFilter(box.value);
        box.hide();
      }),
      box.onDidHide(() => {
        live.dispose();
        if (!accepted) this.setFilter(previous);
        for (const d of subscriptions) d.dispose();
        box.dispose();
      }),
    );
    box.show();
  }

  /** The view's description and message, and the context keys of its menus. */
  private updateChrome(): void {
    this.view.description = this.scope === 'workspace' ? 'Workspace' : this.cable ? fileName(this.cable) : undefined;
    const parts: string[] = [];
    const index = this.server.index;
    if (index?.indexing) {
      const files = index.total ? ` (${formatNumber(index.done ?? 0)} of ${formatNumber(index.total)} files)` : '';
      parts.push(`Indexing… ${count(index.cables, 'cable')}${files}`);
    }
    if (this.filter) parts.push(`Filtered by "${this.filter}"`);
    this.view.message = parts.length > 0 ? parts.join(' · ') : undefined;
    this.setContext(CONTEXT.scope, this.scope);
    this.setContext(CONTEXT.hasCable, this.cable !== undefined);
    this.setContext(CONTEXT.filtered, this.filter !== '');
  }

  private setContext(key: string, value: unknown): void {
    if (this.contextValues.get(key) === value) return;
    this.contextValues.set(key, value);
    void vscode.commands.executeCommand('setContext', key, value);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

// ---------------------------------------------------------------- tree items

function typeItem(node: Extract<Node, { kind: 'type' }>): vscode.TreeItem {
  const { data, query } = node;
  // The active cable's few types open at once; the workspace's are fetched when opened.
  const state = query.scope === 'editor' ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed;
  const item = new vscode.TreeItem(typeTitle(data), state);
  item.id = node.id;
  item.description = count(data.entities, 'entity', 'entities');
  item.iconPath = typeIcon(data.type);
  item.contextValue = 'entityType';
  const md = new vscode.MarkdownString();
  md.appendMarkdown('**').appendText(typeTitle(data)).appendMarkdown('**\n\n');
  md.appendText(`${count(data.entities, 'entity', 'entities')} · ${count(data.mentions, 'mention')} ${scopePhrase(query)}`);
  if (query.filter) md.appendMarkdown('\n\n').appendText(`Matching "${query.filter}"`);
  item.tooltip = md;
  return item;
}

function entityItem(node: Extract<Node, { kind: 'entity' }>): vscode.TreeItem {
  const { data, query } = node;
  const label: vscode.TreeItemLabel = { label: data.name, highlights: fuzzyHighlights(data.name, query.filter) };
  const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.Collapsed);
  item.id = node.id;
  item.description = `${count(data.mentions, 'mention')} · ${count(data.cables, 'cable')}`;
  item.iconPath = typeIcon(data.type);
  item.contextValue = 'entity';
  const md = new vscode.MarkdownString();
  md.appendMarkdown('**').appendText(data.name).appendMarkdown('**  \n').appendText(node.typeLabel).appendMarkdown('\n\n');
  md.appendText(`${count(data.mentions, 'mention')} ${scopePhrase(query)}`).appendMarkdown('  \n');
  md.appendText(`Mentioned in ${count(data.cables, 'cable')} of the workspace`);
  item.tooltip = md;
  return item;
}

function mentionItem(node: Extract<Node, { kind: 'mention' }>): vscode.TreeItem {
  const { data } = node;
  const where = `${data.cable}:${data.range.start.line + 1}`;
  const preview = typeof data.preview === 'string' ? data.preview : '';
  const highlights = data.highlight && preview.slice(data.highlight[0], data.highlight[1]) === data.text ? [data.highlight] : textHighlight(preview, data.text);
  const label: vscode.TreeItemLabel = preview ? { label: preview, highlights } : { label: where };
  const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  item.description = preview ? where : data.text;
  item.iconPath = new vscode.ThemeIcon('quote');
  item.contextValue = 'mention';
  const md = new vscode.MarkdownString();
  md.appendMarkdown('**').appendText(data.text).appendMarkdown('**  \n');
  md.appendText(`${data.cable}, line ${data.range.start.line + 1}, column ${data.range.start.character + 1}`);
  if (preview) md.appendMarkdown('\n\n').appendCodeblock(preview, 'text');
  item.tooltip = md;
  item.command = { command: COMMANDS.openMention, title: 'Open Mention', arguments: [data.uri, data.range] };
  return item;
}

/** `Person (PER)`, or the bare code when the server has no name for it. */
function typeTitle(data: EntityTypeNode): string {
  return data.label && data.label !== data.type ? `${data.label} (${data.type})` : data.type;
}

function typeIcon(type: string): vscode.ThemeIcon {
  switch (type.toUpperCase()) {
    case 'PER':
    case 'PERSON':
      return new vscode.ThemeIcon('person');
    case 'ORG':
      return new vscode.ThemeIcon('organization');
    case 'LOC':
    case 'GPE':
    case 'FAC':
      return new vscode.ThemeIcon('location');
    case 'MISC':
      return new vscode.ThemeIcon('symbol-misc');
    default:
      return new vscode.ThemeIcon('symbol-field');
  }
}

function scopePhrase(query: Query): string {
  return query.scope === 'editor' ? `in ${query.cableName ?? 'this cable'}` : 'in the workspace';
}

/** The letters of `filter` in `name`, in order, as the server matches them. */
function fuzzyHighlights(name: string, filter: string | undefined): [number, number][] | undefined {
  if (!filter) return undefined;
  const hay = name.toLowerCase();
  const needle = filter.toLowerCase();
  if (hay.length !== name.length) return undefined;
  const ranges: [number, number][] = [];
  let from = 0;
  for (const ch of needle) {
    if (ch.trim() === '') continue;
    const at = hay.indexOf(ch, from);
    if (at < 0) return undefined;
    const last = ranges[ranges.length - 1];
    if (last && last[1] === at) last[1] = at + ch.length;
    else ranges.push([at, at + ch.length]);
    from = at + ch.length;
  }
  return ranges;
}

function textHighlight(preview: string, text: string): [number, number][] | undefined {
  if (!text) return undefined;
  const at = preview.indexOf(text);
  return at < 0 ? undefined : [[at, at + text.length]];
}

// ---------------------------------------------------------------- helpers

class UniqueIds {
  private readonly seen = new Set<string>();
  make(id: string): string {
    let unique = id;
    for (let n = 2; this.seen.has(unique); n++) unique = `${id}#${n}`;
    this.seen.add(unique);
    return unique;
  }
}

function activeCable(): vscode.Uri | undefined {
  const editor = vscode.window.activeTextEditor;
  return editor && editor.document.languageId === LANGUAGE_ID ? editor.document.uri : undefined;
}

function sameUri(a: vscode.Uri | undefined, b: vscode.Uri | undefined): boolean {
  return a === b || (a !== undefined && b !== undefined && a.toString() === b.toString());
}

async function openMention(uri: unknown, range: unknown): Promise<void> {
  if (typeof uri !== 'string' || !isRange(range)) return;
  const selection = new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
  try {
    await vscode.window.showTextDocument(vscode.Uri.parse(uri), { selection });
  } catch (e) {
    void vscode.window.showErrorMessage(`Tagged Cables: could not open ${uri}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function isRange(value: unknown): value is MentionNode['range'] {
  const r = value as MentionNode['range'] | undefined;
  return (
    !!r &&
    typeof r.start?.line === 'number' &&
    typeof r.start?.character === 'number' &&
    typeof r.end?.line === 'number' &&
    typeof r.end?.character === 'number'
  );
}
