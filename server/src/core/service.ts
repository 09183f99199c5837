// The facade that binds the features to a workspace and a configuration.
// It speaks offsets; the protocol layer converts them to LSP positions.

import { CableConfig, defaultConfig } from './config';
import { CableDiagnostic, computeDiagnostics, isLarge } from './features/diagnostics';
import { HoverResult, hover } from './features/hover';
import { Location, definition, highlights, references } from './features/references';
import { structureHover } from './features/structureHover';
import { CableSymbol, documentSymbols } from './features/symbols';
import { FoldingRange, foldingRanges } from './features/folding';
import { AnchorLink, anchorLinks } from './features/links';
import { CableCodeAction, codeActions } from './features/codeActions';
import { prepareRename, rename } from './features/rename';
import { CompletionItem, completions } from './features/completion';
import { TextEdit } from './features/codeActions';
import { Span } from './model';
import { mentionAt } from './entities';
import { Analysis, AnalysisCache, CableWorkspace } from './workspace';

export class CableLanguageService {
  private readonly cache: AnalysisCache;

  constructor(
    readonly workspace: CableWorkspace,
    private config: CableConfig = defaultConfig(),
  ) {
    this.cache = new AnalysisCache(workspace, config);
  }

  get configuration(): CableConfig {
    return this.config;
  }

  setConfig(config: CableConfig): void {
    this.config = config;
    this.cache.setConfig(config);
  }

  /** Whether the document is above the size limit (some analyses are skipped). */
  isLarge(uri: string): boolean {
    const a = this.cache.get(uri);
    return a ? isLarge(a, this.config) : false;
  }

  analysis(uri: string): Analysis | undefined {
    return this.cache.get(uri);
  }

  forget(uri: string): void {
    this.cache.forget(uri);
  }

  diagnostics(uri: string): CableDiagnostic[] {
    const a = this.cache.get(uri);
    return a ? computeDiagnostics(a, this.config) : [];
  }

  hover(uri: string, offset: number): HoverResult | undefined {
    const a = this.cache.get(uri);
    if (!a) return undefined;
    return hover(a, offset) ?? structureHover(a.doc, offset);
  }

  documentSymbols(uri: string): CableSymbol[] {
    const a = this.cache.get(uri);
    return a ? documentSymbols(a.doc, isLarge(a, this.config) ? undefined : a.entities) : [];
  }

  codeActions(uri: string, range: Span, only?: string[]): CableCodeAction[] {
    const a = this.cache.get(uri);
    return a ? codeActions(a, this.config, range, only) : [];
  }

  prepareRename(uri: string, offset: number): { span: Span; placeholder: string } | undefined {
    const a = this.cache.get(uri);
    return a ? prepareRename(a, offset) : undefined;
  }

  /** Throws RenameError with a message for the user when the rename is refused. */
  rename(uri: string, offset: number, newName: string): Array<{ uri: string; edits: TextEdit[] }> {
    const a = this.cache.get(uri);
    return a ? [{ uri, edits: rename(a, offset, newName) }] : [];
  }

  completions(uri: string, offset: number): CompletionItem[] {
    const a = this.cache.get(uri);
    return a ? completions(a, this.config, offset) : [];
  }

  /** The entity under the cursor, for the status bar. */
  entityAt(uri: string, offset: number): { name: string; type: string; mentions: number } | undefined {
    const a = this.cache.get(uri);
    if (!a) return undefined;
    const index = mentionAt(a.doc, offset, true);
    const id = index >= 0 ? a.entities.entityOfMention[index] : -1;
    if (id < 0) return undefined;
    const e = a.entities.entities[id];
    return { name: e.name, type: e.type, mentions: e.mentions.length };
  }

  foldingRanges(uri: string): FoldingRange[] {
    const a = this.cache.get(uri);
    return a ? foldingRanges(a.doc, a.lines) : [];
  }

  links(uri: string): AnchorLink[] {
    const a = this.cache.get(uri);
    return a ? anchorLinks(a.doc) : [];
  }

  references(uri: string, offset: number, includeDeclaration = true): Location[] {
    const a = this.cache.get(uri);
    return a ? references(a, offset, includeDeclaration) : [];
  }

  definition(uri: string, offset: number): Location | undefined {
    const a = this.cache.get(uri);
    return a ? definition(a, offset) : undefined;
  }

  highlights(uri: string, offset: number): Span[] {
    const a = this.cache.get(uri);
    return a ? highlights(a, offset) : [];
  }
}
