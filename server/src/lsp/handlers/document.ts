// Requests about one open cable: plain functions from (state, params) to a result.

import {
  CompletionItem,
  CompletionParams,
  DefinitionParams,
  DocumentHighlight,
  DocumentHighlightParams,
  DocumentLink,
  DocumentLinkParams,
  DocumentSymbol,
  DocumentSymbolParams,
  FoldingRange,
  FoldingRangeParams,
  Hover,
  HoverParams,
  Location,
  ReferenceParams,
} from 'vscode-languageserver/node';
import { ServerState, documentAt } from '../state';
import { toCompletionItem, toDocumentLink, toDocumentSymbol, toFoldingRange, toHighlight, toHover, toLocation, toLocations } from '../toProto';

export function hover(state: ServerState, params: HoverParams): Hover | null {
  const at = documentAt(state, params);
  const result = at && state.service.hover(at.doc.uri, at.offset);
  return at && result ? toHover(at.doc.positions, result) : null;
}

export function references(state: ServerState, params: ReferenceParams): Location[] {
  const at = documentAt(state, params);
  if (!at) return [];
  return toLocations(state.positionsOf, state.service.references(at.doc.uri, at.offset, params.context?.includeDeclaration ?? true));
}

export function definition(state: ServerState, params: DefinitionParams): Location | null {
  const at = documentAt(state, params);
  const target = at && state.service.definition(at.doc.uri, at.offset);
  return target ? (toLocation(state.positionsOf, target.uri, target.span) ?? null) : null;
}

export function documentHighlight(state: ServerState, params: DocumentHighlightParams): DocumentHighlight[] {
  const at = documentAt(state, params);
  if (!at) return [];
  return state.service.highlights(at.doc.uri, at.offset).map((span) => toHighlight(at.doc.positions, span));
}

export function documentSymbol(state: ServerState, params: DocumentSymbolParams): DocumentSymbol[] {
  const doc = state.documents.get(params?.textDocument?.uri);
  if (!doc) return [];
  return state.service.documentSymbols(doc.uri).map((s) => toDocumentSymbol(doc.positions, s));
}

export function foldingRange(state: ServerState, params: FoldingRangeParams): FoldingRange[] {
  const doc = state.documents.get(params?.textDocument?.uri);
  return doc ? state.service.foldingRanges(doc.uri).map(toFoldingRange) : [];
}

export function documentLink(state: ServerState, params: DocumentLinkParams): DocumentLink[] {
  const doc = state.documents.get(params?.textDocument?.uri);
  return doc ? state.service.links(doc.uri).map((l) => toDocumentLink(doc.positions, doc.uri, l)) : [];
}

export function completion(state: ServerState, params: CompletionParams): CompletionItem[] {
  const at = documentAt(state, params);
  if (!at) return [];
  return state.service.completions(at.doc.uri, at.offset).map((c) => toCompletionItem(at.doc.positions, c));
}
