// Import: spans over an untagged text become the tags of a cable. The spans
// come from a format's reader (JSONL, CoNLL, brat) or from a model's output;
// with a target cable, its untagged text must be the record's text (or that
// text with the markup stripped, or, for CoNLL, the same tokens), and the
// spans replace the cable's tags. Every check runs before anything is
// written, and the result is read back to prove it holds exactly these tags.

import { sameButLineEnds } from '../compare/align';
import { untaggedText } from '../edits';
import { parseCable } from '../parser';
import { CableData, DataSpan, TAG_CLOSE, TAG_OPEN, cableData, firstDifference, renderCable } from './document';
import { OffsetMap, OffsetUnit, isTokenSpace } from './offsets';
import { MarkupMap, stripMarkup } from './strip';

/** A span as a reader found it: offsets in the record's unit. */
export interface ImportSpan {
  start: number;
  end: number;
  label: string;
  /** The span's text as the record gives it, checked against the text. */
  text?: string;
  /** Tag spacing carried by the record (see DataSpan). */
  open?: string;
  close?: string;
  /** Where the span is, for messages: `preds.jsonl:3, span 2`. */
  where: string;
}

/** A CoNLL token, for aligning a token sequence with a cable's text. */
export interface ImportToken {
  text: string;
  /** Offsets in the record's text (UTF-16). */
  start: number;
  end: number;
  where: string;
}

export interface ImportRecord {
  /** The cable's file name. */
  id: string;
  /** Where the record is, for messages: `preds.jsonl:3 (id "x.cable")`. */
  where: string;
  /** The untagged text; undefined when the record gives only spans (the cable's text is used). */
  text?: string;
  spans: ImportSpan[];
  unit: OffsetUnit;
  /** The format has one unit (brat: code points); no other is suggested when offsets do not fit. */
  unitFixed?: boolean;
  /** CoNLL: the tokens the text was built from, aligned with a target cable's text instead of comparing texts. */
  tokens?: ImportToken[];
}

export interface ImportTarget {
  /** How to name the cable in messages (its path). */
  name: string;
  /** The cable file's text. */
  text: string;
}

export interface ImportOptions {
  /** The labels a span may carry. */
  entityTypes: readonly string[];
  /** The cable the record's spans are for: its tags are replaced by the record's. */
  target?: ImportTarget;
}

export class ImportError extends Error {}

const LABEL = /^[A-Za-z][A-Za-z0-9_-]{0,31}$/;
/** What the parser trims off a tag's text. */
const TRIMMED = /[ \t\n\r\u00a0]/;
const OPEN_SPACING = /^ [ \t\u00a0]*$/;
const CLOSE_SPACING = /^[ \t\u00a0]*$/;

/** The tagged cable a record describes; throws ImportError with the record's place and what is wrong. */
export function buildCable(record: ImportRecord, options: ImportOptions): string {
  const allowed = new Set(options.entityTypes);
  let text: string;
  let spans: PlacedSpan[];
  let defaults = { open: TAG_OPEN, close: TAG_CLOSE };
  if (options.target) {
    const target = options.target;
    const found = cableData(record.id, target.text, options.entityTypes);
    if ('refusal' in found) {
      const r = found.refusal;
      throw new ImportError(`${record.where}: the cable ${target.name} cannot take the tags: ${target.name}:${r.line}:${r.column}: ${r.message}`);
    }
    const cable = found.data;
    text = cable.text;
    defaults = spacingConvention(cable.spans);
    spans = onCable(record, cable, target.name);
  } else {
    if (record.text === undefined) throw new ImportError(`${record.where}: the record has no text; name the cables it is for (--cables) so the text comes from them.`);
    const lone = loneSurrogate(record.text);
    if (lone >= 0) {
      throw new ImportError(`${record.where}: the text holds half of a UTF-16 pair (U+${record.text.charCodeAt(lone).toString(16).toUpperCase()}) at offset ${lone} (UTF-16), which UTF-8 cannot carry; nothing was changed to make it fit.`);
    }
    text = record.text;
    spans = resolveSpans(record, text);
  }
  // On a cable (a model's output), spans lose every kind of white space at their edges; otherwise only
  // what the parser trims off a tag's text, so that an export comes back byte for byte.
  checkSpans(text, spans, allowed, options.target ? isTokenSpace : (c) => TRIMMED.test(String.fromCharCode(c)));
  const tagged = renderCable({ text, spans }, defaults);
  readBack(record, tagged, text, spans, options.entityTypes);
  return tagged;
}

/** The offset of the first lone surrogate (half of a UTF-16 pair), or -1. */
export function loneSurrogate(text: string): number {
  return text.search(/[\uD800-\uDFFF]/u);
}

/** The record's spans on the cable's untagged text (UTF-16). */
function onCable(record: ImportRecord, cable: CableData, name: string): PlacedSpan[] {
  if (record.tokens) return alignTokens(record, cable, name);
  if (record.text === undefined || record.text === cable.text) return resolveSpans(record, cable.text);
  const stripped = stripMarkup(cable);
  if (cable.markup.length > 0 && record.text === stripped.text) {
    const map = new MarkupMap(cable.markup);
    return resolveSpans(record, stripped.text).map((s) => ({ ...s, start: map.fromStripped(s.start, 'start'), end: map.fromStripped(s.end, 'end') }));
  }
  // Named against the text the record is nearer to: the cable's, or the cable's without markup (--strip-markup).
  const texts = [{ text: cable.text, what: `the untagged text of ${name}` }];
  if (cable.markup.length > 0) texts.push({ text: stripped.text, what: `the untagged text of ${name} without its markup (--strip-markup)` });
  const nearest = texts.map((t) => ({ ...t, at: firstDifference(record.text!, t.text) })).reduce((a, b) => (b.at > a.at ? b : a));
  if (sameButLineEnds(record.text, nearest.text)) {
    throw new ImportError(`${record.where}: the text is ${nearest.what} but for its line ends (${lineEnds(record.text)} in the record, ${lineEnds(nearest.text)} in the cable).`);
  }
  const at = nearest.at;
  const offsets = new OffsetMap(record.text);
  const shown = record.unit === 'codepoints' ? offsets.toCodePoints(at) : at;
  throw new ImportError(
    `${record.where}: the text is not ${nearest.what}: they differ at offset ${shown} (${unitName(record.unit)}): ${snippet(record.text, at)} in the record, ${snippet(nearest.text, at)} in the cable.`,
  );
}

/** "CRLF", "LF", "CR" or a mix, for messages. */
function lineEnds(text: string): string {
  const kinds = new Set(text.match(/\r\n|\r|\n/g)?.map((e) => (e === '\r\n' ? 'CRLF' : e === '\n' ? 'LF' : 'CR')) ?? []);
  return kinds.size === 0 ? 'none' : [...kinds].join(' and ');
}

/** CoNLL tokens matched in order with the cable's text (whitespace between them skipped); the tags follow the tokens. */
function alignTokens(record: ImportRecord, cable: CableData, name: string): PlacedSpan[] {
  const direct = tryAlign(record.tokens!, cable.text);
  if (direct.ok) return moveSpans(record, direct.at);
  if (cable.markup.length > 0) {
    const stripped = tryAlign(record.tokens!, stripMarkup(cable).text);
    if (stripped.ok) {
      const map = new MarkupMap(cable.markup);
      return moveSpans(record, stripped.at).map((s) => ({ ...s, start: map.fromStripped(s.start, 'start'), end: map.fromStripped(s.end, 'end') }));
    }
  }
  const f = direct.failure;
  throw new ImportError(
    f.token
      ? `${f.token.where}: the token ${JSON.stringify(f.token.text)} is not the next word of ${name}: at offset ${f.offset} (UTF-16) the cable's untagged text reads ${snippet(cable.text, f.offset)}.`
      : `${record.where}: the tokens end at offset ${f.offset} (UTF-16) of ${name}'s untagged text, which goes on: ${snippet(cable.text, f.offset)}.`,
  );
}

type Alignment = { ok: true; at: Map<number, number> } | { ok: false; failure: { token?: ImportToken; offset: number } };

/** Token offsets of the record's text → offsets of `text`. */
function tryAlign(tokens: ImportToken[], text: string): Alignment {
  const at = new Map<number, number>();
  let i = 0;
  const skipSpace = () => {
    while (i < text.length && isTokenSpace(text.charCodeAt(i))) i++;
  };
  for (const token of tokens) {
    skipSpace();
    if (!text.startsWith(token.text, i)) return { ok: false, failure: { token, offset: i } };
    at.set(token.start, i);
    i += token.text.length;
    at.set(token.end, i);
  }
  skipSpace();
  if (i < text.length) return { ok: false, failure: { offset: i } };
  return { ok: true, at };
}

function moveSpans(record: ImportRecord, at: Map<number, number>): PlacedSpan[] {
  return record.spans.map((s) => {
    const start = at.get(s.start);
    const end = at.get(s.end);
    if (start === undefined || end === undefined) throw new ImportError(`${s.where}: the span does not start and end at token edges.`);
    return dataSpan(s, start, end);
  });
}

/** The spans in UTF-16 offsets of `text`, each checked against its own text. */
function resolveSpans(record: ImportRecord, text: string): PlacedSpan[] {
  const offsets = new OffsetMap(text);
  const unit = record.unit;
  return record.spans.map((s) => {
    const length = offsets.length(unit);
    if (!Number.isInteger(s.start) || !Number.isInteger(s.end) || s.start < 0 || s.end < 0) {
      throw new ImportError(`${s.where}: start and end must be whole numbers, 0 or more (got ${JSON.stringify(s.start)}, ${JSON.stringify(s.end)}).`);
    }
    if (s.end > length || s.start > length) throw new ImportError(`${s.where}: the span ${s.start}–${s.end} is out of range: the text has ${length} ${unitName(unit)}.`);
    if (s.start >= s.end) throw new ImportError(`${s.where}: the span is empty or reversed (start ${s.start}, end ${s.end}).`);
    const start = offsets.toUtf16(s.start, unit);
    const end = offsets.toUtf16(s.end, unit);
    if (start === undefined || end === undefined) {
      throw new ImportError(`${s.where}: the span ${s.start}–${s.end} cuts a character outside the BMP (an emoji) in two; offsets in UTF-16 units must not split a surrogate pair.`);
    }
    if (s.text !== undefined && text.slice(start, end) !== s.text) {
      let hint = '';
      const other: OffsetUnit = unit === 'codepoints' ? 'utf16' : 'codepoints';
      const os = offsets.toUtf16(s.start, other);
      const oe = offsets.toUtf16(s.end, other);
      if (os !== undefined && oe !== undefined && text.slice(os, oe) === s.text) {
        hint = record.unitFixed
          ? ` The offsets fit as ${unitName(other)}, but brat counts code points: the tool that wrote the file counted otherwise.`
          : ` The offsets fit as ${unitName(other)}: ${other === 'utf16' ? 'use --offsets utf16' : 'leave out --offsets utf16'}.`;
      }
      throw new ImportError(`${s.where}: the span's text ${JSON.stringify(s.text)} is not the text at ${s.start}–${s.end}, ${JSON.stringify(text.slice(start, end))}.${hint}`);
    }
    return dataSpan(s, start, end);
  });
}

/** A span of the text to tag, with its place in the record. */
type PlacedSpan = DataSpan & { where: string };

function dataSpan(s: ImportSpan, start: number, end: number): PlacedSpan {
  const span: PlacedSpan = { start, end, label: s.label, where: s.where };
  if (s.open !== undefined) span.open = s.open;
  if (s.close !== undefined) span.close = s.close;
  return span;
}

/** Labels, edges, overlaps, brackets and line breaks; spans are trimmed of the whitespace a tag cannot hold, and sorted. */
function checkSpans(text: string, spans: PlacedSpan[], allowed: Set<string>, trimmed: (c: number) => boolean): void {
  const where = (s: PlacedSpan) => s.where;
  for (const s of spans) {
    if (typeof s.label !== 'string' || !LABEL.test(s.label)) {
      throw new ImportError(`${where(s)}: the label ${JSON.stringify(s.label)} cannot be a tag type (a letter, then letters, digits, "_" or "-").`);
    }
    if (!allowed.has(s.label)) {
      throw new ImportError(`${where(s)}: unknown label ${JSON.stringify(s.label)}: the entity types are ${[...allowed].join(', ')} (allow more with --types, or the setting taggedCables.entityTypes).`);
    }
    while (s.start < s.end && trimmed(text.charCodeAt(s.start))) s.start++;
    while (s.end > s.start && trimmed(text.charCodeAt(s.end - 1))) s.end--;
    if (s.start === s.end) throw new ImportError(`${where(s)}: the span holds only whitespace.`);
    const content = text.slice(s.start, s.end);
    const bracket = content.search(/[[\]]/);
    if (bracket >= 0) throw new ImportError(`${where(s)}: the span ${JSON.stringify(content)} contains "${content[bracket]}", which a tag cannot hold.`);
    if (/[\r\n]/.test(content)) throw new ImportError(`${where(s)}: the span ${JSON.stringify(content)} crosses a line break; a tag stays on one line.`);
    if (s.open !== undefined && !OPEN_SPACING.test(s.open)) throw new ImportError(`${where(s)}: the tag spacing after the type must be a space, then spaces or tabs (got ${JSON.stringify(s.open)}).`);
    if (s.close !== undefined && !CLOSE_SPACING.test(s.close)) throw new ImportError(`${where(s)}: the tag spacing before "]" must be spaces or tabs (got ${JSON.stringify(s.close)}).`);
  }
  spans.sort((a, b) => a.start - b.start || a.end - b.end);
  for (let i = 1; i < spans.length; i++) {
    const a = spans[i - 1];
    const b = spans[i];
    if (b.start < a.end) {
      throw new ImportError(`${where(b)}: the span ${JSON.stringify(text.slice(b.start, b.end))} overlaps ${JSON.stringify(text.slice(a.start, a.end))} (${where(a)}); tags never overlap.`);
    }
  }
}

/** The tagged text must read back as exactly these spans over exactly this text. */
function readBack(record: ImportRecord, tagged: string, text: string, spans: DataSpan[], entityTypes: readonly string[]): void {
  const labels = new Set([...entityTypes, ...spans.map((s) => s.label)]);
  const doc = parseCable(tagged, { entityTypes: [...labels] });
  const back = untaggedText(doc);
  if (back !== text) {
    const at = firstDifference(back, text);
    throw new ImportError(`${record.where}: with these tags the text would not read back the same: at offset ${at} (UTF-16) ${snippet(text, at)} would read ${snippet(back, at)}; the text holds something that reads as tag markup.`);
  }
  let removed = 0;
  for (let i = 0; i < Math.max(doc.mentions.length, spans.length); i++) {
    const m = doc.mentions[i];
    const s = spans[i];
    const mStart = m ? m.openSpan.start - removed : -1;
    if (!m || !s || mStart !== s.start || m.textSpan.end - m.textSpan.start !== s.end - s.start || m.type !== s.label || !m.closeSpan) {
      const at = s ? s.start : text.length;
      throw new ImportError(`${record.where}: the tags would not read back as the given spans near offset ${at} (UTF-16), ${snippet(text, at)}: the text around the span holds something that reads as tag markup.`);
    }
    removed += m.textSpan.start - m.openSpan.start + (m.closeSpan.end - m.textSpan.end);
  }
}

/** The spacing most of a cable's tags use. */
function spacingConvention(spans: DataSpan[]): { open: string; close: string } {
  return { open: majority(spans.map((s) => s.open ?? TAG_OPEN), TAG_OPEN), close: majority(spans.map((s) => s.close ?? TAG_CLOSE), TAG_CLOSE) };
}

function majority(values: string[], fallback: string): string {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best = fallback;
  for (const [v, n] of counts) if (n > (counts.get(best) ?? 0)) best = v;
  return best;
}

export function unitName(unit: OffsetUnit): string {
  return unit === 'codepoints' ? 'code points' : 'UTF-16 units';
}

/** A short quoted piece of text from an offset. */
export function snippet(text: string, at: number): string {
  const piece = text.slice(at, at + 24);
  return piece.length === 0 ? 'the end of the text' : JSON.stringify(piece + (at + 24 < text.length ? '…' : ''));
}
