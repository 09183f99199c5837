// SARIF 2.1.0 output, for code-scanning dashboards and SARIF viewers.

import * as path from 'path';
import { pathToFileURL } from 'url';
import { RULES, RULE_CODES, RuleSetting } from '../core';
import { LintRecord } from './types';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

export type SarifLevel = 'none' | 'note' | 'warning' | 'error';

export function sarifLevel(severity: RuleSetting | string): SarifLevel {
  switch (severity) {
    case 'error':
      return 'error';
    case 'warning':
      return 'warning';
    case 'information':
    case 'hint':
      return 'note';
    default:
      return 'none';
  }
}

/** A file as SARIF names it: relative to the current folder under %SRCROOT%, or an absolute file URI outside it. */
export function artifactLocation(file: string, cwd: string): { uri: string; uriBaseId?: string } {
  const relative = path.relative(cwd, file);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return { uri: pathToFileURL(file).href };
  return { uri: relative.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
}

export interface SarifNotification {
  file: string;
  message: string;
}

export function sarif(records: LintRecord[], cwd: string, version: string, notifications: SarifNotification[], successful: boolean): string {
  return JSON.stringify(sarifLog(version, cwd, notifications, successful, records.map((r) => sarifResult(r, cwd))), null, 2) + '\n';
}

const RULE_INDEX = new Map<string, number>(RULE_CODES.map((code, i) => [code, i]));

/** One record as a SARIF result. */
export function sarifResult(r: LintRecord, cwd: string): Record<string, unknown> {
  const result: Record<string, unknown> = {
    ruleId: r.code,
    level: sarifLevel(r.severity),
    message: { text: r.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: artifactLocation(r.file, cwd),
          region: { startLine: r.line, startColumn: r.column, endLine: r.endLine, endColumn: r.endColumn },
        },
      },
    ],
  };
  const index = RULE_INDEX.get(r.code);
  if (index !== undefined) result.ruleIndex = index;
  return result;
}

/** The whole log around `results`. */
export function sarifLog(version: string, cwd: string, notifications: SarifNotification[], successful: boolean, results: unknown[]): Record<string, unknown> {
  const rules = RULE_CODES.map((code) => {
    const rule: Record<string, unknown> = {
      id: code,
      shortDescription: { text: RULES[code].description },
      defaultConfiguration: { level: sarifLevel(RULES[code].defaultSeverity) },
    };
    if ((RULES[code].defaultSeverity as RuleSetting) === 'off') rule.defaultConfiguration = { enabled: false, level: 'none' };
    return rule;
  });
  const invocation: Record<string, unknown> = { executionSuccessful: successful };
  if (notifications.length > 0) {
    invocation.toolExecutionNotifications = notifications.map((n) => ({
      level: 'error',
      message: { text: n.message },
      locations: [{ physicalLocation: { artifactLocation: artifactLocation(n.file, cwd) } }],
    }));
  }
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'cable-lint', version, rules } },
        invocations: [invocation],
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}
