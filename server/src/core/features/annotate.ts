// Annotation from the keyboard: tag a selection, tag every occurrence, merge,
// split, extend, shrink, retype, and remove every tag of an entity. Each
// action is a pure function of an analysis and the editor's selections, and
// answers edits that touch only markup (removing all tags from the result
// gives back the original's untagged text) or a refusal in words. Selections
// snap to words first (../words.ts).

import { CableConfig } from '../config';
import { closingConvention } from '../conventions';
import { TextEdit, applyEdits, moveTagEdits, normaliseEdits, removeTag } from '../edits';
import { Entity, mentionAt } from '../entities';
import { CableDocument, EntityMention, Span } from '../model';
import { parseCable } from '../parser';
import { plainText } from '../plainText';
import { Analysis } from '../workspace';
import { excludedSpans } from '../checks/curation';
import { isWellFormed } from '../checks/boundary';
import { insideWord, isEndEdge, isStartEdge, nextWordPart, previousWordPart, snapToWords, wordParts, wordPartsFromStarts } from '../words';
import { countWhere } from '../sorted';

export const ANNOTATE_ACTIONS = ['tag', 'tagAll', 'merge', 'split', 'extendStart', 'extendEnd', 'shrinkStart', 'shrinkEnd', 'retype', 'removeEntity'] as const;
export type AnnotateAction = (typeof ANNOTATE_ACTIONS)[number];

/** Actions that need a type (asked for when missing). */
export const TYPED_ACTIONS: readonly AnnotateAction[] = ['tag', 'tagAll', 'merge', 'retype'];

/** A tag an action creates or keeps, in the text after the edits. */
export interface ResultTag {
  /** The tag's text, in offsets of the edited text. */
  textSpan: Span;
  type: string;
  text: string;
}

/** One action on one selection: edits with a title, or the reason it is refused. */
export type Outcome = { title: string; edits: TextEdit[]; tags?: ResultTag[] } | { refused: string };

export interface AnnotateResult {
  /** What the action does, in words (the code action's title for one selection). */
  title: string;
  /** Non-overlapping edits of this cable; empty when everything was refused. */
  edits: TextEdit[];
  /** One reason per refused selection. */
  refusals: string[];
  /** Tags made by split (their text in the edited text), for retyping them afterwards. */
  tags: ResultTag[];
}

const refuse = (refused: string): Outcome => ({ refused });
const isRefusal = (o: Outcome): o is { refused: string } => 'refused' in o;

/** `[PER Queen  ]` as the file would write it. */
function tagText(doc: CableDocument, type: string, text: string): string {
  return `[${type} ${text}${' '.repeat(closingConvention(doc))}]`;
}

function shown(m: EntityMention): string {
  return `[${m.type} ${m.text}${' '.repeat(Math.max(1, m.closingSpaces))}]`;
}

/** A broken tag is shown by its opening only. */
function brokenTag(m: EntityMention): string {
  return `The tag [${m.type} at the cursor is broken (unclosed, nested, empty or across lines); fix it first.`;
}

/** Quoted, shortened text for messages. */
function quote(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  return `"${flat.length > 60 ? `${flat.slice(0, 57)}…` : flat}"`;
}

/** The type is one of the configured types, or the reason it is not. */
export function typeProblem(config: CableConfig, type: string | undefined): string | undefined {
  if (type === undefined || type === '') return 'Choose an entity type.';
  if (!config.entityTypes.includes(type)) return `"${type}" is not one of the entity types (${config.entityTypes.join(', ')}); they are a setting.`;
  return undefined;
}

// ---------------------------------------------------------------- where text may be tagged

/** Tags overlapping `span` (touching does not count), in text order. */
export function mentionsOverlapping(doc: CableDocument, span: Span): number[] {
  const mentions = doc.mentions;
  const last = countWhere(mentions.length, (i) => mentions[i].span.start < span.end || (span.start === span.end && mentions[i].span.start <= span.start)) - 1;
  const found: number[] = [];
  // Tags do not nest, so ends grow with starts; a few more steps cover broken nesting.
  for (let i = last, misses = 0; i >= 0 && misses < 8; i--) {
    const s = mentions[i].span;
    if (s.start < span.end && span.start < s.end) found.push(i);
    else if (s.end <= span.start) misses++;
  }
  return found.reverse();
}

function anchorOverlapping(doc: CableDocument, span: Span): boolean {
  for (const p of doc.paragraphs) {
    if (p.anchorSpan.start >= span.end) break;
    if (span.start < p.anchorSpan.end) return true;
  }
  return false;
}

/**
 * Why text [start, end) cannot become a tag's text, or undefined when it
 * can. Tags in `own` (the ones being merged or moved) do not count.
 */
function spanProblem(doc: CableDocument, span: Span, own: readonly number[] = []): string | undefined {
  const text = doc.text;
  const slice = text.slice(span.start, span.end);
  // Shown without the markup of the tags being merged or moved.
  const shownText = own.length === 0 ? slice : plainOf(doc, span);
  if (/[\r\n]/.test(slice)) return `${quote(shownText)} crosses a line break; a tag stays on one line.`;
  if (span.start < doc.body.start || span.end > doc.body.end) return 'The selection is outside the cable body.';
  for (const i of mentionsOverlapping(doc, span)) {
    if (own.includes(i)) continue;
    const m = doc.mentions[i];
    if (m.span.start <= span.start && span.end <= m.span.end) return `${quote(slice)} is already inside the tag ${shown(m)}.`;
    if (span.start <= m.span.start && m.span.end <= span.end) return `The selection holds the tag ${shown(m)}, and tags never nest. Merge the tags, or remove that tag first.`;
    return `The selection cuts into the tag ${shown(m)}. Select whole words outside tags, or whole tags to merge them.`;
  }
  if (anchorOverlapping(doc, span)) return 'The selection cuts into a paragraph anchor.';
  if (/[[\]]/.test(shownText)) return `${quote(shownText)} holds a "[" or "]", which would end the tag early.`;
  return undefined;
}

/** The text of [start, end) without tag markup. */
function plainOf(doc: CableDocument, span: Span): string {
  const plain = plainText(doc);
  return plain.text.slice(plain.toPlain(span.start), plain.toPlain(span.end));
}

/** The selection snapped to words, or why it holds none. */
function snapped(doc: CableDocument, selection: Span): Span | string {
  const s = snapToWords(doc.text, selection);
  if ('span' in s) return s.span;
  if (s.refused === 'blank') return 'The selection is blank: select the words to tag.';
  return selection.start === selection.end ? 'Place the cursor on a word, or select the words to tag.' : 'The selection holds no word to tag (only punctuation).';
}

/** The well-formed tag at the cursor (touching its edges counts), or the reason there is none. */
function tagAtCursor(doc: CableDocument, selection: Span, verb: string): number | string {
  const index = mentionAt(doc, selection.start, true);
  if (index < 0 || (selection.end > doc.mentions[index].span.end)) return `Place the cursor in a tag to ${verb} it.`;
  const m = doc.mentions[index];
  if (!isWellFormed(m)) return brokenTag(m);
  return index;
}

// ---------------------------------------------------------------- the actions

/**
 * Tag the selection (snapped to words) as `type`. A cursor in a tag, or a
 * selection of a tag's whole text, retypes that tag instead: pressing a
 * type's key on a mention gives it that type.
 */
export function tagSelection(analysis: Analysis, selection: Span, type: string): Outcome {
  const { doc } = analysis;
  const index = mentionAt(doc, selection.start, true);
  const m = index >= 0 ? doc.mentions[index] : undefined;
  if (m && isWellFormed(m) && m.textSpan.start <= selection.start && selection.end <= m.textSpan.end) {
    const whole = selection.start === selection.end || (selection.start === m.textSpan.start && selection.end === m.textSpan.end);
    if (whole) {
      if (m.type === type) return refuse(`${quote(m.text)} is already tagged as ${type}.`);
      return { title: `Retype as ${type}: ${quote(m.text)}`, edits: moveTagEdits(doc, m, m.textSpan.start, m.textSpan.end, type) };
    }
  }
  const span = snapped(doc, selection);
  if (typeof span === 'string') return refuse(span);
  const problem = spanProblem(doc, span);
  if (problem) return refuse(problem);
  const text = doc.text.slice(span.start, span.end);
  return {
    title: `Tag as ${type}: ${quote(text)}`,
    edits: [
      { span: { start: span.start, end: span.start }, newText: `[${type} ` },
      { span: { start: span.end, end: span.end }, newText: `${' '.repeat(closingConvention(doc))}]` },
    ],
  };
}

/** What "tag all" looks for: the text of the tag at the cursor (with its type), or the snapped selection's text. */
export function tagAllNeedle(analysis: Analysis, selection: Span): { text: string; own?: Span; type?: string } | string {
  const { doc } = analysis;
  const index = mentionAt(doc, selection.start, true);
  const m = index >= 0 ? doc.mentions[index] : undefined;
  if (m && isWellFormed(m) && selection.end <= m.span.end) return { text: doc.text.slice(m.textSpan.start, m.textSpan.end), type: m.type };
  const span = snapped(doc, selection);
  if (typeof span === 'string') return span;
  const problem = spanProblem(doc, span);
  if (problem) return problem;
  return { text: doc.text.slice(span.start, span.end), own: span };
}

/**
 * Untagged occurrences of `needle` in the cable's running text, as whole
 * words (not parts of longer words): outside tags, anchors and the TAGS line.
 */
export function untaggedOccurrences(doc: CableDocument, needle: string): Span[] {
  const text = doc.text;
  if (needle.length === 0) return [];
  const excluded = excludedSpans(doc);
  const found: Span[] = [];
  let k = 0;
  let at = text.indexOf(needle, doc.body.start);
  while (at >= 0 && at + needle.length <= doc.body.end) {
    const end = at + needle.length;
    while (k < excluded.length && excluded[k].end <= at) k++;
    const blocked = k < excluded.length && excluded[k].start < end;
    if (!blocked && isStartEdge(text, at) && isEndEdge(text, end)) {
      found.push({ start: at, end });
      at = text.indexOf(needle, end);
    } else {
      at = text.indexOf(needle, at + 1);
    }
  }
  return found;
}

/** Edits tagging every span as `type`: one per span, so that a preview lists each occurrence once. */
export function tagEdits(doc: CableDocument, spans: Span[], type: string): TextEdit[] {
  const close = `${' '.repeat(closingConvention(doc))}]`;
  return spans.map((s) => ({ span: s, newText: `[${type} ${doc.text.slice(s.start, s.end)}${close}` }));
}

/** The spans that can each be tagged without breaking the tags of their line (inside a broken tag, one would nest). */
export function taggableSpans(doc: CableDocument, config: CableConfig, spans: Span[], type: string): Span[] {
  // All together first: only when that breaks a line are they checked one by one.
  if (spans.length === 0 || markupProblem(doc, config, tagEdits(doc, spans, type)) === undefined) return spans;
  return spans.filter((s) => markupProblem(doc, config, tagEdits(doc, [s], type)) === undefined);
}

/**
 * Tag every untagged occurrence of the selected text in this cable (the
 * selection included); with `config`, the occurrences a tag would break
 * (inside a broken tag) are left out.
 */
export function tagAllInCable(analysis: Analysis, selection: Span, type: string, config?: CableConfig): Outcome & { spans?: Span[]; needle?: string } {
  const { doc } = analysis;
  const needle = tagAllNeedle(analysis, selection);
  if (typeof needle === 'string') return refuse(needle);
  const found = untaggedOccurrences(doc, needle.text);
  const spans = config ? taggableSpans(doc, config, found, type) : found;
  const own = needle.own;
  if (own && !found.some((s) => s.start === own.start && s.end === own.end)) {
    // The selection itself counts even where the search skips (the TAGS line).
    spans.push(own);
    spans.sort((a, b) => a.start - b.start);
  }
  if (spans.length === 0) return refuse(`${quote(needle.text)} has no untagged occurrence in this cable.`);
  const n = spans.length;
  return { title: tagAllTitle(n, needle.text, type), edits: tagEdits(doc, spans, type), spans, needle: needle.text };
}

export function tagAllTitle(n: number, needle: string, type: string): string {
  return `Tag all ${n} ${n === 1 ? 'occurrence' : 'occurrences'} of ${quote(needle)} as ${type}`;
}

/** Tag every untagged occurrence of `needle` in another cable (the ones a tag would break left out). */
export function tagAllInOtherCable(analysis: Analysis, needle: string, type: string, config: CableConfig): TextEdit[] {
  return tagEdits(analysis.doc, taggableSpans(analysis.doc, config, untaggedOccurrences(analysis.doc, needle), type), type);
}

/** The tags a merge would join, and the span of the merged tag's text. */
function mergePlan(doc: CableDocument, selection: Span): { tags: number[]; span: Span } | string {
  const touched = mentionsOverlapping(doc, selection);
  if (touched.length < 2) return 'Select two or more tags to merge, and the words between them.';
  for (const i of touched) if (!isWellFormed(doc.mentions[i])) return `The tag [${doc.mentions[i].type} in the selection is broken (unclosed, nested, empty or across lines); fix it first.`;
  const text = doc.text;
  const first = doc.mentions[touched[0]];
  const last = doc.mentions[touched[touched.length - 1]];
  let start = first.textSpan.start;
  let s = selection.start;
  while (s < first.openSpan.start && !/[\p{L}\p{N}]/u.test(text[s])) s++;
  if (s < first.openSpan.start) {
    const snap = snapToWords(text, { start: s, end: first.openSpan.start });
    if ('span' in snap) start = snap.span.start;
  }
  let end = last.textSpan.end;
  let e = selection.end;
  while (e > last.closeSpan!.end && !/[\p{L}\p{N}]/u.test(text[e - 1])) e--;
  if (e > last.closeSpan!.end) {
    const snap = snapToWords(text, { start: last.closeSpan!.end, end: e });
    if ('span' in snap) end = snap.span.end;
  }
  const span = { start, end };
  const tags = mentionsOverlapping(doc, span);
  const problem = spanProblem(doc, span, tags);
  if (problem) return problem;
  for (const i of tags) if (!isWellFormed(doc.mentions[i])) return `The tag [${doc.mentions[i].type} in the selection is broken (unclosed, nested, empty or across lines); fix it first.`;
  return { tags, span };
}

/** The types a merge offers: the first tag's type first, then the others' types, then the rest. */
export function mergeChoices(analysis: Analysis, config: CableConfig, selection: Span): string[] | string {
  const plan = mergePlan(analysis.doc, selection);
  if (typeof plan === 'string') return plan;
  return [...new Set([...plan.tags.map((i) => analysis.doc.mentions[i].type), ...config.entityTypes])];
}

/** Merge the tags the selection touches (and the words between) into one tag of `type`. */
export function mergeTags(analysis: Analysis, selection: Span, type: string): Outcome {
  const { doc } = analysis;
  const plan = mergePlan(doc, selection);
  if (typeof plan === 'string') return refuse(plan);
  const edits = normaliseEdits(doc.text, [
    ...plan.tags.flatMap((i) => removeTag(doc.mentions[i])),
    { span: { start: plan.span.start, end: plan.span.start }, newText: `[${type} ` },
    { span: { start: plan.span.end, end: plan.span.end }, newText: `${' '.repeat(closingConvention(doc))}]` },
  ]);
  return { title: `Merge ${plan.tags.length} tags as ${type}: ${quote(plainOf(doc, plan.span))}`, edits };
}

/** Split the tag at the cursor into two tags of its type: the words before and after the cursor. */
export function splitTag(analysis: Analysis, selection: Span): Outcome {
  const { doc } = analysis;
  const text = doc.text;
  const at = tagAtCursor(doc, selection, 'split');
  if (typeof at === 'string') return refuse(at);
  const m = doc.mentions[at];
  const { start: ts, end: te } = m.textSpan;
  if (selection.start < ts || selection.end > te) return refuse(`Place the cursor between two words of ${shown(m)} to split it.`);
  // Each side of a split starts at a start edge: `UK’s` is not split before its `s`.
  const parts = wordPartsFromStarts(text, ts, te);
  if (parts.length < 2) return refuse(`${shown(m)} has one word; there is nothing to split.`);
  // The words left out of both tags: the selection's words, or the word the cursor is inside.
  let out: Span;
  if (selection.start === selection.end) {
    const c = selection.start;
    const inside = parts.find((p) => p.start < c && c < p.end && insideWord(text, c));
    out = inside ?? { start: c, end: c };
  } else {
    const snap = snapToWords(text, selection);
    out = 'span' in snap ? snap.span : selection;
  }
  const left = parts.filter((p) => p.end <= out.start);
  const right = parts.filter((p) => p.start >= out.end);
  if (left.length === 0 || right.length === 0) {
    return refuse(`Place the cursor between two words of ${shown(m)} (or on a word in the middle, to leave it out of both tags).`);
  }
  const leftEnd = left[left.length - 1].end;
  const rightStart = right[0].start;
  const close = `${' '.repeat(closingConvention(doc))}]`;
  const open = `[${m.type} `;
  const leftText = text.slice(ts, leftEnd);
  const rightText = text.slice(rightStart, te);
  const between = text.slice(leftEnd, rightStart);
  const leftOut = /[\p{L}\p{N}]/u.test(between) ? `, leaving ${quote(between.trim())} untagged` : '';
  const shiftRight = close.length + open.length;
  return {
    title: `Split into ${quote(leftText)} and ${quote(rightText)} (${m.type})${leftOut}`,
    edits: [
      { span: { start: leftEnd, end: leftEnd }, newText: close },
      { span: { start: rightStart, end: rightStart }, newText: open },
    ],
    tags: [
      { textSpan: { start: ts, end: leftEnd }, type: m.type, text: leftText },
      { textSpan: { start: rightStart + shiftRight, end: te + shiftRight }, type: m.type, text: rightText },
    ],
  };
}

export type EdgeMove = 'extendStart' | 'extendEnd' | 'shrinkStart' | 'shrinkEnd';

/** Move one edge of the tag at the cursor by one word. Extending into a neighbouring tag is refused. */
export function moveTagEdge(analysis: Analysis, selection: Span, move: EdgeMove): Outcome {
  const { doc } = analysis;
  const text = doc.text;
  const verb = move.startsWith('extend') ? 'extend' : 'shrink';
  const at = tagAtCursor(doc, selection, verb);
  if (typeof at === 'string') return refuse(at);
  const m = doc.mentions[at];
  let start = m.textSpan.start;
  let end = m.textSpan.end;
  if (move === 'extendEnd' || move === 'extendStart') {
    const word = move === 'extendEnd' ? nextWordPart(text, m.span.end) : previousWordPart(text, m.span.start);
    const side = move === 'extendEnd' ? 'after' : 'before';
    if (!word || word.start < doc.body.start || word.end > doc.body.end) return refuse(`No word ${side} ${shown(m)} on its line.`);
    const reach = move === 'extendEnd' ? { start: m.span.end, end: word.end } : { start: word.start, end: m.span.start };
    const neighbour = mentionsOverlapping(doc, reach)[0];
    if (neighbour !== undefined) {
      return refuse(`The word ${side} ${shown(m)} is in the tag ${shown(doc.mentions[neighbour])}; extending into a neighbouring tag is refused. Merge the two tags instead.`);
    }
    if (move === 'extendEnd') end = word.end;
    else start = word.start;
  } else {
    // The end may move back to a possessive (`[MISC UK  ]’s`); the start never moves onto its `s`.
    const parts = move === 'shrinkEnd' ? wordParts(text, m.textSpan.start, m.textSpan.end) : wordPartsFromStarts(text, m.textSpan.start, m.textSpan.end);
    if (parts.length < 2) return refuse(`${shown(m)} has one word: shrinking would leave the tag empty. Remove the tag instead.`);
    if (move === 'shrinkEnd') end = parts[parts.length - 2].end;
    else start = parts[1].start;
  }
  const problem = spanProblem(doc, { start, end }, [at]);
  if (problem) return refuse(problem);
  const newText = plainOf(doc, { start, end });
  const title = verb === 'extend' ? `Extend to ${tagText(doc, m.type, newText)}` : `Shrink to ${tagText(doc, m.type, newText)}`;
  return { title, edits: moveTagEdits(doc, m, start, end) };
}

/** Give the tag at the cursor another type. */
export function retypeTag(analysis: Analysis, selection: Span, type: string): Outcome {
  const { doc } = analysis;
  const at = tagAtCursor(doc, selection, 'retype');
  if (typeof at === 'string') return refuse(at);
  const m = doc.mentions[at];
  if (m.type === type) return { title: `Retype as ${type}`, edits: [] };
  return { title: `Retype as ${type}`, edits: moveTagEdits(doc, m, m.textSpan.start, m.textSpan.end, type) };
}

/** The entity whose tag is at the cursor, or why there is none. */
export function entityAtCursor(analysis: Analysis, selection: Span): Entity | string {
  const index = mentionAt(analysis.doc, selection.start, true);
  const id = index >= 0 ? analysis.entities.entityOfMention[index] : -1;
  if (id < 0) return 'Place the cursor on a tag of the entity.';
  return analysis.entities.entities[id];
}

/** Remove every tag of the entity at the cursor in this cable, keeping the text. */
export function removeEntityTags(analysis: Analysis, selection: Span): Outcome {
  const entity = entityAtCursor(analysis, selection);
  if (typeof entity === 'string') return refuse(entity);
  return { title: removeEntityTitle(entity.name, entity.mentions.length), edits: entityRemovalEdits(analysis, [entity]) };
}

export function removeEntityTitle(name: string, mentions: number, otherCables?: number): string {
  const here = `${mentions} ${mentions === 1 ? 'mention' : 'mentions'}`;
  if (otherCables === undefined) return `Remove all tags of ${quote(name)} (${here}), keep the text`;
  return `Remove all tags of ${quote(name)} in every cable (${here} here, ${otherCables} other ${otherCables === 1 ? 'cable' : 'cables'}), keep the text`;
}

/** Edits removing the tags of `entities` (their text stays). */
export function entityRemovalEdits(analysis: Analysis, entities: Entity[]): TextEdit[] {
  const { doc } = analysis;
  const tags = entities.flatMap((e) => e.mentions).filter((i) => doc.mentions[i].closeSpan);
  return tags.sort((a, b) => a - b).flatMap((i) => {
    const m = doc.mentions[i];
    // A tag broken across a line loses its markup only: its line break and the words before "]" stay.
    if (m.multiline) return removeTag(m);
    return [{ span: m.span, newText: doc.text.slice(m.textSpan.start, m.textSpan.end) }];
  });
}

// ---------------------------------------------------------------- many selections, one edit

/** Where an outcome's edits lie. */
function reach(edits: TextEdit[]): Span | undefined {
  if (edits.length === 0) return undefined;
  return { start: Math.min(...edits.map((e) => e.span.start)), end: Math.max(...edits.map((e) => e.span.end)) };
}

/**
 * Runs one action on every selection (a multi-cursor editor) and joins the
 * edits into one. A selection is refused, with the reason, when its own
 * action is refused or its edits would meet another selection's.
 */
export function annotateSelections(analysis: Analysis, config: CableConfig, selections: Span[], run: (selection: Span) => Outcome): AnnotateResult {
  const { doc } = analysis;
  const refusals: string[] = [];
  const accepted: Array<{ edits: TextEdit[]; reach: Span; tags?: ResultTag[]; title: string }> = [];
  const many = selections.length > 1;
  selections.forEach((selection, n) => {
    const label = many ? `Selection ${n + 1}: ` : '';
    const outcome = run(selection);
    if (isRefusal(outcome)) {
      refusals.push(label + outcome.refused);
      return;
    }
    const r = reach(outcome.edits);
    if (!r) return;
    const same = accepted.find((a) => a.reach.start === r.start && a.reach.end === r.end && sameEdits(a.edits, outcome.edits));
    if (same) return;
    if (accepted.some((a) => a.reach.start <= r.end && r.start <= a.reach.end)) {
      refusals.push(`${label}it meets another selection's change; nothing was done there.`);
      return;
    }
    accepted.push({ edits: outcome.edits, reach: r, tags: outcome.tags, title: outcome.title });
  });
  const edits = accepted.flatMap((a) => a.edits).sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  const broken = markupProblem(doc, config, edits);
  if (broken) return { title: accepted[0]?.title ?? '', edits: [], refusals: [...refusals, broken], tags: [] };
  // Tags' offsets move with the edits of selections before them.
  const tags = accepted.flatMap((a) => (a.tags ?? []).map((t) => shiftTag(t, a.edits, edits)));
  const title = accepted.length === 1 ? accepted[0].title : accepted.length > 1 ? `${accepted[0].title} (and ${accepted.length - 1} more)` : '';
  return { title, edits, refusals, tags };
}

function sameEdits(a: TextEdit[], b: TextEdit[]): boolean {
  return a.length === b.length && a.every((e, i) => e.span.start === b[i].span.start && e.span.end === b[i].span.end && e.newText === b[i].newText);
}

/** A tag computed against its own edits, moved by the other selections' edits before it. */
function shiftTag(tag: ResultTag, own: TextEdit[], all: TextEdit[]): ResultTag {
  const ownSet = new Set(own);
  const firstOwn = Math.min(...own.map((e) => e.span.start));
  let delta = 0;
  for (const e of all) if (!ownSet.has(e) && e.span.end <= firstOwn) delta += e.newText.length - (e.span.end - e.span.start);
  return { ...tag, textSpan: { start: tag.textSpan.start + delta, end: tag.textSpan.end + delta } };
}

/** Past this many characters around the edits, a long line is not parsed again whole. */
const GUARD_WINDOW = 4000;

/**
 * A guard on every action: each stretch of lines the edits touch, parsed
 * before and after, must not gain a tag problem (an unclosed, nested, empty,
 * stray or broken tag). The reason when it would.
 */
export function markupProblem(doc: CableDocument, config: CableConfig, edits: TextEdit[]): string | undefined {
  const text = doc.text;
  const sorted = [...edits].sort((a, b) => a.span.start - b.span.start);
  const options = { entityTypes: config.entityTypes };
  const count = (t: string) => {
    const counts = new Map<string, number>();
    for (const p of parseCable(t, options).problems) if (p.code.startsWith('tag-')) counts.set(p.code, (counts.get(p.code) ?? 0) + 1);
    return counts;
  };
  let i = 0;
  while (i < sorted.length) {
    let from = lineStart(text, sorted[i].span.start);
    let to = lineEnd(text, sorted[i].span.end);
    let j = i + 1;
    while (j < sorted.length && sorted[j].span.start <= to) to = lineEnd(text, Math.max(to, sorted[j++].span.end));
    if (to - from > 2 * GUARD_WINDOW) {
      // A very long line: a window around the edits, widened to whole tags.
      from = Math.max(from, sorted[i].span.start - GUARD_WINDOW);
      to = Math.min(to, sorted[j - 1].span.end + GUARD_WINDOW);
      for (const k of mentionsOverlapping(doc, { start: from, end: from })) from = Math.min(from, doc.mentions[k].span.start);
      for (const k of mentionsOverlapping(doc, { start: to, end: to })) to = Math.max(to, doc.mentions[k].span.end);
    }
    const before = text.slice(from, to);
    const after = applyEdits(before, sorted.slice(i, j).map((e) => ({ span: { start: e.span.start - from, end: e.span.end - from }, newText: e.newText })));
    const was = count(before);
    for (const [code, n] of count(after)) if (n > (was.get(code) ?? 0)) return `This would break the tags on the line (${code}); nothing was changed.`;
    i = j;
  }
  return undefined;
}

function lineStart(text: string, at: number): number {
  let i = at;
  while (i > 0 && text[i - 1] !== '\n' && text[i - 1] !== '\r') i--;
  return i;
}

function lineEnd(text: string, at: number): number {
  let i = at;
  while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
  return i;
}
