// The index cache on disk: the file round trip, what makes a cache unusable
// (damage, another format or version, other folders or entity types), and
// restoring into an index; then the indexer over a folder on disk: a second
// run takes unchanged cables from the cache and reads only those whose size
// or modification time changed, drops those gone, and ignores (and rewrites)
// a damaged cache.

import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { CableLanguageService, IndexSnapshot, InMemoryWorkspace, createLanguageService, defaultConfig } from '../../server/src/core';
import { indexBehind } from '../../server/src/core/service';
import { CacheIdentity, cacheFileFor, defaultCacheFolder, readIndexCache, writeIndexCache } from '../../server/src/indexCache';
import { WorkspaceIndexer } from '../../server/src/workspaceIndexer';
import { corpusFiles, seedText } from '../helpers';
import { answers } from './indexAnswers';

const CORPUS = corpusFiles().slice(0, 40);

function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

function corpusService(): CableLanguageService {
  const service = createLanguageService(new InMemoryWorkspace());
  for (const file of CORPUS) service.indexSource({ uri: pathToFileURL(file).href, version: `v:${path.basename(file)}`, text: fs.readFileSync(file, 'utf8') });
  service.indexSource({ uri: 'file:///ws/seed.txt', version: 'v:seed', text: seedText() });
  return service;
}

const IDENTITY: CacheIdentity = { folders: ['/ws/a', '/ws/b'], entityTypes: defaultConfig().entityTypes, maxFileSize: defaultConfig().maxFileSize };

describe('index cache', function () {
  this.timeout(120_000);
  let dir: string;
  beforeEach(() => (dir = tempDir('cables-cache-')));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  describe('the file', () => {
    it('round trip: a restored index answers as the one written', async () => {
      const original = corpusService();
      const file = path.join(dir, 'index.bin');
      const bytes = await writeIndexCache(file, original.indexSnapshot(), IDENTITY);
      assert.equal(fs.statSync(file).size, bytes);
      const read = await readIndexCache(file, { ...IDENTITY, folders: ['/ws/b', '/ws/a'] });
      assert.ok(read.snapshot, read.reason);
      const restored = createLanguageService(new InMemoryWorkspace());
      assert.equal(restored.restoreIndex(read.snapshot), CORPUS.length + 1);
      assert.deepEqual(answers(restored), answers(original));
      // Only the rename leaves the temporary file: nothing else is left beside it.
      assert.deepEqual(fs.readdirSync(dir), ['index.bin']);
    });

    it('an index changed after a restore answers as one built directly', async () => {
      const original = corpusService();
      const file = path.join(dir, 'index.bin');
      await writeIndexCache(file, original.indexSnapshot(), IDENTITY);
      const restored = createLanguageService(new InMemoryWorkspace());
      restored.restoreIndex((await readIndexCache(file, IDENTITY)).snapshot!);
      // Remove, replace and add cables on both.
      const [first, second] = CORPUS;
      for (const service of [original, restored]) {
        service.removeFromIndex(pathToFileURL(first).href);
        service.indexSource({ uri: pathToFileURL(second).href, version: 'v2', text: 'Met [PER Nicolas Pickard  ] and [PER Zebulon Quaggle  ] in [LOC Rome  ] .' });
        service.indexSource({ uri: 'file:///ws/new.cable', version: 'v1', text: fs.readFileSync(first, 'utf8') });
      }
      assert.deepEqual(answers(restored), answers(original));
    });

    it('only the cables accepted go in; the restore leaves the ones the index holds', async () => {
      const original = corpusService();
      const file = path.join(dir, 'index.bin');
      const seedOnly = original.indexSnapshot((uri) => uri !== 'file:///ws/seed.txt');
      await writeIndexCache(file, seedOnly, IDENTITY);
      const target = createLanguageService(new InMemoryWorkspace());
      // An open editor's text was indexed before the cache was read: it wins over the cache.
      const own = pathToFileURL(CORPUS[3]).href;
      target.indexSource({ uri: own, version: 7, text: 'Only [PER Zebulon Quaggle  ] here .' });
      assert.equal(target.restoreIndex((await readIndexCache(file, IDENTITY)).snapshot!), CORPUS.length - 1);
      assert.equal(target.indexedVersion(own), 7);
      assert.equal(target.indexedVersion('file:///ws/seed.txt'), undefined);
      assert.deepEqual(indexBehind(target).entitiesOf(own).map((e) => e.name), ['Zebulon Quaggle']);
      // The same as indexing those cables directly.
      const direct = createLanguageService(new InMemoryWorkspace());
      for (const f of CORPUS) if (pathToFileURL(f).href !== own) direct.indexSource({ uri: pathToFileURL(f).href, version: `v:${path.basename(f)}`, text: fs.readFileSync(f, 'utf8') });
      direct.indexSource({ uri: own, version: 7, text: 'Only [PER Zebulon Quaggle  ] here .' });
      assert.deepEqual(answers(target), answers(direct));
    });

    it('restoring with the sums the snapshot carries answers as counting the cables does, with cables left out too', () => {
      const original = corpusService();
      // Cables left out of the snapshot come off its sums.
      // A restore takes over the snapshot's arrays (the index's own): each restore gets copies.
      const copy = (snapshot: IndexSnapshot): IndexSnapshot => ({ ...snapshot, data: snapshot.data.map((d) => d.slice()) });
      const withSums = copy(original.indexSnapshot((uri) => !uri.endsWith(path.basename(CORPUS[2]))));
      assert.ok(withSums.derived);
      const without = { ...copy(original.indexSnapshot((uri) => !uri.endsWith(path.basename(CORPUS[2])))), derived: undefined };
      const own = pathToFileURL(CORPUS[7]).href;
      const results = [withSums, without].map((snapshot) => {
        const service = createLanguageService(new InMemoryWorkspace());
        // An open cable already in the index: the snapshot's copy of it is left out.
        service.indexSource({ uri: own, version: 3, text: 'Met [PER Nicolas Pickard  ] and [ORG NATO  ] .' });
        assert.equal(service.restoreIndex(snapshot), CORPUS.length - 1);
        return answers(service);
      });
      assert.deepEqual(results[0], results[1]);
      const direct = createLanguageService(new InMemoryWorkspace());
      for (const f of CORPUS) if (f !== CORPUS[2] && pathToFileURL(f).href !== own) direct.indexSource({ uri: pathToFileURL(f).href, version: `v:${path.basename(f)}`, text: fs.readFileSync(f, 'utf8') });
      direct.indexSource({ uri: 'file:///ws/seed.txt', version: 'v:seed', text: seedText() });
      direct.indexSource({ uri: own, version: 3, text: 'Met [PER Nicolas Pickard  ] and [ORG NATO  ] .' });
      assert.deepEqual(results[0], answers(direct));
    });

    it('a cable whose data is not well formed is left out; the others are restored', async () => {
      const original = corpusService();
      const snapshot = original.indexSnapshot();
      const bad = snapshot.uris.indexOf(pathToFileURL(CORPUS[5]).href);
      const data = snapshot.data[bad].slice();
      data[4] = snapshot.keys.length + 10; // a key id out of range
      snapshot.data[bad] = data;
      const worse = snapshot.uris.indexOf(pathToFileURL(CORPUS[6]).href);
      snapshot.data[worse] = snapshot.data[worse].slice(0, 10); // too short for its counts
      const restored = createLanguageService(new InMemoryWorkspace());
      assert.equal(restored.restoreIndex(snapshot), CORPUS.length - 1);
      const direct = createLanguageService(new InMemoryWorkspace());
      for (const f of CORPUS.filter((_, i) => i !== 5 && i !== 6)) direct.indexSource({ uri: pathToFileURL(f).href, version: `v:${path.basename(f)}`, text: fs.readFileSync(f, 'utf8') });
      direct.indexSource({ uri: 'file:///ws/seed.txt', version: 'v:seed', text: seedText() });
      assert.deepEqual(answers(restored), answers(direct));
    });

    it('a damaged, truncated or foreign file is not used, with the reason; reading never throws', async () => {
      const file = path.join(dir, 'index.bin');
      await writeIndexCache(file, corpusService().indexSnapshot(), IDENTITY);
      const good = fs.readFileSync(file);
      const variants: Array<[string, Buffer, RegExp]> = [];
      const flip = (at: number) => {
        const b = Buffer.from(good);
        b[at] ^= 0x5a;
        return b;
      };
      variants.push(['a byte of the packed data', flip(Math.floor(good.length / 3)), /corrupt \(checksum\)/]);
      variants.push(['a byte of the strings', flip(good.length - 20), /corrupt \(checksum\)/]);
      variants.push(['truncated', good.subarray(0, good.length - 1000), /truncated/]);
      variants.push(['only a header', good.subarray(0, 20), /truncated/]);
      variants.push(['not a cache', Buffer.from('{"not":"an index cache"} and some more text to pass the header size'), /not an index cache/]);
      const format = Buffer.from(good);
      format.writeUInt32LE(99, 8);
      variants.push(['another format', format, /format 99, not 2/]);
      variants.push(['empty', Buffer.alloc(0), /truncated/]);
      for (const [what, bytes, reason] of variants) {
        fs.writeFileSync(file, bytes);
        const read = await readIndexCache(file, IDENTITY);
        assert.equal(read.snapshot, undefined, what);
        assert.match(read.reason!, reason, what);
      }
      assert.equal((await readIndexCache(path.join(dir, 'missing.bin'), IDENTITY)).reason, 'no cache file');
      fs.mkdirSync(path.join(dir, 'a-folder.bin'));
      assert.match((await readIndexCache(path.join(dir, 'a-folder.bin'), IDENTITY)).reason!, /unreadable|cannot open/);
    });

    it('a cache of another version, other folders or other entity types is not used', async () => {
      const file = path.join(dir, 'index.bin');
      const snapshot = corpusService().indexSnapshot();
      await writeIndexCache(file, snapshot, IDENTITY, { product: '0.0.1-old' });
      assert.match((await readIndexCache(file, IDENTITY)).reason!, /made by version 0\.0\.1-old/);
      await writeIndexCache(file, corpusService().indexSnapshot(), IDENTITY);
      assert.match((await readIndexCache(file, { ...IDENTITY, folders: ['/ws/a'] })).reason!, /other folders/);
      assert.match((await readIndexCache(file, { ...IDENTITY, folders: ['/ws/a', '/ws/b', '/ws/c'] })).reason!, /other folders/);
      assert.match((await readIndexCache(file, { ...IDENTITY, entityTypes: ['PER', 'ORG', 'LOC'] })).reason!, /other entity types/);
      assert.match((await readIndexCache(file, { ...IDENTITY, maxFileSize: 1024 })).reason!, /maximum file size/);
      assert.ok((await readIndexCache(file, IDENTITY)).snapshot);
    });

    it('one file per set of folders, in any order; the default folder follows XDG_CACHE_HOME', () => {
      assert.equal(cacheFileFor('/c', ['/ws/a', '/ws/b']), cacheFileFor('/c', ['/ws/b', '/ws/a']));
      assert.notEqual(cacheFileFor('/c', ['/ws/a']), cacheFileFor('/c', ['/ws/a', '/ws/b']));
      assert.match(path.basename(cacheFileFor('/c', ['/ws/a'])), /^index-[0-9a-f]{16}\.bin$/);
      assert.equal(defaultCacheFolder({ XDG_CACHE_HOME: '/xdg' }), path.join('/xdg', 'tagged-cables'));
      assert.equal(defaultCacheFolder({ XDG_CACHE_HOME: 'relative/ignored' }), path.join(os.homedir(), '.cache', 'tagged-cables'));
      assert.equal(defaultCacheFolder({}), path.join(os.homedir(), '.cache', 'tagged-cables'));
    });
  });

  describe('the indexer with a cache', () => {
    let ws: string;
    let cacheFolder: string;
    const files = () => fs.readdirSync(path.join(ws, 'cables')).map((f) => path.join(ws, 'cables', f));

    beforeEach(() => {
      ws = path.join(dir, 'ws');
      cacheFolder = path.join(dir, 'cache');
      fs.mkdirSync(path.join(ws, 'cables'), { recursive: true });
      for (const f of CORPUS.slice(0, 20)) fs.copyFileSync(f, path.join(ws, 'cables', path.basename(f)));
      fs.writeFileSync(path.join(ws, 'seed.txt'), seedText());
      fs.writeFileSync(path.join(ws, 'notes.txt'), 'Not a cable: [PER Nobody  ] .\n');
    });

    async function run(workers = 0, cache = true): Promise<{ service: CableLanguageService; logs: string[]; indexer: WorkspaceIndexer }> {
      const service = createLanguageService(new InMemoryWorkspace());
      const logs: string[] = [];
      const indexer = new WorkspaceIndexer({ service, isOpen: () => false, log: (m) => logs.push(m), changed: () => undefined, beginProgress: async () => undefined }, { workers });
      indexer.setFolders([pathToFileURL(ws).href]);
      indexer.setSettings({ enabled: true, exclude: [], maxFileSize: defaultConfig().maxFileSize });
      indexer.setCache({ enabled: cache, folder: cacheFolder });
      await indexer.reindex();
      await indexer.flushCache();
      return { service, logs, indexer };
    }

    const line = (logs: string[]) => logs.find((l) => l.startsWith('Indexed ')) ?? '';

    it('the second run takes every cable from the cache, and answers the same', async () => {
      const first = await run();
      assert.match(line(first.logs), /^Indexed 21 cables \(21 read\) with \d+ entities/);
      assert.ok(first.logs.some((l) => l.startsWith('Index cache written: 21 cables')), first.logs.join('\n'));
      const second = await run();
      assert.ok(second.logs.some((l) => l.startsWith('Index cache: 21 cables restored from')), second.logs.join('\n'));
      assert.match(line(second.logs), /^Indexed 21 cables \(0 read, 21 from the cache\)/);
      // Nothing changed: the cache is not written again.
      assert.ok(!second.logs.some((l) => l.startsWith('Index cache written')), second.logs.join('\n'));
      assert.deepEqual(answers(second.service), answers(first.service));
    });

    it('re-reads cables whose size or modification time changed, drops those gone, reads those new', async () => {
      await run();
      const [grown, touched, gone] = files();
      fs.appendFileSync(grown, "<a id='par99' href='#par99'>¶</a>99 . ( C ) [PER Zebulon Quaggle  ] met [ORG NATO  ] .\n");
      const later = new Date(Date.now() + 5000);
      fs.utimesSync(touched, later, later);
      fs.rmSync(gone);
      fs.copyFileSync(CORPUS[30], path.join(ws, 'cables', 'added.cable'));
      const second = await run();
      assert.match(line(second.logs), /^Indexed 21 cables \(3 read, 21 from the cache\)/);
      const fresh = await run(0, false);
      assert.deepEqual(answers(second.service), answers(fresh.service));
      assert.equal(second.service.indexedVersion(pathToFileURL(gone).href), undefined);
      assert.ok(indexBehind(second.service).entity('zebulon quaggle'));
      // The changes were written: a third run reads nothing.
      const third = await run();
      assert.match(line(third.logs), /^Indexed 21 cables \(0 read, 21 from the cache\)/);
    });

    it('a damaged cache is ignored and written again, never a crash', async () => {
      await run();
      const file = fs.readdirSync(cacheFolder).map((f) => path.join(cacheFolder, f))[0];
      const bytes = fs.readFileSync(file);
      bytes[Math.floor(bytes.length / 2)] ^= 0xff;
      fs.writeFileSync(file, bytes);
      const second = await run();
      assert.ok(second.logs.some((l) => /^Index cache not used \(corrupt \(checksum\)\)/.test(l)), second.logs.join('\n'));
      assert.match(line(second.logs), /^Indexed 21 cables \(21 read\)/);
      assert.ok(second.logs.some((l) => l.startsWith('Index cache written: 21 cables')));
      assert.ok((await readIndexCache(file, { folders: [ws], entityTypes: defaultConfig().entityTypes, maxFileSize: defaultConfig().maxFileSize })).snapshot);
      const third = await run();
      assert.match(line(third.logs), /^Indexed 21 cables \(0 read, 21 from the cache\)/);
    });

    it('with the cache off nothing is read or written', async () => {
      const off = await run(0, false);
      assert.match(line(off.logs), /^Indexed 21 cables \(21 read\)/);
      assert.equal(fs.existsSync(cacheFolder), false);
      assert.equal(off.indexer.cacheFile, undefined);
    });
  });
});
