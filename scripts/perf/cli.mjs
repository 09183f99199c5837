#!/usr/bin/env node
// cable-lint over a folder of distinct cables (corpus cables, then renamed
// variants; see inputs.mjs), against a node process that reads the same files
// and counts tags with one regex. Peak RSS from the child's resource usage
// (process-wide: worker threads included). Needs `npm run build`.
//   node scripts/perf/cli.mjs [--files=1000] [--jobs=1,2,default] [--format=json] [--runs=3] [--keep]
// (`default`: no --jobs, as the bench's figure against the floor)

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { ROOT, distinctBodies, median } from './inputs.mjs';

const arg = (name, dflt) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? dflt;
const FILES = Number(arg('files', 1000));
const JOBS = arg('jobs', '1,2,default').split(',');
const FORMAT = arg('format', 'json');
const RUNS = Number(arg('runs', 3));

const dir = path.join(os.tmpdir(), `cable-perf-speed-${FILES}`);
if (!fs.existsSync(path.join(dir, '.complete'))) {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  let i = 0;
  for (const { name, text } of distinctBodies()) {
    if (i >= FILES) break;
    const sub = path.join(dir, String(Math.floor(i / 1000)).padStart(3, '0'));
    if (i % 1000 === 0) fs.mkdirSync(sub, { recursive: true });
    fs.writeFileSync(path.join(sub, `${String(i).padStart(5, '0')}-${name}.cable`), text);
    i++;
  }
  fs.writeFileSync(path.join(dir, '.complete'), '');
}
let bytes = 0;
for (const sub of fs.readdirSync(dir)) if (!sub.startsWith('.')) for (const f of fs.readdirSync(path.join(dir, sub))) bytes += fs.statSync(path.join(dir, sub, f)).size;

const PEAK = path.join(os.tmpdir(), 'cable-perf-speed-peak.cjs');
fs.writeFileSync(PEAK, "process.on('exit', () => { require('fs').writeSync(2, `\\nPEAK_RSS_KB=${process.resourceUsage().maxRSS}\\n`); });\n");

const FLOOR = `const fs=require('fs'),path=require('path');let n=0;const RE=/\\[(PER|ORG|LOC|MISC) [^\\]\\n]*\\]/g;
for (const sub of fs.readdirSync(process.argv[1])) { if (sub.startsWith('.')) continue; const d=path.join(process.argv[1],sub); for (const f of fs.readdirSync(d)) { const t=fs.readFileSync(path.join(d,f),'utf8'); RE.lastIndex=0; while(RE.exec(t)) n++; } } console.log(n);`;

function run(args) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['-r', PEAK, ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 30, env: { ...process.env, CI: 'true' } });
  const ms = performance.now() - t0;
  const peak = Number(/PEAK_RSS_KB=(\d+)/.exec(r.stderr)?.[1] ?? NaN) / 1024;
  return { ms, peak, status: r.status, out: r.stdout.length };
}

console.log(`${FILES} cables, ${(bytes / 1048576).toFixed(1)} MB, in ${dir}`);
const floor = [];
const lint = Object.fromEntries(JOBS.map((j) => [j, []]));
const peaks = Object.fromEntries(JOBS.map((j) => [j, 0]));
for (let r = 0; r < RUNS; r++) {
  floor.push(run(['-e', FLOOR, dir]).ms);
  for (const j of JOBS) {
    const res = run([path.join(ROOT, 'bin', 'cable-lint.js'), '--format', FORMAT, ...(j === 'default' ? [] : ['--jobs', j]), dir]);
    if (res.status === 2) console.log(`  exit 2 with --jobs ${j}`);
    lint[j].push(res.ms);
    peaks[j] = Math.max(peaks[j], res.peak);
  }
}
console.log(`floor (read + regex count): ${median(floor).toFixed(0)} ms`);
for (const j of JOBS) console.log(`cable-lint --format ${FORMAT} ${j === 'default' ? '(default jobs)' : `--jobs ${j}`}: ${median(lint[j]).toFixed(0)} ms = ${(median(lint[j]) / median(floor)).toFixed(1)}× floor, peak RSS ${peaks[j].toFixed(0)} MB`);
if (!process.argv.includes('--keep') && FILES > 5000) fs.rmSync(dir, { recursive: true, force: true });
