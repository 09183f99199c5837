// Diagnostics: the parser's problems plus the checks that need the whole
// file, with severities taken from the configuration.

import { RuleCode, Severity, isRuleCode } from '../codes';
import { CableConfig } from '../config';
import { CableDocument, Problem, Span } from '../model';
import { MAX_PROBLEMS } from '../parser';
import { Analysis } from '../workspace';
import { structureProblems } from './structure';
import { curationProblems } from './curation';

export interface RelatedInformation {
  uri: string;
  span: Span;
  message: string;
}

export interface CableDiagnostic {
  code: RuleCode;
  severity: Severity;
  span: Span;
  message: string;
  related?: RelatedInformation[];
  data?: Record<string, unknown>;
}

/** Every diagnostic of an analysis under a configuration, computed once per pair. */
const computed = new WeakMap<Analysis, { config: CableConfig; diagnostics: CableDiagnostic[] }>();

export function allDiagnostics(analysis: Analysis, config: CableConfig): CableDiagnostic[] {
  const cached = computed.get(analysis);
  if (cached && cached.config === config) return cached.diagnostics;
  const problems = [...analysis.doc.problems, ...spacingProblems(analysis.doc), ...structureProblems(analysis.doc), ...(isLarge(analysis, config) ? [] : curationProblems(analysis))];
  problems.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  const diagnostics: CableDiagnostic[] = [];
  for (const p of problems) {
    if (!isRuleCode(p.code)) continue;
    const setting = config.rules[p.code];
    if (setting === 'off') continue;
    const d: CableDiagnostic = { code: p.code, severity: setting, span: p.span, message: p.message };
    if (p.data) d.data = p.data;
    if (p.related) d.related = p.related.map((r) => ({ uri: analysis.uri, span: r.span, message: r.message }));
    diagnostics.push(d);
  }
  computed.set(analysis, { config, diagnostics });
  return diagnostics;
}

/** The diagnostics to show: at most `config.maxProblems`. */
export function computeDiagnostics(analysis: Analysis, config: CableConfig): CableDiagnostic[] {
  const all = allDiagnostics(analysis, config);
  return all.length > config.maxProblems ? all.slice(0, config.maxProblems) : all;
}

/** Above the size limit only the parser's and the structure checks run. */
export function isLarge(analysis: Analysis, config: CableConfig): boolean {
  return analysis.doc.text.length > config.maxFileSize;
}

const conventions = new WeakMap<CableDocument, number>();

/** The closing spacing most tags of the file use (two spaces when there is no majority). */
export function closingConvention(doc: CableDocument): number {
  const cached = conventions.get(doc);
  if (cached !== undefined) return cached;
  const counts = new Map<number, number>();
  for (const m of doc.mentions) {
    if (m.closeSpan && m.text.length > 0) counts.set(m.closingSpaces, (counts.get(m.closingSpaces) ?? 0) + 1);
  }
  let best = 2;
  for (const [spaces, n] of counts) if (n > (counts.get(best) ?? 0)) best = spaces;
  conventions.set(doc, best);
  return best;
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
