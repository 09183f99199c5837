// Multi-cable fixtures for cross-cable and index tests: several cables in one
// string, with the cursor and the expected answer marked in the text.
//
//   //- /ws/a.cable
//   ( U ) [PER Nicolas <|Pickard|>  ] met [LOC <1|London|1>  ] .
//   //- /ws/b.cable (closed)
//   ( U ) [PER $0Pickard  ] left .
//
// - `//- PATH (OPTIONS)` starts a cable. Its URI is `file://` + PATH, taken
//   as written (percent-encode in PATH what the URI needs encoded). OPTIONS,
//   comma-separated, all optional:
//     open       in an editor: the in-memory workspace has it, and the index
//                has its text (`indexOpenDocument`). The default.
//     closed     on disk only: indexed with `indexSource`, readable through
//                the workspace's `read` (what cross-cable rename uses).
//     unindexed  not put into the index (open or on disk all the same).
//     crlf       the cable's line breaks become `\r\n` (before marks are read).
// - A cable's text is every line after its header up to the next header,
//   line breaks included; the line break before a header belongs to the cable
//   above. Blank lines before the first header are ignored. Nothing else is
//   trimmed or dedented.
// - `$0` is the cursor (at most one in the fixture).
// - `<|text|>` marks a range; `<name|text|name>` marks one of the group
//   `name` (letters, digits, `_`: `<1|…|1>`, `<def|…|def>`) when order or
//   grouping matters. Marks may nest; the marks themselves are not in the text.
// - Offsets are UTF-16 code units, as in the core; positions are line and
//   UTF-16 character, lines ending at `\r\n`, `\r` or `\n` (as in LSP). The
//   helper computes them on its own, not with the core.
//
// `fixture(text)` returns the service over those cables, the cursor, and the
// marked ranges (as `{uri, span}` for the core's answers, and as LSP ranges):
//
//   const f = fixture(`…`);
//   const { uri, offset } = f.cursor;
//   assert.deepEqual(f.service.references(uri, offset), f.locations());
//   assert.deepEqual(f.service.definition(uri, offset), f.location('def'));
//
// `f.group(name)` gives a group's marks (text, span, range), `f.only(name)`
// its one mark; `f.workspace` edits what an editor shows (`set`, `delete`) or
// what is on disk (`write`, `unlink`). Options add real cables (`closed`,
// `open`: the corpus, the seed) and a configuration.

import { CableConfig, CableLanguageService, CableSource, InMemoryWorkspace, Position, Span, createLanguageService, defaultConfig } from '../server/src/core';
import * as fs from 'fs';
import * as path from 'path';
import { CORPUS_DIR, SEED_PATH } from './helpers';

export interface FixtureCable {
  path: string;
  uri: string;
  /** The text, marks removed. */
  text: string;
  open: boolean;
  indexed: boolean;
}

export interface Mark {
  /** '' for `<|…|>`. */
  group: string;
  uri: string;
  span: Span;
  range: { start: Position; end: Position };
  /** The text between the marks. */
  text: string;
}

export interface Cursor {
  uri: string;
  offset: number;
  position: Position;
}

export interface FixtureOptions {
  config?: CableConfig;
  /** More cables on disk, indexed before the fixture's own (the corpus, the seed). */
  closed?: Array<{ uri: string; text: string }>;
  /** More cables open in editors, indexed after `closed`, before the fixture's own. */
  open?: Array<{ uri: string; text: string }>;
}

/** Open editors (the in-memory workspace) and files on disk, read again on demand. */
export class FixtureWorkspace extends InMemoryWorkspace {
  private readonly disk = new Map<string, { text: string; version: string }>();
  /** The URIs `read` was asked for, in order. */
  readonly reads: string[] = [];

  /** Writes a file on disk (versions `disk:1`, `disk:2`…) and returns it as the indexer reads it. */
  write(uri: string, text: string): CableSource {
    const old = this.disk.get(uri);
    const version = `disk:${old ? Number(old.version.slice('disk:'.length)) + 1 : 1}`;
    this.disk.set(uri, { text, version });
    return { uri, version, text };
  }

  unlink(uri: string): void {
    this.disk.delete(uri);
  }

  read(uri: string): CableSource | undefined {
    const file = this.disk.get(uri);
    if (!file) return undefined;
    this.reads.push(uri);
    return { uri, version: file.version, text: file.text };
  }
}

export class Fixture {
  constructor(
    readonly service: CableLanguageService,
    readonly workspace: FixtureWorkspace,
    readonly cables: FixtureCable[],
    /** Every mark, cable after cable, by where it opens. */
    readonly marks: Mark[],
    private readonly cursorAt: Cursor | undefined,
  ) {}

  /** The cursor (`$0`); throws when the fixture has none. */
  get cursor(): Cursor {
    if (!this.cursorAt) throw new Error('the fixture has no $0');
    return this.cursorAt;
  }

  /** The cable written at `path` (or whose path ends with `/path`). */
  cable(pathOrName: string): FixtureCable {
    const found = this.cables.filter((c) => c.path === pathOrName || c.path.endsWith(`/${pathOrName}`));
    if (found.length !== 1) throw new Error(`${found.length} cables match "${pathOrName}"`);
    return found[0];
  }

  uri(pathOrName: string): string {
    return this.cable(pathOrName).uri;
  }

  text(pathOrName: string): string {
    return this.cable(pathOrName).text;
  }

  /** The marks of one group ('' for `<|…|>`), in fixture order. */
  group(group = ''): Mark[] {
    return this.marks.filter((m) => m.group === group);
  }

  /** The marks of a group as the core's locations. */
  locations(group = ''): Array<{ uri: string; span: Span }> {
    return this.group(group).map((m) => ({ uri: m.uri, span: m.span }));
  }

  /** The marks of a group as LSP locations (line and UTF-16 character). */
  ranges(group = ''): Array<{ uri: string; range: { start: Position; end: Position } }> {
    return this.group(group).map((m) => ({ uri: m.uri, range: m.range }));
  }

  /** The one mark of a group as the core's location; throws unless there is exactly one. */
  location(group = ''): { uri: string; span: Span } {
    const { uri, span } = this.only(group);
    return { uri, span };
  }

  /** The one mark of a group; throws unless there is exactly one. */
  only(group: string): Mark {
    const found = this.group(group);
    if (found.length !== 1) throw new Error(`${found.length} marks in group "${group}"`);
    return found[0];
  }
}

const HEADER = /^\/\/- (\/\S*)(?: \(([^)]*)\))?[ \t]*$/;
const MARK = /\$0|<(\w*)\||\|(\w*)>/g;
const OPTIONS = new Set(['open', 'closed', 'unindexed', 'crlf']);

export function fixture(spec: string, options: FixtureOptions = {}): Fixture {
  const parsed = parseFixture(spec);
  const workspace = new FixtureWorkspace();
  const service = createLanguageService(workspace, options.config ?? defaultConfig());
  for (const c of options.closed ?? []) service.indexSource(workspace.write(c.uri, c.text));
  for (const c of options.open ?? []) {
    workspace.set(c.uri, c.text);
    service.indexOpenDocument(c.uri);
  }
  for (const c of parsed.cables) {
    if (c.open) {
      workspace.set(c.uri, c.text);
      if (c.indexed && !service.indexOpenDocument(c.uri)) throw new Error(`${c.path}: not indexed`);
    } else {
      const source = workspace.write(c.uri, c.text);
      if (c.indexed) service.indexSource(source);
    }
  }
  return new Fixture(service, workspace, parsed.cables, parsed.marks, parsed.cursor);
}

/** The cables, marks and cursor of a fixture, without a service. */
export function parseFixture(spec: string): { cables: FixtureCable[]; marks: Mark[]; cursor?: Cursor } {
  const lines = spec.match(/[^\n]*\n|[^\n]+$/g) ?? [];
  let i = 0;
  while (i < lines.length && lines[i].trim() === '') i++;
  const cables: FixtureCable[] = [];
  const marks: Mark[] = [];
  let cursor: Cursor | undefined;
  while (i < lines.length) {
    const header = HEADER.exec(lines[i].replace(/\r?\n$/, ''));
    if (!header) throw new Error(`fixture: expected a "//- /path" header, found ${JSON.stringify(lines[i])}`);
    const filePath = header[1];
    const opts = (header[2] ?? '').split(',').map((o) => o.trim()).filter((o) => o !== '');
    for (const o of opts) if (!OPTIONS.has(o)) throw new Error(`fixture: ${filePath}: unknown option "${o}"`);
    if (opts.includes('open') && opts.includes('closed')) throw new Error(`fixture: ${filePath}: open or closed, not both`);
    if (cables.some((c) => c.path === filePath)) throw new Error(`fixture: ${filePath} twice`);
    let body = '';
    for (i++; i < lines.length && !lines[i].startsWith('//- '); i++) body += lines[i];
    if (opts.includes('crlf')) body = body.replace(/\r?\n/g, '\r\n');
    const uri = `file://${filePath}`;
    const read = readMarks(body, uri, filePath);
    if (read.cursor) {
      if (cursor) throw new Error('fixture: more than one $0');
      cursor = read.cursor;
    }
    marks.push(...read.marks);
    cables.push({ path: filePath, uri, text: read.text, open: !opts.includes('closed'), indexed: !opts.includes('unindexed') });
  }
  return { cables, marks, cursor };
}

function readMarks(body: string, uri: string, filePath: string): { text: string; marks: Mark[]; cursor?: Cursor } {
  let text = '';
  let last = 0;
  let cursorOffset: number | undefined;
  const open: Array<{ group: string; start: number; order: number }> = [];
  const found: Array<{ group: string; start: number; end: number; order: number }> = [];
  let order = 0;
  for (const m of body.matchAll(MARK)) {
    text += body.slice(last, m.index);
    last = m.index! + m[0].length;
    if (m[0] === '$0') {
      if (cursorOffset !== undefined) throw new Error(`fixture: ${filePath}: more than one $0`);
      cursorOffset = text.length;
    } else if (m[1] !== undefined) {
      open.push({ group: m[1], start: text.length, order: order++ });
    } else {
      const group = m[2];
      const at = open.map((o) => o.group).lastIndexOf(group);
      if (at < 0) throw new Error(`fixture: ${filePath}: "${m[0]}" closes nothing`);
      const [o] = open.splice(at, 1);
      found.push({ ...o, end: text.length });
    }
  }
  text += body.slice(last);
  if (open.length > 0) throw new Error(`fixture: ${filePath}: "<${open[0].group}|" is never closed`);
  const starts = lineStarts(text);
  const marks = found
    .sort((a, b) => a.order - b.order)
    .map(({ group, start, end }) => ({
      group,
      uri,
      span: { start, end },
      range: { start: positionIn(starts, start), end: positionIn(starts, end) },
      text: text.slice(start, end),
    }));
  const cursor = cursorOffset === undefined ? undefined : { uri, offset: cursorOffset, position: positionIn(starts, cursorOffset) };
  return { text, marks, cursor };
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (const m of text.matchAll(/\r\n|\r|\n/g)) starts.push(m.index! + m[0].length);
  return starts;
}

function positionIn(starts: number[], offset: number): Position {
  let line = 0;
  while (line + 1 < starts.length && starts[line + 1] <= offset) line++;
  return { line, character: offset - starts[line] };
}

let lastText: { text: string; starts: number[] } | undefined;

/** The position of `offset` in `text`, computed here (not by the core). */
export function positionOf(text: string, offset: number): Position {
  if (lastText?.text !== text) lastText = { text, starts: lineStarts(text) };
  return positionIn(lastText.starts, offset);
}

// Real cables, under the URIs the cross-cable tests use.

export const CORPUS_ROOT = 'file:///ws/corpus/';
export const SEED_URI = 'file:///ws/seeds/000_d5a32e40f8b893e0.txt';

let corpusCache: Array<{ uri: string; text: string }> | undefined;

/** The 323 corpus cables as `file:///ws/corpus/NAME.cable`, sorted by name. */
export function corpusCables(): Array<{ uri: string; text: string }> {
  return (corpusCache ??= fs
    .readdirSync(CORPUS_DIR)
    .filter((f) => f.endsWith('.cable'))
    .sort()
    .map((f) => ({ uri: CORPUS_ROOT + f, text: fs.readFileSync(path.join(CORPUS_DIR, f), 'utf8') })));
}

export function corpusCable(name: string): { uri: string; text: string } {
  const found = corpusCables().find((c) => c.uri === CORPUS_ROOT + name);
  if (!found) throw new Error(`no corpus cable ${name}`);
  return found;
}

export function seedCable(): { uri: string; text: string } {
  return { uri: SEED_URI, text: fs.readFileSync(SEED_PATH, 'utf8') };
}
