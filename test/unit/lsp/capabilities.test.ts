// Negotiating with the client: position encodings, pull diagnostics, and
// dynamic registration only where the client supports it.

import * as assert from 'node:assert/strict';
import { clientFeatures, negotiateEncoding, serverCapabilities } from '../../../server/src/lsp/capabilities';

describe('negotiation with the client', () => {
  it("position encodings: the client's first supported choice, UTF-16 otherwise", () => {
    assert.equal(negotiateEncoding(undefined), 'utf-16');
    assert.equal(negotiateEncoding([]), 'utf-16');
    assert.equal(negotiateEncoding(['utf-8', 'utf-16']), 'utf-8');
    assert.equal(negotiateEncoding(['utf-32', 'utf-8']), 'utf-32');
    assert.equal(negotiateEncoding(['utf-16', 'utf-8']), 'utf-16');
    assert.equal(negotiateEncoding(['latin-1', 'utf-8']), 'utf-8');
    assert.equal(negotiateEncoding(['latin-1']), 'utf-16');
  });

  it('a client that states nothing: UTF-16, push diagnostics, no dynamic registration, no pulled settings', () => {
    const client = clientFeatures({});
    assert.deepEqual(client, {
      encoding: 'utf-16',
      pullConfiguration: false,
      registerConfiguration: false,
      registerWatchedFiles: false,
      progress: false,
      pullDiagnostics: false,
      diagnosticRefresh: false,
      annotatedEdits: false,
      disabledCodeActions: false,
      applyEdit: false,
      workspaceFolders: false,
    });
    const caps = serverCapabilities(client);
    assert.equal(caps.positionEncoding, 'utf-16');
    assert.equal(caps.diagnosticProvider, undefined);
  });

  it('an eglot-like client (configuration pulled, no dynamic registration) gets no registration', () => {
    const client = clientFeatures({ workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: false }, didChangeWatchedFiles: {} } });
    assert.equal(client.pullConfiguration, true);
    assert.equal(client.registerConfiguration, false);
    assert.equal(client.registerWatchedFiles, false);
  });

  it('a pull-diagnostics client with UTF-8 gets a diagnostic provider and UTF-8 positions', () => {
    const client = clientFeatures({
      general: { positionEncodings: ['utf-8', 'utf-16'] },
      textDocument: { diagnostic: { dynamicRegistration: false }, codeAction: { disabledSupport: true } },
      workspace: { diagnostics: { refreshSupport: true }, workspaceEdit: { documentChanges: true, changeAnnotationSupport: {} } },
    });
    assert.equal(client.encoding, 'utf-8');
    assert.equal(client.pullDiagnostics, true);
    assert.equal(client.diagnosticRefresh, true);
    assert.equal(client.disabledCodeActions, true);
    assert.equal(client.annotatedEdits, true);
    const caps = serverCapabilities(client);
    assert.equal(caps.positionEncoding, 'utf-8');
    assert.deepEqual(caps.diagnosticProvider, { identifier: 'cable', interFileDependencies: true, workspaceDiagnostics: true });
  });
});
