import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { runCli } from '../../server/src/cli';
import { CorpusStats } from '../../server/src/cli/stats';
import { groupEntities } from '../../server/src/core/entities';
import { parseCable } from '../../server/src/core/parser';
import { CORPUS_DIR, ROOT, SEED_PATH } from '../helpers';
import { MALFORMED, runBin, tempDir } from './util';

const FILES = [SEED_PATH, path.join(CORPUS_DIR, '10ROME1.cable'), path.join(CORPUS_DIR, '04BOGOTA8900.cable'), path.join(CORPUS_DIR, '10MADRID25.cable')];

async function jsonStats(args: string[], cwd = ROOT): Promise<CorpusStats> {
  const result = await runCli(['--jobs', '1', '--stats', '--format', 'json', ...args], cwd);
  assert.equal(result.exitCode, 0, result.stderr);
  return JSON.parse(result.stdout);
}

/** The same figures, straight from the core's grouping, cable by cable. */
function expected(files: string[]) {
  const byKey = new Map<string, { mentions: number; cables: number; majority: Map<string, number> }>();
  const typeMentions = new Map<string, number>();
  for (const file of files) {
    const doc = parseCable(fs.readFileSync(file, 'utf8'));
    for (const e of groupEntities(doc).entities) {
      const t = byKey.get(e.key) ?? { mentions: 0, cables: 0, majority: new Map() };
      byKey.set(e.key, t);
      t.mentions += e.mentions.length;
      t.cables++;
      t.majority.set(e.type, (t.majority.get(e.type) ?? 0) + 1);
      for (const i of e.mentions) typeMentions.set(doc.mentions[i].type, (typeMentions.get(doc.mentions[i].type) ?? 0) + 1);
    }
  }
  return { byKey, typeMentions };
}

describe('cable-lint --stats', function () {
  // Worker threads and the built bin take seconds on a busy machine.
  this.timeout(60000);

  it('json: entities per type, the most frequent entities, cross-cable type conflicts', async () => {
    const stats = await jsonStats(FILES.map((f) => path.relative(ROOT, f)));
    const { byKey, typeMentions } = expected(FILES);
    assert.equal(stats.cables, FILES.length);
    assert.equal(stats.entities, byKey.size);
    assert.equal(stats.mentions, [...byKey.values()].reduce((n, t) => n + t.mentions, 0));
    assert.deepEqual(stats.types.map((t) => t.type).slice(0, 4), ['PER', 'ORG', 'LOC', 'MISC'], 'the configured types first, in order');
    for (const t of stats.types) assert.equal(t.mentions, typeMentions.get(t.type) ?? 0, t.type);
    assert.equal(stats.types.reduce((n, t) => n + t.mentions, 0), stats.mentions);
    assert.equal(stats.types.reduce((n, t) => n + t.entities, 0), stats.entities, 'each entity counted under one type');

    assert.equal(stats.topEntities.length, 20);
    const counts = stats.topEntities.map((e) => e.mentions);
    assert.deepEqual(counts, [...counts].sort((a, b) => b - a));
    const maxMentions = Math.max(...[...byKey.values()].map((t) => t.mentions));
    assert.equal(stats.topEntities[0].mentions, maxMentions);
    for (const e of stats.topEntities) {
      assert.equal(e.mentions, byKey.get(e.key)!.mentions, e.key);
      assert.equal(e.cables, byKey.get(e.key)!.cables, e.key);
    }
    // The seed tags "UK" 21 times as LOC and "UK’s" twice as MISC, 10MADRID25 once: one entity.
    assert.deepEqual(stats.topEntities[0], { name: 'UK', key: 'uk', type: 'LOC', mentions: 24, cables: 2 });

    const conflicting = [...byKey].filter(([, t]) => t.majority.size > 1).map(([key]) => key);
    assert.deepEqual(stats.typeConflicts.map((c) => c.key).sort(), conflicting.sort());
    // "U.S." is LOC in the seed, ORG in 10ROME1 and 10MADRID25 (04BOGOTA8900 has none).
    const us = stats.typeConflicts.find((c) => c.key === 'u.s.')!;
    assert.equal(us.name, 'U.S.');
    assert.deepEqual(us.types, [{ type: 'ORG', cables: 2 }, { type: 'LOC', cables: 1 }]);
  });

  it('a type conflict across cables, and the stylish report', async () => {
    const dir = tempDir({
      'a.cable': '[ORG Ford  ] met [ORG Ford  ] in [LOC Paris  ] .',
      'b.cable': '[PER Ford  ] left [LOC Paris  ] .',
      'c.cable': '[PER FORD  ] and [PER Ford  ] went to [LOC Rome  ] with [ORG Ford  ] .',
    });
    const stats = await jsonStats(['.'], dir);
    assert.deepEqual(stats, {
      cables: 3,
      mentions: 9,
      entities: 3,
      problems: { errors: 0, warnings: 1, information: 0, hints: 0 },
      types: [
        { type: 'PER', mentions: 3, entities: 1 },
        { type: 'ORG', mentions: 3, entities: 0 },
        { type: 'LOC', mentions: 3, entities: 2 },
        { type: 'MISC', mentions: 0, entities: 0 },
      ],
      topEntities: [
        { name: 'Ford', key: 'ford', type: 'PER', mentions: 6, cables: 3 },
        { name: 'Paris', key: 'paris', type: 'LOC', mentions: 2, cables: 2 },
        { name: 'Rome', key: 'rome', type: 'LOC', mentions: 1, cables: 1 },
      ],
      typeConflicts: [{ name: 'Ford', key: 'ford', types: [{ type: 'PER', cables: 2 }, { type: 'ORG', cables: 1 }] }],
    });
    const stylish = await runCli(['--jobs', '1', '--stats', '.'], dir);
    assert.equal(stylish.exitCode, 0);
    assert.equal(
      stylish.stdout,
      [
        'Entities by type (3 cables)',
        '  type   mentions  entities',
        '  PER           3         1',
        '  ORG           3         0',
        '  LOC           3         2',
        '  MISC          0         0',
        '  total         9         3',
        '',
        'Most frequent entities (top 3)',
        '  #  entity  type  mentions  cables',
        '  1  Ford    PER          6       3',
        '  2  Paris   LOC          2       2',
        '  3  Rome    LOC          1       1',
        '',
        'Type conflicts across cables (1 entity)',
        '  entity  types',
        '  Ford    PER in 2 cables, ORG in 1 cable',
        '',
        'Problems: 0 errors, 1 warning, 0 information, 0 hints (run without --stats to list them)',
        '',
      ].join('\n'),
    );
  });

  it('deterministic: the same report whatever the threads and the order of the arguments', async () => {
    const args = ['seeds/', 'test/fixtures/corpus/10R*.cable', 'test/fixtures/corpus/04*.cable'];
    for (const format of ['stylish', 'json']) {
      const one = await runCli(['--jobs', '1', '--stats', '--format', format, ...args], ROOT);
      assert.equal(one.exitCode, 0);
      const many = runBin(['--jobs', '3', '--stats', '--format', format, ...[...args].reverse()], ROOT);
      assert.equal(many.status, 0, many.stderr);
      assert.equal(many.stdout, one.stdout, format);
    }
  });

  it('exit codes keep their meaning: 1 with errors, 2 with an unreadable path', async () => {
    const dir = tempDir({ 'bad.cable': MALFORMED });
    const bad = await runCli(['--jobs', '1', '--stats', 'bad.cable'], dir);
    assert.equal(bad.exitCode, 1);
    assert.match(bad.stdout, /^Entities by type \(1 cable\)/);
    assert.match(bad.stdout, /Problems: 2 errors, 2 warnings, 0 information, 0 hints/);
    const missing = await runCli(['--jobs', '1', '--stats', 'bad.cable', 'nowhere.cable'], dir);
    assert.equal(missing.exitCode, 2);
    assert.match(missing.stderr, /no such file or folder: nowhere\.cable/);
  });
});
