// Classification banners and portion markings (US rules: levels U < C < S < TS,
// controls joined with `/` or `//`).

import { Level } from './model';
import { editDistance } from './suggest';

export const LEVEL_NAMES: Record<Level, string> = {
  U: 'UNCLASSIFIED',
  C: 'CONFIDENTIAL',
  S: 'SECRET',
  TS: 'TOP SECRET',
};

/** Spaced or solid banner words, tolerant of doubled first letters (`SS E C R E T`). */
const BANNER_FORMS: Array<{ pattern: string; level: Level }> = [
  { pattern: 'T ?O ?P ?S ?E ?C ?R ?E ?T', level: 'TS' },
  { pattern: 'C ?O ?N ?F ?I ?D ?E ?N ?T ?I ?A ?L', level: 'C' },
  { pattern: 'U ?N ?C ?L ?A ?S ?S ?I ?F ?I ?E ?D', level: 'U' },
  { pattern: 'U ?N ?C ?L ?A ?S', level: 'U' },
  { pattern: 'S ?E ?C ?R ?E ?T', level: 'S' },
];

// A doubled first letter (`SS E C R E T`, `UUNCLAS`) is a known typo.
const BANNER_RE = new RegExp(
  `(?:${BANNER_FORMS.map((f) => `(${f.pattern[0]}?${f.pattern})`).join('|')})(?![A-Za-z])`,
  'iy',
);

export interface BannerMatch {
  text: string;
  level: Level;
  length: number;
}

/** Matches a banner at `offset` (sticky), or returns undefined. */
export function matchBanner(text: string, offset: number): BannerMatch | undefined {
  BANNER_RE.lastIndex = offset;
  const m = BANNER_RE.exec(text);
  if (!m) return undefined;
  const group = m.slice(1).findIndex((g) => g !== undefined);
  return { text: m[0], level: BANNER_FORMS[group].level, length: m[0].length };
}

export const CAVEATS = ['NOFORN', 'SIPDIS', 'SENSITIVE', 'NOCONTRACT', 'ORCON', 'PROPIN', 'EXDIS', 'NODIS', 'LIMDIS', 'STADIS', 'REL'] as const;

const LEVEL_TOKENS: Record<string, Level> = {
  TS: 'TS',
  S: 'S',
  C: 'C',
  U: 'U',
  SBU: 'U',
  UNCLAS: 'U',
  UNCLASSIFIED: 'U',
  CONFIDENTIAL: 'C',
  SECRET: 'S',
};

/** Controls and dissemination markings that may follow a level. */
export const CONTROLS = new Set(['NF', 'NOFORN', 'REL', 'FOUO', 'SBU', 'ORCON', 'OC', 'FGI', 'PROPIN', 'PR', 'NC', 'NOCONTRACT', 'SI', 'TK', 'HCS', 'EXDIS', 'NODIS', 'LIMDIS', 'RELIDO', 'DISPLAY ONLY', 'SENSITIVE']);

export interface ParsedMarking {
  level: Level;
  controls: string[];
}

/**
 * Reads a portion marking's content (`S/NF`, `C//REL ISAF`, `U//FOUO`, `c`).
 * Returns undefined when the text is not a recognised marking form.
 */
export function parseMarking(content: string): ParsedMarking | undefined {
  // Cables repeat a few markings thousands of times: remember the answers.
  let known = markingCache.get(content);
  if (known === undefined) {
    known = readMarkingContent(content) ?? null;
    if (markingCache.size >= 4096) markingCache.clear();
    markingCache.set(content, known);
  }
  return known === null ? undefined : { level: known.level, controls: [...known.controls] };
}

const markingCache = new Map<string, ParsedMarking | null>();

function readMarkingContent(content: string): ParsedMarking | undefined {
  const text = content.trim();
  if (text.length === 0 || text.length > 60) return undefined;
  // Level first, then controls separated by `/`, `//`, `-` or a space.
  const m = /^(TS|SBU|S|C|U|ts|sbu|s|c|u)(?:$|[\s/-])/.exec(text);
  if (!m) return undefined;
  const level = LEVEL_TOKENS[m[1].toUpperCase()];
  const rest = text.slice(m[1].length).trim();
  if (rest.length === 0) return { level, controls: [] };
  if (!/^(?:\/\/?|-|\s)/.test(text.slice(m[1].length))) return undefined;
  const controls: string[] = [];
  for (const part of rest.split(/\s*(?:\/\/?|-)\s*/)) {
    if (part.length === 0) continue;
    const upper = part.toUpperCase();
    const rel = /^REL(?:\s+TO)?\s+(.+)$/i.exec(part);
    if (rel) {
      controls.push(`REL ${rel[1].trim()}`);
    } else if (CONTROLS.has(upper)) {
      controls.push(upper === 'NOFORN' ? 'NF' : upper);
    } else if (/^[A-Z]{2,4}$/.test(part) && controls.some((c) => c.startsWith('REL'))) {
      // `REL UK/AUS`: further release countries
      controls[controls.length - 1] += `, ${part}`;
    } else if (upper === 'NF' || upper === 'NOFORN') {
      controls.push('NF');
    } else {
      return undefined;
    }
  }
  return { level, controls };
}

export const CONTROL_MEANINGS: Record<string, string> = {
  NF: 'NOFORN: not releasable to foreign nationals',
  FOUO: 'For Official Use Only',
  SBU: 'Sensitive But Unclassified',
  ORCON: 'Originator controlled: further dissemination needs the originator’s approval',
  OC: 'Originator controlled',
  FGI: 'Foreign Government Information',
  PROPIN: 'Caution: proprietary information involved',
  NOCONTRACT: 'Not releasable to contractors',
  SENSITIVE: 'Sensitive',
};

/** The portion-marking forms seen in real cables, most frequent first. */
export const KNOWN_MARKINGS = [
  'C', 'S', 'SBU', 'S/NF', 'U', 'C/NF', 'S//NF', 'C//NF', 'S/REL NATO', 'C/REL NATO', 'U//FOUO', 'SBU/NF',
  'TS', 'TS//NF', 'S//FGI//NF', 'C//REL ISAF', 'S//REL ISAF', 'C NF', 'C/NOFORN', 'S/NOFORN',
];

const LEVEL_WORDS = ['U', 'C', 'S', 'TS', 'SBU'];

/**
 * Whether an unrecognised `( … )` at a paragraph's start is a mistyped marking:
 * its first word is an upper-case level or one letter away from one
 * (`CX`, `S/NOFRN`, `SBU/NFF`), not a word or an acronym (`Iran`, `OSD`, `b`, `L`).
 */
export function looksLikeMarking(content: string): boolean {
  const first = /^[A-Za-z]+/.exec(content)?.[0];
  if (!first || first.length > 3) return false;
  if (first !== first.toUpperCase()) return false;
  const rest = content.slice(first.length);
  if (LEVEL_WORDS.includes(first)) return rest.length > 0; // `S/NOFRN`; a bare level always parses
  if (first.length === 1) return false; // `( L )`, `( B )`: labels
  return LEVEL_WORDS.some((level) => editDistance(first, level) === 1 && level.length > 1) || (rest.startsWith('/') && LEVEL_WORDS.some((level) => editDistance(first, level) === 1));
}

/** The known marking nearest to an unrecognised one. */
export function nearestMarking(content: string): string {
  const upper = content.toUpperCase().replace(/\s*(\/\/?|-)\s*/g, '$1');
  let best = KNOWN_MARKINGS[0];
  let bestDistance = Infinity;
  for (const form of KNOWN_MARKINGS) {
    const d = editDistance(upper, form);
    if (d < bestDistance) {
      best = form;
      bestDistance = d;
    }
  }
  return best;
}
