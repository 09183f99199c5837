// The tag checks a large cable gets ahead of its entity checks
// (service.tagDiagnostics): right after an edit, before every check runs.

import * as assert from 'node:assert/strict';
import { InMemoryWorkspace, createLanguageService } from '../../server/src/core';
import { nth, seedText } from '../helpers';

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
