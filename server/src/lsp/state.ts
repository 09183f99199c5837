// What every handler sees: the open documents, the core's language service,
// what the client can do, the settings, and the parts that schedule work.

import { Connection } from 'vscode-languageserver/node';
import { CableLanguageService } from '../core';
import { ClientFeatures } from './capabilities';
import type { Comparisons } from './comparisons';
import { DiagnosticsManager } from './diagnosticsManager';
import { OpenDocument, OpenDocuments } from './documents';
import type { IndexHost } from './indexHost';
import { PositionMapper } from './positions';
import { ServerSettings } from './settings';

export interface ServerState {
  readonly connection: Connection;
  readonly documents: OpenDocuments;
  readonly service: CableLanguageService;
  client: ClientFeatures;
  settings: ServerSettings;
  diagnostics: DiagnosticsManager;
  readonly index: IndexHost;
  /** Large cables whose user was told that entity checks are skipped. */
  readonly toldLarge: Set<string>;
  /** Cables compared with another version (annotation-diff). */
  readonly comparisons: Comparisons;
  /** The LSP lifecycle: requests are refused before `initialize` and after `shutdown`. */
  phase: 'starting' | 'running' | 'shutdown';
  /** Positions of any cable: open ones through their text, cables on disk through the index. */
  positionsOf(uri: string): PositionMapper | undefined;
  log(message: string): void;
  error(message: string): void;
}

/** The open document a request is about, and the offset of its position. */
export function documentAt(state: ServerState, params: { textDocument: { uri: string }; position: { line: number; character: number } }): { doc: OpenDocument; offset: number } | undefined {
  const doc = state.documents.get(params?.textDocument?.uri);
  if (!doc || !params.position) return undefined;
  return { doc, offset: doc.positions.offsetAt(params.position) };
}

export function errorText(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
