// Comparing two versions of a cable: their untagged texts aligned, their
// entities paired, the differences listed and the scores tallied.

import { DEFAULT_ENTITY_TYPES } from '../config';
import { Alignment, alignTexts, mapSpan, sameButLineEnds } from './align';
import { Difference, TextChangePlace, differencesOf, textChangesOf } from './differences';
import { KappaTally, newKappaTally, tallyKappa, tokenLabels, tokenSpans } from './kappa';
import { Pair, TypedSpan, matchSpans } from './match';
import { Tally, newTally, tallyPairs } from './scores';
import { UntaggedCable, untaggedCable } from './spans';

export interface CompareOptions {
  entityTypes?: readonly string[];
  /** Align texts that differ (default); false: differing texts are an error. */
  align?: boolean;
  /** Give up aligning after this long (the texts count as unrelated). */
  alignTimeoutMs?: number;
}

export type CompareErrorKind = 'texts-differ' | 'unrelated';

/** Two versions that cannot be compared; the message is for the user. */
export class CompareError extends Error {
  constructor(
    readonly kind: CompareErrorKind,
    message: string,
  ) {
    super(message);
  }
}

export interface CableComparison {
  a: UntaggedCable;
  b: UntaggedCable;
  alignment: Alignment;
  /** B's spans mapped into A's untagged text, index for index. */
  bInA: TypedSpan[];
  pairs: Pair[];
  differences: Difference[];
  textChanges: TextChangePlace[];
  tally: Tally;
  kappa: KappaTally;
}

/** Compares version B of a cable with version A (the reference). Throws CompareError. */
export function compareCables(aText: string, bText: string, options: CompareOptions = {}): CableComparison {
  const types = options.entityTypes ?? DEFAULT_ENTITY_TYPES;
  return compareUntagged(untaggedCable(aText, types), untaggedCable(bText, types), options);
}

export function compareUntagged(a: UntaggedCable, b: UntaggedCable, options: CompareOptions = {}): CableComparison {
  // Line ends alone (CRLF against LF) are no change, aligned or not.
  if (options.align === false && !sameButLineEnds(a.text, b.text)) {
    throw new CompareError('texts-differ', `the untagged texts differ (first at ${firstDifference(a, b)}); align them to compare (without --no-align)`);
  }
  const alignment = alignTexts(a.text, b.text, { timeoutMs: options.alignTimeoutMs });
  if (!alignment.related) throw new CompareError('unrelated', `the two versions are unrelated: ${alignment.reason}`);
  const bInA: TypedSpan[] = b.spans.map((s) => ({ ...mapSpan(alignment, s, 'b'), type: s.type }));
  const pairs = matchSpans(a.spans, bInA);
  const tally = newTally();
  tallyPairs(tally, pairs, a.spans, bInA);
  const kappa = newKappaTally();
  const tokens = tokenSpans(a.text);
  tallyKappa(kappa, tokenLabels(tokens, a.spans), tokenLabels(tokens, bInA));
  return {
    a,
    b,
    alignment,
    bInA,
    pairs,
    differences: differencesOf(a, b, alignment, bInA, pairs),
    textChanges: textChangesOf(a, b, alignment),
    tally,
    kappa,
  };
}

/** Line and column (1-based) in A's tagged text of the first character where the untagged texts differ. */
function firstDifference(a: UntaggedCable, b: UntaggedCable): string {
  let i = 0;
  while (i < a.text.length && i < b.text.length && a.text.charCodeAt(i) === b.text.charCodeAt(i)) i++;
  const t = a.toTagged(i, 'start');
  const before = a.tagged.slice(0, t);
  const line = before.split(/\r\n|\r|\n/).length;
  const column = t - Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r')) ;
  return `line ${line}, column ${column} of the first version`;
}
