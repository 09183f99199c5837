// An open cable's diagnostics converted to LSP, reusing the previous
// version's conversion where an edit left them in place: a diagnostic whose
// spans all lie before the edit, or on lines after it when the edit added or
// removed no line break, has the same positions in both texts; when it also
// says the same (code, severity, message, data, related information), its
// LSP form is the one converted before. The others are converted afresh.

import { Diagnostic } from 'vscode-languageserver/node';
import { CableDiagnostic, Span, changedRegion } from '../core';
import { TextPositions } from './positions';
import { PositionsOf, toDiagnostic } from './toProto';

export interface ConvertedDiagnostics {
  text: string;
  encoding: string;
  found: CableDiagnostic[];
  diagnostics: Diagnostic[];
}

/** Where an edit leaves positions alone: up to `start`, and from `laterLines` on (offsets there moved by `delta`). */
interface Unmoved {
  start: number;
  laterLines: number;
  delta: number;
}

export function convertDiagnostics(
  previous: ConvertedDiagnostics | undefined,
  uri: string,
  text: string,
  positions: TextPositions,
  positionsOf: PositionsOf,
  found: CableDiagnostic[],
): ConvertedDiagnostics {
  const convert = (d: CableDiagnostic) => toDiagnostic(positions, positionsOf, d);
  if (!previous || previous.encoding !== positions.encoding) return { text, encoding: positions.encoding, found, diagnostics: found.map(convert) };
  if (previous.found === found && previous.text === text) return previous;
  const { start, oldEnd, newEnd } = changedRegion(previous.text, text);
  // After a `\r` the next character decides where a line starts: the edit may join or split a `\r\n`.
  const afterCr = start > 0 && text.charCodeAt(start - 1) === 13;
  const sameLines = !afterCr && !hasLineBreak(previous.text, start, oldEnd) && !hasLineBreak(text, start, newEnd);
  const unmoved: Unmoved = { start: afterCr ? start - 1 : start, laterLines: sameLines ? nextLineStart(text, newEnd) : Number.MAX_SAFE_INTEGER, delta: newEnd - oldEnd };
  const old = previous.found;
  const diagnostics = new Array<Diagnostic>(found.length);
  let j = 0;
  for (let i = 0; i < found.length; i++) {
    const d = found[i];
    const shift = shiftOf(d.span, unmoved);
    let reused: Diagnostic | undefined;
    if (shift !== undefined && unmovedRelated(d, uri, unmoved)) {
      const oldStart = d.span.start - shift;
      while (j < old.length && old[j].span.start < oldStart) j++;
      for (let k = j; k < old.length && old[k].span.start === oldStart; k++) {
        if (sameMoved(old[k], d, uri, unmoved)) {
          reused = previous.diagnostics[k];
          break;
        }
      }
    }
    diagnostics[i] = reused ?? convert(d);
  }
  return { text, encoding: positions.encoding, found, diagnostics };
}

/** How far the edit moved a span that keeps its position (0 before the edit, `delta` on later lines), or undefined. */
function shiftOf(span: Span, u: Unmoved): number | undefined {
  if (span.end <= u.start) return 0;
  if (span.start >= u.laterLines) return u.delta;
  return undefined;
}

function unmovedRelated(d: CableDiagnostic, uri: string, u: Unmoved): boolean {
  if (!d.related) return true;
  for (const r of d.related) if (r.uri !== uri || shiftOf(r.span, u) === undefined) return false;
  return true;
}

/** Whether `old` (before the edit) is `d` (after it), its spans moved by the edit. */
function sameMoved(old: CableDiagnostic, d: CableDiagnostic, uri: string, u: Unmoved): boolean {
  if (old.code !== d.code || old.severity !== d.severity || old.message !== d.message || !sameSpan(old.span, d.span, u) || !sameData(old.data, d.data)) return false;
  if (old.related === undefined || d.related === undefined) return old.related === d.related;
  if (old.related.length !== d.related.length) return false;
  for (let r = 0; r < d.related.length; r++) {
    const p = old.related[r];
    const q = d.related[r];
    if (p.uri !== uri || p.message !== q.message || !sameSpan(p.span, q.span, u)) return false;
  }
  return true;
}

function sameSpan(old: Span, span: Span, u: Unmoved): boolean {
  const shift = shiftOf(span, u)!;
  return old.start === span.start - shift && old.end === span.end - shift;
}

function sameData(a: Record<string, unknown> | undefined, b: Record<string, unknown> | undefined): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  let keys = 0;
  for (const k in a) {
    if (!Object.prototype.hasOwnProperty.call(a, k)) continue;
    if (a[k] !== b[k] || !Object.prototype.hasOwnProperty.call(b, k)) return false;
    keys++;
  }
  for (const k in b) if (Object.prototype.hasOwnProperty.call(b, k)) keys--;
  return keys === 0;
}

function hasLineBreak(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return true;
  }
  return false;
}

/** The start of the line after the one holding `offset` (the text's length past the last line). */
function nextLineStart(text: string, offset: number): number {
  for (let i = offset; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) return i + 1;
    if (c === 13) return text.charCodeAt(i + 1) === 10 ? i + 2 : i + 1;
  }
  return text.length;
}
