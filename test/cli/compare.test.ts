import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { runCablesCli } from '../../server/src/cli';
import { CORPUS_DIR, ROOT, corpusFiles, seedText } from '../helpers';
import { IS_ROOT, buildBin, canFakeUnreadable, tempDir } from './util';

const TYPES = ['PER', 'ORG', 'LOC', 'MISC'];
const TAG = /\[(PER|ORG|LOC|MISC) ([^\]\n]*)\]/g;

const seed = seedText();
/** The seed with two tags edited: Miliband retyped, FCO untagged. */
const edited = seed.replace('[PER Miliband  ]', '[ORG Miliband  ]').replace('[ORG FCO  ]', 'FCO');

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main', ...args], { cwd, encoding: 'utf8' });
}

/** A git repository holding `files`, committed. */
function committed(files: Record<string, string>): string {
  const dir = tempDir(files);
  git(dir, 'init', '-q');
  git(dir, 'add', '.');
  git(dir, 'commit', '-qm', 'cables');
  return dir;
}

function json(stdout: string) {
  return JSON.parse(stdout) as {
    sides: Record<string, { label: string; role: string }>;
    cables: number;
    overall: Record<string, Record<string, number>>;
    byType: Record<string, Record<string, Record<string, number>>>;
    kappa: number;
    tokens: number;
    files: Array<{ file: string; differences: number }>;
    differences: Array<Record<string, unknown> & { kind: string; file: string; type: string }>;
    textChanges: Array<Record<string, unknown>>;
    unpaired: Array<{ file: string; only: string }>;
  };
}

describe('cables compare', function () {
  this.timeout(120_000);

  it('two files: the table, the differences with both places, exit 0', async () => {
    const dir = tempDir({ 'a.txt': seed, 'b.txt': edited });
    const result = await runCablesCli(['compare', 'a.txt', 'b.txt'], dir);
    assert.equal(result.exitCode, 0, result.stderr);
    assert.match(result.stdout, /^Compared 1 cable: a = a\.txt, b = b\.txt \(a is the reference\)\n/);
    assert.match(result.stdout, /^scheme +correct +incorrect +partial +missed +spurious +precision +recall +F1$/m);
    assert.match(result.stdout, /^a\.txt\n {2}3:233 +removed +\[ORG FCO\] → untagged "FCO" +\(b 3:228\)\n {2}4:279 +retyped +\[PER Miliband\] → \[ORG Miliband\] +\(b 4:279\)$/m);
    assert.match(result.stdout, /✖ 2 differences in 1 of 1 cable · strict F1 0\.\d{3} · kappa 0\.\d{3}\n$/);
  });

  it('json: overall and byType in four schemes, kappa, differences with kind, file and both sides', async () => {
    const dir = tempDir({ 'a.txt': seed, 'b.txt': edited });
    const result = await runCablesCli(['compare', '--format', 'json', 'a.txt', 'b.txt'], dir);
    assert.equal(result.exitCode, 0, result.stderr);
    const report = json(result.stdout);
    const n = (seed.match(TAG) ?? []).length;
    for (const scheme of ['strict', 'exact', 'partial', 'type']) {
      assert.deepEqual(Object.keys(report.overall[scheme]), ['correct', 'incorrect', 'partial', 'missed', 'spurious', 'possible', 'actual', 'precision', 'recall', 'f1']);
    }
    // strict: every tag correct but Miliband (incorrect, retyped) and FCO (missed).
    assert.equal(report.overall.strict.correct, n - 2);
    assert.equal(report.overall.strict.incorrect, 1);
    assert.equal(report.overall.strict.missed, 1);
    assert.equal(report.overall.strict.spurious, 0);
    assert.equal(report.overall.strict.precision, Math.round(((n - 2) / (n - 1)) * 1e6) / 1e6);
    assert.equal(report.overall.strict.recall, Math.round(((n - 2) / n) * 1e6) / 1e6);
    assert.equal(report.overall.exact.correct, n - 1);
    assert.deepEqual(Object.keys(report.byType), TYPES);
    assert.equal(report.byType.PER.strict.incorrect, 1);
    assert.equal(report.byType.ORG.strict.missed, 1);
    assert.equal(typeof report.kappa, 'number');
    assert.ok(report.kappa > 0.9 && report.kappa < 1);
    assert.deepEqual(report.differences, [
      {
        kind: 'removed',
        file: 'a.txt',
        type: 'ORG',
        a: { line: 3, column: 233, endLine: 3, endColumn: 236, text: 'FCO', type: 'ORG' },
        b: { line: 3, column: 228, endLine: 3, endColumn: 231, text: 'FCO', type: null },
      },
      {
        kind: 'retyped',
        file: 'a.txt',
        type: 'ORG',
        a: { line: 4, column: 279, endLine: 4, endColumn: 287, text: 'Miliband', type: 'PER' },
        b: { line: 4, column: 279, endLine: 4, endColumn: 287, text: 'Miliband', type: 'ORG' },
      },
    ]);
    // The places are right: check them against the files' lines.
    const line = (text: string, l: number) => text.split('\n')[l - 1];
    assert.equal(line(seed, 3).slice(232, 235), 'FCO');
    assert.equal(line(edited, 3).slice(227, 230), 'FCO');
  });

  it('--gold/--pred name the sides gold and pred', async () => {
    const dir = tempDir({ 'gold.cable': seed, 'pred.cable': edited });
    const result = await runCablesCli(['compare', '--gold', 'gold.cable', '--pred', 'pred.cable', '-f', 'json'], dir);
    assert.equal(result.exitCode, 0, result.stderr);
    const report = json(result.stdout);
    assert.deepEqual(report.sides, { gold: { label: 'gold.cable', role: 'reference' }, pred: { label: 'pred.cable', role: 'compared' } });
    assert.deepEqual(Object.keys(report.differences[0]), ['kind', 'file', 'type', 'gold', 'pred']);
  });

  it('markdown: tables for a pull request comment', async () => {
    const dir = tempDir({ 'a.txt': seed, 'b.txt': edited });
    const result = await runCablesCli(['compare', '-f', 'markdown', 'a.txt', 'b.txt'], dir);
    assert.equal(result.exitCode, 0);
    assert.match(result.stdout, /^### Annotations: b\.txt compared with a\.txt\n/);
    assert.match(result.stdout, /^\| strict \| \d+ \| 1 \| 0 \| 1 \| 0 \| 0\.\d{3} \| 0\.\d{3} \| 0\.\d{3} \|$/m);
    assert.match(result.stdout, /^\| a\.txt \| 4 \| retyped \| \\\[PER Miliband\\\] \| \\\[ORG Miliband\\\] \|$/m);
  });

  it('--fail-under: exit 1 below the strict F1, 0 at or above, 2 for a bad value', async () => {
    const dir = tempDir({ 'a.txt': seed, 'b.txt': edited });
    const below = await runCablesCli(['compare', 'a.txt', 'b.txt', '--fail-under', '0.999'], dir);
    assert.equal(below.exitCode, 1);
    assert.match(below.stderr, /the strict overall F1 0\.\d{3} is below 0\.999/);
    assert.equal((await runCablesCli(['compare', 'a.txt', 'b.txt', '--fail-under=0.9'], dir)).exitCode, 0);
    assert.equal((await runCablesCli(['compare', 'a.txt', 'a.txt', '--fail-under', '1'], dir)).exitCode, 0);
    const bad = await runCablesCli(['compare', 'a.txt', 'b.txt', '--fail-under', 'high'], dir);
    assert.equal(bad.exitCode, 2);
    assert.match(bad.stderr, /--fail-under takes an F1 between 0 and 1 \(got "high"\)/);
    for (const value of ['0x1', '1e0', '-0', '1.5']) assert.equal((await runCablesCli(['compare', 'a.txt', 'b.txt', '--fail-under', value], dir)).exitCode, 2, value);
    assert.equal((await runCablesCli(['compare', '--fail-under', '.5', '--', 'a.txt', 'b.txt'], dir)).exitCode, 0, '.5, and paths after "--"');
  });

  it('--fail-under checks the F1 itself, not the rounded one in the report', async () => {
    // Three tags, one retyped: strict correct 2 of possible 3 and actual 3, so F1 = 2/3.
    const dir = tempDir({ 'a.txt': '[PER Ann  ] met [ORG Acme  ] in [LOC Rome  ] .\n', 'b.txt': '[PER Ann  ] met [LOC Acme  ] in [LOC Rome  ] .\n' });
    const json = JSON.parse((await runCablesCli(['compare', '-f', 'json', 'a.txt', 'b.txt'], dir)).stdout);
    assert.equal(json.overall.strict.f1, 0.666667);
    const above = await runCablesCli(['compare', 'a.txt', 'b.txt', '--fail-under', '0.666667'], dir);
    assert.equal(above.exitCode, 1, '2/3 is below 0.666667');
    assert.match(above.stderr, /the strict overall F1 0\.6666667 is below 0\.666667\./);
    assert.equal((await runCablesCli(['compare', 'a.txt', 'b.txt', '--fail-under', '0.6666666'], dir)).exitCode, 0, '2/3 is above 0.6666666');
  });

  it('an empty option value is bad usage (an empty --rev would read git\'s staging area)', async () => {
    const dir = tempDir({ 'a.txt': seed, 'b.txt': edited });
    for (const args of [['--rev', '', 'a.txt'], ['--rev=', 'a.txt'], ['--gold=', '--pred=b.txt'], ['a.txt', 'b.txt', '--types=']]) {
      const result = await runCablesCli(['compare', ...args], dir);
      assert.equal(result.exitCode, 2, args.join(' '));
      assert.match(result.stderr, /^cables compare: --\w+ needs a value\./, args.join(' '));
    }
    const merge = await runCablesCli(['merge', 'a.txt', 'b.txt', '-o', ''], dir);
    assert.equal(merge.exitCode, 2);
    assert.match(merge.stderr, /--output needs a value/);
  });

  it('CRLF against LF is no text change, with --no-align too; merge takes them without --align', async () => {
    const lf = '[PER Ann  ] met [ORG Acme  ] .\nIn [LOC Rome  ] .\n';
    const crlf = lf.replace(/\n/g, '\r\n');
    const dir = tempDir({ 'lf.txt': lf, 'crlf.txt': crlf.replace('[ORG Acme  ]', '[LOC Acme  ]') });
    const strict = await runCablesCli(['compare', '--no-align', '-f', 'json', 'lf.txt', 'crlf.txt'], dir);
    assert.equal(strict.exitCode, 0, strict.stderr);
    const report = JSON.parse(strict.stdout);
    assert.deepEqual(report.textChanges, []);
    assert.deepEqual(report.differences.map((d: { kind: string }) => d.kind), ['retyped']);
    const merged = await runCablesCli(['merge', 'lf.txt', 'crlf.txt', '-o', 'out.txt'], dir);
    assert.equal(merged.exitCode, 0, merged.stderr);
    assert.equal(fs.readFileSync(path.join(dir, 'out.txt'), 'utf8'), lf);
  });

  it('--gold/--pred folders: a reference cable with no prediction counts its entities as missed', async () => {
    const x = '[PER Ann  ] met [ORG Acme  ] .\n';
    const y = '[LOC Rome  ] and [LOC Oslo  ] and [PER Bo  ] ] .\n';
    const dir = tempDir({ 'gold/w.cable': x, 'gold/y.cable': y, 'pred/w.cable': x, 'pred/z.cable': '[PER Zed  ] .\n', 'gold/a.cable': 'Nobody .\n' });
    const result = await runCablesCli(['compare', '-f', 'json', '--gold', 'gold', '--pred', 'pred', '--fail-under', '0.9'], dir);
    // strict: 2 correct (x), 3 missed (y), nothing spurious: precision 1, recall 2/5, F1 = 2·1·0.4/1.4 = 4/7.
    assert.equal(result.exitCode, 1, result.stderr);
    const report = JSON.parse(result.stdout);
    assert.deepEqual([report.overall.strict.correct, report.overall.strict.missed, report.overall.strict.spurious], [2, 3, 0]);
    assert.equal(report.overall.strict.f1, Math.round((4 / 7) * 1e6) / 1e6);
    assert.deepEqual(report.files.map((f: { file: string }) => f.file), ['gold/a.cable', 'gold/w.cable', 'gold/y.cable']);
    assert.deepEqual(report.unpaired, [{ file: 'pred/z.cable', only: 'pred' }]);
    assert.match(result.stderr, /2 reference cables have no prediction in pred; their entities count as missed\./);
    // The stray "]" of gold/y.cable is listed once, for gold (the made-up prediction has no problems of its own).
    assert.deepEqual(report.malformedTags.map((m: { file: string; side: string }) => [m.file, m.side]), [['gold/y.cable', 'gold']]);
    // Between two annotators (A B), a cable on one side only is not compared.
    const ab = JSON.parse((await runCablesCli(['compare', '-f', 'json', 'gold', 'pred'], dir)).stdout);
    assert.equal(ab.overall.strict.missed, 0);
    assert.deepEqual(ab.unpaired.map((u: { only: string }) => u.only), ['a', 'a', 'b']);
  });

  it('folders: cables paired by name, the ones on one side listed apart', async () => {
    const dir = tempDir({ 'a/seed.txt': seed, 'a/only-a.cable': seed, 'b/seed.txt': edited, 'b/only-b.cable': seed, 'a/notes.txt': 'not a cable\n' });
    const result = await runCablesCli(['compare', 'a', 'b', '-f', 'json'], dir);
    assert.equal(result.exitCode, 0, result.stderr);
    const report = json(result.stdout);
    assert.equal(report.cables, 1);
    assert.deepEqual(report.files.map((f) => [f.file, f.differences]), [[path.join('a', 'seed.txt'), 2]]);
    assert.deepEqual(report.unpaired, [
      { file: path.join('a', 'only-a.cable'), only: 'a' },
      { file: path.join('b', 'only-b.cable'), only: 'b' },
    ]);
    const stylish = await runCablesCli(['compare', 'a', 'b'], dir);
    assert.match(stylish.stdout, /only in a: a\/only-a\.cable \(not compared\)/);
  });

  it('a typo fixed in B: aligned, the text change listed apart', async () => {
    const dir = tempDir({ 'a.txt': seed, 'b.txt': edited.replace('cluster munitions issue', 'cluster munition issue') });
    const result = await runCablesCli(['compare', '-f', 'json', 'a.txt', 'b.txt'], dir);
    assert.equal(result.exitCode, 0, result.stderr);
    const report = json(result.stdout);
    assert.equal(report.differences.length, 2);
    assert.deepEqual(report.textChanges, [
      { file: 'a.txt', a: { line: 3, column: 68, endLine: 3, endColumn: 77, text: 'munitions' }, b: { line: 3, column: 68, endLine: 3, endColumn: 76, text: 'munition' } },
    ]);
    // A cable with a text change and no other difference counts among the changed cables.
    fs.writeFileSync(path.join(dir, 'c.txt'), seed.replace('cluster munitions issue', 'cluster munition issue'));
    const typoOnly = await runCablesCli(['compare', 'a.txt', 'c.txt'], dir);
    assert.match(typoOnly.stdout, /✖ 0 differences and 1 text change in 1 of 1 cable · /);
  });

  describe('malformed tags: compared as parsed, and said so', () => {
    // B: a stray "]" on line 7, and an unclosed tag after "’" on line 4 (listed in the order of the text).
    const malformed = seed.replace('visited PM/WRA on May 6 .', 'visited PM/WRA on May 6 ] .').replace('Secretary [PER Clinton  ] .', 'Secretary [PER Clinton   .');
    /** 1-based line and UTF-16 column of `offset` in `text`, counted here. */
    const at = (text: string, offset: number) => ({ line: text.slice(0, offset).split('\n').length, column: offset - text.lastIndexOf('\n', offset - 1) });
    const expected = [
      { file: 'b.txt', side: 'b', ...at(malformed, malformed.indexOf('[PER Clinton   .')), code: 'tag-unclosed' },
      { file: 'b.txt', side: 'b', ...at(malformed, malformed.indexOf('May 6 ]') + 6), code: 'tag-stray-close' },
    ];

    it('json lists them under malformedTags with the side, its file and the place; a note on stderr; exit 0', async () => {
      assert.deepEqual(expected.map((e) => e.line), [4, 7]);
      const dir = tempDir({ 'a.txt': seed, 'b.txt': malformed });
      const result = await runCablesCli(['compare', '-f', 'json', 'a.txt', 'b.txt'], dir);
      assert.equal(result.exitCode, 0, result.stderr);
      const report = JSON.parse(result.stdout) as { malformedTags: Array<Record<string, unknown>> };
      assert.deepEqual(report.malformedTags.map(({ file, side, line, column, code }) => ({ file, side, line, column, code })), expected);
      assert.match(String(report.malformedTags[0].message), /^Unclosed tag: \[PER/);
      assert.match(result.stderr, /^cables compare: 2 malformed tags in 1 file, compared as parsed \(first: b\.txt:4:\d+: Unclosed tag/);
    });

    it('stylish lists them before the summary; well-formed versions list none', async () => {
      const dir = tempDir({ 'a.txt': seed, 'b.txt': malformed, 'c.txt': edited });
      const result = await runCablesCli(['compare', 'a.txt', 'b.txt'], dir);
      assert.equal(result.exitCode, 0, result.stderr);
      assert.match(result.stdout, new RegExp(`^2 malformed tags in 1 file, compared as parsed:\\n {2}b\\.txt:4:${expected[0].column} +Unclosed tag: .*\\(tag-unclosed, b\\)\\n {2}b\\.txt:7:${expected[1].column} .*\\(tag-stray-close, b\\)$`, 'm'));
      const clean = await runCablesCli(['compare', '-f', 'json', 'a.txt', 'c.txt'], dir);
      assert.deepEqual(JSON.parse(clean.stdout).malformedTags, []);
      assert.equal(clean.stderr, '');
      assert.doesNotMatch((await runCablesCli(['compare', 'a.txt', 'c.txt'], dir)).stdout, /malformed/);
    });

    it('merge names them in B’s own file, on stderr and in its JSON summary', async () => {
      const dir = tempDir({ 'a.txt': seed, 'b.txt': malformed });
      // The stray "]" stays in B's untagged text: the texts differ, so --align.
      const result = await runCablesCli(['merge', '--align', 'a.txt', 'b.txt', '-o', 'out.txt', '-f', 'json'], dir);
      assert.equal(result.exitCode, 0, result.stderr);
      assert.deepEqual(JSON.parse(result.stdout).malformedTags.map(({ file, side, line, column, code }: Record<string, unknown>) => ({ file, side, line, column, code })), expected);
      assert.match(result.stderr, /^cables merge: 2 malformed tags in 1 file, merged as parsed; cable-lint reports them:\n {2}b\.txt:4:\d+: Unclosed tag/);
      assert.equal(fs.readFileSync(path.join(dir, 'out.txt'), 'utf8'), seed);
    });

    it('a type left out of --types is a type like another, not a malformed tag; a stray "]" on both sides counts two files', async () => {
      const dir = tempDir({ 'a.txt': seed, 'b.txt': edited, 'c.txt': 'x ] [PER A  ]\n', 'd.txt': 'x ] [PER A  ]\n' });
      const typed = await runCablesCli(['compare', '-f', 'json', '--types', 'LOC,PER', 'a.txt', 'b.txt'], dir);
      assert.equal(typed.exitCode, 0, typed.stderr);
      assert.deepEqual(JSON.parse(typed.stdout).malformedTags, []);
      assert.equal(typed.stderr, '');
      const both = await runCablesCli(['compare', 'c.txt', 'd.txt'], dir);
      assert.match(both.stdout, /^2 malformed tags in 2 files, compared as parsed:\n {2}c\.txt:1:3 .*\(tag-stray-close, a\)\n {2}d\.txt:1:3 .*\(tag-stray-close, b\)$/m);
    });

    it('--rev names the other side as git show takes it from the working folder', async () => {
      const dir = committed({ 'cables/x.txt': malformed });
      fs.writeFileSync(path.join(dir, 'cables', 'x.txt'), seed);
      const result = await runCablesCli(['compare', '-f', 'json', '--rev', 'HEAD', 'cables/x.txt'], dir);
      assert.equal(result.exitCode, 0, result.stderr);
      const files = (JSON.parse(result.stdout).malformedTags as Array<{ file: string }>).map((m) => m.file);
      assert.deepEqual(files, ['HEAD:./cables/x.txt', 'HEAD:./cables/x.txt']);
      assert.equal(git(dir, 'show', files[0]), malformed);
    });
  });

  describe('--rev against a git repository', () => {
    it('compares the working file with HEAD: the two edited tags', async () => {
      const dir = committed({ 'cables/seed.txt': seed, 'cables/other.cable': seed });
      fs.writeFileSync(path.join(dir, 'cables', 'seed.txt'), edited);
      const result = await runCablesCli(['compare', '--rev', 'HEAD', 'cables', '-f', 'json'], dir);
      assert.equal(result.exitCode, 0, result.stderr);
      const report = json(result.stdout);
      assert.equal(report.sides.b.label, 'HEAD');
      assert.deepEqual(report.files.map((f) => [f.file, f.differences]), [
        [path.join('cables', 'other.cable'), 0],
        [path.join('cables', 'seed.txt'), 2],
      ]);
      // The working file is A: its Miliband is ORG, HEAD's is PER; FCO is tagged only in HEAD.
      assert.deepEqual(
        report.differences.map((d) => [d.kind, (d.a as { type: string | null }).type, (d.b as { type: string | null }).type]),
        [
          ['added', null, 'ORG'],
          ['retyped', 'ORG', 'PER'],
        ],
      );
      // Against the first commit once more commits exist.
      fs.writeFileSync(path.join(dir, 'cables', 'other.cable'), edited);
      git(dir, 'commit', '-qam', 'edits');
      const older = await runCablesCli(['compare', '--rev', 'HEAD~1', path.join('cables', 'other.cable'), '-f', 'json'], dir);
      assert.equal(json(older.stdout).differences.length, 2);
      assert.equal(json((await runCablesCli(['compare', '--rev', 'HEAD', path.join('cables', 'other.cable'), '-f', 'json'], dir)).stdout).differences.length, 0);
    });

    it('a file not in the revision, a folder outside a repository, an unknown revision: clear errors, exit 2', async () => {
      const dir = tempDir({ 'repo/seed.txt': seed, 'plain/seed.txt': seed });
      git(path.join(dir, 'repo'), 'init', '-q');
      git(path.join(dir, 'repo'), 'add', '.');
      git(path.join(dir, 'repo'), 'commit', '-qm', 'one');
      fs.writeFileSync(path.join(dir, 'repo', 'new.cable'), seed);
      const missing = await runCablesCli(['compare', '--rev', 'HEAD', 'repo/new.cable'], dir);
      assert.equal(missing.exitCode, 2);
      assert.match(missing.stderr, /repo\/new\.cable is not in revision HEAD\./);
      // In a folder, a new file is only on one side.
      const folder = await runCablesCli(['compare', '--rev', 'HEAD', 'repo', '-f', 'json'], dir);
      assert.equal(folder.exitCode, 0, folder.stderr);
      assert.deepEqual(json(folder.stdout).unpaired, [{ file: path.join('repo', 'new.cable'), only: 'a' }]);
      const outside = await runCablesCli(['compare', '--rev', 'HEAD', 'plain/seed.txt'], dir);
      if (!fs.existsSync(path.join(path.dirname(dir), '.git'))) {
        assert.equal(outside.exitCode, 2);
        assert.match(outside.stderr, /plain\/seed\.txt is not in a git repository/);
      }
      const unknown = await runCablesCli(['compare', '--rev', 'no-such-branch', 'repo/seed.txt'], dir);
      assert.equal(unknown.exitCode, 2);
      assert.match(unknown.stderr, /git does not know the revision "no-such-branch"/);
      // A revision is never passed to git as an option (--output would make git write a file).
      fs.mkdirSync(path.join(dir, 'repo', 'pw:.'));
      const option = await runCablesCli(['compare', '--rev', '--output=pw', 'repo/seed.txt'], dir);
      assert.equal(option.exitCode, 2);
      assert.match(option.stderr, /"--output=pw" is not a revision \(it starts with "-"\)\./);
      assert.deepEqual(fs.readdirSync(path.join(dir, 'repo', 'pw:.')), []);
    });
  });

  describe('bad input: a clear error and exit 2', () => {
    it('texts that differ with --no-align', async () => {
      const dir = tempDir({ 'a.txt': seed, 'b.txt': seed.replace('cluster munitions issue', 'cluster munition issue') });
      const result = await runCablesCli(['compare', '--no-align', 'a.txt', 'b.txt'], dir);
      assert.equal(result.exitCode, 2);
      assert.match(result.stderr, /a\.txt: the untagged texts differ \(first at line 3, column \d+ of the first version\)/);
      assert.equal(result.stdout, '');
    });

    it('unrelated texts', async () => {
      const dir = tempDir({ 'a.txt': seed, 'b.txt': fs.readFileSync(path.join(CORPUS_DIR, '05PARIS104.cable'), 'utf8') });
      const result = await runCablesCli(['compare', 'a.txt', 'b.txt'], dir);
      assert.equal(result.exitCode, 2);
      assert.match(result.stderr, /the two versions are unrelated: the untagged texts have only \d+% of their characters in common/);
    });

    it('missing and unreadable files, a file against a folder, usage', async () => {
      const dir = tempDir({ 'a.txt': seed, 'folder/x.cable': seed });
      const missing = await runCablesCli(['compare', 'a.txt', 'nope.txt'], dir);
      assert.equal(missing.exitCode, 2);
      assert.match(missing.stderr, /no such file or folder: nope\.txt/);
      const mixed = await runCablesCli(['compare', 'a.txt', 'folder'], dir);
      assert.equal(mixed.exitCode, 2);
      assert.match(mixed.stderr, /must be two files or two folders/);
      const one = await runCablesCli(['compare', 'a.txt'], dir);
      assert.equal(one.exitCode, 2);
      assert.match(one.stderr, /Give two versions to compare/);
      const half = await runCablesCli(['compare', '--gold', 'a.txt'], dir);
      assert.equal(half.exitCode, 2);
      assert.match(half.stderr, /--gold and --pred go together/);
      if (canFakeUnreadable()) {
        fs.symlinkSync('/proc/self/mem', path.join(dir, 'unreadable.txt'));
        const unreadable = await runCablesCli(['compare', 'a.txt', 'unreadable.txt'], dir);
        assert.equal(unreadable.exitCode, 2);
        assert.match(unreadable.stderr, /cannot read .*unreadable\.txt/);
      }
      if (!IS_ROOT) {
        fs.writeFileSync(path.join(dir, 'locked.txt'), seed, { mode: 0o000 });
        const locked = await runCablesCli(['compare', 'a.txt', 'locked.txt'], dir);
        assert.equal(locked.exitCode, 2);
        assert.match(locked.stderr, /cannot read .*locked\.txt: permission denied/);
      }
    });
  });

  it('--help, and cables --help lists compare and merge', async () => {
    const help = await runCablesCli(['compare', '--help'], ROOT);
    assert.equal(help.exitCode, 0);
    assert.match(help.stdout, /^Usage: cables compare \[options\] A B/);
    assert.match(help.stdout, /--fail-under <f1>/);
    const all = await runCablesCli(['--help'], ROOT);
    assert.match(all.stdout, /^ {2}compare +Compare the annotations of two versions/m);
    assert.match(all.stdout, /^ {2}merge +Merge two annotators/m);
  });

  it('the corpus against a perturbed copy: every 10th tag retyped, every 7th removed', async () => {
    const dir = tempDir();
    const next: Record<string, string> = { PER: 'ORG', ORG: 'LOC', LOC: 'MISC', MISC: 'PER' };
    const expected = { tags: 0, retyped: 0, removed: 0, tokens: 0 };
    const perType: Record<string, { tags: number; retyped: number; removed: number }> = {};
    for (const t of TYPES) perType[t] = { tags: 0, retyped: 0, removed: 0 };
    for (const file of corpusFiles()) {
      const text = fs.readFileSync(file, 'utf8');
      let i = 0;
      const perturbed = text.replace(TAG, (whole, type: string, inner: string) => {
        if (inner.trim() === '') return whole;
        i++;
        expected.tags++;
        perType[type].tags++;
        if (i % 7 === 0) {
          expected.removed++;
          perType[type].removed++;
          return inner.trim();
        }
        if (i % 10 === 0) {
          expected.retyped++;
          perType[type].retyped++;
          return `[${next[type]} ${inner}]`;
        }
        return whole;
      });
      expected.tokens += (text.replace(TAG, (_w, _t, inner: string) => inner.trim()).match(/\S+/g) ?? []).length;
      fs.writeFileSync(path.join(dir, path.basename(file)), perturbed);
    }
    assert.ok(expected.retyped > 100 && expected.removed > 100, JSON.stringify(expected));
    const result = await runCablesCli(['compare', CORPUS_DIR, dir, '-f', 'json'], ROOT);
    assert.equal(result.exitCode, 0, result.stderr);
    const report = json(result.stdout);
    assert.equal(report.cables, corpusFiles().length);
    assert.deepEqual(report.unpaired, []);
    assert.equal(report.textChanges.length, 0);
    const kinds = (k: string) => report.differences.filter((d) => d.kind === k).length;
    assert.deepEqual(
      ['retyped', 'removed', 'added', 'rebounded', 'rebounded-retyped'].map(kinds),
      [expected.retyped, expected.removed, 0, 0, 0],
    );
    const { tags, retyped, removed } = expected;
    const counts = (s: Record<string, number>) => [s.correct, s.incorrect, s.partial, s.missed, s.spurious];
    assert.deepEqual(counts(report.overall.strict), [tags - retyped - removed, retyped, 0, removed, 0]);
    assert.deepEqual(counts(report.overall.exact), [tags - removed, 0, 0, removed, 0]);
    assert.deepEqual(counts(report.overall.partial), [tags - removed, 0, 0, removed, 0]);
    assert.deepEqual(counts(report.overall.type), [tags - retyped - removed, retyped, 0, removed, 0]);
    const f1 = (p: number, r: number) => (2 * p * r) / (p + r);
    const p = (tags - retyped - removed) / (tags - removed);
    const r = (tags - retyped - removed) / tags;
    assert.equal(report.overall.strict.f1, Math.round(f1(p, r) * 1e6) / 1e6);
    for (const t of TYPES) {
      const e = perType[t];
      assert.deepEqual(counts(report.byType[t].strict), [e.tags - e.retyped - e.removed, e.retyped, 0, e.removed, 0], t);
    }
    assert.equal(report.tokens, expected.tokens);
    assert.ok(report.kappa > 0.8 && report.kappa < 1, String(report.kappa));
  });

  it('the installed bin: cables compare', () => {
    buildBin();
    const dir = tempDir({ 'a.txt': seed, 'b.txt': edited });
    const run = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'cables.js'), 'compare', 'a.txt', 'b.txt', '--fail-under', '0.999'], { cwd: dir, encoding: 'utf8' });
    assert.equal(run.status, 1);
    assert.match(run.stdout, /✖ 2 differences in 1 of 1 cable/);
  });
});

describe('cables merge', function () {
  this.timeout(60_000);
  const annotatorA = seed.replace('[PER Miliband  ]', '[ORG Miliband  ]');
  const annotatorB = seed.replace('[ORG FCO  ]', 'FCO').replace('[LOC Washington  ]', '[ORG Washington  ]');

  it('OUT keeps the agreed tags and A’s tags where they disagree; comparing OUT with B gives exactly the open decisions', async () => {
    const dir = tempDir({ 'a.txt': annotatorA, 'b.txt': annotatorB });
    const result = await runCablesCli(['merge', 'a.txt', 'b.txt', '-o', 'out.txt'], dir);
    assert.equal(result.exitCode, 0, result.stderr);
    const out = fs.readFileSync(path.join(dir, 'out.txt'), 'utf8');
    assert.equal(out, annotatorA);
    const n = (seed.match(TAG) ?? []).length;
    // Three disagreements: Miliband (A: ORG, B: PER), FCO (B: untagged), Washington (A: LOC, B: ORG).
    assert.match(result.stdout, new RegExp(`^ {2}agreed: +${n - 3} tags \\(kept\\)$`, 'm'));
    assert.match(result.stdout, /^ {2}open decisions: 3 \(1 removed, 2 retyped\), holding A's tag$/m);
    assert.match(result.stdout, /Compare Annotations With…" with b\.txt: its differences are exactly these open decisions/);
    const merged = await runCablesCli(['merge', 'a.txt', 'b.txt', '-o', 'out.txt', '-f', 'json'], dir);
    const summary = JSON.parse(merged.stdout);
    const compared = json((await runCablesCli(['compare', 'out.txt', 'b.txt', '-f', 'json'], dir)).stdout);
    assert.equal(summary.open, 3);
    assert.deepEqual(
      compared.differences.map(({ kind, a, b }) => ({ kind, a, b })),
      summary.differences.map(({ kind, a, b }: Record<string, unknown>) => ({ kind, a, b })),
    );
  });

  it('folders: one merged cable per pair', async () => {
    const dir = tempDir({ 'a/x.cable': annotatorA, 'b/x.cable': annotatorB, 'a/y.cable': seed, 'b/y.cable': seed });
    const result = await runCablesCli(['merge', 'a', 'b', '-o', 'out'], dir);
    assert.equal(result.exitCode, 0, result.stderr);
    assert.deepEqual(fs.readdirSync(path.join(dir, 'out')).sort(), ['x.cable', 'y.cable']);
    assert.match(result.stdout, /^Merged 2 cables into out\.$/m);
  });

  it('texts that differ: an error and nothing written, unless --align', async () => {
    const dir = tempDir({ 'a.txt': annotatorA, 'b.txt': annotatorB.replace('cluster munitions issue', 'cluster munition issue') });
    const refused = await runCablesCli(['merge', 'a.txt', 'b.txt', '-o', 'out.txt'], dir);
    assert.equal(refused.exitCode, 2);
    assert.match(refused.stderr, /the untagged texts differ .*with --align/);
    assert.match(refused.stderr, /nothing was written/);
    assert.ok(!fs.existsSync(path.join(dir, 'out.txt')));
    const aligned = await runCablesCli(['merge', '--align', 'a.txt', 'b.txt', '-o', 'out.txt'], dir);
    assert.equal(aligned.exitCode, 0, aligned.stderr);
    assert.equal(fs.readFileSync(path.join(dir, 'out.txt'), 'utf8'), annotatorA);
    assert.match(aligned.stdout, /text changes: +1 \(OUT has A's text\)/);
  });

  it('a file that is not valid UTF-8: refused, nothing written (its bytes would change); compare refuses it too', async () => {
    const dir = tempDir({});
    const latin1 = Buffer.from('<code><pre>UNCLAS caf\xe9 [PER Jos\xe9  ] met [ORG NATO  ]\n', 'latin1');
    fs.writeFileSync(path.join(dir, 'a.cable'), latin1);
    fs.writeFileSync(path.join(dir, 'b.cable'), latin1);
    const merged = await runCablesCli(['merge', 'a.cable', 'b.cable', '-o', 'out.cable'], dir);
    assert.equal(merged.exitCode, 2);
    assert.match(merged.stderr, /a\.cable: it is not valid UTF-8/);
    assert.match(merged.stderr, /nothing was written/);
    assert.ok(!fs.existsSync(path.join(dir, 'out.cable')));
    const compared = await runCablesCli(['compare', 'a.cable', 'b.cable'], dir);
    assert.equal(compared.exitCode, 2);
    assert.match(compared.stderr, /a\.cable: it is not valid UTF-8/);
  });

  it('refuses OUT = B, a missing -o, and a missing input', async () => {
    const dir = tempDir({ 'a.txt': annotatorA, 'b.txt': annotatorB });
    const same = await runCablesCli(['merge', 'a.txt', 'b.txt', '-o', 'b.txt'], dir);
    assert.equal(same.exitCode, 2);
    assert.match(same.stderr, /OUT must not be B/);
    assert.equal(fs.readFileSync(path.join(dir, 'b.txt'), 'utf8'), annotatorB);
    assert.equal((await runCablesCli(['merge', 'a.txt', 'b.txt'], dir)).exitCode, 2);
    const missing = await runCablesCli(['merge', 'a.txt', 'none.txt', '-o', 'o.txt'], dir);
    assert.equal(missing.exitCode, 2);
    assert.match(missing.stderr, /no such file or folder: none\.txt/);
    const help = await runCablesCli(['merge', '--help'], dir);
    assert.equal(help.exitCode, 0);
    assert.match(help.stdout, /^Usage: cables merge \[options\] A B -o OUT/);
  });

  it('folders: a cable that cannot be written leaves the output as it was (no cable written before it)', async () => {
    const dir = tempDir({ 'a/x.cable': annotatorA, 'a/sub/y.cable': annotatorA, 'b/x.cable': annotatorB, 'b/sub/y.cable': annotatorB, 'out/sub': 'in the way' });
    const result = await runCablesCli(['merge', 'a', 'b', '-o', 'out'], dir);
    assert.equal(result.exitCode, 2);
    assert.match(result.stderr, /^cables merge: cannot write out\/sub\/y\.cable: \w+; nothing was written\.$/m);
    assert.deepEqual(fs.readdirSync(path.join(dir, 'out')), ['sub']);
    assert.equal(fs.readFileSync(path.join(dir, 'out', 'sub'), 'utf8'), 'in the way');
    const fresh = await runCablesCli(['merge', 'a', 'b', '-o', 'new/deep'], dir);
    assert.equal(fresh.exitCode, 0, fresh.stderr);
    assert.equal(fs.readFileSync(path.join(dir, 'new', 'deep', 'sub', 'y.cable'), 'utf8'), annotatorA);
  });
});
