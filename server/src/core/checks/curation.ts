// Entity consistency: type conflicts within an entity, and untagged
// occurrences of a tagged entity's text.

import { Entity, typeName } from '../entities';
import { CableDocument, Problem, Span } from '../model';
import { MAX_PROBLEMS } from '../parser';
import { Analysis } from '../workspace';

export function curationProblems(analysis: Analysis): Problem[] {
  return [...typeConflicts(analysis), ...untaggedMentions(analysis).map((u) => u.problem)];
}

function typeConflicts(analysis: Analysis): Problem[] {
  const { doc, entities } = analysis;
  const problems: Problem[] = [];
  for (const entity of entities.entities) {
    if (entity.typeCounts.size < 2) continue;
    const counts = [...entity.typeCounts].sort((a, b) => b[1] - a[1]);
    const summary = counts.map(([t, n]) => `${t} ×${n}`).join(', ');
    const majority = counts[0][0];
    const why =
      (entity.typeCounts.get(entity.type) ?? 0) >= counts[0][1]
        ? `the majority type of "${entity.name}" in this cable is ${entity.type} (${typeName(entity.type)}): ${summary}`
        : `"${entity.name}" is taken as ${entity.type} (${typeName(entity.type)}), the type of its full name, though the majority of its tags is ${majority} (${summary})`;
    for (const i of entity.mentions) {
      const m = doc.mentions[i];
      if (m.type === entity.type) continue;
      problems.push({
        code: 'entity-type-conflict',
        span: m.span,
        message: `"${m.text}" is tagged ${m.type} here, but ${why}. Retype it, or retype all mentions.`,
        related: entity.mentions
          .filter((j) => j !== i)
          .slice(0, 20)
          .map((j) => ({ span: doc.mentions[j].span, message: `${doc.mentions[j].type}: ${doc.mentions[j].text}` })),
        data: { entity: entity.id, type: m.type, majority: entity.type },
      });
    }
  }
  return problems;
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
const untaggedCache = new WeakMap<Analysis, UntaggedMention[]>();

export function untaggedMentions(analysis: Analysis): UntaggedMention[] {
  let found = untaggedCache.get(analysis);
  if (!found) untaggedCache.set(analysis, (found = findUntagged(analysis)));
  return found;
}

function findUntagged(analysis: Analysis): UntaggedMention[] {
  const { doc, entities } = analysis;
  const text = doc.text;
  // Forms by their first word, for a linear scan.
  const byFirstWord = new Map<string, Array<{ form: string; entity: Entity }>>();
  // A cheap filter before the map: the first characters and lengths of first words.
  const firstChars = new Uint8Array(65536);
  const lengths = new Uint8Array(65);
  const seen = new Set<string>();
  const add = (variant: string, entity: Entity) => {
    if (variant.length < 2 || seen.has(variant)) return;
    seen.add(variant);
    const first = FIRST_WORD.exec(variant)?.[0];
    if (!first) return;
    firstChars[first.charCodeAt(0)] = 1;
    lengths[Math.min(first.length, 64)] = 1;
    const list = byFirstWord.get(first);
    if (list) list.push({ form: variant, entity });
    else byFirstWord.set(first, [{ form: variant, entity }]);
  };
  for (const entity of entities.entities) {
    for (const { text: form } of entity.forms) {
      add(form, entity);
      add(form.toUpperCase(), entity);
    }
  }
  for (const list of byFirstWord.values()) list.sort((a, b) => b.form.length - a.form.length);

  const excluded = excludedSpans(doc);
  const found: UntaggedMention[] = [];
  let k = 0;
  let i = doc.body.start;
  const limit = doc.body.end;
  while (i < limit && found.length < MAX_PROBLEMS) {
    if (!isWordChar(text, i)) {
      i++;
      continue;
    }
    // A word starts at i: find its end.
    let j = i + 1;
    while (j < limit && isWordChar(text, j)) j++;
    while (k < excluded.length && excluded[k].end <= i) k++;
    if (k < excluded.length && excluded[k].start <= i) {
      i = Math.max(j, excluded[k].end);
      continue;
    }
    const candidates = firstChars[text.charCodeAt(i)] === 1 && lengths[Math.min(j - i, 64)] === 1 ? byFirstWord.get(text.slice(i, j)) : undefined;
    let next = j;
    if (candidates) {
      for (const { form, entity } of candidates) {
        const end = i + form.length;
        if (!text.startsWith(form, i) || isWordChar(text, end) || (k < excluded.length && excluded[k].start < end)) continue;
        const span = { start: i, end };
        found.push({
          span,
          entity,
          problem: {
            code: 'entity-untagged-mention',
            span,
            message: `"${form}" is not tagged here, but "${entity.name}" is tagged ${entity.type} elsewhere in this cable (${entity.mentions.length} ${entity.mentions.length === 1 ? 'mention' : 'mentions'}). Tag it as [${entity.type} ${form}  ] if it is the same entity.`,
            data: { entity: entity.id, type: entity.type },
          },
        });
        next = end;
        break;
      }
    }
    i = next;
  }
  return found;
}

const FIRST_WORD = /^[\p{L}\p{N}]+/u;
const WORD_CHAR = /[\p{L}\p{N}]/u;

function isWordChar(text: string, at: number): boolean {
  if (at >= text.length) return false;
  const c = text.charCodeAt(at);
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  return WORD_CHAR.test(text[at]);
}

/** Tags, the TAGS line and anchors, sorted and merged: what is not running text. */
export function excludedSpans(doc: CableDocument): Span[] {
  const spans: Span[] = doc.mentions.map((m) => m.span);
  const tags = doc.header.find((f) => f.kind === 'tags');
  if (tags) spans.push({ start: tags.labelSpan.start, end: tags.valueSpan.end });
  for (const p of doc.paragraphs) spans.push(p.anchorSpan);
  spans.sort((a, b) => a.start - b.start);
  // Merge overlaps so the scan can step through them in order.
  const merged: Span[] = [];
  for (const s of spans) {
    const last = merged[merged.length - 1];
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else merged.push({ ...s });
  }
  return merged;
}
