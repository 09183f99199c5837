// Did-you-mean for near-miss entity types (`[PRE`, `[Org`, `[PERSON`).

/** Optimal string alignment distance (Damerau–Levenshtein with adjacent swaps). */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => {
    const row = new Array<number>(cols).fill(0);
    row[0] = i;
    return row;
  });
  for (let j = 0; j < cols; j++) d[0][j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.length][b.length];
}

/** The configured type a near-miss most likely meant, or undefined. */
export function suggestType(type: string, entityTypes: readonly string[]): string | undefined {
  if (type.length > 32) return undefined;
  const upper = type.toUpperCase();
  const exact = entityTypes.find((t) => t.toUpperCase() === upper);
  if (exact !== undefined) return exact === type ? undefined : exact;
  // Beyond a case slip, only upper-case words are taken for mistyped types:
  // `[Pet food ]` in prose is not a tag.
  if (type !== upper) return undefined;
  // Spelled-out or shortened forms: PERSON for PER, PER for PERSON.
  const prefix = entityTypes.filter((t) => {
    const known = t.toUpperCase();
    return Math.min(known.length, upper.length) >= 3 && (upper.startsWith(known) || known.startsWith(upper));
  });
  if (prefix.length === 1) return prefix[0];
  if (type.length < 3) return undefined;
  const near = entityTypes
    .map((t) => ({ t, dist: editDistance(upper, t.toUpperCase()) }))
    .filter((c) => c.dist <= 1);
  if (near.length === 0) return undefined;
  const min = Math.min(...near.map((c) => c.dist));
  const best = near.filter((c) => c.dist === min);
  return best.length === 1 ? best[0].t : undefined;
}
