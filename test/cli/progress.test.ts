import * as assert from 'node:assert/strict';
import { spawnSync } from 'child_process';
import { runCli } from '../../server/src/cli';
import { ProgressBar, isCI } from '../../server/src/cli/progress';
import { ROOT } from '../helpers';
import { BIN, buildBin, runBin } from './util';

class FakeTerminal {
  writes: string[] = [];
  constructor(
    readonly isTTY: boolean,
    readonly columns = 80,
  ) {}
  write(text: string): boolean {
    this.writes.push(text);
    return true;
  }
}

const CLEAR = '\r\x1b[2K';

describe('cable-lint progress bar', function () {
  // Worker threads and the built bin take seconds on a busy machine.
  this.timeout(60000);

  it('is drawn in place on a terminal stderr: files done / total, then erased', async () => {
    for (const jobs of ['1', '2']) {
      const tty = new FakeTerminal(true);
      const result = await runCli(['--jobs', jobs, 'test/fixtures/corpus/10R*.cable', 'seeds/'], ROOT, false, { stderr: tty, env: {} });
      assert.equal(result.exitCode, 0);
      const total = Number(/in (\d+) files\n$/.exec(result.stdout)![1]);
      assert.ok(tty.writes.length >= 3, `--jobs ${jobs}: drawn at 0, at the end, and erased`);
      for (const w of tty.writes.slice(0, -1)) assert.match(w, /^\r\x1b\[2Kcable-lint [█░]+ \d+\/\d+ files$/);
      assert.match(tty.writes[0], new RegExp(` 0/${total} files$`));
      assert.match(tty.writes[tty.writes.length - 2], new RegExp(` ${total}/${total} files$`));
      assert.equal(tty.writes[tty.writes.length - 1], CLEAR, 'the bar is erased before the report');
      const counts = tty.writes.slice(0, -1).map((w) => Number(/ (\d+)\//.exec(w)![1]));
      assert.deepEqual(counts, [...counts].sort((a, b) => a - b), 'the count only goes up');
      assert.doesNotMatch(result.stdout + result.stderr, /█|\r/, 'nothing of the bar in the report');
    }
  });

  it('is not drawn when stderr is not a terminal, or with CI=true', async () => {
    const piped = new FakeTerminal(false);
    await runCli(['--jobs', '1', 'seeds/'], ROOT, false, { stderr: piped, env: {} });
    assert.deepEqual(piped.writes, []);
    for (const ci of ['true', '1', 'yes']) {
      const tty = new FakeTerminal(true);
      await runCli(['--jobs', '1', 'seeds/'], ROOT, false, { stderr: tty, env: { CI: ci } });
      assert.deepEqual(tty.writes, [], `CI=${ci}`);
    }
    assert.equal(isCI({ CI: 'false' }), false);
    assert.equal(isCI({ CI: '' }), false);
    assert.equal(isCI({}), false);
  });

  it('the installed bin: none on a pipe; on a pseudo-terminal, drawn unless CI=true', function () {
    const piped = runBin(['--jobs', '2', 'test/fixtures/corpus/10*.cable'], ROOT, { CI: '' });
    assert.equal(piped.stderr, '', 'nothing on a piped stderr');
    // util-linux `script` runs the bin on a pseudo-terminal.
    if (spawnSync('script', ['--version'], { encoding: 'utf8' }).status !== 0) this.skip();
    buildBin();
    const onPty = (ci: string | undefined) => {
      const env = { ...process.env };
      delete env.CI;
      if (ci !== undefined) env.CI = ci;
      const command = `'${process.execPath}' '${BIN}' --jobs 2 'test/fixtures/corpus/10*.cable'`;
      const run = spawnSync('script', ['-qec', command, '/dev/null'], { cwd: ROOT, encoding: 'utf8', env });
      assert.equal(run.status, 0, run.stderr);
      return run.stdout;
    };
    const shown = onPty(undefined);
    assert.match(shown, /\r\x1b\[2Kcable-lint [█░]+ 0\/51 files/);
    assert.match(shown, /\r\x1b\[2Kcable-lint █+ 51\/51 files\r\x1b\[2K/);
    assert.match(shown, /in 51 files/);
    const ci = onPty('true');
    assert.doesNotMatch(ci, /cable-lint [█░]+/);
    assert.match(ci, /in 51 files/);
  });

  it('redraws at most every interval, and always at the start and the end', () => {
    let now = 0;
    const tty = new FakeTerminal(true, 60);
    const bar = new ProgressBar(tty, 100, 50, () => now);
    bar.update(0);
    for (let done = 1; done <= 100; done++) {
      now += 10;
      bar.update(done);
    }
    bar.clear();
    // 0, then every 50 ms (each 5th file), the end, and the erase.
    assert.equal(tty.writes.length, 1 + 20 + 1);
    assert.match(tty.writes[0], /^\r\x1b\[2Kcable-lint ░+ 0\/100 files$/);
    assert.match(tty.writes[20], /^\r\x1b\[2Kcable-lint █+ 100\/100 files$/);
    assert.ok(tty.writes[20].length <= 60 + CLEAR.length, 'fits the terminal width');
    assert.equal(tty.writes[21], CLEAR);
  });
});
