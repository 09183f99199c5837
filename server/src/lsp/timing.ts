// The server's timing constants, in one place (the bench reads them from the bundle's exports).

export const TIMING = {
  /** After an edit, diagnostics wait this long for the next keystroke. */
  diagnosticsDebounceMs: 150,
  /** After the index changed, open cables' cross-cable diagnostics are checked again after this delay. */
  crossCableRecheckMs: 500,
  /** `taggedCables/indexChanged` is sent at most this often. */
  indexNotifyMs: 300,
  /** The indexer parses for this long, then yields to requests. */
  indexSliceMs: 12,
} as const;
