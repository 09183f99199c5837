// Fuzzy matching for workspace symbols and the Entities view filter: the
// query's characters in order, case-insensitive; whole and early matches first.

/** A score above 0 when `query` matches `target`, else 0. Both lower-cased. */
export function fuzzyScore(query: string, target: string): number {
  if (query.length === 0) return 1;
  if (query.length > target.length) return 0;
  if (target === query) return 10_000;
  if (target.startsWith(query)) return 8_000 - Math.min(target.length, 1000);
  const at = target.indexOf(query);
  if (at > 0) return (isWordStart(target, at) ? 6_000 : 4_000) - Math.min(at, 1000);
  // A subsequence: fewer and shorter gaps, and word starts, score higher.
  let score = 2_000;
  let t = 0;
  let previous = -1;
  for (let q = 0; q < query.length; q++) {
    const c = query.charCodeAt(q);
    while (t < target.length && target.charCodeAt(t) !== c) t++;
    if (t === target.length) return 0;
    if (previous >= 0 && t > previous + 1) score -= 10 + Math.min(t - previous, 50);
    if (isWordStart(target, t)) score += 5;
    previous = t++;
  }
  return Math.max(1, score);
}

function isWordStart(text: string, i: number): boolean {
  if (i === 0) return true;
  const c = text.charCodeAt(i - 1);
  return !((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c > 127);
}
