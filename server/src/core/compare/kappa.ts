// Token-level Cohen's kappa: the whitespace-separated tokens of A's untagged
// text, each labelled `O` or with the type of the entity that covers it (the
// one covering most of its characters), once by A's entities and once by B's
// (mapped into A's text). kappa = (po - pe) / (1 - pe), with po the share of
// tokens labelled alike and pe the agreement expected by chance from each
// side's label frequencies. With no tokens, or when both sides give every
// token one and the same label (pe = 1, po = 1), kappa is 1.

import { TypedSpan } from './match';

export const OUTSIDE = 'O';

/** Counts of label pairs, added up over cables. */
export interface KappaTally {
  tokens: number;
  agree: number;
  a: Map<string, number>;
  b: Map<string, number>;
}

export interface Kappa {
  kappa: number;
  tokens: number;
  /** Observed agreement po. */
  observed: number;
  /** Agreement expected by chance pe. */
  expected: number;
}

export function newKappaTally(): KappaTally {
  return { tokens: 0, agree: 0, a: new Map(), b: new Map() };
}

/** The whitespace-separated tokens of a text. */
export function tokenSpans(text: string): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  const re = /\S+/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) out.push({ start: m.index, end: m.index + m[0].length });
  return out;
}

/** Each token's label under a set of spans. */
export function tokenLabels(tokens: ReadonlyArray<{ start: number; end: number }>, spans: readonly TypedSpan[]): string[] {
  const sorted = [...spans].filter((s) => s.end > s.start).sort((x, y) => x.start - y.start || x.end - y.end);
  const labels: string[] = new Array(tokens.length).fill(OUTSIDE);
  let first = 0;
  for (let t = 0; t < tokens.length; t++) {
    const token = tokens[t];
    while (first < sorted.length && sorted[first].end <= token.start) first++;
    let best = 0;
    for (let k = first; k < sorted.length && sorted[k].start < token.end; k++) {
      const covered = Math.min(token.end, sorted[k].end) - Math.max(token.start, sorted[k].start);
      if (covered > best) {
        best = covered;
        labels[t] = sorted[k].type;
      }
    }
  }
  return labels;
}

export function tallyKappa(tally: KappaTally, a: readonly string[], b: readonly string[]): void {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    tally.tokens++;
    if (a[i] === b[i]) tally.agree++;
    tally.a.set(a[i], (tally.a.get(a[i]) ?? 0) + 1);
    tally.b.set(b[i], (tally.b.get(b[i]) ?? 0) + 1);
  }
}

export function addKappaTally(into: KappaTally, from: KappaTally): void {
  into.tokens += from.tokens;
  into.agree += from.agree;
  for (const [k, v] of from.a) into.a.set(k, (into.a.get(k) ?? 0) + v);
  for (const [k, v] of from.b) into.b.set(k, (into.b.get(k) ?? 0) + v);
}

export function kappaOf(tally: KappaTally): Kappa {
  const n = tally.tokens;
  if (n === 0) return { kappa: 1, tokens: 0, observed: 1, expected: 1 };
  const observed = tally.agree / n;
  let expected = 0;
  for (const [label, count] of tally.a) expected += (count / n) * ((tally.b.get(label) ?? 0) / n);
  const kappa = expected >= 1 ? 1 : (observed - expected) / (1 - expected);
  return { kappa, tokens: n, observed, expected };
}
