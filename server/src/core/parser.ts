// The cable parser. It never fails: any text gives a CableDocument plus the
// problems found. Every scan moves forward through the text, so parsing is
// linear in the input size. Entity tags are kept packed (`TagTable`); an
// edited text is parsed again only between the paragraph anchors around the
// edit (`reparseCable`), tags never crossing an anchor there.

import { looksLikeMarking, matchBanner, parseMarking } from './classification';
import {
  Banner,
  CableDocument,
  CaveatMark,
  Dateline,
  EntityMention,
  HeaderField,
  HeaderFieldKind,
  Paragraph,
  PortionMarking,
  Problem,
  Section,
  Span,
  TagsEntry,
  Wrapper,
} from './model';
import { suggestType } from './suggest';
import { DEFAULT_ENTITY_TYPES } from './config';
import { Ev, F, Flag, TagTable, tableOfMentions } from './tagTable';
import { changedRegion } from './textCodes';

/** Past this many, problems are no longer collected: nobody reads them, and they cost memory. */
export const MAX_PROBLEMS = 5000;

export interface ParseOptions {
  entityTypes?: readonly string[];
}

/** What an edit changed, as the incremental parse saw it (offsets in the new text unless `Old`). */
export interface ReparsedRegion {
  /** Where the text parsed again starts (an anchor, or the body's start). */
  from: number;
  /** Where it ends in the new text (an anchor, or the body's end) … */
  to: number;
  /** … and in the old one. */
  toOld: number;
  /** New length minus old length. */
  delta: number;
  /** The edit itself: where the texts start to differ, and where the old one's unchanged end starts. */
  editStart: number;
  editOldEnd: number;
  /** Tags before the region (the same in both texts). */
  tagsBefore: number;
  /** Tags after the region in the old text, and where they start in its table. */
  tagsAfter: number;
  oldTagsAfterStart: number;
}

/** A parsed cable. Its tags are packed; `mentions` and `problems` are made when first read. */
export class ParsedCable implements CableDocument {
  /** What was computed from it (see memo.ts). */
  readonly memo = new Map<string, unknown>();
  private mentionViews: EntityMention[] | undefined;
  private problemList: Problem[] | undefined;

  constructor(
    readonly text: string,
    readonly wrapper: Wrapper,
    readonly body: Span,
    readonly headerSpan: Span,
    readonly dateline: Dateline | undefined,
    readonly banner: Banner | undefined,
    readonly header: HeaderField[],
    readonly tags: TagsEntry[],
    readonly sections: Section[],
    readonly paragraphs: Paragraph[],
    /** The entity tags. */
    readonly table: TagTable,
    /** Parse problems as met: `Ev.Size` fields each (kind, ref, extra). */
    readonly events: Int32Array,
    readonly eventCount: number,
    /** Per paragraph: 1 when no tag was open at its anchor. */
    readonly cleanAt: Uint8Array,
    readonly entityTypes: readonly string[],
    /** Per paragraph, the last offset its parse read (an edit after it leaves it as it is). */
    readonly paragraphReadTo: Int32Array,
    /** Set when this parse reused an older one: what was parsed again. */
    readonly reparsed?: ReparsedRegion,
  ) {}

  get mentions(): EntityMention[] {
    return (this.mentionViews ??= this.table.views());
  }

  get problems(): Problem[] {
    return (this.problemList ??= eventProblems(this));
  }
}

/** The packed tags of any document (documents made by hand get a table made from their mentions). */
export function tagsOf(doc: CableDocument): TagTable {
  if (doc instanceof ParsedCable) return doc.table;
  let t = handMade.get(doc);
  if (!t) handMade.set(doc, (t = tableOfMentions(doc.text, doc.mentions, DEFAULT_ENTITY_TYPES)));
  return t;
}

const handMade = new WeakMap<CableDocument, TagTable>();

export function parseCable(text: string, options: ParseOptions = {}): CableDocument {
  return parse(text, options);
}

function typesOf(options: ParseOptions): readonly string[] {
  return options.entityTypes && options.entityTypes.length > 0 ? options.entityTypes : DEFAULT_ENTITY_TYPES;
}

export function parse(text: string, options: ParseOptions = {}): ParsedCable {
  const entityTypes = typesOf(options);
  const { wrapper, body } = parseWrapper(text);
  const found = parseParagraphs(text, body);
  // About one tag per 120 characters in real cables: room for them from the start.
  const scan = new TagScan(text, body, entityTypes, found.paragraphs, new TagTable(text, entityTypes, Math.max(64, (body.end - body.start) >> 7)));
  scan.run(body.start, body.end);
  return finish(text, wrapper, body, found, scan, entityTypes);
}

function finish(text: string, wrapper: Wrapper, body: Span, found: ParagraphScan, scan: TagScan, entityTypes: readonly string[], reparsed?: ReparsedRegion): ParsedCable {
  const paragraphs = found.paragraphs;
  const headerEnd = findHeaderEnd(body, paragraphs);
  const { dateline, banner } = parseBanner(text, body.start, headerEnd);
  const header = parseHeader(text, banner ? banner.span.end : dateline ? dateline.span.end : body.start, headerEnd);
  const tags = parseTagsEntries(text, header);
  const sections = parseSections(text, body);
  return new ParsedCable(text, wrapper, body, { start: body.start, end: headerEnd }, dateline, banner, header, tags, sections, paragraphs, scan.table, scan.events, scan.eventCount, scan.cleanAt, entityTypes, Int32Array.from(found.readTo), reparsed);
}

export { changedRegion };

/**
 * The parse of `text`, an edited version of `prev`'s text: the tags between
 * the clean anchors around the edit are scanned again, the others are taken
 * from `prev` (moved by the edit's length). The structure (anchors, header,
 * sections) is parsed again in full; it is cheap. The result equals
 * `parse(text)`.
 */
export function reparseCable(prev: ParsedCable, text: string, options: ParseOptions = {}): ParsedCable {
  const entityTypes = typesOf(options);
  if (!sameTypes(entityTypes, prev.entityTypes)) return parse(text, options);
  const { start: p, oldEnd, newEnd } = changedRegion(prev.text, text);
  const delta = newEnd - oldEnd;
  const { wrapper, body } = parseWrapper(text);
  const old = prev.body;
  // Edits of the wrapper or at the body's ends change what the body is: parse it all.
  if (body.start !== old.start || p <= body.start || oldEnd >= old.end || newEnd >= body.end || body.end - old.end !== delta) return parse(text, options);
  if (prev.eventCount >= MAX_PROBLEMS / 2) return parse(text, options);
  const found = reparseParagraphs(prev, text, body, p, newEnd, delta);
  const paragraphs = found.paragraphs;
  const headerEnd = findHeaderEnd(body, paragraphs);
  const oldHeaderEnd = prev.headerSpan.end;
  const oldParagraphs = prev.paragraphs;

  // The region starts at the last anchor before the edit that both texts have, with no tag open there.
  let from = body.start;
  let firstAnchor = 0; // index of the first anchor in the region (the same in both texts)
  for (let k = Math.min(oldParagraphs.length, paragraphs.length) - 1; k >= 0; k--) {
    const s = paragraphs[k].anchorSpan.start;
    if (s > p) continue;
    if (oldParagraphs[k].anchorSpan.start !== s) return parse(text, options);
    if (s < headerEnd || s < oldHeaderEnd) break;
    if (prev.cleanAt[k] === 1) {
      from = s;
      firstAnchor = k;
      break;
    }
  }

  // Anchors after the edit are the old ones moved by `delta`.
  const shift = paragraphs.length - oldParagraphs.length;
  const table = new TagTable(text, entityTypes, prev.table.count + 16);
  table.types.length = 0;
  table.types.push(...prev.table.types);
  table.forms = prev.table.forms;
  const candidates: number[] = [];
  for (let k = paragraphs.length - 1; k >= 0; k--) {
    const s = paragraphs[k].anchorSpan.start;
    if (s < newEnd) break;
    const ok = k - shift >= 0 && oldParagraphs[k - shift].anchorSpan.start === s - delta && prev.cleanAt[k - shift] === 1 && s >= headerEnd && s - delta >= oldHeaderEnd;
    if (ok) candidates.push(k);
  }
  candidates.reverse();
  const oldTable = prev.table;
  const tagsBefore = oldTable.firstStartingAtOrAfter(from);
  const eventsBefore = countEventsBefore(prev, from);
  for (let c = 0; c <= candidates.length; c++) {
    const k = c < candidates.length ? candidates[c] : -1;
    const to = k >= 0 ? paragraphs[k].anchorSpan.start : body.end;
    const toOld = k >= 0 ? to - delta : old.end;
    table.count = 0;
    table.grow(oldTable.count + 16);
    table.data.set(oldTable.data.subarray(0, tagsBefore * F.Stride));
    table.count = tagsBefore;
    const scan = new TagScan(text, body, entityTypes, paragraphs, table);
    scan.copyEvents(prev.events, 0, eventsBefore, 0, 0);
    scan.cleanAt.set(prev.cleanAt.subarray(0, firstAnchor));
    const clean = scan.run(from, to, firstAnchor);
    if (!clean) continue;
    // The tags, problems and anchors after the region, moved.
    const oldAfter = oldTable.firstStartingAtOrAfter(toOld);
    const after = oldTable.count - oldAfter;
    const newAfter = table.count;
    table.grow(newAfter + after);
    table.data.set(oldTable.data.subarray(oldAfter * F.Stride, oldTable.count * F.Stride), newAfter * F.Stride);
    table.count = newAfter + after;
    if (delta !== 0) shiftRows(table.data, newAfter, table.count, delta);
    const eventsAfter = countEventsBefore(prev, toOld);
    scan.copyEvents(prev.events, eventsAfter, prev.eventCount, delta, newAfter - oldAfter);
    if (scan.eventCount >= MAX_PROBLEMS / 2) return parse(text, options);
    if (k >= 0) scan.cleanAt.set(prev.cleanAt.subarray(k - shift), k);
    const reparsed: ReparsedRegion = { from, to, toOld, delta, editStart: p, editOldEnd: oldEnd, tagsBefore, tagsAfter: after, oldTagsAfterStart: oldAfter };
    return finish(text, wrapper, body, found, scan, entityTypes, reparsed);
  }
  return parse(text, options);
}

function sameTypes(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((t, i) => t === b[i]);
}

function shiftRows(d: Int32Array, from: number, to: number, delta: number): void {
  for (let i = from; i < to; i++) {
    const o = i * F.Stride;
    d[o + F.Start] += delta;
    d[o + F.TypeEnd] += delta;
    d[o + F.TextStart] += delta;
    d[o + F.TextEnd] += delta;
    d[o + F.End] += delta;
    if (d[o + F.Close] >= 0) d[o + F.Close] += delta;
  }
}

/** How many of `doc`'s problem events belong to tags (or stray brackets) before `offset`. */
function countEventsBefore(doc: ParsedCable, offset: number): number {
  const e = doc.events;
  let n = 0;
  while (n < doc.eventCount) {
    const o = n * Ev.Size;
    const at = e[o] === Ev.Stray ? e[o + 1] : doc.table.start(e[o + 1]);
    if (at >= offset) break;
    n++;
  }
  return n;
}

/** The parse problems of a document, in the order the parser met them. */
function eventProblems(doc: ParsedCable): Problem[] {
  const out: Problem[] = [];
  for (let n = 0; n < doc.eventCount; n++) out.push(eventProblem(doc, n));
  return out;
}

export function eventProblem(doc: ParsedCable, n: number): Problem {
  const t = doc.table;
  const o = n * Ev.Size;
  const kind = doc.events[o];
  const ref = doc.events[o + 1];
  if (kind === Ev.Stray) {
    return { code: 'tag-stray-close', span: { start: ref, end: ref + 1 }, message: 'Stray "]": it closes no entity tag. Remove it, or open the tag with "[TYPE ".' };
  }
  const type = t.type(ref);
  const start = t.start(ref);
  const typeEnd = t.data[ref * F.Stride + F.TypeEnd];
  switch (kind) {
    case Ev.UnknownType: {
      const suggestion = suggestType(type, doc.entityTypes);
      return {
        code: 'tag-unknown-type',
        span: { start: start + 1, end: typeEnd },
        message: suggestion ? `Unknown entity type "${type}". Did you mean "${suggestion}"?` : `Unknown entity type "${type}". Use one of: ${doc.entityTypes.join(', ')} (the types are a setting).`,
        data: { type, suggestion },
      };
    }
    case Ev.Nested: {
      const outer = doc.events[o + 2];
      const outerType = t.type(outer);
      return {
        code: 'tag-nested',
        span: { start, end: typeEnd },
        message: `Nested tag: [${type} opens inside [${outerType}, and tags never nest. Close [${outerType} before it, or remove one of the two tags.`,
        data: { outerStart: t.start(outer) },
      };
    }
    case Ev.Multiline:
      return {
        code: 'tag-multiline',
        span: { start, end: t.end(ref) },
        message: `Tag broken across a line: [${type} opens on one line and closes on the next. Join the lines or move "]" to the first line.`,
      };
    case Ev.Empty:
      return { code: 'tag-empty', span: { start, end: t.end(ref) }, message: `Empty tag: [${type}  ] has no text. Remove it, or put the entity's words inside.` };
    default:
      return {
        code: 'tag-unclosed',
        span: { start, end: typeEnd },
        message: `Unclosed tag: [${type} is never closed with "]" on its line. Add "  ]" after the entity's last word, or remove the tag.`,
        data: { type },
      };
  }
}

// ---------------------------------------------------------------- wrapper

const OPEN_WRAPPER = '<code><pre>';
const CLOSE_WRAPPER = '</pre></code>';

function parseWrapper(text: string): { wrapper: Wrapper; body: Span } {
  const wrapper: Wrapper = {};
  let start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (start < text.length && isSpace(text.charCodeAt(start))) start++;
  if (text.startsWith(OPEN_WRAPPER, start)) {
    wrapper.open = { start, end: start + OPEN_WRAPPER.length };
    start += OPEN_WRAPPER.length;
  }
  let end = text.length;
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  const closeAt = end - CLOSE_WRAPPER.length;
  if (closeAt >= start && text.startsWith(CLOSE_WRAPPER, closeAt)) {
    wrapper.close = { start: closeAt, end };
    end = closeAt;
  }
  return { wrapper, body: { start, end } };
}

// ---------------------------------------------------------------- paragraphs

/** The anchor pattern; `matchAnchor` reads it by hand. */
export const ANCHOR_RE = /<a\s+id\s*=\s*(['"])([^'"<>\n]*)\1\s+href\s*=\s*(['"])#?([^'"<>\n]*)\3\s*>\s*(?:¶|&para;)?\s*<\/a>/dy;
const NUMBER_RE = /[ \t]*([0-9]{1,4}[A-Za-z]?|[A-Za-z])(?:[ \t]*\.)?(?=\s|$)/y;

function parseParagraphs(text: string, body: Span): ParagraphScan {
  const scan: ParagraphScan = { paragraphs: [], readTo: [] };
  scanParagraphs(text, body, body.start, scan);
  return scan;
}

/** The paragraphs, and per paragraph the last offset its parse read (its anchor, number and marking line). */
interface ParagraphScan {
  paragraphs: Paragraph[];
  readTo: number[];
}

/**
 * The paragraphs of an edited text (`start`, `newEnd`, `delta`: the edit),
 * equal to `parseParagraphs(text, body)`: those whose parse read only text
 * before the edit are kept, the anchors are searched again from there, and
 * from the first anchor after the edit that the old text had (moved by the
 * edit) on, the old paragraphs follow, moved.
 */
function reparseParagraphs(prev: ParsedCable, text: string, body: Span, start: number, newEnd: number, delta: number): ParagraphScan {
  const old = prev.paragraphs;
  const oldReadTo = prev.paragraphReadTo;
  let head = 0;
  while (head < old.length && oldReadTo[head] < start) head++;
  const scan: ParagraphScan = { paragraphs: old.slice(0, head), readTo: Array.from(oldReadTo.subarray(0, head)) };
  let from = body.start;
  if (head > 0) {
    // The last one kept ends where the next anchor is found: a copy of it is updated.
    const last = old[head - 1];
    scan.paragraphs[head - 1] = { ...last, span: { start: last.span.start, end: body.end } };
    from = last.anchorSpan.end;
  }
  let q = head;
  scanParagraphs(text, body, from, scan, (at) => {
    if (at < newEnd) return false;
    while (q < old.length && old[q].anchorSpan.start < at - delta) q++;
    if (q === old.length || old[q].anchorSpan.start !== at - delta) return false;
    for (let k = q; k < old.length; k++) {
      scan.paragraphs.push(delta === 0 ? old[k] : movedParagraph(old[k], delta));
      scan.readTo.push(oldReadTo[k] + delta);
    }
    return true;
  });
  return scan;
}

function movedParagraph(p: Paragraph, delta: number): Paragraph {
  const moved: Paragraph = {
    id: p.id,
    idSpan: moveSpan(p.idSpan, delta),
    href: p.href,
    hrefSpan: moveSpan(p.hrefSpan, delta),
    anchorSpan: moveSpan(p.anchorSpan, delta),
    numbered: p.numbered,
    span: moveSpan(p.span, delta),
  };
  if (p.number !== undefined) moved.number = p.number;
  if (p.numberSpan) moved.numberSpan = moveSpan(p.numberSpan, delta);
  const m = p.marking;
  if (m) moved.marking = { text: m.text, span: moveSpan(m.span, delta), textSpan: moveSpan(m.textSpan, delta), level: m.level, controls: m.controls };
  return moved;
}

function moveSpan(span: Span, delta: number): Span {
  return { start: span.start + delta, end: span.end + delta };
}

/**
 * Parses the paragraphs whose anchors are found from `from` on into `scan`.
 * `rest(at)`, asked at each anchor found before it is parsed, may put every
 * paragraph from there on into `scan` itself (then the scan stops).
 */
function scanParagraphs(text: string, body: Span, from: number, scan: ParagraphScan, rest?: (at: number) => boolean): void {
  const { paragraphs, readTo } = scan;
  // `<a` found with indexOf, the anchor matched there (as a global ANCHOR_RE would, without its match arrays).
  const m = new Int32Array(5);
  // The line break after the last paragraph's reading (the offsets asked for only grow: each line is scanned once).
  let lineBreak = -1;
  let at = text.indexOf('<a', from);
  while (at >= 0 && at < body.end) {
    if (!matchAnchor(text, at, m)) {
      at = text.indexOf('<a', at + 1);
      continue;
    }
    const anchorStart = at;
    if (rest && paragraphs.length > 0) paragraphs[paragraphs.length - 1].span.end = anchorStart;
    if (rest?.(at)) return;
    const anchorEnd = m[0];
    const id = text.slice(m[1], m[2]);
    const paragraph: Paragraph = {
      id,
      idSpan: { start: m[1], end: m[2] },
      href: text.slice(m[3], m[4]),
      hrefSpan: { start: m[3], end: m[4] },
      anchorSpan: { start: anchorStart, end: anchorEnd },
      numbered: /^par\d/i.test(id),
      span: { start: anchorStart, end: body.end },
    };
    NUMBER_RE.lastIndex = anchorEnd;
    const n = NUMBER_RE.exec(text);
    let afterNumber = anchorEnd;
    if (n) {
      const numberStart = anchorEnd + n[0].indexOf(n[1]);
      paragraph.number = n[1];
      paragraph.numberSpan = { start: numberStart, end: numberStart + n[1].length };
      afterNumber = anchorEnd + n[0].length;
    }
    // Letter anchors are REF items and sub-items: `( B )` after them is a label.
    paragraph.numbered ||= /^\d/.test(paragraph.number ?? '');
    const marking = paragraph.numbered ? readMarking(text, afterNumber, body.end) : undefined;
    if (marking) paragraph.marking = marking;
    if (paragraphs.length > 0) paragraphs[paragraphs.length - 1].span.end = anchorStart;
    paragraphs.push(paragraph);
    // The number (and its look-ahead) is read within the anchor's line, the marking within the line of the first character after it that is not white space.
    const lastRead = paragraph.numbered ? skipSpaces(text, afterNumber, body.end) : anchorEnd;
    if (lastRead > lineBreak) lineBreak = lineBreakAt(text, lastRead);
    readTo.push(lineBreak);
    at = text.indexOf('<a', anchorEnd);
  }
}

/** The first `\n` or `\r` at or after `from`, or the text's length. */
function lineBreakAt(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return i;
  }
  return text.length;
}

/**
 * ANCHOR_RE at `at` (which holds `<a`), by hand: on a match, `out` gets the
 * end, and the id's and the href's start and end; false otherwise. Every
 * part of the pattern is deterministic (no alternative could match where the
 * first choice fails), so reading forward is exact.
 */
export function matchAnchor(text: string, at: number, out: Int32Array): boolean {
  let i = at + 2;
  if (!isRegexSpace(text.charCodeAt(i))) return false;
  i = skipRegexSpace(text, i);
  if (!text.startsWith('id', i)) return false;
  i = skipRegexSpace(text, i + 2);
  if (text.charCodeAt(i) !== 61) return false; // =
  i = skipRegexSpace(text, i + 1);
  const q1 = text.charCodeAt(i);
  if (q1 !== 39 && q1 !== 34) return false;
  const idStart = ++i;
  i = skipValue(text, i);
  const idEnd = i;
  if (text.charCodeAt(i) !== q1) return false;
  i++;
  if (!isRegexSpace(text.charCodeAt(i))) return false;
  i = skipRegexSpace(text, i);
  if (!text.startsWith('href', i)) return false;
  i = skipRegexSpace(text, i + 4);
  if (text.charCodeAt(i) !== 61) return false;
  i = skipRegexSpace(text, i + 1);
  const q2 = text.charCodeAt(i);
  if (q2 !== 39 && q2 !== 34) return false;
  i++;
  if (text.charCodeAt(i) === 35) i++; // #
  const hrefStart = i;
  i = skipValue(text, i);
  const hrefEnd = i;
  if (text.charCodeAt(i) !== q2) return false;
  i = skipRegexSpace(text, i + 1);
  if (text.charCodeAt(i) !== 62) return false; // >
  i = skipRegexSpace(text, i + 1);
  if (text.charCodeAt(i) === 0xb6) i++;
  else if (text.startsWith('&para;', i)) i += 6;
  i = skipRegexSpace(text, i);
  if (!text.startsWith('</a>', i)) return false;
  out[0] = i + 4;
  out[1] = idStart;
  out[2] = idEnd;
  out[3] = hrefStart;
  out[4] = hrefEnd;
  return true;
}

/** Past `[^'"<>\n]*`. */
function skipValue(text: string, i: number): number {
  for (;;) {
    const c = text.charCodeAt(i);
    if (c !== c || c === 39 || c === 34 || c === 60 || c === 62 || c === 10) return i;
    i++;
  }
}

function skipRegexSpace(text: string, i: number): number {
  while (isRegexSpace(text.charCodeAt(i))) i++;
  return i;
}

// `( C )`, `( S/NF )`, `( S/REL [ORG NATO  ] )`, and the damaged `C )` form.
const MARKING_RE = /(\()?[ \t]*((?:[A-Za-z][A-Za-z/ \t-]{0,40}?)(?:\[[A-Z]+ [^\]\n]{1,40}\][A-Za-z/ \t,-]{0,20}?)?)[ \t]*\)/y;

// A short lead-in before the marking: `Key Points: -- ( S/NF ) …`.
const LEAD_IN_RE = /[A-Z][A-Za-z ]{0,30}:[ \t]*(?:--[ \t]*)?(?=\()/y;

function readMarking(text: string, from: number, limit: number): PortionMarking | undefined {
  let i = from;
  while (i < limit && isSpace(text.charCodeAt(i))) i++;
  LEAD_IN_RE.lastIndex = i;
  const lead = LEAD_IN_RE.exec(text);
  if (lead) {
    const marking = readMarkingAt(text, i + lead[0].length, limit);
    if (marking?.level !== undefined) return marking;
  }
  return readMarkingAt(text, i, limit);
}

function readMarkingAt(text: string, i: number, limit: number): PortionMarking | undefined {
  MARKING_RE.lastIndex = i;
  const m = MARKING_RE.exec(text);
  if (!m || m.index + m[0].length > limit) return undefined;
  const rawContent = m[2];
  const content = rawContent.replace(/\[[A-Z]+ ([^\]\n]*?)\s*\]/g, '$1').replace(/\s+/g, ' ').trim();
  const parsed = parseMarking(content);
  // Without its opening parenthesis only a recognised form counts; an
  // unrecognised one must at least look like a marking (`( S/NOFRN )`, not `( OSD )`).
  if (!parsed && (!m[1] || !looksLikeMarking(content))) return undefined;
  const textStart = i + m[0].indexOf(rawContent, m[1] ? 1 : 0);
  return {
    text: content,
    span: { start: i, end: i + m[0].length },
    textSpan: { start: textStart, end: textStart + rawContent.trimEnd().length },
    level: parsed?.level,
    controls: parsed?.controls ?? [],
  };
}

// ---------------------------------------------------------------- entity tags

/**
 * Scans entity tags between two offsets into a TagTable. A scan starts with
 * no tag open, so it may start at the body's start or at an anchor where no
 * tag was open. Only `[`, `]` and, while a tag is open, line breaks matter:
 * they are found with `indexOf`.
 */
class TagScan {
  events = new Int32Array(16 * Ev.Size);
  eventCount = 0;
  readonly cleanAt: Uint8Array;
  private readonly anchors: Int32Array;
  private readonly hasCR: boolean;
  // The tags open now (innermost last): row, content start, content limit.
  private depth = 0;
  private stackRow: number[] = [];
  private stackContent: number[] = [];
  private stackLimit: number[] = [];
  private pending = false;

  constructor(
    private readonly text: string,
    private readonly body: Span,
    private readonly entityTypes: readonly string[],
    paragraphs: Paragraph[],
    readonly table: TagTable,
  ) {
    this.cleanAt = new Uint8Array(paragraphs.length);
    this.anchors = Int32Array.from(paragraphs, (p) => p.anchorSpan.start);
    this.hasCR = text.indexOf('\r', body.start) >= 0;
  }

  private report(kind: number, ref: number, extra: number): void {
    if (this.eventCount >= MAX_PROBLEMS) return;
    const o = this.eventCount * Ev.Size;
    if (o + Ev.Size > this.events.length) {
      const next = new Int32Array(this.events.length * 2);
      next.set(this.events);
      this.events = next;
    }
    this.events[o] = kind;
    this.events[o + 1] = ref;
    this.events[o + 2] = extra;
    this.eventCount++;
  }

  /** Copies events [from, to) of another scan, moving offsets by `delta` and rows by `rowShift`. */
  copyEvents(src: Int32Array, from: number, to: number, delta: number, rowShift: number): void {
    for (let n = from; n < to; n++) {
      const o = n * Ev.Size;
      const kind = src[o];
      if (kind === Ev.Stray) this.report(kind, src[o + 1] + delta, 0);
      else this.report(kind, src[o + 1] + rowShift, kind === Ev.Nested ? src[o + 2] + rowShift : 0);
    }
  }

  /**
   * Scans [from, to); `firstAnchor` is the index of the first anchor at or
   * after `from`. False when a tag is still open at `to` (before the body's end).
   */
  run(from: number, to: number, firstAnchor = 0): boolean {
    const { text, anchors, cleanAt } = this;
    const atEnd = to >= this.body.end;
    let a = firstAnchor;
    while (a < anchors.length && anchors[a] < from) a++;
    let plainDepth = 0; // `[ Note : … ]` and other non-tag brackets
    let lastBreak = from;
    let nextOpen = nextOf(text, '[', 91, from);
    let nextClose = nextOf(text, ']', 93, from);
    let nextLF = -2; // -2: not looked for yet; -1: none
    let nextCR = this.hasCR ? -2 : -1;
    let pos = from;
    this.depth = 0;
    this.pending = false;
    for (;;) {
      let at = nextOpen < 0 ? nextClose : nextClose < 0 || nextOpen < nextClose ? nextOpen : nextClose;
      let isBreak = false;
      if (this.depth > 0) {
        if (nextLF !== -1 && nextLF < pos) nextLF = nextOf(text, '\n', 10, pos);
        if (nextCR !== -1 && nextCR < pos) nextCR = nextOf(text, '\r', 13, pos);
        const br = nextLF < 0 ? nextCR : nextCR < 0 || nextLF < nextCR ? nextLF : nextCR;
        if (br >= 0 && (at < 0 || br < at)) {
          at = br;
          isBreak = true;
        }
      }
      if (at < 0 || at >= to) break;
      while (a < anchors.length && anchors[a] <= at) {
        cleanAt[a++] = this.depth === 0 ? 1 : 0;
        plainDepth = 0;
      }
      if (isBreak) {
        lastBreak = at;
        pos = text.charCodeAt(at) === 13 && text.charCodeAt(at + 1) === 10 ? at + 2 : at + 1;
        if (this.pending) this.closeUnclosed(lineEndBefore(text, at));
        else this.pending = true;
        continue;
      }
      pos = at + 1;
      if (at === nextClose) {
        nextClose = nextOf(text, ']', 93, pos);
        if (this.depth > 0) {
          this.depth--;
          this.finishTag(this.stackRow[this.depth], this.stackContent[this.depth], this.stackLimit[this.depth], at, this.pending);
          if (this.depth === 0) this.pending = false;
        } else if (plainDepth > 0) {
          plainDepth--;
        } else {
          this.report(Ev.Stray, at, 0);
        }
        continue;
      }
      nextOpen = nextOf(text, '[', 91, pos);
      const typeEnd = tagTypeEnd(text, at);
      let typeId = -1;
      if (typeEnd > 0) {
        typeId = knownTypeId(text, at + 1, typeEnd, this.entityTypes);
        if (typeId < 0) {
          const type = text.slice(at + 1, typeEnd);
          if (looksLikeTagType(type, this.entityTypes, text, typeEnd + 1)) typeId = this.table.typeId(type);
        }
      }
      if (typeId < 0) {
        plainDepth++;
        continue;
      }
      if (this.pending) this.closeUnclosed(lineEndBefore(text, lastBreak));
      this.openTag(at, typeEnd, typeId);
    }
    while (a < anchors.length && anchors[a] < to) cleanAt[a++] = this.depth === 0 ? 1 : 0;
    if (this.depth > 0) {
      if (!atEnd) return false;
      this.closeUnclosed(lineEndBefore(text, this.body.end));
    }
    return true;
  }

  private openTag(at: number, typeEnd: number, typeId: number): void {
    const { text, table } = this;
    const row = table.add();
    const d = table.data;
    const o = row * F.Stride;
    let contentStart = typeEnd + 1;
    let opening = 1;
    while (text.charCodeAt(contentStart) === 32) {
      contentStart++;
      opening++;
    }
    const known = table.isKnownTypeId(typeId);
    d[o + F.Start] = at;
    d[o + F.TypeEnd] = typeEnd;
    d[o + F.TextStart] = contentStart;
    d[o + F.TextEnd] = contentStart;
    d[o + F.End] = contentStart;
    d[o + F.Opening] = opening;
    d[o + F.Flags] = (known ? Flag.Known : 0) | (this.depth > 0 ? Flag.Nested : 0);
    d[o + F.Type] = typeId;
    if (!known) this.report(Ev.UnknownType, row, 0);
    if (this.depth > 0) {
      const outer = this.stackRow[this.depth - 1];
      const oo = outer * F.Stride;
      if ((d[oo + F.Flags] & Flag.ContainsTag) === 0) {
        d[oo + F.Flags] |= Flag.ContainsTag;
        this.stackLimit[this.depth - 1] = at;
      }
      this.report(Ev.Nested, row, outer);
    }
    this.stackRow[this.depth] = row;
    this.stackContent[this.depth] = contentStart;
    this.stackLimit[this.depth] = Number.MAX_SAFE_INTEGER;
    this.depth++;
  }

  private closeUnclosed(lineEnd: number): void {
    const d = this.table.data;
    for (let k = 0; k < this.depth; k++) {
      const row = this.stackRow[k];
      const contentStart = this.stackContent[k];
      const end = Math.max(contentStart, Math.min(lineEnd, this.body.end, this.stackLimit[k]));
      this.setText(row, contentStart, end);
      d[row * F.Stride + F.End] = end;
      this.report(Ev.Unclosed, row, 0);
    }
    this.depth = 0;
    this.pending = false;
  }

  private finishTag(row: number, contentStart: number, contentLimit: number, closeAt: number, brokenLine: boolean): void {
    const { text } = this;
    const d = this.table.data;
    const o = row * F.Stride;
    d[o + F.Close] = closeAt;
    d[o + F.End] = closeAt + 1;
    let contentEnd = closeAt;
    let closing = 0;
    while (contentEnd > contentStart && text.charCodeAt(contentEnd - 1) === 32) {
      contentEnd--;
      closing++;
    }
    d[o + F.Closing] = closing;
    this.setText(row, contentStart, Math.min(contentEnd, contentLimit));
    if (brokenLine) {
      d[o + F.Flags] |= Flag.Multiline;
      this.report(Ev.Multiline, row, 0);
    }
    if (d[o + F.TextEnd] === d[o + F.TextStart]) this.report(Ev.Empty, row, 0);
  }

  private setText(row: number, start: number, end: number): void {
    const { text } = this;
    let s = start;
    let e = end;
    while (s < e && isSpace(text.charCodeAt(s))) s++;
    while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
    const o = row * F.Stride;
    this.table.data[o + F.TextStart] = s;
    this.table.data[o + F.TextEnd] = e;
  }
}

/** The next `ch` (char code `code`) at or after `from`, or -1: the next few characters are looked at first, saving a call when they are dense. */
function nextOf(text: string, ch: string, code: number, from: number): number {
  const stop = from + 8;
  for (let i = from; i < stop; i++) {
    const c = text.charCodeAt(i);
    if (c === code) return i;
    if (c !== c) return -1; // NaN: past the end
  }
  return text.indexOf(ch, stop);
}

/** `[TYPE ` at `at`: the end of TYPE (a letter, then up to 31 letters, digits, `_` or `-`), or -1. */
function tagTypeEnd(text: string, at: number): number {
  let j = at + 1;
  if (!isLetter(text.charCodeAt(j))) return -1;
  j++;
  while (j - at - 1 < 32 && isTypeChar(text.charCodeAt(j))) j++;
  return text.charCodeAt(j) === 32 ? j : -1;
}

function knownTypeId(text: string, start: number, end: number, entityTypes: readonly string[]): number {
  const length = end - start;
  for (let k = 0; k < entityTypes.length; k++) {
    const t = entityTypes[k];
    if (t.length === length && text.startsWith(t, start)) return k;
  }
  return -1;
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isTypeChar(c: number): boolean {
  return isLetter(c) || (c >= 48 && c <= 57) || c === 95 || c === 45;
}

/** An unknown word after `[` is a mistyped tag only if it looks like one. */
function looksLikeTagType(type: string, entityTypes: readonly string[], text: string, contentStart: number): boolean {
  if (suggestType(type, entityTypes) !== undefined) return true;
  if (!/^[A-Z]{2,8}$/.test(type)) return false;
  // `[NAME REMOVED ]`-style editorial redactions are plain text.
  return !/^[A-Z ]*REMOVED\s*\]/.test(text.slice(contentStart, contentStart + 40));
}

function lineEndBefore(text: string, at: number): number {
  let e = at;
  while (e > 0 && (text.charCodeAt(e - 1) === 10 || text.charCodeAt(e - 1) === 13)) e--;
  return e;
}

// ---------------------------------------------------------------- banner and header

const DATELINE_RE = /(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\s*,\s*\d{1,2}\s+[A-Z][a-z]+\s+\d{4}\s*,\s*\d{1,2}:\d{2}/y;
const DISPLACED_BANNER_RE = /(?<![A-Za-z])(?:TOP SECRET|UNCLASSIFIED|CONFIDENTIAL|SECRET|UNCLAS)(?![A-Za-z])/g;
const CAVEAT_RE = /\s*(NOFORN|SIPDIS|SENSITIVE|NOCONTRACT|ORCON|PROPIN|EXDIS|NODIS|LIMDIS|STADIS|FOR OFFICIAL USE ONLY)\b/y;

function parseBanner(text: string, start: number, limit: number): { dateline?: Dateline; banner?: Banner } {
  let i = skipSpaces(text, start, limit);
  let dateline: Dateline | undefined;
  DATELINE_RE.lastIndex = i;
  const d = DATELINE_RE.exec(text);
  if (d) {
    dateline = { span: { start: i, end: i + d[0].length }, text: d[0] };
    i = skipSpaces(text, i + d[0].length, limit);
  }
  const b = matchBanner(text, i);
  if (!b) {
    // A preamble before the banner: `> 7/29/2009 14:42 09KHARTOUM881 Embassy Khartoum CONFIDENTIAL`.
    const firstLineEnd = indexOfLineEnd(text, i, Math.min(limit, i + 300));
    // Searched in the first line only (and the few characters a banner word there can reach).
    const from = Math.max(0, i - 1);
    const window = text.slice(from, Math.min(text.length, firstLineEnd + 13));
    DISPLACED_BANNER_RE.lastIndex = i - from;
    const d = DISPLACED_BANNER_RE.exec(window);
    if (d && d.index + from < firstLineEnd) {
      const at = d.index + from;
      const level = matchBanner(text, at)!.level;
      return { dateline, banner: { span: { start: at, end: at + d[0].length }, text: d[0], level, caveats: [], displaced: true } };
    }
    return { dateline };
  }
  const caveats: CaveatMark[] = [];
  let j = i + b.length;
  const cavEnd = Math.min(text.length, j + 200);
  for (;;) {
    CAVEAT_RE.lastIndex = j;
    const c = CAVEAT_RE.exec(text);
    if (!c || c.index + c[0].length > cavEnd) break;
    const cs = c.index + c[0].indexOf(c[1]);
    caveats.push({ text: c[1], span: { start: cs, end: cs + c[1].length } });
    j = c.index + c[0].length;
  }
  return { dateline, banner: { span: { start: i, end: i + b.length }, text: b.text, level: b.level, caveats } };
}

function skipSpaces(text: string, i: number, limit: number): number {
  while (i < limit && isSpace(text.charCodeAt(i))) i++;
  return i;
}

/** The header runs to the first numbered paragraph (REF items have letter anchors inside it). */
function findHeaderEnd(body: Span, paragraphs: Paragraph[]): number {
  for (const p of paragraphs) {
    if (p.numbered) return p.anchorSpan.start;
  }
  return body.end;
}

/** The start of the line holding `at`, looking back no further than `floor`. */
function lineStartOf(text: string, at: number, floor: number): number {
  let i = at;
  while (i > floor && text.charCodeAt(i - 1) !== 10 && text.charCodeAt(i - 1) !== 13) i--;
  return i;
}

const LABEL_RE = /(?<![A-Za-z])(?:(E\.?\s?O\.?\s*(?:12958|13526|12356|12065)(?:\s*\([^)\n]{0,20}\))?:?)|(DECL:)|(TAGS:?)|(SUBJECT:|SUBJ:)|(REF:|REFS:|REFTEL:|REFTELS:)|(Classified\s+By:?|Derived\s+From:))(?![A-Za-z])/gi;
const LABEL_KINDS: HeaderFieldKind[] = ['eo', 'eo', 'tags', 'subject', 'ref', 'classifiedBy'];

function parseHeader(text: string, start: number, end: number): HeaderField[] {
  const fields: HeaderField[] = [];
  if (end <= start) return fields;
  // Searched within the header: a window from the character before it to what a label starting in it can reach.
  const from = Math.max(0, start - 1);
  const window = text.slice(from, reach(text, end, 48));
  LABEL_RE.lastIndex = start - from;
  const found: Array<{ kind: HeaderFieldKind; label: string; start: number; end: number }> = [];
  let w: RegExpExecArray | null;
  while ((w = LABEL_RE.exec(window)) !== null && w.index + from < end) {
    const m = w;
    m.index += from;
    const group = m.slice(1).findIndex((g) => g !== undefined);
    const kind = LABEL_KINDS[group];
    // TAGS, SUBJECT and REF labels are upper case in real cables; `tags` in prose is not a label.
    if ((kind === 'tags' || kind === 'subject' || kind === 'ref') && m[0] !== m[0].toUpperCase() && !m[0].endsWith(':')) continue;
    if (kind === 'eo' && group === 1 && found.length > 0 && found[found.length - 1].kind === 'eo') {
      continue; // `DECL:` continues the E.O. field
    }
    found.push({ kind, label: m[0], start: m.index, end: m.index + m[0].length });
  }
  for (let k = 0; k < found.length; k++) {
    const f = found[k];
    let valueEnd = k + 1 < found.length ? found[k + 1].start : end;
    if (f.kind === 'classifiedBy') valueEnd = Math.min(valueEnd, classifiedByEnd(text, f.end, valueEnd));
    if (f.kind === 'ref' || f.kind === 'subject') valueEnd = Math.min(valueEnd, firstOf(text, f.end, valueEnd, '<a '));
    let vs = f.end;
    let ve = valueEnd;
    while (vs < ve && isSpace(text.charCodeAt(vs))) vs++;
    while (ve > vs && isSpace(text.charCodeAt(ve - 1))) ve--;
    fields.push({
      kind: f.kind,
      label: f.label,
      labelSpan: { start: f.start, end: f.end },
      valueSpan: { start: vs, end: ve },
      value: text.slice(vs, ve),
    });
  }
  return fields;
}

/**
 * Where a window must end for a regex match starting before `limit` to be
 * whole in it: `budget` characters after `limit`, white space not counted
 * (the patterns bound their other characters, not their white space).
 */
function reach(text: string, limit: number, budget: number): number {
  let at = limit;
  while (at < text.length && budget > 0) {
    if (!isRegexSpace(text.charCodeAt(at))) budget--;
    at++;
  }
  return at;
}

/** `\s` of JavaScript regular expressions. */
function isRegexSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

function firstOf(text: string, from: number, limit: number, needle: string): number {
  const i = text.indexOf(needle, from);
  return i < 0 || i > limit ? limit : i;
}

// `… For reasons 1.4 ( b ) and ( d )` ends the Classified By value.
const REASONS_RE = /reasons?:?\s*1\.[45]\s*(?:\(\s*[a-hA-H]\s*\)\s*(?:,|and|&)?\s*)*(?:\.\s)?/gi;

function classifiedByEnd(text: string, from: number, limit: number): number {
  REASONS_RE.lastIndex = 0;
  const r = REASONS_RE.exec(text.slice(from, reach(text, limit, 24)));
  if (r) r.index += from;
  let end = limit;
  if (r && r.index < limit) end = r.index + r[0].length;
  const nl = text.indexOf('\n', from);
  if (nl >= 0 && nl < end) {
    // The reasons often follow on the next line.
    const nextLineReasons = r && r.index < limit && r.index - nl < 40;
    if (!nextLineReasons) end = nl;
  }
  return end;
}

const TAGS_ENTRY_RE = /\[[A-Za-z]+ ([^\]\n]*?)\s*\]|[^\s,;[\]]+/g;

function parseTagsEntries(text: string, header: HeaderField[]): TagsEntry[] {
  const entries: TagsEntry[] = [];
  const field = header.find((f) => f.kind === 'tags');
  if (!field) return entries;
  TAGS_ENTRY_RE.lastIndex = field.valueSpan.start;
  let m: RegExpExecArray | null;
  while ((m = TAGS_ENTRY_RE.exec(text)) !== null && m.index < field.valueSpan.end) {
    if (m[1] !== undefined) {
      // A tag may wrap several entries: `[ORG PREL PGOV SP  ]`.
      const innerStart = m.index + m[0].indexOf(m[1], 1);
      for (const w of m[1].matchAll(/[^\s,;]+/g)) {
        entries.push({ text: w[0], span: { start: innerStart + w.index!, end: innerStart + w.index! + w[0].length } });
      }
    } else {
      entries.push({ text: m[0], span: { start: m.index, end: m.index + m[0].length } });
    }
  }
  return entries;
}

// ---------------------------------------------------------------- sections

/** The first run of three dashes or more from `from` with no word character or dash around it, or undefined. */
function dashRun(text: string, from: number): Span | undefined {
  let at = text.indexOf('---', from);
  while (at >= 0) {
    let end = at + 3;
    while (text.charCodeAt(end) === 45) end++;
    if (!isWordOrDash(text.charCodeAt(at - 1)) && !isWordOrDash(text.charCodeAt(end))) return { start: at, end };
    at = text.indexOf('---', end);
  }
  return undefined;
}

/** `[\w-]` (NaN, outside the text, is neither). */
function isWordOrDash(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 45;
}

/** After the last sentence end (`. `, `: `, `) `, `] `, `> `) between `from` and `to`. */
function titleStartBefore(text: string, from: number, to: number): number {
  for (let i = to - 1; i > from; i--) {
    const c = text.charCodeAt(i - 1);
    if ((c === 46 || c === 58 || c === 59 || c === 41 || c === 93 || c === 62) && isSpace(text.charCodeAt(i))) return i;
  }
  return from;
}

function parseSections(text: string, body: Span): Section[] {
  const sections: Section[] = [];
  let previousEnd = body.start;
  let from = body.start;
  let m: Span | undefined;
  while ((m = dashRun(text, from)) !== undefined && m.start < body.end) {
    const runStart = m.start;
    const runEnd = m.end;
    // Paired form: `---- TITLE ----` on one line (the line read only as far as the next run).
    const next = dashRun(text, runEnd);
    if (
      next &&
      next.start - runEnd <= 100 &&
      next.start < indexOfLineEnd(text, runEnd, Math.min(body.end, next.start + 1)) &&
      text.slice(runEnd, next.start).trim().length > 0 &&
      !text.slice(runEnd, next.start).includes('<a ')
    ) {
      const titleStart = skipSpaces(text, runEnd, next.start);
      let titleEnd = next.start;
      while (titleEnd > titleStart && isSpace(text.charCodeAt(titleEnd - 1))) titleEnd--;
      pushSection(sections, text, { start: runStart, end: next.end }, { start: titleStart, end: titleEnd }, body.end);
      previousEnd = next.end;
      from = previousEnd;
      continue;
    }
    from = runEnd;
    // Trailing form: `Summary -------`: the title is the words before the dashes.
    const lineStart = lineStartOf(text, runStart, Math.max(previousEnd, runStart - 120));
    const titleStart = skipSpaces(text, titleStartBefore(text, lineStart, runStart), runStart);
    let titleEnd = runStart;
    while (titleEnd > titleStart && isSpace(text.charCodeAt(titleEnd - 1))) titleEnd--;
    if (titleEnd > titleStart) {
      pushSection(sections, text, { start: titleStart, end: runEnd }, { start: titleStart, end: titleEnd }, body.end);
    }
    previousEnd = runEnd;
  }
  return sections;
}

function pushSection(sections: Section[], text: string, headingSpan: Span, titleSpan: Span, bodyEnd: number) {
  let title = text.slice(titleSpan.start, titleSpan.end);
  if (title.includes('[')) title = title.replace(/\[[A-Za-z]+ ([^\]\n]*?)\s*\]/g, '$1');
  if (/[^\S ]|\s\s/.test(title)) title = title.replace(/\s+/g, ' ');
  title = title.trim();
  if (sections.length > 0) sections[sections.length - 1].span.end = headingSpan.start;
  sections.push({ title, headingSpan, titleSpan, span: { start: headingSpan.start, end: bodyEnd } });
}

function indexOfLineEnd(text: string, from: number, limit: number): number {
  for (let i = from; i < limit; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return i;
  }
  return limit;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 0xa0;
}
