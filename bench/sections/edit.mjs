// A one-character edit in the middle of a cable, through the real server over
// stdio (incremental didChange): until fresh diagnostics arrive, and until a
// request that needs the new analysis is answered.

import { performance } from 'node:perf_hooks';
import { Client, positionMapper, proto, tagPositions } from '../lib/lsp.mjs';
import { fmt, ms, progress, table, yes } from '../lib/print.mjs';
import { stats } from '../lib/stats.mjs';
import { target, TARGETS } from '../lib/targets.mjs';

export const title = 'one-character edit → fresh diagnostics, through the real server (largest cable, 1 MB)';

/**
 * One server with the largest cable and the 1 MB cable open (shared with the lsp section).
 * Each document: { uri, input, version }.
 */
export function editServer(ctx) {
  return ctx.share(
    'editServer',
    async () => {
      const client = new Client();
      await client.initialize();
      const docs = {};
      for (const id of ['largest', '1mb']) {
        const input = ctx.input(id);
        const uri = `file:///bench/${id}.cable`;
        docs[id] = { uri, input, version: 1 };
        await client.open(uri, input.text);
        await client.firstDiagnostics(uri);
      }
      return { client, docs };
    },
    ({ client }) => client.stop(),
  );
}

/** Inserts "x" at the first space after the middle, or deletes it again; returns the time it was sent. */
function editor(client, doc) {
  let mid = doc.input.text.indexOf(' ', doc.input.text.length >> 1);
  if (mid < 0) mid = doc.input.text.length >> 1;
  const pos = positionMapper(doc.input.text)(mid);
  let inserted = false;
  const edit = () => {
    doc.version++;
    const change = inserted ? { range: { start: pos, end: { line: pos.line, character: pos.character + 1 } }, text: '' } : { range: { start: pos, end: pos }, text: 'x' };
    inserted = !inserted;
    const t0 = performance.now();
    void client.change(doc.uri, doc.version, [change]);
    return t0;
  };
  /** Deletes the "x" if it is in, so the document is its input again. */
  const restore = async () => {
    if (!inserted) return;
    edit();
    await client.diagnosticsFor(doc.uri, doc.version);
  };
  return { edit, restore };
}

/** didChange → the first publishDiagnostics of that version, `count` times after 2 warm-ups (debounce included). */
export async function timePushes(client, doc, count) {
  const { edit, restore } = editor(client, doc);
  const pushed = [];
  for (let i = 0; i < count + 2; i++) {
    const t0 = edit();
    const { t } = await client.diagnosticsFor(doc.uri, doc.version);
    if (i >= 2) pushed.push(t - t0);
  }
  await restore();
  return pushed;
}

/** didChange, then at once a request that needs the new analysis. */
async function timeForced(client, doc, count, method, params) {
  const { edit, restore } = editor(client, doc);
  const times = [];
  for (let i = 0; i < count + 2; i++) {
    const t0 = edit();
    await client.request(method, params);
    const t1 = performance.now();
    if (i >= 2) times.push(t1 - t0);
    await client.diagnosticsFor(doc.uri, doc.version); // let the debounced publish pass before the next edit
  }
  await restore();
  return times;
}

export async function run(ctx) {
  const { client, docs } = await editServer(ctx);
  const debounce = ctx.timing.diagnosticsDebounceMs;
  const out = {};
  for (const id of ['largest', '1mb']) {
    const doc = docs[id];
    const count = id === '1mb' ? ctx.n(50, 10) : ctx.n(30, 6);
    progress(`edit: ${id} ×${count} didChange → publishDiagnostics`);
    const pushed = await timePushes(client, doc, count);
    const result = { push: stats(pushed), pushMinusDebounce: stats(pushed.map((t) => t - debounce)) };
    const hoverPos = tagPositions(doc.input.text, 1)[0];
    for (const [kind, method, params] of [
      ['hover', proto.HoverRequest.method, { textDocument: { uri: doc.uri }, position: hoverPos }],
      ['documentSymbol', proto.DocumentSymbolRequest.method, { textDocument: { uri: doc.uri } }],
    ]) {
      progress(`edit: ${id} ×${count} didChange → ${kind}`);
      result[`forcedBy_${kind}`] = stats(await timeForced(client, doc, count, method, params));
    }
    out[id] = result;
  }
  return out;
}

export function print(edit, ctx) {
  const debounce = ctx.timing.diagnosticsDebounceMs;
  const rows = [];
  for (const [id, r] of Object.entries(edit)) {
    const on1mb = id === '1mb';
    const row = (measure, s, limit, source) => [id, measure, fmt(s.median), fmt(s.p95), on1mb && limit ? `p95 < ${limit} ms${source}` : '–', on1mb && limit ? yes(s.p95 < limit) : '–'];
    rows.push(row('didChange → publishDiagnostics (debounce included)', r.push, TARGETS.editP95Ms, ''));
    rows.push(row(`  the same less the ${debounce} ms debounce`, r.pushMinusDebounce, TARGETS.editMinusDebounceP95Ms, ' (#4)'));
    rows.push(row('didChange → hover response (forces re-analysis)', r.forcedBy_hover, TARGETS.editForcedHoverP95Ms, ' (#4)'));
    rows.push(row('didChange → documentSymbol response (forces re-analysis)', r.forcedBy_documentSymbol));
  }
  table(
    `One-character edit in the middle (real server over stdio, incremental didChange, plain client with push diagnostics; ms)`,
    ['input', 'measure', 'median', 'p95', 'target', 'met'],
    rows,
    [
      `publishDiagnostics: the first one carrying the edit's version; debounce ${debounce} ms (TIMING.diagnosticsDebounceMs from dist/server.js).`,
      'hover: the analysis forced synchronously by a cheap request (+ one round trip); documentSymbol adds the outline.',
    ],
  );
}

export function targets(edit) {
  const r = edit['1mb'];
  if (!r) return [];
  return [
    target('edit', `edit 1 MB → fresh diagnostics, p95 < ${TARGETS.editP95Ms} ms (debounce included)`, ms(r.push.p95), r.push.p95 < TARGETS.editP95Ms),
    target('editMinusDebounce', `edit 1 MB: p95 < ${TARGETS.editMinusDebounceP95Ms} ms (publishDiagnostics − debounce)`, ms(r.pushMinusDebounce.p95), r.pushMinusDebounce.p95 < TARGETS.editMinusDebounceP95Ms),
    target('editForcedHover', `edit 1 MB: p95 < ${TARGETS.editForcedHoverP95Ms} ms (forced by hover)`, ms(r.forcedBy_hover.p95), r.forcedBy_hover.p95 < TARGETS.editForcedHoverP95Ms),
  ];
}
