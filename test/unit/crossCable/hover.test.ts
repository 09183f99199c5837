// Hover across cables: the "Also in" line counts the other cables and their
// mentions, and links to the definitions of the first five (by URI).

import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { cableName } from '../../../server/src/core';
import { CORPUS_DIR } from '../../helpers';
import { corpusCables, fixture, seedCable } from '../../fixture';

/** The "Also in" paragraph of a hover. */
function alsoIn(markdown: string): string {
  return markdown.split('\n\n').find((l) => l.startsWith('Also in ')) ?? '';
}

describe('cross-cable hover', () => {
  // Counted with grep over test/fixtures/corpus: 177 files hold a tag
  // `[ORG U.S.  ]`, `[ORG U.S.'s  ]` or `[ORG U.S.’s  ]` (1,000 tags in all,
  // all ORG); the line and column of the first such tag in the first five
  // files by name, with `grep -n`.
  it('U.S. in the seed: the other cables and mentions, five links to their definitions, and the rest', () => {
    const seed = seedCable();
    const f = fixture(`//- /ws/seeds/us.cable\n( C ) The [LOC U.S.$0  ] team .\n`, { closed: corpusCables() });
    const fromSeed = fixture('', { closed: corpusCables(), open: [seed] });
    const line = alsoIn(fromSeed.service.hover(seed.uri, seed.text.indexOf('[LOC U.S.  ]') + 6)!.markdown);
    const expected =
      'Also in **177 other cables** (1000 mentions): ' +
      '[04MADRID961](file:///ws/corpus/04MADRID961.cable#L28,110) (ORG), ' +
      '[05ANKARA1730](file:///ws/corpus/05ANKARA1730.cable#L9,264) (ORG), ' +
      '[05MADRID1141](file:///ws/corpus/05MADRID1141.cable#L9,144) (ORG), ' +
      '[05MADRID1585](file:///ws/corpus/05MADRID1585.cable#L4,176) (ORG), ' +
      '[05MADRID1879](file:///ws/corpus/05MADRID1879.cable#L26,70) (ORG), ' +
      'and 172 more';
    assert.equal(line, expected);
    // The same from a small open cable that tags U.S. as LOC.
    assert.equal(alsoIn(f.service.hover(f.cursor.uri, f.cursor.offset)!.markdown), expected);
    // Each link's line and character land on `U.S.` in that file.
    for (const [, name, l, c] of expected.matchAll(/\[(\w+)\]\(file:\/\/\/ws\/corpus\/\w+\.cable#L(\d+),(\d+)\)/g)) {
      const lines = fs.readFileSync(path.join(CORPUS_DIR, `${name}.cable`), 'utf8').split('\n');
      assert.ok(lines[Number(l) - 1].slice(Number(c) - 1).startsWith('U.S.  ]'), name);
    }
  });

  it('one other cable: singular, a link to its definition, nothing more; no other cable: no line', () => {
    const f = fixture(`
//- /ws/a.cable (closed)
UNCLAS
( U ) Talks in
  [LOC Zanzibar  ] today .
//- /ws/b.cable
UNCLAS
( U ) [LOC $0Zanzibar  ] and [LOC Zanzibar  ] .
//- /ws/c.cable
[LOC Atlantis  ] .
`);
    assert.deepEqual(f.service.hover(f.cursor.uri, f.cursor.offset), {
      markdown: '**Zanzibar** — Location `LOC`\n\n**2 mentions** in this cable, in the header\n\nAlso in **1 other cable** (1 mention): [a](file:///ws/a.cable#L3,8)',
      span: { start: 13, end: 29 },
    });
    assert.equal(f.service.hover(f.uri('c.cable'), 6)!.markdown, '**Atlantis** — Location `LOC`\n\n**1 mention** in this cable, in the header');
  });

  it('five other cables are all linked; a sixth is counted as "1 more"', () => {
    // Cable q<k> has its mention on line k + 2 (1-based), at character 12.
    const q = (k: number, options = '(closed)') => `//- /ws/q${k}.cable ${options}\nUNCLAS\n${'\n'.repeat(k)}( U ) [ORG Quux Council  ] met .\n`;
    const open = `//- /ws/q0.cable\nUNCLAS\n( U ) [ORG $0Quux Council  ] met .\n`;
    const five = fixture(open + [1, 2, 3, 4, 5].map((k) => q(k)).join(''));
    assert.equal(
      alsoIn(five.service.hover(five.cursor.uri, five.cursor.offset)!.markdown),
      'Also in **5 other cables** (5 mentions): [q1](file:///ws/q1.cable#L3,12), [q2](file:///ws/q2.cable#L4,12), [q3](file:///ws/q3.cable#L5,12), [q4](file:///ws/q4.cable#L6,12), [q5](file:///ws/q5.cable#L7,12)',
    );
    const six = fixture(open + [1, 2, 3, 4, 5, 6].map((k) => q(k)).join(''));
    assert.equal(
      alsoIn(six.service.hover(six.cursor.uri, six.cursor.offset)!.markdown),
      'Also in **6 other cables** (6 mentions): [q1](file:///ws/q1.cable#L3,12), [q2](file:///ws/q2.cable#L4,12), [q3](file:///ws/q3.cable#L5,12), [q4](file:///ws/q4.cable#L6,12), [q5](file:///ws/q5.cable#L7,12), and 1 more',
    );
  });

  it('a link to an open cable points into its live text', () => {
    const f = fixture(`
//- /ws/a.cable
( U ) [LOC Zanzibar  ] .
//- /ws/b.cable
( U ) [LOC $0Zanzibar  ] .
`);
    f.workspace.set(f.uri('a.cable'), '\n\n\n   ( U ) [LOC Zanzibar  ] .\n');
    assert.equal(alsoIn(f.service.hover(f.cursor.uri, f.cursor.offset)!.markdown), 'Also in **1 other cable** (1 mention): [a](file:///ws/a.cable#L4,15)');
  });

  it('link labels are escaped cable names and link targets keep Markdown intact', () => {
    const f = fixture(`
//- /ws/x%5B1%5D%20(draft).cable (closed)
[LOC Zanzibar  ] .
//- /ws/b.cable
[LOC $0Zanzibar  ] .
`);
    assert.equal(cableName(f.uri('x%5B1%5D%20(draft).cable')), 'x[1] (draft)');
    assert.equal(alsoIn(f.service.hover(f.cursor.uri, f.cursor.offset)!.markdown), 'Also in **1 other cable** (1 mention): [x\\[1\\] (draft)](file:///ws/x%5B1%5D%20%28draft%29.cable#L1,6)');
  });

  // Hover counts cables, not occurrences: b holds two related keys (`Pickard`,
  // and `Nicolas Pickard` tagged ORG) and is counted and linked once, as in
  // entityAt; its link goes to the fuller form, tagged ORG there.
  it('a cable holding two related keys is counted and linked once', () => {
    const f = fixture(`
//- /ws/c.cable
Saw [PER $0Pickard  ] again .
//- /ws/a.cable (closed)
Met [PER Nicolas Pickard  ] today .
//- /ws/b.cable (closed)
Met [PER Pickard  ] and the [ORG Nicolas Pickard  ] foundation .
`);
    assert.equal(f.service.entityAt(f.cursor.uri, f.cursor.offset)!.otherCables, 2);
    assert.equal(alsoIn(f.service.hover(f.cursor.uri, f.cursor.offset)!.markdown), 'Also in **2 other cables** (3 mentions): [a](file:///ws/a.cable#L1,10), [b](file:///ws/b.cable#L1,34) (ORG)');
  });
});
