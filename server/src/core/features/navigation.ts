// Moving between tags: the next or previous mention of the entity under the
// cursor, and the next or previous tag of any type. Both wrap around the
// cable. The answer is the target tag's text span, or a reason in words.

import { mentionAt } from '../entities';
import { Span } from '../model';
import { Analysis } from '../workspace';
import { countWhere } from '../sorted';

export type Direction = 'next' | 'previous';

/** The next (or previous) mention of the entity whose tag holds the cursor. */
export function entityMentionTarget(analysis: Analysis, offset: number, direction: Direction): Span | string {
  const { doc, entities } = analysis;
  const index = mentionAt(doc, offset, true);
  const id = index >= 0 ? entities.entityOfMention[index] : -1;
  if (id < 0) return 'Place the cursor on a tag to move between the mentions of its entity.';
  const entity = entities.entities[id];
  const list = entity.mentions;
  if (list.length < 2) return `"${entity.name}" has no other mention in this cable.`;
  const k = list.indexOf(index);
  const next = list[(k + (direction === 'next' ? 1 : -1) + list.length) % list.length];
  return doc.mentions[next].textSpan;
}

/** The next (or previous) tag of any type after (before) the cursor, or after (before) the tag holding it. */
export function tagTarget(analysis: Analysis, offset: number, direction: Direction): Span | string {
  const mentions = analysis.doc.mentions;
  if (mentions.length === 0) return 'This cable has no tags.';
  const here = mentionAt(analysis.doc, offset);
  const from = here >= 0 ? mentions[here].span.start : offset;
  // Mentions are sorted by start: a binary search for the first one starting after `from` (or at it, without a tag here).
  const lo = countWhere(mentions.length, (i) => mentions[i].span.start < from || (here >= 0 && mentions[i].span.start === from));
  let target: number;
  if (direction === 'next') target = lo < mentions.length ? lo : 0;
  else {
    // The last tag starting before `from`.
    let before = lo - 1;
    while (before >= 0 && mentions[before].span.start >= from) before--;
    target = before >= 0 ? before : mentions.length - 1;
  }
  if (target === here) return 'This cable has no other tag.';
  return mentions[target].textSpan;
}
