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

// ---------------------------------------------------------------- comparing annotations
// A cable compared with another version of it (git HEAD, another file, the
// same name in another folder): its differences are `annotation-diff`
// diagnostics, recomputed with the cable's current text on every run.

/** Starts (or restarts) comparing one cable with another version. */
export interface CompareStartParams {
  uri: string;
  /** What the other version is, for messages and the status bar: `HEAD`, a file name. */
  label: string;
  /** The other version's text; when absent, it is read from `otherUri` (a `file:` URI). */
  otherText?: string;
  /** Where the other version lives, for related information: a file, or the editor's `git:` URI. */
  otherUri?: string;
}

/** Compares every cable of `folderUri` with its namesake in `otherFolderUri` (paired by the path inside the folder). */
export interface CompareFoldersParams {
  folderUri: string;
  otherFolderUri: string;
  label: string;
}

export interface ComparisonSummary {
  uri: string;
  label: string;
  differences: number;
  textChanges: number;
  /** Strict overall F1 (this cable as the reference). */
  f1: number;
  kappa: number;
}

export interface CompareStartResult {
  compared: ComparisonSummary[];
  /** Cables that could not be compared (unrelated texts, unreadable files), with the reason. */
  errors: Array<{ uri: string; message: string }>;
  /** Cables of the folder without a namesake in the other folder. */
  unpaired: string[];
}

/** Stops comparing: the comparisons started together with `uri`'s (a folder's), or every comparison when `uri` is absent. */
export interface CompareStopParams {
  uri?: string;
}
export interface CompareStopResult {
  stopped: number;
}

export interface ComparisonScoresParams {
  uri: string;
}
/** Counts and P/R/F1 of one scheme (nervaluate's keys). */
export interface SchemeScores {
  correct: number;
  incorrect: number;
  partial: number;
  missed: number;
  spurious: number;
  possible: number;
  actual: number;
  precision: number;
  recall: number;
  f1: number;
}
export type ScoresBySchemes = Record<'strict' | 'exact' | 'partial' | 'type', SchemeScores>;
export interface ComparisonScoresResult extends ComparisonSummary {
  overall: ScoresBySchemes;
  byType: Record<string, ScoresBySchemes>;
  tokens: number;
  /** The score table in Markdown (schemes, then strict per type, then kappa). */
  markdown: string;
  /** For a folder comparison: the folder's figures together. */
  group?: { cables: number; differences: number; f1: number; kappa: number; markdown: string };
  /** Why the cable cannot be compared now (e.g. its text became unrelated). */
  error?: string;
}

export interface ComparisonDifferencesParams {
  uri: string;
}
export interface ComparisonDifference {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  kind: 'added' | 'removed' | 'retyped' | 'rebounded' | 'rebounded-retyped';
  type: string;
  message: string;
}
export interface ComparisonDifferencesResult {
  /** In document order; dismissed differences (Keep mine) are left out. */
  differences: ComparisonDifference[];
}

/** The server command behind the *Keep mine* quick fix: arguments `[uri, key]`. */
export const KEEP_MINE_COMMAND = 'taggedCables.annotationDiff.keepMine';

export const CompareStartRequest = new RequestType<CompareStartParams, CompareStartResult, void>('taggedCables/compare/start');
export const CompareFoldersRequest = new RequestType<CompareFoldersParams, CompareStartResult, void>('taggedCables/compare/folders');
export const CompareStopRequest = new RequestType<CompareStopParams, CompareStopResult, void>('taggedCables/compare/stop');
export const ComparisonScoresRequest = new RequestType<ComparisonScoresParams, ComparisonScoresResult | null, void>('taggedCables/compare/scores');
export const ComparisonDifferencesRequest = new RequestType<ComparisonDifferencesParams, ComparisonDifferencesResult, void>('taggedCables/compare/differences');
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
