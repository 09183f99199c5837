// Pairing the entities of two versions, one to one, over A's untagged text
// (B's spans already mapped into it). Spans with the same bounds pair first;
// the remaining overlapping spans then pair greedily: same type first, then
// the larger overlap, then the closer bounds, then position. Every choice
// depends only on the spans, never on the order they come in, so scores and
// differences do not depend on the order of spans.

import { Span } from '../model';
import { countWhere } from '../sorted';

export interface TypedSpan extends Span {
  type: string;
}

/** How a pair relates: the same entity, or one of the kinds of difference. */
export type Relation = 'same' | 'retyped' | 'rebounded' | 'rebounded-retyped' | 'removed' | 'added';

export interface Pair {
  /** Index into A's spans; absent for `added`. */
  a?: number;
  /** Index into B's spans; absent for `removed`. */
  b?: number;
  relation: Relation;
}

const compareSpans = (x: TypedSpan, y: TypedSpan) => x.start - y.start || x.end - y.end || (x.type < y.type ? -1 : x.type > y.type ? 1 : 0);

function canonicalOrder(spans: readonly TypedSpan[]): number[] {
  return spans.map((_, i) => i).sort((i, j) => compareSpans(spans[i], spans[j]) || i - j);
}

export function relationOf(a: TypedSpan, b: TypedSpan): Relation {
  const sameBounds = a.start === b.start && a.end === b.end;
  if (sameBounds) return a.type === b.type ? 'same' : 'retyped';
  return a.type === b.type ? 'rebounded' : 'rebounded-retyped';
}

export function matchSpans(a: readonly TypedSpan[], b: readonly TypedSpan[]): Pair[] {
  const aOrder = canonicalOrder(a);
  const bOrder = canonicalOrder(b);
  const aRank = new Int32Array(a.length);
  aOrder.forEach((i, r) => (aRank[i] = r));
  const bRank = new Int32Array(b.length);
  bOrder.forEach((i, r) => (bRank[i] = r));
  const aTaken = new Int32Array(a.length).fill(-1);
  const bTaken = new Int32Array(b.length).fill(-1);

  // 1. Same bounds (the same type preferred).
  const byBounds = new Map<string, number[]>();
  for (const j of bOrder) {
    if (b[j].end <= b[j].start) continue;
    const key = `${b[j].start}:${b[j].end}`;
    const list = byBounds.get(key);
    if (list) list.push(j);
    else byBounds.set(key, [j]);
  }
  for (const i of aOrder) {
    const list = byBounds.get(`${a[i].start}:${a[i].end}`);
    if (!list) continue;
    const free = list.filter((j) => bTaken[j] < 0);
    const j = free.find((k) => b[k].type === a[i].type) ?? free[0];
    if (j === undefined) continue;
    aTaken[i] = j;
    bTaken[j] = i;
  }

  // 2. Overlaps among the rest.
  const bFree = bOrder.filter((j) => bTaken[j] < 0 && b[j].end > b[j].start);
  const maxLength = bFree.reduce((m, j) => Math.max(m, b[j].end - b[j].start), 0);
  const candidates: Array<{ i: number; j: number; sameType: boolean; overlap: number; distance: number }> = [];
  for (const i of aOrder) {
    if (aTaken[i] >= 0) continue;
    const x = a[i];
    // bFree is sorted by start: the first that may overlap starts after x.start - maxLength.
    const lo = countWhere(bFree.length, (k) => b[bFree[k]].start <= x.start - maxLength);
    for (let k = lo; k < bFree.length && b[bFree[k]].start < x.end; k++) {
      const j = bFree[k];
      const y = b[j];
      const overlap = Math.min(x.end, y.end) - Math.max(x.start, y.start);
      if (overlap <= 0) continue;
      candidates.push({ i, j, sameType: x.type === y.type, overlap, distance: Math.abs(x.start - y.start) + Math.abs(x.end - y.end) });
    }
  }
  candidates.sort(
    (p, q) =>
      Number(q.sameType) - Number(p.sameType) || q.overlap - p.overlap || p.distance - q.distance || aRank[p.i] - aRank[q.i] || bRank[p.j] - bRank[q.j],
  );
  for (const c of candidates) {
    if (aTaken[c.i] >= 0 || bTaken[c.j] >= 0) continue;
    aTaken[c.i] = c.j;
    bTaken[c.j] = c.i;
  }

  // 3. The pairs, in A's order, with the unpaired B spans in their place.
  const pairs: Pair[] = [];
  for (const i of aOrder) {
    const j = aTaken[i];
    pairs.push(j >= 0 ? { a: i, b: j, relation: relationOf(a[i], b[j]) } : { a: i, relation: 'removed' });
  }
  for (const j of bOrder) if (bTaken[j] < 0) pairs.push({ b: j, relation: 'added' });
  const startOf = (p: Pair) => (p.a !== undefined ? a[p.a].start : b[p.b!].start);
  const rankOf = (p: Pair) => (p.a !== undefined ? aRank[p.a] : a.length + bRank[p.b!]);
  pairs.sort((p, q) => startOf(p) - startOf(q) || rankOf(p) - rankOf(q));
  return pairs;
}
