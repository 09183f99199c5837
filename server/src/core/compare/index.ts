// Comparing two versions of cables: differences, scores (nervaluate's four
// schemes), token-level kappa, reports, and "accept theirs" edits.

export { untaggedCable, UntaggedCable, EntitySpan, markupRanges } from './spans';
export { alignTexts, mapOffset, mapSpan, sameButLineEnds, Alignment, Segment, TextChange, MIN_SIMILARITY } from './align';
export { matchSpans, Pair, Relation, TypedSpan } from './match';
export { SCHEMES, Scheme, Counts, SchemeScore, Scores, ScoreTable, Tally, newTally, tallyPairs, addTally, scoreTable, schemeScore } from './scores';
export { Kappa, KappaTally, kappaOf, tokenSpans, tokenLabels } from './kappa';
export { Difference, DifferenceKind, DifferenceSide, DIFFERENCE_KINDS, TextChangePlace, taggedSpan } from './differences';
export { compareCables, compareUntagged, CableComparison, CompareError, CompareErrorKind, CompareOptions } from './compare';
export { acceptTheirsEdits, acceptRegions } from './accept';
export {
  CompareReport,
  ComparedFile,
  DifferenceRecord,
  FileSummary,
  MalformedTagRecord,
  Paint,
  Place,
  ReportInput,
  SideNames,
  SidePlace,
  TextChangeRecord,
  combinedScores,
  compareReport,
  describeSide,
  formatMarkdown,
  formatStylish,
  kindLabel,
  malformedSummary,
  scoreTableMarkdown,
} from './report';
