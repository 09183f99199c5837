// Server memory while it opens and analyses the 10 MB cable.

import { performance } from 'node:perf_hooks';
import { Client } from '../lib/lsp.mjs';
import { fmt, progress, table } from '../lib/print.mjs';
import { round } from '../lib/stats.mjs';
import { procStatus, sleep } from '../lib/system.mjs';

export const title = 'server memory with the 10 MB cable open';

export async function run(ctx) {
  const input = ctx.input('10mb');
  progress('memory: opening the 10 MB cable');
  const client = new Client();
  try {
    await client.initialize();
    await client.request('taggedCables/entityAt', { textDocument: { uri: 'file:///none' }, position: { line: 0, character: 0 } }); // a round trip: initialized handled
    await sleep(300);
    const baseline = procStatus(client.pid);
    const uri = 'file:///bench/10mb.cable';
    let polledMax = 0;
    const timer = setInterval(() => (polledMax = Math.max(polledMax, procStatus(client.pid).rssMB || 0)), 5);
    const t0 = performance.now();
    await client.open(uri, input.text);
    const sentAt = performance.now();
    const afterOpenWrite = procStatus(client.pid);
    const first = await client.firstDiagnostics(uri, 120_000);
    const afterDiagnostics = procStatus(client.pid);
    clearInterval(timer);
    await sleep(1000);
    const settled = procStatus(client.pid);
    return {
      bytes: input.bytes,
      baselineRssMB: round(baseline.rssMB, 1),
      rssWhenDidOpenWrittenMB: round(afterOpenWrite.rssMB, 1),
      peakRssPolledMB: round(polledMax, 1),
      rssAfterFirstDiagnosticsMB: round(afterDiagnostics.rssMB, 1),
      hwmAfterFirstDiagnosticsMB: round(afterDiagnostics.hwmMB, 1),
      rssSettled1sMB: round(settled.rssMB, 1),
      openWriteMs: round(sentAt - t0),
      didOpenToFirstDiagnosticsMs: round(first.t - t0),
      diagnostics: first.count,
    };
  } finally {
    await client.stop();
  }
}

export function print(m) {
  table('Server memory, 10 MB cable (VmRSS of the server child from /proc/<pid>/status)', ['moment', 'RSS'], [
    ['after initialize, no document', `${fmt(m.baselineRssMB)} MB`],
    ['peak while opening + first analysis (polled every 5 ms)', `${fmt(m.peakRssPolledMB)} MB`],
    ['after its first publishDiagnostics', `${fmt(m.rssAfterFirstDiagnosticsMB)} MB`],
    ['high-water mark (VmHWM) at that point', `${fmt(m.hwmAfterFirstDiagnosticsMB)} MB`],
    ['1 s later', `${fmt(m.rssSettled1sMB)} MB`],
  ], [
    `didOpen → first diagnostics: ${fmt(m.didOpenToFirstDiagnosticsMs)} ms (${m.diagnostics} diagnostics). The server analyses on open with no debounce, so "opened" and "analysing" overlap.`,
    'no target set for one open cable (issue 11 sets the server\'s RSS for the whole release).',
  ]);
}

export const targets = () => [];
