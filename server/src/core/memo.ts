// Results computed from an analysis or a parsed document, kept with it. On
// the object itself when it has a `memo` (the results go when it goes);
// otherwise in a WeakMap. A WeakMap's values outlive their dead keys until a
// full garbage collection, which a batch run of thousands of cables may not
// do for a long time: its memory would grow.

export interface Memo {
  readonly memo: Map<string, unknown>;
}

const others = new WeakMap<object, Map<string, unknown>>();

function tableOf(owner: object, create: boolean): Map<string, unknown> | undefined {
  const own = (owner as Partial<Memo>).memo;
  if (own instanceof Map) return own;
  let table = others.get(owner);
  if (!table && create) others.set(owner, (table = new Map()));
  return table;
}

export function memoized<T>(owner: object, key: string, compute: () => T): T {
  const table = tableOf(owner, true)!;
  if (table.has(key)) return table.get(key) as T;
  const value = compute();
  table.set(key, value);
  return value;
}

/** What `memoized` keeps for `key`, if it was computed. */
export function memoPeek<T>(owner: object, key: string): T | undefined {
  return tableOf(owner, false)?.get(key) as T | undefined;
}
