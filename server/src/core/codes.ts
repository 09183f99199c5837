// The one table of diagnostic codes. Codes are part of the product: users set
// severities by code in settings and in the CLI's config file.

export type Severity = 'error' | 'warning' | 'information' | 'hint';
export type RuleSetting = Severity | 'off';

export interface RuleInfo {
  code: string;
  defaultSeverity: RuleSetting;
  /** One line for documentation and `cable-lint --rules`. */
  description: string;
}

export const RULES = {
  'tag-unclosed': {
    defaultSeverity: 'error',
    description: 'An entity tag opened with `[TYPE ` is never closed with `]` on its line.',
  },
  'tag-stray-close': {
    defaultSeverity: 'warning',
    description: 'A `]` that closes no entity tag and no plain bracket.',
  },
  'tag-nested': {
    defaultSeverity: 'error',
    description: 'An entity tag opened inside another entity tag; tags never nest.',
  },
  'tag-unknown-type': {
    defaultSeverity: 'error',
    description: 'An entity tag whose type is not one of the configured entity types.',
  },
  'tag-empty': {
    defaultSeverity: 'warning',
    description: 'An entity tag with no text.',
  },
  'tag-multiline': {
    defaultSeverity: 'error',
    description: 'An entity tag broken across a line break.',
  },
  'tag-spacing': {
    defaultSeverity: 'hint',
    description: "Spacing inside a tag that differs from the file's convention (`[TYPE text  ]`).",
  },
  'tag-boundary': {
    defaultSeverity: 'hint',
    description: 'A tag that starts or ends inside a word, or keeps a hyphen that joins it to a word outside (`[PER Bono-  ]Rumsfeld`).',
  },
  'entity-type-conflict': {
    defaultSeverity: 'warning',
    description: 'One entity tagged with different types in the cable; reported on the minority mentions.',
  },
  'entity-untagged-mention': {
    defaultSeverity: 'information',
    description: 'The text of a tagged entity occurring untagged elsewhere in the body.',
  },
  'entity-cross-cable-conflict': {
    defaultSeverity: 'information',
    description: 'An entity tagged with one type in this cable and another type in most other cables of the workspace.',
  },
  'marking-above-banner': {
    defaultSeverity: 'warning',
    description: "A portion marking above the banner's classification level.",
  },
  'marking-unknown': {
    defaultSeverity: 'warning',
    description: 'A portion marking at the start of a paragraph that is not a known form.',
  },
  'marking-missing': {
    defaultSeverity: 'information',
    description: 'A numbered paragraph without a portion marking in a classified cable.',
  },
  'banner-missing': {
    defaultSeverity: 'warning',
    description: 'No classification banner, or one that is not recognised, at the start of the cable.',
  },
  'paragraph-number-mismatch': {
    defaultSeverity: 'warning',
    description: "A paragraph anchor whose id and visible number disagree (`<a id='par3' …>¶</a>4 .`).",
  },
  'paragraph-duplicate': {
    defaultSeverity: 'warning',
    description: 'The same paragraph anchor id twice.',
  },
  'paragraph-sequence': {
    defaultSeverity: 'information',
    description: 'Paragraph numbers that skip or go backwards.',
  },
  'anchor-href-mismatch': {
    defaultSeverity: 'warning',
    description: 'A paragraph anchor whose `id` and `href` disagree.',
  },
  'classified-by-unclassified': {
    defaultSeverity: 'warning',
    description: 'A `Classified By` line in an UNCLASSIFIED cable.',
  },
  'classified-by-missing': {
    defaultSeverity: 'hint',
    description: 'No `Classified By` line in a classified cable.',
  },
  'wrapper-unbalanced': {
    defaultSeverity: 'warning',
    description: 'The `<code><pre>` / `</pre></code>` wrapper opened and not closed, or the reverse.',
  },
  'annotation-diff': {
    defaultSeverity: 'information',
    description: "While comparing with another version (Compare Annotations With…): a tag that differs there, with the other version's tag.",
  },
} as const satisfies Record<string, Omit<RuleInfo, 'code'>>;

export type RuleCode = keyof typeof RULES;

export const RULE_CODES = Object.keys(RULES) as RuleCode[];

export function isRuleCode(code: string): code is RuleCode {
  return Object.prototype.hasOwnProperty.call(RULES, code);
}

export const SEVERITIES: readonly RuleSetting[] = ['off', 'hint', 'information', 'warning', 'error'];
