// The server's timing constants, in one place (the bench reads them from the bundle's exports).

export const TIMING = {
  /** After an edit, diagnostics wait this long for the next keystroke (edits re-analyse incrementally, so this is short). */
  diagnosticsDebounceMs: 0,
  /** In a cable of `twoPhaseMinLength` characters or more, the entity checks go out this long after the tag checks. */
  entityChecksDelayMs: 0,
  /** From this many characters, a cable's tag checks are sent first and its entity checks right after. */
  twoPhaseMinLength: 256 * 1024,
  /** A large open cable's text goes into the index this long after its diagnostics were sent (see handlers/diagnostics.ts). */
  indexOpenCableMs: 50,
  /** After the index changed, open cables' cross-cable diagnostics are checked again after this delay. */
  crossCableRecheckMs: 500,
  /** `taggedCables/indexChanged` is sent at most this often. */
  indexNotifyMs: 300,
  /** The indexer parses for this long, then yields to requests. */
  indexSliceMs: 12,
} as const;
