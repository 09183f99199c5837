// brat standoff: `NAME.txt` holds the untagged text, `NAME.ann` one line per
// tag, `T1<TAB>PER 10 24<TAB>Steven Costner`, offsets in code points. NAME is
// the cable's file name (`09ABUJA1907.cable.txt`). A tag whose spacing is not
// `[TYPE text  ]` gets an annotator note: `#1<TAB>AnnotatorNotes T3<TAB>tagSpacing {"close":"   "}`.

import { CableData } from './document';
import { ImportError, ImportRecord, ImportSpan } from './import';
import { OffsetMap } from './offsets';

const SPACING_NOTE = 'tagSpacing ';

export interface BratFiles {
  txt: string;
  ann: string;
}

export function bratFiles(data: CableData): BratFiles {
  const offsets = new OffsetMap(data.text);
  const lines: string[] = [];
  const notes: string[] = [];
  data.spans.forEach((s, k) => {
    const id = `T${k + 1}`;
    lines.push(`${id}\t${s.label} ${offsets.toCodePoints(s.start)} ${offsets.toCodePoints(s.end)}\t${data.text.slice(s.start, s.end)}`);
    if (s.open !== undefined || s.close !== undefined) {
      const spacing: { open?: string; close?: string } = {};
      if (s.open !== undefined) spacing.open = s.open;
      if (s.close !== undefined) spacing.close = s.close;
      notes.push(`#${notes.length + 1}\tAnnotatorNotes ${id}\t${SPACING_NOTE}${JSON.stringify(spacing)}`);
    }
  });
  const all = [...lines, ...notes];
  return { txt: data.text, ann: all.length > 0 ? all.join('\n') + '\n' : '' };
}

/** brat file names for a cable: its file name with `.txt` and `.ann` added. */
export function bratNames(id: string): BratFiles {
  return { txt: `${id}.txt`, ann: `${id}.ann` };
}

/**
 * A record from a `.ann` (and its `.txt`, when there is one; without it the
 * spans are over the target cable's text). Entities only: relations, events,
 * attributes and normalizations are left out, each kind named in `notes`.
 */
export function readBrat(id: string, txt: string | undefined, ann: string, annSource: string, notes: string[] = []): ImportRecord {
  const spans: ImportSpan[] = [];
  const byId = new Map<string, ImportSpan>();
  const leftOut = new Map<string, number>();
  const spacingNotes: Array<{ target: string; value: string; where: string }> = [];
  const lines = ann.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].replace(/\r$/, '');
    if (line.trim() === '') continue;
    const where = `${annSource}:${i + 1}`;
    const fields = line.split('\t');
    const kind = line[0];
    if (kind === 'T') {
      if (fields.length < 3) throw new ImportError(`${where}: a text-bound annotation reads "T1<TAB>TYPE START END<TAB>TEXT".`);
      const m = /^(\S+) (\d+) (\d+)$/.exec(fields[1]);
      if (!m) {
        if (/^\S+ \d+ \d+(;\d+ \d+)+$/.test(fields[1])) throw new ImportError(`${where}: ${fields[0]} is discontinuous (${fields[1]}); a tag covers one stretch of text.`);
        throw new ImportError(`${where}: "${fields[1]}" is not "TYPE START END".`);
      }
      if (byId.has(fields[0])) throw new ImportError(`${where}: ${fields[0]} is defined twice.`);
      const span: ImportSpan = { start: Number(m[2]), end: Number(m[3]), label: m[1], text: fields.slice(2).join('\t'), where: `${where} (${fields[0]})` };
      byId.set(fields[0], span);
      spans.push(span);
    } else if (kind === '#') {
      const target = /^AnnotatorNotes (\S+)$/.exec(fields[1] ?? '');
      const value = fields.slice(2).join('\t');
      if (target && value.startsWith(SPACING_NOTE)) spacingNotes.push({ target: target[1], value: value.slice(SPACING_NOTE.length), where });
      else leftOut.set('note', (leftOut.get('note') ?? 0) + 1);
    } else if ('REAMN*'.includes(kind)) {
      const name = { R: 'relation', E: 'event', A: 'attribute', M: 'attribute', N: 'normalization', '*': 'equivalence' }[kind]!;
      leftOut.set(name, (leftOut.get(name) ?? 0) + 1);
    } else {
      throw new ImportError(`${where}: not a brat annotation line (T, R, E, A, M, N, * or #).`);
    }
  }
  for (const note of spacingNotes) {
    const span = byId.get(note.target);
    if (!span) throw new ImportError(`${note.where}: the note is for ${note.target}, which is not an entity of this file.`);
    let value: unknown;
    try {
      value = JSON.parse(note.value);
    } catch (error) {
      throw new ImportError(`${note.where}: the tagSpacing note is not valid JSON: ${(error as Error).message}`);
    }
    const v = value as { open?: unknown; close?: unknown } | null;
    if (typeof v !== 'object' || v === null || (v.open !== undefined && typeof v.open !== 'string') || (v.close !== undefined && typeof v.close !== 'string')) {
      throw new ImportError(`${note.where}: the tagSpacing note must be {"open": "…", "close": "…"}.`);
    }
    if (typeof v.open === 'string') span.open = v.open;
    if (typeof v.close === 'string') span.close = v.close;
  }
  for (const [name, n] of leftOut) notes.push(`${annSource}: ${n} ${name}${n === 1 ? '' : 's'} left out (a tag holds only an entity and its type).`);
  return { id, where: `${annSource} (id ${JSON.stringify(id)})`, text: txt, spans, unit: 'codepoints', unitFixed: true };
}
