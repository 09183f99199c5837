// The cables being compared with another version, and their differences as
// `annotation-diff` diagnostics. The other version's text is fixed when the
// comparison starts; the cable's own text is its current text (the open
// editor's, unsaved edits included, or the file's), so every diagnostics run
// compares again. *Keep mine* dismisses a difference for this comparison.

import * as fs from 'fs';
import { fileURLToPath } from 'url';
import { Diagnostic, DiagnosticSeverity } from 'vscode-languageserver/node';
import { CableComparison, CompareError, Difference, compareCables } from '../core';
import { PositionMapper, TextPositions } from './positions';
import type { ServerState } from './state';
import { toRange } from './toProto';

export const ANNOTATION_DIFF = 'annotation-diff';

/** Texts that take longer to align count as unrelated. */
const ALIGN_TIMEOUT_MS = 2000;

interface Entry {
  uri: string;
  label: string;
  otherText: string;
  otherUri?: string;
  /** Comparisons started together (a folder) share a group. */
  group: number;
  /** Keys of differences dismissed with *Keep mine*. */
  dismissed: Set<string>;
  /** The last comparison, for the text it was made with. */
  cache?: { text: string; result: CableComparison | CompareError };
  otherPositions?: TextPositions;
}

export type ComparisonOutcome = { ok: true; comparison: CableComparison; text: string; entry: Entry } | { ok: false; message: string; entry: Entry };

/** A tag as written in a cable: `[PER Andrew Ford  ]`, or the untagged text. */
export function tagText(side: { type: string | null; text: string }): string {
  return side.type === null ? `untagged "${side.text.replace(/\s+/g, ' ')}"` : `[${side.type} ${side.text.replace(/\s+/g, ' ')}  ]`;
}

/** Identifies a difference across edits of this cable: by the other version's place (fixed) and this side's tag. */
export function differenceKey(d: Difference): string {
  return [d.kind, d.b.untagged.start, d.b.untagged.end, d.b.type ?? '', d.a.type ?? '', d.a.text].join('|');
}

export function differenceMessage(d: Difference, label: string): string {
  const theirs = tagText(d.b);
  const mine = tagText(d.a);
  switch (d.kind) {
    case 'added':
      return `Tagged only in ${label}: ${theirs} there, untagged here.`;
    case 'removed':
      return `Tagged only here: ${mine} here, untagged in ${label}.`;
    case 'retyped':
      return `Retyped in ${label}: ${theirs} there, ${mine} here.`;
    case 'rebounded':
      return `Other bounds in ${label}: ${theirs} there, ${mine} here.`;
    case 'rebounded-retyped':
      return `Other bounds and type in ${label}: ${theirs} there, ${mine} here.`;
  }
}

export class Comparisons {
  private readonly entries = new Map<string, Entry>();
  private nextGroup = 1;
  private readonly disk = new Map<string, { mtimeMs: number; size: number; text: string }>();
  /** Cables whose comparison stopped, until a pull client has been told they have no differences left. */
  private readonly stopped = new Set<string>();
  /** Changes whenever what the comparisons report may change (start, stop, keep mine). */
  generation = 0;

  constructor(private readonly state: ServerState) {}

  newGroup(): number {
    return this.nextGroup++;
  }

  start(uri: string, label: string, otherText: string, otherUri: string | undefined, group: number): void {
    this.stopped.delete(uri);
    this.entries.set(uri, { uri, label, otherText, otherUri, group, dismissed: new Set() });
    this.generation++;
  }

  /** Stops the comparisons of `uri`'s group, or all; the cables whose comparison stopped. */
  stop(uri?: string): string[] {
    const group = uri === undefined ? undefined : this.entries.get(uri)?.group;
    if (uri !== undefined && group === undefined) return [];
    const stopped = [...this.entries.values()].filter((e) => group === undefined || e.group === group).map((e) => e.uri);
    for (const u of stopped) {
      this.entries.delete(u);
      this.disk.delete(u);
      this.stopped.add(u);
    }
    if (stopped.length > 0) this.generation++;
    return stopped;
  }

  /**
   * Closed cables whose comparison stopped: a client pulling workspace diagnostics keeps a
   * cable's last report until a report names it again, so each gets one empty report.
   */
  stoppedClosedUris(): string[] {
    return [...this.stopped].filter((u) => !this.state.documents.get(u));
  }

  /** The client holds the empty report of a stopped cable (or the cable is open): no need to send it again. */
  forgetStopped(uri: string): void {
    this.stopped.delete(uri);
  }

  has(uri: string): boolean {
    return this.entries.has(uri);
  }

  uris(): string[] {
    return [...this.entries.keys()];
  }

  groupOf(uri: string): string[] {
    const group = this.entries.get(uri)?.group;
    return group === undefined ? [] : [...this.entries.values()].filter((e) => e.group === group).map((e) => e.uri);
  }

  dismiss(uri: string, key: string): boolean {
    const entry = this.entries.get(uri);
    if (!entry || entry.dismissed.has(key)) return false;
    entry.dismissed.add(key);
    this.generation++;
    return true;
  }

  isDismissed(uri: string, d: Difference): boolean {
    return this.entries.get(uri)?.dismissed.has(differenceKey(d)) ?? false;
  }

  /** The cable's current text: the open editor's, else the file's (read again when it changed). */
  textOf(uri: string): string | undefined {
    const doc = this.state.documents.get(uri);
    if (doc) return doc.text;
    let file: string;
    try {
      file = fileURLToPath(uri);
      const stat = fs.statSync(file);
      const cached = this.disk.get(uri);
      if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return cached.text;
      const text = fs.readFileSync(file, 'utf8');
      this.disk.set(uri, { mtimeMs: stat.mtimeMs, size: stat.size, text });
      return text;
    } catch {
      return undefined;
    }
  }

  /** A version stamp of a closed cable's text on disk, for result ids. */
  diskStamp(uri: string): string {
    try {
      const stat = fs.statSync(fileURLToPath(uri));
      return `${stat.mtimeMs}:${stat.size}`;
    } catch {
      return 'gone';
    }
  }

  /** Compares the cable's current text with the other version (cached per text). */
  outcome(uri: string): ComparisonOutcome | undefined {
    const entry = this.entries.get(uri);
    if (!entry) return undefined;
    const text = this.textOf(uri);
    if (text === undefined) return { ok: false, message: 'the cable cannot be read', entry };
    if (!entry.cache || entry.cache.text !== text) {
      let result: CableComparison | CompareError;
      try {
        // A short limit: this runs on every diagnostics run of an edited cable.
        result = compareCables(text, entry.otherText, { entityTypes: this.state.service.configuration().entityTypes, alignTimeoutMs: ALIGN_TIMEOUT_MS });
      } catch (error) {
        if (!(error instanceof CompareError)) throw error;
        result = error;
      }
      entry.cache = { text, result };
    }
    const result = entry.cache.result;
    return result instanceof CompareError ? { ok: false, message: result.message, entry } : { ok: true, comparison: result, text, entry };
  }

  /** The differences still open (not dismissed), in document order. */
  openDifferences(uri: string): { outcome: ComparisonOutcome; differences: Difference[] } | undefined {
    const outcome = this.outcome(uri);
    if (!outcome) return undefined;
    if (!outcome.ok) return { outcome, differences: [] };
    const differences = outcome.comparison.differences.filter((d) => !outcome.entry.dismissed.has(differenceKey(d)));
    return { outcome, differences };
  }

  /** The `annotation-diff` diagnostics of a cable; `positions` of its current text. */
  diagnostics(uri: string, positions?: PositionMapper): Diagnostic[] {
    if (!this.entries.has(uri)) return [];
    const setting = this.state.service.configuration().rules[ANNOTATION_DIFF];
    if (setting === 'off') return [];
    const found = this.openDifferences(uri);
    if (!found || !found.outcome.ok) return [];
    const { entry, text } = found.outcome;
    const mine = positions ?? new TextPositions(text, this.state.client.encoding);
    const theirs = (entry.otherPositions ??= new TextPositions(entry.otherText, this.state.client.encoding));
    const severity = SEVERITY[setting];
    return found.differences.map((d) => {
      const diagnostic: Diagnostic = {
        range: toRange(mine, d.a.span),
        severity,
        code: ANNOTATION_DIFF,
        source: 'cable',
        message: differenceMessage(d, entry.label),
        data: { key: differenceKey(d), kind: d.kind, type: d.type },
      };
      const otherUri = entry.otherUri ?? uri;
      const otherRange = entry.otherUri ? toRange(theirs, d.b.span) : toRange(mine, d.a.span);
      diagnostic.relatedInformation = [{ location: { uri: otherUri, range: otherRange }, message: `${entry.label}: ${tagText(d.b)}` }];
      return diagnostic;
    });
  }

  /** Compared cables that are not open in the editor. */
  closedUris(): string[] {
    return this.uris().filter((u) => !this.state.documents.get(u));
  }

  label(uri: string): string | undefined {
    return this.entries.get(uri)?.label;
  }
}

const SEVERITY: Record<string, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

