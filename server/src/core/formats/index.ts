// Data in and out: a cable exported to JSONL, CoNLL or brat, and annotations
// in those formats (exports, or a model's output) imported as tagged cables.
// Exports are exact: importing an export gives the file back byte for byte.

import { BratFiles, bratFiles } from './brat';
import { DOCSTART, TagScheme, conllDocument, docstartToken, readConll } from './conll';
import { CableRefusal, cableData } from './document';
import { ImportError, ImportRecord } from './import';
import { JsonlFlavour, jsonlRecord, readJsonl } from './jsonl';
import { LineIndex } from '../lineIndex';
import { OffsetUnit } from './offsets';
import { stripMarkup } from './strip';

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
export type ExportResult = { text: string } | { brat: BratFiles } | { refusal: CableRefusal };

/** One cable in a format. `id` is its file name. */
export function exportCable(id: string, fileText: string, options: ExportOptions): ExportResult {
  const found = cableData(id, fileText, options.entityTypes);
  if ('refusal' in found) return found;
  const data = options.stripMarkup ? stripMarkup(found.data) : found.data;
  switch (options.format) {
    case 'jsonl':
      return { text: jsonlRecord(data, { flavour: options.flavour ?? 'spacy', offsets: options.offsets ?? 'codepoints' }) };
    case 'conll': {
      if (docstartToken(data) !== undefined) {
        const p = new LineIndex(fileText).positionAt(fileText.indexOf(DOCSTART));
        return { refusal: { line: p.line + 1, column: p.character + 1, message: `The word "${DOCSTART}" would read as the start of another cable in CoNLL.` } };
      }
      return { text: conllDocument(data, options.scheme ?? 'iob2') };
    }
    case 'brat':
      return { brat: bratFiles(data) };
  }
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
