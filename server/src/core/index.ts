// The core library: parser and language features, free of any editor or
// protocol dependency.

export * from './model';
export * from './codes';
export * from './config';
export * from './parser';
export * from './entities';
export * from './lineIndex';
export * from './workspace';
export * from './service';
export * from './classification';
export * from './detect';
export { CableDiagnostic, RelatedInformation, computeDiagnostics, closingConvention } from './features/diagnostics';
export { HoverResult } from './features/hover';
export { Location } from './features/references';
export { CableSymbol, SymbolKind } from './features/symbols';
export { FoldingRange } from './features/folding';
export { AnchorLink } from './features/links';
export { CableCodeAction, CodeActionKind, TextEdit, applyEdits, untaggedText, removeTag } from './features/codeActions';
export { RenameError } from './features/rename';
export { CompletionItem } from './features/completion';
export * from './workspaceIndex';
export * from './fuzzy';
export { WorkspaceSymbol } from './features/workspaceSymbols';
export { EntityTypeGroup, EntitySummary, EntityMentionPlace } from './features/entitiesView';
export { CrossCableContext, cableName } from './features/crossCable';
export { conflictsWithIndex } from './features/crossCableConflicts';
