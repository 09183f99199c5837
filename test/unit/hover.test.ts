import * as assert from 'node:assert/strict';
import { URI, nth, seedText, serviceFor, withCursor } from '../helpers';

function hoverAt(input: string) {
  const { text, offset } = withCursor(input);
  return serviceFor(text).hover(URI, offset);
}

describe('hover', () => {
  const seed = seedText();
  const service = serviceFor(seed);

  it('on Pickard: type in words, name, mention count, paragraphs and forms', () => {
    const result = service.hover(URI, nth(seed, '[PER Pickard  ]', 3) + 6)!;
    const count = (seed.match(/\[PER (Nicolas )?Pickard {2}\]/g) ?? []).length;
    assert.equal(
      result.markdown,
      [
        '**Nicolas Pickard** — Person `PER`',
        `**${count} mentions** in this cable, in paragraphs 2–8`,
        'Forms: `Nicolas Pickard` ×1, `Pickard` ×13',
      ].join('\n\n'),
    );
    assert.equal(seed.slice(result.span.start, result.span.end), '[PER Pickard  ]');
  });

  it('works on every part of the tag: bracket, type, text, spaces, closing bracket', () => {
    const start = nth(seed, '[PER Costner  ]');
    for (let i = 0; i < '[PER Costner  ]'.length; i++) {
      assert.match(service.hover(URI, start + i)!.markdown, /Steven Costner/, `offset +${i}`);
    }
    assert.equal(service.hover(URI, start - 1), undefined);
    assert.equal(service.hover(URI, start + '[PER Costner  ]'.length), undefined);
  });

  it('names the header among the places', () => {
    const result = service.hover(URI, nth(seed, 'Costner  ]'))!;
    assert.match(result.markdown, /\*\*6 mentions\*\* in this cable, in the header and paragraphs 2, 4, 6, 8/);
    assert.match(result.markdown, /`STEVEN COSTNER` ×1/);
  });

  it('shows a type conflict', () => {
    const result = service.hover(URI, nth(seed, '[ORG Ford  ]') + 1)!;
    assert.match(result.markdown, /^\*\*Andrew Ford\*\* — Person `PER`/);
    assert.match(result.markdown, /Tagged with different types: ORG ×3, PER ×2\. This mention is tagged `ORG`\./);
    assert.doesNotMatch(service.hover(URI, nth(seed, '[PER Ford  ]') + 1)!.markdown, /This mention is tagged/);
  });

  it('types in words', () => {
    assert.match(hoverAt('[LOC Par$0is  ]')!.markdown, /— Location `LOC`/);
    assert.match(hoverAt('[ORG N$0ATO  ]')!.markdown, /— Organization `ORG`/);
    assert.match(hoverAt('[MISC Brit$0ish  ]')!.markdown, /— Miscellaneous `MISC`/);
    assert.match(hoverAt('[LOC Paris  ] [LOC Pa$0ris  ]')!.markdown, /\*\*2 mentions\*\*/);
  });

  it('nothing outside tags; a note on malformed tags', () => {
    assert.equal(hoverAt('plain $0text [PER A  ]'), undefined);
    assert.match(hoverAt('[PER Fo$0o\n')!.markdown, /malformed/);
  });

  it('escapes markdown in entity text', () => {
    assert.match(hoverAt('[ORG A*B_C$0  ]')!.markdown, /\*\*A\\\*B\\_C\*\*/);
  });
});
