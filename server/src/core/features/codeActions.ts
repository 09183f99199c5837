// Quick fixes and refactorings. Every edit touches only tag markup, or
// wraps untagged text in a tag: removing all tags from the result gives back
// exactly the untagged text of the original (see `untaggedText`).

import { CableConfig } from '../config';
import { mentionAt } from '../entities';
import { CableDocument, EntityMention, Span } from '../model';
import { Analysis } from '../workspace';
import { CableDiagnostic, allDiagnostics } from '../checks';
import { untaggedMentions } from '../checks/curation';
import { closingConvention } from '../conventions';
import { TextEdit, removeTag } from '../edits';
import { boundaryFindings, isWellFormed } from '../checks/boundary';
import {
  AnnotateAction,
  EdgeMove,
  Outcome,
  entityAtCursor,
  markupProblem,
  mergeChoices,
  mergeTags,
  mentionsOverlapping,
  moveTagEdge,
  removeEntityTags,
  removeEntityTitle,
  splitTag,
  tagAllInCable,
  tagAllTitle,
  tagEdits,
  taggableSpans,
  tagSelection,
} from './annotate';
import { wordParts } from '../words';

export type CodeActionKind = 'quickfix' | 'refactor.rewrite' | 'source.fixAll';

/** An annotation the host runs on request (it reads other cables), e.g. through `workspace/executeCommand`. */
export interface AnnotateRun {
  action: AnnotateAction;
  selections: Span[];
  type?: string;
  scope: 'workspace';
}

export interface CableCodeAction {
  title: string;
  kind: CodeActionKind;
  edits: TextEdit[];
  isPreferred?: boolean;
  /** The diagnostics this action fixes. */
  diagnostics?: CableDiagnostic[];
  /** Show the edit in the refactor preview before applying it. */
  needsConfirmation?: boolean;
  /** Why the action cannot run here; it then has no edits. */
  disabled?: { reason: string };
  /** Instead of edits: an annotation across cables, run when chosen. */
  run?: AnnotateRun;
}

/** What code actions know of the other cables. */
export interface WorkspaceFacts {
  /** Whether the workspace has cables besides this one. */
  otherCables: boolean;
  /** Other cables that mention the entity with this key. */
  cablesMentioning(key: string): number;
}

const overlaps = (a: Span, b: Span) => a.start <= b.end && b.start <= a.end;

export function codeActions(analysis: Analysis, config: CableConfig, range: Span, only?: string[], workspace?: WorkspaceFacts): CableCodeAction[] {
  const wants = (kind: CodeActionKind) => !only || only.length === 0 || only.some((o) => kind === o || kind.startsWith(`${o}.`));
  const actions: CableCodeAction[] = [];
  const diagnostics = allDiagnostics(analysis, config);
  if (wants('quickfix')) {
    for (const d of diagnostics) if (overlaps(d.span, range)) actions.push(...quickFixes(analysis, config, d));
  }
  if (wants('refactor.rewrite')) actions.push(...refactorings(analysis, config, range, actions), ...annotations(analysis, config, range, workspace));
  if (wants('source.fixAll')) {
    const fixAll = fixAllAction(analysis, diagnostics);
    if (fixAll) actions.push(fixAll);
  }
  return actions;
}

function quickFixes(analysis: Analysis, config: CableConfig, d: CableDiagnostic): CableCodeAction[] {
  const { doc, entities } = analysis;
  const fix = (title: string, edits: TextEdit[], isPreferred = false, extra: Partial<CableCodeAction> = {}): CableCodeAction => ({
    title,
    kind: 'quickfix',
    edits,
    isPreferred,
    diagnostics: [d],
    ...extra,
  });
  const index = mentionAt(doc, d.span.start);
  const mention = index >= 0 ? doc.mentions[index] : undefined;
  switch (d.code) {
    case 'entity-type-conflict': {
      if (!mention) return [];
      const entity = entities.entities[entities.entityOfMention[index]];
      if (!entity) return [];
      const types = [entity.type, ...config.entityTypes.filter((t) => t !== entity.type)];
      return [
        fix(`Retype this mention as ${entity.type}`, [retype(mention, entity.type)]),
        ...types.map((t, i) =>
          fix(
            `Retype all ${entity.mentions.length} mentions of "${entity.name}" as ${t}`,
            entity.mentions.map((j) => doc.mentions[j]).filter((m) => m.type !== t).map((m) => retype(m, t)),
            i === 0,
          ),
        ),
      ];
    }
    case 'entity-untagged-mention': {
      const untagged = untaggedMentions(analysis);
      const here = untagged.find((u) => u.span.start === d.span.start && u.span.end === d.span.end);
      if (!here) return [];
      const close = ' '.repeat(closingConvention(doc));
      const tag = (span: Span): TextEdit[] => [
        { span: { start: span.start, end: span.start }, newText: `[${here.entity.type} ` },
        { span: { start: span.end, end: span.end }, newText: `${close}]` },
      ];
      // Inside a broken tag a new tag would nest: such occurrences are not offered.
      if (markupProblem(doc, config, tag(d.span))) return [];
      const ofEntity = untagged.filter((u) => u.entity === here.entity).map((u) => u.span);
      const all = taggableSpans(doc, config, ofEntity, here.entity.type);
      const actions = [fix(`Tag as [${here.entity.type} ${doc.text.slice(d.span.start, d.span.end)}${close}]`, tag(d.span), true)];
      if (all.length > 1) {
        actions.push(
          fix(`Tag all ${all.length} untagged occurrences of "${here.entity.name}" as ${here.entity.type}`, all.flatMap((span) => tag(span)), false, {
            needsConfirmation: true,
            diagnostics: [d],
          }),
        );
      }
      return actions;
    }
    case 'tag-unknown-type': {
      if (!mention) return [];
      const suggestion = typeof d.data?.suggestion === 'string' ? d.data.suggestion : undefined;
      const actions = suggestion ? [fix(`Change type to ${suggestion}`, [retype(mention, suggestion)], true)] : [];
      for (const t of config.entityTypes) if (t !== suggestion) actions.push(fix(`Change type to ${t}`, [retype(mention, t)]));
      actions.push(fix('Remove the tag, keep its text', removeTag(mention)));
      return actions;
    }
    case 'tag-unclosed': {
      if (!mention) return [];
      // Words of the text as written (`mention.text` has runs of spaces made one).
      const words = [...doc.text.slice(mention.textSpan.start, mention.textSpan.end).matchAll(/\S+/g)].slice(0, 3);
      const close = ' '.repeat(closingConvention(doc));
      const actions = words.map((w, i) => {
        const end = mention.textSpan.start + w.index! + w[0].length;
        const inside = doc.text.slice(mention.textSpan.start, end);
        return fix(`Close the tag: [${mention.type} ${inside}${close}]`, [{ span: { start: end, end }, newText: `${close}]` }], i === 0 && words.length === 1);
      });
      actions.push(fix('Remove the tag, keep its text', removeTag(mention)));
      return actions;
    }
    case 'tag-spacing':
      return mention ? [fix('Normalise the tag spacing', spacingEdits(doc, mention), true)] : [];
    case 'tag-empty':
      return mention ? [fix('Remove the empty tag', removeTag(mention), true)] : [];
    case 'tag-nested':
    case 'tag-multiline':
      return mention ? [fix('Remove the tag, keep its text', removeTag(mention))] : [];
    case 'tag-boundary': {
      const found = boundaryFindings(doc).find((f) => f.problem.span.start === d.span.start && f.problem.span.end === d.span.end);
      return found ? found.fixes.filter((f) => !markupProblem(doc, config, f.edits)).map((f) => fix(f.title, f.edits)) : [];
    }
    default:
      return [];
  }
}

function refactorings(analysis: Analysis, config: CableConfig, range: Span, quickFixes: CableCodeAction[]): CableCodeAction[] {
  const { doc } = analysis;
  const index = mentionAt(doc, range.start, true);
  if (index < 0) return [];
  const mention = doc.mentions[index];
  if (!mention.closeSpan) return [];
  const titles = new Set(quickFixes.map((a) => a.title));
  const actions: CableCodeAction[] = [];
  for (const t of config.entityTypes) {
    if (t !== mention.type && !titles.has(`Retype this mention as ${t}`)) actions.push({ title: `Retype as ${t}`, kind: 'refactor.rewrite', edits: [retype(mention, t)] });
  }
  if (!titles.has('Remove the tag, keep its text')) actions.push({ title: 'Remove the tag, keep its text', kind: 'refactor.rewrite', edits: removeTag(mention) });
  return actions;
}

/**
 * The keyboard annotations as code actions, where they apply: tag the
 * selection (one action per type) and tag all its occurrences; merge the
 * tags a selection touches; on a tag, split, extend, shrink, and remove every
 * tag of its entity. A refused action comes back disabled, with its reason.
 */
function annotations(analysis: Analysis, config: CableConfig, range: Span, workspace?: WorkspaceFacts): CableCodeAction[] {
  const { doc } = analysis;
  const actions: CableCodeAction[] = [];
  const action = (outcome: Outcome, disabledTitle: string): CableCodeAction => {
    if ('refused' in outcome) return { title: disabledTitle, kind: 'refactor.rewrite', edits: [], disabled: { reason: outcome.refused } };
    const broken = markupProblem(doc, config, outcome.edits);
    if (broken) return { title: disabledTitle, kind: 'refactor.rewrite', edits: [], disabled: { reason: broken } };
    return { title: outcome.title, kind: 'refactor.rewrite', edits: outcome.edits };
  };
  const selection = range.end > range.start;
  const touched = selection ? mentionsOverlapping(doc, range) : [];
  const cursorTag = mentionAt(doc, range.start, true);
  const inOneTag = cursorTag >= 0 && range.end <= doc.mentions[cursorTag].span.end;

  if (selection && touched.length === 0) {
    const tagged = config.entityTypes.map((t) => tagSelection(analysis, range, t));
    if ('refused' in tagged[0]) actions.push(action(tagged[0], 'Tag the selection as an entity'));
    else {
      actions.push(...tagged.map((o) => action(o, 'Tag the selection')));
      // The occurrences are found, and the markup checked, once for every type.
      const all = tagAllInCable(analysis, range, config.entityTypes[0], config);
      if (!('refused' in all) && all.spans && all.spans.length > 1 && !markupProblem(doc, config, all.edits)) {
        for (const t of config.entityTypes) {
          actions.push({ title: tagAllTitle(all.spans.length, all.needle ?? '', t), kind: 'refactor.rewrite', edits: tagEdits(doc, all.spans, t) });
        }
      }
      const needle = all.needle;
      if (workspace?.otherCables && needle !== undefined) {
        for (const t of config.entityTypes) {
          actions.push({
            title: `Tag all occurrences of "${needle}" as ${t} in every cable…`,
            kind: 'refactor.rewrite',
            edits: [],
            run: { action: 'tagAll', selections: [range], type: t, scope: 'workspace' },
          });
        }
      }
    }
  } else if (selection && touched.length === 1 && inOneTag) {
    // Part of a tag's text: why it cannot be tagged (the whole text is retyped by the refactorings above).
    const m = doc.mentions[cursorTag];
    if (range.start !== m.textSpan.start || range.end !== m.textSpan.end) {
      const tagged = tagSelection(analysis, range, config.entityTypes[0]);
      if ('refused' in tagged) actions.push(action(tagged, 'Tag the selection as an entity'));
    }
  }
  if (selection && touched.length >= 2) {
    const choices = mergeChoices(analysis, config, range);
    if (typeof choices === 'string') actions.push(action({ refused: choices }, 'Merge the tags'));
    else for (const t of choices) actions.push(action(mergeTags(analysis, range, t), 'Merge the tags'));
  }
  if (inOneTag && isWellFormed(doc.mentions[cursorTag])) {
    const m = doc.mentions[cursorTag];
    if (wordParts(doc.text, m.textSpan.start, m.textSpan.end).length > 1) actions.push(action(splitTag(analysis, range), 'Split the tag'));
    const moves: Array<[EdgeMove, string]> = [
      ['extendStart', "Extend the tag's start by a word"],
      ['extendEnd', "Extend the tag's end by a word"],
      ['shrinkStart', "Shrink the tag's start by a word"],
      ['shrinkEnd', "Shrink the tag's end by a word"],
    ];
    for (const [move, title] of moves) actions.push(action(moveTagEdge(analysis, { start: range.start, end: range.start }, move), title));
    const entity = entityAtCursor(analysis, range);
    if (typeof entity !== 'string') {
      const others = workspace?.cablesMentioning(entity.key) ?? 0;
      if (entity.mentions.length > 1) actions.push(action(removeEntityTags(analysis, range), 'Remove all tags of the entity'));
      if (others > 0) {
        actions.push({
          title: `${removeEntityTitle(entity.name, entity.mentions.length, others)}…`,
          kind: 'refactor.rewrite',
          edits: [],
          run: { action: 'removeEntity', selections: [{ start: range.start, end: range.start }], scope: 'workspace' },
        });
      }
    }
  }
  return actions;
}

/** Fixes that cannot change meaning: spacing, and unambiguous type spelling. */
function fixAllAction(analysis: Analysis, diagnostics: CableDiagnostic[]): CableCodeAction | undefined {
  const { doc } = analysis;
  const edits: TextEdit[] = [];
  const fixed: CableDiagnostic[] = [];
  const done = new Set<EntityMention>();
  for (const d of diagnostics) {
    const index = mentionAt(doc, d.span.start);
    if (index < 0) continue;
    const mention = doc.mentions[index];
    if (d.code === 'tag-spacing' && !done.has(mention)) {
      edits.push(...spacingEdits(doc, mention));
      done.add(mention);
      fixed.push(d);
    } else if (d.code === 'tag-unknown-type' && typeof d.data?.suggestion === 'string') {
      edits.push(retype(mention, d.data.suggestion));
      fixed.push(d);
    }
  }
  if (edits.length === 0) return undefined;
  edits.sort((a, b) => a.span.start - b.span.start);
  return { title: 'Fix all safe tag problems (spacing, type spelling)', kind: 'source.fixAll', edits, diagnostics: fixed };
}

function retype(m: EntityMention, type: string): TextEdit {
  return { span: m.typeSpan, newText: type };
}

function spacingEdits(doc: CableDocument, m: EntityMention): TextEdit[] {
  const edits: TextEdit[] = [];
  if (m.openingSpaces !== 1) edits.push({ span: { start: m.typeSpan.end, end: m.textSpan.start }, newText: ' ' });
  if (m.closeSpan && m.closingSpaces !== closingConvention(doc)) {
    edits.push({ span: { start: m.textSpan.end, end: m.closeSpan.start }, newText: ' '.repeat(closingConvention(doc)) });
  }
  return edits;
}
