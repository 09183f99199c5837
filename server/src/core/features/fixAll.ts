// Fix-all on a whole text, as `cable-lint --fix` applies it: the service's
// `source.fixAll` (spacing, unambiguous type spelling) repeated until nothing
// is left to fix, every round checked to change tag markup only.

import { CableConfig } from '../config';
import { CableDiagnostic, allDiagnostics } from '../checks';
import { applyEdits, untaggedText } from '../edits';
import { mentionAt } from '../entities';
import { parseCable } from '../parser';
import { analyze } from '../workspace';
import { codeActions } from './codeActions';

/** At most this many rounds of fixes, as a fix can reveal another. */
const MAX_FIX_PASSES = 10;

/** The text with the safe fixes applied, and how many problems they fix. Throws when a round would change untagged text. */
export function fixAllText(text: string, config: CableConfig): { text: string; fixed: number } {
  let fixed = 0;
  let current = text;
  const unlimited = { ...config, maxProblems: Number.MAX_SAFE_INTEGER };
  const parseOptions = { entityTypes: config.entityTypes };
  for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
    const analysis = analyze({ uri: 'fix-all', version: pass, text: current }, unlimited);
    const action = codeActions(analysis, unlimited, { start: 0, end: current.length }, ['source.fixAll']).find((a) => a.kind === 'source.fixAll');
    if (!action || action.edits.length === 0) break;
    const next = applyEdits(current, action.edits);
    if (next === current) break;
    if (untaggedText(parseCable(next, parseOptions)) !== untaggedText(analysis.doc)) {
      throw new Error('the fixes would change text outside the tags; nothing was written');
    }
    fixed += fixedCount(allDiagnostics(analysis, unlimited), analysis.doc, action.diagnostics ?? []);
    current = next;
  }
  return { text: current, fixed };
}

/**
 * The problems a fix-all resolves. The action lists one diagnostic per tag it
 * fixes, but a tag can carry two of the same code (opening and closing
 * spacing), and both go: count every diagnostic of a fixed code on a fixed tag.
 */
function fixedCount(all: CableDiagnostic[], doc: Parameters<typeof mentionAt>[0], fixed: CableDiagnostic[]): number {
  const key = (d: CableDiagnostic) => {
    const mention = mentionAt(doc, d.span.start);
    return mention >= 0 ? `${d.code} tag ${mention}` : `${d.code} at ${d.span.start}-${d.span.end}`;
  };
  const keys = new Set(fixed.map(key));
  return all.filter((d) => keys.has(key(d))).length;
}
