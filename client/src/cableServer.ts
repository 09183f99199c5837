// The custom requests of the language server, typed, and never rejecting:
// a failed request (server starting, restarting, or too old) answers undefined.

import * as vscode from 'vscode';
import { LanguageClient, RequestType, State } from 'vscode-languageclient/node';
import {
  AnnotateParams,
  AnnotateRequest,
  AnnotateResult,
  NavigateParams,
  NavigateRequest,
  NavigateResult,
  CableSummaryParams,
  CableSummaryRequest,
  CableSummaryResult,
  CompareFoldersParams,
  CompareFoldersRequest,
  CompareStartParams,
  CompareStartRequest,
  CompareStartResult,
  CompareStopParams,
  CompareStopRequest,
  CompareStopResult,
  ComparisonDifferencesParams,
  ComparisonDifferencesRequest,
  ComparisonDifferencesResult,
  ComparisonScoresParams,
  ComparisonScoresRequest,
  ComparisonScoresResult,
  EntitiesParams,
  EntitiesRequest,
  EntitiesResult,
  EntityAtParams,
  EntityAtRequest,
  EntityAtResult,
  EntityTypeNode,
  EntityTypesParams,
  EntityTypesRequest,
  IndexChangedNotification,
  IndexChangedParams,
  MentionsParams,
  MentionsRequest,
  MentionsResult,
} from '../../server/src/protocol';

export class CableServer implements vscode.Disposable {
  private readonly indexChanged = new vscode.EventEmitter<IndexChangedParams>();
  private readonly started = new vscode.EventEmitter<void>();
  private readonly disposables: vscode.Disposable[] = [this.indexChanged, this.started];
  /** The last index state the server reported. */
  index: IndexChangedParams | undefined;

  /** After the server reported a change of the workspace index. */
  readonly onIndexChanged = this.indexChanged.event;
  /** After the server started or restarted: what is shown may be stale. */
  readonly onStarted = this.started.event;

  constructor(private readonly client: LanguageClient) {
    this.disposables.push(
      client.onNotification(IndexChangedNotification, (params: IndexChangedParams) => {
        if (!params || typeof params !== 'object') return;
        this.index = { cables: Number(params.cables) || 0, entities: Number(params.entities) || 0, indexing: params.indexing === true };
        this.indexChanged.fire(this.index);
      }),
      client.onDidChangeState((e) => {
        if (e.newState === State.Running) this.started.fire();
        else this.index = undefined;
      }),
    );
  }

  entityAt(params: EntityAtParams): Promise<EntityAtResult | undefined> {
    return this.request(EntityAtRequest, params);
  }

  entityTypes(params: EntityTypesParams): Promise<EntityTypeNode[] | undefined> {
    return this.request(EntityTypesRequest, params).then((r) => (Array.isArray(r) ? r : undefined));
  }

  entities(params: EntitiesParams): Promise<EntitiesResult | undefined> {
    return this.request(EntitiesRequest, params).then((r) => (r && Array.isArray(r.entities) ? r : undefined));
  }

  mentions(params: MentionsParams): Promise<MentionsResult | undefined> {
    return this.request(MentionsRequest, params).then((r) => (r && Array.isArray(r.mentions) ? r : undefined));
  }

  cableSummary(params: CableSummaryParams): Promise<CableSummaryResult | undefined> {
    return this.request(CableSummaryRequest, params).then((r) => (r && Array.isArray(r.types) ? r : undefined));
  }

  // Comparing annotations (compare.ts).
  compareStart(params: CompareStartParams): Promise<CompareStartResult | undefined> {
    return this.request(CompareStartRequest, params).then((r) => (r && Array.isArray(r.compared) ? r : undefined));
  }

  compareFolders(params: CompareFoldersParams): Promise<CompareStartResult | undefined> {
    return this.request(CompareFoldersRequest, params).then((r) => (r && Array.isArray(r.compared) ? r : undefined));
  }

  compareStop(params: CompareStopParams): Promise<CompareStopResult | undefined> {
    return this.request(CompareStopRequest, params);
  }

  comparisonScores(params: ComparisonScoresParams): Promise<ComparisonScoresResult | undefined> {
    return this.request(ComparisonScoresRequest, params).then((r) => (r && typeof r.label === 'string' ? r : undefined));
  }

  comparisonDifferences(params: ComparisonDifferencesParams): Promise<ComparisonDifferencesResult | undefined> {
    return this.request(ComparisonDifferencesRequest, params).then((r) => (r && Array.isArray(r.differences) ? r : undefined));
  }

  annotate(params: AnnotateParams): Promise<AnnotateResult | undefined> {
    return this.request(AnnotateRequest, params).then((r) => (r && Array.isArray(r.refusals) ? r : undefined));
  }

  navigate(params: NavigateParams): Promise<NavigateResult | undefined> {
    return this.request(NavigateRequest, params).then((r) => (r && typeof r === 'object' ? r : undefined));
  }

  private async request<P, R>(type: RequestType<P, R, void>, params: P): Promise<Exclude<R, null> | undefined> {
    try {
      return ((await this.client.sendRequest(type, params)) ?? undefined) as Exclude<R, null> | undefined;
    } catch {
      return undefined;
    }
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
