// What a workspace index answers, in a form two indexes can be compared by
// (key ids and insertion order left out): for the index cache and index
// worker tests. A key's own name is that of one of its cables, whichever
// came first, so it depends on the order cables were indexed in: only that it
// is one of its cables' names is compared.

import { CableLanguageService } from '../../server/src/core';
import { indexBehind } from '../../server/src/core/service';

/** What the index answers, in a form two indexes can be compared by (ids and insertion order left out). */
export function answers(service: CableLanguageService): unknown {
  const index = indexBehind(service);
  const uris = service.indexedUris().sort();
  const entities = index.entities().sort((a, b) => (a.key < b.key ? -1 : 1));
  const keys = entities.map((e) => e.key);
  return {
    stats: service.indexStats(),
    mentions: index.mentionCount,
    uris,
    entities: entities.map(({ key, type, mentions, cables }) => ({ key, type, mentions, cables })),
    keyNamesUsed: entities.every((e) => index.occurrences([e.key]).some((o) => o.name === e.name)),
    perCable: uris.map((uri) => ({ uri, version: service.indexedVersion(uri), entities: index.entitiesOf(uri), end: index.positionAt(uri, 1e9) })),
    occurrences: keys.filter((_, i) => i % 7 === 0).map((k) => index.occurrences([k])),
    related: keys.map((k) => index.relatedKeys(k)),
    symbols: ['pick', 'u.s', 'a', 'nato', ''].map((q) => index.searchSymbols(q)),
    firstCables: keys.filter((_, i) => i % 5 === 0).map((k) => index.firstCables([k], 5)),
  };
}
