/**
 * Tests of the TextMate grammar syntaxes/cable.tmLanguage.json, run through the real
 * engine VS Code uses (vscode-textmate + vscode-oniguruma):
 *  - scopes of the pieces of the reference cable (seed) and of real corpus lines
 *    (test/fixtures/grammar/corpus-lines.json),
 *  - negatives (things that look like markings or tags but are not),
 *  - no rule runs across a line break, an unclosed tag does not colour what follows,
 *  - colours in VS Code's default Dark+ and Light+ themes (test/fixtures/grammar/themes),
 *  - tokenizing time grows linearly with the line length (no catastrophic backtracking).
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as vsctm from 'vscode-textmate';

const ROOT = path.resolve(__dirname, '..', '..');
const GRAMMAR_FILE = path.join(ROOT, 'syntaxes', 'cable.tmLanguage.json');
const SEED_FILE = path.join(ROOT, 'seeds', '000_d5a32e40f8b893e0.txt');
const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'grammar');
const SCOPE_NAME = 'text.cable';

// ---------------------------------------------------------------------------
// Engine set-up

let onigLibPromise: Promise<vsctm.IOnigLib> | undefined;
function onigLib(): Promise<vsctm.IOnigLib> {
  if (!onigLibPromise) {
    const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
    const data = wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength);
    onigLibPromise = oniguruma.loadWASM(data).then(() => ({
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    }));
  }
  return onigLibPromise;
}

interface ThemeFile {
  name: string;
  colors: { 'editor.foreground': string; 'editor.background': string };
  tokenColors: Array<{ scope?: string | string[]; settings: Record<string, string> }>;
}

function readTheme(file: string): ThemeFile {
  return JSON.parse(fs.readFileSync(path.join(FIXTURES, 'themes', file), 'utf8')) as ThemeFile;
}

/** A registry holding only the cable grammar, optionally with a theme set the way VS Code does it. */
async function loadGrammar(theme?: ThemeFile): Promise<{ grammar: vsctm.IGrammar; registry: vsctm.Registry }> {
  const registry = new vsctm.Registry({
    onigLib: onigLib(),
    loadGrammar: async (scopeName: string) =>
      scopeName === SCOPE_NAME ? vsctm.parseRawGrammar(fs.readFileSync(GRAMMAR_FILE, 'utf8'), GRAMMAR_FILE) : null,
  });
  if (theme) {
    // VS Code puts the editor colours first as the default (scope-less) rule, then the theme's tokenColors.
    registry.setTheme({
      name: theme.name,
      settings: [
        { settings: { foreground: theme.colors['editor.foreground'], background: theme.colors['editor.background'] } },
        ...theme.tokenColors,
      ],
    });
  }
  const grammar = await registry.loadGrammar(SCOPE_NAME);
  assert.ok(grammar, 'grammar text.cable loads');
  return { grammar, registry };
}

// ---------------------------------------------------------------------------
// Helpers

interface TokenizedLine {
  text: string;
  tokens: vsctm.IToken[];
  endState: vsctm.StateStack;
}

function tokenizeLines(grammar: vsctm.IGrammar, lines: string[]): TokenizedLine[] {
  let state = vsctm.INITIAL;
  return lines.map((text) => {
    const r = grammar.tokenizeLine(text, state);
    state = r.ruleStack;
    return { text, tokens: r.tokens, endState: r.ruleStack };
  });
}

/**
 * [start, end) of `substring` in `text`. With `context`, the substring is looked up inside the
 * first occurrence of `context` (so "C" in context "( C )" means the C of that marking).
 */
function locate(text: string, substring: string, context?: string): [number, number] {
  const base = context === undefined ? 0 : text.indexOf(context);
  if (base < 0) throw new Error(`context "${context}" not found in: ${text.slice(0, 200)}`);
  const at = text.indexOf(substring, base);
  if (at < 0 || (context !== undefined && at + substring.length > base + context.length)) {
    throw new Error(`"${substring}" not found${context === undefined ? '' : ` in "${context}"`} in: ${text.slice(0, 200)}`);
  }
  return [at, at + substring.length];
}

/** Tokens overlapping `substring` (see locate). */
function tokensCovering(line: TokenizedLine, substring: string, context?: string): vsctm.IToken[] {
  const [start, end] = locate(line.text, substring, context);
  return line.tokens.filter((t) => t.startIndex < end && t.endIndex > start);
}

/**
 * Scopes of the token covering `substring` (see locate). Fails if the substring is split over
 * tokens with different scopes, so every assertion is about one token.
 */
function scopesAt(line: TokenizedLine, substring: string, context?: string): string[] {
  const toks = tokensCovering(line, substring, context);
  assert.ok(toks.length > 0, `no token covers "${substring}"`);
  const first = toks[0]!.scopes.join(' ');
  for (const t of toks) {
    assert.equal(t.scopes.join(' '), first, `"${substring}" is split over tokens with different scopes`);
  }
  return toks[0]!.scopes;
}

function hasScope(scopes: string[], scope: string): boolean {
  return scopes.some((s) => s === scope || s.startsWith(scope + '.'));
}

function assertScope(line: TokenizedLine, substring: string, scope: string, context?: string): void {
  const scopes = scopesAt(line, substring, context);
  assert.ok(hasScope(scopes, scope), `"${substring}" should have scope ${scope}; got ${scopes.join(' ')}`);
}

/** Every token overlapping `substring` carries `scope` (for spans made of several tokens). */
function assertScopeOnAll(line: TokenizedLine, substring: string, scope: string, context?: string): void {
  const toks = tokensCovering(line, substring, context);
  assert.ok(toks.length > 0, `no token covers "${substring}"`);
  for (const t of toks) assert.ok(hasScope(t.scopes, scope), `"${substring}": ${scope} expected on every token; got ${t.scopes.join(' ')}`);
}

function assertNoScopeMatching(line: TokenizedLine, substring: string, re: RegExp, context?: string): void {
  for (const t of tokensCovering(line, substring, context)) {
    const bad = t.scopes.filter((s) => re.test(s));
    assert.deepEqual(bad, [], `"${substring}" must not be scoped ${re}; got ${t.scopes.join(' ')}`);
  }
}

const ENTITY_TEXT = {
  PER: 'entity.name.function.person.cable',
  ORG: 'entity.name.type.organization.cable',
  LOC: 'variable.other.constant.location.cable',
  MISC: 'string.unquoted.misc.cable',
} as const;
const LEVEL = {
  topSecret: 'keyword.control.classification.top-secret.cable',
  secret: 'keyword.control.classification.secret.cable',
  confidential: 'keyword.other.classification.confidential.cable',
  unclassified: 'markup.inserted.classification.unclassified.cable',
  noforn: 'constant.character.escape.classification.noforn.cable',
} as const;
const MARKING = 'meta.classification.portion-marking.cable';
const NOT_A_MARKING = /portion-marking|classification\.(top-secret|secret|confidential|unclassified|noforn)/;

/** Every scope name used in a `name` or `contentName` of the grammar. */
function grammarScopeNames(grammarJson: Record<string, unknown>): Set<string> {
  const names = new Set<string>();
  const walk = (v: unknown, key?: string): void => {
    if (Array.isArray(v)) v.forEach((x) => walk(x));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, k);
    else if (typeof v === 'string' && (key === 'name' || key === 'contentName')) v.split(/\s+/).forEach((n) => names.add(n));
  };
  walk(grammarJson['patterns']);
  walk(grammarJson['repository']);
  return names;
}

function readSeedLines(): string[] {
  return fs.readFileSync(SEED_FILE, 'utf8').split('\n');
}

interface CorpusLine {
  file: string;
  line: number;
  text: string;
}
function readCorpusLines(): Record<string, CorpusLine> {
  const raw = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'corpus-lines.json'), 'utf8')) as {
    lines: Record<string, CorpusLine>;
  };
  return raw.lines;
}

// ---------------------------------------------------------------------------

describe('cable grammar (vscode-textmate + oniguruma)', function () {
  this.timeout(60000);

  let grammar: vsctm.IGrammar;
  let seed: TokenizedLine[];
  let corpus: Record<string, CorpusLine>;

  /** The first seed line containing `substring`. */
  const seedLine = (substring: string): TokenizedLine => {
    const l = seed.find((x) => x.text.includes(substring));
    assert.ok(l, `seed has a line with "${substring}"`);
    return l;
  };
  /** Tokenize one line from the initial state (as the first line of a document). */
  const one = (text: string): TokenizedLine => tokenizeLines(grammar, [text])[0]!;
  /** Tokenize `text` as a non-first line (after an ordinary line). */
  const body = (text: string): TokenizedLine => tokenizeLines(grammar, ['Plain text .', text])[1]!;
  const corpusLine = (key: string): TokenizedLine => {
    const c = corpus[key];
    assert.ok(c, `fixture line ${key}`);
    return c.line === 1 ? one(c.text) : body(c.text);
  };

  before(async () => {
    ({ grammar } = await loadGrammar());
    seed = tokenizeLines(grammar, readSeedLines());
    corpus = readCorpusLines();
  });

  describe('grammar file', () => {
    it('docs/grammar-scopes.md lists every scope name the grammar emits', () => {
      const doc = fs.readFileSync(path.join(ROOT, 'docs', 'grammar-scopes.md'), 'utf8');
      const g = JSON.parse(fs.readFileSync(GRAMMAR_FILE, 'utf8')) as Record<string, unknown>;
      const documented = new Set([...doc.matchAll(/`([a-z][\w.-]*\.cable)`/g)].map((m) => m[1]!));
      const emitted = grammarScopeNames(g);
      assert.deepEqual([...emitted].filter((n) => !documented.has(n)), [], 'emitted but not documented');
      assert.deepEqual([...documented].filter((n) => !emitted.has(n) && n !== 'text.cable'), [], 'documented but not emitted');
    });

    it('is JSON with scopeName text.cable and only .cable scope names', () => {
      const g = JSON.parse(fs.readFileSync(GRAMMAR_FILE, 'utf8')) as Record<string, unknown>;
      assert.equal(g['scopeName'], SCOPE_NAME);
      const names = grammarScopeNames(g);
      assert.ok(names.size > 20);
      for (const n of names) assert.match(n, /\.cable$/, `scope ${n} ends with .cable`);
    });

    it('has no begin/end rule around entity tags (tags are single-line matches)', () => {
      const g = JSON.parse(fs.readFileSync(GRAMMAR_FILE, 'utf8')) as { repository: Record<string, Record<string, unknown>> };
      for (const [key, rule] of Object.entries(g.repository)) {
        if (!key.startsWith('entity')) continue;
        assert.equal(rule['begin'], undefined, `${key} has no begin`);
        assert.equal(rule['end'], undefined, `${key} has no end`);
      }
      // every begin/end rule can also end at the end of the line
      const walk = (v: unknown): void => {
        if (Array.isArray(v)) v.forEach(walk);
        else if (v && typeof v === 'object') {
          const r = v as Record<string, unknown>;
          if (typeof r['begin'] === 'string') assert.match(String(r['end']), /\|\$$/, `end of ${String(r['begin'])} falls back to $`);
          Object.values(r).forEach(walk);
        }
      };
      walk(g.repository);
    });
  });

  describe('seed cable', () => {
    it('no rule state carries over a line break', () => {
      for (const [i, l] of seed.entries()) assert.equal(l.endState.depth, 1, `state after seed line ${i + 1}`);
    });

    it('wrapper <code><pre> … </pre></code>', () => {
      const first = seed[0]!;
      assertScope(first, '<', 'punctuation.definition.tag.wrapper.begin.cable');
      assertScope(first, 'code', 'entity.name.tag.wrapper.cable');
      assertScope(first, '>', 'punctuation.definition.tag.wrapper.end.cable');
      assertScope(first, 'pre', 'entity.name.tag.wrapper.cable');
      const last = seedLine('</pre></code>');
      assertScope(last, '</', 'punctuation.definition.tag.wrapper.begin.cable');
      assertScope(last, 'pre', 'entity.name.tag.wrapper.cable');
      assertScope(last, 'code', 'entity.name.tag.wrapper.cable');
      assertScope(last, '>', 'punctuation.definition.tag.wrapper.end.cable', '</code>');
      assert.deepEqual(scopesAt(last, 'CLINTON'), ['text.cable'], 'the signature is plain text');
    });

    it('banner level', () => {
      const first = seed[0]!;
      assertScope(first, 'C O N F I D E N T I A L', LEVEL.confidential);
      assertScope(first, 'C O N F I D E N T I A L', 'meta.classification.banner.cable');
      assertNoScopeMatching(first, 'STATE 052368', /classification/);
    });

    it('header labels', () => {
      const first = seed[0]!;
      assertScope(first, 'EO 12958', 'markup.bold.header-label.executive-order.cable');
      assertScope(first, 'DECL:', 'markup.bold.header-label.declassify.cable');
      assertScope(first, '05/19/2019', 'constant.numeric.date.declassify.cable');
      assertScope(first, 'TAGS', 'markup.bold.header-label.tags.cable');
      assertScope(first, 'SUBJECT:', 'markup.bold.header-label.subject.cable');
      assertScope(first, 'REF:', 'markup.bold.header-label.reference.cable');
      // labels do not swallow the following space or text
      assert.deepEqual(scopesAt(first, ' MOPS , PREL'), ['text.cable']);
      assert.deepEqual(scopesAt(first, ' U.S.-UK CLUSTER MUNITIONS DIALOGUE '), ['text.cable']);
      const second = seedLine('Classified By:');
      assertScope(second, 'Classified By:', 'markup.bold.header-label.classified-by.cable');
      assertScope(second, 'reasons', 'markup.bold.header-label.reason.cable');
      assertScope(second, '1.4', 'constant.numeric.reason.cable');
      assertScope(second, 'b', 'constant.other.reason.cable', '( b )');
    });

    it('each entity type: brackets, type keyword and a per-type text scope', () => {
      const cases: Array<[string, keyof typeof ENTITY_TEXT, string, string]> = [
        ['[PER STEVEN COSTNER  ]', 'PER', 'STEVEN COSTNER', 'person'],
        ['[ORG NATO  ]', 'ORG', 'NATO', 'organization'],
        ['[LOC UK  ]', 'LOC', 'UK', 'location'],
        ['[MISC UK’s  ]', 'MISC', 'UK’s', 'misc'],
      ];
      for (const [tag, type, text, kind] of cases) {
        const line = seedLine(tag);
        assertScope(line, '[', 'punctuation.definition.tag.entity.begin.cable', tag);
        assertScope(line, type, `entity.name.tag.entity-type.${kind}.cable`, tag);
        assertScope(line, text, ENTITY_TEXT[type], tag);
        assertScope(line, text, `meta.entity.${kind}.cable`, tag);
        assertScope(line, ']', 'punctuation.definition.tag.entity.end.cable', tag);
        assertScope(line, '  ', `meta.entity.${kind}.cable`, tag);
        // the text scope covers exactly the mention: not the type, not the padding spaces
        const [s, e] = locate(line.text, tag);
        const covered = line.tokens
          .filter((t) => t.startIndex >= s && t.endIndex <= e && t.scopes.includes(ENTITY_TEXT[type]))
          .map((t) => line.text.slice(t.startIndex, t.endIndex))
          .join('');
        assert.equal(covered, text);
      }
      // every tag of the seed is recognised, none is flagged as unclosed
      const tags = seed.reduce((n, l) => n + (l.text.match(/\[(PER|ORG|LOC|MISC) [^\]]*\]/g) ?? []).length, 0);
      const opens = seed.reduce(
        (n, l) => n + l.tokens.filter((t) => t.scopes.includes('punctuation.definition.tag.entity.begin.cable')).length,
        0,
      );
      assert.ok(tags > 100);
      assert.equal(opens, tags);
      assert.ok(seed.every((l) => l.tokens.every((t) => !t.scopes.some((x) => x.startsWith('invalid')))));
    });

    it('portion marking ( C ) after a paragraph number', () => {
      const l = seedLine('( C ) Summary: In the latest');
      assertScope(l, '(', MARKING);
      assertScope(l, '(', 'punctuation.definition.portion-marking.begin.cable');
      assertScope(l, 'C', LEVEL.confidential);
      assertScope(l, ')', 'punctuation.definition.portion-marking.end.cable');
      assert.deepEqual(scopesAt(l, 'Summary: In the latest'), ['text.cable']);
      const marked = seed.filter((x) => x.tokens.some((t) => t.scopes.includes(MARKING) && t.scopes.includes(LEVEL.confidential)));
      assert.equal(marked.length, 9, 'nine ( C ) paragraphs in the seed');
    });

    it('paragraph anchors and visible numbers', () => {
      const first = seed[0]!;
      const anchor = "<a id='parB' href='#parB'>¶</a>B .";
      assertScope(first, '<', 'punctuation.definition.tag.anchor.begin.cable', anchor);
      assertScope(first, 'a', 'entity.name.tag.anchor.cable', anchor);
      assertScope(first, 'id', 'entity.other.attribute-name.anchor.cable', anchor);
      assertScope(first, 'parB', 'string.quoted.anchor-id.cable', anchor);
      assertScope(first, 'href', 'entity.other.attribute-name.anchor.cable', anchor);
      assertScope(first, '#parB', 'string.quoted.anchor-id.cable', anchor);
      assertScope(first, '¶', 'keyword.other.pilcrow.cable', anchor);
      assertScope(first, '</', 'punctuation.definition.tag.anchor.begin.cable', anchor);
      assertScope(first, 'B', 'constant.numeric.paragraph-number.cable', '</a>B .');
      assertScope(first, '.', 'punctuation.separator.paragraph-number.cable', '</a>B .');
      assertScopeOnAll(first, anchor, 'meta.paragraph-anchor.cable');
      const three = seedLine("<a id='par3'");
      assertScope(three, '3', 'constant.numeric.paragraph-number.cable', '</a>3 .');
      // every anchor of the seed is recognised, with its number
      const anchors = seed.reduce((n, l) => n + (l.text.match(/<a id=/g) ?? []).length, 0);
      const numbers = seed.reduce(
        (n, l) => n + l.tokens.filter((t) => t.scopes.includes('constant.numeric.paragraph-number.cable')).length,
        0,
      );
      assert.ok(anchors >= 10);
      assert.equal(numbers, anchors);
    });

    it('section headings', () => {
      const conv = seedLine('CONVENTION ON CLUSTER MUNITIONS');
      assertScope(conv, 'CONVENTION ON CLUSTER MUNITIONS', 'markup.heading.section.cable');
      assertScope(conv, '-------------------------------', 'punctuation.definition.heading.cable');
      assertScope(conv, '-------------------------------', 'markup.heading.section.cable', 'MUNITIONS -------------------------------');
      const summary = seedLine('Summary -------');
      assertScope(summary, 'Summary', 'markup.heading.section.cable');
      assertScope(summary, '-------', 'punctuation.definition.heading.cable');
      assertNoScopeMatching(summary, 'and ( d )', /heading/);
      const way = seedLine('WAY FORWARD');
      assertScope(way, 'WAY FORWARD', 'markup.heading.section.cable');
      assertNoScopeMatching(way, 'without progress.', /heading/);
      // a heading holding an entity tag: the tag keeps its own scopes inside the heading
      const ccw = seedLine('--- [LOC CCW  ] ---');
      assertScope(ccw, 'CCW', 'markup.heading.section.cable', '--- [LOC CCW  ] ---');
      assertScope(ccw, 'CCW', ENTITY_TEXT.LOC, '--- [LOC CCW  ] ---');
      assertScope(ccw, 'LOC', 'entity.name.tag.entity-type.location.cable', '--- [LOC CCW  ] ---');
      assertNoScopeMatching(ccw, "<a id='par8'", /heading/);
      const nato = seedLine('[ORG CCM  ] AT [ORG NATO  ] -----------');
      assertScope(nato, ' AT ', 'markup.heading.section.cable', '[ORG CCM  ] AT [ORG NATO  ]');
      assertScope(nato, 'NATO', ENTITY_TEXT.ORG, '[ORG CCM  ] AT [ORG NATO  ]');
    });
  });

  describe('corpus-like lines', () => {
    it('( S/NF ): secret level and a NOFORN control', () => {
      const l = corpusLine('sNoforn');
      assertScopeOnAll(l, '( S/NF )', MARKING);
      assertScope(l, 'S', LEVEL.secret, '( S/NF )');
      assertScope(l, '/', 'punctuation.separator.classification.cable', '( S/NF )');
      assertScope(l, 'NF', LEVEL.noforn, '( S/NF )');
      assertScope(l, ')', 'punctuation.definition.portion-marking.end.cable', '( S/NF )');
      assertScope(l, 'Paris', ENTITY_TEXT.LOC);
      for (const [key, marking, level] of [
        ['sDoubleSlashNf', '( S//NF )', LEVEL.secret],
        ['cSlashNf', '( C/NF )', LEVEL.confidential],
        ['cSpaceNf', '( C NF )', LEVEL.confidential],
        ['lowerSNf', '( s/nf )', LEVEL.secret],
      ] as const) {
        const x = corpusLine(key);
        assertScope(x, marking.slice(2, 3), level, marking);
        assertScope(x, marking.slice(-4, -2), LEVEL.noforn, marking);
      }
      const kp = corpusLine('keyPoints');
      assertScope(kp, 'S', LEVEL.secret, '-- ( S/NF )');
      assertScope(kp, 'NF', LEVEL.noforn, '-- ( S/NF )');
    });

    it('( SBU ), ( U ), ( u ), ( S ): level scopes', () => {
      assertScope(corpusLine('sbu'), 'SBU', LEVEL.unclassified, '( SBU )');
      assertScope(corpusLine('plainU'), 'U', LEVEL.unclassified, '( U )');
      assertScope(corpusLine('lowerU'), 'u', LEVEL.unclassified, '( u )');
      assertScope(corpusLine('plainS'), 'S', LEVEL.secret, '( S )');
    });

    it('( U//FOUO ), ( TS//SI//NF ), ( SBU/NF ), ( S-NF ), ( C/NOFORN )', () => {
      const fouo = body('( U//FOUO ) The [ORG Ministry of Defense  ] asked for the list . ');
      assertScope(fouo, 'U', LEVEL.unclassified, '( U//FOUO )');
      assertScope(fouo, '//', 'punctuation.separator.classification.cable');
      assertScope(fouo, 'FOUO', 'storage.modifier.classification.control.cable');
      assertScope(fouo, 'FOUO', MARKING);
      assertScope(fouo, 'Ministry of Defense', ENTITY_TEXT.ORG);
      const ts = body('( TS//SI//NF ) Text . ');
      assertScope(ts, 'TS', LEVEL.topSecret);
      assertScope(ts, 'SI', 'storage.modifier.classification.control.cable');
      assertScope(ts, 'NF', LEVEL.noforn);
      const sbuNf = body('( SBU/NF ) Text . ');
      assertScope(sbuNf, 'SBU', LEVEL.unclassified);
      assertScope(sbuNf, 'NF', LEVEL.noforn);
      const sDashNf = body('( S-NF ) Text . ');
      assertScope(sDashNf, 'S', LEVEL.secret, '( S-NF )');
      assertScope(sDashNf, 'NF', LEVEL.noforn);
      assertScope(body('( C/NOFORN ) Text . '), 'NOFORN', LEVEL.noforn);
    });

    it('( S/REL [ORG NATO  ] ) and ( C//REL ISAF ): release markings, with a tag inside', () => {
      const l = corpusLine('sRelNato');
      const m = '( S/REL [ORG NATO  ] )';
      assertScope(l, '(', 'punctuation.definition.portion-marking.begin.cable', m);
      assertScope(l, 'S', LEVEL.secret, m);
      assertScope(l, 'REL', 'storage.modifier.classification.control.release.cable', m);
      assertScope(l, 'NATO', ENTITY_TEXT.ORG, m);
      assertScopeOnAll(l, m, MARKING);
      assertScope(l, ')', 'punctuation.definition.portion-marking.end.cable', m);
      assertNoScopeMatching(l, 'BEGIN TEXT OF TALKING POINTS', /classification/);
      const isaf = corpusLine('cRelIsaf');
      assertScope(isaf, 'C', LEVEL.confidential, '( C//REL ISAF )');
      assertScope(isaf, 'REL', 'storage.modifier.classification.control.release.cable', '( C//REL ISAF )');
      assertScope(isaf, 'ISAF', 'storage.modifier.classification.control.release.cable', '( C//REL ISAF )');
    });

    it('markings after SUBJECT:, caveats, banners of every level', () => {
      const subj = corpusLine('subjectU');
      assertScope(subj, 'S E C R E T', LEVEL.secret);
      assertScope(subj, 'U', LEVEL.unclassified, '( U )');
      const nf = corpusLine('subjectSNfNoforn');
      assertScope(nf, 'NOFORN', LEVEL.noforn);
      assertScope(nf, 'SIPDIS', 'storage.modifier.caveat.sipdis.cable');
      assertScope(nf, 'S', LEVEL.secret, '( S/NF )');
      assertNoScopeMatching(nf, '( C-AL9-01786 )', NOT_A_MARKING);
      assertScope(corpusLine('unclasBanner'), 'UNCLAS', LEVEL.unclassified);
      assertScope(corpusLine('unclassifiedBanner'), 'UNCLASSIFIED', LEVEL.unclassified);
      const dl = corpusLine('datelineBanner');
      assertScope(dl, 'Tuesday , 17 October 2006 , 06:20', 'comment.line.dateline.cable');
      assertScope(dl, 'C O N F I D E N T I A L', LEVEL.confidential);
      assertScope(corpusLine('secretLowerBanner'), 'S e c r e t', LEVEL.secret);
      assertScope(corpusLine('secretTypoBanner'), 'SS E C R E T', LEVEL.secret);
      assertScope(one('TOP SECRET STATE 000001 '), 'TOP SECRET', LEVEL.topSecret);
      assertScope(one('SECRET SECTION 01 of 05 [LOC ROME  ] 000097 NOFORN SIPDIS '), 'SECRET', LEVEL.secret);
      // a plain SECRET at the start of a body line is not a banner
      assertNoScopeMatching(body('SECRET POLICE ARRESTED THE MAN . '), 'SECRET', /classification/);
    });

    it('reasons 1.4 ( B ) , ( C ) and ( D ) are not portion markings', () => {
      const l = corpusLine('reasonsUpper');
      const reasons = '1.4 ( B ) , ( C ) and ( D )';
      assertScope(l, '1.4', 'constant.numeric.reason.cable', reasons);
      assertScope(l, '(', 'meta.classification.reason.cable', '( C ) and');
      assertScope(l, 'C', 'constant.other.reason.cable', '( C ) and');
      assertNoScopeMatching(l, '( C )', NOT_A_MARKING, reasons);
      const lower = corpusLine('reasonsLowerList');
      assertScope(lower, 'c', 'constant.other.reason.cable', '( c )');
      assertNoScopeMatching(lower, '( c )', NOT_A_MARKING);
      // a marking right after the reasons is one
      const after = body('for reason 1.4 ( b ) and ( d ) ( C ) SUMMARY ------- ');
      assertScope(after, 'C', LEVEL.confidential, '( C ) SUMMARY');
    });

    it('page breaks and redactions', () => {
      assertScope(corpusLine('pageBreak'), '00002200 002 OF 002', 'comment.line.page-break.cable');
      assertScope(corpusLine('redaction'), 'XXXXXXXXXXXX', 'comment.other.redacted.cable');
    });

    it('headings with entity tags; a heading before an anchor', () => {
      const h = corpusLine('headingWithEntities');
      assertScope(h, 'IRAQ', ENTITY_TEXT.LOC);
      assertScope(h, 'IRAQ', 'markup.heading.section.cable');
      assertScope(h, ' HELP RECRUITMENT ', 'markup.heading.section.cable');
      assertScope(h, '4', 'constant.numeric.paragraph-number.cable', '</a>4');
      const t = corpusLine('headingTrailing');
      assertScope(t, 'Comment', 'markup.heading.section.cable');
      assertScope(t, '6', 'constant.numeric.paragraph-number.cable', '</a>6');
    });

    it('no rule state carries over a line break in the corpus lines', () => {
      for (const [key, c] of Object.entries(corpus)) assert.equal(one(c.text).endState.depth, 1, key);
    });
  });

  describe('negatives', () => {
    it('( U.S. ), ( ref A ), ( b ), ( L ), ( OSD ), ( Iran ) are not portion markings', () => {
      const seedL = seedLine('( L )');
      assertNoScopeMatching(seedL, '( L )', NOT_A_MARKING);
      assertNoScopeMatching(seedL, '( [ORG OSD  ] )', NOT_A_MARKING);
      assertNoScopeMatching(seedLine('( ref A )'), '( ref A )', NOT_A_MARKING);
      assertNoScopeMatching(seedLine('1.4 ( b )'), '( b )', NOT_A_MARKING);
      const odd = ['( U.S. )', '( Iran )', '( OSD )', '( ref A )', '( b )', '( L )', '( C-AL9-02612 )', '( S ecretariat )', '( Cable )', '( US )', '( CS )', '( UK )', '( SS )'];
      const l = body(`the ${odd.join(' and ')} positions . `);
      for (const s of odd) assertNoScopeMatching(l, s, NOT_A_MARKING);
      for (const s of odd) assertNoScopeMatching(one(s), s, NOT_A_MARKING);
      // lower-case letters inside running text are list items, not markings
      const list = body('They want ( b ) a deal and ( c ) a date ; ( s ) plural . ');
      assertNoScopeMatching(list, '( c )', NOT_A_MARKING);
      assertNoScopeMatching(list, '( s )', NOT_A_MARKING);
      assertNoScopeMatching(corpusLine('reasonLettersLine'), '( b ) , ( d )', NOT_A_MARKING);
    });

    it('[ NAME REMOVED ] and other plain brackets are not tags', () => {
      const l = corpusLine('nameRemoved');
      assertNoScopeMatching(l, '[ NAME REMOVED ]', /entity|invalid/);
      assertNoScopeMatching(l, '[ DETAILS REMOVED ]', /entity|invalid/);
      assertScope(l, 'Australian', ENTITY_TEXT.MISC);
      assertScope(l, 'S', LEVEL.secret, '( S )');
      const x = body('[ Note : see [ref] and [per diem] and [PERSONNEL] and [LOCAL ] and [PER] ] . ');
      assertNoScopeMatching(x, x.text.trim(), /entity|invalid/);
    });

    it('an unclosed [PER Foo does not colour the rest of its line or the following lines', () => {
      const lines = tokenizeLines(grammar, [
        'He met [PER Foo Bar and then ( C ) [ORG NATO  ] spoke . ',
        '[LOC Paris  ] hosted [PER Jane Doe  ] . ',
        "( S/NF ) Plain text , then <a id='par2' href='#par2'>¶</a>2 . ",
        'Summary ------- next',
      ]);
      const [l0, l1, l2, l3] = lines as [TokenizedLine, TokenizedLine, TokenizedLine, TokenizedLine];
      assertScope(l0, '[PER', 'invalid.illegal.unclosed-entity.cable');
      assertNoScopeMatching(l0, ' Foo Bar and then ', /entity|invalid|heading|string|classification/);
      assertScope(l0, 'C', LEVEL.confidential, '( C )');
      assertScope(l0, 'NATO', ENTITY_TEXT.ORG);
      for (const l of lines) assert.equal(l.endState.depth, 1);
      // the following lines tokenize exactly as they do on their own
      for (const l of [l1, l2, l3]) {
        assert.deepEqual(
          l.tokens.map((t) => [t.startIndex, t.endIndex, t.scopes.join(' ')]),
          body(l.text).tokens.map((t) => [t.startIndex, t.endIndex, t.scopes.join(' ')]),
          l.text,
        );
      }
      assertScope(l1, 'Paris', ENTITY_TEXT.LOC);
      assertScope(l1, 'Jane Doe', ENTITY_TEXT.PER);
      assertScope(l2, 'S', LEVEL.secret, '( S/NF )');
      assertScope(l2, '2', 'constant.numeric.paragraph-number.cable', '</a>2');
      assertScope(l3, 'Summary', 'markup.heading.section.cable');
      // a tag whose closing bracket is on the next line is not a tag on either line
      const [m0, m1] = tokenizeLines(grammar, ['[MISC British', '  ] [ORG UN  ] . ']) as [TokenizedLine, TokenizedLine];
      assertScope(m0, '[MISC', 'invalid.illegal.unclosed-entity.cable');
      assertNoScopeMatching(m0, 'British', /entity/);
      assertNoScopeMatching(m1, '  ]', /entity|invalid/);
      assertScope(m1, 'UN', ENTITY_TEXT.ORG);
    });
  });

  describe('colours in the default themes (vscode-textmate theme resolution)', () => {
    // EncodedTokenAttributes layout of vscode-textmate (not exported): foreground colour id in bits 15..23.
    const FOREGROUND_MASK = 0x00ff8000;
    const FOREGROUND_OFFSET = 15;

    // Dark Modern / Light Modern (the defaults of new installs) use the Dark+ / Light+ token colours
    // with another editor foreground.
    for (const [file, label] of [
      ['dark_plus.json', 'Dark+'],
      ['light_plus.json', 'Light+'],
      ['dark_modern.json', 'Dark Modern'],
      ['light_modern.json', 'Light Modern'],
    ] as const) {
      describe(label, () => {
        let themed: vsctm.IGrammar;
        let colorMap: string[];
        let theme: ThemeFile;
        let fg: string;
        before(async () => {
          theme = readTheme(file);
          const loaded = await loadGrammar(theme);
          themed = loaded.grammar;
          colorMap = loaded.registry.getColorMap();
          fg = theme.colors['editor.foreground'].toUpperCase();
        });

        /** Foreground colour of `substring` (see locate) in the last of `lines`, tokenized in order. */
        const colorOf = (lines: string[], substring: string, context?: string): string => {
          let state = vsctm.INITIAL;
          let tokens: Uint32Array = new Uint32Array(0);
          for (const line of lines) {
            const r = themed.tokenizeLine2(line, state);
            state = r.ruleStack;
            tokens = r.tokens;
          }
          const text = lines[lines.length - 1]!;
          const [start, end] = locate(text, substring, context);
          const colours = new Set<string>();
          for (let i = 0; i < tokens.length; i += 2) {
            const s = tokens[i]!;
            const e = i + 2 < tokens.length ? tokens[i + 2]! : text.length;
            if (s < end && e > start) colours.add(colorMap[(tokens[i + 1]! & FOREGROUND_MASK) >>> FOREGROUND_OFFSET]!.toUpperCase());
          }
          assert.equal(colours.size, 1, `"${substring}" has a single colour: ${[...colours].join(', ')}`);
          return [...colours][0]!;
        };
        /** Colour of `substring` in the seed line containing `lineWith`, tokenized in its file context. */
        const seedColor = (lineWith: string, substring: string, context?: string): string => {
          const lines = readSeedLines();
          const i = lines.findIndex((l) => l.includes(lineWith));
          assert.ok(i >= 0, lineWith);
          return colorOf(lines.slice(0, i + 1), substring, context);
        };

        it('plain text has the editor foreground', () => {
          assert.equal(seedColor('representatives met', 'representatives met with'), fg);
        });

        it('the four entity-text colours are pairwise different and differ from the default foreground', () => {
          const colours = {
            PER: seedColor('[PER STEVEN COSTNER  ]', 'STEVEN COSTNER'),
            ORG: seedColor('[ORG NATO  ]', 'NATO', '[ORG NATO  ]'),
            LOC: seedColor('[LOC UK  ]', 'UK', '[LOC UK  ]'),
            MISC: seedColor('[MISC UK’s  ]', 'UK’s'),
          };
          const values = Object.values(colours);
          assert.equal(new Set(values).size, 4, `pairwise different: ${JSON.stringify(colours)}`);
          for (const [k, c] of Object.entries(colours)) assert.notEqual(c, fg, `${k} text differs from the default foreground`);
          // brackets and type keywords differ from every entity-text colour and from the default foreground
          for (const [tag, type] of [
            ['[PER STEVEN COSTNER  ]', 'PER'],
            ['[ORG NATO  ]', 'ORG'],
            ['[LOC UK  ]', 'LOC'],
            ['[MISC UK’s  ]', 'MISC'],
          ] as const) {
            for (const c of [seedColor(tag, '[', tag), seedColor(tag, type, tag), seedColor(tag, ']', tag)]) {
              assert.notEqual(c, fg, `${tag}: bracket/type coloured`);
              for (const t of values) assert.notEqual(c, t, `${tag}: bracket/type colour ${c} differs from entity text colours`);
            }
          }
        });

        it('an ( S/NF ) marking is coloured differently from a ( C ) marking; banners by level', () => {
          const para = (m: string): string[] => ['Plain .', `${m} Paragraph text .`];
          const c = colorOf(para('( C )'), 'C', '( C )');
          const s = colorOf(para('( S/NF )'), 'S', '( S/NF )');
          const nf = colorOf(para('( S/NF )'), 'NF', '( S/NF )');
          const u = colorOf(para('( U )'), 'U', '( U )');
          const ts = colorOf(para('( TS )'), 'TS', '( TS )');
          assert.notEqual(s, c, 'S differs from C');
          assert.notEqual(nf, c, 'NF differs from C');
          assert.notEqual(nf, s, 'NF differs from S');
          assert.notEqual(u, c, 'U differs from C');
          assert.notEqual(u, s, 'U differs from S');
          assert.notEqual(ts, c, 'TS differs from C');
          for (const x of [c, s, nf, u, ts]) assert.notEqual(x, fg);
          const banner = (b: string): string => colorOf([`<code><pre>${b} STATE 000001 NOFORN SIPDIS `], b);
          assert.equal(banner('S E C R E T'), s);
          assert.equal(banner('C O N F I D E N T I A L'), c);
          assert.equal(banner('UNCLAS'), u);
          assert.equal(colorOf(['<code><pre>S E C R E T STATE 000001 NOFORN SIPDIS '], 'NOFORN'), nf);
        });

        it('anchors, paragraph numbers, headings, header labels and the wrapper are coloured', () => {
          for (const [lineWith, s, context] of [
            ['<code><pre>', 'code', undefined],
            ['<code><pre>', 'EO 12958', undefined],
            ['<code><pre>', 'SUBJECT:', undefined],
            ['<code><pre>', 'parB', undefined],
            ['<code><pre>', '¶', undefined],
            ['<code><pre>', 'B', '</a>B .'],
            ['Summary -------', 'Summary', undefined],
            ['Summary -------', '-------', undefined],
            ['WAY FORWARD', 'WAY FORWARD', undefined],
            ['</pre></code>', 'pre', undefined],
          ] as const) {
            assert.notEqual(seedColor(lineWith, s, context), fg, `${s} is coloured`);
          }
        });
      });
    }
  });

  describe('tokenizing time is linear in the line length', () => {
    const ms = (fn: () => void): number => {
      const t0 = process.hrtime.bigint();
      fn();
      return Number(process.hrtime.bigint() - t0) / 1e6;
    };
    const build = (unit: string, size: number): string => unit.repeat(Math.ceil(size / unit.length)).slice(0, size);

    for (const [label, unit] of [
      ['[[[[', '['],
      ['[PER  repeated', '[PER '],
      ['( ( ( (', '( '],
      ['realistic text (the seed cable on one line, repeated)', ''],
      ['------- (one dash run)', '-'],
      ['( S/REL  repeated', '( S/REL '],
      ['--- a  repeated', '--- a '],
    ] as const) {
      it(`${label}: 1 MB / 100 KB tokenize-time ratio < 25`, function () {
        this.timeout(180000);
        const u = unit || readSeedLines().join(' ');
        const tiny = build(u, 2_000);
        const mid = build(u, 20_000);
        const small = build(u, 100_000);
        const large = build(u, 1_000_000);
        const best = (line: string): number => {
          let t = Infinity;
          for (let i = 0; i < 3; i++) t = Math.min(t, ms(() => grammar.tokenizeLine(line, vsctm.INITIAL)));
          return t;
        };
        // Warm up; then a cheap first check, 20 KB / 2 KB (a quadratic grammar gives ~100 there and would
        // make the 1 MB run take many minutes); then the best of three 100 KB runs against one 1 MB run.
        // tokenizeLine is called without a time limit.
        grammar.tokenizeLine(mid, vsctm.INITIAL);
        const tTiny = best(tiny);
        const tMid = best(mid);
        const early = tMid / Math.max(tTiny, 0.2);
        assert.ok(early < 50, `${label}: 2 KB ${tTiny.toFixed(1)} ms, 20 KB ${tMid.toFixed(1)} ms, ratio ${early.toFixed(1)}`);
        const tSmall = best(small);
        let result: vsctm.ITokenizeLineResult | undefined;
        const tLarge = ms(() => {
          result = grammar.tokenizeLine(large, vsctm.INITIAL);
        });
        const ratio = tLarge / Math.max(tSmall, 1);
        assert.ok(result && result.tokens.length > 0);
        assert.equal(result.ruleStack.depth, 1);
        assert.ok(ratio < 25, `${label}: 100 KB ${tSmall.toFixed(0)} ms, 1 MB ${tLarge.toFixed(0)} ms, ratio ${ratio.toFixed(1)}`);
        if (unit === '[PER ') {
          // nothing is ever closed, so there is no entity text anywhere
          assert.ok(result.tokens.every((t) => !t.scopes.some((x) => x.startsWith('meta.entity'))));
        }
        if (unit === '') {
          assert.ok(result.tokens.some((t) => t.scopes.includes(ENTITY_TEXT.PER)));
        }
      });
    }
  });
});
