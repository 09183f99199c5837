// A cable as data: its untagged text, its tags as spans over that text, and
// the little more that is needed to write the file back byte for byte (the
// spacing inside a tag, when it is not the format's `[TYPE text  ]`).

import { LineIndex } from '../lineIndex';
import { markupMap, mergeRanges } from '../markupMap';
import { Span } from '../model';
import { parseCable } from '../parser';

/** Spaces after `[TYPE`: the format's convention. */
export const TAG_OPEN = ' ';
/** Spaces before `]`: the format's convention. */
export const TAG_CLOSE = '  ';

/** A tag as a span of the untagged text (UTF-16 offsets, end exclusive). */
export interface DataSpan {
  start: number;
  end: number;
  label: string;
  /** The whitespace between the type and the text, when it is not TAG_OPEN. */
  open?: string;
  /** The whitespace between the text and `]`, when it is not TAG_CLOSE. */
  close?: string;
}

export interface CableData {
  /** The cable's file name. */
  id: string;
  /** The untagged text. */
  text: string;
  /** Sorted, never overlapping. */
  spans: DataSpan[];
  /** The `<code><pre>` wrapper and the paragraph anchors, as spans of `text` (for --strip-markup). */
  markup: Span[];
  /** Where each span's tag text starts in the cable file (for messages that name a tag's place). */
  textStarts: number[];
}

/** Why a cable cannot be exported exactly: where (1-based line and column, UTF-16) and what. */
export interface CableRefusal {
  line: number;
  column: number;
  message: string;
}

/** Tag problems that leave a tag without a well-defined span. */
const UNEXPORTABLE = new Set(['tag-unclosed', 'tag-nested', 'tag-multiline', 'tag-empty']);

/**
 * The cable as data, or why it cannot be exported: a malformed tag (unclosed,
 * nested, broken across a line, empty) has no span to export, and a tag holding
 * "[" could not be imported back, so the cable is refused rather than exported
 * with a tag lost or changed.
 */
export function cableData(id: string, fileText: string, entityTypes?: readonly string[]): { data: CableData } | { refusal: CableRefusal } {
  const doc = parseCable(fileText, { entityTypes });
  const bad = doc.mentions.find((m) => !m.closeSpan || m.nested || m.containsTag || m.multiline || m.text.length === 0);
  if (bad) {
    const problem = doc.problems.find((p) => UNEXPORTABLE.has(p.code) && p.span.start >= bad.openSpan.start && p.span.start <= bad.span.end);
    const message = problem?.message ?? `Malformed tag [${bad.type}.`;
    return { refusal: refusalAt(fileText, problem?.span.start ?? bad.openSpan.start, `${message} A malformed tag has no span to export: fix it first (cable-lint lists every one).`) };
  }
  const bracketed = doc.mentions.find((m) => m.text.includes('['));
  if (bracketed) {
    const at = bracketed.textSpan.start + bracketed.text.indexOf('[');
    return { refusal: refusalAt(fileText, at, `The tag [${bracketed.type} holds "[", which a tag cannot hold once exported (an import refuses it). Close the tag before the "[", or remove the "[".`) };
  }

  // Tag markup, in file offsets, in order (the tags are well formed here, so never overlapping).
  const removed: Span[] = [];
  for (const m of doc.mentions) removed.push({ start: m.openSpan.start, end: m.textSpan.start }, { start: m.textSpan.end, end: m.closeSpan!.end });
  const untagged = markupMap(fileText, mergeRanges(removed));
  const text = untagged.text;
  const spans = doc.mentions.map((m): DataSpan => {
    const start = untagged.toPlain(m.textSpan.start);
    const span: DataSpan = { start, end: start + (m.textSpan.end - m.textSpan.start), label: m.type };
    const open = fileText.slice(m.typeSpan.end, m.textSpan.start);
    const closing = fileText.slice(m.textSpan.end, m.closeSpan!.start);
    if (open !== TAG_OPEN) span.open = open;
    if (closing !== TAG_CLOSE) span.close = closing;
    return span;
  });

  const markup: Span[] = [];
  if (doc.wrapper.open) markup.push(doc.wrapper.open);
  for (const p of doc.paragraphs) markup.push(p.anchorSpan);
  if (doc.wrapper.close) markup.push(doc.wrapper.close);
  const data: CableData = {
    id,
    text,
    spans,
    markup: markup.map((s) => ({ start: untagged.toPlain(s.start), end: untagged.toPlain(s.end) })).filter((s) => s.end > s.start),
    textStarts: doc.mentions.map((m) => m.textSpan.start),
  };
  // Never export what would not give the file back.
  if (renderCable(data) !== fileText) {
    return { refusal: refusalAt(fileText, firstDifference(renderCable(data), fileText), 'The tags here cannot be written back exactly, so the cable is not exported.') };
  }
  return { data };
}

/** The tagged file: the text with each span wrapped in `[LABEL…]`, with its own spacing or the given defaults. */
export function renderCable(data: Pick<CableData, 'text' | 'spans'>, defaults: { open: string; close: string } = { open: TAG_OPEN, close: TAG_CLOSE }): string {
  const parts: string[] = [];
  let from = 0;
  for (const s of data.spans) {
    parts.push(data.text.slice(from, s.start), '[', s.label, s.open ?? defaults.open, data.text.slice(s.start, s.end), s.close ?? defaults.close, ']');
    from = s.end;
  }
  parts.push(data.text.slice(from));
  return parts.join('');
}

/** UTF-8 bytes as text, or undefined when they are not valid UTF-8 (a byte order mark is kept). */
export function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** The first offset where two texts differ (the shorter one's length when one is a prefix of the other). */
export function firstDifference(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a.charCodeAt(i) !== b.charCodeAt(i)) return i;
  return n;
}

/** A refusal placed at `offset` of the cable file's `text`. */
export function refusalAt(text: string, offset: number, message: string): CableRefusal {
  const p = new LineIndex(text).positionAt(offset);
  return { line: p.line + 1, column: p.character + 1, message };
}
