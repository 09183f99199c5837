// The facade that binds the features to a workspace and a configuration.
// It speaks offsets; the protocol layer converts them to LSP positions.

import { CableConfig, defaultConfig } from './config';
import { CableDiagnostic, computeDiagnostics } from './features/diagnostics';
import { HoverResult, hover } from './features/hover';
import { Location, definition, highlights, references } from './features/references';
import { structureHover } from './features/structureHover';
import { CableSymbol, documentSymbols } from './features/symbols';
import { FoldingRange, foldingRanges } from './features/folding';
import { AnchorLink, anchorLinks } from './features/links';
import { Span } from './model';
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
    return a ? documentSymbols(a.doc) : [];
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
