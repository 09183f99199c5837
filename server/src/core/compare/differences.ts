// The differences between two versions' entities, each with its place in
// both versions (offsets into each version's tagged text), and the changes of
// the text itself, listed apart.

import { Span } from '../model';
import { Alignment, mapSpan } from './align';
import { Pair, TypedSpan } from './match';
import { UntaggedCable } from './spans';

export type DifferenceKind = 'added' | 'removed' | 'retyped' | 'rebounded' | 'rebounded-retyped';

export const DIFFERENCE_KINDS: readonly DifferenceKind[] = ['added', 'removed', 'retyped', 'rebounded', 'rebounded-retyped'];

/** One version's side of a difference. */
export interface DifferenceSide {
  /** The entity's text in this version's tagged text (where the other version's entity falls, when untagged here). */
  span: Span;
  /** The same in the untagged text. */
  untagged: Span;
  /** The text without markup. */
  text: string;
  /** The tag's type; null when the text is untagged in this version. */
  type: string | null;
  /** The whole tag, `[` to `]`, when tagged. */
  tag?: Span;
}

export interface Difference {
  kind: DifferenceKind;
  /** B's type where B has the entity, else A's: what "all PER differences" means. */
  type: string;
  a: DifferenceSide;
  b: DifferenceSide;
}

export interface TextChangePlace {
  a: { span: Span; untagged: Span; text: string };
  b: { span: Span; untagged: Span; text: string };
}

/** A span of the untagged text as a span of the tagged text. */
export function taggedSpan(cable: UntaggedCable, span: Span): Span {
  const start = cable.toTagged(span.start, 'start');
  const end = span.end > span.start ? cable.toTagged(span.end, 'end') : start;
  return { start, end: Math.max(start, end) };
}

function side(cable: UntaggedCable, untagged: Span, type: string | null, mention?: number): DifferenceSide {
  const out: DifferenceSide = { span: taggedSpan(cable, untagged), untagged: { ...untagged }, text: cable.text.slice(untagged.start, untagged.end), type };
  if (mention !== undefined) out.tag = { ...cable.doc.mentions[mention].span };
  return out;
}

/**
 * The differences of a pairing. `bInA` are B's spans mapped into A's untagged
 * text (the pairing's coordinates); B's own spans are `b.spans`.
 */
export function differencesOf(a: UntaggedCable, b: UntaggedCable, alignment: Alignment, bInA: readonly TypedSpan[], pairs: readonly Pair[]): Difference[] {
  const out: Difference[] = [];
  for (const pair of pairs) {
    if (pair.relation === 'same') continue;
    const x = pair.a !== undefined ? a.spans[pair.a] : undefined;
    const y = pair.b !== undefined ? b.spans[pair.b] : undefined;
    const aSide = x ? side(a, x, x.type, x.mention) : side(a, bInA[pair.b!], null);
    const bSide = y ? side(b, y, y.type, y.mention) : side(b, mapSpan(alignment, x!, 'a'), null);
    out.push({ kind: pair.relation, type: (y ?? x)!.type, a: aSide, b: bSide });
  }
  return out;
}

export function textChangesOf(a: UntaggedCable, b: UntaggedCable, alignment: Alignment): TextChangePlace[] {
  return alignment.changes.map((c) => ({
    a: { span: taggedSpan(a, c.a), untagged: { ...c.a }, text: a.text.slice(c.a.start, c.a.end) },
    b: { span: taggedSpan(b, c.b), untagged: { ...c.b }, text: b.text.slice(c.b.start, c.b.end) },
  }));
}
