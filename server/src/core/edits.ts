// Text edits in offsets, and the untagged text every edit must keep.

import { CableDocument, EntityMention, Span } from './model';

export interface TextEdit {
  span: Span;
  newText: string;
}

/** Applies non-overlapping edits to a text. */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.span.start - a.span.start || b.span.end - a.span.end);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.span.start) + e.newText + out.slice(e.span.end);
  return out;
}

/** Removes `[TYPE ` and `  ]`, keeping the text. */
export function removeTag(m: EntityMention): TextEdit[] {
  const edits: TextEdit[] = [{ span: { start: m.openSpan.start, end: m.textSpan.start }, newText: '' }];
  if (m.closeSpan) edits.push({ span: { start: m.textSpan.end, end: m.closeSpan.end }, newText: '' });
  return edits;
}

/** The text with every tag's markup removed: what the tagger was given. */
export function untaggedText(doc: CableDocument): string {
  const edits = doc.mentions.flatMap((m) => removeTag(m));
  return applyEdits(doc.text, edits);
}
