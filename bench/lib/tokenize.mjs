// Tokenizing as VS Code does: line by line with tokenizeLine2 (binary tokens),
// the rule stack carried from line to line. Shared by the bench's grammar
// section and scripts/profile-grammar.mjs.

import { require } from './code.mjs';

const vsctm = require('vscode-textmate');

/** Tokenizes `lines` with `grammar`; returns the number of tokens. */
export function tokenizeLines(grammar, lines) {
  let stack = vsctm.INITIAL;
  let tokens = 0;
  for (const line of lines) {
    const r = grammar.tokenizeLine2(line, stack);
    stack = r.ruleStack;
    tokens += r.tokens.length / 2;
  }
  return tokens;
}
