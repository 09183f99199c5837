// Small helpers shared by the views.

import * as vscode from 'vscode';

export const LANGUAGE_ID = 'cable';

/** `1 mention`, `1,234 mentions`. */
export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${formatNumber(n)} ${n === 1 ? singular : plural}`;
}

export function formatNumber(n: number): string {
  return n.toLocaleString('en-US');
}

/** A function that runs `fn` once, `ms` after the last call. Dispose to cancel. */
export interface Debounced extends vscode.Disposable {
  (): void;
}

export function debounce(fn: () => void, ms: number): Debounced {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const run = (() => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      fn();
    }, ms);
  }) as Debounced;
  run.dispose = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
  };
  return run;
}

/** The file name of a document, e.g. `09ABUJA1907.cable`, or `Untitled-1`. */
export function fileName(uri: vscode.Uri): string {
  const name = uri.path.split('/').pop();
  return name || uri.toString();
}
