// The outline: the header, then sections with their paragraphs nested.

import { LEVEL_NAMES } from '../classification';
import { EntityIndex, typeName } from '../entities';
import { CableDocument, HeaderFieldKind, Paragraph, Span } from '../model';

export type SymbolKind = 'header' | 'banner' | 'field' | 'section' | 'paragraph' | 'reference' | 'entities' | 'entityType' | 'entity';

export interface CableSymbol {
  name: string;
  detail?: string;
  kind: SymbolKind;
  /** The whole extent. */
  span: Span;
  /** What to reveal and select: the heading, label or anchor. */
  selectionSpan: Span;
  children: CableSymbol[];
}

const FIELD_NAMES: Record<HeaderFieldKind, string> = {
  eo: 'E.O.',
  tags: 'TAGS',
  subject: 'SUBJECT',
  ref: 'REF',
  classifiedBy: 'Classified By',
};

export function documentSymbols(doc: CableDocument, entities?: EntityIndex): CableSymbol[] {
  const symbols: CableSymbol[] = [];
  const header = headerSymbol(doc);
  if (header) symbols.push(header);

  const numbered = doc.paragraphs.filter((p) => p.span.start >= doc.headerSpan.end);
  const sections = doc.sections.filter((s) => s.headingSpan.start >= doc.headerSpan.start);
  const sectionSymbols = sections.map<CableSymbol>((s) => ({
    name: s.title || '(untitled section)',
    kind: 'section',
    span: { start: s.headingSpan.start, end: Math.max(s.span.end, s.headingSpan.end) },
    selectionSpan: s.titleSpan.end > s.titleSpan.start ? s.titleSpan : s.headingSpan,
    children: [],
  }));
  for (const p of numbered) {
    const owner = sectionSymbols.findLast((s) => s.span.start <= p.anchorSpan.start && p.anchorSpan.start < s.span.end);
    const nextHeading = sections.find((s) => s.headingSpan.start > p.anchorSpan.start);
    const symbol = paragraphSymbol(doc, p, { start: p.span.start, end: Math.min(owner?.span.end ?? p.span.end, nextHeading?.headingSpan.start ?? p.span.end) });
    if (owner) owner.children.push(symbol);
    else symbols.push(symbol);
  }
  // Keep text order: sections and top-level paragraphs interleaved; the entities last.
  const structure = [...symbols, ...sectionSymbols].sort((a, b) => a.span.start - b.span.start);
  const entityGroup = entities ? entitySymbols(doc, entities) : undefined;
  return entityGroup ? [...structure, entityGroup] : structure;
}

/**
 * Entities by type, most mentioned first; each leads to its first, fullest
 * mention. The groups sit at the end of the text, so that breadcrumbs and
 * "follow cursor" show the cable's structure rather than the groups.
 */
function entitySymbols(doc: CableDocument, index: EntityIndex): CableSymbol | undefined {
  if (index.entities.length === 0) return undefined;
  const whole = { start: doc.text.length, end: doc.text.length };
  const byType = new Map<string, CableSymbol[]>();
  const sorted = [...index.entities].sort((a, b) => b.mentions.length - a.mentions.length || a.name.localeCompare(b.name));
  for (const e of sorted) {
    const m = doc.mentions[e.definition];
    const list = byType.get(e.type) ?? [];
    list.push({ name: e.name, detail: `×${e.mentions.length}`, kind: 'entity', span: m.span, selectionSpan: m.textSpan, children: [] });
    byType.set(e.type, list);
  }
  const children = [...byType].map<CableSymbol>(([type, list]) => {
    const count = list.reduce((n, s) => n + Number(s.detail!.slice(1)), 0);
    return { name: `${type} — ${typeName(type)}`, detail: `${list.length} entities, ${count} mentions`, kind: 'entityType', span: whole, selectionSpan: whole, children: list };
  });
  return { name: 'Entities', detail: `${index.entities.length}`, kind: 'entities', span: whole, selectionSpan: whole, children };
}

function headerSymbol(doc: CableDocument): CableSymbol | undefined {
  const children: CableSymbol[] = [];
  if (doc.banner) {
    children.push({
      name: doc.banner.text,
      detail: LEVEL_NAMES[doc.banner.level],
      kind: 'banner',
      span: doc.banner.span,
      selectionSpan: doc.banner.span,
      children: [],
    });
  }
  for (const f of doc.header) {
    children.push({
      name: FIELD_NAMES[f.kind],
      detail: plain(f.value, 80),
      kind: 'field',
      span: { start: f.labelSpan.start, end: Math.max(f.valueSpan.end, f.labelSpan.end) },
      selectionSpan: f.labelSpan,
      children: [],
    });
  }
  for (const p of doc.paragraphs) {
    if (p.span.start >= doc.headerSpan.end) break;
    children.push({
      name: `REF ${p.number ?? p.id}`,
      kind: 'reference',
      span: { start: p.anchorSpan.start, end: Math.min(p.span.end, doc.headerSpan.end) },
      selectionSpan: p.anchorSpan,
      children: [],
    });
  }
  if (children.length === 0) return undefined;
  children.sort((a, b) => a.span.start - b.span.start);
  const start = Math.min(doc.headerSpan.start, ...children.map((c) => c.span.start));
  const end = Math.max(doc.headerSpan.end, ...children.map((c) => c.span.end));
  return { name: 'Header', detail: doc.banner ? LEVEL_NAMES[doc.banner.level] : undefined, kind: 'header', span: { start, end }, selectionSpan: children[0].selectionSpan, children };
}

function paragraphSymbol(doc: CableDocument, p: Paragraph, within: Span | undefined): CableSymbol {
  const start = p.anchorSpan.start;
  const end = within ? Math.min(p.span.end, within.end) : p.span.end;
  const marking = p.marking ? `(${p.marking.text}) ` : '';
  const textStart = p.marking ? p.marking.span.end : p.numberSpan ? p.numberSpan.end + 2 : p.anchorSpan.end;
  return {
    name: `¶${p.number ?? p.id.replace(/^par/i, '')} ${marking}${firstWords(doc.text, textStart, end)}`.trim(),
    kind: 'paragraph',
    span: { start, end: Math.max(end, p.anchorSpan.end) },
    selectionSpan: p.anchorSpan,
    children: [],
  };
}

/** The first words of a paragraph, without tag markup. */
export function firstWords(text: string, start: number, end: number, max = 48): string {
  const raw = text.slice(start, Math.min(end, start + 400));
  const words = plain(raw, max + 20);
  return words.length > max ? `${words.slice(0, max).replace(/\s+\S*$/, '')}…` : words;
}

function plain(text: string, max: number): string {
  const s = text
    .replace(/\[[A-Za-z]+ ([^\]\n]*?)\s*\]/g, '$1')
    .replace(/<[^>]*>/g, ' ')
    .replace(/^[\s.]+/, '')
    .replace(/\s+/g, ' ')
    .trim();
  return s.length > max ? `${s.slice(0, max)}…` : s;
}
