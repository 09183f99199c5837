// When diagnostics are sent: the DiagnosticsManager's timing, on a fake clock.

import * as assert from 'node:assert/strict';
import { Clock, DiagnosticsManager } from '../../../server/src/lsp/diagnosticsManager';

/** A clock that runs only when told to. */
class FakeClock implements Clock {
  now = 0;
  private timers = new Map<number, { at: number; callback: () => void }>();
  private next = 1;

  setTimeout(callback: () => void, ms: number): unknown {
    const id = this.next++;
    this.timers.set(id, { at: this.now + ms, callback });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }

  /** Moves time forward, running the timers that fall due, in order. */
  advance(ms: number): void {
    const end = this.now + ms;
    for (;;) {
      const due = [...this.timers.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at || a[0] - b[0]);
      if (due.length === 0) break;
      const [id, timer] = due[0];
      this.timers.delete(id);
      this.now = timer.at;
      timer.callback();
    }
    this.now = end;
  }

  get pending(): number {
    return this.timers.size;
  }
}

const TIMING = { diagnosticsDebounceMs: 150, entityChecksDelayMs: 20, crossCableRecheckMs: 500 };

function setup(mode: 'push' | 'pull' = 'push', open = ['a', 'b', 'c'], large: string[] = []) {
  const clock = new FakeClock();
  const published: Array<[number, string]> = [] as Array<[number, string]>;
  const scopes: string[] = [];
  let refreshes = 0;
  const manager = new DiagnosticsManager(
    {
      publish: (uri, scope) => {
        published.push([clock.now, uri]);
        scopes.push(`${clock.now} ${uri} ${scope}`);
      },
      twoPhase: (uri) => large.includes(uri),
      refresh: () => refreshes++,
      openUris: () => open,
    },
    mode,
    clock,
    TIMING,
  );
  return { clock, published, scopes, manager, refreshes: () => refreshes };
}

describe('DiagnosticsManager', () => {
  it('an opened cable is published at once', () => {
    const { clock, published, manager } = setup();
    manager.opened('a');
    clock.advance(0);
    assert.deepEqual(published, [[0, 'a']]);
  });

  it('edits in a burst publish once, one debounce after the last keystroke', () => {
    const { clock, published, manager } = setup();
    manager.changed('a');
    clock.advance(100);
    manager.changed('a');
    clock.advance(100);
    manager.changed('a');
    assert.equal(published.length, 0);
    clock.advance(149);
    assert.equal(published.length, 0);
    clock.advance(1);
    assert.deepEqual(published, [[350, 'a']]);
  });

  it('each cable has its own debounce', () => {
    const { clock, published, manager } = setup();
    manager.changed('a');
    clock.advance(50);
    manager.changed('b');
    clock.advance(500);
    assert.deepEqual(published, [
      [150, 'a'],
      [200, 'b'],
    ]);
  });

  it('closing a cable cancels what was waiting for it', () => {
    const { clock, published, manager } = setup();
    manager.changed('a');
    manager.closed('a');
    clock.advance(1000);
    assert.equal(published.length, 0);
    assert.equal(clock.pending, 0);
  });

  it('a settings change publishes every open cable at once, replacing a waiting debounce', () => {
    const { clock, published, manager } = setup();
    manager.changed('b');
    manager.all();
    clock.advance(0);
    assert.deepEqual(published.map(([, uri]) => uri).sort(), ['a', 'b', 'c']);
    clock.advance(1000);
    assert.equal(published.length, 3, 'the debounce of b was replaced, not added');
  });

  it('the index changed by one cable: the other open cables are checked again after the delay, not that one', () => {
    const { clock, published, manager } = setup();
    manager.indexChanged('a');
    clock.advance(499);
    assert.equal(published.length, 0);
    clock.advance(1);
    assert.deepEqual(published.map(([, uri]) => uri).sort(), ['b', 'c']);
  });

  it('index changes in a burst are checked once; a change from disk rechecks every open cable', () => {
    const { clock, published, manager } = setup();
    manager.indexChanged('a');
    clock.advance(200);
    manager.indexChanged(undefined);
    manager.indexChanged('b');
    clock.advance(300);
    assert.deepEqual(published.map(([t, uri]) => `${t} ${uri}`).sort(), ['500 a', '500 b', '500 c']);
  });

  it('a cable whose own diagnostics are waiting is not checked twice', () => {
    const { clock, published, manager } = setup();
    manager.indexChanged('a');
    clock.advance(450);
    manager.changed('b');
    clock.advance(50);
    assert.deepEqual(published.map(([, uri]) => uri), ['c']);
    clock.advance(100);
    assert.deepEqual(published.map(([t, uri]) => `${t} ${uri}`), ['500 c', '600 b']);
  });

  it('held until the client’s settings arrive, then every open cable once', () => {
    const { clock, published, manager } = setup();
    manager.hold();
    manager.opened('a');
    manager.changed('b');
    manager.all();
    clock.advance(1000);
    assert.equal(published.length, 0);
    manager.release();
    clock.advance(0);
    assert.deepEqual(published.map(([, uri]) => uri).sort(), ['a', 'b', 'c']);
    manager.release();
    clock.advance(1000);
    assert.equal(published.length, 3, 'a second release sends nothing');
  });

  it('pull mode: nothing is pushed; index and settings changes ask the client to pull again', () => {
    const { clock, published, manager, refreshes } = setup('pull');
    manager.opened('a');
    manager.changed('a');
    clock.advance(1000);
    assert.equal(published.length, 0);
    manager.indexChanged('a');
    clock.advance(500);
    assert.equal(refreshes(), 1);
    manager.all();
    assert.equal(refreshes(), 2);
  });

  it('dispose stops every timer', () => {
    const { clock, published, manager } = setup();
    manager.changed('a');
    manager.indexChanged('b');
    manager.dispose();
    assert.equal(clock.pending, 0);
    clock.advance(1000);
    assert.equal(published.length, 0);
  });

  describe('a large cable: tag checks first, entity checks right after', () => {
    it('an edit sends the tag checks after the debounce, then every check', () => {
      const { clock, scopes, manager } = setup('push', ['a', 'big'], ['big']);
      manager.changed('big');
      clock.advance(1000);
      assert.deepEqual(scopes, ['150 big tags', '170 big all']);
    });

    it('an edit between the two sends cancels the entity checks of the old text', () => {
      const { clock, scopes, manager } = setup('push', ['big'], ['big']);
      manager.changed('big');
      clock.advance(160);
      manager.changed('big');
      assert.ok(manager.isPending('big'));
      clock.advance(1000);
      assert.deepEqual(scopes, ['150 big tags', '310 big tags', '330 big all']);
    });

    it('opening sends both; a small cable gets one send with every check', () => {
      const { clock, scopes, manager } = setup('push', ['a', 'big'], ['big']);
      manager.opened('big');
      manager.opened('a');
      clock.advance(1000);
      assert.deepEqual(scopes, ['0 big tags', '0 a all', '20 big all']);
    });

    it('an index change rechecks it once, with every check (its text did not change)', () => {
      const { clock, scopes, manager } = setup('push', ['a', 'big'], ['big']);
      manager.indexChanged('a');
      clock.advance(1000);
      assert.deepEqual(scopes, ['500 big all']);
    });

    it('closing it between the two sends cancels the second', () => {
      const { clock, scopes, manager } = setup('push', ['big'], ['big']);
      manager.opened('big');
      clock.advance(0);
      manager.closed('big');
      clock.advance(1000);
      assert.deepEqual(scopes, ['0 big tags']);
      assert.equal(clock.pending, 0);
    });
  });
});
