// Entity consistency: type conflicts within an entity, and untagged
// occurrences of a tagged entity's text.

import { Entity, typeName } from '../entities';
import { CableDocument, Problem, Span } from '../model';
import { MAX_PROBLEMS, ParsedCable, tagsOf } from '../parser';
import { F } from '../tagTable';
import { utf16Codes } from '../textCodes';
import { memoPeek, memoized } from '../memo';
import { Analysis, formsOf, previousAnalysis } from '../workspace';

export function curationProblems(analysis: Analysis): Problem[] {
  const problems: Problem[] = [];
  for (const i of typeConflictMentions(analysis)) problems.push(typeConflictProblem(analysis, i));
  for (const u of untaggedMentions(analysis)) problems.push(u.problem);
  return problems;
}

/** The mentions typed differently from their entity: entity after entity, in text order within each. */
export function typeConflictMentions(analysis: Analysis): number[] {
  const { entities } = analysis;
  const table = tagsOf(analysis.doc);
  const out: number[] = [];
  for (const entity of entities.entities) {
    if (entity.typeCounts.size < 2) continue;
    for (const i of entity.mentions) if (table.type(i) !== entity.type) out.push(i);
  }
  return out;
}

export function typeConflictProblem(analysis: Analysis, i: number): Problem {
  const { doc, entities } = analysis;
  const table = tagsOf(doc);
  const entity = entities.entities[entities.entityOfMention[i]];
  const counts = [...entity.typeCounts].sort((a, b) => b[1] - a[1]);
  const summary = counts.map(([t, n]) => `${t} ×${n}`).join(', ');
  const silent = entity.silentTypes;
  const majority = counts.find(([t]) => !silent.includes(t)) ?? counts[0];
  const unknownNote = silent.length > 0 ? `; ${silent.join(', ')} ${silent.length === 1 ? 'is not an entity type' : 'are not entity types'}` : '';
  const why =
    (entity.typeCounts.get(entity.type) ?? 0) >= majority[1]
      ? `the majority type of "${entity.name}" in this cable is ${entity.type} (${typeName(entity.type)}): ${summary}${unknownNote}`
      : `"${entity.name}" is taken as ${entity.type} (${typeName(entity.type)}), the type of its full name, though the majority of its tags is ${majority[0]} (${summary})`;
  const type = table.type(i);
  const related: Array<{ span: Span; message: string }> = [];
  for (const j of entity.mentions) {
    if (j === i) continue;
    if (related.length === 20) break;
    related.push({ span: { start: table.start(j), end: table.end(j) }, message: `${table.type(j)}: ${table.mentionText(j)}` });
  }
  return {
    code: 'entity-type-conflict',
    span: { start: table.start(i), end: table.end(i) },
    message: `"${table.mentionText(i)}" is tagged ${type} here, but ${why}. Retype it, or retype all mentions.`,
    related,
    data: { entity: entity.id, type, majority: entity.type },
  };
}

export interface UntaggedMention {
  span: Span;
  entity: Entity;
  problem: Problem;
}

/**
 * Occurrences of an entity's surface forms outside any tag, as whole words
 * (letters and digits may not touch them; `U.S.-UK` holds `U.S.` and `UK`).
 * The TAGS line, anchors and the wrapper are not text.
 */
export function untaggedMentions(analysis: Analysis): UntaggedMention[] {
  const found = untaggedFound(analysis);
  const out: UntaggedMention[] = [];
  for (let n = 0; n < found.count; n++) out.push(untaggedMention(analysis, found, n));
  return out;
}

export function untaggedMention(analysis: Analysis, found: UntaggedFound, n: number): UntaggedMention {
  const variant = found.variants[found.variant[n]];
  const entity = analysis.entities.entities[found.entityOfVariant[found.variant[n]]];
  const span = { start: found.start[n], end: found.end[n] };
  const form = variant.form;
  const count = entity.mentions.length;
  return {
    span,
    entity,
    problem: {
      code: 'entity-untagged-mention',
      span,
      message: `"${form}" is not tagged here, but "${entity.name}" is tagged ${entity.type} elsewhere in this cable (${count} ${count === 1 ? 'mention' : 'mentions'}). Tag it as [${entity.type} ${form}  ] if it is the same entity.`,
      data: { entity: entity.id, type: entity.type },
    },
  };
}

/** The forms searched for, in the order they were added (an entity's forms, then their capitals). */
interface Variant {
  form: string;
  key: string;
}

/** Untagged occurrences, packed. */
export interface UntaggedFound {
  count: number;
  start: Int32Array;
  end: Int32Array;
  /** Index into `variants`. */
  variant: Int32Array;
  variants: Variant[];
  /** Per variant, the entity id in this analysis. */
  entityOfVariant: Int32Array;
  /** What was searched for (the next version reuses it when its entities have the same forms). */
  lexicon: Lexicon;
}

export function untaggedFound(analysis: Analysis): UntaggedFound {
  return memoized(analysis, 'untagged', () => findUntagged(analysis));
}

function findUntagged(analysis: Analysis): UntaggedFound {
  const { doc, entities } = analysis;
  const previous = previousAnalysis(analysis);
  const before = previous ? memoPeek<UntaggedFound>(previous, 'untagged') : undefined;
  // The same entities (an edit of plain text): the same forms to look for.
  let lexicon: Lexicon;
  let entityOfVariant: Int32Array;
  if (before && previous!.entities === entities) {
    lexicon = before.lexicon;
    entityOfVariant = before.entityOfVariant;
  } else {
    lexicon = new Lexicon();
    const ids: number[] = [];
    const forms = formsOf(analysis);
    for (const entity of entities.entities) {
      for (const { text: form } of entity.forms) {
        const f = forms.formIdOf(form);
        if (f < 0) {
          if (lexicon.add(form, FIRST_WORD.exec(form)?.[0] ?? null, entity.key)) ids.push(entity.id);
          const upper = form.toUpperCase();
          if (lexicon.add(upper, FIRST_WORD.exec(upper)?.[0] ?? null, entity.key)) ids.push(entity.id);
          continue;
        }
        if (lexicon.add(form, forms.firstWord(f, false), entity.key)) ids.push(entity.id);
        if (lexicon.add(forms.upper(f), forms.firstWord(f, true), entity.key)) ids.push(entity.id);
      }
    }
    entityOfVariant = Int32Array.from(ids);
    if (before && sameVariants(before.lexicon.variants, lexicon.variants)) lexicon = before.lexicon;
    else lexicon.seal();
  }
  const excluded = excludedPairs(doc);
  const out = new Matches();
  const region = doc instanceof ParsedCable ? doc.reparsed : undefined;
  const sameForms = before !== undefined && before.lexicon === lexicon;
  if (sameForms && previous!.doc === doc) {
    for (let n = 0; n < before.count; n++) out.push(before.start[n], before.end[n], before.variant[n]);
  } else if (sameForms && region && before.count < MAX_PROBLEMS) {
    // Outside the parsed-again region nothing changed: keep what was found there, moved.
    let n = 0;
    while (n < before.count && before.start[n] < region.from) out.push(before.start[n], before.end[n], before.variant[n++]);
    lexicon.scan(doc.text, region.from, region.to, excluded, out);
    while (n < before.count && before.start[n] < region.toOld) n++;
    for (; n < before.count; n++) out.push(before.start[n] + region.delta, before.end[n] + region.delta, before.variant[n]);
    if (out.count >= MAX_PROBLEMS) {
      out.count = 0;
      lexicon.scan(doc.text, doc.body.start, doc.body.end, excluded, out);
    }
  } else {
    lexicon.scan(doc.text, doc.body.start, doc.body.end, excluded, out);
  }
  return { count: out.count, start: out.start, end: out.end, variant: out.variant, variants: lexicon.variants, entityOfVariant, lexicon };
}

function sameVariants(a: Variant[], b: Variant[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i].form !== b[i].form || a[i].key !== b[i].key) return false;
  return true;
}

class Matches {
  count = 0;
  start = new Int32Array(64);
  end = new Int32Array(64);
  variant = new Int32Array(64);

  push(start: number, end: number, variant: number): void {
    if (this.count === this.start.length) {
      const grow = (a: Int32Array) => {
        const b = new Int32Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.start = grow(this.start);
      this.end = grow(this.end);
      this.variant = grow(this.variant);
    }
    this.start[this.count] = start;
    this.end[this.count] = end;
    this.variant[this.count++] = variant;
  }
}

const FIRST_WORD = /^[\p{L}\p{N}]+/u;
const WORD_CHAR = /[\p{L}\p{N}]/u;

/** Letters and digits, per UTF-16 code unit (a lone surrogate is neither); blocks of 256 filled when first met. */
const WORD = new Uint8Array(65536);
const WORD_BLOCK_DONE = new Uint8Array(256);

function isWordCode(c: number): boolean {
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  const block = c >> 8;
  if (WORD_BLOCK_DONE[block] === 0) {
    for (let k = block << 8; k < (block + 1) << 8; k++) WORD[k] = WORD_CHAR.test(String.fromCharCode(k)) ? 1 : 0;
    WORD_BLOCK_DONE[block] = 1;
  }
  return WORD[c] === 1;
}

function hashRange(text: string, start: number, end: number): number {
  let h = 0x811c9dc5 | 0;
  for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h;
}

/**
 * The forms searched for, by their first word: a word of the text is looked
 * up by a hash of its characters (computed while the word is read), only
 * when its first character starts some form.
 */
class Lexicon {
  readonly variants: Variant[] = [];
  private readonly seen = new Set<string>();
  private readonly byFirstWord = new Map<string, number[]>();
  // Per first word (id): its length, and its variants (longest first) as a range of `candidates`.
  private firstLength = new Int32Array(0);
  private candidateStart = new Int32Array(0);
  private candidates = new Int32Array(0);
  // The variants' characters, one after the other.
  private chars = new Uint16Array(0);
  private charStart = new Int32Array(0);
  private slots = new Int32Array(0);
  private slotHash = new Int32Array(0);
  /** Per first character (UTF-16 code unit, modulo 1024: a filter): the lengths of the first words it starts, one bit each (bit 31: 31 or more). */
  private lengthsByFirst = new Int32Array(0);
  /** The longest form's length. */
  private longest = 0;

  /** Adds a form (`first`: its first word) unless it is too short, known already, or starts with no letter or digit. */
  add(form: string, first: string | null, key: string): boolean {
    if (form.length < 2 || this.seen.has(form)) return false;
    this.seen.add(form);
    if (!first) return false;
    const index = this.variants.length;
    this.variants.push({ form, key });
    const list = this.byFirstWord.get(first);
    if (list) list.push(index);
    else this.byFirstWord.set(first, [index]);
    return true;
  }

  seal(): void {
    const { variants } = this;
    let size = 16;
    while (size < this.byFirstWord.size * 2) size *= 2;
    this.slots = new Int32Array(size).fill(-1);
    this.slotHash = new Int32Array(size);
    const mask = size - 1;
    let total = 0;
    this.charStart = new Int32Array(variants.length + 1);
    for (let v = 0; v < variants.length; v++) {
      this.charStart[v] = total;
      total += variants[v].form.length;
      if (variants[v].form.length > this.longest) this.longest = variants[v].form.length;
    }
    this.charStart[variants.length] = total;
    this.chars = new Uint16Array(total);
    for (let v = 0; v < variants.length; v++) {
      const form = variants[v].form;
      const at = this.charStart[v];
      for (let k = 0; k < form.length; k++) this.chars[at + k] = form.charCodeAt(k);
    }
    const words = this.byFirstWord.size;
    this.firstLength = new Int32Array(words);
    this.candidateStart = new Int32Array(words + 1);
    this.candidates = new Int32Array(variants.length);
    this.lengthsByFirst = new Int32Array(1024);
    let id = 0;
    let c = 0;
    for (const [word, list] of this.byFirstWord) {
      list.sort((a, b) => variants[b].form.length - variants[a].form.length);
      this.firstLength[id] = word.length;
      this.candidateStart[id] = c;
      for (const v of list) this.candidates[c++] = v;
      this.lengthsByFirst[word.charCodeAt(0) & 1023] |= lengthBit(word.length);
      const h = hashRange(word, 0, word.length);
      let s = h & mask;
      while (this.slots[s] >= 0) s = (s + 1) & mask;
      this.slots[s] = id;
      this.slotHash[s] = h;
      id++;
    }
    this.candidateStart[words] = c;
  }

  /** Finds the forms in [from, limit), whole words outside `excluded` (sorted, merged start/end pairs). */
  scan(text: string, from: number, limit: number, excluded: Int32Array, out: Matches): void {
    const { slots, slotHash, chars, charStart, candidates, candidateStart, firstLength, lengthsByFirst } = this;
    // Only the stretch scanned (and the longest form past its end) is copied: an edit's region is small.
    const base = from;
    const length = Math.min(text.length, limit + this.longest + 1);
    const codes = utf16Codes(base === 0 && length === text.length ? text : text.slice(base, length));
    const mask = slots.length - 1;
    const spans = excluded.length >> 1;
    // The first excluded span ending after `from`.
    let lo = 0;
    let hi = spans;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (excluded[2 * mid + 1] <= from) lo = mid + 1;
      else hi = mid;
    }
    let k = lo;
    let nextExcluded = k < spans ? excluded[2 * k] : Number.MAX_SAFE_INTEGER;
    let i = from;
    while (i < limit) {
      const c = codes[i - base];
      if (!(c < 128 ? ASCII_WORD[c] === 1 : isWordCode(c))) {
        i++;
        continue;
      }
      // A word starts at i: find its end.
      let j = i + 1;
      while (j < limit) {
        const d = codes[j - base];
        if (!(d < 128 ? ASCII_WORD[d] === 1 : isWordCode(d))) break;
        j++;
      }
      if (nextExcluded <= i) {
        while (k < spans && excluded[2 * k + 1] <= i) k++;
        nextExcluded = k < spans ? excluded[2 * k] : Number.MAX_SAFE_INTEGER;
        if (nextExcluded <= i) {
          i = Math.max(j, excluded[2 * k + 1]);
          continue;
        }
      }
      // Most words start no form, or none of their length: no hash needed.
      if ((lengthsByFirst[c & 1023] & lengthBit(j - i)) === 0) {
        i = j;
        continue;
      }
      let h = 0x811c9dc5 | 0;
      for (let m = i; m < j; m++) h = Math.imul(h ^ codes[m - base], 0x01000193);
      let next = j;
      const wordLength = j - i;
      for (let s = h & mask; slots[s] >= 0; s = (s + 1) & mask) {
        if (slotHash[s] !== h) continue;
        const id = slots[s];
        if (firstLength[id] !== wordLength || !sameChars(codes, i - base, chars, charStart[candidates[candidateStart[id]]], wordLength)) continue;
        for (let n = candidateStart[id]; n < candidateStart[id + 1]; n++) {
          const v = candidates[n];
          const end = i + charStart[v + 1] - charStart[v];
          if (nextExcluded < end || end > length) continue;
          if (!sameChars(codes, j - base, chars, charStart[v] + wordLength, end - j)) continue;
          if (end < length && (codes[end - base] < 128 ? ASCII_WORD[codes[end - base]] === 1 : isWordCode(codes[end - base]))) continue;
          out.push(i, end, v);
          if (out.count >= MAX_PROBLEMS) return;
          next = end;
          break;
        }
        break;
      }
      i = next;
    }
  }
}

function lengthBit(n: number): number {
  return n >= 31 ? 1 << 31 : 1 << n;
}

function sameChars(a: Uint16Array, at: number, b: Uint16Array, bt: number, n: number): boolean {
  for (let k = 0; k < n; k++) if (a[at + k] !== b[bt + k]) return false;
  return true;
}

const ASCII_WORD = new Uint8Array(128);
for (let c = 0; c < 128; c++) ASCII_WORD[c] = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) ? 1 : 0;

/** Tags, the TAGS line and anchors, sorted and merged: what is not running text. */
export function excludedSpans(doc: CableDocument): Span[] {
  const pairs = excludedPairs(doc);
  const spans: Span[] = [];
  for (let i = 0; i < pairs.length; i += 2) spans.push({ start: pairs[i], end: pairs[i + 1] });
  return spans;
}

/** Tags, the TAGS line and anchors: sorted, overlapping ones merged, as start/end pairs. */
function excludedPairs(doc: CableDocument): Int32Array {
  const table = tagsOf(doc);
  const tagsField = doc.header.find((f) => f.kind === 'tags');
  const paragraphs = doc.paragraphs;
  const out = new Int32Array(2 * (table.count + paragraphs.length + 1));
  let n = 0;
  let t = 0;
  let p = 0;
  let tagsDone = tagsField === undefined;
  const d = table.data;
  for (;;) {
    // The next span by start: a tag, an anchor or the TAGS line (ties: tags first, then the TAGS line, then anchors, as a stable sort of that list).
    let start = Number.MAX_SAFE_INTEGER;
    let end = 0;
    let from = -1;
    if (t < table.count) {
      start = d[t * F.Stride + F.Start];
      end = d[t * F.Stride + F.End];
      from = 0;
    }
    if (!tagsDone && tagsField!.labelSpan.start < start) {
      start = tagsField!.labelSpan.start;
      end = tagsField!.valueSpan.end;
      from = 1;
    }
    if (p < paragraphs.length && paragraphs[p].anchorSpan.start < start) {
      start = paragraphs[p].anchorSpan.start;
      end = paragraphs[p].anchorSpan.end;
      from = 2;
    }
    if (from < 0) break;
    if (from === 0) t++;
    else if (from === 1) tagsDone = true;
    else p++;
    if (n > 0 && start <= out[n - 1]) {
      if (end > out[n - 1]) out[n - 1] = end;
    } else {
      out[n++] = start;
      out[n++] = end;
    }
  }
  return out.subarray(0, n);
}
