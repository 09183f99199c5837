// Naming the paragraph a position falls in.

import { Analysis } from '../workspace';

/** `3` for paragraph 3, `ref B` for a REF item, `the header` before the first anchor. */
export function paragraphLabel(analysis: Analysis, offset: number): string {
  const index = analysis.paragraphAt(offset);
  if (index < 0 || offset < analysis.doc.headerSpan.end) return 'the header';
  const p = analysis.doc.paragraphs[index];
  const number = p.number ?? p.id.replace(/^par/i, '');
  if (/^\d/.test(number)) return number;
  // Letter anchors before the first numbered paragraph are REF items.
  const firstNumbered = analysis.doc.paragraphs.findIndex((q) => q.numbered);
  if (firstNumbered < 0 || index < firstNumbered) return `ref ${number}`;
  return number;
}
