// cable-lint --format json over the workspaces (1 and 2 workers, and the default on
// the smallest), beside the floor process: node reading the same files and counting
// tags with one regex, in the same run.

import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { CLI_BIN } from '../lib/code.mjs';
import { floorProcess } from '../lib/floor.mjs';
import { count, fmt, MB, progress, table, yes } from '../lib/print.mjs';
import { median, round, stats } from '../lib/stats.mjs';
import { procStatus } from '../lib/system.mjs';
import { target, TARGETS, WS_TARGETS } from '../lib/targets.mjs';
import { sharedWorkspaces } from '../lib/workspaces.mjs';

export const title = 'cable-lint throughput and peak RSS on the workspaces, beside the floor process';

/** cable-lint --format json over a folder (`jobs` undefined: its default); stdout drained and counted. */
function runLint(dir, jobs) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const args = [CLI_BIN, ...(jobs ? ['--jobs', String(jobs)] : []), '--format', 'json', dir];
    const child = spawn(process.execPath, args, { cwd: path.dirname(dir), env: { ...process.env, CI: 'true', NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let outBytes = 0;
    let records = 0;
    let tail = '';
    child.stdout.on('data', (d) => {
      outBytes += d.length;
      const s = tail + d.toString('latin1');
      records += (s.match(/"severity":/g) ?? []).length - (tail.match(/"severity":/g) ?? []).length;
      tail = s.slice(-16);
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += String(d)));
    let hwm = 0;
    const poll = setInterval(() => {
      const s = procStatus(child.pid);
      if (Number.isFinite(s.hwmMB)) hwm = Math.max(hwm, s.hwmMB);
    }, 50);
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(poll);
      const wall = performance.now() - t0;
      if (code !== 0 && code !== 1) reject(new Error(`cable-lint exited with ${code}: ${stderr.slice(0, 2000)}`));
      else resolve({ wallMs: wall, exitCode: code, outputBytes: outBytes, records, peakRssMB: hwm });
    });
  });
}

export async function run(ctx) {
  const built = await sharedWorkspaces(ctx);
  const out = { cores: ctx.machine.cores, availableParallelism: ctx.machine.availableParallelism, sizes: {} };
  const workspaces = built.workspaces;
  for (const ws of workspaces) {
    if (ctx.quick && ws !== workspaces[0]) continue;
    const runs = ws.size <= 2000 ? ctx.n(3, 1) : 1;
    const entry = { cables: ws.size, bytes: ws.bytes, runs };
    const floorWalls = [];
    let floor;
    for (let r = 0; r < runs; r++) {
      progress(`cli: floor process on ${count(ws.size)} cables (run ${r + 1}/${runs})`);
      floor = await floorProcess(ws.dir);
      floorWalls.push(floor.wallMs);
    }
    const floorWall = median(floorWalls);
    entry.floor = { wallMs: stats(floorWalls), MBs: round(ws.bytes / MB / (floorWall / 1000), 2), files: floor.files, tags: floor.tags };
    const variants = ws === workspaces[0] ? [1, 2, undefined] : [1, 2];
    for (const jobs of variants) {
      const walls = [];
      let last;
      for (let r = 0; r < runs; r++) {
        progress(`cli: cable-lint ${jobs ? `--jobs ${jobs}` : '(default jobs)'} --format json on ${count(ws.size)} cables (run ${r + 1}/${runs})`);
        last = await runLint(ws.dir, jobs);
        walls.push(last.wallMs);
      }
      const wall = median(walls);
      entry[jobs ? `jobs${jobs}` : 'jobsDefault'] = {
        wallMs: stats(walls),
        MBs: round(ws.bytes / MB / (wall / 1000), 2),
        cablesPerSecond: round(ws.size / (wall / 1000), 1),
        records: last.records,
        outputMB: round(last.outputBytes / MB, 1),
        peakRssMB: round(last.peakRssMB, 1),
        exitCode: last.exitCode,
        timesFloor: round(wall / floorWall, 2),
      };
    }
    entry.speedup2 = round(entry.jobs1.wallMs.median / entry.jobs2.wallMs.median, 2);
    out.sizes[ws.size] = entry;
  }
  return out;
}

const nearCliFloorSize = (n) => n >= TARGETS.cliFloorCables / 2 && n <= TARGETS.cliFloorCables * 2;

export function print(c) {
  const rows = [];
  for (const [n, r] of Object.entries(c.sizes)) {
    rows.push([count(n), fmt(r.bytes / MB), 'floor', `${fmt(r.floor.wallMs.median / 1000, 2)} s`, fmt(r.floor.MBs), '×1', '–', '–', '–', '–', '–', '–', '–']);
    for (const key of ['jobs1', 'jobs2', 'jobsDefault']) {
      const j = r[key];
      if (!j) continue;
      const floorTarget = nearCliFloorSize(Number(n));
      const rssTarget = Number(n) >= TARGETS.cliRssCables && key !== 'jobsDefault';
      rows.push([
        count(n),
        fmt(r.bytes / MB),
        key === 'jobsDefault' ? 'default' : key.slice(4),
        `${fmt(j.wallMs.median / 1000, 2)} s`,
        fmt(j.MBs),
        `×${fmt(j.timesFloor, 2)}`,
        floorTarget ? `≤ ×${TARGETS.cliFloorRatio}` : '–',
        floorTarget ? yes(j.timesFloor <= TARGETS.cliFloorRatio) : '–',
        j.records.toLocaleString('en-US'),
        `${fmt(j.peakRssMB)} MB`,
        rssTarget ? `< ${TARGETS.cliRssMB} MB` : '–',
        rssTarget ? yes(j.peakRssMB < TARGETS.cliRssMB) : '–',
        key === 'jobs2' ? `×${fmt(r.speedup2, 2)}${c.availableParallelism >= 2 ? ` (≥ ×${WS_TARGETS.cliSpeedup2}: ${yes(r.speedup2 >= WS_TARGETS.cliSpeedup2)})` : ''}` : '',
      ]);
    }
  }
  table(
    `cable-lint --format json over the workspace (wall time from spawn to exit; ${c.cores} cores, availableParallelism ${c.availableParallelism})`,
    ['cables', 'MB', 'jobs', 'wall', 'MB/s', 'vs floor', 'target', 'met', 'problems', 'peak RSS', 'target', 'met', 'speed-up 2 vs 1 (#5)'],
    rows,
    [
      'floor: a node process that reads the same files and counts entity tags with one regex (spawn to exit, same run).',
      'stdout is drained through a pipe; peak RSS = VmHWM of the cable-lint process (worker threads included), polled every 50 ms.',
      `runs: median of ${Object.values(c.sizes)[0]?.runs ?? 1} on the smallest workspace, one run on larger ones; the default --jobs on the smallest only.`,
    ],
  );
}

export function targets(c) {
  const rows = [];
  for (const [n, r] of Object.entries(c.sizes)) {
    const label = `cable-lint ${count(n)} cables`;
    if (nearCliFloorSize(Number(n)) && r.jobsDefault) {
      rows.push(target('cliFloor', `${label} (default jobs): ≤ ${TARGETS.cliFloorRatio}× the floor process`, `×${fmt(r.jobsDefault.timesFloor, 2)} (${fmt(r.jobsDefault.wallMs.median / 1000, 2)} s vs ${fmt(r.floor.wallMs.median / 1000, 2)} s)`, r.jobsDefault.timesFloor <= TARGETS.cliFloorRatio));
    }
    if (Number(n) >= TARGETS.cliRssCables) {
      const worst = Math.max(r.jobs1.peakRssMB, r.jobs2.peakRssMB);
      rows.push(target('cliRss', `${label}: peak RSS < ${TARGETS.cliRssMB} MB (--jobs 1 and 2)`, `${fmt(r.jobs1.peakRssMB)} / ${fmt(r.jobs2.peakRssMB)} MB`, worst < TARGETS.cliRssMB));
    }
    if (c.availableParallelism >= 2) rows.push(target('cliSpeedup', `${label}: --jobs 2 ≥ ×${WS_TARGETS.cliSpeedup2} of --jobs 1`, `×${fmt(r.speedup2, 2)}`, r.speedup2 >= WS_TARGETS.cliSpeedup2));
  }
  return rows;
}
