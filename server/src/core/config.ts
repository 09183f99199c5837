// Settings shared by the language server and the CLI, and their validation.
// Malformed settings never throw: they fall back to defaults with a warning.

import { RULES, RULE_CODES, RuleCode, RuleSetting, SEVERITIES } from './codes';

export interface CableConfig {
  /** The entity types a tag may carry. */
  entityTypes: string[];
  /** Severity per rule code. */
  rules: Record<RuleCode, RuleSetting>;
  /** At most this many diagnostics per document. */
  maxProblems: number;
  /** Above this many characters, the entity checks and the entity outline are skipped. */
  maxFileSize: number;
}

export const DEFAULT_ENTITY_TYPES = ['PER', 'ORG', 'LOC', 'MISC'];

export function defaultConfig(): CableConfig {
  const rules = {} as Record<RuleCode, RuleSetting>;
  for (const code of RULE_CODES) rules[code] = RULES[code].defaultSeverity;
  return { entityTypes: [...DEFAULT_ENTITY_TYPES], rules, maxProblems: 1000, maxFileSize: 10 * 1024 * 1024 };
}

export interface ConfigResult {
  config: CableConfig;
  warnings: string[];
}

const TYPE_PATTERN = /^[A-Za-z][A-Za-z0-9_-]{0,31}$/;

/** Reads settings of unknown shape (`{ entityTypes, rules, maxProblems, maxFileSize }`). */
export function normalizeConfig(raw: unknown): ConfigResult {
  const config = defaultConfig();
  const warnings: string[] = [];
  if (raw === undefined || raw === null) return { config, warnings };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    warnings.push('Settings must be an object; using the defaults.');
    return { config, warnings };
  }
  const settings = raw as Record<string, unknown>;

  if (settings.entityTypes !== undefined) {
    const types = settings.entityTypes;
    if (!Array.isArray(types)) {
      warnings.push('entityTypes must be a list of type names such as ["PER", "ORG"]; using the defaults.');
    } else {
      const valid = types.filter((t): t is string => typeof t === 'string' && TYPE_PATTERN.test(t));
      const invalid = types.filter((t) => !(typeof t === 'string' && TYPE_PATTERN.test(t)));
      if (invalid.length > 0) {
        warnings.push(`entityTypes: ignored ${invalid.map((t) => JSON.stringify(t)).join(', ')} (a type is a word of letters).`);
      }
      if (valid.length > 0) config.entityTypes = [...new Set(valid)];
      else warnings.push('entityTypes has no valid type; using the defaults.');
    }
  }

  if (settings.rules !== undefined) {
    const rules = settings.rules;
    if (typeof rules !== 'object' || rules === null || Array.isArray(rules)) {
      warnings.push('rules must be an object mapping rule codes to severities.');
    } else {
      for (const [code, value] of Object.entries(rules as Record<string, unknown>)) {
        if (!(RULE_CODES as string[]).includes(code)) {
          // Named, not fatal: a typo, or a rule of another version.
          warnings.push(`rules.${code}: no such rule; ignored (the rules are ${RULE_CODES.join(', ')}).`);
          continue;
        }
        if (typeof value === 'string' && (SEVERITIES as string[]).includes(value)) {
          config.rules[code as RuleCode] = value as RuleSetting;
        } else {
          warnings.push(`rules.${code}: ${JSON.stringify(value)} is not one of ${SEVERITIES.join(', ')}.`);
        }
      }
    }
  }

  if (settings.maxProblems !== undefined) {
    const max = settings.maxProblems;
    if (typeof max === 'number' && Number.isFinite(max) && max >= 0) config.maxProblems = Math.floor(max);
    else warnings.push('maxProblems must be a non-negative number.');
  }
  if (settings.maxFileSize !== undefined) {
    const max = settings.maxFileSize;
    if (typeof max === 'number' && Number.isFinite(max) && max > 0) config.maxFileSize = Math.floor(max);
    else warnings.push('maxFileSize must be a positive number.');
  }
  return { config, warnings };
}
