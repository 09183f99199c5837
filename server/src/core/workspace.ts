// How features see documents: through a workspace that serves open editors
// and files on disk alike, keyed by URI. Analyses are cached per version.

import { CableConfig } from './config';
import { EntityIndex, FormTable, groupEntities } from './entities';
import { LineIndex } from './lineIndex';
import { CableDocument } from './model';
import { ParsedCable, parse, reparseCable } from './parser';
import { F } from './tagTable';
import { memoized } from './memo';
import { lastAtOrBefore } from './sorted';

export interface CableSource {
  uri: string;
  /** Changes whenever the text changes (editor version, or file mtime). */
  version: number | string;
  text: string;
}

export interface CableWorkspace {
  /** The document at `uri`, or undefined when there is none. */
  get(uri: string): CableSource | undefined;
  /** Every cable the workspace knows. */
  uris(): Iterable<string>;
  /**
   * A cable that is not open, read from disk now; undefined when it cannot be
   * read. Cross-cable rename reads the cables it edits through this.
   */
  read?(uri: string): CableSource | undefined;
}

/** A workspace held in memory: the tests' workspace, and the CLI's. */
export class InMemoryWorkspace implements CableWorkspace {
  private readonly docs = new Map<string, CableSource>();

  constructor(docs: Record<string, string> = {}) {
    for (const [uri, text] of Object.entries(docs)) this.set(uri, text);
  }

  set(uri: string, text: string): void {
    const old = this.docs.get(uri);
    this.docs.set(uri, { uri, text, version: old ? Number(old.version) + 1 : 1 });
  }

  delete(uri: string): void {
    this.docs.delete(uri);
  }

  get(uri: string): CableSource | undefined {
    return this.docs.get(uri);
  }

  uris(): Iterable<string> {
    return this.docs.keys();
  }
}

/** One document analysed: its parse, its entities and its line index. */
export interface Analysis {
  uri: string;
  version: number | string;
  doc: CableDocument;
  entities: EntityIndex;
  lines: LineIndex;
  /** Paragraph index holding `offset`, or -1 in the header. */
  paragraphAt(offset: number): number;
}

/**
 * An analysis: the parse at once, the entities and the line index when first
 * asked for. An edited version is made from the previous one (`reanalyze`),
 * parsing again only the paragraphs the edit touched.
 */
class CableAnalysis implements Analysis {
  /** What the checks computed from it (see memo.ts). */
  readonly memo = new Map<string, unknown>();
  private entityIndex: EntityIndex | undefined;
  private lineIndex: LineIndex | undefined;
  private readonly starts: Int32Array;

  constructor(
    readonly uri: string,
    readonly version: number | string,
    readonly doc: ParsedCable,
    readonly forms: FormTable,
    /** The analysis this one was made from, until this one's entity checks have used it. */
    public previous: CableAnalysis | undefined,
  ) {
    this.starts = Int32Array.from(doc.paragraphs, (p) => p.span.start);
  }

  get entities(): EntityIndex {
    if (!this.entityIndex) {
      const prev = this.previous?.entityIndex;
      this.entityIndex = prev && sameEntityTags(this.previous!.doc, this.doc, this.forms) ? prev : groupEntities(this.doc, this.forms);
    }
    return this.entityIndex;
  }

  get lines(): LineIndex {
    return (this.lineIndex ??= new LineIndex(this.doc.text));
  }

  paragraphAt(offset: number): number {
    return lastAtOrBefore(this.starts, offset);
  }
}

/**
 * Whether `doc`, parsed again from `prev`, has the same tags as far as
 * entities see them (same count, and each the same groupable form and type):
 * an edit of plain text or of spacing. Then the entities are the same.
 */
function sameEntityTags(prev: ParsedCable, doc: ParsedCable, forms: FormTable): boolean {
  if (doc === prev) return true;
  const region = doc.reparsed;
  const a = prev.table;
  const b = doc.table;
  if (!region || a.count !== b.count || a.forms !== forms || b.forms !== forms) return false;
  const text = doc.text;
  for (let i = region.tagsBefore; i < b.count - region.tagsAfter; i++) {
    const groupable = b.groupable(i);
    if (groupable !== a.groupable(i)) return false;
    if (!groupable) continue;
    const o = i * F.Stride;
    if (b.data[o + F.Form] < 0) b.data[o + F.Form] = forms.formAt(text, b.data[o + F.TextStart], b.data[o + F.TextEnd]);
    if (b.data[o + F.Form] !== a.data[o + F.Form] || b.data[o + F.Type] !== a.data[o + F.Type]) return false;
  }
  return true;
}

export function analyze(source: CableSource, config: CableConfig): Analysis {
  return new CableAnalysis(source.uri, source.version, parse(source.text, { entityTypes: config.entityTypes }), new FormTable(), undefined);
}

/** Interned forms outgrow the document after many edits: past this many per tag (and a floor), start afresh. */
const FORMS_PER_TAG = 4;
const FORMS_FLOOR = 4096;

/** `source`, an edited version of `previous`'s document, analysed reusing what the edit left alone. The result equals `analyze(source)`. */
export function reanalyze(previous: Analysis, source: CableSource, config: CableConfig): Analysis {
  if (!(previous instanceof CableAnalysis)) return analyze(source, config);
  const options = { entityTypes: config.entityTypes };
  const doc = source.text === previous.doc.text ? previous.doc : reparseCable(previous.doc, source.text, options);
  if (previous.forms.rawCount > FORMS_FLOOR + FORMS_PER_TAG * doc.table.count) return analyze(source, config);
  const next = new CableAnalysis(source.uri, source.version, doc, previous.forms, previous);
  previous.previous = undefined; // one step back at most
  return next;
}

/** The interned forms of an analysis's entities. */
export function formsOf(analysis: Analysis): FormTable {
  if (analysis instanceof CableAnalysis) return analysis.forms;
  return memoized(analysis, 'forms', () => new FormTable());
}

/** The analysis `analysis` was made from, if it is still known (the entity checks reuse what it found). */
export function previousAnalysis(analysis: Analysis): Analysis | undefined {
  return analysis instanceof CableAnalysis ? analysis.previous : undefined;
}

/** Analyses keyed by URI and version; a new version is made from the old one, then replaces it. */
export class AnalysisCache {
  private readonly entries = new Map<string, Analysis>();

  constructor(
    private readonly workspace: CableWorkspace,
    private config: CableConfig,
  ) {}

  setConfig(config: CableConfig): void {
    this.config = config;
    this.entries.clear();
  }

  get(uri: string): Analysis | undefined {
    const source = this.workspace.get(uri);
    if (!source) {
      this.entries.delete(uri);
      return undefined;
    }
    const cached = this.entries.get(uri);
    if (cached && cached.version === source.version) return cached;
    const analysis = cached ? reanalyze(cached, source, this.config) : analyze(source, this.config);
    this.entries.set(uri, analysis);
    return analysis;
  }

  forget(uri: string): void {
    this.entries.delete(uri);
  }
}
