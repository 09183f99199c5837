// The open documents, kept in sync with the editor (full or incremental
// changes, positions in the negotiated encoding). The core reads them
// through `CableWorkspace`.

import { Position } from '../core';
import { PositionEncoding, TextPositions, lineStartsAfterEdit, lineStartsOf } from './positions';

export interface ContentChange {
  range?: { start: Position; end: Position };
  text: string;
}

export class OpenDocument {
  private positionsCache: TextPositions | undefined;

  constructor(
    readonly uri: string,
    readonly languageId: string,
    readonly version: number,
    readonly text: string,
    private readonly encoding: PositionEncoding,
    /** The text's line starts, when known already. */
    lineStarts?: number[],
  ) {
    if (lineStarts) this.positionsCache = new TextPositions(text, encoding, lineStarts);
  }

  /** Offsets ↔ positions in the client's encoding. */
  get positions(): TextPositions {
    return (this.positionsCache ??= new TextPositions(this.text, this.encoding));
  }

  /** The document after the client's changes, applied in order. */
  changed(changes: ContentChange[], version: number): OpenDocument {
    let text = this.text;
    let positions: TextPositions | undefined = this.positions;
    for (const change of changes) {
      if (!change.range) {
        text = change.text;
        positions = undefined;
      } else {
        positions ??= new TextPositions(text, this.encoding, lineStartsOf(text));
        const start = positions.offsetAt(change.range.start);
        const end = Math.max(start, positions.offsetAt(change.range.end));
        text = text.slice(0, start) + change.text + text.slice(end);
        // The line starts follow the edit (cheaper than finding them all again).
        positions = new TextPositions(text, this.encoding, lineStartsAfterEdit(positions.lineStarts(), text, start, end, start + change.text.length));
      }
    }
    return new OpenDocument(this.uri, this.languageId, version, text, this.encoding, positions?.lineStarts());
  }
}

export class OpenDocuments {
  private readonly docs = new Map<string, OpenDocument>();

  constructor(private encoding: PositionEncoding = 'utf-16') {}

  setEncoding(encoding: PositionEncoding): void {
    this.encoding = encoding;
  }

  get(uri: string): OpenDocument | undefined {
    return this.docs.get(uri);
  }

  has(uri: string): boolean {
    return this.docs.has(uri);
  }

  all(): OpenDocument[] {
    return [...this.docs.values()];
  }

  uris(): IterableIterator<string> {
    return this.docs.keys();
  }

  open(uri: string, languageId: string, version: number, text: string): OpenDocument {
    const doc = new OpenDocument(uri, languageId, version, text, this.encoding);
    this.docs.set(uri, doc);
    return doc;
  }

  /** Undefined when the document is not open. */
  change(uri: string, version: number, changes: ContentChange[]): OpenDocument | undefined {
    const doc = this.docs.get(uri);
    if (!doc) return undefined;
    const next = doc.changed(changes, version);
    this.docs.set(uri, next);
    return next;
  }

  close(uri: string): boolean {
    return this.docs.delete(uri);
  }
}
