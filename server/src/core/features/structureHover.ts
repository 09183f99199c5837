// Hover on the cable's structure: the banner and portion markings, TAGS
// entries, and paragraph anchors.

import { CONTROL_MEANINGS, LEVEL_NAMES } from '../classification';
import { describeTag } from '../data/tags';
import { CableDocument, Level, Span } from '../model';
import { firstWords } from './symbols';

export interface StructureHover {
  markdown: string;
  span: Span;
}

const LEVEL_MEANINGS: Record<Level, string> = {
  U: 'UNCLASSIFIED: may still carry handling controls (SBU, FOUO)',
  C: 'CONFIDENTIAL: disclosure could damage national security',
  S: 'SECRET: disclosure could seriously damage national security',
  TS: 'TOP SECRET: disclosure could gravely damage national security',
};

const within = (span: Span, offset: number) => span.start <= offset && offset < span.end;

export function structureHover(doc: CableDocument, offset: number): StructureHover | undefined {
  const { banner } = doc;
  const overall = banner ? `The cable is **${LEVEL_NAMES[banner.level]}** (banner \`${banner.text}\`).` : 'The cable has no recognised banner.';

  if (banner && within(banner.span, offset)) {
    const lines = [`**${LEVEL_NAMES[banner.level]}** — classification banner`, LEVEL_MEANINGS[banner.level]];
    const caveats = banner.caveats.map((c) => `\`${c.text}\`: ${CAVEAT_MEANINGS[c.text] ?? 'dissemination caveat'}`);
    if (caveats.length) lines.push(caveats.join('  \n'));
    return { markdown: lines.join('\n\n'), span: banner.span };
  }
  for (const caveat of banner?.caveats ?? []) {
    if (within(caveat.span, offset)) {
      return { markdown: `\`${caveat.text}\` — ${CAVEAT_MEANINGS[caveat.text] ?? 'dissemination caveat'}\n\n${overall}`, span: caveat.span };
    }
  }

  for (const p of doc.paragraphs) {
    if (p.span.start > offset) break;
    const m = p.marking;
    if (m && within(m.span, offset)) {
      if (m.level === undefined) return { markdown: `\`( ${m.text} )\` — not a known portion marking\n\n${overall}`, span: m.span };
      const lines = [`**( ${m.text} )** — portion marked **${LEVEL_NAMES[m.level]}**${m.text === 'SBU' ? ' (Sensitive But Unclassified)' : ''}`];
      for (const c of m.controls) lines.push(`\`${c}\`: ${controlMeaning(c)}`);
      lines.push(overall);
      return { markdown: lines.join('\n\n'), span: m.span };
    }
    if (within(p.anchorSpan, offset) || (p.numberSpan && within(p.numberSpan, offset))) {
      const name = /^\d/.test(p.number ?? p.id.replace(/^par/i, '')) ? `Paragraph ${p.number ?? p.id.replace(/^par/i, '')}` : `Item ${p.number ?? p.id}`;
      const marking = p.marking ? `marked \`( ${p.marking.text} )\`${p.marking.level ? ` — ${LEVEL_NAMES[p.marking.level]}` : ''}` : 'no portion marking';
      const start = p.marking ? p.marking.span.end : (p.numberSpan?.end ?? p.anchorSpan.end) + 2;
      const words = firstWords(doc.text, start, p.span.end, 120);
      return {
        markdown: [`**${name}** (anchor \`${p.id}\`), ${marking}`, words ? `> ${escapeMarkdown(words)}` : ''].filter(Boolean).join('\n\n'),
        span: { start: p.anchorSpan.start, end: p.numberSpan?.end ?? p.anchorSpan.end },
      };
    }
  }

  for (const entry of doc.tags) {
    if (!within(entry.span, offset)) continue;
    const markdown = tagHover(entry.text);
    if (markdown) return { markdown, span: entry.span };
  }
  return undefined;
}

/** The meaning of a TAGS entry, or undefined when it is unknown. */
export function tagHover(entry: string): string | undefined {
  const tag = describeTag(entry);
  switch (tag.kind) {
    case 'subject':
      return `**${entry}** — subject tag: ${tag.meaning}${tag.area ? `\n\nArea: ${tag.area}` : ''}`;
    case 'program':
      return `**${entry}** — program tag (K-tag): ${tag.meaning ?? 'a program or topic tag'}`;
    case 'geo':
      return `**${entry}** — country tag: ${tag.meaning}`;
    case 'organization':
      return `**${entry}** — organization tag: ${tag.meaning}`;
    default:
      return undefined;
  }
}

function controlMeaning(control: string): string {
  if (control.startsWith('REL ')) return `Releasable to ${control.slice(4)}`;
  return CONTROL_MEANINGS[control] ?? 'handling control';
}

const CAVEAT_MEANINGS: Record<string, string> = {
  NOFORN: 'not releasable to foreign nationals',
  SIPDIS: 'SIPRNet distribution: posted to the State Department’s classified network',
  SENSITIVE: 'Sensitive But Unclassified (SBU)',
  NOCONTRACT: 'not releasable to contractors',
  ORCON: 'originator controls dissemination',
  PROPIN: 'proprietary information',
  EXDIS: 'exclusive distribution: to named officers only',
  NODIS: 'no distribution beyond the addressee without approval',
  LIMDIS: 'limited distribution',
  STADIS: 'State Department distribution only',
  'FOR OFFICIAL USE ONLY': 'unclassified information exempt from public release',
};

/** Escapes text for a Markdown hover. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]<>#|]/g, (c) => `\\${c}`);
}
