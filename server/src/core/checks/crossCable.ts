// entity-cross-cable-conflict: an entity tagged with one type in this cable
// and another type in most other cables of the workspace (at least two other
// cables, two thirds of them agreeing). Reported once, on the text of the
// entity's definition, with a quick fix that retypes its mentions here.

import { CableConfig } from '../config';
import { typeName } from '../entities';
import { Span } from '../model';
import { Analysis } from '../workspace';
import { WorkspaceIndex } from '../workspaceIndex';
import { CableCodeAction } from '../features/codeActions';
import { CrossCableContext, cableName } from '../features/crossCable';
import { TextEdit } from '../edits';
import { CableDiagnostic } from './index';

const MIN_OTHER_CABLES = 2;
const RELATED_SHOWN = 3;

/** What the check needs of one entity of the cable. */
export interface CableEntityRef {
  key: string;
  name: string;
  type: string;
  /** The text of its definition. */
  definition: Span;
}

/**
 * The conflicts of one cable's entities with the rest of the index. Related
 * locations come from the index, except in cables `skipRelated` says are
 * open (their indexed spans may lag behind the editor).
 */
export function conflictsWithIndex(
  uri: string,
  entities: CableEntityRef[],
  index: WorkspaceIndex,
  config: CableConfig,
  skipRelated: (uri: string) => boolean = () => false,
): CableDiagnostic[] {
  const severity = config.rules['entity-cross-cable-conflict'];
  if (severity === 'off' || index.cableCount < 2) return [];
  const out: CableDiagnostic[] = [];
  for (const entity of entities) {
    const keys = index.relatedKeys(entity.key);
    const counts = index.typeCables(keys, uri);
    let total = 0;
    let majority = '';
    for (const [type, n] of counts) {
      total += n;
      if (n > (counts.get(majority) ?? 0)) majority = type;
    }
    if (total < MIN_OTHER_CABLES || majority === entity.type) continue;
    const n = counts.get(majority)!;
    if (n < MIN_OTHER_CABLES || n * 3 < total * 2) continue;
    const related = index
      .someOccurrences(keys, RELATED_SHOWN, uri, majority)
      .filter((o) => !skipRelated(o.uri))
      .map((o) => ({ uri: o.uri, span: o.definition, message: `tagged ${majority} in ${cableName(o.uri)}` }));
    out.push({
      code: 'entity-cross-cable-conflict',
      severity,
      span: entity.definition,
      message: `"${entity.name}" is tagged ${entity.type} in this cable, but ${majority} (${typeName(majority)}) in ${n} of ${total} other cables of the workspace.`,
      related,
      data: { type: majority },
    });
  }
  return out;
}

export function crossCableConflicts(analysis: Analysis, config: CableConfig, ctx: CrossCableContext): CableDiagnostic[] {
  const entities = analysis.entities.entities.map((e) => ({
    key: e.key,
    name: e.name,
    type: e.type,
    definition: analysis.doc.mentions[e.definition].textSpan,
  }));
  return conflictsWithIndex(analysis.uri, entities, ctx.index, config, (uri) => ctx.openAnalysis(uri) !== undefined);
}

/** Quick fix: retype the entity's mentions in this cable as the workspace does. */
export function crossCableFixes(analysis: Analysis, diagnostic: CableDiagnostic): CableCodeAction[] {
  const type = diagnostic.data?.type;
  if (typeof type !== 'string') return [];
  const index = analysis.doc.mentions.findIndex((m) => m.textSpan.start === diagnostic.span.start);
  const id = index >= 0 ? analysis.entities.entityOfMention[index] : -1;
  if (id < 0) return [];
  const entity = analysis.entities.entities[id];
  const edits: TextEdit[] = entity.mentions
    .map((i) => analysis.doc.mentions[i])
    .filter((m) => m.type !== type)
    .map((m) => ({ span: m.typeSpan, newText: type }));
  if (edits.length === 0) return [];
  const n = entity.mentions.length;
  return [
    {
      title: `Retype ${n === 1 ? 'the mention' : `all ${n} mentions`} of "${entity.name}" as ${type}, as other cables do`,
      kind: 'quickfix',
      edits,
      isPreferred: true,
      diagnostics: [diagnostic],
    },
  ];
}
