import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as os from 'os';
import { runCli } from '../../server/src/cli';
import { CORPUS_DIR, ROOT, SEED_PATH } from '../helpers';
import { BIN, IS_ROOT, MALFORMED, buildBin, canFakeUnreadable, runBin, tempDir } from './util';

describe('cable-lint', function () {
  // Worker threads and the built bin take seconds on a busy machine.
  this.timeout(60000);

  it('lints the seed folder: no errors, exit 0', async () => {
    const result = await runCli(['seeds/'], ROOT);
    assert.equal(result.exitCode, 0);
    assert.match(result.stdout, /^seeds\/000_d5a32e40f8b893e0\.txt\n/);
    assert.match(result.stdout, /entity-type-conflict/);
    assert.match(result.stdout, /✖ \d+ problems \(0 errors, \d+ warnings, \d+ information, 0 hints\) in 1 file\n$/);
  });

  it('stylish output: path, line:column, severity, message, code, and a summary', async () => {
    const dir = tempDir({ 'bad.cable': MALFORMED });
    const result = await runCli(['bad.cable'], dir);
    assert.equal(result.exitCode, 1);
    const lines = result.stdout.split('\n');
    assert.equal(lines[0], 'bad.cable');
    assert.match(lines[1], /^ {2}3:17 +error +Unknown entity type "PRE"\. Did you mean "PER"\? +tag-unknown-type$/);
    assert.match(lines[2], /^ {2}3:32 +error +Unclosed tag: \[PER is never closed/);
    assert.match(lines[3], /^ {2}4:19 +warning +Stray "\]"/);
    assert.match(lines[4], /^ {2}4:26 +warning +Empty tag/);
    assert.match(result.stdout, /✖ 4 problems \(2 errors, 2 warnings, 0 information, 0 hints\) in 1 file\n$/);
  });

  it('json output: 1-based lines and UTF-16 columns', async () => {
    const dir = tempDir({ 'bad.cable': MALFORMED });
    const result = await runCli(['--format', 'json', '.'], dir);
    const records = JSON.parse(result.stdout);
    assert.deepEqual(records[0], {
      file: 'bad.cable',
      line: 3,
      column: '( C ) The UK’s ['.length + 1,
      endLine: 3,
      endColumn: '( C ) The UK’s [PRE'.length + 1,
      severity: 'error',
      code: 'tag-unknown-type',
      message: 'Unknown entity type "PRE". Did you mean "PER"?',
    });
    assert.deepEqual(records.map((r: { code: string }) => r.code), ['tag-unknown-type', 'tag-unclosed', 'tag-stray-close', 'tag-empty']);
    assert.equal(result.exitCode, 1);
  });

  it('folders take .cable files and .txt files that start like a cable', async () => {
    const dir = tempDir({ 'a.cable': '[PER A  ]', 'sub/b.txt': fs.readFileSync(SEED_PATH, 'utf8'), 'notes.txt': 'Shopping ] list' });
    const records: Array<{ file: string }> = JSON.parse((await runCli(['--format=json', dir], dir)).stdout);
    assert.deepEqual([...new Set(records.map((r) => r.file))], ['sub/b.txt'], 'the seed copy is linted, notes.txt is not');
    const stylish = (await runCli([dir], dir)).stdout;
    assert.match(stylish, /in 2 files\n$/);
  });

  it('globs', async () => {
    const result = await runCli(['test/fixtures/corpus/10*.cable'], ROOT);
    assert.equal(result.exitCode, 0, 'findings, but no errors');
    assert.match(result.stdout, /^test\/fixtures\/corpus\/10/);
    assert.match(result.stdout, /\(0 errors, \d+ warnings?, \d+ information, \d+ hints?\) in 51 files\n$/);
  });

  it('a config file sets severities and entity types', async () => {
    const dir = tempDir({
      'bad.cable': MALFORMED,
      '.cablelintrc.json': JSON.stringify({ rules: { 'tag-unknown-type': 'off', 'tag-unclosed': 'warning' } }),
    });
    const result = await runCli(['--format', 'json', 'bad.cable'], dir);
    assert.deepEqual(JSON.parse(result.stdout).map((r: { code: string; severity: string }) => `${r.code}:${r.severity}`), ['tag-unclosed:warning', 'tag-stray-close:warning', 'tag-empty:warning']);
    assert.equal(result.exitCode, 0);
    const pkg = tempDir({ 'x.cable': '[GPE Spain  ]', 'package.json': JSON.stringify({ 'cable-lint': { entityTypes: ['GPE'] } }) });
    assert.equal((await runCli(['x.cable'], pkg)).exitCode, 0);
  });

  it('bad usage exits 2 with a message', async () => {
    const bad = [
      [],
      ['--format', 'xml', 'seeds'],
      ['--bogus', 'seeds'],
      ['no/such/path'],
      ['--config', 'missing.json', 'seeds'],
      ['nomatch/*.cable'],
      ['--jobs', '0', 'seeds'],
      ['--jobs', 'x', 'seeds'],
      ['--jobs=-1', 'seeds'],
      ['-j', '1.5', 'seeds'],
      ['seeds', '--jobs'],
      ['--stats', '--format', 'sarif', 'seeds'],
    ];
    for (const args of bad) {
      const result = await runCli(args, ROOT);
      assert.equal(result.exitCode, 2, args.join(' '));
      assert.match(result.stderr, /^cable-lint: /, args.join(' '));
      assert.equal(result.stdout, '', args.join(' '));
    }
    assert.match((await runCli(['--jobs', '0', 'seeds'], ROOT)).stderr, /--jobs takes a whole number of threads, 1 or more \(got "0"\)/);
    const dir = tempDir({ 'bad.json': '{ nope', 'a.cable': '' });
    assert.match((await runCli(['--config', 'bad.json', 'a.cable'], dir)).stderr, /not valid JSON/);
  });

  it('--jobs N and -j N are accepted, and the output does not depend on them', async () => {
    const one = await runCli(['--jobs', '1', '--format', 'json', 'seeds/', 'test/fixtures/corpus/10R*.cable'], ROOT);
    for (const args of [['--jobs=2'], ['-j', '3']]) {
      const many = await runCli([...args, '--format', 'json', 'seeds/', 'test/fixtures/corpus/10R*.cable'], ROOT);
      assert.equal(many.exitCode, one.exitCode);
      assert.equal(many.stdout, one.stdout, `${args.join(' ')}: worker threads under tsx give the same output`);
    }
  });

  it('exit codes: 0 without errors, 1 with errors, 2 for a missing path, in every format', async () => {
    const dir = tempDir({ 'bad.cable': MALFORMED, 'good.cable': fs.readFileSync(SEED_PATH, 'utf8') });
    for (const format of ['stylish', 'json', 'sarif']) {
      assert.equal((await runCli(['--jobs', '1', '--format', format, 'good.cable'], dir)).exitCode, 0, format);
      assert.equal((await runCli(['--jobs', '1', '--format', format, 'good.cable', 'bad.cable'], dir)).exitCode, 1, format);
      const missing = await runCli(['--jobs', '1', '--format', format, 'good.cable', 'bad.cable', 'gone.cable'], dir);
      assert.equal(missing.exitCode, 2, format);
      assert.match(missing.stderr, /no such file or folder: gone\.cable/);
      assert.match(missing.stdout, /tag-unknown-type/, `${format}: the files that exist are still reported`);
    }
  });

  it('a path that is neither a file nor a folder (/dev/null): said so, exit 2; after "--" a path may start with "-"', async () => {
    const dir = tempDir({ '-odd.cable': MALFORMED });
    const device = await runCli(['--jobs', '1', '/dev/null'], dir);
    assert.equal(device.exitCode, 2);
    assert.match(device.stderr, /^cable-lint: not a file or a folder: \/dev\/null$/m);
    const dashed = await runCli(['--jobs', '1', '--format', 'json', '--', '-odd.cable'], dir);
    assert.equal(dashed.exitCode, 1, dashed.stderr);
    assert.match(dashed.stdout, /"file": "-odd\.cable"/);
    assert.equal((await runCli(['-odd.cable'], dir)).exitCode, 2, 'without "--", an unknown option');
  });

  it('bad paths: a dangling symlink, a folder named like a cable, a glob matching only folders', async () => {
    const dir = tempDir({ 'ok.cable': '[PER A  ]' });
    fs.symlinkSync(path.join(dir, 'nowhere.cable'), path.join(dir, 'dangling.cable'));
    fs.mkdirSync(path.join(dir, 'dir.cable'));
    const dangling = await runCli(['--jobs', '1', 'ok.cable', 'dangling.cable'], dir);
    assert.equal(dangling.exitCode, 2);
    assert.match(dangling.stderr, /no such file or folder: dangling\.cable/);
    assert.match(dangling.stdout, /in 1 file\n$/, 'ok.cable is still linted');
    const folder = await runCli(['--jobs', '1', 'dir.cable'], dir);
    assert.equal(folder.exitCode, 2);
    assert.match(folder.stderr, /no cables found/);
    const glob = await runCli(['--jobs', '1', 'ok.cable', 'dir.cable/*.cable'], dir);
    assert.equal(glob.exitCode, 2);
    assert.match(glob.stderr, /no files match "dir\.cable\/\*\.cable"/);
    // In a folder, the dangling link and the folder are not cables: nothing to report.
    const all = await runCli(['--jobs', '1', '.'], dir);
    assert.equal(all.exitCode, 0, all.stderr);
    assert.match(all.stdout, /in 1 file\n$/);
  });

  it('an unreadable file is reported and exits 2, the others are still linted', async function () {
    if (IS_ROOT) {
      // root reads everything; /proc/self/mem cannot be read from offset 0 even by root (EIO).
      if (!canFakeUnreadable()) this.skip();
      const dir = tempDir({ 'ok.cable': '[PRE A  ]' });
      fs.symlinkSync('/proc/self/mem', path.join(dir, 'locked.cable'));
      for (const jobs of ['1', '2']) {
        const result = await runCli(['--jobs', jobs, '--format', 'json', 'ok.cable', 'locked.cable'], dir);
        assert.equal(result.exitCode, 2, `--jobs ${jobs}`);
        assert.match(result.stderr, /cannot read locked\.cable: EIO/);
        assert.deepEqual(JSON.parse(result.stdout).map((r: { file: string; code: string }) => `${r.file}:${r.code}`), ['ok.cable:tag-unknown-type']);
      }
      return;
    }
    const dir = tempDir({ 'ok.cable': '[PER A  ]', 'locked.cable': '[PER B  ]' });
    fs.chmodSync(path.join(dir, 'locked.cable'), 0);
    const result = await runCli(['ok.cable', 'locked.cable'], dir);
    assert.equal(result.exitCode, 2);
    assert.match(result.stderr, /cannot read locked\.cable/);
  });

  it('entity-cross-cable-conflict: the files linted together are the workspace', async () => {
    const withUs = fs.readdirSync(CORPUS_DIR).filter((f) => fs.readFileSync(path.join(CORPUS_DIR, f), 'utf8').includes('[ORG U.S.  ]')).slice(0, 3);
    assert.equal(withUs.length, 3);
    const seed = fs.readFileSync(SEED_PATH, 'utf8');
    const files: Record<string, string> = { 'seed.txt': seed };
    for (const f of withUs) files[f] = fs.readFileSync(path.join(CORPUS_DIR, f), 'utf8');
    const dir = tempDir(files);
    const records = JSON.parse((await runCli(['--format', 'json', '.'], dir)).stdout) as Array<{ file: string; line: number; column: number; endColumn: number; code: string; message: string; severity: string }>;
    const conflicts = records.filter((r) => r.code === 'entity-cross-cable-conflict');
    const us = conflicts.find((r) => r.message.startsWith('"U.S."'));
    assert.ok(us, JSON.stringify(conflicts));
    assert.equal(us.file, 'seed.txt');
    assert.equal(us.severity, 'information');
    assert.match(us.message, /tagged LOC in this cable, but ORG \(Organization\) in 3 of 3 other cables/);
    // The position is the first full mention's text, in 1-based lines and UTF-16 columns.
    const line = seed.split('\n')[us.line - 1];
    assert.equal(line.slice(us.column - 1, us.endColumn - 1), 'U.S.');
    assert.equal(seed.split('\n').findIndex((l) => l.includes('[LOC U.S.  ]')), us.line - 1);

    const off = tempDir({ ...files, '.cablelintrc.json': JSON.stringify({ rules: { 'entity-cross-cable-conflict': 'off' } }) });
    const none = JSON.parse((await runCli(['--format', 'json', '.'], off)).stdout) as Array<{ code: string }>;
    assert.equal(none.filter((r) => r.code === 'entity-cross-cable-conflict').length, 0);
    const two = tempDir({ 'seed.txt': seed, [withUs[0]]: files[withUs[0]] });
    const few = JSON.parse((await runCli(['--format', 'json', '.'], two)).stdout) as Array<{ code: string }>;
    assert.equal(few.filter((r) => r.code === 'entity-cross-cable-conflict').length, 0);
  });

  it('--help, --version and --rules', async () => {
    assert.match((await runCli(['--help'])).stdout, /^Usage: cable-lint/);
    assert.match((await runCli(['--help'])).stdout, /--format <name> +stylish \(default\), json or sarif[\s\S]*--fix[\s\S]*--stats[\s\S]*--jobs/);
    assert.equal((await runCli(['--version'])).stdout, '0.1.0\n');
    assert.match((await runCli(['--rules'])).stdout, /tag-unclosed +error/);
  });

  it('the installed bin runs from a terminal and never changes files', async () => {
    buildBin();
    const dir = tempDir({ 'bad.cable': MALFORMED });
    const before = fs.statSync(path.join(dir, 'bad.cable')).mtimeMs;
    const run = spawnSync(process.execPath, [BIN, 'bad.cable', path.join(CORPUS_DIR, '10ROME1.cable')], { cwd: dir, encoding: 'utf8' });
    assert.equal(run.status, 1);
    assert.match(run.stdout, /tag-unknown-type/);
    assert.match(run.stdout, /in 2 files/);
    assert.equal(fs.readFileSync(path.join(dir, 'bad.cable'), 'utf8'), MALFORMED);
    assert.equal(fs.statSync(path.join(dir, 'bad.cable')).mtimeMs, before);
  });

  /** The bin on `args`, its stdout read up to the first chunk and then closed, as `head` does. */
  async function readFirstChunk(args: string[], cwd = ROOT): Promise<{ first: string; stderr: string; status: number | null }> {
    buildBin();
    const child = spawn(process.execPath, [BIN, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const first = await new Promise<string>((resolve) => child.stdout.once('data', (d) => resolve(String(d))));
    child.stdout.destroy();
    const status = await new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    return { first, stderr, status };
  }

  it('a reader that stops early (`cable-lint … | head`): no stack trace, and the exit code the whole run earns', async () => {
    // The corpus has warnings only: exit 0.
    const corpus = await readFirstChunk(['--format', 'json', CORPUS_DIR]);
    assert.match(corpus.first, /^\[\n  \{\n    "file": /);
    assert.equal(corpus.stderr, '');
    assert.equal(corpus.status, 0);
    // Errors after the first chunk, and a missing file: exit 2, the message still on stderr.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cable-lint-head-'));
    try {
      fs.writeFileSync(path.join(dir, 'bad.cable'), MALFORMED);
      const broken = await readFirstChunk(['--format', 'json', CORPUS_DIR, path.join(dir, 'bad.cable'), path.join(dir, 'missing.cable')]);
      assert.equal(broken.status, 2);
      assert.match(broken.stderr, /^cable-lint: no such file or folder: .*missing\.cable\n$/);
      const errors = await readFirstChunk(['--format', 'json', CORPUS_DIR, path.join(dir, 'bad.cable')]);
      assert.equal(errors.status, 1, 'bad.cable has errors');
      assert.equal(errors.stderr, '');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('--jobs 1 on many files (one worker thread, for flat memory): the same report as two threads', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cable-lint-many-'));
    try {
      const corpus = fs.readdirSync(CORPUS_DIR).filter((f) => f.endsWith('.cable')).sort();
      for (let i = 0; i < 600; i++) fs.copyFileSync(path.join(CORPUS_DIR, corpus[i % corpus.length]), path.join(dir, `${String(i).padStart(3, '0')}-${corpus[i % corpus.length]}`));
      const one = runBin(['--jobs', '1', '.'], dir);
      const two = runBin(['--jobs', '2', '.'], dir);
      assert.equal(one.stderr, '');
      assert.equal(one.status, two.status);
      assert.equal(one.stdout, two.stdout);
      assert.match(one.stdout, /in 600 files\n$/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the installed bin with worker threads: same output as one thread, in file order', () => {
    const one = runBin(['--jobs', '1', 'test/fixtures/corpus/10*.cable'], ROOT);
    assert.equal(one.status, 0, one.stderr);
    assert.match(one.stdout, /in 51 files\n$/);
    for (const jobs of ['2', '4']) {
      const many = runBin(['--jobs', jobs, 'test/fixtures/corpus/10*.cable'], ROOT);
      assert.equal(many.status, 0, many.stderr);
      assert.equal(many.stdout, one.stdout, `--jobs ${jobs}`);
      assert.equal(many.stderr, '');
    }
    const files = one.stdout.split('\n').filter((l) => l.startsWith('test/'));
    assert.deepEqual(files, [...files].sort());
  });

  it('the installed bin: an unreadable file in worker mode', function () {
    if (!canFakeUnreadable()) this.skip();
    const dir = tempDir({ 'a.cable': MALFORMED, 'c.cable': '[PER C  ]' });
    fs.symlinkSync('/proc/self/mem', path.join(dir, 'b.cable'));
    const run = runBin(['--jobs', '2', '.'], dir);
    assert.equal(run.status, 2);
    assert.equal(run.stderr, 'cable-lint: cannot read b.cable: EIO\n');
    assert.match(run.stdout, /^a\.cable\n/);
    assert.match(run.stdout, /in 3 files\n$/);
  });

  it('config severities apply in worker threads too', () => {
    const rc = { rules: { 'tag-unknown-type': 'off', 'tag-unclosed': 'warning', 'tag-empty': 'error' } };
    const dir = tempDir({ 'a.cable': MALFORMED, 'b.cable': MALFORMED, 'c.cable': MALFORMED, '.cablelintrc.json': JSON.stringify(rc) });
    const expected = ['tag-unclosed:warning', 'tag-stray-close:warning', 'tag-empty:error'];
    for (const jobs of ['1', '3']) {
      const run = runBin(['--jobs', jobs, '--format', 'json', '.'], dir);
      assert.equal(run.status, 1, 'tag-empty is an error now');
      const records: Array<{ file: string; code: string; severity: string }> = JSON.parse(run.stdout);
      for (const file of ['a.cable', 'b.cable', 'c.cable']) {
        assert.deepEqual(records.filter((r) => r.file === file).map((r) => `${r.code}:${r.severity}`), expected, `--jobs ${jobs} ${file}`);
      }
    }
    // The package.json key and --config, in worker threads.
    const pkg = tempDir({ 'x.cable': '[GPE Spain  ]', 'y.cable': '[GPE Paris  ]', 'package.json': JSON.stringify({ 'cable-lint': { entityTypes: ['GPE'] } }) });
    assert.equal(runBin(['--jobs', '2', '.'], pkg).status, 0);
    const other = tempDir({ 'x.cable': '[GPE Spain  ]', 'y.cable': '[GPE Paris  ]', 'conf.json': JSON.stringify({ entityTypes: ['PER'], rules: { 'tag-unknown-type': 'hint' } }) });
    const run = runBin(['--jobs', '2', '--config', 'conf.json', '--format', 'json', '.'], other);
    assert.equal(run.status, 0);
    assert.deepEqual(JSON.parse(run.stdout).map((r: { severity: string }) => r.severity), ['hint', 'hint']);
  });
});
