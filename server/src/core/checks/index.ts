// Diagnostics: every rule set's problems (tags, structure, curation) with
// severities taken from the configuration. Cross-cable checks need the
// workspace index and are added by the service.
//
// Problems are first found as packed records (where, which rule, what to
// say about): sorting and the `maxProblems` cap work on those, and only the
// diagnostics shown get their messages. The tag checks (parser problems,
// spacing, structure) need only the parse; the entity checks (curation) need
// the entities too, so they can come second.

import { RULE_CODES, RuleCode, Severity } from '../codes';
import { CableConfig } from '../config';
import { Problem, Span } from '../model';
import { ParsedCable, eventProblem, tagsOf } from '../parser';
import { Ev, F } from '../tagTable';
import { memoized } from '../memo';
import { Analysis, previousAnalysis } from '../workspace';
import { typeConflictMentions, typeConflictProblem, untaggedFound, untaggedMention } from './curation';
import { boundaryProblems } from './boundary';
import { structureProblemsOf } from './structure';
import { Side, spacingFindings, spacingProblem } from './tags';

export interface RelatedInformation {
  uri: string;
  span: Span;
  message: string;
}

export interface CableDiagnostic {
  code: RuleCode;
  severity: Severity;
  span: Span;
  message: string;
  related?: RelatedInformation[];
  data?: Record<string, unknown>;
}

const enum Src {
  Event = 0,
  Spacing = 1,
  Structure = 2,
  Conflict = 3,
  Untagged = 4,
}

const EVENT_CODES: RuleCode[] = ['tag-unknown-type', 'tag-nested', 'tag-multiline', 'tag-empty', 'tag-unclosed', 'tag-stray-close'];
const CODE_INDEX = new Map<string, number>(RULE_CODES.map((c, i) => [c, i]));

/** Problems as records, sorted by span (ties: in the order the rule sets list them). */
class Records {
  count = 0;
  start = new Int32Array(64);
  end = new Int32Array(64);
  /** Index into RULE_CODES, -1 for a code that is not a rule. */
  code = new Int32Array(64);
  src = new Uint8Array(64);
  ref = new Int32Array(64);
  structure: Problem[] = [];
  sorted: Int32Array = new Int32Array(0);

  push(start: number, end: number, code: number, src: Src, ref: number): void {
    if (this.count === this.start.length) this.grow();
    const n = this.count++;
    this.start[n] = start;
    this.end[n] = end;
    this.code[n] = code;
    this.src[n] = src;
    this.ref[n] = ref;
  }

  private grow(): void {
    const size = this.start.length * 2;
    const copy = <T extends Int32Array | Uint8Array>(a: T, b: T) => (b.set(a), b);
    this.start = copy(this.start, new Int32Array(size));
    this.end = copy(this.end, new Int32Array(size));
    this.code = copy(this.code, new Int32Array(size));
    this.src = copy(this.src, new Uint8Array(size));
    this.ref = copy(this.ref, new Int32Array(size));
  }

  sort(): void {
    const { start, end } = this;
    const order = new Int32Array(this.count);
    let ordered = true;
    for (let n = 0; n < this.count; n++) {
      order[n] = n;
      if (n > 0 && (start[n] < start[n - 1] || (start[n] === start[n - 1] && end[n] < end[n - 1]))) ordered = false;
    }
    if (!ordered) order.sort((a, b) => start[a] - start[b] || end[a] - end[b] || a - b);
    this.sorted = order;
  }
}

/** The records of the tag checks: parser problems, spacing, structure. */
function tagChecks(analysis: Analysis): Records {
  return memoized(analysis, 'tagRecords', () => findTagChecks(analysis));
}

function findTagChecks(analysis: Analysis): Records {
  const r = new Records();
  const doc = analysis.doc;
  const table = tagsOf(doc);
  if (doc instanceof ParsedCable) {
    const e = doc.events;
    for (let n = 0; n < doc.eventCount; n++) {
      const kind = e[n * Ev.Size];
      const ref = e[n * Ev.Size + 1];
      const code = CODE_INDEX.get(EVENT_CODES[kind])!;
      if (kind === Ev.Stray) r.push(ref, ref + 1, code, Src.Event, n);
      else if (kind === Ev.Multiline || kind === Ev.Empty) r.push(table.start(ref), table.end(ref), code, Src.Event, n);
      else if (kind === Ev.UnknownType) r.push(table.start(ref) + 1, table.data[ref * F.Stride + F.TypeEnd], code, Src.Event, n);
      else r.push(table.start(ref), table.data[ref * F.Stride + F.TypeEnd], code, Src.Event, n);
    }
  } else {
    for (const p of doc.problems) {
      r.structure.push(p);
      r.push(p.span.start, p.span.end, CODE_INDEX.get(p.code) ?? -1, Src.Structure, r.structure.length - 1);
    }
  }
  const spacing = CODE_INDEX.get('tag-spacing')!;
  for (const [i, side] of spacingFindings(doc)) {
    const o = i * F.Stride;
    if (side === Side.Closing) r.push(table.data[o + F.TextEnd], table.data[o + F.Close] + 1, spacing, Src.Spacing, 2 * i);
    else r.push(table.data[o + F.TypeEnd], table.data[o + F.TextStart], spacing, Src.Spacing, 2 * i + 1);
  }
  for (const p of [...boundaryProblems(doc), ...structureProblemsOf(doc, previousAnalysis(analysis)?.doc)]) {
    r.structure.push(p);
    r.push(p.span.start, p.span.end, CODE_INDEX.get(p.code) ?? -1, Src.Structure, r.structure.length - 1);
  }
  r.sort();
  return r;
}

/** The records of the entity checks. */
function curationChecks(analysis: Analysis): Records {
  return memoized(analysis, 'curationRecords', () => findCurationChecks(analysis));
}

function findCurationChecks(analysis: Analysis): Records {
  const r = new Records();
  const table = tagsOf(analysis.doc);
  const conflict = CODE_INDEX.get('entity-type-conflict')!;
  for (const i of typeConflictMentions(analysis)) r.push(table.start(i), table.end(i), conflict, Src.Conflict, i);
  const untagged = CODE_INDEX.get('entity-untagged-mention')!;
  const found = untaggedFound(analysis);
  for (let n = 0; n < found.count; n++) r.push(found.start[n], found.end[n], untagged, Src.Untagged, n);
  r.sort();
  return r;
}

function problemOf(analysis: Analysis, r: Records, n: number): Problem {
  const ref = r.ref[n];
  switch (r.src[n] as Src) {
    case Src.Event:
      return eventProblem(analysis.doc as ParsedCable, ref);
    case Src.Spacing:
      return spacingProblem(analysis.doc, ref >> 1, (ref & 1) as Side);
    case Src.Structure:
      return r.structure[ref];
    case Src.Conflict:
      return typeConflictProblem(analysis, ref);
    default:
      return untaggedMention(analysis, untaggedFound(analysis), ref).problem;
  }
}

function toDiagnostic(analysis: Analysis, p: Problem, severity: Severity): CableDiagnostic {
  const d: CableDiagnostic = { code: p.code as RuleCode, severity, span: p.span, message: p.message };
  if (p.data) d.data = p.data;
  if (p.related) d.related = p.related.map((x) => ({ uri: analysis.uri, span: x.span, message: x.message }));
  return d;
}

/**
 * The diagnostics of the record lists, merged in span order (ties: the
 * first list first), rules set to off left out, at most `limit`.
 */
function collect(analysis: Analysis, config: CableConfig, lists: Records[], limit: number): CableDiagnostic[] {
  const out: CableDiagnostic[] = [];
  const at = lists.map(() => 0);
  while (out.length < limit) {
    let best = -1;
    let bestN = 0;
    for (let l = 0; l < lists.length; l++) {
      const r = lists[l];
      if (at[l] >= r.count) continue;
      const n = r.sorted[at[l]];
      if (best < 0) {
        best = l;
        bestN = n;
        continue;
      }
      const b = lists[best];
      if (r.start[n] < b.start[bestN] || (r.start[n] === b.start[bestN] && r.end[n] < b.end[bestN])) {
        best = l;
        bestN = n;
      }
    }
    if (best < 0) break;
    at[best]++;
    const r = lists[best];
    const code = r.code[bestN];
    if (code < 0) continue;
    const setting = config.rules[RULE_CODES[code]];
    if (setting === 'off') continue;
    out.push(toDiagnostic(analysis, problemOf(analysis, r, bestN), setting));
  }
  return out;
}

/** Diagnostics of an analysis under a configuration (all, shown, tag checks), computed once each. */
function cached(analysis: Analysis, config: CableConfig, limit: number, tagsOnly: boolean): CableDiagnostic[] {
  const list = memoized(analysis, 'diagnostics', () => [] as Array<{ config: CableConfig; limit: number; tagsOnly: boolean; diagnostics: CableDiagnostic[] }>);
  const hit = list.find((c) => c.config === config && c.limit === limit && c.tagsOnly === tagsOnly);
  if (hit) return hit.diagnostics;
  const lists = [tagChecks(analysis)];
  if (!tagsOnly && !isLarge(analysis, config)) lists.push(curationChecks(analysis));
  const diagnostics = collect(analysis, config, lists, limit);
  if (list.length >= 4) list.shift();
  list.push({ config, limit, tagsOnly, diagnostics });
  return diagnostics;
}

export function allDiagnostics(analysis: Analysis, config: CableConfig): CableDiagnostic[] {
  return cached(analysis, config, Number.MAX_SAFE_INTEGER, false);
}

/** The diagnostics to show: at most `config.maxProblems`. */
export function computeDiagnostics(analysis: Analysis, config: CableConfig): CableDiagnostic[] {
  return cached(analysis, config, config.maxProblems, false);
}

/** The tag checks' diagnostics only (parser problems, spacing, structure): they need no entities. */
export function tagDiagnostics(analysis: Analysis, config: CableConfig): CableDiagnostic[] {
  return cached(analysis, config, config.maxProblems, true);
}

/** Above the size limit only the parser's and the structure checks run. */
export function isLarge(analysis: Analysis, config: CableConfig): boolean {
  return analysis.doc.text.length > config.maxFileSize;
}
