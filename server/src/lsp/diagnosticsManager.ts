// When diagnostics are computed and sent. Push mode: an opened cable at once,
// an edited cable after a short debounce (the next keystroke supersedes it),
// every open cable after a settings change, and the other open cables when
// the workspace index changed under them (cross-cable checks). A large cable
// gets two sends per version: its tag checks first (they need only the
// incremental parse), its entity checks right after (superseded, too, by a
// newer edit). Pull mode: the client asks; the server only tells it to ask
// again when the index changed.

import { TIMING } from './timing';

/** `tags`: the tag checks (parser problems, spacing, structure); `all`: every check. */
export type DiagnosticsScope = 'tags' | 'all';

export interface DiagnosticsHost {
  /** Computes and sends the diagnostics of an open cable (push mode). */
  publish(uri: string, scope: DiagnosticsScope): void;
  /** Whether an open cable is large enough to send its tag checks ahead of its entity checks. */
  twoPhase(uri: string): boolean;
  /** Asks the client to pull diagnostics again (pull mode, when it supports refresh). */
  refresh(): void;
  openUris(): Iterable<string>;
}

export interface Clock {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realClock: Clock = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface DiagnosticsTiming {
  diagnosticsDebounceMs: number;
  entityChecksDelayMs: number;
  crossCableRecheckMs: number;
}

export class DiagnosticsManager {
  private readonly pending = new Map<string, unknown>();
  private readonly changedSources = new Set<string>();
  private recheckTimer: unknown;
  /** Until the client's settings arrive, nothing is sent (it would be redone at once). */
  private held = false;

  constructor(
    private readonly host: DiagnosticsHost,
    readonly mode: 'push' | 'pull',
    private readonly clock: Clock = realClock,
    private readonly timing: DiagnosticsTiming = TIMING,
  ) {}

  /** Sends nothing until `release`. */
  hold(): void {
    this.held = true;
  }

  /** Sends what waited: every open cable. */
  release(): void {
    if (!this.held) return;
    this.held = false;
    this.all();
  }

  opened(uri: string): void {
    this.schedule(uri, 0, true);
  }

  changed(uri: string): void {
    this.schedule(uri, this.timing.diagnosticsDebounceMs, true);
  }

  closed(uri: string): void {
    this.cancel(uri);
  }

  /** Settings changed: every open cable again. */
  all(): void {
    if (this.held) return;
    if (this.mode === 'pull') return this.host.refresh();
    for (const uri of this.host.openUris()) this.schedule(uri, 0, true);
  }

  /**
   * The index changed because of `source` (an open cable's new text), or of
   * files on disk (`undefined`). The other open cables are checked again
   * after a delay; a cable's own change was checked already.
   */
  indexChanged(source: string | undefined): void {
    this.changedSources.add(source ?? '');
    if (this.recheckTimer !== undefined) return;
    this.recheckTimer = this.clock.setTimeout(() => {
      this.recheckTimer = undefined;
      const sources = [...this.changedSources];
      this.changedSources.clear();
      if (this.mode === 'pull') return this.host.refresh();
      // Their text did not change: only the cross-cable checks can, so no tag checks first.
      for (const uri of this.host.openUris()) {
        if (!this.pending.has(uri) && sources.some((s) => s !== uri)) this.schedule(uri, 0, false);
      }
    }, this.timing.crossCableRecheckMs);
  }

  /** Whether a cable's diagnostics (either send) are waiting to be sent. */
  isPending(uri: string): boolean {
    return this.pending.has(uri);
  }

  dispose(): void {
    for (const handle of this.pending.values()) this.clock.clearTimeout(handle);
    this.pending.clear();
    if (this.recheckTimer !== undefined) this.clock.clearTimeout(this.recheckTimer);
    this.recheckTimer = undefined;
  }

  private schedule(uri: string, delay: number, textChanged: boolean): void {
    if (this.mode === 'pull' || this.held) return;
    this.cancel(uri);
    this.pending.set(
      uri,
      this.clock.setTimeout(() => {
        this.pending.delete(uri);
        if (!textChanged || !this.host.twoPhase(uri)) return this.host.publish(uri, 'all');
        this.host.publish(uri, 'tags');
        // The entity checks next, unless a newer edit comes first (it cancels this).
        this.pending.set(
          uri,
          this.clock.setTimeout(() => {
            this.pending.delete(uri);
            this.host.publish(uri, 'all');
          }, this.timing.entityChecksDelayMs),
        );
      }, delay),
    );
  }

  private cancel(uri: string): void {
    const handle = this.pending.get(uri);
    if (handle !== undefined) this.clock.clearTimeout(handle);
    this.pending.delete(uri);
  }
}
