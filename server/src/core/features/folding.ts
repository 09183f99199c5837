// Folding ranges for sections and paragraphs, in lines.

import { LineIndex } from '../lineIndex';
import { CableDocument, Span } from '../model';

export interface FoldingRange {
  startLine: number;
  endLine: number;
  kind: 'section' | 'paragraph' | 'header';
}

export function foldingRanges(doc: CableDocument, lines: LineIndex): FoldingRange[] {
  const ranges: FoldingRange[] = [];
  const add = (span: Span, kind: FoldingRange['kind'], nextStart?: number) => {
    const startLine = lines.positionAt(span.start).line;
    // Up to the line before the next anchor or heading: that line starts the next fold.
    let endLine = lines.positionAt(Math.max(span.start, span.end - 1)).line;
    if (nextStart !== undefined && lines.positionAt(nextStart).line === endLine) endLine--;
    if (endLine > startLine) ranges.push({ startLine, endLine, kind });
  };
  if (doc.headerSpan.end > doc.headerSpan.start) add(doc.headerSpan, 'header', doc.headerSpan.end);
  doc.sections.forEach((s, i) => add(s.span, 'section', doc.sections[i + 1]?.span.start ?? (s.span.end < doc.body.end ? s.span.end : undefined)));
  doc.paragraphs.forEach((p, i) => {
    if (p.span.start < doc.headerSpan.end) return;
    const next = doc.paragraphs[i + 1]?.anchorSpan.start;
    add(p.span, 'paragraph', next);
  });
  return ranges.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
}
