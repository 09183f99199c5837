// `npm run bench` runs against the current code: the sections that load the
// core in process (core, and the workspace section's heap child) start and
// report figures. Timings are not checked here; the bench prints them.

import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { corpusFiles } from '../helpers';

const ROOT = path.join(__dirname, '..', '..');

describe('the bench runs on the current code', function () {
  this.timeout(120000);
  let tmp: string;
  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tagged-cables-bench-test-'));
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('the core section: throughput on the four inputs beside the regex floor, no section failed', () => {
    const out = path.join(tmp, 'results.json');
    const run = spawnSync(process.execPath, ['bench/run.mjs', 'core', '--quick', `--out=${out}`], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.doesNotMatch(run.stdout + run.stderr, /section \w+ failed/);
    const results = JSON.parse(fs.readFileSync(out, 'utf8'));
    for (const input of ['seed', 'largest', '1mb', '10mb']) {
      assert.ok(results.core[input].coreMBs > 0, input);
      assert.ok(results.core[input].floorMBs > results.core[input].coreMBs, input);
      assert.ok(results.core[input].diagnostics > 0, input);
    }
  });

  it('the workspace section’s heap child indexes a folder with the core alone', () => {
    const dir = path.join(tmp, 'ws', 'a');
    fs.mkdirSync(dir, { recursive: true });
    const files = corpusFiles().slice(0, 30);
    for (const f of files) fs.copyFileSync(f, path.join(dir, path.basename(f)));
    const run = spawnSync(process.execPath, ['--expose-gc', 'bench/sections/workspaceHeap.mjs', path.join(tmp, 'ws')], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(run.status, 0, run.stdout + run.stderr);
    const figures = JSON.parse(run.stdout.trim().split('\n').pop()!);
    assert.equal(figures.cables, 30);
    assert.ok(figures.mentions > 0 && figures.bytesPerCable > 0);
  });

  it('results name no path of the machine: the repository is `.`, the temporary folder $TMPDIR', async () => {
    const { portableJson } = await import(path.join(ROOT, 'bench', 'lib', 'results.mjs'));
    const release = path.join(os.tmpdir(), 'release');
    const text = portableJson({ dir: release, uri: `file://${release}/a.cable`, log: `cache at ${path.join(ROOT, 'x.bin')}`, n: 3 }, [
      [ROOT, '.'],
      [os.tmpdir(), '$TMPDIR'],
    ]);
    assert.deepEqual(JSON.parse(text), { dir: '$TMPDIR/release', uri: 'file://$TMPDIR/release/a.cable', log: 'cache at ./x.bin', n: 3 });
    for (const committed of ['results.json', 'results-full.json']) {
      const file = path.join(ROOT, 'bench', committed);
      if (!fs.existsSync(file)) continue;
      assert.doesNotMatch(fs.readFileSync(file, 'utf8'), /(?<![\w.$])\/(?:tmp|home|root|work|Users)\//, committed);
    }
  });
});

