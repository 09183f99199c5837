// `workspace/executeCommand`: the server's commands, each run by its feature.

import { ExecuteCommandParams, ErrorCodes, ResponseError } from 'vscode-languageserver/node';
import { APPLY_ANNOTATION_COMMAND, KEEP_MINE_COMMAND } from '../../protocol';
import { ServerState } from '../state';
import * as annotate from './annotate';
import * as compare from './compare';

export async function executeCommand(state: ServerState, params: ExecuteCommandParams): Promise<null> {
  switch (params?.command) {
    case APPLY_ANNOTATION_COMMAND:
      return annotate.executeCommand(state, params);
    case KEEP_MINE_COMMAND:
      return compare.executeCommand(state, params);
    default:
      throw new ResponseError(ErrorCodes.InvalidParams, `Unknown command ${String(params?.command)}.`);
  }
}
