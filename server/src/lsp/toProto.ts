// Conversions from the core's results (UTF-16 offsets) to LSP types
// (positions in the negotiated encoding), and from LSP positions to offsets.
// The only module that turns offsets into positions.

import {
  AnnotatedTextEdit,
  CodeAction,
  Command,
  CompletionItem,
  CompletionItemKind,
  Diagnostic,
  DiagnosticSeverity,
  DocumentHighlight,
  DocumentHighlightKind,
  DocumentLink,
  DocumentSymbol,
  FoldingRange,
  FoldingRangeKind,
  Hover,
  Location,
  MarkupKind,
  OptionalVersionedTextDocumentIdentifier,
  Range,
  SymbolInformation,
  SymbolKind,
  TextDocumentEdit,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver/node';
import {
  AnchorLink,
  CableCodeAction,
  CableDiagnostic,
  CableSymbol,
  CompletionItem as CableCompletionItem,
  FileEdits,
  FoldingRange as CableFoldingRange,
  HoverResult,
  Severity,
  Span,
  SymbolKind as CableSymbolKind,
  TextEdit as CableTextEdit,
  WorkspaceSymbol,
} from '../core';
import { APPLY_ANNOTATION_COMMAND, AnnotateParams } from '../protocol';
import { FIX_ALL_KIND } from './capabilities';
import { PositionMapper } from './positions';

/** Positions of any cable: open ones through their text, cables on disk through the index. */
export type PositionsOf = (uri: string) => PositionMapper | undefined;

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

const SYMBOL_KIND: Record<CableSymbolKind, SymbolKind> = {
  header: SymbolKind.Namespace,
  banner: SymbolKind.Constant,
  field: SymbolKind.Property,
  reference: SymbolKind.Key,
  section: SymbolKind.Module,
  paragraph: SymbolKind.String,
  entities: SymbolKind.Package,
  entityType: SymbolKind.Class,
  entity: SymbolKind.Object,
};

const TYPE_SYMBOL_KIND: Record<string, SymbolKind> = {
  PER: SymbolKind.Object,
  PERSON: SymbolKind.Object,
  ORG: SymbolKind.Class,
  LOC: SymbolKind.Namespace,
  GPE: SymbolKind.Namespace,
  MISC: SymbolKind.Constant,
};

export function toRange(positions: PositionMapper, span: Span): Range {
  return { start: positions.positionAt(span.start), end: positions.positionAt(span.end) };
}

export function toSpan(positions: PositionMapper, range: Range): Span {
  const start = positions.offsetAt(range.start);
  return { start, end: Math.max(start, positions.offsetAt(range.end)) };
}

export function toLocation(positionsOf: PositionsOf, uri: string, span: Span): Location | undefined {
  const positions = positionsOf(uri);
  return positions ? { uri, range: toRange(positions, span) } : undefined;
}

/** Many locations: the places of each cable converted together, in one pass where the mapper can. */
export function toLocations(positionsOf: PositionsOf, places: Array<{ uri: string; span: Span }>): Location[] {
  const out: Location[] = [];
  for (let i = 0; i < places.length; ) {
    const uri = places[i].uri;
    let j = i;
    while (j < places.length && places[j].uri === uri) j++;
    const positions = positionsOf(uri);
    if (positions?.positionsAt) {
      const offsets: number[] = [];
      for (let k = i; k < j; k++) offsets.push(places[k].span.start, places[k].span.end);
      const converted = positions.positionsAt(offsets);
      for (let k = 0; k < j - i; k++) out.push({ uri, range: { start: converted[2 * k], end: converted[2 * k + 1] } });
    } else if (positions) {
      for (let k = i; k < j; k++) out.push({ uri, range: toRange(positions, places[k].span) });
    }
    i = j;
  }
  return out;
}

export function toDiagnostic(positions: PositionMapper, positionsOf: PositionsOf, d: CableDiagnostic): Diagnostic {
  const diagnostic: Diagnostic = {
    range: toRange(positions, d.span),
    severity: SEVERITY[d.severity],
    code: d.code,
    source: 'cable',
    message: d.message,
  };
  if (d.related) {
    diagnostic.relatedInformation = d.related.flatMap((r) => {
      const location = toLocation(positionsOf, r.uri, r.span);
      return location ? [{ location, message: r.message }] : [];
    });
  }
  if (d.data) diagnostic.data = d.data;
  return diagnostic;
}

export function toHover(positions: PositionMapper, result: HoverResult): Hover {
  return { contents: { kind: MarkupKind.Markdown, value: result.markdown }, range: toRange(positions, result.span) };
}

export function toHighlight(positions: PositionMapper, span: Span): DocumentHighlight {
  return DocumentHighlight.create(toRange(positions, span), DocumentHighlightKind.Text);
}

export function toDocumentSymbol(positions: PositionMapper, s: CableSymbol): DocumentSymbol {
  return {
    name: s.name || ' ',
    detail: s.detail,
    kind: SYMBOL_KIND[s.kind],
    range: toRange(positions, s.span),
    selectionRange: toRange(positions, s.selectionSpan),
    children: s.children.map((c) => toDocumentSymbol(positions, c)),
  };
}

export function toFoldingRange(r: CableFoldingRange): FoldingRange {
  return FoldingRange.create(r.startLine, r.endLine, undefined, undefined, r.kind === 'header' ? FoldingRangeKind.Imports : FoldingRangeKind.Region);
}

/** A link to a paragraph anchor; its `#L<line>,<column>` fragment counts UTF-16 columns (as editors read it), whatever the positions' encoding. */
export function toDocumentLink(positions: PositionMapper, uri: string, l: AnchorLink): DocumentLink {
  const line = positions.positionAt(l.target.start).line;
  const column = l.target.start - positions.offsetAt({ line, character: 0 });
  return DocumentLink.create(toRange(positions, l.span), `${uri}#L${line + 1},${column + 1}`, `Go to paragraph anchor ${l.targetId}`);
}

export function toTextEdits(positions: PositionMapper, edits: CableTextEdit[]): TextEdit[] {
  return edits.map((e) => TextEdit.replace(toRange(positions, e.span), e.newText));
}

export function toCompletionItem(positions: PositionMapper, c: CableCompletionItem): CompletionItem {
  return {
    label: c.label,
    kind: c.kind === 'type' ? CompletionItemKind.Keyword : CompletionItemKind.Value,
    detail: c.detail,
    sortText: c.sortText,
    filterText: c.label,
    textEdit: TextEdit.replace(toRange(positions, c.span), c.insertText),
  };
}

export function toSymbolInformation(positionsOf: PositionsOf, symbol: WorkspaceSymbol): SymbolInformation | undefined {
  const location = toLocation(positionsOf, symbol.uri, symbol.span);
  if (!location) return undefined;
  return SymbolInformation.create(symbol.name, TYPE_SYMBOL_KIND[symbol.type] ?? SymbolKind.Field, location.range, location.uri, `${symbol.type} · ${symbol.cable}`);
}

/** The code action kind as LSP names it (`source.fixAll.cable`). */
export function toCodeActionKind(kind: CableCodeAction['kind']): string {
  return kind === 'source.fixAll' ? FIX_ALL_KIND : kind;
}

/** The core's kind for an LSP `only` filter. */
export function fromCodeActionKind(kind: string): string {
  return kind === FIX_ALL_KIND ? 'source.fixAll' : kind;
}

export interface CodeActionTarget {
  uri: string;
  version: number;
  positions: PositionMapper;
  /** The client's diagnostics in the request's context. */
  diagnostics: Diagnostic[];
}

export function toCodeAction(target: CodeActionTarget, a: CableCodeAction): CodeAction {
  const { positions } = target;
  const action = CodeAction.create(a.title, toCodeActionKind(a.kind));
  if (a.disabled) {
    action.disabled = { reason: a.disabled.reason };
  } else if (a.run) {
    const params: AnnotateParams = {
      textDocument: { uri: target.uri, version: target.version },
      selections: a.run.selections.map((s) => toRange(positions, s)),
      action: a.run.action,
      scope: a.run.scope,
      ...(a.run.type !== undefined ? { type: a.run.type } : {}),
    };
    action.command = Command.create(a.title, APPLY_ANNOTATION_COMMAND, params);
  } else if (a.needsConfirmation) {
    const annotation = 'taggedCables.bulk';
    const textDocument = OptionalVersionedTextDocumentIdentifier.create(target.uri, target.version);
    action.edit = {
      documentChanges: [TextDocumentEdit.create(textDocument, a.edits.map((e) => AnnotatedTextEdit.replace(toRange(positions, e.span), e.newText, annotation)))],
      changeAnnotations: { [annotation]: { label: a.title, needsConfirmation: true } },
    };
  } else {
    action.edit = { changes: { [target.uri]: toTextEdits(positions, a.edits) } };
  }
  if (a.isPreferred) action.isPreferred = true;
  if (a.diagnostics) {
    const fixed = a.diagnostics;
    action.diagnostics = target.diagnostics.filter((d) => {
      const span = toSpan(positions, d.range);
      return fixed.some((c) => c.code === d.code && span.start === c.span.start && span.end === c.span.end);
    });
  }
  return action;
}

export interface RenameTarget {
  uri: string;
  newName: string;
  annotatedEdits: boolean;
  /** The editor's version of an open cable. */
  versionOf(uri: string): number | null;
}

export interface CrossCableTarget {
  /** The cable the request came from: its edits need no confirmation. */
  uri: string;
  annotatedEdits: boolean;
  versionOf(uri: string): number | null;
  annotationId: string;
  /** The annotation's label, for the other cables' edits. */
  label(otherCables: number): string;
  /** The annotation's description, from the other cables' edit count. */
  description(edits: number): string;
}

/**
 * A rename's edits. One cable: edited at once, like a rename in one file.
 * Several: through the refactor preview, where this cable's edits are ticked
 * and the other cables' edits wait for the user's tick (they need confirmation).
 */
export function toRenameEdit(positionsOf: PositionsOf, target: RenameTarget, files: FileEdits[]): WorkspaceEdit {
  return toCrossCableEdit(positionsOf, {
    uri: target.uri,
    annotatedEdits: target.annotatedEdits,
    versionOf: target.versionOf,
    annotationId: 'taggedCables.renameInOtherCables',
    label: (n) => `Rename "${target.newName.trim()}" in ${n} other ${n === 1 ? 'cable' : 'cables'}`,
    description: (n) => `${n} ${n === 1 ? 'mention' : 'mentions'}; tick to include`,
  }, files);
}

/**
 * Edits of several cables. One cable: edited at once. Several: through the
 * refactor preview, where the requesting cable's edits are ticked and the
 * other cables' edits wait for the user's tick (they need confirmation).
 */
export function toCrossCableEdit(positionsOf: PositionsOf, target: CrossCableTarget, files: FileEdits[]): WorkspaceEdit {
  const converted = files.flatMap((f) => {
    const positions = positionsOf(f.uri);
    if (!positions) return [];
    return [{ uri: f.uri, version: target.versionOf(f.uri), edits: toTextEdits(positions, f.edits) }];
  });
  if (converted.length <= 1 || !target.annotatedEdits) {
    const changes: Record<string, TextEdit[]> = {};
    for (const f of converted) changes[f.uri] = f.edits;
    return { changes };
  }
  const annotation = target.annotationId;
  const others = converted.filter((f) => f.uri !== target.uri);
  const count = others.reduce((n, f) => n + f.edits.length, 0);
  return {
    documentChanges: converted.map((f) =>
      TextDocumentEdit.create(
        OptionalVersionedTextDocumentIdentifier.create(f.uri, f.version),
        f.uri === target.uri ? f.edits : f.edits.map((e) => AnnotatedTextEdit.replace(e.range, e.newText, annotation)),
      ),
    ),
    changeAnnotations: {
      [annotation]: {
        label: target.label(others.length),
        description: target.description(count),
        needsConfirmation: true,
      },
    },
  };
}
