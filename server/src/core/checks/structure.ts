// Structure and classification checks: the banner must cover every portion
// marking, paragraphs are numbered and anchored, header lines have fixed forms.

import { LEVEL_NAMES, nearestMarking, parseMarking } from '../classification';
import { memoPeek, memoized } from '../memo';
import { CableDocument, LEVEL_RANK, Level, Paragraph, Problem, Span } from '../model';
import { ParsedCable } from '../parser';
import { editDistance } from '../suggest';

/** Whether the text is a cable at all (and not a fragment of tagged text). */
export function looksStructured(doc: CableDocument): boolean {
  return doc.wrapper.open !== undefined || doc.banner !== undefined || doc.header.length > 0 || doc.paragraphs.length > 0;
}

export function structureProblems(doc: CableDocument): Problem[] {
  if (!looksStructured(doc)) return [];
  const stray = strayAnchors(doc);
  return [...bannerProblems(doc), ...markingProblems(doc, stray), ...paragraphProblems(doc, stray), ...wrapperProblems(doc)];
}

/**
 * The structure problems of `doc`, computed once. When `doc` was parsed from
 * `previous` by an edit that left everything these checks read as it was
 * (wrapper, banner, header, every paragraph's anchor, number and marking,
 * only moved by the edit), they are `previous`'s problems, moved.
 */
export function structureProblemsOf(doc: CableDocument, previous?: CableDocument): Problem[] {
  return memoized(doc, 'structureProblems', () => {
    const before = previous && memoPeek<Problem[]>(previous, 'structureProblems');
    return (before && movedStructureProblems(previous!, before, doc)) ?? structureProblems(doc);
  });
}

/** An edit's effect on offsets: unchanged before `start`, moved by `delta` from `oldEnd` (in the old text) on. */
interface EditMap {
  start: number;
  oldEnd: number;
  delta: number;
}

function movedStructureProblems(prev: CableDocument, problems: Problem[], doc: CableDocument): Problem[] | undefined {
  if (!(doc instanceof ParsedCable) || !doc.reparsed || !(prev instanceof ParsedCable) || prev.text.length + doc.reparsed.delta !== doc.text.length) return undefined;
  const edit: EditMap = { start: doc.reparsed.editStart, oldEnd: doc.reparsed.editOldEnd, delta: doc.reparsed.delta };
  if (!sameStructure(prev, doc, edit)) return undefined;
  const out: Problem[] = [];
  for (const p of problems) {
    const span = moved(p.span, edit);
    if (!span) return undefined;
    let related = p.related;
    if (related) {
      const list: Array<{ span: Span; message: string }> = [];
      for (const r of related) {
        const at = moved(r.span, edit);
        if (!at) return undefined;
        list.push(at === r.span ? r : { ...r, span: at });
      }
      if (list.some((r, i) => r !== related![i])) related = list;
    }
    out.push(span === p.span && related === p.related ? p : { ...p, span, ...(related ? { related } : {}) });
  }
  return out;
}

/** `span` of the old text in the new one: the same object before the edit, moved after it; undefined when the edit touches it. */
function moved(span: Span, edit: EditMap): Span | undefined {
  if (span.end <= edit.start) return span;
  if (span.start >= edit.oldEnd) return edit.delta === 0 ? span : { start: span.start + edit.delta, end: span.end + edit.delta };
  return undefined;
}

function sameSpan(old: Span | undefined, span: Span | undefined, edit: EditMap): boolean {
  if (!old || !span) return old === span;
  const at = moved(old, edit);
  return at !== undefined && at.start === span.start && at.end === span.end;
}

/** Whether everything the structure checks read is the same in both documents, only moved by the edit. */
function sameStructure(prev: CableDocument, doc: CableDocument, edit: EditMap): boolean {
  // Without a banner the checks read the text at the body's start.
  if (!prev.banner || !doc.banner) return false;
  if (!sameSpan(prev.wrapper.open, doc.wrapper.open, edit) || !sameSpan(prev.wrapper.close, doc.wrapper.close, edit)) return false;
  const a = prev.banner;
  const b = doc.banner;
  if (a.text !== b.text || a.level !== b.level || !sameSpan(a.span, b.span, edit)) return false;
  if (prev.header.length !== doc.header.length) return false;
  for (let i = 0; i < doc.header.length; i++) {
    const f = prev.header[i];
    const g = doc.header[i];
    if (f.kind !== g.kind || f.label !== g.label || f.value !== g.value || !sameSpan(f.labelSpan, g.labelSpan, edit) || !sameSpan(f.valueSpan, g.valueSpan, edit)) return false;
  }
  const olds = prev.paragraphs;
  const news = doc.paragraphs;
  if (olds.length !== news.length) return false;
  for (let i = 0; i < news.length; i++) {
    const p = olds[i];
    const q = news[i];
    if (p === q) continue;
    if (p.id !== q.id || p.href !== q.href || p.number !== q.number || p.numbered !== q.numbered) return false;
    if (!sameSpan(p.idSpan, q.idSpan, edit) || !sameSpan(p.hrefSpan, q.hrefSpan, edit) || !sameSpan(p.anchorSpan, q.anchorSpan, edit) || !sameSpan(p.numberSpan, q.numberSpan, edit)) return false;
    const m = p.marking;
    const n = q.marking;
    if (!m || !n) {
      if (m !== n) return false;
    } else if (m.text !== n.text || m.level !== n.level || !sameSpan(m.span, n.span, edit)) {
      return false;
    }
  }
  // The first numbered paragraph's opening may name the classification authority.
  return classifiedInBody(prev) === classifiedInBody(doc);
}

function classifiedInBody(doc: CableDocument): boolean {
  const firstParagraph = doc.paragraphs.find(isNumbered);
  return firstParagraph !== undefined && /Classified\s+by\b/i.test(doc.text.slice(firstParagraph.span.start, Math.min(firstParagraph.span.end, firstParagraph.span.start + 2000)));
}

/**
 * Numbered anchors that fit neither neighbour while the neighbours fit each
 * other (5, 2007, 6): a year or a figure in the text taken for a paragraph
 * number when the cable was converted. They are reported once, as such.
 */
export function strayAnchors(doc: CableDocument): Set<Paragraph> {
  const numbered = doc.paragraphs.filter(isNumbered).map((p) => ({ p, n: numberOf(p) }));
  const stray = new Set<Paragraph>();
  for (let i = 1; i + 1 < numbered.length; i++) {
    const prev = numbered[i - 1].n;
    const { n, p } = numbered[i];
    const next = numbered[i + 1].n;
    if (prev === undefined || n === undefined || next === undefined || stray.has(numbered[i - 1].p)) continue;
    if (next > prev && next <= prev + 2 && (n > next || n < prev)) stray.add(p);
  }
  // A year far beyond its neighbours is a date, even as the last anchor.
  for (let i = 1; i < numbered.length; i++) {
    const prev = numbered[i - 1].n;
    const { n, p } = numbered[i];
    if (prev !== undefined && n !== undefined && isYear(n) && n > prev + 20 && !stray.has(numbered[i - 1].p)) stray.add(p);
  }
  return stray;
}

const BANNER_WORDS = ['C O N F I D E N T I A L', 'S E C R E T', 'U N C L A S S I F I E D', 'T O P S E C R E T', 'CONFIDENTIAL', 'SECRET', 'UNCLASSIFIED', 'UNCLAS', 'TOP SECRET'];

function bannerProblems(doc: CableDocument): Problem[] {
  const problems: Problem[] = [];
  const { text } = doc;
  if (!doc.banner) {
    let start = doc.dateline ? doc.dateline.span.end : doc.body.start;
    while (start < doc.body.end && /\s/.test(text[start])) start++;
    // A run of spaced capitals is a damaged banner (`E C R E T`); otherwise the first word.
    const spaced = /^(?:[A-Z] ){2,}[A-Z](?![A-Za-z])/.exec(text.slice(start, start + 60));
    const word = /^\S{1,40}/.exec(text.slice(start, start + 40));
    const span = { start, end: start + (spaced ? spaced[0].length : word ? word[0].length : 0) };
    if (spaced) {
      const guess = BANNER_WORDS.reduce((best, w) => (editDistance(spaced[0], w) < editDistance(spaced[0], best) ? w : best));
      problems.push({
        code: 'banner-missing',
        span,
        message: `Unrecognised banner "${spaced[0]}". Did you mean "${guess}"? A cable opens with its classification.`,
        data: { suggestion: guess },
      });
    } else {
      problems.push({
        code: 'banner-missing',
        span,
        message: 'No classification banner: a cable opens with its classification (C O N F I D E N T I A L, S E C R E T, UNCLASSIFIED, …) before the header.',
      });
    }
  }
  const classifiedBy = doc.header.find((f) => f.kind === 'classifiedBy');
  // Some cables give the authority in their first paragraph instead of the header.
  const inBody = classifiedInBody(doc);
  if (doc.banner?.level === 'U' && classifiedBy) {
    problems.push({
      code: 'classified-by-unclassified',
      span: classifiedBy.labelSpan,
      message: `"Classified By" in an UNCLASSIFIED cable (banner "${doc.banner.text}"): only classified cables carry a classification authority. Remove the line or correct the banner.`,
      related: [{ span: doc.banner.span, message: 'The banner says UNCLASSIFIED.' }],
    });
  }
  if (doc.banner && doc.banner.level !== 'U' && !classifiedBy && !inBody) {
    problems.push({
      code: 'classified-by-missing',
      span: doc.banner.span,
      message: `No "Classified By" line in a ${LEVEL_NAMES[doc.banner.level]} cable: classified cables name their classification authority and reasons (1.4 or 1.5).`,
    });
  }
  return problems;
}

function markingProblems(doc: CableDocument, stray: Set<Paragraph>): Problem[] {
  const problems: Problem[] = [];
  const banner = doc.banner;
  const classified = banner !== undefined && banner.level !== 'U';
  const portions: Array<{ level: Level; span: Problem['span']; text: string; where: string }> = [];

  const subject = doc.header.find((f) => f.kind === 'subject');
  const subjectMarking = subject && /^\(\s*([^()\n]{1,20}?)\s*\)/.exec(subject.value);
  if (subject && subjectMarking) {
    const parsed = parseMarking(subjectMarking[1]);
    if (parsed) portions.push({ level: parsed.level, span: { start: subject.valueSpan.start, end: subject.valueSpan.start + subjectMarking[0].length }, text: subjectMarking[1], where: 'The subject line' });
  }

  for (const p of doc.paragraphs) {
    if (!isNumbered(p) || stray.has(p)) continue;
    const m = p.marking;
    if (m && m.level === undefined) {
      const nearest = nearestMarking(m.text);
      problems.push({
        code: 'marking-unknown',
        span: m.span,
        message: `Unknown portion marking "( ${m.text} )". Did you mean "( ${nearest} )"? Known forms: C, S, SBU, S/NF, C/NF, U//FOUO, C/REL NATO, …`,
        data: { suggestion: nearest },
      });
    } else if (m && m.level !== undefined) {
      portions.push({ level: m.level, span: m.span, text: m.text, where: `Paragraph ${label(p)}` });
    } else if (classified && !m) {
      problems.push({
        code: 'marking-missing',
        span: p.numberSpan ?? p.anchorSpan,
        message: `Paragraph ${label(p)} has no portion marking; in a ${LEVEL_NAMES[banner.level]} cable every paragraph starts with one, such as "( C )" or "( U )".`,
      });
    }
  }

  if (banner) {
    for (const portion of portions) {
      if (LEVEL_RANK[portion.level] <= LEVEL_RANK[banner.level]) continue;
      problems.push({
        code: 'marking-above-banner',
        span: portion.span,
        message: `${portion.where} is marked ${LEVEL_NAMES[portion.level]} ("( ${portion.text} )") but the banner says ${LEVEL_NAMES[banner.level]}: the banner must be at least the highest portion marking.`,
        related: [{ span: banner.span, message: `The banner: ${LEVEL_NAMES[banner.level]}.` }],
      });
    }
  }
  return problems;
}

function isNumbered(p: Paragraph): boolean {
  return p.numbered;
}

/** The paragraph's number: the visible one, else the one in its id. */
function numberOf(p: Paragraph): number | undefined {
  if (p.number !== undefined && /^\d+$/.test(p.number)) return Number(p.number);
  const fromId = /^par(\d+)$/i.exec(p.id);
  return fromId ? Number(fromId[1]) : undefined;
}

function isYear(n: number): boolean {
  return n >= 1900 && n <= 2099;
}

function label(p: Paragraph): string {
  return p.number ?? p.id.replace(/^par/i, '');
}

function paragraphProblems(doc: CableDocument, stray: Set<Paragraph>): Problem[] {
  const problems: Problem[] = [];
  const firstById = new Map<string, Paragraph>();
  let previous: { n: number; p: Paragraph } | undefined;
  for (const p of doc.paragraphs) {
    if (p.id !== p.href) {
      problems.push({
        code: 'anchor-href-mismatch',
        span: p.hrefSpan,
        message: `Anchor id "${p.id}" and href "#${p.href}" disagree, so the link jumps elsewhere. Make the href "#${p.id}".`,
        data: { expected: p.id },
      });
    }
    // Sub-item letters (parA, parB) restart in every paragraph: only numbers must be unique.
    const first = isNumbered(p) ? firstById.get(p.id) : undefined;
    if (first) {
      problems.push({
        code: 'paragraph-duplicate',
        span: p.idSpan,
        message: `Duplicate paragraph anchor "${p.id}": links to it reach only the first one. Renumber this paragraph.`,
        related: [{ span: first.idSpan, message: `The first "${p.id}".` }],
      });
    } else if (isNumbered(p)) {
      firstById.set(p.id, p);
    }
    if (!isNumbered(p)) continue;
    if (stray.has(p)) {
      const n = numberOf(p)!;
      const after = previous ? ` after paragraph ${previous.n}` : '';
      problems.push({
        code: 'paragraph-sequence',
        span: p.numberSpan ?? p.idSpan,
        message: isYear(n)
          ? `Paragraph number ${n} is out of place${after}: probably a year in the text taken for a paragraph number. Remove the anchor.`
          : `Paragraph number ${n} is out of place${after}: the numbering resumes after it. Renumber the paragraph or remove the anchor.`,
      });
      continue;
    }
    const idNumber = /^par(\d+)$/i.exec(p.id);
    const mismatch = idNumber && p.number !== undefined && /^\d+$/.test(p.number) && Number(idNumber[1]) !== Number(p.number);
    if (mismatch) {
      problems.push({
        code: 'paragraph-number-mismatch',
        span: p.numberSpan!,
        message: `Paragraph anchor "${p.id}" shows the number ${p.number}: the id and the visible number must agree.`,
        data: { idNumber: idNumber[1] },
      });
    }
    // With id and number at odds, the id counts and the mismatch is the finding.
    const n = mismatch ? Number(idNumber[1]) : numberOf(p);
    if (n === undefined) continue;
    if (previous && !first) {
      const prev = previous.n;
      if (n > prev + 1) {
        const missing = n === prev + 2 ? `${prev + 1} is missing` : `${prev + 1}–${n - 1} are missing`;
        problems.push({
          code: 'paragraph-sequence',
          span: p.numberSpan ?? p.idSpan,
          message: `Paragraph ${n} follows paragraph ${prev}: ${missing}.`,
          related: [{ span: previous.p.numberSpan ?? previous.p.idSpan, message: `Paragraph ${prev}.` }],
        });
      } else if (n < prev) {
        problems.push({
          code: 'paragraph-sequence',
          span: p.numberSpan ?? p.idSpan,
          message: `Paragraph ${n} comes after paragraph ${prev}: the numbers go backwards.`,
          related: [{ span: previous.p.numberSpan ?? previous.p.idSpan, message: `Paragraph ${prev}.` }],
        });
      }
    }
    previous = { n, p };
  }
  return problems;
}

function wrapperProblems(doc: CableDocument): Problem[] {
  const { open, close } = doc.wrapper;
  if (open && !close) {
    return [{ code: 'wrapper-unbalanced', span: open, message: 'The cable opens with <code><pre> but does not end with </pre></code>. Add it at the end of the file.' }];
  }
  if (close && !open) {
    return [{ code: 'wrapper-unbalanced', span: close, message: 'The cable ends with </pre></code> but does not open with <code><pre>. Add it at the start of the file.' }];
  }
  return [];
}
