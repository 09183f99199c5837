// Requests about the whole workspace.

import { SymbolInformation, WorkspaceSymbolParams } from 'vscode-languageserver/node';
import { ServerState } from '../state';
import { toSymbolInformation } from '../toProto';

export function workspaceSymbol(state: ServerState, params: WorkspaceSymbolParams): SymbolInformation[] {
  return state.service.workspaceSymbols(typeof params?.query === 'string' ? params.query : '').flatMap((symbol) => toSymbolInformation(state.positionsOf, symbol) ?? []);
}
