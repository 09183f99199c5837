// Statistics over samples of times (ms): nearest-rank quantiles and a summary.

/** Nearest-rank quantile (q in 0..1); NaN for no samples. */
export function quantile(xs, q) {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
}

export const median = (xs) => quantile(xs, 0.5);
export const p95 = (xs) => quantile(xs, 0.95);

/** Rounds to `d` decimals, leaving non-finite values as they are. */
export const round = (x, d = 3) => (Number.isFinite(x) ? Number(x.toFixed(d)) : x);

/** `{ n, median, p95, min, max }` of samples, rounded (the shape bench/results.json uses). */
export const stats = (xs) => ({ n: xs.length, median: round(median(xs)), p95: round(p95(xs)), min: round(Math.min(...xs)), max: round(Math.max(...xs)) });

/** MB/s for `mb` megabytes done in `msec` milliseconds. */
export const mbPerSecond = (mb, msec) => mb / (msec / 1000);
