// Links: `href='#par3'` in an anchor leads to paragraph 3's anchor.

import { CableDocument, Span } from '../model';

export interface AnchorLink {
  /** The href's text (`par3`). */
  span: Span;
  /** Where it leads: the first anchor with that id. */
  target: Span;
  targetId: string;
}

export function anchorLinks(doc: CableDocument): AnchorLink[] {
  const firstById = new Map<string, Span>();
  for (const p of doc.paragraphs) if (!firstById.has(p.id)) firstById.set(p.id, p.anchorSpan);
  const links: AnchorLink[] = [];
  for (const p of doc.paragraphs) {
    const target = firstById.get(p.href);
    if (target) links.push({ span: p.hrefSpan, target, targetId: p.href });
  }
  return links;
}
