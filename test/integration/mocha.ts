// Runs a mocha suite inside the extension host and says which VS Code runs it.
// mocha 11 is loaded with require() from the repository's node_modules
// (mocha 12 is ESM-only); the test files register their `describe` blocks
// when `load` requires them, after mocha has set its globals.

import * as vscode from 'vscode';
import Mocha = require('mocha');

export async function runMocha(title: string, load: () => void): Promise<void> {
  const ui = vscode.env.uiKind === vscode.UIKind.Web ? 'web' : 'desktop';
  console.log(`${title}: ${vscode.env.appName} ${vscode.version} (${ui}), workspace trusted: ${vscode.workspace.isTrusted}`);
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60000, reporter: 'spec' });
  mocha.suite.emit('pre-require', globalThis, 'bundle', mocha);
  load();
  const failures = await new Promise<number>((resolve) => mocha.run(resolve));
  if (failures > 0) throw new Error(`${failures} integration test${failures === 1 ? '' : 's'} failed`);
}
