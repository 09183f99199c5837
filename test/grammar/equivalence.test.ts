/**
 * The grammar was rewritten for speed (scripts/profile-grammar.mjs); this test proves that users see
 * the same scopes, hence the same colours, as with the grammar before the rewrite, kept as
 * test/fixtures/grammar/cable.tmLanguage.baseline.json. Both grammars tokenize, through
 * vscode-textmate + vscode-oniguruma, the seed, every corpus cable and deterministic variants of
 * corpus lines (slices, splices, inserted markup, random sequences of cable pieces), and every
 * character must get the same scopes.
 *
 * Tokens are compared as scope runs: each token clipped to the line (vscode-textmate may give the last
 * token the line's appended newline), adjacent tokens with identical scopes merged (VS Code's binary
 * tokens merge them too).
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vsctm from 'vscode-textmate';
import { Run, loadCableGrammar, random, scopeRuns } from './textmate';

const ROOT = path.resolve(__dirname, '..', '..');
const CURRENT = path.join(ROOT, 'syntaxes', 'cable.tmLanguage.json');
const BASELINE = path.join(ROOT, 'test', 'fixtures', 'grammar', 'cable.tmLanguage.baseline.json');
const SEED_FILE = path.join(ROOT, 'seeds', '000_d5a32e40f8b893e0.txt');
const CORPUS = path.join(ROOT, 'test', 'fixtures', 'corpus');

function load(file: string): Promise<vsctm.IGrammar> {
  return loadCableGrammar(fs.readFileSync(file, 'utf8'), file);
}

/** The first difference between two run lists, described with the text it covers; undefined if equal. */
function firstDifference(text: string, a: Run[], b: Run[]): string | undefined {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (x && y && x[0] === y[0] && x[1] === y[1] && x[2] === y[2]) continue;
    const show = (r: Run | undefined): string => (r ? `${JSON.stringify(text.slice(r[0], r[1]))} [${r[0]}, ${r[1]}) ${r[2]}` : '(none)');
    return `baseline ${show(x)}\n  current ${show(y)}`;
  }
  return undefined;
}

// Pieces of cable markup, and look-alikes, inserted into corpus lines or strung together.
const PIECES = [
  '---', '-------', ' --- ', '--', '-', 'a---b', 'Comment-------', 'Summary', 'WAY FORWARD',
  '[PER ', '[ORG X---Y  ]', '[LOC A  ]', '[MISC British  ]', '[DATE May 2009  ]', '[ABC x ]', '[PER', ']', '[',
  '( S )', '( C//NF )', '(U)', '(S)', '( TS//SI/TK//REL TO USA , [LOC GBR  ] )', '( SBU )', '( s )', '(', ')',
  ' ( b ) , ( c ) and ( d )', 'reasons 1.4 ( b ) , ( d )', 'REASON: 1.5 (a)', '1.4(b)', '1.4', '( d )',
  'NOFORN', 'noforn', 'NoForn', 'SIPDIS', 'ſipdis', 'SENSITIVE', 'SENSITIVE SIPDIS', 'SIPDIS SENSITIVE',
  'E.O. 12958:', 'E.O.', 'e.o.', 'EO 12958', 'E. O. 12958', '12958:', 'DECL:', 'decl : 05/19/2019', 'DECL OADR',
  'TAGS', 'tags:', 'Subject:', 'SUBJECT: (C)', 'subj :', 'REF:', 'refs:', 'Classified By:', 'CLASSIFIED BY',
  '12345678 001 OF 003', '٣٣٣٣٣٣٣٣ 001 OF 002', 'SECTION 1 OF 2', 'ſection 01 OF 02', 'xxxxxx', 'XXXXXXX',
  'S E C R E T', 'T O P S E C R E T', 'U N C L A S S I F I E D', 'C O N F I D E N T I A L', 'UNCLAS', 'SECRET',
  '<code><pre>', '</pre></code>', "<a id='par1' href='#par1'>¶</a>1 .", '<a id="x">¶</a>',
  'Monday, 12 May 2009, 10:00', 'Tuesday, 1 June 2010, 09:15 CONFIDENTIAL',
  'ß', 'K', 'İ', 'ﬁ', '’', '“', '\t', '  ', ' ', ' ', 'x', '.', ',', ';', ':', '?', '&',
];

function readLines(file: string): string[] {
  return fs.readFileSync(file, 'utf8').split(/\r?\n/);
}

describe('grammar rewrite: the same scopes as the previous grammar (test/fixtures/grammar/cable.tmLanguage.baseline.json)', function () {
  this.timeout(300000);

  let baseline: vsctm.IGrammar;
  let current: vsctm.IGrammar;
  let docs: Array<[name: string, lines: string[]]>;

  before(async () => {
    baseline = await load(BASELINE);
    current = await load(CURRENT);
    const files = fs.readdirSync(CORPUS).filter((f) => f.endsWith('.cable')).sort();
    docs = [['seed', readLines(SEED_FILE)], ...files.map((f): [string, string[]] => [f, readLines(path.join(CORPUS, f))])];
  });

  /** Differences between the grammars on `lines` tokenized as a document (rule stack carried). */
  const compareDocument = (lines: string[], start = vsctm.INITIAL): string[] => {
    const diffs: string[] = [];
    let a = start;
    let b = start;
    for (const [i, text] of lines.entries()) {
      const ra = baseline.tokenizeLine(text, a);
      const rb = current.tokenizeLine(text, b);
      a = ra.ruleStack;
      b = rb.ruleStack;
      const d = firstDifference(text, scopeRuns(ra.tokens, text.length), scopeRuns(rb.tokens, text.length));
      if (d) diffs.push(`line ${i + 1}: ${text.slice(0, 160)}\n  ${d}`);
    }
    return diffs;
  };
  /** Differences on one line, as the first line of a document and after an ordinary line. */
  const compareLine = (text: string): string[] => {
    const afterPlain = (g: vsctm.IGrammar): vsctm.StateStack => g.tokenizeLine('Plain text .', vsctm.INITIAL).ruleStack;
    const diffs: string[] = [];
    for (const [where, sa, sb] of [
      ['first line', vsctm.INITIAL, vsctm.INITIAL],
      ['later line', afterPlain(baseline), afterPlain(current)],
    ] as const) {
      const ra = baseline.tokenizeLine(text, sa);
      const rb = current.tokenizeLine(text, sb);
      const d = firstDifference(text, scopeRuns(ra.tokens, text.length), scopeRuns(rb.tokens, text.length));
      if (d) diffs.push(`${where}: ${JSON.stringify(text)}\n  ${d}`);
    }
    return diffs;
  };

  it('the comparison sees a difference where there is one (a [PER] tag against an [ORG] tag)', () => {
    const per = baseline.tokenizeLine('He met [PER Jane Doe  ] .', vsctm.INITIAL);
    const org = baseline.tokenizeLine('He met [ORG Jane Doe  ] .', vsctm.INITIAL);
    const d = firstDifference('He met [PER Jane Doe  ] .', scopeRuns(per.tokens, 25), scopeRuns(org.tokens, 25));
    assert.ok(d && d.includes('meta.entity.person.cable') && d.includes('meta.entity.organization.cable'), String(d));
  });

  it('the current grammar is not the baseline file (so the comparison tests something)', () => {
    assert.notEqual(fs.readFileSync(CURRENT, 'utf8'), fs.readFileSync(BASELINE, 'utf8'));
  });

  it('the seed and every corpus cable: every character has the same scopes', () => {
    assert.ok(docs.length > 300, `${docs.length} documents`);
    const diffs: string[] = [];
    let lines = 0;
    for (const [name, text] of docs) {
      lines += text.length;
      for (const d of compareDocument(text)) diffs.push(`${name} ${d}`);
    }
    assert.ok(lines > 20000, `${lines} lines compared`);
    assert.deepEqual(diffs.slice(0, 10), [], `${diffs.length} lines differ`);
  });

  it('variants of corpus lines (slices, splices, inserted markup): the same scopes', () => {
    const rnd = random(12345);
    const all = docs.flatMap(([, l]) => l).filter((l) => l.length > 0);
    const diffs: string[] = [];
    for (let k = 0; k < 3000; k++) {
      const src = all[rnd(all.length)]!;
      let s: string;
      const kind = rnd(3);
      if (kind === 0) {
        const a = rnd(src.length);
        s = src.slice(a, a + rnd(Math.min(300, src.length - a) + 1));
      } else if (kind === 1) {
        s = '';
        for (let j = 1 + rnd(4); j > 0; j--) {
          const l = all[rnd(all.length)]!;
          const a = rnd(l.length);
          s += l.slice(a, a + rnd(80));
        }
      } else {
        s = src.slice(0, 400);
        for (let j = 1 + rnd(5); j > 0; j--) {
          const at = rnd(s.length + 1);
          s = s.slice(0, at) + PIECES[rnd(PIECES.length)]! + s.slice(at);
        }
      }
      diffs.push(...compareLine(s));
    }
    assert.deepEqual(diffs.slice(0, 10), [], `${diffs.length} lines differ`);
  });

  it('random sequences of cable pieces (headings, tags, markings, labels): the same scopes', () => {
    const rnd = random(777);
    const diffs: string[] = [];
    for (let k = 0; k < 10000; k++) {
      let s = '';
      for (let j = 1 + rnd(14); j > 0; j--) s += PIECES[rnd(PIECES.length)]! + (rnd(3) ? ' ' : '');
      diffs.push(...compareLine(s));
    }
    assert.deepEqual(diffs.slice(0, 10), [], `${diffs.length} lines differ`);
  });

  it('a document of pieces over several lines (state carried from line to line): the same scopes', () => {
    const rnd = random(4242);
    const lines: string[] = [];
    for (let k = 0; k < 2000; k++) {
      let s = '';
      for (let j = rnd(10); j > 0; j--) s += PIECES[rnd(PIECES.length)]! + (rnd(3) ? ' ' : '');
      lines.push(s);
    }
    assert.deepEqual(compareDocument(lines).slice(0, 10), []);
  });
});
