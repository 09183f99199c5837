// Scores in the four schemes of SemEval-2013 Task 9.1, as nervaluate
// (github.com/MantisAI/nervaluate) computes them. A is the reference
// (gold), B the prediction. Each pair of entities (see match.ts) counts as:
//
//   pair / scheme                   strict     exact      partial    type
//   same bounds, same type          correct    correct    correct    correct
//   same bounds, other type         incorrect  correct    correct    incorrect
//   overlapping, same type          incorrect  incorrect  partial    correct
//   overlapping, other type         incorrect  incorrect  partial    incorrect
//   only in A (missed)              missed     missed     missed     missed
//   only in B (spurious)            spurious   spurious   spurious   spurious
//
// possible POS = COR + INC + PAR + MIS (entities in A), actual ACT = COR + INC
// + PAR + SPU (entities in B). strict, exact: P = COR / ACT, R = COR / POS;
// partial, type: P = (COR + 0.5 PAR) / ACT, R = (COR + 0.5 PAR) / POS (PAR
// is 0 in the type scheme); F1 = 2PR / (P + R).
// Where nervaluate answers 0 for 0/0, these scores define it: with nothing
// in A and nothing in B (identical and empty) P = R = F1 = 1; P = 0 when B has
// nothing but A has entities; R = 0 when A has nothing but B has; F1 = 0 when
// P + R = 0.
// Per type (`byType`), a pair and a missed entity count under A's type, a
// spurious one under B's type (SemEval-2013, nervaluate's per-type results),
// so the per-type counts add up to the overall counts.
// Pairs are one to one, as in nervaluate 1.x; unlike its greedy pass in
// list order, the pairing here does not depend on the order of the spans.

import { Pair, TypedSpan } from './match';

export const SCHEMES = ['strict', 'exact', 'partial', 'type'] as const;
export type Scheme = (typeof SCHEMES)[number];

export interface Counts {
  correct: number;
  incorrect: number;
  partial: number;
  missed: number;
  spurious: number;
}

export interface SchemeScore extends Counts {
  possible: number;
  actual: number;
  precision: number;
  recall: number;
  f1: number;
}

export type Scores = Record<Scheme, SchemeScore>;
export type CountsByScheme = Record<Scheme, Counts>;

export interface ScoreTable {
  overall: Scores;
  byType: Record<string, Scores>;
}

/** Counts overall and per type, added up over any number of cables. */
export interface Tally {
  overall: CountsByScheme;
  byType: Map<string, CountsByScheme>;
}

const zero = (): Counts => ({ correct: 0, incorrect: 0, partial: 0, missed: 0, spurious: 0 });
const zeroSchemes = (): CountsByScheme => ({ strict: zero(), exact: zero(), partial: zero(), type: zero() });

export function newTally(): Tally {
  return { overall: zeroSchemes(), byType: new Map() };
}

type Outcome = keyof Counts;

/** What a pair counts as in each scheme (the table above). */
export function outcomes(pair: Pair): Record<Scheme, Outcome> {
  switch (pair.relation) {
    case 'same':
      return { strict: 'correct', exact: 'correct', partial: 'correct', type: 'correct' };
    case 'retyped':
      return { strict: 'incorrect', exact: 'correct', partial: 'correct', type: 'incorrect' };
    case 'rebounded':
      return { strict: 'incorrect', exact: 'incorrect', partial: 'partial', type: 'correct' };
    case 'rebounded-retyped':
      return { strict: 'incorrect', exact: 'incorrect', partial: 'partial', type: 'incorrect' };
    case 'removed':
      return { strict: 'missed', exact: 'missed', partial: 'missed', type: 'missed' };
    case 'added':
      return { strict: 'spurious', exact: 'spurious', partial: 'spurious', type: 'spurious' };
  }
}

/** Adds the pairs of one cable to a tally. */
export function tallyPairs(tally: Tally, pairs: readonly Pair[], a: readonly TypedSpan[], b: readonly TypedSpan[]): void {
  for (const pair of pairs) {
    const type = pair.a !== undefined ? a[pair.a].type : b[pair.b!].type;
    let perType = tally.byType.get(type);
    if (!perType) tally.byType.set(type, (perType = zeroSchemes()));
    const result = outcomes(pair);
    for (const scheme of SCHEMES) {
      tally.overall[scheme][result[scheme]]++;
      perType[scheme][result[scheme]]++;
    }
  }
}

export function addTally(into: Tally, from: Tally): void {
  const add = (x: CountsByScheme, y: CountsByScheme) => {
    for (const scheme of SCHEMES) for (const k of Object.keys(x[scheme]) as Outcome[]) x[scheme][k] += y[scheme][k];
  };
  add(into.overall, from.overall);
  for (const [type, counts] of from.byType) {
    let perType = into.byType.get(type);
    if (!perType) into.byType.set(type, (perType = zeroSchemes()));
    add(perType, counts);
  }
}

export function schemeScore(counts: Counts, scheme: Scheme): SchemeScore {
  const { correct, incorrect, partial, missed, spurious } = counts;
  const possible = correct + incorrect + partial + missed;
  const actual = correct + incorrect + partial + spurious;
  const credit = scheme === 'partial' || scheme === 'type' ? correct + 0.5 * partial : correct;
  const precision = actual === 0 ? (possible === 0 ? 1 : 0) : credit / actual;
  const recall = possible === 0 ? (actual === 0 ? 1 : 0) : credit / possible;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { correct, incorrect, partial, missed, spurious, possible, actual, precision, recall, f1 };
}

export function scoresOf(counts: CountsByScheme): Scores {
  return {
    strict: schemeScore(counts.strict, 'strict'),
    exact: schemeScore(counts.exact, 'exact'),
    partial: schemeScore(counts.partial, 'partial'),
    type: schemeScore(counts.type, 'type'),
  };
}

/** The scores of a tally; `types` are listed first and always (a type absent from both sides scores 1). */
export function scoreTable(tally: Tally, types: readonly string[] = []): ScoreTable {
  const byType: Record<string, Scores> = {};
  const seen = [...tally.byType.keys()].filter((t) => !types.includes(t)).sort();
  for (const type of [...types, ...seen]) byType[type] = scoresOf(tally.byType.get(type) ?? zeroSchemes());
  return { overall: scoresOf(tally.overall), byType };
}
