// Diagnostics: every rule set's problems (tags, structure, curation) with
// severities taken from the configuration. Cross-cable checks need the
// workspace index and are added by the service.

import { RuleCode, Severity, isRuleCode } from '../codes';
import { CableConfig } from '../config';
import { Span } from '../model';
import { Analysis } from '../workspace';
import { curationProblems } from './curation';
import { structureProblems } from './structure';
import { tagProblems } from './tags';

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
  const problems = [...tagProblems(analysis.doc), ...structureProblems(analysis.doc), ...(isLarge(analysis, config) ? [] : curationProblems(analysis))];
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
