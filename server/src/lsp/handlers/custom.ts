// The custom requests behind the status bar entries and the Entities view
// (typed in ../../protocol.ts).

import * as fs from 'fs';
import { fileURLToPath } from 'url';
import { CancellationToken } from 'vscode-languageserver/node';
import { cableName, mentionPreview } from '../../core';
import {
  CableSummaryParams,
  CableSummaryResult,
  EntitiesParams,
  EntitiesResult,
  EntityAtParams,
  EntityAtResult,
  EntityTypeNode,
  EntityTypesParams,
  MentionNode,
  MentionsParams,
  MentionsResult,
} from '../../protocol';
import { ServerState, documentAt } from '../state';
import { toRange } from '../toProto';

/** Mention previews read at most this many cables from disk. */
const PREVIEW_CABLES = 300;

export function entityAt(state: ServerState, params: EntityAtParams): EntityAtResult | null {
  const at = documentAt(state, params);
  return (at && state.service.entityAt(at.doc.uri, at.offset)) ?? null;
}

export function entityTypes(state: ServerState, params: EntityTypesParams): EntityTypeNode[] {
  return state.service.entityTypes(params?.uri, params?.filter);
}

export function entities(state: ServerState, params: EntitiesParams): EntitiesResult {
  if (typeof params?.type !== 'string') return { entities: [], total: 0 };
  return state.service.entities(params.type, params.uri, params.filter, params.limit);
}

export function cableSummary(state: ServerState, params: CableSummaryParams): CableSummaryResult | null {
  if (!params?.uri || !state.documents.get(params.uri)) return null;
  return { types: state.service.entityTypes(params.uri).map(({ type, label, entities, mentions }) => ({ type, label, entities, mentions })) };
}

/** The mentions of an entity with a preview line each; cables on disk are read for their lines. */
export async function mentions(state: ServerState, params: MentionsParams, token?: CancellationToken): Promise<MentionsResult> {
  if (typeof params?.key !== 'string') return { mentions: [], total: 0 };
  const places = state.service.entityMentions(params.key, params.uri);
  const shown = places.slice(0, Math.max(0, params.limit ?? 1000));
  const lines = new Map<string, string[] | undefined>();
  const out: MentionNode[] = [];
  for (const place of shown) {
    if (token?.isCancellationRequested) break;
    const positions = state.positionsOf(place.uri);
    if (!positions) continue;
    const range = toRange(positions, place.span);
    if (!lines.has(place.uri)) {
      const open = state.documents.get(place.uri);
      const text = open ? open.text : lines.size < PREVIEW_CABLES ? await readCable(place.uri) : undefined;
      lines.set(place.uri, text?.split(/\r\n|\r|\n/));
    }
    const line = lines.get(place.uri)?.[range.start.line] ?? '';
    // Offsets into the line in UTF-16 units, whatever the client's encoding.
    const start = state.service.positionAt(place.uri, place.span.start)?.character ?? 0;
    const end = range.start.line === range.end.line ? start + place.span.end - place.span.start : start;
    const text = end > start ? line.slice(start, end) : '';
    out.push({ uri: place.uri, range, cable: cableName(place.uri), text, type: place.type, ...mentionPreview(line, start, end) });
  }
  return { mentions: out, total: places.length };
}

async function readCable(uri: string): Promise<string | undefined> {
  try {
    return await fs.promises.readFile(fileURLToPath(uri), 'utf8');
  } catch {
    return undefined;
  }
}
