// "Accept theirs": edits of A's tagged text that make its tags equal B's
// where the given differences are. Each place grows until no tag of either
// version crosses its edge, and is written again from A's untagged text with
// B's tags in it; so only markup changes and the untagged text stays the
// same, byte for byte.

import { closingConvention } from '../conventions';
import { TextEdit } from '../edits';
import { Span } from '../model';
import { CableComparison } from './compare';
import { Difference } from './differences';

const overlaps = (x: Span, y: Span) => x.start < y.end && y.start < x.end;

/** The places of the differences in A's untagged text, merged and grown over crossing tags. */
export function acceptRegions(cmp: CableComparison, differences: readonly Difference[]): Span[] {
  const seeds: Span[] = differences.map((d) => {
    const x = d.a.type !== null ? d.a.untagged : undefined;
    const y = d.b.type !== null ? bSpanInA(cmp, d) : undefined;
    const spans = [x, y].filter((s): s is Span => s !== undefined && s.end > s.start);
    if (spans.length === 0) return { start: d.a.untagged.start, end: d.a.untagged.end };
    return { start: Math.min(...spans.map((s) => s.start)), end: Math.max(...spans.map((s) => s.end)) };
  });
  const all = [...cmp.a.spans, ...cmp.bInA].filter((s) => s.end > s.start);
  let regions = merge(seeds.filter((s) => s.end > s.start));
  for (;;) {
    let grown = false;
    regions = regions.map((r) => {
      let { start, end } = r;
      for (const s of all) {
        if (overlaps(s, { start, end }) && (s.start < start || s.end > end)) {
          start = Math.min(start, s.start);
          end = Math.max(end, s.end);
          grown = true;
        }
      }
      return { start, end };
    });
    const merged = merge(regions);
    if (!grown && merged.length === regions.length) return merged;
    regions = merged;
  }
}

/** B's span of a difference, in A's untagged text. */
function bSpanInA(cmp: CableComparison, d: Difference): Span {
  const i = cmp.b.spans.findIndex((s) => s.start === d.b.untagged.start && s.end === d.b.untagged.end && s.type === d.b.type);
  return i >= 0 ? cmp.bInA[i] : d.a.untagged;
}

function merge(spans: Span[]): Span[] {
  const sorted = [...spans].sort((x, y) => x.start - y.start || x.end - y.end);
  const out: Span[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.start < last.end) last.end = Math.max(last.end, s.end);
    else out.push({ ...s });
  }
  return out;
}

/** Edits of A's tagged text taking B's tags at the places of the differences. */
export function acceptTheirsEdits(cmp: CableComparison, differences: readonly Difference[]): TextEdit[] {
  const { a } = cmp;
  const closing = ' '.repeat(closingConvention(a.doc));
  const edits: TextEdit[] = [];
  for (const region of acceptRegions(cmp, differences)) {
    // The tagged stretch: the region's text and every tag of A inside it, whole.
    let start = a.toTagged(region.start, 'start');
    let end = a.toTagged(region.end, 'end');
    for (const s of a.spans) {
      if (!overlaps(s, region)) continue;
      const tag = a.doc.mentions[s.mention].span;
      start = Math.min(start, tag.start);
      end = Math.max(end, tag.end);
    }
    const from = a.toUntagged(start);
    const to = a.toUntagged(end);
    const theirs = cmp.bInA.filter((s) => s.end > s.start && s.start >= from && s.end <= to).sort((x, y) => x.start - y.start);
    let text = '';
    let at = from;
    for (const s of theirs) {
      if (s.start < at) continue; // B's own tags never overlap; a malformed B could
      text += a.text.slice(at, s.start) + `[${s.type} ` + a.text.slice(s.start, s.end) + `${closing}]`;
      at = s.end;
    }
    text += a.text.slice(at, to);
    if (a.tagged.slice(start, end) !== text) edits.push({ span: { start, end }, newText: text });
  }
  return edits;
}
