// The index under churn at release scale, and the packed line starts it keeps.

import * as assert from 'node:assert/strict';
import { defaultConfig } from '../../../server/src/core';
import { LineIndex } from '../../../server/src/core/lineIndex';
import { analyze } from '../../../server/src/core/workspace';
import { IndexedEntity, WorkspaceIndex, packedLineStarts, summarize } from '../../../server/src/core/workspaceIndex';
import { corpusText, seedText } from '../../helpers';

const summaryOf = (uri: string, text: string, version: number) => summarize(analyze({ uri, version, text }, defaultConfig()));

describe('index: churn', function () {
  this.timeout(120000);

    it('random churn at scale (postings moved, compacted; keys and names freed and reused) ends as a fresh build', () => {
      // Many small cables over few names, so that postings grow, move and are compacted many times over.
      const names = ['Ann Lee', 'Bo Lee', 'Lee', 'NATO', 'Rome', 'U.S.', 'Paris', 'Kim Ode', 'Ode', 'EU', 'Oslo', 'Rio'];
      const types = ['PER', 'PER', 'PER', 'ORG', 'LOC', 'LOC', 'LOC', 'PER', 'PER', 'ORG', 'LOC', 'LOC'];
      let seed = 7;
      const next = (n: number) => {
        seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
        return (seed >>> 8) % n;
      };
      // Names shared by many cables, and names of one step only (their keys and postings are freed when the cable goes).
      const textOf = (variant: number, step: number) => {
        const parts: string[] = [];
        for (let i = 0; i < 1 + (variant % 5); i++) {
          const k = (variant * 7 + i * 3) % names.length;
          const name = variant % 3 === 0 ? names[k].toUpperCase() : names[k];
          parts.push(`[${types[k]} ${name}${variant % 4 === 0 ? '’s' : ''}  ] met [LOC Place${variant % 50}  ] and [ORG Office${step}  ] .`);
        }
        return parts.join('\n');
      };
      const churned = new WorkspaceIndex();
      const live = new Map<string, { text: string; version: number }>();
      for (let step = 0; step < 8000; step++) {
        const uri = `file:///churn/${next(400)}.cable`;
        if (next(4) === 0) {
          churned.remove(uri);
          live.delete(uri);
        } else {
          const cable = { text: textOf(next(1000), step), version: step };
          churned.update(summaryOf(uri, cable.text, cable.version));
          live.set(uri, cable);
        }
        if (step % 1500 === 0) churned.removeMany([...live.keys()].filter((_, i) => i % 9 === 0).map((u) => (live.delete(u), u)));
      }
      const fresh = new WorkspaceIndex();
      for (const [uri, cable] of live) fresh.update(summaryOf(uri, cable.text, cable.version));
      assert.equal(churned.cableCount, fresh.cableCount);
      assert.equal(churned.entityCount, fresh.entityCount);
      assert.equal(churned.mentionCount, fresh.mentionCount);
      const strip = (e: IndexedEntity) => ({ key: e.key, type: e.type, mentions: e.mentions, cables: e.cables });
      assert.deepEqual(churned.entities().map(strip).sort((a, b) => a.key.localeCompare(b.key)), fresh.entities().map(strip).sort((a, b) => a.key.localeCompare(b.key)));
      for (const e of fresh.entities()) {
        assert.deepEqual(churned.occurrences([e.key]), fresh.occurrences([e.key]), e.key);
        assert.deepEqual(churned.cablesOf([e.key]), fresh.cablesOf([e.key]), e.key);
        assert.deepEqual(churned.firstCables([e.key], 5), fresh.firstCables([e.key], 5), e.key);
        assert.deepEqual(churned.relatedKeys(e.key), fresh.relatedKeys(e.key), e.key);
        assert.ok(churned.occurrences([e.key]).some((o) => o.name === churned.entity(e.key)!.name), e.key);
      }
      for (const q of ['lee', 'place', 'office', 'u.s', '']) assert.deepEqual(churned.searchSymbols(q, 200), fresh.searchSymbols(q, 200), q);
      for (const uri of live.keys()) assert.deepEqual(churned.entitiesOf(uri), fresh.entitiesOf(uri), uri);
    });
});

describe('index: packed line starts', () => {
  it('the line starts LineIndex has, with \\n, \\r\\n, \\r, empty lines and astral characters', () => {
    for (const text of ['', 'a', '\n', 'a\nb', 'a\n\nb\n', 'ab\r\n𝐀¶’ [PER Bob  ]\rx\n\n’\r\n', '\r\r\n\n\r', seedText(), corpusText('09ABUJA1907.cable').replace(/\n/g, '\r\n')]) {
      assert.deepEqual([...packedLineStarts(text)], [...new LineIndex(text).lineStarts()], JSON.stringify(text.slice(0, 40)));
    }
  });
});
