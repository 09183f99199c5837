// tag-boundary: a tag that starts or ends inside a word, judged on the text
// without markup (`[PER Bono-  ]Rumsfeld` reads `Bono-Rumsfeld`). What a word
// is, and which positions inside one are still edges, is in ../words.ts. Two
// kinds: a word cut in two (`[LOC Ukraine re  ]quested`), and a hyphen left
// inside the tag while it joins the word outside (`[ORG EU-  ]3`,
// `[MISC Algerian-  ]born`); each comes with the fixes that put the edge on
// the word's edge.

import { closingConvention } from '../conventions';
import { lineEndAt, lineStartAt } from '../lineIndex';
import { TextEdit, moveTagEdits, normaliseEdits } from '../edits';
import { CableDocument, EntityMention, Problem } from '../model';
import { MAX_PROBLEMS, tagsOf } from '../parser';
import { PlainText, plainText, plainTextOf } from '../plainText';
import { F, Flag } from '../tagTable';
import { endEdgeAfter, isEndEdge, isSplitterAt, isStartEdge, nextWordPart, previousWordPart, startEdgeBefore } from '../words';

export interface BoundaryFix {
  title: string;
  edits: TextEdit[];
}

export interface BoundaryFinding {
  /** Index of the tag in `doc.mentions`. */
  mention: number;
  edge: 'start' | 'end';
  kind: 'word' | 'hyphen';
  /** The word the edge falls in, without markup: `requested`, `Bono-Rumsfeld` (the parts around a hyphen). */
  word: string;
  problem: Problem;
  /** Made on first read. */
  readonly fixes: BoundaryFix[];
}

const findings = new WeakMap<CableDocument, BoundaryFinding[]>();

export function boundaryFindings(doc: CableDocument): BoundaryFinding[] {
  let found = findings.get(doc);
  if (!found) findings.set(doc, (found = find(doc)));
  return found;
}

export function boundaryProblems(doc: CableDocument): Problem[] {
  return boundaryFindings(doc).map((f) => f.problem);
}

/** A tag the boundary rule looks at: closed, on one line, not nested, with text. */
export function isWellFormed(m: EntityMention): boolean {
  return m.closeSpan !== undefined && !m.multiline && !m.nested && !m.containsTag && m.text.length > 0;
}

function find(doc: CableDocument): BoundaryFinding[] {
  const table = tagsOf(doc);
  const d = table.data;
  const text = doc.text;
  const out: BoundaryFinding[] = [];
  let line: { plain: PlainText; to: number } | undefined;
  let lastEnd: { plain: PlainText; at: number } | undefined;
  for (let index = 0; index < table.count && out.length < MAX_PROBLEMS; index++) {
    const o = index * F.Stride;
    if (d[o + F.Close] < 0 || (d[o + F.Flags] & (Flag.Multiline | Flag.Nested | Flag.ContainsTag)) !== 0) continue;
    // White space or plain punctuation (or the text's edge) right outside a tag: no word runs
    // across it, so neither edge can be inside a word. Most tags stop here, without the plain text.
    if (endsWords(text, d[o + F.Start] - 1) && endsWords(text, d[o + F.End])) continue;
    const m = table.view(index);
    if (!isWellFormed(m)) continue;
    // Words never cross a line break: the tag's line is all the plain text the rule needs.
    if (!line || d[o + F.Start] >= line.to) {
      const from = lineStartAt(text, d[o + F.Start]);
      const to = lineEndAt(text, d[o + F.End]);
      const local = plainTextOf(doc, from, to);
      // Malformed markup across the line's edges: the whole cable's plain text, for every tag left.
      line = local ? { plain: local, to } : { plain: plainText(doc), to: Number.MAX_SAFE_INTEGER };
    }
    const plain = line.plain;
    const pt = plain.text;
    const ps = plain.toPlain(m.textSpan.start);
    const pe = plain.toPlain(m.textSpan.end);
    // Two tags meeting inside a word (`[X Foo  ][Y bar  ]`) are reported once, on the first.
    if (!isStartEdge(pt, ps) && !(lastEnd?.plain === plain && ps === lastEnd.at)) out.push(finding(doc, plain, m, index, 'start', ps, pe));
    if (!isEndEdge(pt, pe)) {
      out.push(finding(doc, plain, m, index, 'end', ps, pe));
      lastEnd = { plain, at: pe };
    }
  }
  return out;
}

/**
 * Whether the character at `i` is plain text that no word runs across: white
 * space, or punctuation that never joins word characters (`,` `(` `"` `“` `¶`
 * …; not `.` `'` `’` `&` `-` `/`, and not `[` `]`, which may be tag markup), or
 * `i` is outside the text.
 */
function endsWords(text: string, i: number): boolean {
  if (i < 0 || i >= text.length) return true;
  const c = text.charCodeAt(i);
  if (c < 128) return BREAKS_WORDS[c] === 1;
  return c === 0x201c || c === 0x201d || c === 0xb6 || c === 0xa0;
}

const BREAKS_WORDS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const alnum = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  BREAKS_WORDS[c] = alnum || '.\'&-/[]'.includes(String.fromCharCode(c)) ? 0 : 1;
}

function finding(doc: CableDocument, plain: PlainText, m: EntityMention, index: number, edge: 'start' | 'end', ps: number, pe: number): BoundaryFinding {
  const pt = plain.text;
  const at = edge === 'start' ? ps : pe;
  const kind = (edge === 'start' ? isSplitterAt(pt, ps) : isSplitterAt(pt, pe - 1)) ? 'hyphen' : 'word';
  // The word parts the edge falls between: `re|quested`, `Bono-|Rumsfeld`.
  const part =
    kind === 'word'
      ? { start: startEdgeBefore(pt, at), end: endEdgeAfter(pt, at) }
      : edge === 'end'
        ? { start: startEdgeBefore(pt, pe - 1), end: endEdgeAfter(pt, pe) }
        : { start: startEdgeBefore(pt, ps), end: endEdgeAfter(pt, ps + 1) };
  const word = pt.slice(part.start, part.end);
  const tag = `[${m.type} ${m.text}${' '.repeat(closingConvention(doc))}]`;
  const span = { start: plain.startAt(part.start), end: plain.endAt(part.end) };
  let message: string;
  if (kind === 'word') {
    message =
      edge === 'end'
        ? `Tag boundary: ${tag} ends inside the word "${word}". End the tag before the word, or after it.`
        : `Tag boundary: ${tag} starts inside the word "${word}". Start the tag after the word, or before it.`;
  } else {
    message =
      edge === 'end'
        ? `Tag boundary: ${tag} ends with the hyphen of "${word}", which joins it to the next word outside the tag. Take the hyphen out of the tag, or tag the whole word.`
        : `Tag boundary: ${tag} starts with the hyphen of "${word}", which joins it to the word before the tag. Take the hyphen out of the tag, or tag the whole word.`;
  }
  const problem: Problem = { code: 'tag-boundary', span, message, data: { mention: index, edge, kind } };
  // The fixes only when a code action asks: most findings are only shown.
  let fixes: BoundaryFix[] | undefined;
  return {
    mention: index,
    edge,
    kind,
    word,
    problem,
    get fixes() {
      return (fixes ??= fixesFor(doc, plain, m, edge, kind, ps, pe));
    },
  };
}

function fixesFor(doc: CableDocument, plain: PlainText, m: EntityMention, edge: 'start' | 'end', kind: 'word' | 'hyphen', ps: number, pe: number): BoundaryFix[] {
  const pt = plain.text;
  const text = doc.text;
  const close = ' '.repeat(closingConvention(doc));
  const tagOf = (from: number, to: number, type = m.type) => `[${type} ${pt.slice(from, to)}${close}]`;
  // The tag's edge can move over plain text [pe, to) or [from, ps) only when no other markup lies there.
  const freeAfter = (to: number) => plain.endAt(to) - m.closeSpan!.end === to - pe;
  const freeBefore = (from: number) => m.openSpan.start - plain.startAt(from) === ps - from;
  const fixes: BoundaryFix[] = [];
  const moved = (title: string, newStart: number, newEnd: number) => {
    const start = newStart === ps ? m.textSpan.start : plain.startAt(newStart);
    const end = newEnd === pe ? m.textSpan.end : plain.endAt(newEnd);
    fixes.push({ title, edits: moveTagEdits(doc, m, start, end) });
  };
  if (edge === 'end') {
    const rest = endEdgeAfter(pt, pe);
    if (kind === 'word') {
      const before = previousWordPart(pt, startEdgeBefore(pt, pe, ps), ps);
      if (before) moved(`Shrink the tag to ${tagOf(ps, before.end)}`, ps, before.end);
      if (freeAfter(rest)) moved(`Extend the tag to ${tagOf(ps, rest)}`, ps, rest);
    } else {
      const next = nextWordPart(pt, pe);
      const nextText = next ? pt.slice(next.start, next.end) : '';
      if (pe - 1 > ps) moved(`Take the hyphen out of the tag: ${tagOf(ps, pe - 1)}${pt[pe - 1]}${nextText}`, ps, pe - 1);
      if (next && next.start === pe && freeAfter(next.end)) {
        moved(`Tag the whole word: ${tagOf(ps, next.end)}`, ps, next.end);
        if (pe - 1 > ps && /^\p{Lu}/u.test(nextText)) {
          const partStart = plain.startAt(next.start);
          const partEnd = plain.endAt(next.end);
          const edits = normaliseEdits(text, [
            ...moveTagEdits(doc, m, m.textSpan.start, plain.endAt(pe - 1)),
            { span: { start: partStart, end: partStart }, newText: `[${m.type} ` },
            { span: { start: partEnd, end: partEnd }, newText: `${close}]` },
          ]);
          fixes.push({ title: `Tag each part as ${m.type}: ${tagOf(ps, pe - 1)}${pt[pe - 1]}${tagOf(next.start, next.end)}`, edits });
        }
      }
    }
  } else if (kind === 'word') {
    const after = nextWordPart(pt, endEdgeAfter(pt, ps, pe), pe);
    if (after) moved(`Shrink the tag to ${tagOf(after.start, pe)}`, after.start, pe);
    const before = startEdgeBefore(pt, ps);
    if (freeBefore(before)) moved(`Extend the tag to ${tagOf(before, pe)}`, before, pe);
  } else {
    const previous = previousWordPart(pt, ps);
    const previousText = previous ? pt.slice(previous.start, previous.end) : '';
    if (pe > ps + 1) moved(`Take the hyphen out of the tag: ${previousText}${pt[ps]}${tagOf(ps + 1, pe)}`, ps + 1, pe);
    if (previous && previous.end === ps && freeBefore(previous.start)) moved(`Tag the whole word: ${tagOf(previous.start, pe)}`, previous.start, pe);
  }
  return fixes;
}
