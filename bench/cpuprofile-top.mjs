#!/usr/bin/env node
// Summarises a V8 .cpuprofile (from `node --cpu-prof`): the top functions by
// self time and by total (inclusive) time.
//
//   node --cpu-prof --cpu-prof-dir=PROFILE_DIR bench/run.mjs --only=core
//   node bench/cpuprofile-top.mjs PROFILE_DIR/CPU.*.cpuprofile [--top=25] [--filter=server/src]

import * as fs from 'node:fs';
import * as path from 'node:path';

const args = process.argv.slice(2);
const files = args.filter((a) => !a.startsWith('--'));
const top = Number(args.find((a) => a.startsWith('--top='))?.slice(6) ?? 25);
const filter = args.find((a) => a.startsWith('--filter='))?.slice(9);

if (files.length === 0) {
  console.error('usage: node bench/cpuprofile-top.mjs FILE.cpuprofile [--top=N] [--filter=SUBSTRING]');
  process.exit(2);
}

for (const file of files) {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const key = (n) => {
    const f = n.callFrame;
    const where = f.url ? `${path.basename(f.url.replace(/^file:\/\//, ''))}:${f.lineNumber + 1}` : '';
    return `${f.functionName || '(anonymous)'} ${where}`.trim();
  };
  const self = new Map();
  const total = new Map();
  let all = 0;
  const deltas = profile.timeDeltas ?? [];
  profile.samples.forEach((id, i) => {
    const dt = (deltas[i + 1] ?? deltas[i] ?? 0) / 1000; // ms (a sample's time is the gap to the next one)
    all += dt;
    const leaf = nodes.get(id);
    self.set(key(leaf), (self.get(key(leaf)) ?? 0) + dt);
    const seen = new Set();
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
      const k = key(nodes.get(cur));
      if (seen.has(k)) continue;
      seen.add(k);
      total.set(k, (total.get(k) ?? 0) + dt);
    }
  });
  const show = (title, map) => {
    console.log(`\n${title}`);
    const rows = [...map].filter(([k]) => !filter || k.includes(filter) || /^\((garbage collector|program|idle)\)/.test(k)).sort((a, b) => b[1] - a[1]).slice(0, top);
    for (const [k, v] of rows) console.log(`  ${v.toFixed(1).padStart(9)} ms  ${((100 * v) / all).toFixed(1).padStart(5)} %  ${k}`);
  };
  console.log(`${file}: ${all.toFixed(0)} ms sampled`);
  show('self time', self);
  show('total time (inclusive)', total);
}
