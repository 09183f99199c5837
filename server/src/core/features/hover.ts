// Hover on an entity tag: what the entity is, how often and where it occurs,
// and the forms that were grouped into it.

import { mentionAt, typeName } from '../entities';
import { Span } from '../model';
import { Analysis } from '../workspace';
import { CrossCableContext, cableName, occurrenceIn, positionIn } from './crossCable';
import { paragraphLabel } from './paragraphs';
import { escapeMarkdown as escape, tagHover } from './structureHover';

export interface HoverResult {
  markdown: string;
  span: Span;
}

/** How many other cables a hover links to by name. */
const LINKED_CABLES = 5;

export function hover(analysis: Analysis, offset: number, ctx?: CrossCableContext): HoverResult | undefined {
  const { doc, entities } = analysis;
  const index = mentionAt(doc, offset);
  if (index < 0) return undefined;
  const mention = doc.mentions[index];
  const entityId = entities.entityOfMention[index];
  if (entityId < 0) {
    return {
      markdown: `**${escape(mention.text || '(empty)')}** — ${typeName(mention.type)}\n\nThis tag is malformed; see Problems.`,
      span: mention.span,
    };
  }
  const entity = entities.entities[entityId];
  const count = entity.mentions.length;
  const lines: string[] = [];
  lines.push(`**${escape(entity.name)}** — ${typeName(entity.type)} \`${entity.type}\``);
  const places = distinct(entity.mentions.map((i) => paragraphLabel(analysis, doc.mentions[i].span.start)));
  lines.push(`**${count} ${count === 1 ? 'mention' : 'mentions'}** in this cable, in ${formatPlaces(places)}`);
  if (ctx) {
    const line = elsewhere(ctx, analysis.uri, entity.key, entity.type);
    if (line) lines.push(line);
  }
  const others = entity.forms.filter((f) => f.text !== entity.name);
  if (others.length > 0) {
    const own = entity.forms.find((f) => f.text === entity.name);
    const list = [...(own ? [own] : []), ...others].map((f) => `\`${escape(f.text)}\` ×${f.count}`).join(', ');
    lines.push(`Forms: ${list}`);
  }
  if (entity.typeCounts.size > 1) {
    const types = [...entity.typeCounts].sort((a, b) => b[1] - a[1]).map(([t, n]) => `${t} ×${n}`).join(', ');
    const here = mention.type !== entity.type ? ` This mention is tagged \`${mention.type}\`.` : '';
    lines.push(`Tagged with different types: ${types}.${here}`);
  }
  // In the TAGS line an entity is also a subject, geo or organization tag.
  const entries = doc.tags.filter((t) => t.span.start >= mention.span.start && t.span.end <= mention.span.end);
  if (entries.length > 0) {
    const entry = entries.find((t) => t.span.start <= offset && offset < t.span.end) ?? entries[0];
    const tag = tagHover(entry.text);
    if (tag) lines.push(`---\n\n${tag}`);
  }
  return { markdown: lines.join('\n\n'), span: mention.span };
}

/**
 * `Also in **3 other cables** (9 mentions): [09ABUJA1907](…), …` with links to
 * the first cables' definitions. Counts come from the index, so this stays
 * cheap for entities in thousands of cables.
 */
function elsewhere(ctx: CrossCableContext, uri: string, key: string, type: string): string | undefined {
  const keys = ctx.index.relatedKeys(key);
  const n = ctx.index.countCables(keys, uri);
  if (n === 0) return undefined;
  const mentions = ctx.index.countMentions(keys, uri);
  const links = ctx.index.firstCables(keys, LINKED_CABLES, uri).flatMap((other) => {
    const o = occurrenceIn(ctx, other, keys);
    if (!o) return [];
    const at = positionIn(ctx, o.uri, o.definition.start);
    const target = (at ? `${o.uri}#L${at.line + 1},${at.character + 1}` : o.uri).replace(/\(/g, '%28').replace(/\)/g, '%29');
    const tagged = o.type !== type ? ` (${o.type})` : '';
    return [`[${escape(cableName(o.uri))}](${target})${tagged}`];
  });
  const more = n - links.length;
  return `Also in **${n} other ${n === 1 ? 'cable' : 'cables'}** (${mentions} ${mentions === 1 ? 'mention' : 'mentions'}): ${links.join(', ')}${more > 0 ? `, and ${more} more` : ''}`;
}

function formatPlaces(places: string[]): string {
  const paragraphs = places.filter((p) => p !== 'the header');
  const parts: string[] = [];
  if (places.includes('the header')) parts.push('the header');
  if (paragraphs.length > 0) parts.push(`${paragraphs.length === 1 ? 'paragraph' : 'paragraphs'} ${compressRuns(paragraphs)}`);
  return parts.join(' and ');
}

/** `2, 3, 4, 5, 8` → `2–5, 8`. */
function compressRuns(labels: string[]): string {
  const out: string[] = [];
  let i = 0;
  while (i < labels.length) {
    let j = i;
    while (j + 1 < labels.length && /^\d+$/.test(labels[j]) && Number(labels[j + 1]) === Number(labels[j]) + 1) j++;
    out.push(j - i >= 2 ? `${labels[i]}–${labels[j]}` : labels.slice(i, j + 1).join(', '));
    i = j + 1;
  }
  return out.join(', ');
}

function distinct<T>(items: T[]): T[] {
  return [...new Set(items)];
}

