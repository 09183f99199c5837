// JSONL: one record a cable, `{"id", "text", "spans": [{"start", "end", "label", "text"}]}`
// (spaCy-style) or `{"id", "text", "label": [[start, end, "PER"]]}` (doccano).
// `text` is the untagged text; offsets count code points (Python's str) or,
// with --offsets utf16, UTF-16 units. `tagSpacing` lists the tags whose
// spacing is not `[TYPE text  ]`, so that import gives the file back exactly.

import { CableData, DataSpan } from './document';
import { ImportError, ImportRecord, ImportSpan } from './import';
import { OffsetMap, OffsetUnit } from './offsets';

export type JsonlFlavour = 'spacy' | 'doccano';

export interface JsonlOptions {
  flavour: JsonlFlavour;
  offsets: OffsetUnit;
}

/** `{start, end, open?, close?}`: a tag's spacing where it is not the format's. */
export interface TagSpacingEntry {
  start: number;
  end: number;
  open?: string;
  close?: string;
}

/** One line of JSONL (with its line break). */
export function jsonlRecord(data: CableData, options: JsonlOptions): string {
  const offsets = new OffsetMap(data.text);
  const at = (utf16: number) => offsets.fromUtf16(utf16, options.offsets);
  const record: Record<string, unknown> = { id: data.id, text: data.text };
  if (options.flavour === 'doccano') {
    record.label = data.spans.map((s) => [at(s.start), at(s.end), s.label]);
  } else {
    record.spans = data.spans.map((s) => ({ start: at(s.start), end: at(s.end), label: s.label, text: data.text.slice(s.start, s.end) }));
  }
  const spacing = data.spans.filter((s) => s.open !== undefined || s.close !== undefined).map((s) => spacingEntry(s, at));
  if (spacing.length > 0) record.tagSpacing = spacing;
  return safeLine(JSON.stringify(record)) + '\n';
}

function spacingEntry(s: DataSpan, at: (utf16: number) => number): TagSpacingEntry {
  const entry: TagSpacingEntry = { start: at(s.start), end: at(s.end) };
  if (s.open !== undefined) entry.open = s.open;
  if (s.close !== undefined) entry.close = s.close;
  return entry;
}

/** JSON with the characters some line splitters break on (U+0085, U+2028, U+2029) escaped. */
function safeLine(json: string): string {
  return json.replace(/[\u0085\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * The records of a JSONL text. Every line is a JSON object with a string
 * `id`, an optional `text`, and spans as `spans` (objects) or `label` /
 * `entities` (doccano's `[start, end, label]` arrays); blank lines are skipped.
 */
export function readJsonl(content: string, source: string, unit: OffsetUnit): ImportRecord[] {
  const records: ImportRecord[] = [];
  const lines = content.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].replace(/\r$/, '');
    if (line.trim() === '') continue;
    const lineNo = i + 1;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      throw new ImportError(`${source}:${lineNo}: invalid JSON: ${(error as Error).message}`);
    }
    records.push(jsonRecord(value, `${source}:${lineNo}`, unit));
  }
  return records;
}

function jsonRecord(value: unknown, place: string, unit: OffsetUnit): ImportRecord {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ImportError(`${place}: a record must be a JSON object with "id", "text" and "spans".`);
  const r = value as Record<string, unknown>;
  if (typeof r.id !== 'string' || r.id === '') throw new ImportError(`${place}: the record has no "id" naming its cable file (a string, such as "09ABUJA1907.cable"; got ${JSON.stringify(r.id) ?? 'nothing'}).`);
  const where = `${place} (id ${JSON.stringify(r.id)})`;
  if (r.text !== undefined && typeof r.text !== 'string') throw new ImportError(`${where}: "text" must be a string.`);
  const forms = (['spans', 'label', 'entities'] as const).filter((k) => r[k] !== undefined);
  if (forms.length === 0) throw new ImportError(`${where}: the record has no spans: give "spans" (objects with start, end, label) or "label" (doccano's [start, end, label] lists).`);
  if (forms.length > 1) throw new ImportError(`${where}: the record has both ${forms.map((f) => `"${f}"`).join(' and ')}; give the spans once.`);
  const list = r[forms[0]];
  if (!Array.isArray(list)) throw new ImportError(`${where}: "${forms[0]}" must be a list.`);
  const spans: ImportSpan[] = list.map((item, k) => {
    const spanWhere = `${place}, span ${k + 1}`;
    if (forms[0] === 'spans') {
      if (typeof item !== 'object' || item === null || Array.isArray(item)) throw new ImportError(`${spanWhere}: a span must be an object {"start", "end", "label"}.`);
      const s = item as Record<string, unknown>;
      if (s.text !== undefined && typeof s.text !== 'string') throw new ImportError(`${spanWhere}: the span's "text" must be a string.`);
      return { start: s.start as number, end: s.end as number, label: labelOf(s.label, spanWhere), text: s.text as string | undefined, where: spanWhere };
    }
    if (!Array.isArray(item) || item.length < 3) throw new ImportError(`${spanWhere}: a span must be a list [start, end, "label"].`);
    return { start: item[0] as number, end: item[1] as number, label: labelOf(item[2], spanWhere), where: spanWhere };
  });
  attachSpacing(r.tagSpacing, spans, where, unit);
  return { id: r.id, where, text: r.text as string | undefined, spans, unit };
}

function labelOf(label: unknown, where: string): string {
  if (typeof label !== 'string') throw new ImportError(`${where}: the label must be a string (got ${JSON.stringify(label) ?? 'nothing'}).`);
  return label;
}

function attachSpacing(value: unknown, spans: ImportSpan[], where: string, unit: OffsetUnit): void {
  if (value === undefined) return;
  if (!Array.isArray(value)) throw new ImportError(`${where}: "tagSpacing" must be a list of {"start", "end", "open", "close"}.`);
  const byOffsets = new Map<string, ImportSpan>();
  for (const s of spans) byOffsets.set(`${s.start}:${s.end}`, s);
  for (const entry of value) {
    const e = entry as Partial<TagSpacingEntry> | null;
    const span = e && typeof e === 'object' ? byOffsets.get(`${e.start}:${e.end}`) : undefined;
    if (!e || !span) throw new ImportError(`${where}: the "tagSpacing" entry ${JSON.stringify(entry)} matches no span (start and end in ${unit === 'utf16' ? 'UTF-16 units' : 'code points'}).`);
    for (const key of ['open', 'close'] as const) {
      if (e[key] === undefined) continue;
      if (typeof e[key] !== 'string') throw new ImportError(`${where}: "tagSpacing" ${key} must be a string of spaces.`);
      span[key] = e[key];
    }
  }
}
