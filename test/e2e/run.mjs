#!/usr/bin/env node
// End-to-end test of the packaged extension in a real VS Code: code-server 4.96.4
// (VS Code 1.96) driven by headless Debian Chromium through playwright-core, one
// check per file in test/e2e/checks/ (how to write one: test/e2e/README.md).
// `scripts/setup-vscode.sh` installs both (it is run from here; a fast no-op once done).
//
//   node test/e2e/run.mjs                  every check, in file order (npm run test:e2e)
//   node test/e2e/run.mjs k-rename m       the checks whose names start with k-rename or m
//   node test/e2e/run.mjs --reverse        every check, last first
//   node test/e2e/run.mjs --list           the checks' names and titles
//
// Environment:
//   E2E_ONLY=a,m,q       as names on the command line: the checks whose names start with one of these
//   E2E_ORDER=reverse    as --reverse
//   E2E_VSIX=path        the .vsix to test (default: tagged-cables.vsix at the repo root;
//                        built with `npm run package` when missing)
//   E2E_TIMEOUT_MS=n     global timeout (default 900000)
//   E2E_KEEP=1           keep the temporary folders (workspace, user data, extensions)
//   E2E_HEADED=1         show the browser (needs a display)
//   E2E_TRACE=1          log the LSP traffic in the Tagged Cables output (taggedCables.trace.server)
//
// Output: one line per check, screenshots in test-results/e2e/<check>.png (and
// <check>-<state>.png of intermediate states), the browser console and code-server's
// log there too, and a last line `N passed, N failed`. Exit code 0 only when every
// selected check passed; 2 for an unknown check name.

import { loadChecks, runChecks } from './harness.mjs';

const args = process.argv.slice(2);
const flags = new Set(args.filter((a) => a.startsWith('--')));
for (const f of flags) {
  if (!['--reverse', '--list'].includes(f)) {
    console.error(`unknown option ${f} (see the top of test/e2e/run.mjs)`);
    process.exit(2);
  }
}
const prefixes = [...args.filter((a) => !a.startsWith('--')), ...(process.env.E2E_ONLY || '').split(',')]
  .map((x) => x.trim())
  .filter(Boolean);

const checks = await loadChecks();
if (flags.has('--list')) {
  for (const c of checks) console.log(`${c.name}  ${c.title}`);
  process.exit(0);
}
const unknown = prefixes.filter((p) => !checks.some((c) => c.name.startsWith(p)));
if (unknown.length) {
  console.error(`no check starts with ${unknown.join(', ')}; the checks: ${checks.map((c) => c.name).join(', ')}`);
  process.exit(2);
}
let selected = prefixes.length ? checks.filter((c) => prefixes.some((p) => c.name.startsWith(p))) : checks;
if (flags.has('--reverse') || process.env.E2E_ORDER === 'reverse') selected = [...selected].reverse();
await runChecks(checks, selected);
