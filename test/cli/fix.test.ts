import * as assert from 'node:assert/strict';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { runCli } from '../../server/src/cli';
import { parseCable } from '../../server/src/core/parser';
import { untaggedText } from '../../server/src/core/edits';
import { CORPUS_DIR, corpusFiles } from '../helpers';
import { IS_ROOT, MALFORMED, listFiles, runBin, tempDir } from './util';

const PAST = new Date('2001-02-03T04:05:06Z');

const SPACED = [
  "<code><pre>UNCLASSIFIED",
  "<a id='par1' href='#par1'>¶</a>1 .",
  '[PER Bob ] met [PER  Alice  ] in [LOC Paris  ] and [LOC Rome  ] with [ORG UN  ] and [MISC French  ] officials .',
  '</pre></code>',
  '',
].join('\n');
const SPACED_FIXED = SPACED.replace('[PER Bob ]', '[PER Bob  ]').replace('[PER  Alice', '[PER Alice');
const MALFORMED_FIXED = MALFORMED.replace('[PRE Foo', '[PER Foo');

const untagged = (text: string) => untaggedText(parseCable(text));
const mtime = (file: string) => fs.statSync(file).mtimeMs;

/** A folder with two fixable cables, one clean cable and a text file, all dated in the past. */
function fixture(): string {
  const dir = tempDir({
    'bad.cable': MALFORMED,
    'spaced.cable': SPACED,
    'clean.cable': fs.readFileSync(path.join(CORPUS_DIR, '10ROME1.cable'), 'utf8'),
    'notes.txt': 'Not a [cable  ] .',
  });
  fs.chmodSync(path.join(dir, 'spaced.cable'), 0o640);
  for (const f of listFiles(dir)) fs.utimesSync(path.join(dir, f), PAST, PAST);
  return dir;
}

type Record_ = { file: string; code: string; severity: string };

function checkFixed(dir: string, stdout: string): void {
  assert.equal(fs.readFileSync(path.join(dir, 'bad.cable'), 'utf8'), MALFORMED_FIXED);
  assert.equal(fs.readFileSync(path.join(dir, 'spaced.cable'), 'utf8'), SPACED_FIXED);
  assert.equal(untagged(MALFORMED_FIXED), untagged(MALFORMED), 'only markup changed');
  assert.equal(untagged(SPACED_FIXED), untagged(SPACED), 'only markup changed');
  assert.equal(fs.statSync(path.join(dir, 'spaced.cable')).mode & 0o777, 0o640, 'the mode is kept');
  assert.notEqual(mtime(path.join(dir, 'spaced.cable')), PAST.getTime());
  assert.equal(mtime(path.join(dir, 'clean.cable')), PAST.getTime(), 'a file with nothing to fix is not touched');
  assert.equal(mtime(path.join(dir, 'notes.txt')), PAST.getTime());
  assert.deepEqual(listFiles(dir), ['bad.cable', 'clean.cable', 'notes.txt', 'spaced.cable'], 'no temporary file is left');
  const records: Record_[] = JSON.parse(stdout);
  assert.deepEqual(
    records.filter((r) => r.file === 'bad.cable').map((r) => r.code),
    ['tag-unclosed', 'tag-stray-close', 'tag-empty'],
    'what cannot be fixed safely is reported as usual',
  );
  assert.deepEqual(records.filter((r) => r.code === 'tag-spacing' || r.code === 'tag-unknown-type'), []);
}

describe('cable-lint --fix', function () {
  // Worker threads and the built bin take seconds on a busy machine.
  this.timeout(60000);

  it('fixes spacing and type spelling in place, reports the rest, leaves clean files alone', async () => {
    const dir = fixture();
    const result = await runCli(['--jobs', '1', '--fix', '--format', 'json', '.'], dir);
    assert.equal(result.exitCode, 1, 'bad.cable keeps its unclosed tag');
    assert.equal(result.stderr, 'Fixed 3 problems in 2 files\n');
    checkFixed(dir, result.stdout);

    // Nothing left to fix: no file is written.
    for (const f of listFiles(dir)) fs.utimesSync(path.join(dir, f), PAST, PAST);
    const again = await runCli(['--jobs', '1', '--fix', '--format', 'json', '.'], dir);
    assert.equal(again.stderr, 'Fixed 0 problems in 0 files\n');
    assert.equal(again.stdout, result.stdout);
    for (const f of listFiles(dir)) assert.equal(mtime(path.join(dir, f)), PAST.getTime(), f);
  });

  it('the installed bin fixes the same way on worker threads', () => {
    const dir = fixture();
    const run = runBin(['--jobs', '3', '--fix', '--format', 'json', '.'], dir);
    assert.equal(run.status, 1);
    assert.equal(run.stderr, 'Fixed 3 problems in 2 files\n');
    checkFixed(dir, run.stdout);
  });

  it('without --fix nothing is written', async () => {
    const dir = fixture();
    await runCli(['--jobs', '1', '.'], dir);
    for (const f of listFiles(dir)) assert.equal(mtime(path.join(dir, f)), PAST.getTime(), f);
    assert.equal(fs.readFileSync(path.join(dir, 'spaced.cable'), 'utf8'), SPACED);
  });

  it('a whole corpus with damaged tags is restored byte for byte; undamaged cables keep their time', function () {
    this.timeout(120000);
    const dir = tempDir();
    const damaged = new Map<string, number>();
    const originals = new Map<string, string>();
    corpusFiles().forEach((file, i) => {
      const name = path.basename(file);
      const text = fs.readFileSync(file, 'utf8');
      originals.set(name, text);
      const broken = i % 4 === 0 ? damage(text, i) : { text, count: 0 };
      fs.writeFileSync(path.join(dir, name), broken.text);
      fs.utimesSync(path.join(dir, name), PAST, PAST);
      if (broken.count > 0) damaged.set(name, broken.count);
    });
    assert.ok(damaged.size > 60);
    const total = [...damaged.values()].reduce((a, b) => a + b, 0);
    const run = runBin(['--jobs', '2', '--fix', '--format', 'json', '.'], dir);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stderr, `Fixed ${total} problems in ${damaged.size} files\n`);
    for (const [name, text] of originals) {
      const after = fs.readFileSync(path.join(dir, name), 'utf8');
      assert.equal(after, text, `${name} is restored`);
      if (damaged.has(name)) assert.notEqual(mtime(path.join(dir, name)), PAST.getTime(), name);
      else assert.equal(mtime(path.join(dir, name)), PAST.getTime(), `${name} is not touched`);
    }
    assert.equal(listFiles(dir).length, originals.size, 'no temporary file is left');
    // The problems reported after fixing are those of the fixed files.
    const plain = runBin(['--jobs', '1', '--format', 'json', '.'], dir);
    assert.equal(run.stdout, plain.stdout);
  });

  it('a failing rename is reported with exit 2 and leaves the original intact', async () => {
    const dir = fixture();
    // The `fs` module object itself: what the CLI calls.
    const nodeFs = require('fs') as typeof fs;
    const rename = nodeFs.renameSync;
    let calls = 0;
    nodeFs.renameSync = () => {
      calls++;
      throw Object.assign(new Error('EACCES: permission denied, rename'), { code: 'EACCES' });
    };
    let result;
    try {
      result = await runCli(['--jobs', '1', '--fix', '--format', 'json', 'spaced.cable', 'clean.cable'], dir);
    } finally {
      nodeFs.renameSync = rename;
    }
    assert.equal(calls, 1);
    assert.equal(result.exitCode, 2);
    assert.equal(result.stderr, 'cable-lint: cannot fix spaced.cable: EACCES; the file is unchanged.\nFixed 0 problems in 0 files\n');
    assert.equal(fs.readFileSync(path.join(dir, 'spaced.cable'), 'utf8'), SPACED);
    assert.equal(mtime(path.join(dir, 'spaced.cable')), PAST.getTime());
    assert.deepEqual(listFiles(dir), ['bad.cable', 'clean.cable', 'notes.txt', 'spaced.cable'], 'the temporary file is removed');
    const records: Record_[] = JSON.parse(result.stdout);
    assert.deepEqual(records.filter((r) => r.file === 'spaced.cable').map((r) => r.code), ['tag-spacing', 'tag-spacing'], 'its problems are reported as they are');
  });

  it('a read-only folder is reported with exit 2 and leaves the originals intact', function () {
    const dir = fixture();
    let undo: () => void;
    if (IS_ROOT) {
      // chmod does not stop root; the immutable attribute does (ext4 and similar).
      if (spawnSync('chattr', ['+i', dir]).status !== 0) this.skip();
      undo = () => spawnSync('chattr', ['-i', dir]);
    } else {
      fs.chmodSync(dir, 0o555);
      undo = () => fs.chmodSync(dir, 0o755);
    }
    let run;
    try {
      run = runBin(['--jobs', '2', '--fix', '.'], dir);
    } finally {
      undo();
    }
    assert.equal(run.status, 2);
    assert.match(run.stderr, /^cable-lint: cannot fix bad\.cable: E[A-Z]+; the file is unchanged\.\ncable-lint: cannot fix spaced\.cable: E[A-Z]+; the file is unchanged\.\nFixed 0 problems in 0 files\n$/);
    assert.equal(fs.readFileSync(path.join(dir, 'bad.cable'), 'utf8'), MALFORMED);
    assert.equal(fs.readFileSync(path.join(dir, 'spaced.cable'), 'utf8'), SPACED);
    for (const f of listFiles(dir)) assert.equal(mtime(path.join(dir, f)), PAST.getTime(), f);
    assert.match(run.stdout, /tag-spacing/);
  });

  it('a symlink stays a symlink: its target is fixed', async () => {
    const dir = tempDir({ 'real/target.cable': SPACED });
    fs.symlinkSync(path.join('real', 'target.cable'), path.join(dir, 'link.cable'));
    const result = await runCli(['--jobs', '1', '--fix', 'link.cable', 'real/target.cable'], dir);
    assert.equal(result.stderr, 'Fixed 2 problems in 1 file\n', 'one file behind two paths is fixed once');
    assert.ok(fs.lstatSync(path.join(dir, 'link.cable')).isSymbolicLink());
    assert.equal(fs.readFileSync(path.join(dir, 'real', 'target.cable'), 'utf8'), SPACED_FIXED);
    assert.deepEqual(listFiles(dir), ['link.cable', 'real', 'real/target.cable']);
  });

  it('counts each problem fixed: a tag with both spacings wrong is two', async () => {
    const dir = tempDir({ 'a.cable': SPACED.replace('[PER Bob ]', '[PER  Bob ]') });
    const before = JSON.parse((await runCli(['--jobs', '1', '--format', 'json', 'a.cable'], dir)).stdout);
    assert.deepEqual(before.map((r: Record_) => r.code), ['tag-spacing', 'tag-spacing', 'tag-spacing']);
    const result = await runCli(['--jobs', '1', '--fix', 'a.cable'], dir);
    assert.equal(result.stderr, 'Fixed 3 problems in 1 file\n');
    assert.equal(result.stdout, '✔ No problems in 1 file\n');
    assert.equal(fs.readFileSync(path.join(dir, 'a.cable'), 'utf8'), SPACED_FIXED);
  });

  it('a file that is not valid UTF-8 is not rewritten', async () => {
    const dir = tempDir();
    const bytes = Buffer.concat([Buffer.from(SPACED.slice(0, 30)), Buffer.from([0xff, 0xfe]), Buffer.from(SPACED.slice(30))]);
    fs.writeFileSync(path.join(dir, 'latin.cable'), bytes);
    const result = await runCli(['--jobs', '1', '--fix', 'latin.cable'], dir);
    assert.equal(result.exitCode, 2);
    assert.match(result.stderr, /cannot fix latin\.cable: not valid UTF-8/);
    assert.ok(fs.readFileSync(path.join(dir, 'latin.cable')).equals(bytes));
  });
});

/**
 * Breaks up to three well-formed tags in ways the safe fixes undo exactly:
 * closing spacing, opening spacing, a misspelt type.
 */
function damage(text: string, seed: number): { text: string; count: number } {
  const tags = [...text.matchAll(/\[(PER|ORG|LOC|MISC) ([^[\]\n]*?\S)  \]/g)];
  if (tags.length < 10) return { text, count: 0 }; // too few tags: a damage could change the file's spacing convention
  const picked = [...new Set([0, tags.length >> 1, tags.length - 1])].map((i) => tags[i]);
  const misspelt: Record<string, string> = { PER: 'PRE', ORG: 'Org', LOC: 'LCO', MISC: 'MSIC' };
  let out = text;
  picked
    .sort((a, b) => b.index! - a.index!)
    .forEach((m, k) => {
      const [whole, type, inner] = m;
      const kind = (seed + k) % 4;
      const replacement =
        kind === 0 ? `[${type} ${inner} ]` : kind === 1 ? `[${type} ${inner}   ]` : kind === 2 ? `[${type}  ${inner}  ]` : `[${misspelt[type]} ${inner}  ]`;
      out = out.slice(0, m.index!) + replacement + out.slice(m.index! + whole.length);
    });
  return { text: out, count: picked.length };
}
