// Processes and temporary folders: memory of a process from /proc, sleeping,
// temporary folders removed at exit (or Ctrl+C).

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const sleep = (msec) => new Promise((r) => setTimeout(r, msec));

/** VmRSS and VmHWM (peak) of a process in MB, from /proc/<pid>/status; NaN where unreadable. */
export function procStatus(pid) {
  try {
    const s = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (k) => Number(new RegExp(`^${k}:\\s+(\\d+) kB`, 'm').exec(s)?.[1] ?? NaN);
    return { rssMB: kb('VmRSS') / 1024, hwmMB: kb('VmHWM') / 1024 };
  } catch {
    return { rssMB: NaN, hwmMB: NaN };
  }
}

/** CPU time (user + system, every thread) of a process in seconds, from /proc/<pid>/stat; NaN where unreadable. */
export function procCpuSeconds(pid) {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    // utime and stime, in clock ticks (100 a second on Linux).
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

const tempFolders = new Set();

/** A new folder under os.tmpdir(), removed by removeTempFolder or when the process ends. */
export function makeTempFolder(prefix = 'tagged-cables-bench-') {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  tempFolders.add(dir);
  return dir;
}

export function removeTempFolder(dir) {
  fs.rmSync(dir, { recursive: true, force: true });
  tempFolders.delete(dir);
}

function removeAll() {
  for (const dir of [...tempFolders]) removeTempFolder(dir);
}
process.on('exit', removeAll);
process.on('SIGINT', () => {
  removeAll();
  process.exit(130);
});

/** The machine, for the header and results.machine. */
export function machineInfo() {
  return {
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    availableParallelism: os.availableParallelism?.() ?? os.cpus().length,
    totalMemMB: Math.round(os.totalmem() / (1024 * 1024)),
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    node: process.version,
    date: new Date().toISOString(),
    loadAvgAtStart: os.loadavg().map((x) => Number(x.toFixed(2))),
  };
}
