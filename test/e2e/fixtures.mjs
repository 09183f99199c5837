// What the end-to-end checks know about their input files: where they are in
// the repository, facts about the seed and the corpus read from the files
// themselves, and the shared part of the workspace (the corpus, read-only).
// A check's own files (test/e2e/checks/*.mjs `files`) are copies of these.

import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../vscode/codeServer.mjs';
import { tagsOf } from './oracle.mjs';

export { ROOT };
export const SEED_NAME = '000_d5a32e40f8b893e0.txt';
export const SEED = path.join(ROOT, 'seeds', SEED_NAME);
const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'e2e');
export const MALFORMED = path.join(FIXTURES, 'malformed.cable');
export const NOTES = path.join(FIXTURES, 'notes.txt');
export const CORPUS = path.join(ROOT, 'test', 'fixtures', 'corpus');
export const CLI = path.join(ROOT, 'dist', 'cli.js');

/** A cable of test/fixtures/corpus. */
export const corpusCable = (name) => path.join(CORPUS, name);

// ------------------------------------------------------------------ the shared workspace

/** The corpus cables' folder in the workspace: read-only for every check. */
export const CORPUS_DIR = 'corpus';
/** Left out of the index: by taggedCables.index.exclude and by files.exclude. */
export const EXCLUDED = [
  { folder: 'archive', source: '10PARIS183.cable', name: 'ARCHIVED-10PARIS183.cable' },
  { folder: 'hidden', source: '10LAPAZ33.cable', name: 'HIDDEN-10LAPAZ33.cable' },
];
export const WORKSPACE_SETTINGS = {
  'files.exclude': { '**/hidden': true },
  'taggedCables.index.exclude': ['archive/**'],
};

// ------------------------------------------------------------------ the seed

export const seedText = fs.readFileSync(SEED, 'utf8');
export const seedLines = seedText.split('\n');

/** 1-based line and column of the first occurrence of `needle` in `text` (column of its first char + `shift`). */
export function textPosition(text, needle, shift = 0) {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const c = lines[i].indexOf(needle);
    if (c >= 0) return { line: i + 1, column: c + 1 + shift };
  }
  throw new Error(`the text has changed: ${JSON.stringify(needle)} not found`);
}

/** 1-based line and column of the first occurrence of `needle` in the seed (column of its first char + `shift`). */
export function seedPosition(needle, shift = 0) {
  return textPosition(seedText, needle, shift);
}

/** `text` with its one occurrence of `from` replaced by `to`; throws unless `from` occurs exactly once. */
export function replaceOnce(text, from, to) {
  const n = countOccurrences(text, from);
  if (n !== 1) throw new Error(`the text has changed: ${JSON.stringify(from)} occurs ${n} times, not once`);
  return text.replace(from, () => to);
}

export function countOccurrences(text, needle) {
  let n = 0;
  for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length)) n++;
  return n;
}

export const PICKARD_TAG = '[PER Pickard  ]';
export const PICKARD_FULL_TAG = '[PER Nicolas Pickard  ]';
export const EXPECTED_PICKARD_REFS = countOccurrences(seedText, PICKARD_TAG) + countOccurrences(seedText, PICKARD_FULL_TAG);
/** Inside the first `[PER Pickard  ]`: on the "c" of Pickard. */
export const PICKARD_POS = seedPosition(PICKARD_TAG, '[PER Pi'.length);
/** Nicolas Pickard of the seed is in every copy of it; Ann Pickard of 09ABUJA1907 is another person. */
export const PICKARD_KEY = 'nicolas pickard';
export const ANN_PICKARD_KEY = 'ann pickard';

// ------------------------------------------------------------------ the corpus

export const ABUJA_NAME = '09ABUJA1907.cable';
export const ABUJA_REL = `${CORPUS_DIR}/${ABUJA_NAME}`;
export const abujaText = fs.readFileSync(corpusCable(ABUJA_NAME), 'utf8');
/** A location of 09ABUJA1907 tagged in 13 other corpus cables. */
export const COPENHAGEN_KEY = 'copenhagen';
/** A cable with one Copenhagen, written into the workspace while VS Code runs (checks q and u). */
export const ADDED_SOURCE = '10BOGOTA201.cable';
export const ADDED_NAME = 'ADDED-10BOGOTA201.cable';

{
  const abuja = tagsOf(abujaText);
  for (const [what, ok] of Object.entries({
    [`${COPENHAGEN_KEY} in ${ABUJA_NAME}`]: abuja.some((x) => x.key === COPENHAGEN_KEY),
    [`${ANN_PICKARD_KEY} in ${ABUJA_NAME}`]: abuja.some((x) => x.key === ANN_PICKARD_KEY),
  })) {
    if (!ok) throw new Error(`the corpus has changed: ${what} not found`);
  }
}

// ------------------------------------------------------------------ wording

export const plural = (n, one, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
export const sumMentions = (occ) => occ.reduce((n, o) => n + o.entity.mentions.length, 0);
