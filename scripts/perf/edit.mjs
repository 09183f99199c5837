#!/usr/bin/env node
// One-character edits in a 1 MB cable of distinct corpus cables, through the
// built server over stdio (as test/protocol/lspClient.ts does): time from
// didChange to the first and to the last publishDiagnostics of that version
// (the server may publish the tag checks first and the entity checks right
// after). The debounce is included. Needs `npm run build`.
//   node scripts/perf/edit.mjs [--input=1mb] [--edits=60] [--gap=0]

import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { ROOT, loadInputs, median, quantile } from './inputs.mjs';

const require = createRequire(path.join(ROOT, 'package.json'));
const proto = require('vscode-languageserver-protocol/node');
const arg = (name, dflt) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? dflt;
const [input] = loadInputs([arg('input', '1mb')]);
const EDITS = Number(arg('edits', 60));
const SETTLE = Number(arg('settle', 400));

const NODE_ARGS = (process.env.PERF_SERVER_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
const child = spawn(process.execPath, [...NODE_ARGS, path.join(ROOT, 'bin', 'cable-language-server.js'), '--stdio'], { cwd: ROOT });
if (process.env.PERF_SERVER_STDERR) child.stderr.pipe(fs.createWriteStream(process.env.PERF_SERVER_STDERR));
const conn = proto.createProtocolConnection(new proto.StreamMessageReader(child.stdout), new proto.StreamMessageWriter(child.stdin));
const publishes = []; // { t, version, count }
let wake = () => {};
conn.onNotification(proto.PublishDiagnosticsNotification.type, (p) => {
  publishes.push({ t: performance.now(), version: p.version, count: p.diagnostics.length });
  wake();
});
conn.onNotification('window/logMessage', () => undefined);
conn.onNotification('window/showMessage', () => undefined);
conn.onRequest(proto.ConfigurationRequest.type, (params) => params.items.map(() => ({})));
conn.onRequest(proto.RegistrationRequest.type, () => undefined);
conn.listen();

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function until(probe, timeout = 60000) {
  const end = performance.now() + timeout;
  for (;;) {
    const v = probe();
    if (v) return v;
    if (performance.now() > end) throw new Error('timeout');
    await new Promise((r) => {
      wake = r;
      setTimeout(r, 50);
    });
  }
}

const uri = 'file:///perf/edit.cable';
await conn.sendRequest(proto.InitializeRequest.type, { processId: process.pid, rootUri: null, capabilities: { workspace: { configuration: true } }, workspaceFolders: null });
await conn.sendNotification(proto.InitializedNotification.type, {});
const t0 = performance.now();
await conn.sendNotification(proto.DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'cable', version: 1, text: input.text } });
await until(() => publishes.find((p) => p.version === 1));
const openMs = performance.now() - t0;
await sleep(SETTLE);

// Positions: spread over the text, each inside a line, alternating insert and delete.
const starts = [0];
for (let i = 0; i < input.text.length; i++) if (input.text.charCodeAt(i) === 10) starts.push(i + 1);
let version = 1;
const first = [];
const last = [];
for (let k = 0; k < EDITS; k++) {
  const line = starts.length > 3 ? 1 + Math.floor(((k * 7919) % (starts.length - 2))) : 0;
  const pos = { line, character: 2 };
  for (const change of [{ range: { start: pos, end: pos }, text: 'x' }, { range: { start: pos, end: { line, character: 3 } }, text: '' }]) {
    version++;
    const v = version;
    const before = publishes.length;
    const ts = performance.now();
    await conn.sendNotification(proto.DidChangeTextDocumentNotification.type, { textDocument: { uri, version: v }, contentChanges: [change] });
    await until(() => publishes.slice(before).find((p) => p.version === v));
    const t1 = publishes.slice(before).find((p) => p.version === v).t;
    await sleep(SETTLE); // any later publish of the same version arrives meanwhile
    const mine = publishes.slice(before).filter((p) => p.version === v);
    first.push(t1 - ts);
    last.push(mine[mine.length - 1].t - ts);
  }
}
const fmt = (xs) => `median ${median(xs).toFixed(1)} ms, p95 ${quantile(xs, 0.95).toFixed(1)} ms, max ${Math.max(...xs).toFixed(1)} ms`;
console.log(`${input.id} (${(input.bytes / 1024).toFixed(0)} KB): open → diagnostics ${openMs.toFixed(0)} ms`);
console.log(`  didChange → first publish of the version: ${fmt(first)}`);
console.log(`  didChange → last publish of the version:  ${fmt(last)}  (${first.length} edits)`);
await conn.sendRequest(proto.ShutdownRequest.type).catch(() => undefined);
await conn.sendNotification(proto.ExitNotification.type).catch(() => undefined);
setTimeout(() => child.kill(), 200).unref();
conn.dispose();
