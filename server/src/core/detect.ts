// Recognising a tagged cable by its first line, for files that are not `.cable`.

/** The wrapper, or a classification banner (after an optional dateline). */
export const CABLE_FIRST_LINE =
  /^\uFEFF?(?:<code><pre>|(?:[A-Z][a-z]+day\s*,\s*\d{1,2}\s+[A-Z][a-z]+\s+\d{4}\s*,\s*\d{1,2}:\d{2}\s+)?(?:C O N F I D E N T I A L|S E C R E T|T O P S E C R E T|U N C L A S|UNCLAS|UNCLASSIFIED|CONFIDENTIAL|SECRET|TOP SECRET)\b)/;

export function looksLikeCable(firstLine: string): boolean {
  return CABLE_FIRST_LINE.test(firstLine.slice(0, 300));
}
