// The facade: `createLanguageService` binds the features to a workspace, a
// workspace index and a configuration, and returns a frozen object of bound
// providers. It speaks offsets; the protocol layer converts them to LSP
// positions (through the open document, or `positionAt` for cables on disk).
// Hosts (the server, the CLI, the indexer, tests) change the workspace index
// only through its methods.

import { CableConfig, defaultConfig } from './config';
import { CableDiagnostic, computeDiagnostics, isLarge, tagDiagnostics } from './checks';
import { changedRegion } from './parser';
import { HoverResult, hover } from './features/hover';
import { Location, definition, highlights, references } from './features/references';
import { structureHover } from './features/structureHover';
import { CableSymbol, documentSymbols } from './features/symbols';
import { FoldingRange, foldingRanges } from './features/folding';
import { AnchorLink, anchorLinks } from './features/links';
import { CableCodeAction, WorkspaceFacts, codeActions } from './features/codeActions';
import {
  ANNOTATE_ACTIONS,
  AnnotateAction,
  AnnotateResult,
  ResultTag,
  TYPED_ACTIONS,
  annotateSelections,
  entityAtCursor,
  entityRemovalEdits,
  markupProblem,
  mergeChoices,
  mergeTags,
  moveTagEdge,
  removeEntityTags,
  removeEntityTitle,
  retypeTag,
  splitTag,
  tagAllInCable,
  tagAllInOtherCable,
  tagAllNeedle,
  tagSelection,
  typeProblem,
} from './features/annotate';
import { Direction, entityMentionTarget, tagTarget } from './features/navigation';
import { mentionAt } from './entities';
import { prepareRename, renameEdits, renameRequest } from './features/rename';
import { CompletionItem, completions } from './features/completion';
import { TextEdit } from './edits';
import { CrossCableContext, entityUnder, entityWithKey } from './features/crossCable';
import { conflictsWithIndex, crossCableConflicts, crossCableFixes } from './checks/crossCable';
import { WorkspaceSymbol, workspaceSymbols } from './features/workspaceSymbols';
import {
  EntityMentionPlace,
  EntitySummary,
  EntityTypeGroup,
  entitiesInScope,
  entityMentions,
  entityTypeGroups,
  sortEntities,
} from './features/entitiesView';
import { Position } from './lineIndex';
import { Span } from './model';
import { Analysis, AnalysisCache, CableSource, CableWorkspace, analyze } from './workspace';
import { CableSummary, IndexSnapshot, SummaryDetail, WorkspaceIndex, summarize } from './workspaceIndex';

export interface FileEdits {
  uri: string;
  edits: TextEdit[];
  /** The editor's version the edits apply to; undefined for a cable on disk. */
  version?: number | string;
}

/** An annotation asked for from the keyboard: one action on every selection of an editor. */
export interface AnnotateRequest {
  action: AnnotateAction;
  /** The editor's selections (every cursor), offsets in this cable. */
  selections: Span[];
  /** The entity type, for tag, tagAll, merge and retype; without it the answer lists `choices`. */
  type?: string;
  /** tagAll and removeEntity: this cable (the default), or every cable of the workspace. */
  scope?: 'cable' | 'workspace';
}

export interface AnnotateAnswer {
  /** What was done, in words. */
  title: string;
  /** Edits per cable, this cable first; none when nothing changes. */
  files: FileEdits[];
  /** Why selections were refused, one reason each. */
  refusals: string[];
  /** Tags split made, their text in this cable's edited text. */
  tags: ResultTag[];
  /** When `type` was missing: the types to choose from, likeliest first. */
  choices?: string[];
}

/** One entity of one cable, with its mentions per type (for statistics). */
export interface CableEntity {
  key: string;
  name: string;
  /** The cable's majority type for the entity. */
  type: string;
  mentions: number;
  /** Mentions per type, as written. */
  types: Array<[string, number]>;
}

class LanguageService {
  private readonly cache: AnalysisCache;
  /** Every cable of the workspace, summarised; filled by the host through the index methods. */
  private readonly index = new WorkspaceIndex();
  private readonly ctx: CrossCableContext;

  constructor(
    readonly workspace: CableWorkspace,
    private config: CableConfig = defaultConfig(),
  ) {
    this.cache = new AnalysisCache(workspace, config);
    this.ctx = { index: this.index, openAnalysis: (uri) => this.cache.get(uri) };
  }

  get workspaceIndex(): WorkspaceIndex {
    return this.index;
  }

  configuration(): CableConfig {
    return this.config;
  }

  setConfig(config: CableConfig): void {
    this.config = config;
    this.cache.setConfig(config);
  }

  /** Whether the document is above the size limit (some analyses are skipped). */
  isLarge(uri: string): boolean {
    const a = this.cache.get(uri);
    return a ? isLarge(a, this.config) : false;
  }

  analysis(uri: string): Analysis | undefined {
    return this.cache.get(uri);
  }

  forget(uri: string): void {
    this.cache.forget(uri);
    this.lastEntityChecks.delete(uri);
  }

  /** Puts a cable read from disk into the index; its analysis is not kept. */
  indexSource(source: CableSource): void {
    this.index.update(summarize(analyze(source, this.config)));
  }

  /** A cable's summary for the index, to be added elsewhere (`addSummary`), e.g. from a worker thread; `definitions`: cut to each entity's definition. */
  summary(uri: string, detail: SummaryDetail = 'full'): CableSummary | undefined {
    const a = this.cache.get(uri);
    return a ? summarize(a, detail) : undefined;
  }

  /** Puts a summary made by `summary` (here or in another thread) into the index. */
  addSummary(summary: CableSummary): void {
    this.index.update(summary);
  }

  /** Takes a cable out of the index; false when it was not there. */
  removeFromIndex(uri: string): boolean {
    return this.index.remove(uri);
  }

  /** Takes every cable under a folder out of the index; how many were removed. */
  removeFromIndexUnder(folderUri: string): number {
    return this.index.removeUnder(folderUri);
  }

  /** Takes these cables out of the index at once (cheaper than one by one); how many were indexed. */
  removeManyFromIndex(uris: Iterable<string>): number {
    return this.index.removeMany(uris);
  }

  /** The index as plain data (the cables `accept` lets through), for a cache on disk. */
  indexSnapshot(accept?: (uri: string, version: number | string) => boolean): IndexSnapshot {
    return this.index.snapshot(accept);
  }

  /** Adds a snapshot's cables that the index does not hold (malformed ones left out); the snapshot is taken over. How many were added. */
  restoreIndex(snapshot: IndexSnapshot): number {
    return this.index.restore(snapshot);
  }

  /** The indexed cables. */
  indexedUris(): string[] {
    return this.index.uris();
  }

  /** The version the index holds of a cable, if any. */
  indexedVersion(uri: string): number | string | undefined {
    return this.index.version(uri);
  }

  /** Cables and entities in the index. */
  indexStats(): { cables: number; entities: number } {
    return { cables: this.index.cableCount, entities: this.index.entityCount };
  }

  /** entity-cross-cable-conflict for an indexed cable, open or not (the CLI lints files it does not keep open). */
  indexedCableConflicts(uri: string): CableDiagnostic[] {
    const a = this.cache.get(uri);
    if (a) return crossCableConflicts(a, this.config, this.ctx);
    return conflictsWithIndex(uri, this.index.entitiesOf(uri), this.index, this.config);
  }

  /** Puts an open document's current text into the index; false when it was already there. */
  indexOpenDocument(uri: string): boolean {
    const a = this.cache.get(uri);
    if (!a || this.index.version(uri) === a.version) return false;
    this.index.update(summarize(a));
    return true;
  }

  /** A position in any cable: open documents through their text, others through the index. */
  positionAt(uri: string, offset: number): Position | undefined {
    const a = this.cache.get(uri);
    return a ? a.lines.positionAt(offset) : this.index.positionAt(uri, offset);
  }

  /** Many positions of one cable at once, in the order of `offsets`. */
  positionsAt(uri: string, offsets: ArrayLike<number>): Position[] | undefined {
    const a = this.cache.get(uri);
    if (a) return Array.from(offsets, (o) => a.lines.positionAt(o));
    return this.index.positionsAt(uri, offsets);
  }

  diagnostics(uri: string): CableDiagnostic[] {
    const a = this.cache.get(uri);
    if (!a) return [];
    const all = this.allChecks(a);
    this.lastEntityChecks.set(uri, { text: a.doc.text, diagnostics: all.filter(isEntityCheck) });
    return all;
  }

  private allChecks(a: Analysis): CableDiagnostic[] {
    const local = computeDiagnostics(a, this.config);
    if (isLarge(a, this.config) || local.length >= this.config.maxProblems) return local;
    const cross = crossCableConflicts(a, this.config, this.ctx);
    if (cross.length === 0) return local;
    return [...local, ...cross].sort((x, y) => x.span.start - y.span.start).slice(0, this.config.maxProblems);
  }

  /** Per cable, the entity checks' diagnostics of the text `diagnostics` last saw. */
  private readonly lastEntityChecks = new Map<string, { text: string; diagnostics: CableDiagnostic[] }>();

  /**
   * The tag checks (parser problems, spacing, structure) of the current
   * text, which need no entities: fast after an edit. The entity checks last
   * computed by `diagnostics` come with them, moved by the edits since (those
   * the edits touched are left out), until `diagnostics` runs again.
   */
  tagDiagnostics(uri: string): CableDiagnostic[] {
    const a = this.cache.get(uri);
    if (!a) return [];
    const tags = tagDiagnostics(a, this.config);
    const last = this.lastEntityChecks.get(uri);
    if (!last || last.diagnostics.length === 0 || isLarge(a, this.config)) return tags;
    const moved = moveThroughEdit(uri, last.diagnostics, last.text, a.doc.text);
    const merged = [...tags, ...moved].sort((x, y) => x.span.start - y.span.start);
    return merged.length > this.config.maxProblems ? merged.slice(0, this.config.maxProblems) : merged;
  }

  hover(uri: string, offset: number): HoverResult | undefined {
    const a = this.cache.get(uri);
    if (!a) return undefined;
    return hover(a, offset, this.ctx) ?? structureHover(a.doc, offset);
  }

  documentSymbols(uri: string): CableSymbol[] {
    const a = this.cache.get(uri);
    return a ? documentSymbols(a.doc, isLarge(a, this.config) ? undefined : a.entities) : [];
  }

  codeActions(uri: string, range: Span, only?: string[]): CableCodeAction[] {
    const a = this.cache.get(uri);
    if (!a) return [];
    const facts: WorkspaceFacts = {
      otherCables: this.otherCables(uri).length > 0,
      cablesMentioning: (key) => this.index.countCables(this.index.relatedKeys(key), uri),
    };
    const actions = codeActions(a, this.config, range, only, facts);
    if (!only || only.length === 0 || only.some((o) => o === 'quickfix')) {
      for (const d of crossCableConflicts(a, this.config, this.ctx)) {
        if (d.span.start <= range.end && range.start <= d.span.end) actions.push(...crossCableFixes(a, d));
      }
    }
    return actions;
  }

  prepareRename(uri: string, offset: number): { span: Span; placeholder: string } | undefined {
    const a = this.cache.get(uri);
    return a ? prepareRename(a, offset) : undefined;
  }

  /**
   * Edits renaming the entity under the cursor in every cable that mentions
   * it. Cables on disk are read again first (and re-indexed), so the edits
   * match their current text. Throws RenameError with a message for the user.
   */
  rename(uri: string, offset: number, newName: string): FileEdits[] {
    const a = this.cache.get(uri);
    if (!a) return [];
    const { entity, from, name } = renameRequest(a, offset, newName);
    const out: FileEdits[] = [{ uri, edits: renameEdits(a, entity, from, name), version: a.version }];
    const keys = this.index.relatedKeys(entity.key);
    for (const other of this.index.cablesOf(keys, uri)) {
      let target = this.cache.get(other);
      if (!target) {
        const source = this.workspace.read?.(other);
        if (!source) continue;
        target = analyze(source, this.config);
        this.index.update(summarize(target));
      }
      const found = entityWithKey(target, keys);
      if (found) out.push({ uri: other, edits: renameEdits(target, found, from, name), version: this.cache.get(other) ? target.version : undefined });
    }
    return out;
  }

  /**
   * Runs an annotation on every selection of an editor and answers its edits
   * (this cable's, and other cables' for the workspace scope, read from disk
   * now), the refusals, or the types to choose from.
   */
  annotate(uri: string, request: AnnotateRequest): AnnotateAnswer {
    const answer = (refusals: string[], choices?: string[]): AnnotateAnswer => ({ title: '', files: [], refusals, tags: [], ...(choices ? { choices } : {}) });
    const a = this.cache.get(uri);
    if (!a) return answer(['The cable is not open.']);
    const { action, selections, type } = request;
    if (!(ANNOTATE_ACTIONS as readonly string[]).includes(action)) return answer([`Unknown action "${String(action)}".`]);
    if (selections.length === 0) return answer(['There is no selection.']);
    const first = selections[0];
    if (TYPED_ACTIONS.includes(action) && (type === undefined || type === '')) {
      const choices = this.typeChoices(a, action, first);
      return typeof choices === 'string' ? answer([choices]) : answer([], choices);
    }
    const wrong = type === undefined ? undefined : typeProblem(this.config, type);
    if (wrong) return answer([wrong]);
    const t = type ?? '';
    const workspace = request.scope === 'workspace';
    let result: AnnotateResult;
    switch (action) {
      case 'tag':
        result = annotateSelections(a, this.config, selections, (s) => tagSelection(a, s, t));
        break;
      case 'merge':
        result = annotateSelections(a, this.config, selections, (s) => mergeTags(a, s, t));
        break;
      case 'split':
        result = annotateSelections(a, this.config, selections, (s) => splitTag(a, s));
        break;
      case 'retype':
        result = annotateSelections(a, this.config, selections, (s) => retypeTag(a, s, t));
        break;
      case 'extendStart':
      case 'extendEnd':
      case 'shrinkStart':
      case 'shrinkEnd':
        result = annotateSelections(a, this.config, selections, (s) => moveTagEdge(a, s, action));
        break;
      case 'tagAll':
        if (workspace) return this.tagAllAcrossCables(a, first, t);
        result = annotateSelections(a, this.config, [first], (s) => tagAllInCable(a, s, t, this.config));
        break;
      case 'removeEntity':
        if (workspace) return this.removeEntityAcrossCables(a, first);
        result = annotateSelections(a, this.config, [first], (s) => removeEntityTags(a, s));
        break;
    }
    return { title: result.title, files: result.edits.length > 0 ? [{ uri, edits: result.edits, version: a.version }] : [], refusals: result.refusals, tags: result.tags };
  }

  /** The types an action offers, likeliest first: a merge's first tag's type, a tag's own type. */
  private typeChoices(a: Analysis, action: AnnotateAction, selection: Span): string[] | string {
    const types = this.config.entityTypes;
    if (action === 'merge') return mergeChoices(a, this.config, selection);
    if (action === 'retype' || action === 'tagAll') {
      const index = mentionAt(a.doc, selection.start, true);
      const own = index >= 0 && selection.end <= a.doc.mentions[index].span.end ? a.doc.mentions[index].type : undefined;
      if (own !== undefined) return [...new Set([own, ...types])];
      if (action === 'retype') return 'Place the cursor in a tag to retype it.';
    }
    return [...types];
  }

  /** Every cable of the workspace besides `uri`: the indexed ones and the open ones. */
  private otherCables(uri: string): string[] {
    const all = new Set([...this.index.uris(), ...this.workspace.uris()]);
    all.delete(uri);
    return [...all].sort();
  }

  /** A cable to edit: the open editor's analysis, or the text on disk now (the index takes it too). */
  private cableToEdit(uri: string, mustHold?: string): { analysis: Analysis; open: boolean } | undefined {
    const open = this.cache.get(uri);
    if (open) return open.doc.text.includes(mustHold ?? '') ? { analysis: open, open: true } : undefined;
    const source = this.workspace.read?.(uri);
    if (!source || (mustHold !== undefined && !source.text.includes(mustHold))) return undefined;
    const analysis = analyze(source, this.config);
    this.index.update(summarize(analysis));
    return { analysis, open: false };
  }

  private tagAllAcrossCables(a: Analysis, selection: Span, type: string): AnnotateAnswer {
    const needle = tagAllNeedle(a, selection);
    if (typeof needle === 'string') return { title: '', files: [], refusals: [needle], tags: [] };
    const here = tagAllInCable(a, selection, type, this.config);
    const files: FileEdits[] = [];
    if (!('refused' in here)) files.push({ uri: a.uri, edits: here.edits, version: a.version });
    let elsewhere = 0;
    for (const other of this.otherCables(a.uri)) {
      const target = this.cableToEdit(other, needle.text);
      if (!target) continue;
      const edits = tagAllInOtherCable(target.analysis, needle.text, type, this.config);
      if (edits.length === 0 || markupProblem(target.analysis.doc, this.config, edits)) continue;
      files.push({ uri: other, edits, version: target.open ? target.analysis.version : undefined });
      elsewhere += edits.length;
    }
    const hereCount = 'refused' in here ? 0 : here.edits.length;
    const total = hereCount + elsewhere;
    if (total === 0) return { title: '', files: [], refusals: [`"${needle.text}" has no untagged occurrence in the cables of the workspace.`], tags: [] };
    const others = files.length - (hereCount > 0 ? 1 : 0);
    const title = `Tag all ${total} ${total === 1 ? 'occurrence' : 'occurrences'} of "${needle.text}" as ${type} (${hereCount} in this cable, ${elsewhere} in ${others} other ${others === 1 ? 'cable' : 'cables'})`;
    return { title, files, refusals: [], tags: [] };
  }

  private removeEntityAcrossCables(a: Analysis, selection: Span): AnnotateAnswer {
    const entity = entityAtCursor(a, selection);
    if (typeof entity === 'string') return { title: '', files: [], refusals: [entity], tags: [] };
    const files: FileEdits[] = [{ uri: a.uri, edits: entityRemovalEdits(a, [entity]), version: a.version }];
    const keys = this.index.relatedKeys(entity.key);
    for (const other of this.index.cablesOf(keys, a.uri)) {
      const target = this.cableToEdit(other);
      if (!target) continue;
      const edits = entityRemovalEdits(target.analysis, target.analysis.entities.entities.filter((e) => keys.includes(e.key)));
      if (edits.length > 0) files.push({ uri: other, edits, version: target.open ? target.analysis.version : undefined });
    }
    return { title: removeEntityTitle(entity.name, entity.mentions.length, files.length - 1), files, refusals: [], tags: [] };
  }

  /** Where the next (previous) mention of the entity under the cursor, or the next (previous) tag, is; or why there is none. */
  navigate(uri: string, offset: number, target: 'mention' | 'tag', direction: Direction): Span | string {
    const a = this.cache.get(uri);
    if (!a) return 'The cable is not open.';
    return target === 'mention' ? entityMentionTarget(a, offset, direction) : tagTarget(a, offset, direction);
  }

  completions(uri: string, offset: number): CompletionItem[] {
    const a = this.cache.get(uri);
    return a ? completions(a, this.config, offset) : [];
  }

  /** The entities of a cable with their mentions per type. */
  cableEntities(uri: string): CableEntity[] {
    const a = this.cache.get(uri);
    if (!a) return [];
    return a.entities.entities.map((e) => ({ key: e.key, name: e.name, type: e.type, mentions: e.mentions.length, types: [...e.typeCounts] }));
  }

  /** The entity under the cursor, for the status bar. */
  entityAt(uri: string, offset: number): { name: string; type: string; mentions: number; otherCables: number } | undefined {
    const a = this.cache.get(uri);
    const e = a ? entityUnder(a, offset) : undefined;
    if (!a || !e) return undefined;
    const otherCables = this.index.countCables(this.index.relatedKeys(e.key), uri);
    return { name: e.name, type: e.type, mentions: e.mentions.length, otherCables };
  }

  foldingRanges(uri: string): FoldingRange[] {
    const a = this.cache.get(uri);
    return a ? foldingRanges(a.doc, a.lines) : [];
  }

  links(uri: string): AnchorLink[] {
    const a = this.cache.get(uri);
    return a ? anchorLinks(a.doc) : [];
  }

  references(uri: string, offset: number, includeDeclaration = true): Location[] {
    const a = this.cache.get(uri);
    return a ? references(a, offset, includeDeclaration, this.ctx) : [];
  }

  definition(uri: string, offset: number): Location | undefined {
    const a = this.cache.get(uri);
    return a ? definition(a, offset, this.ctx) : undefined;
  }

  highlights(uri: string, offset: number): Span[] {
    const a = this.cache.get(uri);
    return a ? highlights(a, offset) : [];
  }

  workspaceSymbols(query: string, limit?: number): WorkspaceSymbol[] {
    return workspaceSymbols(this.ctx, query, limit);
  }

  /** Entity types with counts: of one cable (`uri`), or of the workspace. */
  entityTypes(uri?: string, filter?: string): EntityTypeGroup[] {
    const a = uri === undefined ? undefined : this.cache.get(uri);
    if (uri !== undefined && !a) return [];
    return entityTypeGroups(entitiesInScope(this.ctx, a, filter), this.config.entityTypes);
  }

  /** Entities of one type, most mentioned first: of one cable (`uri`), or of the workspace. */
  entities(type: string, uri?: string, filter?: string, limit = 500): { entities: EntitySummary[]; total: number } {
    const a = uri === undefined ? undefined : this.cache.get(uri);
    if (uri !== undefined && !a) return { entities: [], total: 0 };
    const all = sortEntities(entitiesInScope(this.ctx, a, filter, type));
    return { entities: all.slice(0, Math.max(0, limit)), total: all.length };
  }

  /** Mentions of the entity with `key`: in the cable `uri`, or in every cable. */
  entityMentions(key: string, uri?: string): EntityMentionPlace[] {
    const a = uri === undefined ? undefined : this.cache.get(uri);
    if (uri !== undefined && !a) return [];
    return entityMentions(this.ctx, a, key);
  }
}

function isEntityCheck(d: CableDiagnostic): boolean {
  return d.code.startsWith('entity-');
}

/** Diagnostics of `before` as they apply to `after`: moved past the changed text; the ones it touched left out. */
function moveThroughEdit(uri: string, diagnostics: CableDiagnostic[], before: string, after: string): CableDiagnostic[] {
  if (before === after) return diagnostics;
  const { start, oldEnd, newEnd } = changedRegion(before, after);
  const delta = newEnd - oldEnd;
  const move = (span: Span): Span | undefined => (span.end < start ? span : span.start > oldEnd ? { start: span.start + delta, end: span.end + delta } : undefined);
  const out: CableDiagnostic[] = [];
  for (const d of diagnostics) {
    const span = move(d.span);
    if (!span) continue;
    if (span === d.span && !d.related?.some((r) => r.uri === uri)) {
      out.push(d);
      continue;
    }
    const moved: CableDiagnostic = { ...d, span };
    if (d.related) {
      moved.related = [];
      for (const r of d.related) {
        const at = r.uri === uri ? move(r.span) : r.span;
        if (at) moved.related.push(at === r.span ? r : { ...r, span: at });
      }
    }
    out.push(moved);
  }
  return out;
}

const API = [
  'configuration',
  'setConfig',
  'isLarge',
  'forget',
  'indexSource',
  'indexOpenDocument',
  'summary',
  'addSummary',
  'removeFromIndex',
  'removeFromIndexUnder',
  'removeManyFromIndex',
  'indexSnapshot',
  'restoreIndex',
  'indexedUris',
  'indexedVersion',
  'indexStats',
  'indexedCableConflicts',
  'positionAt',
  'positionsAt',
  'diagnostics',
  'tagDiagnostics',
  'hover',
  'documentSymbols',
  'codeActions',
  'prepareRename',
  'rename',
  'completions',
  'annotate',
  'navigate',
  'cableEntities',
  'entityAt',
  'foldingRanges',
  'links',
  'references',
  'definition',
  'highlights',
  'workspaceSymbols',
  'entityTypes',
  'entities',
  'entityMentions',
] as const satisfies ReadonlyArray<keyof LanguageService>;

/** The language service: every provider of the core, bound to one workspace and its index. */
export type CableLanguageService = Readonly<Pick<LanguageService, (typeof API)[number]>>;

/** A language service over `workspace`; the returned object is frozen, its methods bound. */
export function createLanguageService(workspace: CableWorkspace, config: CableConfig = defaultConfig()): CableLanguageService {
  const impl = new LanguageService(workspace, config);
  const api: Record<string, unknown> = {};
  for (const name of API) api[name] = (impl[name] as (...args: unknown[]) => unknown).bind(impl);
  const service = Object.freeze(api) as unknown as CableLanguageService;
  indexes.set(service, impl.workspaceIndex);
  return service;
}

const indexes = new WeakMap<CableLanguageService, WorkspaceIndex>();

/** The index behind a service, for the index's own tests; hosts use the service's methods. */
export function indexBehind(service: CableLanguageService): WorkspaceIndex {
  return indexes.get(service)!;
}
