import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runCli } from '../../server/src/cli';
import { CORPUS_DIR, ROOT, SEED_PATH } from '../helpers';

const MALFORMED = "<code><pre>C O N F I D E N T I A L Classified By: A. Official for reasons 1.4 ( b )\n<a id='par1' href='#par1'>¶</a>1 .\n( C ) The UK’s [PRE Foo  ] met [PER Bob\n[LOC Paris  ] and ] left [ORG  ] .\n</pre></code>\n";

function tempDir(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cable-lint-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

describe('cable-lint', () => {
  it('lints the seed folder: no errors, exit 0', () => {
    const result = runCli(['seeds/'], ROOT);
    assert.equal(result.exitCode, 0);
    assert.match(result.stdout, /^seeds\/000_d5a32e40f8b893e0\.txt\n/);
    assert.match(result.stdout, /entity-type-conflict/);
    assert.match(result.stdout, /✖ \d+ problems \(0 errors, \d+ warnings, \d+ information, 0 hints\) in 1 file\n$/);
  });

  it('stylish output: path, line:column, severity, message, code, and a summary', () => {
    const dir = tempDir({ 'bad.cable': MALFORMED });
    const result = runCli(['bad.cable'], dir);
    assert.equal(result.exitCode, 1);
    const lines = result.stdout.split('\n');
    assert.equal(lines[0], 'bad.cable');
    assert.match(lines[1], /^ {2}3:17 +error +Unknown entity type "PRE"\. Did you mean "PER"\? +tag-unknown-type$/);
    assert.match(lines[2], /^ {2}3:32 +error +Unclosed tag: \[PER is never closed/);
    assert.match(lines[3], /^ {2}4:19 +warning +Stray "\]"/);
    assert.match(lines[4], /^ {2}4:26 +warning +Empty tag/);
    assert.match(result.stdout, /✖ 4 problems \(2 errors, 2 warnings, 0 information, 0 hints\) in 1 file\n$/);
  });

  it('json output: 1-based lines and UTF-16 columns', () => {
    const dir = tempDir({ 'bad.cable': MALFORMED });
    const result = runCli(['--format', 'json', '.'], dir);
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

  it('folders take .cable files and .txt files that start like a cable', () => {
    const dir = tempDir({ 'a.cable': '[PER A  ]', 'sub/b.txt': fs.readFileSync(SEED_PATH, 'utf8'), 'notes.txt': 'Shopping ] list' });
    const records: Array<{ file: string }> = JSON.parse(runCli(['--format=json', dir], dir).stdout);
    assert.deepEqual([...new Set(records.map((r) => r.file))], ['sub/b.txt'], 'the seed copy is linted, notes.txt is not');
    const stylish = runCli([dir], dir).stdout;
    assert.match(stylish, /in 2 files\n$/);
  });

  it('globs', () => {
    const result = runCli(['test/fixtures/corpus/10*.cable'], ROOT);
    assert.equal(result.exitCode, 0, 'findings, but no errors');
    assert.match(result.stdout, /^test\/fixtures\/corpus\/10/);
    assert.match(result.stdout, /\(0 errors, \d+ warnings?, \d+ information, \d+ hints?\) in 51 files\n$/);
  });

  it('a config file sets severities and entity types', () => {
    const dir = tempDir({
      'bad.cable': MALFORMED,
      '.cablelintrc.json': JSON.stringify({ rules: { 'tag-unknown-type': 'off', 'tag-unclosed': 'warning' } }),
    });
    const result = runCli(['--format', 'json', 'bad.cable'], dir);
    assert.deepEqual(JSON.parse(result.stdout).map((r: { code: string; severity: string }) => `${r.code}:${r.severity}`), ['tag-unclosed:warning', 'tag-stray-close:warning', 'tag-empty:warning']);
    assert.equal(result.exitCode, 0);
    const pkg = tempDir({ 'x.cable': '[GPE Spain  ]', 'package.json': JSON.stringify({ 'cable-lint': { entityTypes: ['GPE'] } }) });
    assert.equal(runCli(['x.cable'], pkg).exitCode, 0);
  });

  it('bad usage exits 2 with a message', () => {
    for (const args of [[], ['--format', 'xml', 'seeds'], ['--bogus', 'seeds'], ['no/such/path'], ['--config', 'missing.json', 'seeds'], ['nomatch/*.cable']]) {
      const result = runCli(args, ROOT);
      assert.equal(result.exitCode, 2, args.join(' '));
      assert.match(result.stderr, /^cable-lint: /, args.join(' '));
    }
    const dir = tempDir({ 'bad.json': '{ nope', 'a.cable': '' });
    assert.match(runCli(['--config', 'bad.json', 'a.cable'], dir).stderr, /not valid JSON/);
  });

  it('an unreadable file is reported and exits 2, the others are still linted', function () {
    if (process.getuid?.() === 0) {
      // root reads everything: use a folder where a file is expected instead.
      const dir = tempDir({ 'ok.cable': '[PER A  ]' });
      fs.mkdirSync(path.join(dir, 'dir.cable'));
      const result = runCli(['ok.cable', 'dir.cable/*.cable'], dir);
      assert.equal(result.exitCode, 2);
      return;
    }
    const dir = tempDir({ 'ok.cable': '[PER A  ]', 'locked.cable': '[PER B  ]' });
    fs.chmodSync(path.join(dir, 'locked.cable'), 0);
    const result = runCli(['ok.cable', 'locked.cable'], dir);
    assert.equal(result.exitCode, 2);
    assert.match(result.stderr, /cannot read locked\.cable/);
  });

  it('--help, --version and --rules', () => {
    assert.match(runCli(['--help']).stdout, /^Usage: cable-lint/);
    assert.equal(runCli(['--version']).stdout, '0.1.0\n');
    assert.match(runCli(['--rules']).stdout, /tag-unclosed +error/);
  });

  it('the installed bin runs from a terminal and never changes files', () => {
    execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT });
    const dir = tempDir({ 'bad.cable': MALFORMED });
    const before = fs.statSync(path.join(dir, 'bad.cable')).mtimeMs;
    const run = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'cable-lint.js'), 'bad.cable', path.join(CORPUS_DIR, '10ROME1.cable')], { cwd: dir, encoding: 'utf8' });
    assert.equal(run.status, 1);
    assert.match(run.stdout, /tag-unknown-type/);
    assert.match(run.stdout, /in 2 files/);
    assert.equal(fs.readFileSync(path.join(dir, 'bad.cable'), 'utf8'), MALFORMED);
    assert.equal(fs.statSync(path.join(dir, 'bad.cable')).mtimeMs, before);
  });
});
