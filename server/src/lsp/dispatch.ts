// The one place where every request and notification is registered, with
// its guard: a failing handler logs and answers its fallback (a user-facing
// ResponseError passes through), and a cancelled request answers the
// fallback without running.

import { CancellationToken, Connection, ErrorCodes, ResponseError } from 'vscode-languageserver/node';
import { ServerState, errorText } from './state';

/* eslint-disable @typescript-eslint/no-explicit-any */

export interface RequestRoute<P = any, R = any> {
  type: { method: string } | string;
  handler: (state: ServerState, params: P, token: CancellationToken) => R | Promise<R>;
  fallback: R;
  /** Errors meant for the user (e.g. a refused rename) reach the client. */
  userErrors?: boolean;
}

export interface NotificationRoute<P = any> {
  type: { method: string } | string;
  handler: (state: ServerState, params: P) => void;
}

export function request<P, R>(type: { method: string } | string, handler: RequestRoute<P, R>['handler'], fallback: R, userErrors = false): RequestRoute<P, R> {
  return { type, handler, fallback, userErrors };
}

export function notification<P>(type: { method: string } | string, handler: NotificationRoute<P>['handler']): NotificationRoute<P> {
  return { type, handler };
}

const methodOf = (type: { method: string } | string) => (typeof type === 'string' ? type : type.method);

/** Runs a handler under the guard. */
export async function runGuarded<P, R>(state: ServerState, route: RequestRoute<P, R>, params: P, token: CancellationToken): Promise<R> {
  if (token?.isCancellationRequested) return route.fallback;
  try {
    return await route.handler(state, params, token);
  } catch (error) {
    if (route.userErrors && error instanceof ResponseError) throw error;
    state.error(`${methodOf(route.type)} failed: ${errorText(error)}`);
    return route.fallback;
  }
}

/** Requests before `initialize` or after `shutdown` are refused, as LSP asks; notifications then are dropped. */
function refusal(state: ServerState): ResponseError<void> | undefined {
  if (state.phase === 'starting') return new ResponseError(ErrorCodes.ServerNotInitialized, 'The server is not initialized yet.');
  if (state.phase === 'shutdown') return new ResponseError(ErrorCodes.InvalidRequest, 'The server is shutting down.');
  return undefined;
}

export function registerAll(connection: Connection, state: ServerState, requests: RequestRoute[], notifications: NotificationRoute[]): void {
  for (const route of requests) {
    connection.onRequest(methodOf(route.type), (params: unknown, token: CancellationToken) => {
      const refused = refusal(state);
      return refused ? Promise.reject(refused) : runGuarded(state, route, params, token);
    });
  }
  for (const route of notifications) {
    connection.onNotification(methodOf(route.type), (params: unknown) => {
      if (state.phase !== 'running') return;
      try {
        route.handler(state, params);
      } catch (error) {
        state.error(`${methodOf(route.type)} failed: ${errorText(error)}`);
      }
    });
  }
}
