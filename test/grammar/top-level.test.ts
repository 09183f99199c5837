/**
 * The top level of syntaxes/cable.tmLanguage.json is arranged for speed (scripts/profile-grammar.mjs):
 * lines holding --- are tokenized with the full pattern list (#dash-line → #full-line), the other lines
 * without the heading rules and with banner-first-line and word-start searched as one regex
 * (#banner-or-word-start). This test checks that the merged rule is exactly the two rules, and that the
 * grammar gives the same scopes as the same grammar with #full-line as its top level, on the seed, every
 * corpus cable and generated lines of cable pieces.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as vsctm from 'vscode-textmate';
import { loadCableGrammar, onig, random, scopeRuns } from './textmate';

const ROOT = path.resolve(__dirname, '..', '..');
const GRAMMAR_FILE = path.join(ROOT, 'syntaxes', 'cable.tmLanguage.json');
const SEED_FILE = path.join(ROOT, 'seeds', '000_d5a32e40f8b893e0.txt');
const CORPUS = path.join(ROOT, 'test', 'fixtures', 'corpus');
const MERGED = 'banner-or-word-start';
const PARTS = ['banner-first-line', 'word-start'];

interface Rule {
  match?: string;
  begin?: string;
  end?: string;
  name?: string;
  captures?: Record<string, { name?: string }>;
  patterns?: Array<{ include: string }>;
}
interface Grammar {
  patterns: Array<{ include: string }>;
  repository: Record<string, Rule>;
}

/** Number of capture groups of a regex, as oniguruma counts them (an always-matching alternative reports them all). */
/** A line's scope runs as text, to compare. */
function runs(tokens: vsctm.IToken[], length: number): string {
  return scopeRuns(tokens, length)
    .map(([a, b, scopes]) => `${a}-${b} ${scopes}`)
    .join('\n');
}

function groupCount(re: string): number {
  const match = new oniguruma.OnigScanner([`(?:${re})|`]).findNextMatchSync('x', 0);
  assert.ok(match);
  return match.captureIndices.length - 1;
}

function load(grammar: Grammar): Promise<vsctm.IGrammar> {
  return loadCableGrammar(JSON.stringify(grammar), 'cable.tmLanguage.json');
}

const PIECES = [
  '---', '-------', ' --- ', '--', '-', 'a---b', 'Summary', 'WAY FORWARD', 'Comment -------', '[PER Jane Doe  ]', '[ORG X---Y  ]',
  '[LOC A  ]', '[PER', ']', '[', '( C )', '( S//NF )', '(U)', 'reasons 1.4 ( b ) , ( d )', '1.4', 'NOFORN', 'sipdis', 'SENSITIVE',
  'E.O. 12958:', 'e.o.', 'DECL:', 'TAGS', 'Subject:', 'REF:', 'Classified By:', '12345678 001 OF 003', '٣٣٣٣٣٣٣٣ 001 OF 002',
  'SECTION 1 OF 2', 'xxxxxx', 'C O N F I D E N T I A L', 'SECRET', 'UNCLASSIFIED', '<code><pre>', '</pre></code>',
  "<a id='par1' href='#par1'>¶</a>1 .", 'Monday, 12 May 2009, 10:00', 'Tuesday , 1 June 2010 , 09:15 CONFIDENTIAL', 'ſ', '’', ' ', 'x', '.',
];

describe('grammar: the top level (#dash-line, #banner-or-word-start) gives the scopes of the full pattern list', function () {
  this.timeout(120000);
  let grammar: Grammar;
  let current: vsctm.IGrammar;
  let reference: vsctm.IGrammar;

  before(async () => {
    await onig();
    grammar = JSON.parse(fs.readFileSync(GRAMMAR_FILE, 'utf8')) as Grammar;
    const flat = JSON.parse(JSON.stringify(grammar)) as Grammar;
    flat.patterns = flat.repository['full-line']!.patterns!;
    [current, reference] = await Promise.all([load(grammar), load(flat)]);
  });

  /** Lines whose scopes differ between the grammar and the full pattern list, the rule stack carried. */
  const differences = (lines: string[], label: string): string[] => {
    const diffs: string[] = [];
    let sa = vsctm.INITIAL;
    let sb = vsctm.INITIAL;
    for (const [i, line] of lines.entries()) {
      const ra = reference.tokenizeLine(line, sa);
      const rb = current.tokenizeLine(line, sb);
      sa = ra.ruleStack;
      sb = rb.ruleStack;
      assert.equal(rb.ruleStack.depth, 1, `${label}:${i + 1}: no rule stays open after the line`);
      if (runs(ra.tokens, line.length) !== runs(rb.tokens, line.length)) diffs.push(`${label}:${i + 1}: ${line.slice(0, 120)}`);
    }
    return diffs;
  };

  it(`${MERGED} is the alternation of ${PARTS.join(' and ')}, in order, with their captures renumbered`, () => {
    const merged = grammar.repository[MERGED];
    assert.ok(merged?.match);
    const alternatives: string[] = [];
    const captures: Record<string, { name?: string }> = {};
    let offset = 0;
    for (const key of PARTS) {
      const rule = grammar.repository[key];
      assert.ok(rule?.match, `${key} is a match rule`);
      let re = rule.match;
      let shift = offset;
      if (rule.name) {
        re = `(${re})`; // the rule's name covers its whole match: a capture around the alternative
        captures[String(offset + 1)] = { name: rule.name };
        shift = offset + 1;
      }
      for (const [i, c] of Object.entries(rule.captures ?? {})) captures[String(Number(i) + shift)] = c;
      offset += groupCount(re);
      alternatives.push(`(?:${re})`);
    }
    assert.equal(merged.match, alternatives.join('|'));
    assert.deepEqual(merged.captures, captures);
    assert.equal(groupCount(merged.match), offset);
  });

  it('#full-line lists every rule in priority order; lines without --- use it less the heading rules', () => {
    const full = grammar.repository['full-line']!.patterns!.map((p) => p.include);
    assert.deepEqual(full, [
      '#banner-first-line', '#heading-bracketed', '#heading-trailing', '#heading-rule', '#tag-markup', '#entity',
      '#classification-reason', '#portion-marking', '#word-start', '#page-break-other-digits',
    ]);
    assert.deepEqual(grammar.repository['dash-line']!.patterns, [{ include: '#full-line' }]);
    assert.deepEqual(
      grammar.patterns.map((p) => p.include),
      ['#dash-line', `#${MERGED}`, '#tag-markup', '#entity', '#classification-reason', '#portion-marking', '#page-break-other-digits'],
    );
  });

  it('the seed and every corpus cable: the same scopes as with #full-line as the top level', () => {
    const files = fs.readdirSync(CORPUS).filter((f) => f.endsWith('.cable')).sort();
    assert.ok(files.length > 300);
    const diffs = differences(fs.readFileSync(SEED_FILE, 'utf8').split(/\r?\n/), 'seed');
    for (const f of files) diffs.push(...differences(fs.readFileSync(path.join(CORPUS, f), 'utf8').split(/\r?\n/), f));
    assert.deepEqual(diffs.slice(0, 10), [], `${diffs.length} lines differ`);
  });

  it('lines of cable pieces (dash runs, banners, labels, tags, markings): the same scopes', () => {
    const rnd = random(2024);
    const lines: string[] = [];
    for (let k = 0; k < 5000; k++) {
      let s = '';
      for (let j = 1 + rnd(12); j > 0; j--) s += PIECES[rnd(PIECES.length)]! + (rnd(3) ? ' ' : '');
      lines.push(s);
    }
    assert.ok(lines.filter((l) => l.includes('---')).length > 500 && lines.filter((l) => !l.includes('---')).length > 500);
    // as the first line of a document (the banner's \A) and as later lines
    const diffs = lines.flatMap((l, i) => differences([l], `first ${i}`));
    diffs.push(...differences(lines, 'document'));
    assert.deepEqual(diffs.slice(0, 10), [], `${diffs.length} lines differ`);
  });
});
