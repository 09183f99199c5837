// The targets the bench compares against, in one place. Issue 11 ("Speed to the
// limit") sets the first group; the others come from the earlier issues (#4
// speed and robustness, #5 workspace scale) and stay for comparison.

export const TARGETS = {
  // Issue 11
  floorShare: 0.25, // parse + all diagnostics: at least 1/4 of the regex floor's MB/s
  editP95Ms: 50, // one-character edit in 1 MB → fresh diagnostics, debounce included
  cliFloorRatio: 6, // cable-lint wall time ≤ 6× the floor process's, on ~1,000 cables
  cliFloorCables: 1000,
  grammarVsMarkdown: 1, // cable grammar MB/s ≥ 1× the Markdown grammar's on the 1 MB cable
  cliRssMB: 300, // cable-lint peak RSS on 20,000 cables, any --jobs
  cliRssCables: 20000,
  referencesUSP95Ms: 50, // references to U.S. across 20,000 cables
  referencesUSCables: 20000,
  // Earlier issues
  coreMBs: 100,
  editMinusDebounceP95Ms: 20, // 1 MB: didChange → publishDiagnostics less the debounce
  editForcedHoverP95Ms: 20, // 1 MB: didChange → hover answered
  hoverP95Ms: 10,
  referencesP95Ms: 10,
  diagnosticsMinusDebounceP95Ms: 50,
  grammarGrowthTolerance: 0.3, // 10 MB / 1 MB time within ±30 % of the size ratio
};

/** Targets of the workspace and cli sections (bench/results.json: workspace.targets). */
export const WS_TARGETS = {
  hoverDuringIndexingP95: 50,
  referencesP95: 50,
  workspaceSymbolP95: 100,
  rssMB: 500, // for 20,000 cables
  rssAtCables: 20000,
  cliSpeedup2: 1.6, // two workers vs one, on at least two cores
};

/** Targets of the full section: the whole release (issue 11). */
export const FULL_TARGETS = {
  cables: 251_287,
  indexSeconds: 120, // initialized → progress end, on 2 cores
  rssMB: 1500, // server RSS, peak while indexing and after
  hoverDuringIndexingP95: 50,
  workspaceSymbolP95: 100, // after indexing
  reopenSymbolsSeconds: 5, // second start with the index cache: workspace symbols answer in full
};

/** Issue 11's targets, listed in the summary whether their section ran or not. */
export const ISSUE_11 = [
  { id: 'throughput', section: 'core', text: `parse + all diagnostics ≥ 1/4 of the regex floor (seed, largest, 1 MB, 10 MB)` },
  { id: 'hostile', section: 'hostile', text: 'the same on hostile inputs' },
  { id: 'edit', section: 'edit', text: `one-character edit in a 1 MB cable → fresh diagnostics, p95 < ${TARGETS.editP95Ms} ms, debounce included` },
  { id: 'cliFloor', section: 'cli', text: `cable-lint over ~1,000 cables ≤ ${TARGETS.cliFloorRatio}× a node process reading the files and counting tags with one regex` },
  { id: 'grammar', section: 'grammar', text: "grammar on a 1 MB cable no slower per MB than VS Code's Markdown grammar" },
  { id: 'cliRss', section: 'cli', text: `cable-lint peak RSS < ${TARGETS.cliRssMB} MB on 20,000 cables, any --jobs` },
  { id: 'referencesUS', section: 'workspace', text: `references to U.S. across 20,000 cables, p95 < ${TARGETS.referencesUSP95Ms} ms` },
  { id: 'fullIndex', section: 'full', text: `the whole release (251,287 synthetic cables) indexed in < ${FULL_TARGETS.indexSeconds} s` },
  { id: 'fullRss', section: 'full', text: `the whole release: server RSS < ${FULL_TARGETS.rssMB} MB` },
  { id: 'fullHover', section: 'full', text: `the whole release: hover p95 < ${FULL_TARGETS.hoverDuringIndexingP95} ms while indexing` },
  { id: 'fullSymbols', section: 'full', text: `the whole release: workspace symbols p95 < ${FULL_TARGETS.workspaceSymbolP95} ms after indexing` },
  { id: 'fullReopen', section: 'full', text: `the whole release reopened: workspace symbols in full within ${FULL_TARGETS.reopenSymbolsSeconds} s (index cache)` },
];

/** A row of the summary: `met` true, false, or undefined (not measured). */
export const target = (id, text, value, met) => ({ id, target: text, value, met });
