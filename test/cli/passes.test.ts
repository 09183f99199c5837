// cable-lint's two passes over a run (summaries for the cross-cable tally,
// then the lint, both on the same threads) give each file the records of
// linting it alone, plus the entity-cross-cable-conflict diagnostics the
// workspace index finds for it among all the files, placed by its own text.

import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { keptReports, runCli } from '../../server/src/cli';
import { LintRecord } from '../../server/src/cli/types';
import { CableDiagnostic, InMemoryWorkspace, createLanguageService, defaultConfig } from '../../server/src/core';
import { ROOT, SEED_PATH, corpusFiles } from '../helpers';

/** 1-based line and column (UTF-16) of `offset` in `text`, lines ended by \n, \r\n or \r. */
function place(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      start = i + 1;
    }
  }
  return { line, column: offset - start + 1 };
}

describe('cable-lint: the summaries pass and the lint pass together', function () {
  this.timeout(300_000);
  const files = [SEED_PATH, ...corpusFiles()];
  const texts = new Map(files.map((f) => [f, fs.readFileSync(f, 'utf8')]));
  const config = defaultConfig();

  const record = (file: string, text: string, d: CableDiagnostic): LintRecord => {
    const start = place(text, d.span.start);
    const end = place(text, d.span.end);
    return { file: path.relative(ROOT, file), line: start.line, column: start.column, endLine: end.line, endColumn: end.column, severity: d.severity, code: d.code, message: d.message };
  };

  /** Every file's expected records, computed file by file through the core. */
  function expected(): LintRecord[] {
    const index = createLanguageService(new InMemoryWorkspace(), config);
    for (const [file, text] of texts) index.indexSource({ uri: file, text, version: 1 });
    const out: LintRecord[] = [];
    let conflicts = 0;
    for (const [file, text] of texts) {
      // Alone: a workspace of this file only, whose index has no other cable.
      const own = createLanguageService(new InMemoryWorkspace({ [file]: text }), config)
        .diagnostics(file)
        .map((d) => record(file, text, d));
      const cross = index.indexedCableConflicts(file).map((d) => record(file, text, d));
      conflicts += cross.length;
      // The conflicts join the file's records in line and column order, after the records at the same place.
      const all = [...own, ...cross];
      if (cross.length > 0) all.sort((a, b) => a.line - b.line || a.column - b.column);
      out.push(...all);
    }
    assert.ok(conflicts >= 5, `${conflicts} cross-cable conflicts`);
    return out;
  }

  it('on the corpus and the seed, in one thread and on two workers, every report kept from the first pass, none, or some', async () => {
    const want = expected();
    const budget = keptReports.bytes;
    try {
      // The default keeps every report of these 324 cables; 0 keeps none (all linted in the second pass);
      // 300 KB keeps the first few dozen, whose reports are printed among the second pass's.
      for (const [bytes, kept] of [
        [budget, (n: number) => n === files.length],
        [0, (n: number) => n === 0],
        [300_000, (n: number) => n > 0 && n < files.length / 2],
      ] as const) {
        keptReports.bytes = bytes;
        for (const jobs of ['1', '2']) {
          const result = await runCli(['--jobs', jobs, '--format', 'json', 'seeds/', 'test/fixtures/corpus/'], ROOT);
          assert.ok(kept(keptReports.lastRun), `${keptReports.lastRun} reports kept from the first pass with ${bytes} bytes`);
          const got = JSON.parse(result.stdout) as LintRecord[];
          assert.equal(got.length, want.length, `--jobs ${jobs}, ${bytes} bytes kept`);
          assert.deepEqual(got, want, `--jobs ${jobs}, ${bytes} bytes kept`);
        }
      }
    } finally {
      keptReports.bytes = budget;
    }
  });
});
