#!/usr/bin/env node
// Copies the README's screenshots of annotation, export/import and comparison
// from the last end-to-end run (test-results/e2e/<check>-readme.png, taken
// cropped by the checks) into docs/images/.
//
//   node test/e2e/run.mjs v w x y z ac ae af aj an ao && node scripts/readme-screenshots.mjs

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const FROM = path.join(ROOT, 'test-results', 'e2e');
const TO = path.join(ROOT, 'docs', 'images');

/** The check's screenshot → the README's image. */
const IMAGES = {
  'v-annotate-tag': 'annotate-tag.png',
  'ac-annotate-tag-all': 'annotate-tag-all.png',
  'w-annotate-merge': 'annotate-merge.png',
  'x-annotate-split': 'annotate-split.png',
  'y-annotate-extend-shrink': 'annotate-extend-shrink.png',
  'ae-annotate-tag-boundary-fix': 'annotate-tag-boundary.png',
  'z-annotate-next-mention': 'annotate-next-mention.png',
  'af-export-active-jsonl': 'export-format.png',
  'aj-import-review': 'import-review.png',
  'an-compare-head': 'compare-quickfix.png',
  'ao-compare-scores-stop': 'compare.png',
};

const missing = Object.keys(IMAGES).filter((check) => !fs.existsSync(path.join(FROM, `${check}-readme.png`)));
if (missing.length) {
  console.error(`missing in test-results/e2e/: ${missing.map((c) => `${c}-readme.png`).join(', ')}\nrun: node test/e2e/run.mjs ${missing.map((c) => c.split('-')[0] + '-').join(' ')}`);
  process.exit(1);
}
for (const [check, image] of Object.entries(IMAGES)) {
  fs.copyFileSync(path.join(FROM, `${check}-readme.png`), path.join(TO, image));
  console.log(`docs/images/${image} ← test-results/e2e/${check}-readme.png`);
}
