// Data in and out: a cable exported to JSONL, CoNLL or brat, and annotations
// in those formats (exports, or a model's output) imported as tagged cables.
// Exports are exact: importing an export gives the file back byte for byte.

import { BratFiles, bratFiles } from './brat';
import { DOCSTART, TagScheme, conllDocument, docstartToken, readConll } from './conll';
import { CableData, CableRefusal, cableData, refusalAt } from './document';
import { ImportError, ImportRecord, loneSurrogate } from './import';
import { JsonlFlavour, jsonlRecord, readJsonl } from './jsonl';
import { OffsetUnit, isTokenSpace } from './offsets';
import { MarkupMap, stripMarkup } from './strip';

export type ExportFormat = 'jsonl' | 'conll' | 'brat';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['jsonl', 'conll', 'brat'];

export interface ExportOptions {
  format: ExportFormat;
  /** CoNLL: iob2 (default), iob1 or bioes. */
  scheme?: TagScheme;
  /** JSONL: spacy (default) or doccano. */
  flavour?: JsonlFlavour;
  /** JSONL: codepoints (default) or utf16. */
  offsets?: OffsetUnit;
  /** Drop the `<code><pre>` wrapper and the paragraph anchors (not reversible). */
  stripMarkup?: boolean;
  /** How the cable is parsed (which `[WORD ` opens a tag); default PER, ORG, LOC, MISC. */
  entityTypes?: readonly string[];
}

/** JSONL and CoNLL: a piece of the output file; brat: the two files; or why the cable cannot be exported. */
export type ExportResult = ({ text: string } | { brat: BratFiles }) & { notes?: CableRefusal[] } | { refusal: CableRefusal };

/** One cable in a format. `id` is its file name. */
export function exportCable(id: string, fileText: string, options: ExportOptions): ExportResult {
  const found = cableData(id, fileText, options.entityTypes);
  if ('refusal' in found) return found;
  const notes = options.stripMarkup ? tagsOfMarkupOnly(found.data, fileText) : [];
  const exported = exportData(found.data, fileText, options);
  return notes.length > 0 && !('refusal' in exported) ? { ...exported, notes } : exported;
}

function exportData(cable: CableData, fileText: string, options: ExportOptions): ExportResult {
  const data = options.stripMarkup ? stripMarkup(cable) : cable;
  switch (options.format) {
    case 'jsonl':
      return { text: jsonlRecord(data, { flavour: options.flavour ?? 'spacy', offsets: options.offsets ?? 'codepoints' }) };
    case 'conll': {
      if (docstartToken(data) !== undefined) {
        return { refusal: refusalAt(fileText, fileText.indexOf(DOCSTART), `The word "${DOCSTART}" would read as the start of another cable in CoNLL.`) };
      }
      const spaced = spaceAtTagEdge(data, fileText, data !== cable);
      if (spaced) return { refusal: spaced };
      return { text: conllDocument(data, options.scheme ?? 'iob2') };
    }
    case 'brat':
      return { brat: bratFiles(data) };
  }
}

/**
 * A tag whose text starts or ends with a character CoNLL takes for a space
 * between tokens (U+2009, U+3000, …; the tag's own spacing is spaces, tabs
 * and U+00A0): its first or last token would not be the tag's edge. `data` is
 * what is written (stripped with --strip-markup, where the place named is the
 * tag's).
 */
function spaceAtTagEdge(data: CableData, fileText: string, stripped: boolean): CableRefusal | undefined {
  const k = data.spans.findIndex((s) => isTokenSpace(data.text.charCodeAt(s.start)) || isTokenSpace(data.text.charCodeAt(s.end - 1)));
  if (k < 0) return undefined;
  const s = data.spans[k];
  const atStart = isTokenSpace(data.text.charCodeAt(s.start));
  const edge = atStart ? s.start : s.end - 1;
  const code = data.text.charCodeAt(edge).toString(16).toUpperCase().padStart(4, '0');
  const what = stripped ? 'once its markup is stripped' : '';
  return refusalAt(
    fileText,
    data.textStarts[k] + (stripped ? 0 : edge - s.start),
    `The tag [${s.label} ${atStart ? 'starts' : 'ends'} with U+${code}${what ? ` ${what}` : ''}, which CoNLL reads as a space between words, so the tag's edge would be lost. Move the character out of the tag, or export to JSONL or brat.`,
  );
}

/** --strip-markup: the tags that hold nothing but markup, which the stripped text loses (one note each). */
function tagsOfMarkupOnly(data: CableData, fileText: string): CableRefusal[] {
  const map = new MarkupMap(data.markup);
  const notes: CableRefusal[] = [];
  data.spans.forEach((s, k) => {
    if (map.toStripped(s.end) <= map.toStripped(s.start)) {
      notes.push(refusalAt(fileText, data.textStarts[k], `The tag [${s.label} holds only markup, which --strip-markup removes: it is left out of this export.`));
    }
  });
  return notes;
}

/** The records of a JSONL or CoNLL file. Throws ImportError naming the line. */
export function readAnnotations(format: 'jsonl' | 'conll', content: string, source: string, options: { offsets?: OffsetUnit; scheme?: TagScheme } = {}): ImportRecord[] {
  const text = content.startsWith('\ufeff') ? content.slice(1) : content; // a byte order mark some editors write
  return format === 'jsonl' ? readJsonl(text, source, options.offsets ?? 'codepoints') : readConll(text, source, options.scheme);
}

/** Every id must be a plain file name, once. Throws ImportError. */
export function checkRecordIds(records: ImportRecord[]): void {
  const seen = new Map<string, ImportRecord>();
  for (const r of records) {
    if (!isFileName(r.id)) throw new ImportError(`${r.where}: the id ${JSON.stringify(r.id)} is not a file name (no folders, no "/" or "\\").`);
    if (loneSurrogate(r.id) >= 0) throw new ImportError(`${r.where}: the id ${JSON.stringify(r.id)} holds half of a UTF-16 pair, which a file name in UTF-8 cannot carry.`);
    const bytes = new TextEncoder().encode(r.id).length;
    if (bytes > MAX_FILE_NAME_BYTES) throw new ImportError(`${r.where}: the id is too long for a file name (${bytes} bytes in UTF-8; at most ${MAX_FILE_NAME_BYTES}).`);
    const before = seen.get(r.id);
    if (before) throw new ImportError(`${r.where}: the id ${JSON.stringify(r.id)} is used twice (also at ${before.where}).`);
    seen.set(r.id, r);
  }
}

/** The longest file name most file systems take, in bytes. */
const MAX_FILE_NAME_BYTES = 255;

export function isFileName(id: string): boolean {
  return id !== '' && id !== '.' && id !== '..' && !/[/\\\0]/.test(id);
}

export { BratFiles, bratFiles, bratNames, readBrat } from './brat';
export { TAG_SCHEMES, TagScheme } from './conll';
export { CableData, CableRefusal, DataSpan, TAG_CLOSE, TAG_OPEN, cableData, decodeUtf8, renderCable } from './document';
export { ImportError, ImportOptions, ImportRecord, ImportSpan, ImportTarget, buildCable } from './import';
export { JsonlFlavour } from './jsonl';
export { OffsetMap, OffsetUnit } from './offsets';
export { MarkupMap, stripMarkup } from './strip';
