// CoNLL (2003 style): one token a line, `TOKEN MISC TAG`, a blank line after
// each sentence (a line of the cable), `-DOCSTART- MISC O` before each cable.
// Tokens are the untagged text's whitespace-separated words, cut again where a
// tag starts or ends inside a word. MISC is `_` or CoNLL-U-style `Key=Value`
// pairs joined by `|`: `SpaceAfter=No`, `SpacesAfter=\s\n` (the exact
// whitespace after the token, escaped), `TagOpen=`/`TagClose=` (a tag's
// spacing where it is not `[TYPE text  ]`); on -DOCSTART-: `id=` (the file
// name), `Scheme=`, `SpacesBefore=`.

import { CableData } from './document';
import { ImportError, ImportRecord, ImportSpan, ImportToken } from './import';
import { isTokenSpace } from './offsets';

export type TagScheme = 'iob2' | 'iob1' | 'bioes';
export const TAG_SCHEMES: readonly TagScheme[] = ['iob2', 'iob1', 'bioes'];

export const DOCSTART = '-DOCSTART-';

interface Token {
  start: number;
  end: number;
  /** Index of the span holding the token, or -1. */
  span: number;
}

/** The untagged text's tokens: whitespace-separated, cut at span edges. */
export function tokenize(text: string, spans: ReadonlyArray<{ start: number; end: number }>): Token[] {
  const tokens: Token[] = [];
  let next = 0; // the next span that may hold or follow the position
  let i = 0;
  while (i < text.length) {
    if (isTokenSpace(text.charCodeAt(i))) {
      i++;
      continue;
    }
    while (next < spans.length && spans[next].end <= i) next++;
    const inside = next < spans.length && spans[next].start <= i;
    const limit = next < spans.length ? (inside ? spans[next].end : spans[next].start) : text.length;
    const start = i;
    while (i < text.length && i < limit && !isTokenSpace(text.charCodeAt(i))) i++;
    tokens.push({ start, end: i, span: inside ? next : -1 });
  }
  return tokens;
}

/** A cable in CoNLL, ending with a blank line. */
export function conllDocument(data: CableData, scheme: TagScheme): string {
  const { text, spans } = data;
  const tokens = tokenize(text, spans);
  const head = [`id=${escapeValue(data.id)}`, `Scheme=${scheme}`];
  const leading = text.slice(0, tokens.length > 0 ? tokens[0].start : text.length);
  if (leading !== '') head.push(`SpacesBefore=${escapeValue(leading)}`);
  const out: string[] = [`${DOCSTART} ${head.join('|')} O`, ''];
  let sentenceStart = true;
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    const after = text.slice(t.end, k + 1 < tokens.length ? tokens[k + 1].start : text.length);
    const lineEnds = /[\r\n]/.test(after);
    const misc: string[] = [];
    if (after === '') misc.push('SpaceAfter=No');
    else if (after !== ' ') misc.push(`SpacesAfter=${escapeValue(after)}`);
    let tag = 'O';
    if (t.span >= 0) {
      const span = spans[t.span];
      const first = t.start === span.start;
      const last = t.end === span.end;
      if (first && span.open !== undefined) misc.push(`TagOpen=${escapeValue(span.open)}`);
      if (last && span.close !== undefined) misc.push(`TagClose=${escapeValue(span.close)}`);
      const prev = sentenceStart ? undefined : tokens[k - 1];
      tag = `${prefix(scheme, first, last, prev !== undefined && prev.span >= 0 && prev.span !== t.span && spans[prev.span].label === span.label)}-${span.label}`;
    }
    const word = text.slice(t.start, t.end);
    out.push(`${word} ${misc.length > 0 ? misc.join('|') : '_'} ${tag}`);
    sentenceStart = lineEnds;
    if (lineEnds || k + 1 === tokens.length) out.push('');
  }
  return out.join('\n') + '\n';
}

/** The B/I/E/S letter of an entity's token. `afterSameType`: the token before belongs to another entity of the same type. */
function prefix(scheme: TagScheme, first: boolean, last: boolean, afterSameType: boolean): string {
  if (scheme === 'iob2') return first ? 'B' : 'I';
  if (scheme === 'iob1') return first && afterSameType ? 'B' : 'I';
  if (first && last) return 'S';
  return first ? 'B' : last ? 'E' : 'I';
}

/** Whether a cable's CoNLL would start a line with -DOCSTART- (a word of its text), which would read as a new document. */
export function docstartToken(data: CableData): number | undefined {
  for (const t of tokenize(data.text, data.spans)) if (data.text.slice(t.start, t.end) === DOCSTART) return t.start;
  return undefined;
}

// ------------------------------------------------------------ escapes

/** CoNLL-U's escapes for MISC values: \s space, \t, \n, \r, \p for |, \\; \uXXXX for other whitespace. */
export function escapeValue(value: string): string {
  let out = '';
  for (const ch of value) {
    const c = ch.charCodeAt(0);
    if (ch === ' ') out += '\\s';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '|') out += '\\p';
    else if (ch === '\\') out += '\\\\';
    else if (isTokenSpace(c) || c < 0x20) out += `\\u${c.toString(16).toUpperCase().padStart(4, '0')}`;
    else out += ch;
  }
  return out;
}

export function unescapeValue(value: string, where: string): string {
  return value.replace(/\\(u[0-9A-Fa-f]{4}|.)|\\$/g, (all, code: string | undefined) => {
    if (code === undefined) throw new ImportError(`${where}: "${value}" ends with a lone "\\".`);
    if (code.length === 5) return String.fromCharCode(parseInt(code.slice(1), 16));
    const plain: Record<string, string> = { s: ' ', t: '\t', n: '\n', r: '\r', p: '|', '\\': '\\' };
    if (plain[code] === undefined) throw new ImportError(`${where}: unknown escape "${all}" in "${value}" (use \\s, \\t, \\n, \\r, \\p, \\\\ or \\uXXXX).`);
    return plain[code];
  });
}

// ------------------------------------------------------------ reading

interface ReadToken {
  text: string;
  tag: string;
  line: number;
  /** Whitespace after it, when the MISC column says. */
  after?: string;
  open?: string;
  close?: string;
  /** Offsets in the rebuilt text. */
  start?: number;
  end?: number;
}

interface ReadDocument {
  id: string;
  line: number;
  scheme?: TagScheme;
  before: string;
  sentences: ReadToken[][];
}

/**
 * The documents of a CoNLL text. The scheme is `scheme` if given, else the
 * one each -DOCSTART- line names, else IOB2; tags that break it are errors.
 * Without a MISC column, tokens are joined by a space and sentences by a line break.
 */
export function readConll(content: string, source: string, scheme?: TagScheme): ImportRecord[] {
  const docs: ReadDocument[] = [];
  let doc: ReadDocument | undefined;
  let sentence: ReadToken[] = [];
  const endSentence = () => {
    if (doc && sentence.length > 0) doc.sentences.push(sentence);
    sentence = [];
  };
  const lines = content.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    const line = lines[i].replace(/\r$/, '');
    const where = `${source}:${lineNo}`;
    if (/^[ \t]*$/.test(line)) {
      endSentence();
      continue;
    }
    const cols = line.split(/[ \t]+/).filter((c) => c !== '');
    if (cols[0] === DOCSTART) {
      endSentence();
      const misc = cols.length >= 3 ? parseMisc(cols[cols.length - 2], where) : new Map<string, string>();
      const id = misc.get('id');
      if (id === undefined || id === '') throw new ImportError(`${where}: the -DOCSTART- line names no cable: write it as "-DOCSTART- id=FILE_NAME O" (the cable's file name).`);
      const named = misc.get('Scheme');
      if (named !== undefined && !(TAG_SCHEMES as readonly string[]).includes(named)) throw new ImportError(`${where}: unknown Scheme=${named} (use ${TAG_SCHEMES.join(', ')}).`);
      if (named !== undefined && scheme !== undefined && named !== scheme) throw new ImportError(`${where}: the document says Scheme=${named}, but --scheme ${scheme} was given.`);
      doc = { id, line: lineNo, scheme: (named as TagScheme | undefined) ?? scheme, before: misc.get('SpacesBefore') ?? '', sentences: [] };
      docs.push(doc);
      continue;
    }
    if (!doc) throw new ImportError(`${where}: a token before the first -DOCSTART- line; each cable starts with "-DOCSTART- id=FILE_NAME O".`);
    if (cols.length < 2) throw new ImportError(`${where}: the line has no tag column ("TOKEN TAG" or "TOKEN MISC TAG").`);
    const token: ReadToken = { text: cols[0], tag: cols[cols.length - 1], line: lineNo };
    const miscColumn = cols.length >= 3 ? cols[cols.length - 2] : undefined;
    if (miscColumn !== undefined && (miscColumn === '_' || miscColumn.includes('='))) {
      const misc = parseMisc(miscColumn, where);
      const no = misc.get('SpaceAfter');
      const spaces = misc.get('SpacesAfter');
      if (spaces !== undefined && ![...spaces].every((ch) => isTokenSpace(ch.charCodeAt(0)))) {
        throw new ImportError(`${where}: SpacesAfter=${escapeValue(spaces)} holds more than white space; it is the exact white space after the token, escaped (\\s, \\t, \\n, \\r, \\uXXXX).`);
      }
      token.after = spaces ?? (no === 'No' ? '' : ' ');
      if (misc.has('TagOpen')) token.open = misc.get('TagOpen');
      if (misc.has('TagClose')) token.close = misc.get('TagClose');
    }
    sentence.push(token);
  }
  endSentence();
  return docs.map((d) => toRecord(d, source));
}

function parseMisc(column: string, where: string): Map<string, string> {
  const misc = new Map<string, string>();
  if (column === '_') return misc;
  for (const part of column.split('|')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue; // not a Key=Value pair: not ours
    misc.set(part.slice(0, eq), unescapeValue(part.slice(eq + 1), where));
  }
  return misc;
}

function toRecord(doc: ReadDocument, source: string): ImportRecord {
  const scheme = doc.scheme ?? 'iob2';
  const parts: string[] = [doc.before];
  let length = doc.before.length;
  const tokens: ImportToken[] = [];
  const spans: ImportSpan[] = [];
  for (const sentence of doc.sentences) {
    const entities = decode(sentence, scheme, source);
    sentence.forEach((t, k) => {
      const start = length;
      parts.push(t.text);
      length += t.text.length;
      tokens.push({ text: t.text, start, end: length, where: `${source}:${t.line}` });
      const after = t.after ?? (k + 1 < sentence.length ? ' ' : '\n');
      t.start = start;
      t.end = length;
      parts.push(after);
      length += after.length;
    });
    for (const e of entities) {
      const first = sentence[e.first];
      const last = sentence[e.last];
      const span: ImportSpan = { start: first.start!, end: last.end!, label: e.label, where: `${source}:${first.line}` };
      if (first.open !== undefined) span.open = first.open;
      if (last.close !== undefined) span.close = last.close;
      spans.push(span);
    }
  }
  return { id: doc.id, where: `${source}:${doc.line} (id ${JSON.stringify(doc.id)})`, text: parts.join(''), spans, unit: 'utf16', tokens };
}

interface Entity {
  first: number;
  last: number;
  label: string;
}

/** The entities of a sentence's tags under a scheme; a tag the scheme does not allow is an error naming its line. */
function decode(sentence: ReadToken[], scheme: TagScheme, source: string): Entity[] {
  const entities: Entity[] = [];
  let open: Entity | undefined; // an entity that the next token may continue
  let ended = true; // BIOES: the open entity has had its E- (or S-)
  const name = scheme.toUpperCase();
  const fail = (t: ReadToken, why: string) => {
    throw new ImportError(`${source}:${t.line}: ${t.tag} ${why}${scheme === 'iob2' ? ' (if the file is IOB1, give --scheme iob1)' : ''}.`);
  };
  sentence.forEach((t, k) => {
    if (t.tag === 'O') {
      if (scheme === 'bioes' && !ended) fail(t, `follows ${sentence[k - 1].tag}: in BIOES an entity ends with E- or S-`);
      open = undefined;
      return;
    }
    const m = /^([BIES])-(.+)$/.exec(t.tag);
    if (!m) throw new ImportError(`${source}:${t.line}: "${t.tag}" is not a tag: use O, or B-, I-${scheme === 'bioes' ? ', E-, S-' : ''} followed by the type.`);
    const [, letter, label] = m;
    if (scheme !== 'bioes' && (letter === 'E' || letter === 'S')) fail(t, `is not an ${name} tag (E- and S- are BIOES; give --scheme bioes)`);
    const continues = open !== undefined && open.label === label;
    if (letter === 'I' || letter === 'E') {
      if (continues && (scheme !== 'bioes' || !ended)) {
        open!.last = k;
        if (letter === 'E') ended = true;
        return;
      }
      if (scheme === 'iob2') fail(t, `does not continue ${article(label)} ${label} entity: in IOB2 an entity starts with B-${label}`);
      if (scheme === 'bioes') fail(t, `does not continue ${article(label)} ${label} entity begun with B-${label}`);
    } else if (scheme === 'bioes' && !ended) {
      fail(t, `follows ${sentence[k - 1].tag}: in BIOES an entity ends with E- or S-`);
    }
    open = { first: k, last: k, label };
    entities.push(open);
    ended = letter === 'S';
  });
  if (scheme === 'bioes' && !ended) {
    const t = sentence[sentence.length - 1];
    fail(t, `ends the sentence inside an entity: in BIOES an entity ends with E- or S-`);
  }
  return entities;
}

/** "a" or "an" before a type name (an ORG, a PER). */
function article(label: string): string {
  return /^[AEIOUaeiou]/.test(label) ? 'an' : 'a';
}
