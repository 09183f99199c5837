// Rename an entity: its text changes in every mention; nothing outside tags
// moves. With a workspace index, every cable mentioning the entity changes.

import { Entity, mentionAt } from '../entities';
import { Span } from '../model';
import { Analysis } from '../workspace';
import { TextEdit } from '../edits';

export class RenameError extends Error {}

/** The text range of the mention under the cursor, or undefined. */
export function prepareRename(analysis: Analysis, offset: number): { span: Span; placeholder: string } | undefined {
  const index = mentionAt(analysis.doc, offset, true);
  if (index < 0 || analysis.entities.entityOfMention[index] < 0) return undefined;
  const m = analysis.doc.mentions[index];
  return { span: m.textSpan, placeholder: m.text };
}

/** What a rename starts from: the entity under the cursor, the form renamed and the new name. */
export interface RenameRequest {
  entity: Entity;
  from: string;
  name: string;
}

/** Checks the new name and finds the entity; throws RenameError with a message for the user. */
export function renameRequest(analysis: Analysis, offset: number, newName: string): RenameRequest {
  const name = newName.trim().replace(/\s+/g, ' ');
  if (name.length === 0) throw new RenameError('An entity name cannot be empty.');
  if (/[[\]]/.test(name)) throw new RenameError('An entity name cannot contain "[" or "]": they delimit tags.');
  if (/[\r\n]/.test(newName)) throw new RenameError('An entity name cannot span lines.');
  const index = mentionAt(analysis.doc, offset, true);
  const entityId = index >= 0 ? analysis.entities.entityOfMention[index] : -1;
  if (entityId < 0) throw new RenameError('Rename works on an entity tag: place the cursor on a mention.');
  return { entity: analysis.entities.entities[entityId], from: analysis.doc.mentions[index].text, name };
}

/**
 * Edits renaming `entity` of `analysis`. A mention equal to the renamed form
 * becomes the new name; a longer form has that part replaced (`Nicolas
 * Pickard` → `Nicolas Pickering` when `Pickard` becomes `Pickering`).
 */
export function renameEdits(analysis: Analysis, entity: Entity, from: string, name: string): TextEdit[] {
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(from)}(?![\\p{L}\\p{N}])`, 'iu');
  return entity.mentions.map((i) => {
    const m = analysis.doc.mentions[i];
    const text = m.text.toLowerCase() === from.toLowerCase() ? name : pattern.test(m.text) ? m.text.replace(pattern, () => name) : name; // a function: "$&" in the name stays literal
    return { span: m.textSpan, newText: text };
  });
}

/** Edits renaming the entity under the cursor, in this cable. */
export function rename(analysis: Analysis, offset: number, newName: string): TextEdit[] {
  const { entity, from, name } = renameRequest(analysis, offset, newName);
  return renameEdits(analysis, entity, from, name);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
