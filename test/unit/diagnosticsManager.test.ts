// When the server sends diagnostics (DiagnosticsManager, with a clock the
// test advances), and the tag checks the service answers ahead of the entity
// checks for large cables.

import * as assert from 'node:assert/strict';
import { InMemoryWorkspace, createLanguageService } from '../../server/src/core';
import { Clock, DiagnosticsManager, DiagnosticsScope } from '../../server/src/lsp/diagnosticsManager';
import { nth, seedText } from '../helpers';

class FakeClock implements Clock {
  now = 0;
  private timers: Array<{ at: number; seq: number; callback: () => void }> = [];
  private seq = 0;

  setTimeout(callback: () => void, ms: number): unknown {
    const timer = { at: this.now + ms, seq: this.seq++, callback };
    this.timers.push(timer);
    return timer;
  }

  clearTimeout(handle: unknown): void {
    this.timers = this.timers.filter((t) => t !== handle);
  }

  /** Moves time forward, firing due timers in order (a timer set by a callback fires too if it is due). */
  advance(ms: number): void {
    const until = this.now + ms;
    for (;;) {
      const due = this.timers.filter((t) => t.at <= until).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.now = due.at;
      due.callback();
    }
    this.now = until;
  }

  get waiting(): number {
    return this.timers.length;
  }
}

const TIMING = { diagnosticsDebounceMs: 10, entityChecksDelayMs: 0, crossCableRecheckMs: 500 };
const SMALL = 'file:///small.cable';
const LARGE = 'file:///large.cable';

function setup(mode: 'push' | 'pull' = 'push', open = [SMALL, LARGE]) {
  const clock = new FakeClock();
  const sent: Array<[string, DiagnosticsScope, number]> = [];
  let refreshes = 0;
  const manager = new DiagnosticsManager(
    {
      publish: (uri, scope) => sent.push([uri, scope, clock.now]),
      twoPhase: (uri) => uri === LARGE,
      refresh: () => refreshes++,
      openUris: () => open,
    },
    mode,
    clock,
    TIMING,
  );
  return { clock, sent, manager, refreshes: () => refreshes };
}

describe('DiagnosticsManager', () => {
  it('a small cable: one send with every check, after the debounce', () => {
    const { clock, sent, manager } = setup();
    manager.changed(SMALL);
    clock.advance(9);
    assert.deepEqual(sent, []);
    assert.equal(manager.isPending(SMALL), true);
    clock.advance(1);
    assert.deepEqual(sent, [[SMALL, 'all', 10]]);
    assert.equal(manager.isPending(SMALL), false);
  });

  it('keystrokes within the debounce are sent once, for the last one', () => {
    const { clock, sent, manager } = setup();
    manager.changed(SMALL);
    clock.advance(5);
    manager.changed(SMALL);
    clock.advance(8);
    manager.changed(SMALL);
    clock.advance(50);
    assert.deepEqual(sent, [[SMALL, 'all', 23]]);
  });

  it('a large cable: the tag checks first, every check right after', () => {
    const { clock, sent, manager } = setup();
    manager.changed(LARGE);
    clock.advance(10);
    assert.deepEqual(sent, [
      [LARGE, 'tags', 10],
      [LARGE, 'all', 10],
    ]);
    assert.equal(clock.waiting, 0);
  });

  it('an edit between the two sends cancels the stale entity checks', () => {
    const clock = new FakeClock();
    const sent: Array<[string, DiagnosticsScope, number]> = [];
    const slow = new DiagnosticsManager(
      { publish: (uri, scope) => sent.push([uri, scope, clock.now]), twoPhase: () => true, refresh: () => undefined, openUris: () => [LARGE] },
      'push',
      clock,
      { ...TIMING, entityChecksDelayMs: 30 },
    );
    slow.changed(LARGE);
    clock.advance(10);
    assert.deepEqual(sent, [[LARGE, 'tags', 10]]);
    assert.equal(slow.isPending(LARGE), true, 'the entity checks wait');
    slow.changed(LARGE); // the next keystroke
    clock.advance(100);
    assert.deepEqual(sent, [
      [LARGE, 'tags', 10],
      [LARGE, 'tags', 20],
      [LARGE, 'all', 50],
    ]);
  });

  it('an opened cable is sent at once (large: in two sends)', () => {
    const { clock, sent, manager } = setup();
    manager.opened(SMALL);
    manager.opened(LARGE);
    clock.advance(0);
    assert.deepEqual(sent, [
      [SMALL, 'all', 0],
      [LARGE, 'tags', 0],
      [LARGE, 'all', 0],
    ]);
  });

  it('after an index change, the other open cables get every check again (no tag checks first: their text did not change)', () => {
    const { clock, sent, manager } = setup();
    manager.indexChanged(SMALL);
    clock.advance(499);
    assert.deepEqual(sent, []);
    clock.advance(1);
    assert.deepEqual(sent, [[LARGE, 'all', 500]]);
  });

  it('closing a cable cancels what waited; dispose cancels everything', () => {
    const { clock, sent, manager } = setup();
    manager.changed(SMALL);
    manager.changed(LARGE);
    manager.closed(SMALL);
    clock.advance(10);
    assert.deepEqual(sent, [
      [LARGE, 'tags', 10],
      [LARGE, 'all', 10],
    ]);
    manager.changed(LARGE);
    manager.indexChanged(undefined);
    manager.dispose();
    clock.advance(1000);
    assert.equal(sent.length, 2);
    assert.equal(clock.waiting, 0);
  });

  it('held until the settings arrive, then every open cable', () => {
    const { clock, sent, manager } = setup();
    manager.hold();
    manager.opened(SMALL);
    clock.advance(100);
    assert.deepEqual(sent, []);
    manager.release();
    clock.advance(0);
    assert.deepEqual(sent, [
      [SMALL, 'all', 100],
      [LARGE, 'tags', 100],
      [LARGE, 'all', 100],
    ]);
  });

  it('pull mode sends nothing and asks the client to pull again after an index change', () => {
    const { clock, sent, manager, refreshes } = setup('pull');
    manager.opened(SMALL);
    manager.changed(LARGE);
    clock.advance(100);
    assert.deepEqual(sent, []);
    manager.indexChanged(undefined);
    clock.advance(500);
    assert.equal(refreshes(), 1);
  });
});

describe('tag checks ahead of the entity checks (service.tagDiagnostics)', () => {
  const URI = 'file:///seed.cable';

  it('before any full run: the tag and structure checks only', () => {
    const text = seedText().replace('[ORG NATO  ]', '[ORG NATO ]');
    const service = createLanguageService(new InMemoryWorkspace({ [URI]: text }));
    const quick = service.tagDiagnostics(URI);
    assert.deepEqual(
      quick.map((d) => d.code),
      ['tag-spacing'],
    );
    assert.ok(service.diagnostics(URI).some((d) => d.code === 'entity-type-conflict'));
  });

  it('after an edit: the new tag checks, with the last entity checks moved by the edit', () => {
    const workspace = new InMemoryWorkspace({ [URI]: seedText() });
    const service = createLanguageService(workspace);
    const before = service.diagnostics(URI);
    const entityChecks = before.filter((d) => d.code.startsWith('entity-'));
    assert.ok(entityChecks.length >= 10);
    // A stray `]` typed in paragraph 3.
    const at = nth(seedText(), 'informed the group');
    const edited = seedText().slice(0, at) + '] ' + seedText().slice(at);
    workspace.set(URI, edited);
    const quick = service.tagDiagnostics(URI);
    const moved = entityChecks.map((d) => (d.span.start > at ? { ...d.span, start: d.span.start + 2, end: d.span.end + 2 } : d.span));
    assert.deepEqual(
      quick.filter((d) => d.code.startsWith('entity-')).map((d) => d.span),
      moved.map((s) => ({ start: s.start, end: s.end })),
    );
    assert.deepEqual(quick.find((d) => d.code === 'tag-stray-close')?.span, { start: at, end: at + 1 });
    // Every check of the new text agrees on the moved ones here (the edit changed no entity).
    assert.deepEqual(service.diagnostics(URI), quick);
  });

  it('an entity check the edit touched is left out until every check runs again', () => {
    const workspace = new InMemoryWorkspace({ [URI]: seedText() });
    const service = createLanguageService(workspace);
    const untagged = service.diagnostics(URI).find((d) => d.code === 'entity-untagged-mention')!;
    const text = seedText();
    // Tag the untagged mention: the edit covers it.
    const edited = text.slice(0, untagged.span.start) + '[LOC ' + text.slice(untagged.span.start, untagged.span.end) + '  ]' + text.slice(untagged.span.end);
    workspace.set(URI, edited);
    const quick = service.tagDiagnostics(URI);
    assert.ok(!quick.some((d) => d.code === 'entity-untagged-mention' && d.span.start === untagged.span.start));
    assert.ok(!service.diagnostics(URI).some((d) => d.code === 'entity-untagged-mention' && d.span.start === untagged.span.start));
  });
});
