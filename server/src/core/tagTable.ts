// The entity tags of a cable, packed: one row of Int32 fields per tag, in
// text order, with no string and no object per tag. The parser fills it, the
// grouping and the checks read its fields; features read tags as
// `EntityMention` views, made on first read (`views`), whose spans and text
// are allocated only when asked for.

import { EntityMention, Span } from './model';

/** Fields of a row. */
export const enum F {
  /** `[` */
  Start = 0,
  /** End of the type (it starts after `[`). */
  TypeEnd = 1,
  TextStart = 2,
  TextEnd = 3,
  /** `]`, or -1 when the tag is never closed. */
  Close = 4,
  /** End of the whole tag. */
  End = 5,
  Closing = 6,
  Opening = 7,
  Flags = 8,
  /** Index into `TagTable.types`. */
  Type = 9,
  /** The mention's form id in its `FormTable` (grouping), or -1 before grouping. */
  Form = 10,
  Stride = 11,
}

export const enum Flag {
  Known = 1,
  Multiline = 2,
  Nested = 4,
  ContainsTag = 8,
}

/** Parse-level problems in the order the parser met them: [kind, ref, extra] triples. */
export const enum Ev {
  UnknownType = 0,
  Nested = 1,
  Multiline = 2,
  Empty = 3,
  Unclosed = 4,
  /** ref: the offset of the `]`. */
  Stray = 5,
  Size = 3,
}

export class TagTable {
  data: Int32Array;
  count = 0;
  /** Type names by id; the first ones are the configured types, in order. */
  readonly types: string[];
  private readonly knownCount: number;
  private texts: Array<string | undefined> = [];
  /** The interning table the `Form` fields refer to (see entities.ts). */
  forms: object | undefined;

  constructor(
    readonly text: string,
    entityTypes: readonly string[],
    capacity = 64,
  ) {
    this.data = new Int32Array(Math.max(1, capacity) * F.Stride);
    this.types = [...entityTypes];
    this.knownCount = entityTypes.length;
  }

  /** A new row, its fields zero but `Close` and `Form` (-1); returns its index. */
  add(): number {
    if ((this.count + 1) * F.Stride > this.data.length) this.grow(this.count + 1);
    const i = this.count++;
    const o = i * F.Stride;
    this.data[o + F.Close] = -1;
    this.data[o + F.Form] = -1;
    return i;
  }

  grow(rows: number): void {
    if (rows * F.Stride <= this.data.length) return;
    const next = new Int32Array(Math.max(rows, (this.data.length / F.Stride) * 2) * F.Stride);
    next.set(this.data.subarray(0, this.count * F.Stride));
    this.data = next;
  }

  /** The id of a type name, added when new. */
  typeId(type: string): number {
    const i = this.types.indexOf(type);
    if (i >= 0) return i;
    this.types.push(type);
    return this.types.length - 1;
  }

  isKnownTypeId(id: number): boolean {
    return id < this.knownCount;
  }

  start(i: number): number {
    return this.data[i * F.Stride + F.Start];
  }

  end(i: number): number {
    return this.data[i * F.Stride + F.End];
  }

  textStart(i: number): number {
    return this.data[i * F.Stride + F.TextStart];
  }

  textEnd(i: number): number {
    return this.data[i * F.Stride + F.TextEnd];
  }

  close(i: number): number {
    return this.data[i * F.Stride + F.Close];
  }

  flags(i: number): number {
    return this.data[i * F.Stride + F.Flags];
  }

  type(i: number): string {
    return this.types[this.data[i * F.Stride + F.Type]];
  }

  form(i: number): number {
    return this.data[i * F.Stride + F.Form];
  }

  /** Closed, not nested, holding no other tag, with text: the mentions entities are made of. */
  groupable(i: number): boolean {
    const o = i * F.Stride;
    return this.data[o + F.Close] >= 0 && (this.data[o + F.Flags] & (Flag.Nested | Flag.ContainsTag)) === 0 && this.data[o + F.TextEnd] > this.data[o + F.TextStart];
  }

  /** The mention's text, trimmed, runs of white space made one space (cached). */
  mentionText(i: number): string {
    let t = this.texts[i];
    if (t === undefined) {
      const o = i * F.Stride;
      t = normalizeSpaces(this.text.slice(this.data[o + F.TextStart], this.data[o + F.TextEnd]));
      this.texts[i] = t;
    }
    return t;
  }

  /** The mention's text as written (white space kept). */
  rawText(i: number): string {
    const o = i * F.Stride;
    return this.text.slice(this.data[o + F.TextStart], this.data[o + F.TextEnd]);
  }

  /** One tag as an `EntityMention`. */
  view(i: number): EntityMention {
    return new MentionView(this, i);
  }

  /** Every tag as an `EntityMention`. */
  views(): EntityMention[] {
    const out = new Array<EntityMention>(this.count);
    for (let i = 0; i < this.count; i++) out[i] = new MentionView(this, i);
    return out;
  }

  /** The index of the last tag starting at or before `offset`, or -1. */
  lastStartingAtOrBefore(offset: number): number {
    let lo = 0;
    let hi = this.count - 1;
    let found = -1;
    const d = this.data;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (d[mid * F.Stride + F.Start] <= offset) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found;
  }

  /** The first tag starting at or after `offset` (`count` when none). */
  firstStartingAtOrAfter(offset: number): number {
    return this.lastStartingAtOrBefore(offset - 1) + 1;
  }
}

const SPACES = /\s+/g;
const HAS_SPACE = /\s/;

function normalizeSpaces(s: string): string {
  return HAS_SPACE.test(s) ? s.replace(SPACES, ' ') : s;
}

/** One tag of a table, read as an `EntityMention`. */
class MentionView implements EntityMention {
  constructor(
    private readonly table: TagTable,
    private readonly i: number,
  ) {}

  private field(f: number): number {
    return this.table.data[this.i * F.Stride + f];
  }

  get type(): string {
    return this.table.type(this.i);
  }

  get knownType(): boolean {
    return (this.field(F.Flags) & Flag.Known) !== 0;
  }

  get text(): string {
    return this.table.mentionText(this.i);
  }

  get openSpan(): Span {
    const s = this.field(F.Start);
    return { start: s, end: s + 1 };
  }

  get typeSpan(): Span {
    return { start: this.field(F.Start) + 1, end: this.field(F.TypeEnd) };
  }

  get textSpan(): Span {
    return { start: this.field(F.TextStart), end: this.field(F.TextEnd) };
  }

  get closeSpan(): Span | undefined {
    const c = this.field(F.Close);
    return c < 0 ? undefined : { start: c, end: c + 1 };
  }

  get span(): Span {
    return { start: this.field(F.Start), end: this.field(F.End) };
  }

  get closingSpaces(): number {
    return this.field(F.Closing);
  }

  get openingSpaces(): number {
    return this.field(F.Opening);
  }

  get multiline(): boolean {
    return (this.field(F.Flags) & Flag.Multiline) !== 0;
  }

  get nested(): boolean {
    return (this.field(F.Flags) & Flag.Nested) !== 0;
  }

  get containsTag(): boolean {
    return (this.field(F.Flags) & Flag.ContainsTag) !== 0;
  }
}

/** A table holding the tags of a document made some other way (tests build documents by hand). */
export function tableOfMentions(text: string, mentions: readonly EntityMention[], entityTypes: readonly string[]): TagTable {
  const t = new TagTable(text, entityTypes, mentions.length);
  for (const m of mentions) {
    const i = t.add();
    const o = i * F.Stride;
    const d = t.data;
    d[o + F.Start] = m.span.start;
    d[o + F.TypeEnd] = m.typeSpan.end;
    d[o + F.TextStart] = m.textSpan.start;
    d[o + F.TextEnd] = m.textSpan.end;
    d[o + F.Close] = m.closeSpan ? m.closeSpan.start : -1;
    d[o + F.End] = m.span.end;
    d[o + F.Closing] = m.closingSpaces;
    d[o + F.Opening] = m.openingSpaces;
    d[o + F.Flags] = (m.knownType ? Flag.Known : 0) | (m.multiline ? Flag.Multiline : 0) | (m.nested ? Flag.Nested : 0) | (m.containsTag ? Flag.ContainsTag : 0);
    d[o + F.Type] = t.typeId(m.type);
  }
  return t;
}
