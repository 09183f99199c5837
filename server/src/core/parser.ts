// The cable parser. It never fails: any text gives a CableDocument plus the
// problems found. Every scan moves forward through the text, so parsing is
// linear in the input size.

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

/** Past this many, problems are no longer collected: nobody reads them, and they cost memory. */
export const MAX_PROBLEMS = 5000;

function report(problems: Problem[], problem: Problem): void {
  if (problems.length < MAX_PROBLEMS) problems.push(problem);
}

export interface ParseOptions {
  entityTypes?: readonly string[];
}

export function parseCable(text: string, options: ParseOptions = {}): CableDocument {
  const entityTypes = options.entityTypes && options.entityTypes.length > 0 ? options.entityTypes : DEFAULT_ENTITY_TYPES;
  const problems: Problem[] = [];
  const { wrapper, body } = parseWrapper(text);
  const paragraphs = parseParagraphs(text, body);
  const mentions = scanTags(text, body, entityTypes, paragraphs, problems);
  const headerEnd = findHeaderEnd(body, paragraphs);
  const { dateline, banner } = parseBanner(text, body.start, headerEnd);
  const header = parseHeader(text, banner ? banner.span.end : dateline ? dateline.span.end : body.start, headerEnd);
  const tags = parseTagsEntries(text, header);
  const sections = parseSections(text, body);
  return { text, wrapper, body, headerSpan: { start: body.start, end: headerEnd }, dateline, banner, header, tags, sections, paragraphs, mentions, problems };
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

const ANCHOR_RE = /<a\s+id\s*=\s*(['"])([^'"<>\n]*)\1\s+href\s*=\s*(['"])#?([^'"<>\n]*)\3\s*>\s*(?:¶|&para;)?\s*<\/a>/dg;
const NUMBER_RE = /[ \t]*([0-9]{1,4}[A-Za-z]?|[A-Za-z])(?:[ \t]*\.)?(?=\s|$)/y;

function parseParagraphs(text: string, body: Span): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  ANCHOR_RE.lastIndex = body.start;
  let m: RegExpExecArray | null;
  while ((m = ANCHOR_RE.exec(text)) !== null && m.index < body.end) {
    const anchorStart = m.index;
    const anchorEnd = anchorStart + m[0].length;
    const [idStart, idEnd] = m.indices![2];
    const [hrefStart, hrefEnd] = m.indices![4];
    const paragraph: Paragraph = {
      id: m[2],
      idSpan: { start: idStart, end: idEnd },
      href: m[4],
      hrefSpan: { start: hrefStart, end: hrefEnd },
      anchorSpan: { start: anchorStart, end: anchorEnd },
      numbered: /^par\d/i.test(m[2]),
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
    ANCHOR_RE.lastIndex = anchorEnd;
  }
  return paragraphs;
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

const TAG_TYPE_RE = /\[([A-Za-z][A-Za-z0-9_-]{0,31}) /y;
const STRUCTURAL_RE = /[[\]\r\n]/g;

interface OpenTag {
  mention: EntityMention;
  contentStart: number;
  /** Where a nested tag opens: the text stops there. */
  contentLimit: number;
}

function scanTags(
  text: string,
  body: Span,
  entityTypes: readonly string[],
  paragraphs: Paragraph[],
  problems: Problem[],
): EntityMention[] {
  const mentions: EntityMention[] = [];
  const known = new Set(entityTypes);
  const stack: OpenTag[] = [];
  let pendingLineBreak = false; // tags open across one line break
  let plainDepth = 0; // `[ Note : … ]` and other non-tag brackets
  let nextAnchor = 0;
  let lastBreak = body.start; // offset of the latest line break seen

  const closeUnclosed = (lineEnd: number) => {
    for (const open of stack) {
      const m = open.mention;
      const end = Math.max(open.contentStart, Math.min(lineEnd, body.end, open.contentLimit));
      setText(text, m, open.contentStart, end);
      m.span = { start: m.openSpan.start, end };
      report(problems, {
        code: 'tag-unclosed',
        span: { start: m.openSpan.start, end: m.typeSpan.end },
        message: `Unclosed tag: [${m.type} is never closed with "]" on its line. Add "  ]" after the entity's last word, or remove the tag.`,
        data: { type: m.type },
      });
    }
    stack.length = 0;
    pendingLineBreak = false;
  };

  STRUCTURAL_RE.lastIndex = body.start;
  let m: RegExpExecArray | null;
  while ((m = STRUCTURAL_RE.exec(text)) !== null && m.index < body.end) {
    const at = m.index;
    const ch = m[0];
    while (nextAnchor < paragraphs.length && paragraphs[nextAnchor].anchorSpan.start <= at) {
      plainDepth = 0;
      nextAnchor++;
    }
    if (ch === '\n' || ch === '\r') {
      lastBreak = at;
      if (ch === '\r' && text.charCodeAt(at + 1) === 10) STRUCTURAL_RE.lastIndex = at + 2;
      if (stack.length > 0) {
        if (pendingLineBreak) closeUnclosed(lineEndBefore(text, at));
        else pendingLineBreak = true;
      }
      continue;
    }
    if (ch === ']') {
      const open = stack.pop();
      if (open) {
        finishTag(text, open, at, pendingLineBreak, problems);
        if (stack.length === 0) pendingLineBreak = false;
      } else if (plainDepth > 0) {
        plainDepth--;
      } else {
        report(problems, {
          code: 'tag-stray-close',
          span: { start: at, end: at + 1 },
          message: 'Stray "]": it closes no entity tag. Remove it, or open the tag with "[TYPE ".',
        });
      }
      continue;
    }
    // '['
    TAG_TYPE_RE.lastIndex = at;
    const t = TAG_TYPE_RE.exec(text);
    const type = t ? t[1] : undefined;
    const isTag = type !== undefined && (known.has(type) || looksLikeTagType(type, entityTypes, text, at + t![0].length));
    if (!isTag) {
      plainDepth++;
      continue;
    }
    if (pendingLineBreak) closeUnclosed(lineEndBefore(text, lastBreak));
    const typeStart = at + 1;
    const typeEnd = typeStart + type.length;
    let contentStart = typeEnd + 1;
    const mention: EntityMention = {
      type,
      knownType: known.has(type),
      text: '',
      openSpan: { start: at, end: at + 1 },
      typeSpan: { start: typeStart, end: typeEnd },
      textSpan: { start: contentStart, end: contentStart },
      span: { start: at, end: contentStart },
      closingSpaces: 0,
      openingSpaces: 1,
      multiline: false,
      nested: stack.length > 0,
      containsTag: false,
    };
    while (text.charCodeAt(contentStart) === 32) {
      contentStart++;
      mention.openingSpaces++;
    }
    if (!mention.knownType) {
      const suggestion = suggestType(type, entityTypes);
      report(problems, {
        code: 'tag-unknown-type',
        span: mention.typeSpan,
        message: suggestion
          ? `Unknown entity type "${type}". Did you mean "${suggestion}"?`
          : `Unknown entity type "${type}". Use one of: ${entityTypes.join(', ')} (the types are a setting).`,
        data: { type, suggestion },
      });
    }
    if (mention.nested) {
      const outerTag = stack[stack.length - 1];
      const outer = outerTag.mention;
      if (!outer.containsTag) {
        outer.containsTag = true;
        outerTag.contentLimit = at;
      }
      report(problems, {
        code: 'tag-nested',
        span: { start: at, end: typeEnd },
        message: `Nested tag: [${type} opens inside [${outer.type}, and tags never nest. Close [${outer.type} before it, or remove one of the two tags.`,
        data: { outerStart: outer.openSpan.start },
      });
    }
    mentions.push(mention);
    stack.push({ mention, contentStart, contentLimit: Number.MAX_SAFE_INTEGER });
  }
  if (stack.length > 0) closeUnclosed(lineEndBefore(text, body.end));
  return mentions;
}

/** An unknown word after `[` is a mistyped tag only if it looks like one. */
function looksLikeTagType(type: string, entityTypes: readonly string[], text: string, contentStart: number): boolean {
  if (suggestType(type, entityTypes) !== undefined) return true;
  if (!/^[A-Z]{2,8}$/.test(type)) return false;
  // `[NAME REMOVED ]`-style editorial redactions are plain text.
  return !/^[A-Z ]*REMOVED\s*\]/.test(text.slice(contentStart, contentStart + 40));
}

function finishTag(text: string, open: OpenTag, closeAt: number, brokenLine: boolean, problems: Problem[]) {
  const m = open.mention;
  m.closeSpan = { start: closeAt, end: closeAt + 1 };
  m.span = { start: m.openSpan.start, end: closeAt + 1 };
  let contentEnd = closeAt;
  while (contentEnd > open.contentStart && text.charCodeAt(contentEnd - 1) === 32) {
    contentEnd--;
    m.closingSpaces++;
  }
  contentEnd = Math.min(contentEnd, open.contentLimit);
  setText(text, m, open.contentStart, contentEnd);
  if (brokenLine) {
    m.multiline = true;
    report(problems, {
      code: 'tag-multiline',
      span: m.span,
      message: `Tag broken across a line: [${m.type} opens on one line and closes on the next. Join the lines or move "]" to the first line.`,
    });
  }
  if (m.text.length === 0) {
    report(problems, {
      code: 'tag-empty',
      span: m.span,
      message: `Empty tag: [${m.type}  ] has no text. Remove it, or put the entity's words inside.`,
    });
  }
}

function setText(text: string, m: EntityMention, start: number, end: number) {
  let s = start;
  let e = end;
  while (s < e && isSpace(text.charCodeAt(s))) s++;
  while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
  m.textSpan = { start: s, end: e };
  m.text = text.slice(s, e).replace(/\s+/g, ' ');
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
    DISPLACED_BANNER_RE.lastIndex = i;
    const d = DISPLACED_BANNER_RE.exec(text);
    if (d && d.index < firstLineEnd) {
      const level = matchBanner(text, d.index)!.level;
      return { dateline, banner: { span: { start: d.index, end: d.index + d[0].length }, text: d[0], level, caveats: [], displaced: true } };
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
  LABEL_RE.lastIndex = start;
  const found: Array<{ kind: HeaderFieldKind; label: string; start: number; end: number }> = [];
  let m: RegExpExecArray | null;
  while ((m = LABEL_RE.exec(text)) !== null && m.index < end) {
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

function firstOf(text: string, from: number, limit: number, needle: string): number {
  const i = text.indexOf(needle, from);
  return i < 0 || i > limit ? limit : i;
}

// `… For reasons 1.4 ( b ) and ( d )` ends the Classified By value.
const REASONS_RE = /reasons?:?\s*1\.[45]\s*(?:\(\s*[a-hA-H]\s*\)\s*(?:,|and|&)?\s*)*(?:\.\s)?/gi;

function classifiedByEnd(text: string, from: number, limit: number): number {
  REASONS_RE.lastIndex = from;
  const r = REASONS_RE.exec(text);
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

const DASHES_RE = /(?<![\w-])-{3,}(?![\w-])/g;

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
  DASHES_RE.lastIndex = body.start;
  let m: RegExpExecArray | null;
  let previousEnd = body.start;
  while ((m = DASHES_RE.exec(text)) !== null && m.index < body.end) {
    const runStart = m.index;
    const runEnd = runStart + m[0].length;
    const lineEnd = indexOfLineEnd(text, runEnd, Math.min(body.end, runEnd + 200));
    // Paired form: `---- TITLE ----` on one line.
    DASHES_RE.lastIndex = runEnd;
    const next = DASHES_RE.exec(text);
    if (next && next.index < lineEnd && next.index - runEnd <= 100 && text.slice(runEnd, next.index).trim().length > 0 && !text.slice(runEnd, next.index).includes('<a ')) {
      const titleStart = skipSpaces(text, runEnd, next.index);
      let titleEnd = next.index;
      while (titleEnd > titleStart && isSpace(text.charCodeAt(titleEnd - 1))) titleEnd--;
      pushSection(sections, text, { start: runStart, end: next.index + next[0].length }, { start: titleStart, end: titleEnd }, body.end);
      previousEnd = next.index + next[0].length;
      DASHES_RE.lastIndex = previousEnd;
      continue;
    }
    DASHES_RE.lastIndex = runEnd;
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
  const title = text
    .slice(titleSpan.start, titleSpan.end)
    .replace(/\[[A-Za-z]+ ([^\]\n]*?)\s*\]/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
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
