// A comparison of one or many cables as a report: a JSON object (scripts rely
// on its keys), a stylish table for the terminal, and Markdown for a pull
// request comment. Lines and columns are 1-based; columns count UTF-16 code
// units, as editors and `cable-lint --format json` do.

import { LineIndex } from '../lineIndex';
import { CableComparison } from './compare';
import { DifferenceKind, DifferenceSide } from './differences';
import { Kappa, addKappaTally, kappaOf, newKappaTally } from './kappa';
import { SCHEMES, ScoreTable, Scores, addTally, newTally, scoreTable } from './scores';

/** How the two sides are named: `a`/`b`, or `gold`/`pred` when one is the reference. */
export type SideNames = readonly ['a', 'b'] | readonly ['gold', 'pred'];

export interface ComparedFile {
  /** The file as shown (relative to the working folder). */
  file: string;
  comparison: CableComparison;
  /** Each side's own file as shown, where it is not `file` (two files, a revision). */
  paths?: { a: string; b: string };
  /** B is made up (a reference cable with no prediction: its text untagged); its problems are A's, listed once. */
  bMadeUp?: boolean;
}

export interface ReportInput {
  names: SideNames;
  /** What each side is: a path, or a revision such as `HEAD`. */
  labels: { a: string; b: string };
  files: ComparedFile[];
  /** Files found on one side only (not scored). */
  unpaired?: Array<{ file: string; side: 'a' | 'b' }>;
  entityTypes: readonly string[];
}

export interface Place {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  text: string;
}

export interface SidePlace extends Place {
  /** The tag's type; null when the text is untagged in this version. */
  type: string | null;
}

export interface DifferenceRecord {
  kind: DifferenceKind;
  file: string;
  type: string;
  /** Keyed by the side names (`a`/`b` or `gold`/`pred`). */
  [side: string]: SidePlace | string;
}

export interface TextChangeRecord {
  file: string;
  [side: string]: Place | string;
}

export interface FileSummary {
  file: string;
  differences: number;
  textChanges: number;
  /** Strict overall F1 of the file. */
  f1: number;
  kappa: number;
}

export interface CompareReport {
  sides: { [side: string]: { label: string; role: 'reference' | 'compared' } };
  cables: number;
  overall: Scores;
  byType: Record<string, Scores>;
  kappa: number;
  tokens: number;
  files: FileSummary[];
  differences: DifferenceRecord[];
  textChanges: TextChangeRecord[];
  unpaired: Array<{ file: string; only: string }>;
  /** Tags the parser could only guess at (unclosed, stray `]`, nested): compared as parsed. */
  malformedTags: MalformedTagRecord[];
}

export interface MalformedTagRecord {
  /** The side's own file (`HEAD:path` for a revision). */
  file: string;
  /** The side's name (`a`/`b` or `gold`/`pred`). */
  side: string;
  line: number;
  column: number;
  code: string;
  message: string;
}

/** Parser problems that make a side's spans a guess (a tag of an unknown type is a span like another, scored under its type). */
const MALFORMED_CODES = new Set(['tag-unclosed', 'tag-stray-close', 'tag-nested']);

const round = (x: number) => Math.round(x * 1e6) / 1e6;

function roundScores(scores: Scores): Scores {
  const out = {} as Scores;
  for (const scheme of SCHEMES) {
    const s = scores[scheme];
    out[scheme] = { ...s, precision: round(s.precision), recall: round(s.recall), f1: round(s.f1) };
  }
  return out;
}

function place(lines: LineIndex, span: { start: number; end: number }, text: string): Place {
  const start = lines.positionAt(span.start);
  const end = lines.positionAt(span.end);
  return { line: start.line + 1, column: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1, text };
}

function sidePlace(lines: LineIndex, side: DifferenceSide): SidePlace {
  return { ...place(lines, side.span, side.text), type: side.type };
}

/** Scores and kappa of many comparisons together (counts added up, then scored). */
export function combinedScores(comparisons: readonly CableComparison[], entityTypes: readonly string[]): { table: ScoreTable; kappa: Kappa } {
  const tally = newTally();
  const kappa = newKappaTally();
  for (const c of comparisons) {
    addTally(tally, c.tally);
    addKappaTally(kappa, c.kappa);
  }
  return { table: scoreTable(tally, entityTypes), kappa: kappaOf(kappa) };
}

export function compareReport(input: ReportInput): CompareReport {
  const [na, nb] = input.names;
  const { table, kappa } = combinedScores(
    input.files.map((f) => f.comparison),
    input.entityTypes,
  );
  const differences: DifferenceRecord[] = [];
  const textChanges: TextChangeRecord[] = [];
  const files: FileSummary[] = [];
  const malformedTags: MalformedTagRecord[] = [];
  for (const { file, comparison, paths, bMadeUp } of input.files) {
    const aLines = new LineIndex(comparison.a.tagged);
    const bLines = new LineIndex(comparison.b.tagged);
    const sides = [[na, comparison.a, aLines, paths?.a ?? file], [nb, comparison.b, bLines, paths?.b ?? file]] as const;
    for (const [side, cable, lines, own] of bMadeUp ? sides.slice(0, 1) : sides) {
      const found = cable.doc.problems.filter((p) => MALFORMED_CODES.has(p.code)).sort((x, y) => x.span.start - y.span.start);
      for (const p of found) {
        const at = lines.positionAt(p.span.start);
        malformedTags.push({ file: own, side, line: at.line + 1, column: at.character + 1, code: p.code, message: p.message });
      }
    }
    for (const d of comparison.differences) {
      differences.push({ kind: d.kind, file, type: d.type, [na]: sidePlace(aLines, d.a), [nb]: sidePlace(bLines, d.b) });
    }
    for (const c of comparison.textChanges) {
      textChanges.push({ file, [na]: place(aLines, c.a.span, c.a.text), [nb]: place(bLines, c.b.span, c.b.text) });
    }
    const own = combinedScores([comparison], input.entityTypes);
    files.push({ file, differences: comparison.differences.length, textChanges: comparison.textChanges.length, f1: round(own.table.overall.strict.f1), kappa: round(own.kappa.kappa) });
  }
  const byType: Record<string, Scores> = {};
  for (const [type, scores] of Object.entries(table.byType)) byType[type] = roundScores(scores);
  return {
    sides: { [na]: { label: input.labels.a, role: 'reference' }, [nb]: { label: input.labels.b, role: 'compared' } },
    cables: input.files.length,
    overall: roundScores(table.overall),
    byType,
    kappa: round(kappa.kappa),
    tokens: kappa.tokens,
    files,
    differences,
    textChanges,
    unpaired: (input.unpaired ?? []).map((u) => ({ file: u.file, only: u.side === 'a' ? na : nb })),
    malformedTags,
  };
}

// ---------------------------------------------------------------- text output

const MALFORMED_SHOWN = 10;

/** "3 malformed tags in 2 files" (each side's file counts). */
export function malformedSummary(tags: readonly MalformedTagRecord[]): string {
  const files = new Set(tags.map((m) => `${m.side}\0${m.file}`)).size;
  return `${tags.length} malformed ${tags.length === 1 ? 'tag' : 'tags'} in ${files} ${files === 1 ? 'file' : 'files'}`;
}

const KIND_LABEL: Record<DifferenceKind, string> = {
  added: 'added',
  removed: 'removed',
  retyped: 'retyped',
  rebounded: 're-bounded',
  'rebounded-retyped': 're-bounded and retyped',
};

export function kindLabel(kind: DifferenceKind): string {
  return KIND_LABEL[kind];
}

/** A side as the user reads it: `[PER Andrew Ford]`, or `untagged "Ford"`. */
export function describeSide(side: { type: string | null; text: string }): string {
  const text = side.text.replace(/\s+/g, ' ');
  return side.type === null ? `untagged "${text}"` : `[${side.type} ${text}]`;
}

const fixed = (x: number) => x.toFixed(3);
const HEAD = ['correct', 'incorrect', 'partial', 'missed', 'spurious', 'precision', 'recall', 'F1'];

function rowOf(s: Scores[keyof Scores]): string[] {
  return [s.correct, s.incorrect, s.partial, s.missed, s.spurious].map(String).concat([fixed(s.precision), fixed(s.recall), fixed(s.f1)]);
}

function textTable(rows: string[][]): string[] {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ').trimEnd());
}

export interface Paint {
  bold(s: string): string;
  dim(s: string): string;
  underline(s: string): string;
  bad(s: string): string;
  good(s: string): string;
}

const PLAIN: Paint = { bold: (s) => s, dim: (s) => s, underline: (s) => s, bad: (s) => s, good: (s) => s };

export function formatStylish(report: CompareReport, paint: Paint = PLAIN): string {
  const [na, nb] = Object.keys(report.sides);
  const out: string[] = [];
  out.push(`${paint.bold(`Compared ${report.cables} ${report.cables === 1 ? 'cable' : 'cables'}`)}: ${na} = ${report.sides[na].label}, ${nb} = ${report.sides[nb].label} (${na} is the reference)`);
  out.push('');
  out.push(...textTable([['scheme', ...HEAD], ...SCHEMES.map((s) => [s, ...rowOf(report.overall[s])])]));
  out.push('');
  const types = Object.keys(report.byType);
  if (types.length > 0) {
    out.push(...textTable([['strict, per type', ...HEAD], ...types.map((t) => [t, ...rowOf(report.byType[t].strict)])]));
    out.push('');
  }
  out.push(`Cohen's kappa over ${report.tokens.toLocaleString('en-US')} tokens: ${fixed(report.kappa)}`);
  out.push('');
  // Differences and text changes of each file, in the order of their lines in the first version.
  const byFile = new Map<string, Array<{ line: number; column: number; text: string }>>();
  const entriesOf = (file: string) => {
    let list = byFile.get(file);
    if (!list) byFile.set(file, (list = []));
    return list;
  };
  for (const d of report.differences) {
    const a = d[na] as SidePlace;
    const b = d[nb] as SidePlace;
    entriesOf(d.file).push({
      line: a.line,
      column: a.column,
      text: `  ${paint.dim(`${a.line}:${a.column}`.padEnd(8))} ${kindLabel(d.kind).padEnd(22)} ${describeSide(a)} → ${describeSide(b)}  ${paint.dim(`(${nb} ${b.line}:${b.column})`)}`,
    });
  }
  for (const c of report.textChanges) {
    const a = c[na] as Place;
    const b = c[nb] as Place;
    entriesOf(c.file).push({
      line: a.line,
      column: a.column,
      text: `  ${paint.dim(`${a.line}:${a.column}`.padEnd(8))} ${'text changed'.padEnd(22)} ${JSON.stringify(a.text)} → ${JSON.stringify(b.text)}  ${paint.dim(`(${nb} ${b.line}:${b.column})`)}`,
    });
  }
  for (const [file, entries] of byFile) {
    entries.sort((x, y) => x.line - y.line || x.column - y.column);
    out.push(paint.underline(file), ...entries.map((e) => e.text), '');
  }
  for (const u of report.unpaired) out.push(paint.dim(`only in ${u.only}: ${u.file} (not compared)`));
  if (report.unpaired.length > 0) out.push('');
  if (report.malformedTags.length > 0) {
    out.push(paint.bold(`${malformedSummary(report.malformedTags)}, compared as parsed:`));
    for (const m of report.malformedTags.slice(0, MALFORMED_SHOWN)) out.push(`  ${paint.dim(`${m.file}:${m.line}:${m.column}`)}  ${m.message} ${paint.dim(`(${m.code}, ${m.side})`)}`);
    const more = report.malformedTags.length - MALFORMED_SHOWN;
    if (more > 0) out.push(paint.dim(`  … and ${more} more (--format json lists them all)`));
    out.push('');
  }
  const withDiffs = report.files.filter((f) => f.differences > 0 || f.textChanges > 0).length;
  const n = report.differences.length;
  const t = report.textChanges.length;
  const summary = `${n} ${n === 1 ? 'difference' : 'differences'}${t > 0 ? ` and ${t} ${t === 1 ? 'text change' : 'text changes'}` : ''} in ${withDiffs} of ${report.cables} ${report.cables === 1 ? 'cable' : 'cables'} · strict F1 ${fixed(report.overall.strict.f1)} · kappa ${fixed(report.kappa)}`;
  out.push(n === 0 && t === 0 ? paint.good(paint.bold(`✔ ${summary}`)) : paint.bad(paint.bold(`✖ ${summary}`)));
  return out.join('\n') + '\n';
}

const escapeCell = (s: string) => s.replace(/[\\|*_`[\]<>]/g, (c) => `\\${c}`);

/** The score table in Markdown: overall per scheme, then strict per type, then kappa. */
export function scoreTableMarkdown(overall: Scores, byType: Record<string, Scores>, kappa: { kappa: number; tokens: number }): string {
  const lines: string[] = [];
  lines.push(`| scheme | ${HEAD.join(' | ')} |`, `|:--|${HEAD.map(() => '--:').join('|')}|`);
  for (const s of SCHEMES) lines.push(`| ${s} | ${rowOf(overall[s]).join(' | ')} |`);
  const types = Object.keys(byType);
  if (types.length > 0) {
    lines.push('', `| type (strict) | ${HEAD.join(' | ')} |`, `|:--|${HEAD.map(() => '--:').join('|')}|`);
    for (const t of types) lines.push(`| ${escapeCell(t)} | ${rowOf(byType[t].strict).join(' | ')} |`);
  }
  lines.push('', `Cohen's kappa over ${kappa.tokens.toLocaleString('en-US')} tokens: **${fixed(kappa.kappa)}**`);
  return lines.join('\n');
}

export function formatMarkdown(report: CompareReport): string {
  const [na, nb] = Object.keys(report.sides);
  const out: string[] = [];
  out.push(`### Annotations: ${escapeCell(report.sides[nb].label)} compared with ${escapeCell(report.sides[na].label)}`, '');
  const n = report.differences.length;
  out.push(
    `${report.cables} ${report.cables === 1 ? 'cable' : 'cables'}, ${n} ${n === 1 ? 'difference' : 'differences'}, strict F1 **${fixed(report.overall.strict.f1)}** (${na} is the reference).`,
    '',
  );
  out.push(scoreTableMarkdown(report.overall, report.byType, report), '');
  if (n > 0) {
    out.push(`<details><summary>${n} ${n === 1 ? 'difference' : 'differences'}</summary>`, '');
    out.push(`| file | line | kind | ${na} | ${nb} |`, '|:--|--:|:--|:--|:--|');
    for (const d of report.differences) {
      const a = d[na] as SidePlace;
      const b = d[nb] as SidePlace;
      out.push(`| ${escapeCell(d.file)} | ${a.line} | ${kindLabel(d.kind)} | ${escapeCell(describeSide(a))} | ${escapeCell(describeSide(b))} |`);
    }
    out.push('', '</details>', '');
  }
  if (report.textChanges.length > 0) {
    out.push(`<details><summary>${report.textChanges.length} text ${report.textChanges.length === 1 ? 'change' : 'changes'}</summary>`, '');
    out.push(`| file | line | ${na} | ${nb} |`, '|:--|--:|:--|:--|');
    for (const c of report.textChanges) {
      const a = c[na] as Place;
      const b = c[nb] as Place;
      out.push(`| ${escapeCell(c.file)} | ${a.line} | ${escapeCell(JSON.stringify(a.text))} | ${escapeCell(JSON.stringify(b.text))} |`);
    }
    out.push('', '</details>', '');
  }
  if (report.unpaired.length > 0) out.push(`Not compared (only on one side): ${report.unpaired.map((u) => `${escapeCell(u.file)} (${u.only})`).join(', ')}`, '');
  if (report.malformedTags.length > 0) {
    out.push(`<details><summary>${malformedSummary(report.malformedTags)}, compared as parsed</summary>`, '');
    out.push('| file | side | line | problem |', '|:--|:--|--:|:--|');
    for (const m of report.malformedTags) out.push(`| ${escapeCell(m.file)} | ${m.side} | ${m.line} | ${escapeCell(m.message)} |`);
    out.push('', '</details>', '');
  }
  return out.join('\n');
}
