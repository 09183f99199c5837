// Completion: entity types after `[`, and known names after `[TYPE `.

import { typeName } from '../entities';
import { Span } from '../model';
import { Analysis } from '../workspace';
import { closingConvention } from '../conventions';
import { CableConfig } from '../config';

export interface CompletionItem {
  label: string;
  kind: 'type' | 'entity';
  detail: string;
  /** Replaces `span` with `insertText`. */
  span: Span;
  insertText: string;
  sortText: string;
}

export function completions(analysis: Analysis, config: CableConfig, offset: number): CompletionItem[] {
  const { text } = analysis.doc;
  const lineStart = Math.max(text.lastIndexOf('\n', offset - 1), text.lastIndexOf('\r', offset - 1)) + 1;
  const before = text.slice(Math.max(lineStart, offset - 200), offset);

  // `[PER Pic|`: names of that type.
  const named = /\[([A-Za-z][A-Za-z0-9_-]*) ([^[\]\n]*)$/.exec(before);
  if (named && config.entityTypes.includes(named[1])) {
    const type = named[1];
    const typed = named[2];
    const start = offset - typed.length;
    // Replace up to an existing `]` on the line, so accepting a name never leaves two.
    const after = text.slice(offset, offset + 200);
    const closing = /^[^[\]\n]*\]/.exec(after);
    const end = closing ? offset + closing[0].length : offset;
    const close = ' '.repeat(closingConvention(analysis.doc));
    const seen = new Map<string, number>();
    for (const entity of analysis.entities.entities) {
      if (entity.type !== type) continue;
      for (const f of entity.forms) seen.set(f.text, (seen.get(f.text) ?? 0) + f.count);
    }
    return [...seen]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .map(([name, count], i) => ({
        label: name,
        kind: 'entity' as const,
        detail: `${typeName(type)} · ${count} ${count === 1 ? 'mention' : 'mentions'}`,
        span: { start, end },
        insertText: `${name}${close}]`,
        sortText: String(i).padStart(5, '0'),
      }));
  }

  // `[P|` or `[|`: the configured types.
  const open = /\[([A-Za-z]*)$/.exec(before);
  if (open) {
    const start = offset - open[1].length;
    return config.entityTypes.map((t, i) => ({
      label: t,
      kind: 'type' as const,
      detail: typeName(t),
      span: { start, end: offset },
      insertText: `${t} `,
      sortText: String(i).padStart(5, '0'),
    }));
  }
  return [];
}
