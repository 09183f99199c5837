// Helpers shared by the cable-lint tests: temporary folders, the built bin.

import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ROOT } from '../helpers';

export const BIN = path.join(ROOT, 'bin', 'cable-lint.js');

export const MALFORMED = "<code><pre>C O N F I D E N T I A L Classified By: A. Official for reasons 1.4 ( b )\n<a id='par1' href='#par1'>¶</a>1 .\n( C ) The UK’s [PRE Foo  ] met [PER Bob\n[LOC Paris  ] and ] left [ORG  ] .\n</pre></code>\n";

export const IS_ROOT = process.getuid?.() === 0;

const created: string[] = [];

// A root hook (this module is loaded with the specs): remove the temporary folders.
after(() => {
  for (const dir of created.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

export function tempDir(files: Record<string, string> = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cable-lint-'));
  created.push(dir);
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

let built = false;

/** Bundles dist/cli.js once per test run. */
export function buildBin(): void {
  if (built) return;
  execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT });
  built = true;
}

export interface BinResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the installed bin (stdout and stderr are pipes, so no progress bar). */
export function runBin(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): BinResult {
  buildBin();
  const run = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 });
  if (run.error) throw run.error;
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** A link that reads fail on even for root: the kernel answers EIO for /proc/self/mem at offset 0. */
export function canFakeUnreadable(): boolean {
  if (process.platform !== 'linux') return false;
  try {
    fs.readFileSync('/proc/self/mem');
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EIO';
  }
}

/** Every file name under `dir`, relative, sorted. */
export function listFiles(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true }) as string[]).sort();
}
