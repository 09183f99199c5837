// Requests about one open cable: plain functions from (state, params) to a result.

import {
  CancellationToken,
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
  ProgressType,
  ReferenceParams,
} from 'vscode-languageserver/node';
import { ServerState, documentAt } from '../state';
import { toCompletionItem, toDocumentLink, toDocumentSymbol, toFoldingRange, toHighlight, toHover, toLocation, toLocations } from '../toProto';

export function hover(state: ServerState, params: HoverParams): Hover | null {
  const at = documentAt(state, params);
  const result = at && state.service.hover(at.doc.uri, at.offset);
  return at && result ? toHover(at.doc.positions, result) : null;
}

/** Locations per partial result. */
const REFERENCES_BATCH = 2000;
const partialLocations = new ProgressType<Location[]>();

/**
 * Every mention of the entity, in every cable. With a `partialResultToken`
 * and many locations, they are streamed in batches (`$/progress`), and the
 * answer itself is empty, as LSP's partial results go.
 */
export async function references(state: ServerState, params: ReferenceParams, token?: CancellationToken): Promise<Location[]> {
  const at = documentAt(state, params);
  if (!at) return [];
  const places = state.service.references(at.doc.uri, at.offset, params.context?.includeDeclaration ?? true);
  const partial = params.partialResultToken;
  if (partial === undefined || places.length <= REFERENCES_BATCH) return toLocations(state.positionsOf, places);
  for (let i = 0; i < places.length; i += REFERENCES_BATCH) {
    if (token?.isCancellationRequested) return [];
    void state.connection.sendProgress(partialLocations, partial, toLocations(state.positionsOf, places.slice(i, i + REFERENCES_BATCH)));
    // Let the batch go out, and other requests in, before the next one.
    await new Promise((resolve) => setImmediate(resolve));
  }
  return [];
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
