/**
 * The word-start rule looks at the first two or three letters of a word before it tries the header
 * labels and caveats (so that ordinary words fail at once). That look-ahead must accept every word a
 * label accepts: this test writes each label in every mix of upper and lower case over its first
 * letters (and with ſ for s), after the characters that may precede a word and before the text that
 * may follow a label, and checks that every character gets the same scopes as with the grammar kept
 * as test/fixtures/grammar/cable.tmLanguage.baseline.json.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as vsctm from 'vscode-textmate';

const ROOT = path.resolve(__dirname, '..', '..');
const CURRENT = path.join(ROOT, 'syntaxes', 'cable.tmLanguage.json');
const BASELINE = path.join(ROOT, 'test', 'fixtures', 'grammar', 'cable.tmLanguage.baseline.json');

async function load(file: string): Promise<vsctm.IGrammar> {
  const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength)).catch(() => undefined);
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scope: string) => (scope === 'text.cable' ? vsctm.parseRawGrammar(fs.readFileSync(file, 'utf8'), file) : null),
  });
  const grammar = await registry.loadGrammar('text.cable');
  assert.ok(grammar, `${file} loads`);
  return grammar;
}

/** Per-character scopes of one line. */
function scopesOf(grammar: vsctm.IGrammar, text: string, state: vsctm.StateStack): string[] {
  const out: string[] = [];
  for (const t of grammar.tokenizeLine(text, state).tokens) {
    for (let i = t.startIndex; i < Math.min(t.endIndex, text.length); i++) out[i] = t.scopes.join(' ');
  }
  return out;
}

/** Every upper/lower-case mix of the first `n` letters of `word` (s also as ſ). */
function caseMixes(word: string, n: number): string[] {
  let out = [''];
  for (const [i, c] of [...word].entries()) {
    const forms = i >= n || c.toLowerCase() === c.toUpperCase() ? [c] : [c.toLowerCase(), c.toUpperCase(), ...(c.toLowerCase() === 's' ? ['ſ'] : [])];
    out = out.flatMap((p) => forms.map((f) => p + f));
  }
  return out;
}

const LABELS = [
  'noforn', 'sipdis', 'sensitive', 'decl', 'decl:', 'tags', 'tags:', 'subj:', 'subject:', 'ref:', 'refs:', 'reason',
  'reasons:', 'section 2 of 3', 'xxxxxx', 'e.o.', 'e.o. 12958:', 'eo 12958', 'e o 12958', 'e. o.', 'classified by:',
  'top secret', 't o p s e c r e t', 's e c r e t', 'c o n f i d e n t i a l', 'u n c l a s', '12958:', '1.4',
  'the', 'set', 'differ', 'note', 'extra', 'red', 'tax', 'cell',
];
const BEFORE = ['', ' ', '(', ']', ':', '-', '.', '\t', '’', '[PER A  ]', 'SIPDIS '];
const AFTER = ['', ' ', ':', ' : ', ' 12958', ' 1.4 ( b )', ' 05/19/2019', ' OADR', ' NOFORN', ' x ---'];

describe('word-start labels in every case mix: the same scopes as the baseline grammar', function () {
  this.timeout(300000);

  it('each label, its first letters in upper and lower case, after and before other text', async () => {
    const baseline = await load(BASELINE);
    const current = await load(CURRENT);
    const later = (g: vsctm.IGrammar): vsctm.StateStack => g.tokenizeLine('Plain text .', vsctm.INITIAL).ruleStack;
    const states: Array<[vsctm.StateStack, vsctm.StateStack]> = [
      [vsctm.INITIAL, vsctm.INITIAL],
      [later(baseline), later(current)],
    ];
    const diffs: string[] = [];
    let lines = 0;
    for (const label of LABELS) {
      for (const word of caseMixes(label, 4)) {
        for (const before of BEFORE) {
          for (const after of AFTER) {
            const text = before + word + after;
            for (const [sa, sb] of states) {
              lines++;
              const a = scopesOf(baseline, text, sa);
              const b = scopesOf(current, text, sb);
              const i = a.findIndex((s, k) => s !== b[k]);
              if (i >= 0 || a.length !== b.length) diffs.push(`${JSON.stringify(text)} at ${i}: ${a[i]} | ${b[i]}`);
            }
          }
        }
      }
    }
    assert.ok(lines > 50000, `${lines} lines compared`);
    assert.deepEqual(diffs.slice(0, 10), [], `${diffs.length} lines differ`);
  });

  it('the comparison sees a difference where there is one (NOFORN scoped, the same letters in a word not)', async () => {
    const current = await load(CURRENT);
    const a = scopesOf(current, 'x NOFORN', vsctm.INITIAL);
    const b = scopesOf(current, 'x NOFORNS', vsctm.INITIAL);
    assert.ok(a[2]!.includes('noforn'), a[2]);
    assert.ok(!b[2]!.includes('noforn'), b[2]);
  });
});
