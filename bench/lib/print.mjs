// Printing: number formats, aligned tables, progress lines (progress goes to stderr).

export const MB = 1024 * 1024;

/** A number with a precision that suits its size; '–' for none. */
export function fmt(x, digits = 1) {
  if (typeof x === 'string') return x;
  if (x === undefined || x === null || Number.isNaN(x)) return '–';
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '−∞';
  if (Math.abs(x) >= 1000) return x.toFixed(0);
  if (Math.abs(x) >= 100) return x.toFixed(Math.min(digits, 1));
  if (Math.abs(x) >= 10) return x.toFixed(Math.max(digits, 1));
  return x.toFixed(Math.max(digits, 2));
}
export const ms = (x) => `${fmt(x)} ms`;
export const mbs = (x) => `${fmt(x)} MB/s`;
export const size = (bytes) => (bytes >= MB ? `${(bytes / MB).toFixed(2)} MB` : `${(bytes / 1024).toFixed(1)} KB`);
export const count = (x) => Number(x).toLocaleString('en-US');
/** A ratio below 1 as `1/N`. */
export const share = (ratio) => (ratio > 0 && ratio < 1 ? `1/${fmt(1 / ratio)}` : `×${fmt(ratio, 2)}`);
/** 'yes' / 'NO' for a boolean, '–' for no verdict. */
export const yes = (ok) => (ok === undefined || ok === null ? '–' : ok ? 'yes' : 'NO');

/** Prints a titled table: first column left-aligned, the others right-aligned, then notes. */
export function table(title, header, rows, notes = []) {
  const cells = [header, ...rows].map((r) => r.map((c) => String(c ?? '–')));
  const widths = header.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const line = (r) => '  ' + r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(`\n${title}`);
  console.log(line(cells[0]));
  console.log('  ' + widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of cells.slice(1)) console.log(line(r));
  for (const note of notes) console.log(`  ${note}`);
}

export const progress = (msg) => process.stderr.write(`[bench] ${msg}\n`);
