// LSP round trips on the 1 MB cable through a real client: hover, references,
// documentSymbol on an unchanged document, and diagnostics after an edit.

import { performance } from 'node:perf_hooks';
import { proto, tagPositions } from '../lib/lsp.mjs';
import { fmt, ms, progress, table, yes } from '../lib/print.mjs';
import { median, stats } from '../lib/stats.mjs';
import { target, TARGETS } from '../lib/targets.mjs';
import { editServer, timePushes } from './edit.mjs';

export const title = 'LSP round trips on the 1 MB cable (hover, references, documentSymbol, diagnostics)';

export async function run(ctx) {
  const { client, docs } = await editServer(ctx);
  const { uri, input } = docs['1mb'];
  const count = ctx.n(50, 10);
  const positions = tagPositions(input.text, count);
  const kinds = {
    hover: (pos) => client.request(proto.HoverRequest.method, { textDocument: { uri }, position: pos }),
    references: (pos) => client.request(proto.ReferencesRequest.method, { textDocument: { uri }, position: pos, context: { includeDeclaration: true } }),
    documentSymbol: () => client.request(proto.DocumentSymbolRequest.method, { textDocument: { uri } }),
  };
  const out = {};
  for (const [kind, send] of Object.entries(kinds)) {
    progress(`lsp: ${kind} ×${count} on 1 MB`);
    for (let i = 0; i < 3; i++) await send(positions[i]); // warm-up
    const times = [];
    const sizes = [];
    for (const pos of positions) {
      const t0 = performance.now();
      const result = await send(pos);
      times.push(performance.now() - t0);
      sizes.push(Array.isArray(result) ? result.length : result ? 1 : 0);
    }
    out[kind] = { ...stats(times), resultItems: { median: median(sizes), max: Math.max(...sizes) } };
  }
  // Diagnostics: the edit section's samples when it ran, else the same measure here.
  const debounce = ctx.timing.diagnosticsDebounceMs;
  let minusDebounce = ctx.results.edit?.['1mb']?.pushMinusDebounce;
  if (!minusDebounce) {
    progress(`lsp: ${count} edits → publishDiagnostics on 1 MB`);
    minusDebounce = stats((await timePushes(client, docs['1mb'], count)).map((t) => t - debounce));
  }
  out.diagnostics = minusDebounce;
  return out;
}

const LIMITS = { hover: TARGETS.hoverP95Ms, references: TARGETS.referencesP95Ms, diagnostics: TARGETS.diagnosticsMinusDebounceP95Ms };

export function print(lsp, ctx) {
  const debounce = ctx.timing.diagnosticsDebounceMs;
  table(
    'LSP round trips on the 1 MB cable through a real client (ms; positions on entity tags spread over the file)',
    ['request', 'n', 'median', 'p95', 'max', 'result items (median/max)', 'target p95 (#4)', 'met'],
    Object.entries(lsp).map(([kind, r]) => [
      kind === 'diagnostics' ? `diagnostics (didChange → push − ${debounce} ms)` : kind,
      String(r.n),
      fmt(r.median),
      fmt(r.p95),
      fmt(r.max),
      r.resultItems ? `${r.resultItems.median}/${r.resultItems.max}` : '–',
      LIMITS[kind] ? `< ${LIMITS[kind]} ms` : '–',
      LIMITS[kind] ? yes(r.p95 < LIMITS[kind]) : '–',
    ]),
    ['hover/references/documentSymbol: the document is unchanged, so the analysis is cached; this is the feature + transfer.', 'diagnostics: the server pushes (the client offers no pull); the edit section\'s 1 MB samples when it ran.'],
  );
}

export function targets(lsp) {
  return Object.entries(LIMITS)
    .filter(([kind]) => lsp[kind])
    .map(([kind, limit]) => target(`lsp-${kind}`, `LSP 1 MB ${kind}: p95 < ${limit} ms${kind === 'diagnostics' ? ' (less the debounce)' : ''}`, ms(lsp[kind].p95), lsp[kind].p95 < limit));
}
