// A status bar entry for the active cable: entities per type and its problems.

import * as vscode from 'vscode';
import type { CableSummaryResult } from '../../server/src/protocol';
import { CableServer } from './cableServer';
import { VIEW_ID } from './entitiesView';
import { LANGUAGE_ID, count, debounce, fileName, formatNumber } from './util';

export function registerCableStatus(context: vscode.ExtensionContext, server: CableServer): void {
  const item = vscode.window.createStatusBarItem('taggedCables.cable', vscode.StatusBarAlignment.Right, 99);
  item.name = 'Tagged Cables: entities of the cable';
  item.command = { command: `${VIEW_ID}.focus`, title: 'Show Entities' };

  let shown: { uri: vscode.Uri; summary: CableSummaryResult } | undefined;
  let generation = 0;

  const render = () => {
    if (!shown) {
      item.hide();
      return;
    }
    const { uri, summary } = shown;
    const { errors, warnings } = problems(uri);
    const types = summary.types.filter((t) => t && typeof t.type === 'string');
    const counts = types.length > 0 ? types.map((t) => `${t.type} ${formatNumber(t.entities)}`).join(' · ') : 'no entities';
    item.text = `$(tag) ${counts}  $(error) ${errors} $(warning) ${warnings}`;

    const md = new vscode.MarkdownString();
    md.appendMarkdown('**').appendText(fileName(uri)).appendMarkdown('**\n\n');
    if (types.length > 0) {
      md.appendMarkdown('| Type | Entities | Mentions |\n|:--|--:|--:|\n');
      for (const t of types) {
        const name = t.label && t.label !== t.type ? `${t.label} (${t.type})` : t.type;
        md.appendMarkdown(`| ${escapeCell(name)} | ${formatNumber(t.entities)} | ${formatNumber(t.mentions)} |\n`);
      }
      md.appendMarkdown('\n');
    } else {
      md.appendMarkdown('No tagged entities.\n\n');
    }
    md.appendText(`${count(errors, 'error')}, ${count(warnings, 'warning')}`).appendMarkdown('\n\n');
    md.appendText('Click to show the Entities view.');
    item.tooltip = md;
    const perType = types.map((t) => `${t.type} ${count(t.entities, 'entity', 'entities')}`).join(', ');
    item.accessibilityInformation = {
      label: `${perType || 'No entities'}; ${count(errors, 'error')}, ${count(warnings, 'warning')}`,
    };
    item.show();
  };

  const update = async () => {
    const editor = vscode.window.activeTextEditor;
    const current = ++generation;
    if (!editor || editor.document.languageId !== LANGUAGE_ID) {
      shown = undefined;
      render();
      return;
    }
    const uri = editor.document.uri;
    const summary = await server.cableSummary({ uri: uri.toString() });
    if (current !== generation) return;
    shown = summary ? { uri, summary } : undefined;
    render();
  };
  const updateSoon = debounce(() => void update(), 80);
  const updateAfterEdit = debounce(() => void update(), 500);

  context.subscriptions.push(
    item,
    updateSoon,
    updateAfterEdit,
    vscode.window.onDidChangeActiveTextEditor(() => updateSoon()),
    vscode.workspace.onDidOpenTextDocument(() => updateSoon()),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (shown && e.contentChanges.length > 0 && e.document.uri.toString() === shown.uri.toString()) updateAfterEdit();
    }),
    vscode.languages.onDidChangeDiagnostics((e) => {
      if (shown && e.uris.some((u) => u.toString() === shown?.uri.toString())) render();
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('taggedCables')) updateAfterEdit();
    }),
    server.onStarted(() => updateSoon()),
  );
  updateSoon();
}

function problems(uri: vscode.Uri): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const d of vscode.languages.getDiagnostics(uri)) {
    if (d.severity === vscode.DiagnosticSeverity.Error) errors++;
    else if (d.severity === vscode.DiagnosticSeverity.Warning) warnings++;
  }
  return { errors, warnings };
}

function escapeCell(text: string): string {
  return text.replace(/[\\|*_`[\]<>]/g, (c) => `\\${c}`);
}
