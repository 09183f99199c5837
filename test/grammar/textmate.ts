// vscode-textmate + vscode-oniguruma as the grammar tests use them: the
// cable grammar loaded from its JSON text, tokens as scope runs, and a
// deterministic random source for generated lines.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as oniguruma from 'vscode-oniguruma';
import * as vsctm from 'vscode-textmate';

let onigLib: Promise<vsctm.IOnigLib> | undefined;

/** Oniguruma's WebAssembly, loaded once for every test file. */
export function onig(): Promise<vsctm.IOnigLib> {
  if (!onigLib) {
    const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
    onigLib = oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength)).then(() => ({
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    }));
  }
  return onigLib;
}

/** A `text.cable` grammar from its JSON text (`name`: the file it came from, for messages). */
export async function loadCableGrammar(json: string, name: string): Promise<vsctm.IGrammar> {
  const registry = new vsctm.Registry({
    onigLib: onig(),
    loadGrammar: async (scope: string) => (scope === 'text.cable' ? vsctm.parseRawGrammar(json, name) : null),
  });
  const grammar = await registry.loadGrammar('text.cable');
  assert.ok(grammar, `${name} loads`);
  return grammar;
}

export type Run = [start: number, end: number, scopes: string];

/** Scope runs of one line: tokens clipped to the line, neighbours with equal scopes merged. */
export function scopeRuns(tokens: vsctm.IToken[], length: number): Run[] {
  const out: Run[] = [];
  for (const t of tokens) {
    const end = Math.min(t.endIndex, length);
    if (t.startIndex >= end && length > 0) continue;
    const scopes = t.scopes.join(' ');
    const last = out[out.length - 1];
    if (last && last[2] === scopes && last[1] === t.startIndex) last[1] = end;
    else out.push([t.startIndex, end, scopes]);
  }
  return out;
}

/** Deterministic pseudo-random numbers (a linear congruential generator). */
export function random(seed: number): (n: number) => number {
  let s = seed;
  return (n) => {
    s = (Math.imul(s, 1103515245) + 12345) & 0x7fffffff;
    return s % n;
  };
}
