// Positions and edits as a protocol test computes them on its own, from the
// text: lines split at `\n` (a `\r` stays at the end of its line), characters
// in UTF-16 code units.

import { TextEdit } from 'vscode-languageserver-protocol';

export function positionOf(text: string, offset: number): { line: number; character: number } {
  const before = text.slice(0, offset);
  return { line: before.split('\n').length - 1, character: offset - (before.lastIndexOf('\n') + 1) };
}

export function rangeOf(text: string, start: number, end = start) {
  return { start: positionOf(text, start), end: positionOf(text, end) };
}

/** Applies LSP edits to a text (edits do not overlap). */
export function applyLsp(text: string, edits: TextEdit[]): string {
  const lines = text.split('\n');
  const offsetAt = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  let out = text;
  for (const e of [...edits].sort((a, b) => offsetAt(b.range.start) - offsetAt(a.range.start))) out = out.slice(0, offsetAt(e.range.start)) + e.newText + out.slice(offsetAt(e.range.end));
  return out;
}
