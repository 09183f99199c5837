// Custom requests and notifications between the extension and the server,
// typed: one definition per request (method, params, result), imported by
// both bundles.

import { NotificationType, RequestType, WorkspaceEdit } from 'vscode-languageserver-protocol';

/** The entity under the cursor, for the status bar. */
export interface EntityAtParams {
  textDocument: { uri: string };
  position: { line: number; character: number };
}
export interface EntityAtResult {
  name: string;
  type: string;
  mentions: number;
  /** Other cables of the workspace that mention the entity. */
  otherCables: number;
}

/**
 * Entity types with their entity counts. `uri` given: the entities of that
 * cable; absent: of the whole workspace index. `filter` keeps entities whose
 * name matches it fuzzily (case-insensitive subsequence).
 */
export interface EntityTypesParams {
  uri?: string;
  filter?: string;
}
export interface EntityTypeNode {
  type: string;
  /** `Person` for `PER`. */
  label: string;
  entities: number;
  mentions: number;
}

/** The entities of one type, most mentioned first, at most `limit` (default 500). */
export interface EntitiesParams {
  uri?: string;
  type: string;
  filter?: string;
  limit?: number;
}
export interface EntityNode {
  /** Identifies the entity across cables (for the mentions request). */
  key: string;
  name: string;
  type: string;
  /** Mentions in scope: in the cable when `uri` was given, else in the workspace. */
  mentions: number;
  /** Cables of the workspace that mention it (at least 1). */
  cables: number;
}
export interface EntitiesResult {
  entities: EntityNode[];
  /** How many matched before `limit`. */
  total: number;
}

/** The mentions of one entity: in the cable `uri`, or across the workspace; at most `limit` (default 1000). */
export interface MentionsParams {
  key: string;
  uri?: string;
  limit?: number;
}
export interface MentionNode {
  uri: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  /** The cable's file name without extension, e.g. `09ABUJA1907`. */
  cable: string;
  /** The tagged text, e.g. `Pickard`. */
  text: string;
  type: string;
  /** The mention's line without tag markup, shortened to about 120 characters. */
  preview: string;
  /** Where the mention's text lies in `preview` (UTF-16 start and end), when it is there. */
  highlight?: [number, number];
}
export interface MentionsResult {
  mentions: MentionNode[];
  total: number;
}

/** Counts per type for one cable, for the status bar. */
export interface CableSummaryParams {
  uri: string;
}
export interface CableSummaryResult {
  /** `label` is the type's name: `Person` for `PER`. */
  types: Array<{ type: string; label: string; entities: number; mentions: number }>;
}

/** Server → client, after the index changed (debounced), and when indexing starts and ends. */
export interface IndexChangedParams {
  /** Cables in the index now. */
  cables: number;
  entities: number;
  indexing: boolean;
  /** While indexing: files looked at so far, and files found. */
  done?: number;
  total?: number;
}

export const EntityAtRequest = new RequestType<EntityAtParams, EntityAtResult | null, void>('taggedCables/entityAt');
export const EntityTypesRequest = new RequestType<EntityTypesParams, EntityTypeNode[], void>('taggedCables/entityTypes');
export const EntitiesRequest = new RequestType<EntitiesParams, EntitiesResult, void>('taggedCables/entities');
export const MentionsRequest = new RequestType<MentionsParams, MentionsResult, void>('taggedCables/mentions');
export const CableSummaryRequest = new RequestType<CableSummaryParams, CableSummaryResult | null, void>('taggedCables/cableSummary');
export const IndexChangedNotification = new NotificationType<IndexChangedParams>('taggedCables/indexChanged');

// ---------------------------------------------------------------- annotation from the keyboard

/** What an annotate request does (see the README's keyboard section). */
export type AnnotateActionName = 'tag' | 'tagAll' | 'merge' | 'split' | 'extendStart' | 'extendEnd' | 'shrinkStart' | 'shrinkEnd' | 'retype' | 'removeEntity';

export interface LspRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

/**
 * One action on every selection of an editor (all cursors). `version` is the
 * editor's version the selections belong to: a request for an older version
 * is refused. Without `type`, an action that needs one answers `choices`.
 */
export interface AnnotateParams {
  textDocument: { uri: string; version?: number };
  selections: LspRange[];
  action: AnnotateActionName;
  type?: string;
  /** tagAll and removeEntity: this cable (default) or every cable of the workspace. */
  scope?: 'cable' | 'workspace';
}
export interface AnnotateResult {
  /** What the edit does, in words. */
  title: string;
  /** The edit to apply as one step; absent when nothing changes. Other cables' edits need confirmation. */
  edit?: WorkspaceEdit;
  /** Why selections were refused (and left unchanged), one reason each. */
  refusals: string[];
  /** When `type` was missing: the types to offer, likeliest first. */
  choices?: string[];
  /** The tags `split` made, as ranges of their text in the edited document. */
  tags?: Array<{ range: LspRange; type: string; text: string }>;
}

/** Where to move: the next or previous mention of the entity under the cursor, or the next or previous tag. Both wrap. */
export interface NavigateParams {
  textDocument: { uri: string };
  position: { line: number; character: number };
  target: 'mention' | 'tag';
  direction: 'next' | 'previous';
}
export interface NavigateResult {
  /** The target tag's text. */
  range?: LspRange;
  /** Why there is nowhere to go. */
  refused?: string;
}

export const AnnotateRequest = new RequestType<AnnotateParams, AnnotateResult, void>('taggedCables/annotate');
export const NavigateRequest = new RequestType<NavigateParams, NavigateResult, void>('taggedCables/navigate');

/** The server command behind code actions that annotate across cables (arguments: one AnnotateParams). */
export const APPLY_ANNOTATION_COMMAND = 'taggedCables.applyAnnotation';
