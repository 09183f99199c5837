// A one-line progress bar on a terminal's stderr, redrawn in place.

export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

/** Whether the environment says it is a CI run (`CI=true`, `CI=1`, …). */
export function isCI(env: NodeJS.ProcessEnv): boolean {
  const ci = env.CI;
  return ci !== undefined && ci !== '' && ci !== '0' && ci.toLowerCase() !== 'false';
}

/** Shown only on a terminal, and never in CI. */
export function wantsProgress(stream: ProgressStream | undefined, env: NodeJS.ProcessEnv): stream is ProgressStream {
  return stream !== undefined && stream.isTTY === true && !isCI(env);
}

export class ProgressBar {
  private lastDraw = -Infinity;
  private drawn = false;

  constructor(
    private readonly stream: ProgressStream,
    private readonly total: number,
    private readonly intervalMs = 50,
    private readonly now: () => number = Date.now,
    private readonly label = 'cable-lint',
  ) {}

  /** Redraws at most every `intervalMs`, and always at 0 and at the end. */
  update(done: number): void {
    const t = this.now();
    if (done > 0 && done < this.total && t - this.lastDraw < this.intervalMs) return;
    this.lastDraw = t;
    const label = ` ${done}/${this.total} ${this.total === 1 ? 'file' : 'files'}`;
    const width = Math.max(10, Math.min(40, (this.stream.columns ?? 80) - label.length - 14));
    const filled = this.total === 0 ? width : Math.round((width * done) / this.total);
    this.stream.write(`\r\x1b[2K${this.label} ${'█'.repeat(filled)}${'░'.repeat(width - filled)}${label}`);
    this.drawn = true;
  }

  /** Erases the bar, so that what follows starts on a clean line. */
  clear(): void {
    if (this.drawn) this.stream.write('\r\x1b[2K');
    this.drawn = false;
  }
}
