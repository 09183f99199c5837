// --strip-markup: the text without the `<code><pre>` wrapper and the paragraph
// anchors, for training data. Not reversible from the export alone; model
// output over a stripped text is mapped back onto the cable on import.

import { Span } from '../model';
import { CableData, DataSpan } from './document';
import { countWhere } from '../sorted';

/** The data with its markup removed from the text; spans move with the text, a span left empty is dropped. */
export function stripMarkup(data: CableData): CableData {
  const removed = data.markup;
  const parts: string[] = [];
  let from = 0;
  for (const r of removed) {
    parts.push(data.text.slice(from, r.start));
    from = r.end;
  }
  parts.push(data.text.slice(from));
  const map = new MarkupMap(removed);
  const spans: DataSpan[] = [];
  const textStarts: number[] = [];
  data.spans.forEach((s, k) => {
    const start = map.toStripped(s.start);
    const end = map.toStripped(s.end);
    if (end <= start) return;
    spans.push({ ...s, start, end });
    textStarts.push(data.textStarts[k]);
  });
  return { id: data.id, text: parts.join(''), spans, markup: [], textStarts };
}

/** Offsets between the untagged text and the text without its markup. */
export class MarkupMap {
  /** Markup removed before removed[i]; one more entry for all of it. */
  private readonly before: number[] = [0];
  /** Where removed[i] was, in the stripped text. */
  private readonly strippedAt: number[] = [];

  /** `removed`: sorted, disjoint spans of the untagged text. */
  constructor(private readonly removed: readonly Span[]) {
    for (const r of removed) {
      this.strippedAt.push(r.start - this.before[this.before.length - 1]);
      this.before.push(this.before[this.before.length - 1] + r.end - r.start);
    }
  }

  /** An untagged offset in the stripped text; offsets inside removed markup collapse to where it was. */
  toStripped(offset: number): number {
    const i = countWhere(this.removed.length, (k) => this.removed[k].start < offset);
    if (i > 0 && this.removed[i - 1].end > offset) return this.strippedAt[i - 1];
    return offset - this.before[i];
  }

  /** A stripped offset in the untagged text: a start goes after markup removed there, an end before it. */
  fromStripped(offset: number, side: 'start' | 'end'): number {
    const k = countWhere(this.strippedAt.length, (i) => (side === 'start' ? this.strippedAt[i] <= offset : this.strippedAt[i] < offset));
    return offset + this.before[k];
  }
}
