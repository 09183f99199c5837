// Data for the Entities view: types → entities → mentions, for one cable (its
// live analysis) or the whole workspace (the index), with a fuzzy filter.

import { Entity, typeName } from '../entities';
import { fuzzyScore } from '../fuzzy';
import { Span } from '../model';
import { Analysis } from '../workspace';
import { CrossCableContext, entityWithKey, otherOccurrences } from './crossCable';

export interface EntityTypeGroup {
  type: string;
  label: string;
  entities: number;
  mentions: number;
}

export interface EntitySummary {
  key: string;
  name: string;
  type: string;
  mentions: number;
  cables: number;
}

export interface EntityMentionPlace {
  uri: string;
  span: Span;
  type: string;
}

function matches(filter: string | undefined, entity: { key: string; name: string }): boolean {
  const q = filter?.trim().toLowerCase();
  return !q || fuzzyScore(q, entity.key) > 0 || fuzzyScore(q, entity.name.toLowerCase()) > 0;
}

function cableEntities(analysis: Analysis, ctx: CrossCableContext | undefined, filter?: string): EntitySummary[] {
  return analysis.entities.entities
    .filter((e) => matches(filter, e))
    .map((e: Entity) => ({
      key: e.key,
      name: e.name,
      type: e.type,
      mentions: e.mentions.length,
      cables: 1 + (ctx ? ctx.index.countCables(ctx.index.relatedKeys(e.key), analysis.uri) : 0),
    }));
}

function workspaceEntities(ctx: CrossCableContext, filter?: string, type?: string): EntitySummary[] {
  return ctx.index.entities(type).filter((e) => matches(filter, e));
}

/** Types in the order of the configuration, then the others by name. */
export function entityTypeGroups(entities: EntitySummary[], configuredTypes: string[]): EntityTypeGroup[] {
  const groups = new Map<string, EntityTypeGroup>();
  for (const e of entities) {
    let g = groups.get(e.type);
    if (!g) groups.set(e.type, (g = { type: e.type, label: typeName(e.type), entities: 0, mentions: 0 }));
    g.entities++;
    g.mentions += e.mentions;
  }
  const rank = (t: string) => (configuredTypes.includes(t) ? configuredTypes.indexOf(t) : configuredTypes.length);
  return [...groups.values()].sort((a, b) => rank(a.type) - rank(b.type) || a.type.localeCompare(b.type));
}

export function entitiesInScope(ctx: CrossCableContext | undefined, analysis: Analysis | undefined, filter?: string, type?: string): EntitySummary[] {
  if (analysis) return cableEntities(analysis, ctx, filter).filter((e) => type === undefined || e.type === type);
  return ctx ? workspaceEntities(ctx, filter, type) : [];
}

/** Most mentioned first, then by name. */
export function sortEntities(entities: EntitySummary[]): EntitySummary[] {
  return entities.sort((a, b) => b.mentions - a.mentions || b.cables - a.cables || a.name.localeCompare(b.name));
}

/** Mentions of the entity with `key`: in `analysis` only, or in every cable. */
export function entityMentions(ctx: CrossCableContext | undefined, analysis: Analysis | undefined, key: string): EntityMentionPlace[] {
  const out: EntityMentionPlace[] = [];
  if (analysis) {
    const entity = entityWithKey(analysis, [key]);
    if (!entity) return [];
    for (const i of entity.mentions) out.push({ uri: analysis.uri, span: analysis.doc.mentions[i].textSpan, type: analysis.doc.mentions[i].type });
    return out;
  }
  if (!ctx) return out;
  for (const o of otherOccurrences(ctx, [key], '')) for (const span of o.spans) out.push({ uri: o.uri, span, type: o.type });
  return out;
}
