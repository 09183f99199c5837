// Tagged Cables: Export Annotations… and Import Annotations…. The conversion is
// the core's (server/src/core/formats, pure, bundled into the client): this
// file only picks the cables, the format and the place, shows progress, and
// opens imported cables as unsaved editors for review.

import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { startsLikeCable, FIRST_LINE_BYTES } from '../../server/src/core/cableFiles';
import {
  ExportOptions,
  ImportError,
  ImportRecord,
  bratNames,
  buildCable,
  checkRecordIds,
  decodeUtf8,
  exportCable,
  readAnnotations,
  readBrat,
} from '../../server/src/core/formats';
import { LANGUAGE_ID, count, fileName } from './util';

export const EXPORT_COMMAND = 'taggedCables.exportAnnotations';
export const IMPORT_COMMAND = 'taggedCables.importAnnotations';

const EXCLUDE = '**/{node_modules,.git}/**';

export function registerAnnotationCommands(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(EXPORT_COMMAND, (uri?: vscode.Uri, uris?: vscode.Uri[]) => exportAnnotations(uri, uris)),
    vscode.commands.registerCommand(IMPORT_COMMAND, () => importAnnotations()),
  );
}

function entityTypes(): string[] {
  return vscode.workspace.getConfiguration('taggedCables').get<string[]>('entityTypes') ?? ['PER', 'ORG', 'LOC', 'MISC'];
}

// ------------------------------------------------------------ export

interface FormatChoice extends vscode.QuickPickItem {
  options: ExportOptions;
  extension: string;
}

const FORMATS: FormatChoice[] = [
  { label: 'JSONL', description: 'spaCy-style spans', detail: '{"id", "text", "spans": [{"start", "end", "label", "text"}]}, offsets in code points', options: { format: 'jsonl', flavour: 'spacy' }, extension: 'jsonl' },
  { label: 'JSONL (doccano)', description: 'doccano', detail: '{"id", "text", "label": [[start, end, "PER"]]}, offsets in code points', options: { format: 'jsonl', flavour: 'doccano' }, extension: 'jsonl' },
  { label: 'CoNLL, IOB2', description: 'B- starts every entity', detail: 'One token a line: TOKEN MISC TAG; -DOCSTART- before each cable', options: { format: 'conll', scheme: 'iob2' }, extension: 'conll' },
  { label: 'CoNLL, IOB1', description: 'as the CoNLL-2003 data', detail: 'B- only between two adjacent entities of one type', options: { format: 'conll', scheme: 'iob1' }, extension: 'conll' },
  { label: 'CoNLL, BIOES', description: 'B-, I-, E-, S-', detail: 'Entity starts, insides, ends and single tokens', options: { format: 'conll', scheme: 'bioes' }, extension: 'conll' },
  { label: 'brat standoff', description: 'NAME.txt + NAME.ann per cable', detail: 'T1<TAB>PER 10 24<TAB>Steven Costner, offsets in code points', options: { format: 'brat' }, extension: '' },
];

async function exportAnnotations(clicked?: vscode.Uri, selected?: vscode.Uri[]): Promise<void> {
  const files = await pickCables(clicked, selected);
  if (!files) return;
  if (files.length === 0) {
    void vscode.window.showInformationMessage('No cables to export: there is no .cable file, and no .txt file that starts like a cable.');
    return;
  }
  const byName = new Map<string, vscode.Uri>();
  for (const uri of files) {
    const other = byName.get(fileName(uri));
    if (other) {
      void vscode.window.showErrorMessage(`Two cables are named ${fileName(uri)} (${vscode.workspace.asRelativePath(other)} and ${vscode.workspace.asRelativePath(uri)}); a cable's file name is its id in the export, so it must be unique.`);
      return;
    }
    byName.set(fileName(uri), uri);
  }
  const format = await vscode.window.showQuickPick(FORMATS, { title: `Export ${count(files.length, 'cable')}`, placeHolder: 'The format to export to' });
  if (!format) return;
  const options: ExportOptions = { ...format.options, entityTypes: entityTypes() };
  const destination = await pickDestination(format, files);
  if (!destination) return;

  type Outcome = { written: number } | { refused: Array<{ uri: vscode.Uri; line: number; column: number; message: string }> } | 'cancelled';
  const outcome = await vscode.window.withProgress<Outcome>(
    { location: vscode.ProgressLocation.Notification, title: 'Exporting annotations', cancellable: true },
    async (progress, token) => {
      const out = format.options.format === 'brat' ? new FolderOutput(destination.fsPath) : new FileOutput(destination.fsPath);
      const refused: Array<{ uri: vscode.Uri; line: number; column: number; message: string }> = [];
      try {
        for (let i = 0; i < files.length; i++) {
          if (token.isCancellationRequested) {
            out.abort();
            return 'cancelled';
          }
          const uri = files[i];
          const text = await cableText(uri);
          if (text === undefined) {
            refused.push({ uri, line: 1, column: 1, message: 'It is not valid UTF-8, so its text cannot be carried exactly.' });
          } else {
            const result = exportCable(fileName(uri), text, options);
            if ('refusal' in result) refused.push({ uri, ...result.refusal });
            else if (refused.length === 0) out.add(fileName(uri), 'text' in result ? result.text : result.brat);
          }
          progress.report({ increment: 100 / files.length, message: `${i + 1} of ${files.length}` });
        }
        if (refused.length > 0) {
          out.abort();
          return { refused };
        }
        out.commit();
        return { written: files.length };
      } catch (error) {
        out.abort();
        throw error;
      }
    },
  ).then(
    (o) => o,
    (error: unknown) => {
      void vscode.window.showErrorMessage(`Export failed, nothing was written: ${(error as Error).message}`);
      return undefined;
    },
  );
  if (outcome === undefined) return;
  if (outcome === 'cancelled') {
    void vscode.window.showInformationMessage('Export cancelled; nothing was written.');
    return;
  }
  if ('refused' in outcome) {
    const first = outcome.refused[0];
    const where = `${vscode.workspace.asRelativePath(first.uri)}:${first.line}:${first.column}`;
    const more = outcome.refused.length > 1 ? ` (and ${count(outcome.refused.length - 1, 'other cable')})` : '';
    const answer = await vscode.window.showErrorMessage(`Nothing was exported: ${where}${more} cannot be exported. ${first.message}`, 'Open');
    if (answer === 'Open') {
      const position = new vscode.Position(first.line - 1, first.column - 1);
      await vscode.window.showTextDocument(first.uri, { selection: new vscode.Range(position, position) });
    }
    return;
  }
  const answer = await vscode.window.showInformationMessage(`Exported ${count(outcome.written, 'cable')} to ${vscode.workspace.asRelativePath(destination)}.`, format.options.format === 'brat' ? 'Reveal' : 'Open');
  if (answer === 'Open') await vscode.window.showTextDocument(destination);
  else if (answer === 'Reveal') await vscode.commands.executeCommand('revealInExplorer', destination);
}

/** The cables to export: the Explorer selection, else the active cable or the whole workspace. */
async function pickCables(clicked?: vscode.Uri, selected?: vscode.Uri[]): Promise<vscode.Uri[] | undefined> {
  const chosen = selected && selected.length > 0 ? selected : clicked instanceof vscode.Uri ? [clicked] : undefined;
  if (chosen) return sortUris(await expand(chosen));
  const active = vscode.window.activeTextEditor?.document;
  if (active && active.languageId === LANGUAGE_ID && !active.isUntitled) {
    const pick = await vscode.window.showQuickPick(
      [
        { label: `$(file) ${fileName(active.uri)}`, description: 'the active cable', scope: 'active' as const },
        { label: '$(folder) All cables of the workspace', scope: 'workspace' as const },
      ],
      { title: 'Export Annotations', placeHolder: 'What to export' },
    );
    if (!pick) return undefined;
    if (pick.scope === 'active') return [active.uri];
  }
  return sortUris(await workspaceCables());
}

async function expand(uris: vscode.Uri[]): Promise<vscode.Uri[]> {
  const out: vscode.Uri[] = [];
  for (const uri of uris) {
    const stat = await vscode.workspace.fs.stat(uri);
    if (stat.type & vscode.FileType.Directory) out.push(...(await cablesIn(await vscode.workspace.findFiles(new vscode.RelativePattern(uri, '**/*.{cable,txt}'), EXCLUDE))));
    else out.push(uri);
  }
  return [...new Map(out.map((u) => [u.toString(), u])).values()];
}

async function workspaceCables(): Promise<vscode.Uri[]> {
  return cablesIn(await vscode.workspace.findFiles('**/*.{cable,txt}', EXCLUDE));
}

/** .cable files, and .txt files that start like a cable. */
async function cablesIn(found: vscode.Uri[]): Promise<vscode.Uri[]> {
  const out: vscode.Uri[] = [];
  for (const uri of found) {
    if (uri.path.toLowerCase().endsWith('.cable')) {
      out.push(uri);
      continue;
    }
    const bytes = await vscode.workspace.fs.readFile(uri).then(
      (b) => b,
      () => undefined,
    );
    if (bytes && startsLikeCable(Buffer.from(bytes.subarray(0, FIRST_LINE_BYTES)).toString('utf8'))) out.push(uri);
  }
  return out;
}

function sortUris(uris: vscode.Uri[]): vscode.Uri[] {
  return [...uris].sort((a, b) => (a.fsPath < b.fsPath ? -1 : a.fsPath > b.fsPath ? 1 : 0));
}

async function pickDestination(format: FormatChoice, files: vscode.Uri[]): Promise<vscode.Uri | undefined> {
  const folder = vscode.workspace.getWorkspaceFolder(files[0])?.uri ?? vscode.Uri.file(path.dirname(files[0].fsPath));
  if (format.options.format === 'brat') {
    const picked = await vscode.window.showOpenDialog({ canSelectFiles: false, canSelectFolders: true, canSelectMany: false, defaultUri: folder, openLabel: 'Export Here', title: 'The folder for the .txt and .ann files' });
    return picked?.[0];
  }
  const base = files.length === 1 ? fileName(files[0]).replace(/\.(cable|txt)$/i, '') : 'annotations';
  return vscode.window.showSaveDialog({
    defaultUri: vscode.Uri.joinPath(folder, `${base}.${format.extension}`),
    filters: format.extension === 'jsonl' ? { JSONL: ['jsonl'] } : { CoNLL: ['conll', 'txt'] },
    title: 'Export Annotations',
    saveLabel: 'Export',
  });
}

/** The text the curator sees: an open editor's (unsaved edits included), else the file's exact UTF-8. */
async function cableText(uri: vscode.Uri): Promise<string | undefined> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) return open.getText();
  return decodeUtf8(await vscode.workspace.fs.readFile(uri));
}

/** JSONL or CoNLL: written as it comes to a temporary file, renamed over the target at the end. */
class FileOutput {
  private readonly tmp: string;
  private fd: number | undefined;

  constructor(private readonly target: string) {
    this.tmp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}-${Date.now()}.tmp`);
    this.fd = fs.openSync(this.tmp, 'wx');
  }

  add(_id: string, output: string | { txt: string; ann: string }): void {
    if (typeof output === 'string' && this.fd !== undefined) fs.writeSync(this.fd, output);
  }

  commit(): void {
    if (this.fd === undefined) return;
    fs.closeSync(this.fd);
    this.fd = undefined;
    fs.renameSync(this.tmp, this.target);
  }

  abort(): void {
    if (this.fd !== undefined) fs.closeSync(this.fd);
    this.fd = undefined;
    fs.rmSync(this.tmp, { force: true });
  }
}

/** brat: pairs go to a temporary folder inside the target, and move into it at the end. */
class FolderOutput {
  private readonly staging: string;
  private readonly names: string[] = [];

  constructor(private readonly target: string) {
    this.staging = path.join(target, `.cables-export-${process.pid}-${Date.now()}`);
    fs.mkdirSync(this.staging, { recursive: true });
  }

  add(id: string, output: string | { txt: string; ann: string }): void {
    if (typeof output === 'string') return;
    const names = bratNames(id);
    fs.writeFileSync(path.join(this.staging, names.txt), output.txt);
    fs.writeFileSync(path.join(this.staging, names.ann), output.ann);
    this.names.push(names.txt, names.ann);
  }

  commit(): void {
    for (const name of this.names) fs.renameSync(path.join(this.staging, name), path.join(this.target, name));
    fs.rmSync(this.staging, { recursive: true, force: true });
  }

  abort(): void {
    fs.rmSync(this.staging, { recursive: true, force: true });
  }
}

// ------------------------------------------------------------ import

async function importAnnotations(): Promise<void> {
  const picked = await vscode.window.showOpenDialog({
    canSelectMany: false,
    filters: { Annotations: ['jsonl', 'json', 'ann', 'conll'], JSONL: ['jsonl', 'json'], brat: ['ann'], CoNLL: ['conll'] },
    title: 'Import Annotations: a JSONL file, a brat .ann file or a CoNLL file',
    openLabel: 'Import',
  });
  const file = picked?.[0];
  if (!file) return;
  let records: ImportRecord[];
  try {
    records = await readRecords(file);
    checkRecordIds(records);
  } catch (error) {
    if (error instanceof ImportError) {
      void vscode.window.showErrorMessage(`Cannot import ${fileName(file)}: ${error.message}`);
      return;
    }
    throw error;
  }
  if (records.length === 0) {
    void vscode.window.showInformationMessage(`${fileName(file)} holds no records.`);
    return;
  }
  let chosen = records;
  if (records.length > 1) {
    const items = records.map((r) => ({ label: r.id, description: count(r.spans.length, 'span'), record: r }));
    const picks = await vscode.window.showQuickPick(items, { canPickMany: true, title: `${fileName(file)}: ${count(records.length, 'cable')}`, placeHolder: 'The cables to open for review' });
    if (!picks || picks.length === 0) return;
    chosen = picks.map((p) => p.record);
  }
  for (const record of chosen) {
    const built = await buildForReview(record);
    if ('error' in built) {
      void vscode.window.showErrorMessage(`Cannot import ${record.id}: ${built.error}`);
      continue;
    }
    if (built.note) void vscode.window.showWarningMessage(built.note);
    const doc = await vscode.workspace.openTextDocument({ language: LANGUAGE_ID, content: built.text });
    await vscode.window.showTextDocument(doc, { preview: false });
  }
}

async function readRecords(file: vscode.Uri): Promise<ImportRecord[]> {
  const text = decodeUtf8(await vscode.workspace.fs.readFile(file));
  const source = vscode.workspace.asRelativePath(file);
  if (text === undefined) throw new ImportError(`${source} is not valid UTF-8.`);
  const lower = file.path.toLowerCase();
  if (lower.endsWith('.ann')) {
    const txtUri = file.with({ path: file.path.slice(0, -'.ann'.length) + '.txt' });
    const txtBytes = await vscode.workspace.fs.readFile(txtUri).then(
      (b) => b,
      () => undefined,
    );
    const txt = txtBytes ? decodeUtf8(txtBytes) : undefined;
    if (txtBytes && txt === undefined) throw new ImportError(`${vscode.workspace.asRelativePath(txtUri)} is not valid UTF-8.`);
    return [readBrat(fileName(file).slice(0, -'.ann'.length), txt, text, source)];
  }
  return readAnnotations(lower.endsWith('.conll') ? 'conll' : 'jsonl', text, source);
}

/**
 * The tagged text of a record. When the workspace holds the cable it names,
 * the record's spans go onto that cable (its tags replaced; the texts must
 * agree). If they do not, and the record has its own text, that is used,
 * with a note.
 */
async function buildForReview(record: ImportRecord): Promise<{ text: string; note?: string } | { error: string }> {
  const types = entityTypes();
  const found = await vscode.workspace.findFiles(`**/${record.id.replace(/[[\]{}()*?!,]/g, (c) => `[${c}]`)}`, EXCLUDE, 2);
  let note: string | undefined;
  if (found.length === 1) {
    const text = await cableText(found[0]);
    if (text !== undefined) {
      try {
        return { text: buildCable(record, { entityTypes: types, target: { name: vscode.workspace.asRelativePath(found[0]), text } }) };
      } catch (error) {
        if (!(error instanceof ImportError)) throw error;
        if (record.text === undefined) return { error: error.message };
        note = `${record.id}: opened from the record's own text, not onto the workspace cable: ${error.message}`;
      }
    }
  }
  try {
    return { text: buildCable(record, { entityTypes: types }), note };
  } catch (error) {
    if (!(error instanceof ImportError)) throw error;
    return { error: error.message };
  }
}
