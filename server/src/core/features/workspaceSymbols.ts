// Workspace symbols (Ctrl+T): the entities of every indexed cable, fuzzy
// matched on their names, one symbol per entity and cable.

import { Span } from '../model';
import { CrossCableContext, cableName, entityWithKey } from './crossCable';

export interface WorkspaceSymbol {
  name: string;
  type: string;
  uri: string;
  /** The cable's file name without extension. */
  cable: string;
  /** The entity's definition in that cable. */
  span: Span;
}

export function workspaceSymbols(ctx: CrossCableContext, query: string, limit = 1000): WorkspaceSymbol[] {
  const out: WorkspaceSymbol[] = [];
  for (const match of ctx.index.searchSymbols(query, limit)) {
    let { span, type } = match;
    const live = ctx.openAnalysis(match.uri);
    if (live) {
      // An open editor's text may be ahead of the index.
      const entity = entityWithKey(live, [match.key]);
      if (!entity) continue;
      span = live.doc.mentions[entity.definition].textSpan;
      type = entity.type;
    }
    out.push({ name: match.name, type, uri: match.uri, cable: cableName(match.uri), span });
  }
  return out;
}
