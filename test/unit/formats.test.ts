import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseCable } from '../../server/src/core/parser';
import { untaggedText } from '../../server/src/core/edits';
import {
  ExportOptions,
  ImportError,
  ImportRecord,
  OffsetMap,
  buildCable,
  cableData,
  checkRecordIds,
  exportCable,
  readAnnotations,
  readBrat,
  stripMarkup,
} from '../../server/src/core/formats';
import { MarkupMap } from '../../server/src/core/formats/strip';
import { escapeValue, tokenize, unescapeValue } from '../../server/src/core/formats/conll';
import { SEED_PATH, corpusFiles, seedText } from '../helpers';

const TYPES = ['PER', 'ORG', 'LOC', 'MISC'];

/** Every export variant: each format, flavour, offset unit and scheme. */
const VARIANTS: ExportOptions[] = [
  { format: 'jsonl' },
  { format: 'jsonl', flavour: 'doccano' },
  { format: 'jsonl', offsets: 'utf16' },
  { format: 'jsonl', flavour: 'doccano', offsets: 'utf16' },
  { format: 'conll', scheme: 'iob2' },
  { format: 'conll', scheme: 'iob1' },
  { format: 'conll', scheme: 'bioes' },
  { format: 'brat' },
];

function exported(id: string, text: string, options: ExportOptions): string | { txt: string; ann: string } {
  const result = exportCable(id, text, options);
  if ('refusal' in result) throw new Error(`refused: ${result.refusal.message}`);
  return 'text' in result ? result.text : result.brat;
}

/** The records read back from an export. */
function readBack(id: string, output: string | { txt: string; ann: string }, options: ExportOptions): ImportRecord[] {
  if (typeof output !== 'string') return [readBrat(id, output.txt, output.ann, `${id}.ann`)];
  return readAnnotations(options.format as 'jsonl' | 'conll', output, 'export', { offsets: options.offsets });
}

function roundTrip(id: string, text: string, options: ExportOptions, types = TYPES): string {
  const records = readBack(id, exported(id, text, options), options);
  assert.equal(records.length, 1);
  assert.equal(records[0].id, id);
  return buildCable(records[0], { entityTypes: types });
}

/** The run fails with an ImportError whose message matches. */
function assertFails(run: () => unknown, message: RegExp): void {
  let error: unknown;
  try {
    run();
  } catch (e) {
    error = e;
  }
  assert.ok(error instanceof ImportError, `expected an ImportError, got ${String(error)}`);
  assert.match(error.message, message);
}

const name = (o: ExportOptions) => [o.format, o.flavour, o.offsets, o.scheme].filter(Boolean).join(' ');

/** A cable with what the corpus lacks: a BOM, CRLF, blank lines, tabs and NBSP, odd tag spacing, emoji, hyphen-split tags, brackets that are not tags, no final line break. */
const TRICKY =
  '\ufeff  <code><pre>UNCLASSIFIED ¶ “Quote” [MISC UK’s  ] 😀\r\n' +
  "<a id='par1' href='#par1'>¶</a>1 . [PER Bono-  ]Rumsfeld met [PER Edge  ] [PER Adam ]\t\t[LOC Paris   ] 😀 [ORG 😀Corp\u00a0 ] .\r\n\r\n" +
  '[MISC \tfoo\t ] x\u00a0y [ NAME REMOVED ] stray ] US-[LOC UK  ]\n</pre></code>';

describe('formats: a cable of many tags', function () {
  this.timeout(120000);

  /** CPU seconds of the best of `runs` exports and imports back (CPU time does not grow with the machine's load). */
  function timeOf(text: string, runs = 3): number {
    let best = Infinity;
    for (let i = 0; i < runs; i++) {
      const t0 = process.cpuUsage();
      assert.equal(roundTrip('many.cable', text, { format: 'jsonl' }), text);
      const t = process.cpuUsage(t0);
      best = Math.min(best, (t.user + t.system) / 1e6);
    }
    return best;
  }

  it('export and import grow linearly with the tags (4× the tags: under 10× the time; quadratic would be 16×)', () => {
    const cable = (n: number) => `<code><pre>UNCLAS\n${Array.from({ length: n }, (_, i) => `[PER P${i}  ] and [ORG O${i % 50}  ] ${i % 20 === 0 ? '\n' : ''}`).join('')}\n</pre></code>\n`;
    const small = cable(2000);
    const large = cable(8000);
    timeOf(small, 2); // warm up
    const ratio = timeOf(large, 3) / Math.max(timeOf(small, 3), 1e-4);
    assert.ok(ratio < 10, `4× the tags took ${ratio.toFixed(1)}× the time`);
  });
});

describe('formats: exact round trips', function () {
  this.timeout(120000);

  for (const options of VARIANTS) {
    it(`${name(options)}: the seed and every corpus cable come back byte for byte`, () => {
      const files = [SEED_PATH, ...corpusFiles()];
      assert.equal(files.length, 324);
      for (const file of files) {
        const text = fs.readFileSync(file, 'utf8');
        assert.equal(roundTrip(path.basename(file), text, options), text, path.basename(file));
      }
    });
  }

  for (const options of VARIANTS) {
    it(`${name(options)}: BOM, CRLF, tabs, NBSP, odd tag spacing, emoji and split words come back byte for byte`, () => {
      assert.equal(roundTrip('tricky.cable', TRICKY, options), TRICKY);
    });
  }

  it('a cable with no tags, with only whitespace, or empty', () => {
    for (const text of ['<code><pre>UNCLAS nothing tagged .\n</pre></code>\n', '  \n\t\n', '', 'x']) {
      for (const options of VARIANTS) assert.equal(roundTrip('plain.cable', text, options), text, `${JSON.stringify(text)} ${name(options)}`);
    }
  });

  it('the seed with CRLF line ends and every tag spaced differently', () => {
    let k = 0;
    const text = seedText()
      .replace(/\n/g, '\r\n')
      .replace(/\[(PER|ORG|LOC|MISC) ([^\]]*?)  \]/g, (_all, type: string, words: string) => `[${type}${' '.repeat(1 + (k % 3))}${words}${' '.repeat(k++ % 4)}]`);
    assert.match(text, /\[[A-Z]+ {3}\S/, 'three spaces after a type');
    assert.match(text, /\[[A-Z]+ [^\]\n]*\S\]/, 'no space before "]"');
    for (const options of VARIANTS) assert.equal(roundTrip('seed-crlf.txt', text, options), text, name(options));
  });

  it('the untagged text of an export is what the tags leave (untaggedText of the parse)', () => {
    for (const file of [SEED_PATH, ...corpusFiles().slice(0, 40)]) {
      const text = fs.readFileSync(file, 'utf8');
      const found = cableData('x', text);
      assert.ok('data' in found);
      assert.equal(found.data.text, untaggedText(parseCable(text)));
      assert.equal(found.data.spans.length, parseCable(text).mentions.length);
    }
  });
});

const UNEXPORTABLE_CODES = new Set(['tag-unclosed', 'tag-nested', 'tag-multiline', 'tag-empty']);

describe('formats: any text the parser accepts comes back exactly (property)', function () {
  this.timeout(120000);
  const word = fc.constantFrom('Bono', 'NATO', 'UK’s', '¶', '😀', '“x”', 'Bono-', 'a', '.', '-DOCSTART-', '\u00a0', '_', '|', '\\', 'O');
  const space = fc.constantFrom(' ', '  ', '\t', '\n', '\r\n', '\r', '\u00a0', '\u2003', '\ufeff', ' \n');
  const tag = fc
    .record({
      type: fc.constantFrom('PER', 'ORG', 'LOC', 'MISC', 'Org', 'PRE'),
      open: fc.constantFrom(' ', '  ', ' \t', ' \u00a0'),
      words: fc.array(word, { minLength: 1, maxLength: 3 }),
      close: fc.constantFrom('', ' ', '  ', '   ', '\t', '\u00a0 '),
    })
    .map((t) => `[${t.type}${t.open}${t.words.join(' ')}${t.close}]`);
  const markup = fc.constantFrom('<code><pre>', "<a id='par1' href='#par1'>¶</a>1", '</pre></code>', '[ NAME REMOVED ]', ']', '[ x', '[PER');
  const cable = fc.array(fc.oneof({ arbitrary: word, weight: 4 }, { arbitrary: space, weight: 4 }, { arbitrary: tag, weight: 3 }, { arbitrary: markup, weight: 1 }), { maxLength: 40 }).map((parts) => parts.join(''));
  const types = [...TYPES, 'Org', 'PRE'];

  it('every variant: exported exactly, or refused for a malformed tag (or -DOCSTART- in CoNLL)', () => {
    let exportedCount = 0;
    fc.assert(
      fc.property(cable, (text) => {
        const malformed = parseCable(text).problems.some((p) => UNEXPORTABLE_CODES.has(p.code)) || parseCable(text).mentions.some((m) => m.text.includes('['));
        for (const options of VARIANTS) {
          const result = exportCable('p.cable', text, options);
          if ('refusal' in result) {
            assert.ok(malformed || (options.format === 'conll' && /-DOCSTART-/.test(text)), `${name(options)}: ${result.refusal.message}`);
            continue;
          }
          exportedCount++;
          assert.equal(roundTrip('p.cable', text, options, types), text, name(options));
        }
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 400) },
    );
    assert.ok(exportedCount > 1000, `most texts export (${exportedCount})`);
  });
});

describe('formats: offsets', () => {
  // Untagged: `<code><pre>¶ “A” 😀Bob ’s Paris</pre></code>\n`; 😀 is one code point, two UTF-16 units.
  const CABLE = '<code><pre>¶ “A” [PER 😀Bob  ] ’s [LOC Paris  ]</pre></code>\n';

  it('JSONL counts code points by default, UTF-16 units with --offsets utf16', () => {
    const cp = JSON.parse(exported('o.cable', CABLE, { format: 'jsonl' }) as string);
    assert.equal(cp.text, '<code><pre>¶ “A” 😀Bob ’s Paris</pre></code>\n');
    assert.deepEqual(cp.spans, [
      { start: 17, end: 21, label: 'PER', text: '😀Bob' },
      { start: 25, end: 30, label: 'LOC', text: 'Paris' },
    ]);
    const u16 = JSON.parse(exported('o.cable', CABLE, { format: 'jsonl', offsets: 'utf16' }) as string);
    assert.deepEqual(
      u16.spans.map((s: { start: number; end: number }) => [s.start, s.end]),
      [
        [17, 22],
        [26, 31],
      ],
    );
    assert.equal(u16.text.slice(26, 31), 'Paris');
    const doccano = JSON.parse(exported('o.cable', CABLE, { format: 'jsonl', flavour: 'doccano' }) as string);
    assert.deepEqual(Object.keys(doccano), ['id', 'text', 'label']);
    assert.deepEqual(doccano.label, [
      [17, 21, 'PER'],
      [25, 30, 'LOC'],
    ]);
  });

  it('brat counts code points', () => {
    const brat = exported('o.cable', CABLE, { format: 'brat' }) as { txt: string; ann: string };
    assert.equal(brat.txt, '<code><pre>¶ “A” 😀Bob ’s Paris</pre></code>\n');
    assert.equal(brat.ann, 'T1\tPER 17 21\t😀Bob\nT2\tLOC 25 30\tParis\n');
  });

  it('OffsetMap converts both ways around surrogate pairs', () => {
    const map = new OffsetMap('a😀b😀😀c');
    // UTF-16: a0 😀1-2 b3 😀4-5 😀6-7 c8; code points: a0 😀1 b2 😀3 😀4 c5
    assert.deepEqual([0, 1, 3, 4, 6, 8, 9].map((u) => map.toCodePoints(u)), [0, 1, 2, 3, 4, 5, 6]);
    assert.deepEqual([0, 1, 2, 3, 4, 5, 6].map((c) => map.fromCodePoints(c)), [0, 1, 3, 4, 6, 8, 9]);
    assert.equal(map.fromCodePoints(7), undefined);
    assert.deepEqual([2, 5, 7].map((u) => map.splitsPair(u)), [true, true, true]);
    assert.deepEqual([0, 1, 3, 4, 6, 8].map((u) => map.splitsPair(u)), [false, false, false, false, false, false]);
  });

  it('Python reads the JSONL and brat offsets as the entities (checked by python3)', function () {
    const python = spawnSync('python3', ['--version']);
    if (python.error || python.status !== 0) {
      console.log('      python3 is missing: the offsets are not checked with Python.');
      this.skip();
    }
    const texts = [CABLE, TRICKY, seedText(), ...corpusFiles().slice(0, 60).map((f) => fs.readFileSync(f, 'utf8'))];
    const jsonl = texts.map((t, i) => exported(`c${i}.cable`, t, { format: 'jsonl' })).join('');
    const doccano = texts.map((t, i) => exported(`c${i}.cable`, t, { format: 'jsonl', flavour: 'doccano' })).join('');
    const brat = texts.map((t) => exported('x', t, { format: 'brat' }) as { txt: string; ann: string });
    // Python counts what it finds; the expected counts come from the tag markup, with a regex.
    const expected = texts.reduce((n, t) => n + (t.match(/\[(?:PER|ORG|LOC|MISC) /g) ?? []).length, 0);
    const script = `
import json, sys
data = json.load(sys.stdin)
n = 0
for line in data["jsonl"].splitlines():
    r = json.loads(line)
    for s in r["spans"]:
        assert r["text"][s["start"]:s["end"]] == s["text"], (r["id"], s)
        n += 1
m = 0
for line, spans in zip(data["doccano"].splitlines(), data["jsonl"].splitlines()):
    r = json.loads(line)
    for (a, b, label), s in zip(r["label"], json.loads(spans)["spans"]):
        assert r["text"][a:b] == s["text"] and label == s["label"]
        m += 1
k = 0
for pair in data["brat"]:
    for ann in pair["ann"].split("\\n"):
        if not ann.startswith("T"):
            continue
        tid, mid, text = ann.split("\\t")
        label, a, b = mid.split(" ")
        assert pair["txt"][int(a):int(b)] == text, (ann,)
        k += 1
print(n, m, k)
`;
    const run = spawnSync('python3', ['-c', script], { input: JSON.stringify({ jsonl, doccano, brat }), encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout.trim(), `${expected} ${expected} ${expected}`);
  });
});

describe('formats: CoNLL', () => {
  const ADJACENT = '[PER Bono  ] [PER Edge  ] met [PER Adam Clayton  ] [LOC Dublin  ] [LOC Cork  ] , [LOC Upper North Side  ] .\n';
  const tags = (output: string) =>
    output
      .split('\n')
      .slice(2)
      .filter((l) => l !== '')
      .map((l) => l.split(' ').pop());

  it('IOB2, IOB1 and BIOES on adjacent entities of the same type', () => {
    // Bono Edge met Adam Clayton Dublin Cork , Upper North Side .
    assert.deepEqual(tags(exported('a.cable', ADJACENT, { format: 'conll', scheme: 'iob2' }) as string), ['B-PER', 'B-PER', 'O', 'B-PER', 'I-PER', 'B-LOC', 'B-LOC', 'O', 'B-LOC', 'I-LOC', 'I-LOC', 'O']);
    assert.deepEqual(tags(exported('a.cable', ADJACENT, { format: 'conll', scheme: 'iob1' }) as string), ['I-PER', 'B-PER', 'O', 'I-PER', 'I-PER', 'I-LOC', 'B-LOC', 'O', 'I-LOC', 'I-LOC', 'I-LOC', 'O']);
    assert.deepEqual(tags(exported('a.cable', ADJACENT, { format: 'conll', scheme: 'bioes' }) as string), ['S-PER', 'S-PER', 'O', 'B-PER', 'E-PER', 'S-LOC', 'S-LOC', 'O', 'B-LOC', 'I-LOC', 'E-LOC', 'O']);
    for (const scheme of ['iob2', 'iob1', 'bioes'] as const) assert.equal(roundTrip('a.cable', ADJACENT, { format: 'conll', scheme }), ADJACENT, scheme);
  });

  it('IOB1 needs B- only right after an entity of the same type, not after another type or a new line', () => {
    const text = '[PER Ann  ] [LOC Rome  ] [PER Bob  ]\n[PER Cy  ] x\n';
    assert.deepEqual(tags(exported('b.cable', text, { format: 'conll', scheme: 'iob1' }) as string), ['I-PER', 'I-LOC', 'I-PER', 'I-PER', 'O']);
    assert.equal(roundTrip('b.cable', text, { format: 'conll', scheme: 'iob1' }), text);
  });

  it('a tag edge inside a word splits the token; the spacing column joins it again', () => {
    const output = exported('h.cable', 'met [PER Bono-  ]Rumsfeld and US-[LOC UK  ] .\n', { format: 'conll' }) as string;
    assert.equal(
      output,
      '-DOCSTART- id=h.cable|Scheme=iob2 O\n\n' +
        'met _ O\nBono- SpaceAfter=No B-PER\nRumsfeld _ O\nand _ O\nUS- SpaceAfter=No O\nUK _ B-LOC\n. SpacesAfter=\\n O\n\n',
    );
  });

  it('one sentence per line, a blank line after each; -DOCSTART- carries the id, the scheme and the leading whitespace', () => {
    const output = exported('s p|ace.cable', ' \tOne [ORG NATO  ] .\r\nTwo\n\nThree', { format: 'conll', scheme: 'bioes' }) as string;
    assert.equal(
      output,
      '-DOCSTART- id=s\\sp\\pace.cable|Scheme=bioes|SpacesBefore=\\s\\t O\n\n' +
        'One _ O\nNATO _ S-ORG\n. SpacesAfter=\\r\\n O\n\n' +
        'Two SpacesAfter=\\n\\n O\n\n' +
        'Three SpaceAfter=No O\n\n',
    );
    assert.equal(roundTrip('s p|ace.cable', ' \tOne [ORG NATO  ] .\r\nTwo\n\nThree', { format: 'conll', scheme: 'bioes' }), ' \tOne [ORG NATO  ] .\r\nTwo\n\nThree');
  });

  it('tokens split on every whitespace Python and JavaScript agree on, and never hold one', () => {
    const text = 'a\u00a0b\u2003c\u3000d\u0085e\u001cf\ufeffg h\u200bi';
    const tokens = tokenize(text, []).map((t) => text.slice(t.start, t.end));
    assert.deepEqual(tokens, ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h\u200bi']); // U+200B is not whitespace for either
  });

  it('escapes: CoNLL-U style, reversible', () => {
    assert.equal(escapeValue(' \t\n\r|\\\u00a0x'), '\\s\\t\\n\\r\\p\\\\\\u00A0x');
    assert.equal(unescapeValue('\\s\\t\\n\\r\\p\\\\\\u00A0x', 'here'), ' \t\n\r|\\\u00a0x');
    assert.throws(() => unescapeValue('\\q', 'f.conll:3'), /f\.conll:3: unknown escape "\\q"/);
  });

  it('reads a plain two-column CoNLL: tokens joined by spaces, sentences by line breaks', () => {
    const records = readAnnotations('conll', '-DOCSTART- id=x.cable O\n\nBono B-PER\nmet O\n\nNATO B-ORG\n.\tO\n', 'p.conll');
    assert.equal(records[0].text, 'Bono met\nNATO .\n');
    assert.equal(buildCable(records[0], { entityTypes: TYPES }), '[PER Bono  ] met\n[ORG NATO  ] .\n');
  });

  it('tag sequences the scheme does not allow are errors naming the line', () => {
    const read = (body: string, scheme?: 'iob1' | 'iob2' | 'bioes') => () => readAnnotations('conll', `-DOCSTART- id=x.cable O\n\n${body}`, 'p.conll', { scheme });
    assertFails(read('a O\nb I-PER\n'), /p\.conll:4: I-PER does not continue a PER entity: in IOB2 an entity starts with B-PER \(if the file is IOB1, give --scheme iob1\)/);
    assert.doesNotThrow(read('a O\nb I-PER\n', 'iob1'));
    assertFails(read('a B-PER\nb O\n', 'bioes'), /p\.conll:4: O follows B-PER: in BIOES an entity ends with E- or S-/);
    assertFails(read('a B-PER\n', 'bioes'), /p\.conll:3: B-PER ends the sentence inside an entity/);
    assertFails(read('a S-PER\n'), /p\.conll:3: S-PER is not an IOB2 tag/);
    assertFails(read('a PER\n'), /p\.conll:3: "PER" is not a tag/);
    assertFails(read('lonely\n'), /p\.conll:3: the line has no tag column/);
    assertFails(() => readAnnotations('conll', 'a O\n', 'p.conll'), /p\.conll:1: a token before the first -DOCSTART- line/);
    assertFails(() => readAnnotations('conll', '-DOCSTART- id=x O\nHello SpacesAfter=abc O\n', 'p.conll'), /p\.conll:2: SpacesAfter=abc holds more than white space/);
    assert.equal(readAnnotations('conll', '-DOCSTART- id=x O\nHello SpacesAfter=\\s\\t\\u00A0 O\nworld _ O\n', 'p.conll')[0].text, 'Hello \t\u00a0world ');
    assertFails(() => readAnnotations('conll', '-DOCSTART- -X- -X- O\n', 'p.conll'), /p\.conll:1: the -DOCSTART- line names no cable/);
    assertFails(() => readAnnotations('conll', '-DOCSTART- id=x|Scheme=iob1 O\n', 'p.conll', { scheme: 'bioes' }), /says Scheme=iob1, but --scheme bioes was given/);
  });

  it('a cable holding the word -DOCSTART- is refused, not exported ambiguously', () => {
    const result = exportCable('d.cable', 'one\ntwo\n-DOCSTART- x\n', { format: 'conll' });
    assert.ok('refusal' in result);
    assert.equal(result.refusal.line, 3);
    assert.match(result.refusal.message, /"-DOCSTART-" would read as the start of another cable/);
  });
});

describe('formats: malformed cables', () => {
  const cases: Array<[string, string, number, number, RegExp]> = [
    ['unclosed', 'ok line\nthe [PER Bob met\n', 2, 5, /Unclosed tag: \[PER/],
    ['nested', 'x [ORG NATO [LOC UK  ] x  ]\n', 1, 13, /Nested tag: \[LOC opens inside \[ORG/],
    ['multiline', 'a [PER Bob\nSmith  ] b\n', 1, 3, /Tag broken across a line/],
    ['empty', 'a\nb [ORG  ] c\n', 2, 3, /Empty tag/],
  ];
  for (const [kind, text, line, column, message] of cases) {
    it(`a ${kind} tag: every format refuses the cable, naming line and column`, () => {
      for (const options of VARIANTS) {
        const result = exportCable('bad.cable', text, options);
        assert.ok('refusal' in result, name(options));
        assert.equal(result.refusal.line, line);
        assert.equal(result.refusal.column, column);
        assert.match(result.refusal.message, message);
        assert.match(result.refusal.message, /A malformed tag has no span to export/);
      }
    });
  }

  it('a tag holding "[" (here an editorial redaction that closes it): every format refuses, naming the "["', () => {
    const text = 'a\nx [PER [ NAME REMOVED ] y\n';
    for (const options of VARIANTS) {
      const result = exportCable('bad.cable', text, options);
      assert.ok('refusal' in result, name(options));
      assert.equal(result.refusal.line, 2);
      assert.equal(result.refusal.column, 8);
      assert.match(result.refusal.message, /The tag \[PER holds "\["/);
    }
  });

  it('a stray "]" is text, and an unknown type is a label: both exported exactly (the label needs --types on import)', () => {
    const text = 'a ] b [PRE Foo  ] c\n';
    const json = JSON.parse(exported('u.cable', text, { format: 'jsonl' }) as string);
    assert.equal(json.text, 'a ] b Foo c\n');
    assert.deepEqual(json.spans, [{ start: 6, end: 9, label: 'PRE', text: 'Foo' }]);
    assertFails(() => roundTrip('u.cable', text, { format: 'jsonl' }), /unknown label "PRE": the entity types are PER, ORG, LOC, MISC \(allow more with --types, or the setting taggedCables\.entityTypes\)/);
    assert.equal(roundTrip('u.cable', text, { format: 'jsonl' }, [...TYPES, 'PRE']), text);
  });
});

describe('formats: --strip-markup', () => {
  const CABLE = "<code><pre>UNCLAS [LOC UK  ] x <a id='par1' href='#par1'>¶</a>1 . [PER Bob  ] met\n</pre></code>\n";

  it('drops the wrapper and the anchors; the offsets follow the text', () => {
    const json = JSON.parse(exported('m.cable', CABLE, { format: 'jsonl', stripMarkup: true }) as string);
    assert.equal(json.text, 'UNCLAS UK x 1 . Bob met\n\n');
    assert.deepEqual(json.spans, [
      { start: 7, end: 9, label: 'LOC', text: 'UK' },
      { start: 16, end: 19, label: 'PER', text: 'Bob' },
    ]);
    const conll = exported('m.cable', CABLE, { format: 'conll', stripMarkup: true }) as string;
    assert.ok(!conll.includes('<a') && !conll.includes('<code>'));
  });

  it('stripping is not reversible from the export alone', () => {
    assert.notEqual(roundTrip('m.cable', CABLE, { format: 'jsonl', stripMarkup: true }), CABLE);
  });

  it('MarkupMap: offsets inside removed markup collapse; starts go after it, ends before it', () => {
    const map = new MarkupMap([
      { start: 0, end: 3 },
      { start: 5, end: 7 },
      { start: 7, end: 9 },
    ]);
    // untagged: MMMabMMMMcd → stripped: abcd
    assert.deepEqual([0, 1, 3, 4, 5, 6, 9, 10, 11].map((o) => map.toStripped(o)), [0, 0, 0, 1, 2, 2, 2, 3, 4]);
    assert.deepEqual([0, 1, 2, 3].map((o) => map.fromStripped(o, 'start')), [3, 4, 9, 10]);
    assert.deepEqual([0, 1, 2, 3].map((o) => map.fromStripped(o, 'end')), [0, 4, 5, 10]);
  });

  it('a span over removed markup shrinks to its text, or goes when nothing is left', () => {
    const found = cableData('x', '<code><pre>[PER Bob  ] x\n</pre></code>');
    assert.ok('data' in found);
    const stripped = stripMarkup({ ...found.data, spans: [...found.data.spans, { start: 0, end: 5, label: 'ORG' }].sort((a, b) => a.start - b.start) });
    assert.equal(stripped.text, 'Bob x\n');
    assert.deepEqual(stripped.spans, [{ start: 0, end: 3, label: 'PER' }]);
  });
});

describe('formats: import of model output onto a cable', () => {
  const CABLE = '<code><pre>UNCLAS [ORG NATO ] met Bono-Rumsfeld in [LOC Paris ] .\n' + "<a id='par2' href='#par2'>¶</a>2 . 😀 Edge left .\n</pre></code>\n";
  const UNTAGGED = '<code><pre>UNCLAS NATO met Bono-Rumsfeld in Paris .\n' + "<a id='par2' href='#par2'>¶</a>2 . 😀 Edge left .\n</pre></code>\n";
  const target = { name: 'cables/m.cable', text: CABLE };
  const record = (spans: unknown[], extra: Record<string, unknown> = {}) => readAnnotations('jsonl', JSON.stringify({ id: 'm.cable', spans, ...extra }) + '\n', 'preds.jsonl')[0];
  const at = (needle: string) => [...UNTAGGED.slice(0, UNTAGGED.indexOf(needle))].length; // code points

  it('spans without a text go onto the cable; its tags are replaced; the untagged text is unchanged', () => {
    const spans = [
      { start: at('Bono'), end: at('Bono') + 4, label: 'PER' }, // inside a word: a boundary tag
      { start: at('Edge'), end: at('Edge') + 4, label: 'PER' },
    ];
    const out = buildCable(record(spans), { entityTypes: TYPES, target });
    assert.equal(out, '<code><pre>UNCLAS NATO met [PER Bono ]-Rumsfeld in Paris .\n' + "<a id='par2' href='#par2'>¶</a>2 . 😀 [PER Edge ] left .\n</pre></code>\n");
    assert.equal(untaggedText(parseCable(out)), UNTAGGED);
  });

  it('the cable\'s spacing convention is kept (here one space before "]")', () => {
    const out = buildCable(record([{ start: at('Paris'), end: at('Paris') + 5, label: 'LOC' }]), { entityTypes: TYPES, target });
    assert.ok(out.includes('[LOC Paris ]'));
  });

  it('a text that is not the cable\'s untagged text: the error names the record and the first differing offset', () => {
    const changed = UNTAGGED.replace('Edge left', 'Edge went');
    const err = () => buildCable(record([], { text: changed }), { entityTypes: TYPES, target });
    assertFails(err, new RegExp(`^preds\\.jsonl:1 \\(id "m\\.cable"\\): the text is not the untagged text of cables/m\\.cable: they differ at offset ${at('left')} \\(code points\\): "went \\.\\\\n</pre></code>\\\\n" in the record, "left`));
  });

  it('model output over the stripped text is mapped back onto the cable', () => {
    const stripped = 'UNCLAS NATO met Bono-Rumsfeld in Paris .\n2 . 😀 Edge left .\n\n';
    const s = [...stripped.slice(0, stripped.indexOf('Edge'))].length;
    const out = buildCable(record([{ start: s, end: s + 4, label: 'PER', text: 'Edge' }], { text: stripped }), { entityTypes: TYPES, target });
    assert.equal(untaggedText(parseCable(out)), UNTAGGED);
    assert.ok(out.includes('😀 [PER Edge ] left'));
  });

  it('CoNLL tokens from a tagger are aligned with the cable\'s words', () => {
    const conll = '-DOCSTART- id=m.cable O\n\n' + UNTAGGED.split(/\s+/).filter(Boolean).map((w) => `${w} ${w === 'NATO' ? 'B-ORG' : w === 'Edge' ? 'B-PER' : 'O'}`).join('\n') + '\n';
    const out = buildCable(readAnnotations('conll', conll, 'tagger.conll')[0], { entityTypes: TYPES, target });
    assert.equal(out, '<code><pre>UNCLAS [ORG NATO ] met Bono-Rumsfeld in Paris .\n' + "<a id='par2' href='#par2'>¶</a>2 . 😀 [PER Edge ] left .\n</pre></code>\n");
    const wrong = conll.replace('\nmet O', '\nmeet O');
    assertFails(() => buildCable(readAnnotations('conll', wrong, 'tagger.conll')[0], { entityTypes: TYPES, target }), /tagger\.conll:5: the token "meet" is not the next word of cables\/m\.cable: at offset 23 \(UTF-16\) the cable's untagged text reads "met Bono/);
  });

  it('whitespace at a span\'s edges is trimmed (a tag cannot hold it)', () => {
    const out = buildCable(record([{ start: at('Edge') - 1, end: at('Edge') + 5, label: 'PER' }]), { entityTypes: TYPES, target });
    assert.ok(out.includes('😀 [PER Edge ] left'));
  });
});

describe('formats: bad input', () => {
  const TEXT = 'The [PER 😀Bob  ] met\nAnn in Rome .\n';
  const jsonl = (record: Record<string, unknown>) => JSON.stringify({ id: 'b.cable', text: TEXT.replace(/\[PER |  \]/g, ''), ...record }) + '\n';
  const build = (line: string, options: { offsets?: 'utf16'; types?: string[] } = {}) => () => {
    const records = readAnnotations('jsonl', line, 'in.jsonl', { offsets: options.offsets });
    checkRecordIds(records);
    return records.map((r) => buildCable(r, { entityTypes: options.types ?? TYPES }));
  };
  // Untagged: "The 😀Bob met\nAnn in Rome .\n": code points T0 h1 e2 _3 😀4 B5 o6 b7 _8 m9 e10 t11 \n12 A13 …
  const cases: Array<[string, () => unknown, RegExp]> = [
    ['invalid JSON', () => readAnnotations('jsonl', '{"id": "a", "text": "", "spans": []}\n{"id": \n', 'in.jsonl'), /^in\.jsonl:2: invalid JSON: /],
    ['not an object', build('[1, 2]\n'), /^in\.jsonl:1: a record must be a JSON object/],
    ['no id', build('{"text": "x", "spans": []}\n'), /^in\.jsonl:1: the record has no "id"/],
    ['a numeric id', build('{"id": 3, "text": "x", "spans": []}\n'), /^in\.jsonl:1: the record has no "id" naming its cable file .*got 3/],
    ['an id with a folder', build('{"id": "../x.cable", "text": "x", "spans": []}\n'), /the id "\.\.\/x\.cable" is not a file name/],
    ['a repeated id', build(jsonl({ spans: [] }) + jsonl({ spans: [] })), /^in\.jsonl:2 \(id "b\.cable"\): the id "b\.cable" is used twice \(also at in\.jsonl:1/],
    ['no spans', build(JSON.stringify({ id: 'b.cable', text: 'x' })), /the record has no spans/],
    ['spans and label', build(jsonl({ spans: [], label: [] })), /has both "spans" and "label"/],
    ['no text, no cable', build('{"id": "b.cable", "spans": []}\n'), /the record has no text; name the cables it is for \(--cables\)/],
    ['out of range', build(jsonl({ spans: [{ start: 20, end: 40, label: 'LOC' }] })), /^in\.jsonl:1, span 1: the span 20–40 is out of range: the text has 27 code points\./],
    ['negative', build(jsonl({ spans: [{ start: -1, end: 2, label: 'LOC' }] })), /start and end must be whole numbers, 0 or more/],
    ['not a number', build(jsonl({ spans: [{ start: '1', end: 2, label: 'LOC' }] })), /start and end must be whole numbers/],
    ['reversed', build(jsonl({ spans: [{ start: 5, end: 2, label: 'LOC' }] })), /the span is empty or reversed \(start 5, end 2\)/],
    ['overlapping', build(jsonl({ spans: [{ start: 4, end: 8, label: 'PER' }, { start: 5, end: 12, label: 'ORG' }] })), /^in\.jsonl:1, span 2: the span "Bob met" overlaps "😀Bob" \(in\.jsonl:1, span 1\)/],
    ['a line break', build(jsonl({ spans: [{ start: 9, end: 16, label: 'LOC' }] })), /the span "met\\nAnn" crosses a line break/],
    ['an unknown label', build(jsonl({ spans: [{ start: 20, end: 24, label: 'GPE' }] })), /^in\.jsonl:1, span 1: unknown label "GPE": the entity types are PER, ORG, LOC, MISC \(allow more with --types, or the setting taggedCables\.entityTypes\)/],
    ['a label that cannot be a type', build(jsonl({ spans: [{ start: 20, end: 24, label: 'B PER' }] }), { types: ['B PER'] }), /the label "B PER" cannot be a tag type/],
    ['only whitespace', build(jsonl({ spans: [{ start: 3, end: 4, label: 'PER' }] })), /the span holds only whitespace/],
    ['a span text that differs', build(jsonl({ spans: [{ start: 20, end: 24, label: 'LOC', text: 'Roma' }] })), /the span's text "Roma" is not the text at 20–24, "Rome"\.$/],
    ['UTF-16 offsets read as code points', build(jsonl({ spans: [{ start: 6, end: 9, label: 'PER', text: 'Bob' }] })), /is not the text at 6–9, "ob "\. The offsets fit as UTF-16 units: use --offsets utf16\./],
    ['a split surrogate pair', build(jsonl({ spans: [{ start: 5, end: 8, label: 'PER' }] }), { offsets: 'utf16' }), /cuts a character outside the BMP \(an emoji\) in two/],
    ['a bad tagSpacing', build(jsonl({ spans: [{ start: 20, end: 24, label: 'LOC' }], tagSpacing: [{ start: 1, end: 2, close: ' ' }] })), /the "tagSpacing" entry .* matches no span/],
    ['tag spacing that is not spaces', build(jsonl({ spans: [{ start: 20, end: 24, label: 'LOC' }], tagSpacing: [{ start: 20, end: 24, close: 'x' }] })), /the tag spacing before "\]" must be spaces or tabs/],
  ];
  for (const [what, run, message] of cases) {
    it(`JSONL: ${what}`, () => {
      assertFails(run, message);
    });
  }

  it('JSONL: spans holding "[" or "]"', () => {
    const text = 'a [ NAME REMOVED ] b\n';
    const run = build(JSON.stringify({ id: 'x.cable', text, spans: [{ start: 2, end: 18, label: 'PER' }] }));
    assertFails(run, /the span "\[ NAME REMOVED \]" contains "\[", which a tag cannot hold/);
    const close = build(JSON.stringify({ id: 'x.cable', text, spans: [{ start: 9, end: 18, label: 'PER' }] }));
    assertFails(close, /the span "REMOVED \]" contains "\]"/);
  });

  it('JSONL: a text whose brackets would read as tag markup', () => {
    const text = 'x [ORG y\n'; // "[ORG " would open a tag once tags are written around it
    const run = build(JSON.stringify({ id: 'x.cable', text, spans: [{ start: 0, end: 1, label: 'PER' }] }));
    assertFails(run, /with these tags the text would not read back the same|would not read back as the given spans/);
  });

  it('JSONL: a good record with --types and a doccano label list', () => {
    const [out] = build(jsonl({ label: [[20, 24, 'GPE']] }), { types: ['GPE'] })() as string[];
    assert.equal(out, 'The 😀Bob met\nAnn in [GPE Rome  ] .\n');
  });

  it('brat: an .ann whose text does not match the .txt, discontinuous spans, unknown lines', () => {
    const txt = 'The Bob met Ann .\n';
    const ann = (line: string) => () => buildCable(readBrat('b.cable', txt, line, 'out/b.cable.ann'), { entityTypes: TYPES });
    assertFails(ann('T1\tPER 4 7\tBob\nT2\tPER 12 15\tAnne\n'), /^out\/b\.cable\.ann:2 \(T2\): the span's text "Anne" is not the text at 12–15, "Ann"\.$/);
    assertFails(ann('T1\tPER 4 7;12 15\tBob Ann\n'), /out\/b\.cable\.ann:1: T1 is discontinuous/);
    assertFails(ann('X1\tfoo\n'), /out\/b\.cable\.ann:1: not a brat annotation line/);
    assertFails(ann('T1\tPER 4 7\tBob\nT1\tPER 12 15\tAnn\n'), /T1 is defined twice/);
    assertFails(ann('T1\tPER 4 7\tBob\n#1\tAnnotatorNotes T9\ttagSpacing {"close":" "}\n'), /the note is for T9, which is not an entity/);
    const notes: string[] = [];
    const record = readBrat('b.cable', txt, 'T1\tPER 4 7\tBob\nR1\tKnows Arg1:T1 Arg2:T1\n#1\tAnnotatorNotes T1\tchecked\n', 'b.ann', notes);
    assert.equal(buildCable(record, { entityTypes: TYPES }), 'The [PER Bob  ] met Ann .\n');
    assert.deepEqual(notes, ['b.ann: 1 relation left out (a tag holds only an entity and its type).', 'b.ann: 1 note left out (a tag holds only an entity and its type).']);
  });
});

describe('formats: the README examples are real output', () => {
  const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Data in and out'), readme.indexOf('## Install in VS Code'));
  /** The first fenced block after a heading or phrase. */
  const blockAfter = (marker: string) => {
    const from = section.indexOf(marker);
    assert.ok(from >= 0, marker);
    const m = /```[a-z]*\n([\s\S]*?)```/.exec(section.slice(from));
    assert.ok(m, `a code block after ${marker}`);
    return m[1];
  };
  const cable = blockAfter('The examples below export this cable');
  const id = '09EXAMPLE1.cable';

  it('JSONL and doccano', () => {
    assert.equal(blockAfter('### JSONL'), exported(id, cable, { format: 'jsonl' }));
    const doccano = JSON.parse(exported(id, cable, { format: 'jsonl', flavour: 'doccano' }) as string);
    assert.ok(section.includes(`"label":${JSON.stringify(doccano.label)}`));
  });

  it('CoNLL (the lines shown, around the elided banner)', () => {
    const shown = blockAfter('### CoNLL').split('\n');
    const actual = (exported(id, cable, { format: 'conll' }) as string).split('\n');
    const cut = shown.indexOf('…');
    assert.deepEqual(shown.slice(0, cut), actual.slice(0, cut));
    const tail = shown.slice(cut + 1);
    assert.deepEqual(tail, actual.slice(actual.length - 1 - tail.length, actual.length - 1));
  });

  it('brat, and the stripped text', () => {
    const brat = exported(id, cable, { format: 'brat' }) as { txt: string; ann: string };
    assert.equal(blockAfter('### brat'), brat.ann);
    const stripped = JSON.parse(exported(id, cable, { format: 'jsonl', stripMarkup: true }) as string);
    assert.ok(section.includes('`' + stripped.text.replace(/\n/g, '\\n') + '`'));
    const brussels = stripped.spans.find((s: { text: string }) => s.text === 'Brussels');
    assert.ok(section.includes(`Brussels \`${brussels.start}–${brussels.end}\``));
  });
});

describe('formats: the VS Code commands in the manifest', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8'));
  const source = fs.readFileSync(path.join(__dirname, '..', '..', 'client', 'src', 'annotations.ts'), 'utf8');

  it('Tagged Cables: Export Annotations… and Import Annotations…, registered by the client', () => {
    const commands = manifest.contributes.commands.filter((c: { command: string }) => c.command.endsWith('Annotations'));
    assert.deepEqual(commands, [
      { command: 'taggedCables.exportAnnotations', title: 'Export Annotations…', category: 'Tagged Cables' },
      { command: 'taggedCables.importAnnotations', title: 'Import Annotations…', category: 'Tagged Cables' },
    ]);
    assert.ok(source.includes("EXPORT_COMMAND = 'taggedCables.exportAnnotations'"));
    assert.ok(source.includes("IMPORT_COMMAND = 'taggedCables.importAnnotations'"));
  });

  it('export is in the Explorer context menu for folders, .cable and .txt files', () => {
    const entries = manifest.contributes.menus['explorer/context'].filter((m: { command: string }) => m.command === 'taggedCables.exportAnnotations');
    assert.equal(entries.length, 1);
    assert.equal(entries[0].when, 'explorerResourceIsFolder || resourceExtname == .cable || resourceExtname == .txt');
  });
});
