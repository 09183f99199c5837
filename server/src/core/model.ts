// The parsed form of a tagged cable. All positions are offsets into the text
// (UTF-16 code units, as JavaScript strings index them); ends are exclusive.

export interface Span {
  start: number;
  end: number;
}

/** Classification levels, low to high. */
export type Level = 'U' | 'C' | 'S' | 'TS';

export const LEVEL_RANK: Record<Level, number> = { U: 0, C: 1, S: 2, TS: 3 };

export interface Wrapper {
  open?: Span;
  close?: Span;
}

export interface Banner {
  span: Span;
  text: string;
  level: Level;
  /** Found after a preamble rather than at the start of the body. */
  displaced?: boolean;
  /** Caveats written right after the banner: NOFORN, SIPDIS, SENSITIVE, … */
  caveats: CaveatMark[];
}

export interface CaveatMark {
  text: string;
  span: Span;
}

export interface Dateline {
  span: Span;
  text: string;
}

export type HeaderFieldKind = 'eo' | 'tags' | 'subject' | 'ref' | 'classifiedBy';

export interface HeaderField {
  kind: HeaderFieldKind;
  /** The label as written: `TAGS`, `E.O. 12958:`, `Classified By:` … */
  label: string;
  labelSpan: Span;
  /** The value, trimmed; may contain entity tags. */
  valueSpan: Span;
  value: string;
}

export interface TagsEntry {
  /** The entry's text without tag markup: `PREL`, `NATO`. */
  text: string;
  span: Span;
}

export interface Section {
  title: string;
  /** The whole heading, dashes included. */
  headingSpan: Span;
  titleSpan: Span;
  /** From the heading to the next heading or the end of the body. */
  span: Span;
}

export interface PortionMarking {
  /** The marking's content as written: `C`, `S/NF`, `C//REL ISAF`. */
  text: string;
  /** The whole marking, parentheses included. */
  span: Span;
  textSpan: Span;
  /** The level, when the marking is a recognised form. */
  level?: Level;
  controls: string[];
}

export interface Paragraph {
  /** The anchor id (`par3`), or undefined when the anchor has no id. */
  id: string;
  idSpan: Span;
  href: string;
  hrefSpan: Span;
  /** The whole `<a …>¶</a>` element. */
  anchorSpan: Span;
  /** The visible number after the anchor (`3`, `B`), if any. */
  number?: string;
  numberSpan?: Span;
  marking?: PortionMarking;
  /** A numbered paragraph (`par3`, `3 .`), not a REF item or sub-item letter (`parB`). */
  numbered: boolean;
  /** From the anchor to the next anchor or the end of the body. */
  span: Span;
}

export interface EntityMention {
  /** The type as written: `PER`, or a malformed `Org`. */
  type: string;
  /** Whether `type` is one of the configured entity types. */
  knownType: boolean;
  /** The mention's text, trimmed, without markup. */
  text: string;
  /** `[` */
  openSpan: Span;
  typeSpan: Span;
  textSpan: Span;
  /** `]`, or undefined when the tag is never closed. */
  closeSpan?: Span;
  /** The whole tag from `[` to `]` (or to the end of its line when unclosed). */
  span: Span;
  /** Spaces between the text and `]`. */
  closingSpaces: number;
  /** Spaces between the type and the text (the convention is one). */
  openingSpaces: number;
  /** Broken across a line break. */
  multiline: boolean;
  /** Opened inside another tag. */
  nested: boolean;
  /** Another tag opens inside this one; the text stops there. */
  containsTag: boolean;
}

export interface Problem {
  code: string;
  span: Span;
  message: string;
  /** Other places in the same document that explain the problem. */
  related?: Array<{ span: Span; message: string }>;
  /** Extra facts for quick fixes (suggested type, …). */
  data?: Record<string, unknown>;
}

export interface CableDocument {
  text: string;
  wrapper: Wrapper;
  /** Where the cable body starts and ends (inside the wrapper). */
  body: Span;
  /** From the body's start to the first numbered paragraph (REF items included). */
  headerSpan: Span;
  dateline?: Dateline;
  banner?: Banner;
  header: HeaderField[];
  tags: TagsEntry[];
  sections: Section[];
  paragraphs: Paragraph[];
  /** Sorted by start offset. */
  mentions: EntityMention[];
  /** Parse-level problems (malformed tags and structure). */
  problems: Problem[];
}
