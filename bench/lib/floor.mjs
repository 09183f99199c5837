// The regex floor: one regex scan counting entity tags, the least a tool that
// reads the tags must do. In process over a string (beside in-process figures),
// and as a node process over a folder of files (beside cable-lint).

import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { TAG_RE } from './inputs.mjs';
import { MB } from './print.mjs';
import { median, round, stats } from './stats.mjs';

export const FLOOR_REGEX = String(TAG_RE);

const cache = new Map();

/**
 * Times the scan over `text` (after 3 warm-ups, about 50 MB scanned, 5 to 200 runs).
 * Measured once per text in a run; `key` names the text.
 */
export function regexFloor(key, text) {
  if (cache.has(key)) return cache.get(key);
  const bytes = Buffer.byteLength(text);
  const runs = Math.max(5, Math.min(200, Math.ceil((50 * MB) / Math.max(1, bytes))));
  const re = new RegExp(TAG_RE.source, TAG_RE.flags);
  const times = [];
  let matches = 0;
  for (let r = 0; r < runs + 3; r++) {
    const t0 = performance.now();
    matches = 0;
    re.lastIndex = 0;
    while (re.exec(text) !== null) matches++;
    const t1 = performance.now();
    if (r >= 3) times.push(t1 - t0);
  }
  const result = { ms: stats(times), MBs: round(bytes / MB / (median(times) / 1000)), matches };
  cache.set(key, result);
  return result;
}

const loopCache = new Map();

/**
 * A JavaScript loop that reads every UTF-16 code unit of `text` once and counts
 * its words (runs of ASCII letters and digits): the least an analysis written
 * in JavaScript that looks at every character does. Beside the regex floor, it
 * shows how much of the gap is the language's (irregexp scans in machine code).
 */
export function wordLoop(key, text) {
  if (loopCache.has(key)) return loopCache.get(key);
  const bytes = Buffer.byteLength(text);
  const runs = Math.max(5, Math.min(200, Math.ceil((50 * MB) / Math.max(1, bytes))));
  const word = new Uint8Array(65536);
  for (let c = 48; c < 123; c++) word[c] = (c <= 57 || (c >= 65 && c <= 90) || c >= 97) ? 1 : 0;
  const times = [];
  let words = 0;
  for (let r = 0; r < runs + 3; r++) {
    const t0 = performance.now();
    words = 0;
    let inWord = 0;
    for (let i = 0; i < text.length; i++) {
      const w = word[text.charCodeAt(i)];
      if (w > inWord) words++;
      inWord = w;
    }
    const t1 = performance.now();
    if (r >= 3) times.push(t1 - t0);
  }
  const result = { ms: stats(times), MBs: round(bytes / MB / (median(times) / 1000)), words };
  loopCache.set(key, result);
  return result;
}

/** The floor process: reads every file under the folder and counts tags with the same regex. */
const FLOOR_SCRIPT = `
const fs = require('fs');
const path = require('path');
const re = ${FLOOR_REGEX};
let files = 0, tags = 0;
const walk = (dir) => {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p);
    else if (/\\.(cable|txt)$/i.test(e.name)) { files++; const t = fs.readFileSync(p, 'utf8'); re.lastIndex = 0; while (re.exec(t) !== null) tags++; }
  }
};
walk(process.argv[1]);
process.stdout.write(JSON.stringify({ files, tags }));
`;

/** Runs the floor process on `dir`; wall time from spawn to exit, as for cable-lint. */
export function floorProcess(dir) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, ['-e', FLOOR_SCRIPT, dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = performance.now() - t0;
      if (code !== 0) reject(new Error(`floor process exited with ${code}: ${err}`));
      else resolve({ wallMs, ...JSON.parse(out) });
    });
  });
}
