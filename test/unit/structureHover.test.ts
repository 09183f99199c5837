import * as assert from 'node:assert/strict';
import { URI, corpusText, nth, seedText, serviceFor } from '../helpers';

describe('hover on structure', () => {
  const seed = seedText();
  const service = serviceFor(seed);
  const hoverAt = (offset: number) => service.hover(URI, offset)?.markdown;

  it('the banner: the level in words', () => {
    const md = hoverAt(nth(seed, 'C O N F I D E N T I A L') + 4)!;
    assert.match(md, /^\*\*CONFIDENTIAL\*\* — classification banner/);
    assert.match(md, /could damage national security/);
  });

  it('a portion marking: level, controls, and the overall level', () => {
    const md = hoverAt(nth(seed, '( C )', 0) + 2)!;
    assert.match(md, /\*\*\( C \)\*\* — portion marked \*\*CONFIDENTIAL\*\*/);
    assert.match(md, /The cable is \*\*CONFIDENTIAL\*\*/);
    const text = "<code><pre>S E C R E T NOFORN TAGS PREL\n<a id='par1' href='#par1'>¶</a>1 .\n( S/NF ) A .\n<a id='par2' href='#par2'>¶</a>2 .\n( C//REL NATO ) B .\n<a id='par3' href='#par3'>¶</a>3 .\n( U//FOUO ) C .\n</pre></code>";
    const s = serviceFor(text);
    assert.match(s.hover(URI, nth(text, 'S/NF'))!.markdown, /`NF`: NOFORN: not releasable to foreign nationals/);
    assert.match(s.hover(URI, nth(text, 'REL NATO'))!.markdown, /`REL NATO`: Releasable to NATO/);
    assert.match(s.hover(URI, nth(text, 'FOUO'))!.markdown, /portion marked \*\*UNCLASSIFIED\*\*[\s\S]*`FOUO`: For Official Use Only/);
    assert.match(s.hover(URI, nth(text, 'NOFORN'))!.markdown, /`NOFORN` — not releasable to foreign nationals/);
  });

  it('TAGS entries: subject tags, and entity-tagged geo tags', () => {
    assert.match(hoverAt(nth(seed, 'MOPS'))!, /\*\*MOPS\*\* — subject tag: Military operations/i);
    assert.match(hoverAt(nth(seed, 'PREL'))!, /\*\*PREL\*\* — subject tag: External political relations/i);
    const uk = hoverAt(nth(seed, '[LOC UK  ]') + 5)!;
    assert.match(uk, /\*\*UK\*\* — Location/);
    assert.match(uk, /country tag: United Kingdom/);
    const tehran = corpusText('72TEHRAN1164.cable');
    const s = serviceFor(tehran);
    assert.match(s.hover(URI, nth(tehran, ' IR ') + 1)!.markdown, /country tag: Iran/);
  });

  it('paragraph anchors: number, marking and first words', () => {
    const md = hoverAt(nth(seed, "<a id='par3'") + 3)!;
    assert.match(md, /^\*\*Paragraph 3\*\* \(anchor `par3`\), marked `\( C \)` — CONFIDENTIAL/);
    assert.match(md, /> Pickard informed the group that the Convention on Cluster Munitions/);
  });

  it('running-text parentheses are not markings', () => {
    assert.equal(hoverAt(nth(seed, '( ref A )') + 2), undefined);
    assert.equal(hoverAt(nth(seed, '( L )') + 2), undefined);
  });
});
