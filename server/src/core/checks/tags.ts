// Tag checks beyond the parser's own (unclosed, stray, nested, unknown type,
// empty, multiline): spacing against the file's convention, and tag
// boundaries inside words (./boundary.ts).

import { closingConvention } from '../conventions';
import { boundaryProblems } from './boundary';
import { CableDocument, Problem } from '../model';
import { MAX_PROBLEMS, tagsOf } from '../parser';
import { F, Flag } from '../tagTable';

export function tagProblems(doc: CableDocument): Problem[] {
  const problems = [...doc.problems];
  for (const [i, side] of spacingFindings(doc)) problems.push(spacingProblem(doc, i, side));
  problems.push(...boundaryProblems(doc));
  return problems;
}

/** Which side of a tag has the wrong spacing. */
export const enum Side {
  Closing = 0,
  Opening = 1,
}

/** Tags with spacing other than the convention, as [tag, side], in text order. */
export function spacingFindings(doc: CableDocument): Array<[number, Side]> {
  const out: Array<[number, Side]> = [];
  const table = tagsOf(doc);
  const d = table.data;
  let convention = -1;
  for (let i = 0; i < table.count; i++) {
    if (out.length >= MAX_PROBLEMS) break;
    const o = i * F.Stride;
    if (d[o + F.Close] < 0 || d[o + F.TextEnd] === d[o + F.TextStart] || (d[o + F.Flags] & Flag.Multiline) !== 0) continue;
    if (convention < 0) convention = closingConvention(doc);
    if (d[o + F.Closing] !== convention) out.push([i, Side.Closing]);
    if (d[o + F.Opening] !== 1) out.push([i, Side.Opening]);
  }
  return out;
}

export function spacingProblem(doc: CableDocument, i: number, side: Side): Problem {
  const table = tagsOf(doc);
  const o = i * F.Stride;
  const d = table.data;
  if (side === Side.Closing) {
    const convention = closingConvention(doc);
    const actual = d[o + F.Closing];
    return {
      code: 'tag-spacing',
      span: { start: d[o + F.TextEnd], end: d[o + F.Close] + 1 },
      message: `Tag spacing: ${plural(actual, 'space')} before "]"; this file's tags use ${convention} (${`"[PER Name${' '.repeat(convention)}]"`}).`,
      data: { expected: convention, actual },
    };
  }
  const actual = d[o + F.Opening];
  return {
    code: 'tag-spacing',
    span: { start: d[o + F.TypeEnd], end: d[o + F.TextStart] },
    message: `Tag spacing: ${plural(actual, 'space')} after "${table.type(i)}"; use one.`,
    data: { expected: 1, actual },
  };
}

function plural(n: number, word: string): string {
  return `${n === 0 ? 'no' : n} ${word}${n === 1 ? '' : 's'}`;
}
