// Workspaces of copied cables for the workspace and cli sections: the seed and
// the corpus cables copied under distinct names (`<n>_<original name>`), 100 per
// subfolder, in a temporary folder removed at the end.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { corpusFiles, countTags, SEED_PATH } from './inputs.mjs';
import { count, fmt, progress, size } from './print.mjs';
import { makeTempFolder } from './system.mjs';

export const CABLES_PER_FOLDER = 100;

export function buildWorkspaces(sizes) {
  const root = makeTempFolder();
  const seeds = fs.readdirSync(path.dirname(SEED_PATH)).filter((f) => f.endsWith('.txt')).sort().map((f) => path.join(path.dirname(SEED_PATH), f));
  // The seed first, so that the first copy of every workspace is the seed.
  const sources = [SEED_PATH, ...seeds.filter((f) => f !== SEED_PATH), ...corpusFiles()].map((file) => {
    const text = fs.readFileSync(file, 'utf8');
    return { file, name: path.basename(file), bytes: Buffer.byteLength(text), tags: countTags(text) };
  });
  const workspaces = [];
  for (const n of sizes) {
    const dir = path.join(root, `ws${n}`);
    const width = String(n - 1).length;
    let bytes = 0;
    let tags = 0;
    let seedFile;
    const t0 = performance.now();
    for (let i = 0; i < n; i++) {
      const src = sources[i % sources.length];
      const folder = path.join(dir, `f${String(Math.floor(i / CABLES_PER_FOLDER)).padStart(3, '0')}`);
      if (i % CABLES_PER_FOLDER === 0) fs.mkdirSync(folder, { recursive: true });
      const target = path.join(folder, `${String(i).padStart(width, '0')}_${src.name}`);
      fs.copyFileSync(src.file, target);
      seedFile ??= target;
      bytes += src.bytes;
      tags += src.tags;
    }
    workspaces.push({ size: n, dir, uri: pathToFileURL(dir).href, bytes, tags, folders: Math.ceil(n / CABLES_PER_FOLDER), seedFile, buildMs: performance.now() - t0 });
    progress(`workspace: built ${count(n)} cables (${size(bytes)}) in ${dir} in ${fmt((performance.now() - t0) / 1000, 2)} s`);
  }
  return { root, sources: sources.length, sourceBytes: sources.reduce((s, x) => s + x.bytes, 0), workspaces };
}

/** The workspaces of `ctx.wsSizes`, built once for the sections that need them. */
export function sharedWorkspaces(ctx) {
  return ctx.share(
    'workspaces',
    async () => {
      progress(`workspace: building workspaces of ${ctx.wsSizes.map(count).join(' and ')} cables`);
      return buildWorkspaces(ctx.wsSizes);
    },
    (built) => fs.rmSync(built.root, { recursive: true, force: true }),
  );
}
