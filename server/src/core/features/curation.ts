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
    const summary = [...entity.typeCounts].sort((a, b) => b[1] - a[1]).map(([t, n]) => `${t} ×${n}`).join(', ');
    for (const i of entity.mentions) {
      const m = doc.mentions[i];
      if (m.type === entity.type) continue;
      problems.push({
        code: 'entity-type-conflict',
        span: m.span,
        message: `"${m.text}" is tagged ${m.type} here, but "${entity.name}" is mostly ${entity.type} (${typeName(entity.type)}) in this cable: ${summary}. Retype it, or retype all mentions.`,
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
export function untaggedMentions(analysis: Analysis): UntaggedMention[] {
  const { doc, entities } = analysis;
  const text = doc.text;
  // Forms by their first word, for a linear scan.
  const byFirstWord = new Map<string, Array<{ form: string; entity: Entity }>>();
  for (const entity of entities.entities) {
    for (const { text: form } of entity.forms) {
      for (const variant of new Set([form, form.toUpperCase()])) {
        const first = /^[\p{L}\p{N}]+/u.exec(variant)?.[0];
        if (!first || variant.length < 2) continue;
        const list = byFirstWord.get(first) ?? [];
        if (!list.some((c) => c.form === variant)) list.push({ form: variant, entity });
        byFirstWord.set(first, list);
      }
    }
  }
  for (const list of byFirstWord.values()) list.sort((a, b) => b.form.length - a.form.length);

  const excluded = excludedSpans(doc);
  const found: UntaggedMention[] = [];
  const word = /[\p{L}\p{N}]+/gu;
  word.lastIndex = doc.body.start;
  let k = 0;
  let m: RegExpExecArray | null;
  while ((m = word.exec(text)) !== null && m.index < doc.body.end && found.length < MAX_PROBLEMS) {
    const at = m.index;
    while (k < excluded.length && excluded[k].end <= at) k++;
    if (k < excluded.length && excluded[k].start <= at) {
      word.lastIndex = Math.max(word.lastIndex, excluded[k].end);
      continue;
    }
    const candidates = byFirstWord.get(m[0]);
    if (!candidates) continue;
    for (const { form, entity } of candidates) {
      const end = at + form.length;
      if (!text.startsWith(form, at) || isWordChar(text, end) || (k < excluded.length && excluded[k].start < end)) continue;
      const span = { start: at, end };
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
      word.lastIndex = end;
      break;
    }
  }
  return found;
}

function isWordChar(text: string, at: number): boolean {
  return at < text.length && /[\p{L}\p{N}]/u.test(text[at]);
}

/** Tags, the TAGS line, anchors and the wrapper, sorted. */
function excludedSpans(doc: CableDocument): Span[] {
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
