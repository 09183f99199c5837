// A mention's line as a list shows it (the Entities view, mention lists):
// tag markup dropped, about 120 characters around the mention, and where the
// mention's text lies in it.

const TAG_MARKUP = /\[[A-Za-z][A-Za-z0-9_-]* +([^[\]]*?) *\]/g;
const WIDTH = 120;
/** Characters of context kept before the mention when the line is cut. */
const LEAD = 40;

export interface MentionPreview {
  preview: string;
  /** Where the mention's text lies in `preview` (UTF-16 start and end), when it is there. */
  highlight?: [number, number];
}

/** A line with tag markup dropped and runs of white space made one space. */
export function plainLine(text: string): string {
  return text.replace(TAG_MARKUP, '$1').replace(/\s+/g, ' ');
}

/** The preview of the mention at [start, end) of `line` (UTF-16 offsets into the line). */
export function mentionPreview(line: string, start: number, end: number): MentionPreview {
  if (start >= end || start < 0 || end > line.length) return { preview: plainLine(line).trim() };
  // The tag around the mention goes as a whole, so that the text before it stays aligned.
  const open = line.lastIndexOf('[', start);
  const close = line.indexOf(']', end);
  const tagStart = open >= 0 ? open : start;
  const tagEnd = close >= 0 ? close + 1 : end;
  const before = plainLine(line.slice(0, tagStart)).trimStart();
  const mention = line.slice(start, end);
  const after = plainLine(line.slice(tagEnd)).trimEnd();
  const lead = before.length > 0 && !before.endsWith(' ') ? ' ' : '';
  const trail = after.length > 0 && !after.startsWith(' ') ? ' ' : '';
  let text = `${before}${lead}${mention}${trail}${after}`;
  let at = before.length + lead.length;
  if (text.length > WIDTH) {
    const from = Math.max(0, Math.min(at - LEAD, text.length - WIDTH));
    const cut = text.slice(from, from + WIDTH);
    const prefix = from > 0 ? '…' : '';
    text = `${prefix}${cut}${from + WIDTH < text.length ? '…' : ''}`;
    at = at - from + prefix.length;
  }
  const stop = at + mention.length;
  return stop <= text.length && at >= 0 ? { preview: text, highlight: [at, stop] } : { preview: text };
}
