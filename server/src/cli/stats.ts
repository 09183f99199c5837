// `--stats`: the entities of a corpus. Each cable's entities (grouped by the
// core, see entities.ts) are added up by entity key across cables:
//  - the corpus type of an entity is the type that is its majority type in the
//    most cables (ties: more mentions of that type, then the type's name);
//  - its name is the display name with the most mentions (ties: the smaller string);
//  - a type conflict is an entity whose majority type differs between cables.
// Every order is total, so the output does not depend on the order cables come in.

import { CableEntity, FileResult } from './types';

export const TOP_ENTITIES = 20;

export interface TypeStats {
  type: string;
  /** Tags of this type, in every cable. */
  mentions: number;
  /** Distinct entities (by key, across cables) whose corpus type is this type. */
  entities: number;
}

export interface EntityStats {
  name: string;
  key: string;
  type: string;
  mentions: number;
  cables: number;
}

export interface TypeConflict {
  name: string;
  key: string;
  /** Per majority type, the cables where the entity has it; most cables first. */
  types: Array<{ type: string; cables: number }>;
}

export interface CorpusStats {
  cables: number;
  mentions: number;
  entities: number;
  problems: { errors: number; warnings: number; information: number; hints: number };
  types: TypeStats[];
  topEntities: EntityStats[];
  typeConflicts: TypeConflict[];
}

interface Tally {
  key: string;
  mentions: number;
  cables: number;
  names: Map<string, number>;
  /** Majority type → cables. */
  majority: Map<string, number>;
  /** Written type → mentions. */
  written: Map<string, number>;
}

const add = <K>(map: Map<K, number>, key: K, n: number) => map.set(key, (map.get(key) ?? 0) + n);
const compareStrings = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function corpusStats(results: FileResult[], entityTypes: string[], top = TOP_ENTITIES): CorpusStats {
  const tally = new StatsTally();
  for (const result of results) tally.add(result);
  return tally.stats(entityTypes, top);
}

/** The statistics of cables added one at a time (only the tallies by entity are kept). */
export class StatsTally {
  private readonly tallies = new Map<string, Tally>();
  private cables = 0;
  private readonly problems = { errors: 0, warnings: 0, information: 0, hints: 0 };

  add(result: FileResult): void {
    const problems = this.problems;
    for (const r of result.records) {
      if (r.severity === 'error') problems.errors++;
      else if (r.severity === 'warning') problems.warnings++;
      else if (r.severity === 'information') problems.information++;
      else if (r.severity === 'hint') problems.hints++;
    }
    if (!result.entities) return;
    this.cables++;
    for (const e of result.entities) addEntity(this.tallies, e);
  }

  stats(entityTypes: string[], top = TOP_ENTITIES): CorpusStats {
    const { tallies, cables, problems } = this;
    const typeOf = new Map<Tally, string>();
    for (const t of tallies.values()) typeOf.set(t, corpusType(t));

    const typeMentions = new Map<string, number>();
    const typeEntities = new Map<string, number>();
    for (const t of tallies.values()) {
      for (const [type, n] of t.written) add(typeMentions, type, n);
      add(typeEntities, typeOf.get(t)!, 1);
    }
    const others = [...new Set([...typeMentions.keys(), ...typeEntities.keys()])]
      .filter((type) => !entityTypes.includes(type))
      .sort((a, b) => (typeMentions.get(b) ?? 0) - (typeMentions.get(a) ?? 0) || compareStrings(a, b));
    const types = [...entityTypes, ...others].map((type) => ({ type, mentions: typeMentions.get(type) ?? 0, entities: typeEntities.get(type) ?? 0 }));

    const all = [...tallies.values()];
    const topEntities = [...all]
      .sort((a, b) => b.mentions - a.mentions || b.cables - a.cables || compareStrings(a.key, b.key))
      .slice(0, top)
      .map((t) => ({ name: displayName(t), key: t.key, type: typeOf.get(t)!, mentions: t.mentions, cables: t.cables }));

    const cablesOf = (c: TypeConflict) => c.types.reduce((n, t) => n + t.cables, 0);
    const typeConflicts = all
      .filter((t) => t.majority.size > 1)
      .map((t) => ({
        name: displayName(t),
        key: t.key,
        types: [...t.majority].map(([type, n]) => ({ type, cables: n })).sort((a, b) => b.cables - a.cables || compareStrings(a.type, b.type)),
      }))
      .sort((a, b) => cablesOf(b) - cablesOf(a) || compareStrings(a.key, b.key));

    return {
      cables,
      mentions: all.reduce((n, t) => n + t.mentions, 0),
      entities: all.length,
      problems: { ...problems },
      types,
      topEntities,
      typeConflicts,
    };
  }
}

function addEntity(tallies: Map<string, Tally>, e: CableEntity): void {
  let t = tallies.get(e.key);
  if (!t) tallies.set(e.key, (t = { key: e.key, mentions: 0, cables: 0, names: new Map(), majority: new Map(), written: new Map() }));
  t.mentions += e.mentions;
  t.cables++;
  add(t.names, e.name, e.mentions);
  add(t.majority, e.type, 1);
  for (const [type, n] of e.types) add(t.written, type, n);
}

function corpusType(t: Tally): string {
  let best: string | undefined;
  for (const [type, cables] of t.majority) {
    if (best === undefined) {
      best = type;
      continue;
    }
    const bestCables = t.majority.get(best)!;
    const order = cables - bestCables || (t.written.get(type) ?? 0) - (t.written.get(best) ?? 0) || compareStrings(best, type);
    if (order > 0) best = type;
  }
  return best!;
}

function displayName(t: Tally): string {
  let best: string | undefined;
  for (const [name, n] of t.names) {
    if (best === undefined || n > t.names.get(best)! || (n === t.names.get(best)! && compareStrings(name, best) < 0)) best = name;
  }
  return best!;
}

export function formatStats(stats: CorpusStats, bold: (s: string) => string = (s) => s): string {
  const out: string[] = [];
  const table = (header: string[], rows: string[][], right: boolean[]) => {
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    const line = (cells: string[]) => '  ' + cells.map((c, i) => (right[i] ? c.padStart(widths[i]) : i === cells.length - 1 ? c : c.padEnd(widths[i]))).join('  ');
    out.push(line(header).trimEnd(), ...rows.map((r) => line(r).trimEnd()));
  };
  const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

  out.push(bold(`Entities by type (${plural(stats.cables, 'cable')})`));
  const typeRows = stats.types.map((t) => [t.type, String(t.mentions), String(t.entities)]);
  typeRows.push(['total', String(stats.mentions), String(stats.entities)]);
  table(['type', 'mentions', 'entities'], typeRows, [false, true, true]);
  out.push('');

  out.push(bold(`Most frequent entities (top ${stats.topEntities.length})`));
  if (stats.topEntities.length === 0) out.push('  none');
  else
    table(
      ['#', 'entity', 'type', 'mentions', 'cables'],
      stats.topEntities.map((e, i) => [String(i + 1), e.name, e.type, String(e.mentions), String(e.cables)]),
      [true, false, false, true, true],
    );
  out.push('');

  out.push(bold(`Type conflicts across cables (${plural(stats.typeConflicts.length, 'entity', 'entities')})`));
  if (stats.typeConflicts.length === 0) out.push('  none');
  else
    table(
      ['entity', 'types'],
      stats.typeConflicts.map((c) => [c.name, c.types.map((t) => `${t.type} in ${plural(t.cables, 'cable')}`).join(', ')]),
      [false, false],
    );
  out.push('');

  const p = stats.problems;
  out.push(`Problems: ${plural(p.errors, 'error')}, ${plural(p.warnings, 'warning')}, ${p.information} information, ${plural(p.hints, 'hint')} (run without --stats to list them)`);
  return out.join('\n') + '\n';
}
