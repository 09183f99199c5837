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

/** Selection markers in test inputs: `«` and `»` around each selection; `«»` is a cursor. */
export const SELECTION_OPEN = '«';
export const SELECTION_CLOSE = '»';

/** A text with its marked selections (in order), the markers taken out. */
export function withSelections(input: string): { text: string; selections: Array<{ start: number; end: number }> } {
  const selections: Array<{ start: number; end: number }> = [];
  let text = '';
  let open = -1;
  for (const ch of input) {
    if (ch === SELECTION_OPEN) {
      if (open >= 0) throw new Error(`nested ${SELECTION_OPEN} in test input`);
      open = text.length;
    } else if (ch === SELECTION_CLOSE) {
      if (open < 0) throw new Error(`${SELECTION_CLOSE} without ${SELECTION_OPEN} in test input`);
      selections.push({ start: open, end: text.length });
      open = -1;
    } else {
      text += ch;
    }
  }
  if (open >= 0) throw new Error(`unclosed ${SELECTION_OPEN} in test input`);
  return { text, selections };
}

/** A text with `«…»` around each span: the inverse of `withSelections`. */
export function markSpans(text: string, spans: Array<{ start: number; end: number }>): string {
  let out = text;
  for (const s of [...spans].sort((a, b) => b.start - a.start)) out = `${out.slice(0, s.start)}${SELECTION_OPEN}${out.slice(s.start, s.end)}${SELECTION_CLOSE}${out.slice(s.end)}`;
  return out;
}
