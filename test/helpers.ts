// Shared test helpers: fixtures, a cursor marker, an in-memory service.

import * as fs from 'fs';
import * as path from 'path';
import { CableConfig, CableLanguageService, InMemoryWorkspace, createLanguageService, defaultConfig } from '../server/src/core';
import { Analysis, analyze } from '../server/src/core/workspace';

export const ROOT = path.resolve(__dirname, '..');
export const SEED_PATH = path.join(ROOT, 'seeds', '000_d5a32e40f8b893e0.txt');
export const CORPUS_DIR = path.join(ROOT, 'test', 'fixtures', 'corpus');

export function seedText(): string {
  return fs.readFileSync(SEED_PATH, 'utf8');
}

export function corpusFiles(): string[] {
  return fs
    .readdirSync(CORPUS_DIR)
    .filter((f) => f.endsWith('.cable'))
    .sort()
    .map((f) => path.join(CORPUS_DIR, f));
}

export function corpusText(name: string): string {
  return fs.readFileSync(path.join(CORPUS_DIR, name), 'utf8');
}

/** The cursor marker in test inputs. */
export const CURSOR = '$0';

export function withCursor(input: string): { text: string; offset: number } {
  const offset = input.indexOf(CURSOR);
  if (offset < 0) throw new Error(`test input has no ${CURSOR} marker`);
  return { text: input.slice(0, offset) + input.slice(offset + CURSOR.length), offset };
}

export const URI = 'file:///test/cable.cable';

export function serviceFor(text: string, config: CableConfig = defaultConfig()): CableLanguageService {
  return createLanguageService(new InMemoryWorkspace({ [URI]: text }), config);
}

/** The core's analysis of a text (parse, entities, lines), as the service makes it. */
export function analysisOf(text: string, config: CableConfig = defaultConfig()): Analysis {
  return analyze({ uri: URI, version: 1, text }, config);
}

/** Offset of the `n`th (0-based) occurrence of `needle`. */
export function nth(text: string, needle: string, n = 0): number {
  let at = -1;
  for (let i = 0; i <= n; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`"${needle}" occurs fewer than ${n + 1} times`);
  }
  return at;
}

export function countOf(text: string, needle: string): number {
  return text.split(needle).length - 1;
}
