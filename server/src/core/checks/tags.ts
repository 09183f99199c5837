// Tag checks beyond the parser's own (unclosed, stray, nested, unknown type,
// empty, multiline): spacing against the file's convention, and tag
// boundaries inside words (./boundary.ts).

import { closingConvention } from '../conventions';
import { boundaryProblems } from './boundary';
import { CableDocument, Problem } from '../model';
import { MAX_PROBLEMS } from '../parser';

export function tagProblems(doc: CableDocument): Problem[] {
  return [...doc.problems, ...spacingProblems(doc), ...boundaryProblems(doc)];
}

function spacingProblems(doc: CableDocument): Problem[] {
  const problems: Problem[] = [];
  const convention = closingConvention(doc);
  const example = `"[PER Name${' '.repeat(convention)}]"`;
  for (const m of doc.mentions) {
    if (problems.length >= MAX_PROBLEMS) break;
    if (!m.closeSpan || m.text.length === 0 || m.multiline) continue;
    if (m.closingSpaces !== convention) {
      problems.push({
        code: 'tag-spacing',
        span: { start: m.textSpan.end, end: m.closeSpan.end },
        message: `Tag spacing: ${plural(m.closingSpaces, 'space')} before "]"; this file's tags use ${convention} (${example}).`,
        data: { expected: convention, actual: m.closingSpaces },
      });
    }
    if (m.openingSpaces !== 1) {
      problems.push({
        code: 'tag-spacing',
        span: { start: m.typeSpan.end, end: m.textSpan.start },
        message: `Tag spacing: ${plural(m.openingSpaces, 'space')} after "${m.type}"; use one.`,
        data: { expected: 1, actual: m.openingSpaces },
      });
    }
  }
  return problems;
}

function plural(n: number, word: string): string {
  return `${n === 0 ? 'no' : n} ${word}${n === 1 ? '' : 's'}`;
}
