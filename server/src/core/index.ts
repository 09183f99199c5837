// The core's API: the language service and its result types, settings and
// rule codes, what is a cable, and the few text operations hosts need.
// Everything else in this folder is internal; unit tests import it by path.

export { createLanguageService, CableLanguageService, CableEntity, FileEdits, AnnotateRequest, AnnotateAnswer } from './service';
export { CableSource, CableWorkspace, InMemoryWorkspace } from './workspace';
export { CableSummary, IndexSnapshot, SummaryDetail } from './workspaceIndex';
export { CableConfig, ConfigResult, DEFAULT_ENTITY_TYPES, defaultConfig, normalizeConfig } from './config';
export { RULES, RULE_CODES, RuleCode, RuleInfo, RuleSetting, SEVERITIES, Severity, isRuleCode } from './codes';
export * from './cableFiles';
export { Span } from './model';
export { Position, lineStartsOf, positionIn } from './lineIndex';
export { TextEdit, applyEdits } from './edits';
export { changedRegion } from './textCodes';
export { CableDiagnostic, RelatedInformation } from './checks';
export { HoverResult } from './features/hover';
export { Location } from './features/references';
export { CableSymbol, SymbolKind } from './features/symbols';
export { FoldingRange } from './features/folding';
export { AnchorLink } from './features/links';
export { CableCodeAction, CodeActionKind, AnnotateRun } from './features/codeActions';
export { ANNOTATE_ACTIONS, AnnotateAction, ResultTag } from './features/annotate';
export { Direction } from './features/navigation';
export { RenameError } from './features/rename';
export { CompletionItem } from './features/completion';
export { WorkspaceSymbol } from './features/workspaceSymbols';
export { EntityTypeGroup, EntitySummary, EntityMentionPlace } from './features/entitiesView';
export { cableName } from './features/crossCable';
export { fixAllText } from './features/fixAll';
export { MentionPreview, mentionPreview, plainLine } from './features/mentionPreview';
export { typeName } from './entities';
export { ConflictTally } from './checks/crossCable';
// Data in and out: export to JSONL, CoNLL and brat, import back or from a model's output.
export {
  BratFiles,
  CableRefusal,
  EXPORT_FORMATS,
  ExportFormat,
  ExportOptions,
  ExportResult,
  ImportError,
  ImportRecord,
  ImportTarget,
  JsonlFlavour,
  OffsetUnit,
  TAG_SCHEMES,
  TagScheme,
  bratNames,
  buildCable,
  checkRecordIds,
  decodeUtf8,
  exportCable,
  isFileName,
  readAnnotations,
  readBrat,
} from './formats';

// Comparing annotations (cables compare / merge, annotation-diff in the editor).
export * from './compare';
