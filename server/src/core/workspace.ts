// How features see documents: through a workspace that serves open editors
// and files on disk alike, keyed by URI. Analyses are cached per version.

import { CableConfig } from './config';
import { EntityIndex, groupEntities } from './entities';
import { LineIndex } from './lineIndex';
import { CableDocument } from './model';
import { parseCable } from './parser';

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

export function analyze(source: CableSource, config: CableConfig): Analysis {
  const doc = parseCable(source.text, { entityTypes: config.entityTypes });
  const entities = groupEntities(doc);
  let lines: LineIndex | undefined;
  const starts = doc.paragraphs.map((p) => p.span.start);
  return {
    uri: source.uri,
    version: source.version,
    doc,
    entities,
    get lines() {
      return (lines ??= new LineIndex(source.text));
    },
    paragraphAt(offset: number): number {
      let lo = 0;
      let hi = starts.length - 1;
      let found = -1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (starts[mid] <= offset) {
          found = mid;
          lo = mid + 1;
        } else {
          hi = mid - 1;
        }
      }
      return found;
    },
  };
}

/** Analyses keyed by URI and version; a new version replaces the old one. */
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
    const analysis = analyze(source, this.config);
    this.entries.set(uri, analysis);
    return analysis;
  }

  forget(uri: string): void {
    this.entries.delete(uri);
  }
}
