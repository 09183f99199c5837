// The workspace index on disk between sessions: one binary file per set of
// workspace folders, holding what the index holds (keys, names, types, spans,
// line starts; no text) and, per cable, its URI and version (modification
// time and size). Written atomically (a temporary file renamed over the old
// one); read at start-up. A file that is truncated, corrupt, of another
// format or product version, or made for other folders or settings is
// ignored (and written again later), never trusted.
//
// Layout (little-endian on the platforms Node runs on; a probe detects others):
//   header   40 bytes: magic "TCBLIDX\0", format, meta bytes, int count,
//            string bytes, cable count, int checksum, string checksum, 0
//   meta     JSON (the identity and the table sizes), padded to 4 bytes
//   ints     the probe; the counts of keys K, names N, cables C, postings P
//            and types T, whether the sums follow (1 or 0); each key's name
//            id (K); the index's sums, when they follow: per key mentions,
//            users of its name, cables per type (K × T), its number of
//            cables, its hash, per name its references and hash, the
//            postings (P); then per cable its packed data's length and the data
//   strings  lines, each a JSON array of strings: the types, keys, names,
//            URIs and versions, each table ended by an empty line

import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { IndexSnapshot } from './core';
import { VERSION } from './version';

export const CACHE_FORMAT = 2;
const MAGIC = Buffer.from('TCBLIDX\0', 'latin1');
const HEADER_BYTES = 40;
const PROBE = 0x01020304;
/** Ints written per chunk, and strings per line. */
const INT_CHUNK = 1 << 18;
const STRING_CHUNK = 4096;

/** What a cache was made for; a cache made for anything else is not used. */
export interface CacheIdentity {
  /** The workspace folders (paths). */
  folders: string[];
  entityTypes: string[];
  maxFileSize: number;
}

interface Meta {
  product: string;
  format: number;
  folders: string[];
  entityTypes: string[];
  maxFileSize: number;
  cables: number;
  types: number;
  keys: number;
  names: number;
}

/** `$XDG_CACHE_HOME/tagged-cables`, or `~/.cache/tagged-cables`: the cache folder of editors other than VS Code. */
export function defaultCacheFolder(env: NodeJS.ProcessEnv = process.env): string {
  const xdg = env.XDG_CACHE_HOME;
  return path.join(xdg && path.isAbsolute(xdg) ? xdg : path.join(os.homedir(), '.cache'), 'tagged-cables');
}

/** The cache file of a set of workspace folders (in any order): `index-<hash of the folders>.bin` in `folder`. */
export function cacheFileFor(folder: string, folders: string[]): string {
  const hash = crypto.createHash('sha256').update(sortedFolders(folders).join('\n')).digest('hex').slice(0, 16);
  return path.join(folder, `index-${hash}.bin`);
}

function sortedFolders(folders: string[]): string[] {
  return folders.map((f) => path.resolve(f)).sort();
}

/** FNV-1a over 32-bit words (or bytes), continued from `hash`. */
function checksum(values: Int32Array | Uint8Array, hash = 0x811c9dc5): number {
  let h = hash | 0;
  for (let i = 0; i < values.length; i++) h = Math.imul(h ^ values[i], 0x01000193);
  return h >>> 0;
}

const pause = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Writes the snapshot to `file` atomically, in chunks between which other
 * work goes on; returns the bytes written. The snapshot's arrays are not
 * changed. `product` stands for the version (tests).
 */
export async function writeIndexCache(file: string, snapshot: IndexSnapshot, identity: CacheIdentity, options: { product?: string } = {}): Promise<number> {
  await fs.promises.mkdir(path.dirname(file), { recursive: true });
  await removeStaleTemporaries(file);
  const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
  const handle = await fs.promises.open(temporary, 'w');
  let ok = false;
  try {
    const meta: Meta = {
      product: options.product ?? VERSION,
      format: CACHE_FORMAT,
      folders: sortedFolders(identity.folders),
      entityTypes: identity.entityTypes,
      maxFileSize: identity.maxFileSize,
      cables: snapshot.uris.length,
      types: snapshot.types.length,
      keys: snapshot.keys.length,
      names: snapshot.names.length,
    };
    const metaBytes = Buffer.from(JSON.stringify(meta), 'utf8');
    const metaPadded = Buffer.alloc(Math.ceil(metaBytes.length / 4) * 4, 0x20);
    metaBytes.copy(metaPadded);
    let position = HEADER_BYTES;
    const write = async (bytes: Uint8Array) => {
      await handle.write(bytes, 0, bytes.length, position);
      position += bytes.length;
    };
    await write(metaPadded);

    // Ints, in chunks.
    let intCount = 0;
    let intSum = 0x811c9dc5;
    let chunk = new Int32Array(INT_CHUNK);
    let n = 0;
    const flush = async () => {
      if (n === 0) return;
      const part = chunk.subarray(0, n);
      intSum = checksum(part, intSum);
      intCount += n;
      await write(new Uint8Array(part.buffer, part.byteOffset, n * 4));
      n = 0;
    };
    const put = async (values: ArrayLike<number>) => {
      if (n + values.length > chunk.length) await flush();
      if (values.length > chunk.length) chunk = new Int32Array(values.length);
      chunk.set(values, n);
      n += values.length;
    };
    const putAll = async (values: ArrayLike<number>) => {
      for (let i = 0; i < values.length; i += INT_CHUNK / 2) await put(Array.prototype.slice.call(values, i, i + INT_CHUNK / 2));
    };
    const d = snapshot.derived;
    await put([PROBE, snapshot.keys.length, snapshot.names.length, snapshot.uris.length, d?.postings.length ?? 0, snapshot.types.length, d ? 1 : 0]);
    await putAll(snapshot.keyNames);
    if (d) for (const values of [d.keyMentions, d.keyNameUsers, d.keyTypes, d.postLengths, d.keyHashes, d.nameRefs, d.nameHashes, d.postings]) await putAll(values);
    for (const data of snapshot.data) {
      await put([data.length]);
      await put(data);
    }
    await flush();

    // Strings, a JSON array per line.
    const intBytes = position - HEADER_BYTES - metaPadded.length;
    let stringSum = checksum(metaPadded);
    const tables: Array<ArrayLike<unknown>> = [snapshot.types, snapshot.keys, snapshot.names, snapshot.uris, snapshot.versions];
    for (const table of tables) {
      for (let i = 0; i < table.length; i += STRING_CHUNK) {
        const line = Buffer.from(`${JSON.stringify(Array.prototype.slice.call(table, i, i + STRING_CHUNK))}\n`, 'utf8');
        stringSum = checksum(line, stringSum);
        await write(line);
      }
      // An empty line ends each table.
      const end = Buffer.from('\n');
      stringSum = checksum(end, stringSum);
      await write(end);
    }
    const stringBytes = position - HEADER_BYTES - metaPadded.length - intBytes;

    const header = Buffer.alloc(HEADER_BYTES);
    MAGIC.copy(header, 0);
    header.writeUInt32LE(CACHE_FORMAT, 8);
    header.writeUInt32LE(metaPadded.length, 12);
    header.writeUInt32LE(intCount, 16);
    header.writeUInt32LE(stringBytes, 20);
    header.writeUInt32LE(snapshot.uris.length, 24);
    header.writeUInt32LE(intSum >>> 0, 28);
    header.writeUInt32LE(stringSum >>> 0, 32);
    await handle.write(header, 0, HEADER_BYTES, 0);
    await handle.close();
    await fs.promises.rename(temporary, file);
    ok = true;
    return position;
  } finally {
    if (!ok) {
      await handle.close().catch(() => undefined);
      await fs.promises.rm(temporary, { force: true }).catch(() => undefined);
    }
  }
}

/** Temporary files of writes that never finished (a killed server), more than an hour old. */
async function removeStaleTemporaries(file: string): Promise<void> {
  const dir = path.dirname(file);
  const prefix = `${path.basename(file)}.`;
  const entries = await fs.promises.readdir(dir).catch(() => [] as string[]);
  for (const entry of entries) {
    if (!entry.startsWith(prefix) || !entry.endsWith('.tmp')) continue;
    const stat = await fs.promises.stat(path.join(dir, entry)).catch(() => undefined);
    if (stat && Date.now() - stat.mtimeMs > 3_600_000) await fs.promises.rm(path.join(dir, entry), { force: true }).catch(() => undefined);
  }
}

export type CacheRead = { snapshot: IndexSnapshot; reason?: undefined } | { snapshot?: undefined; reason: string };

/** Reads the cache file made for `identity`; a reason instead when there is none or it cannot be used. Never throws. */
export async function readIndexCache(file: string, identity: CacheIdentity): Promise<CacheRead> {
  let handle: fs.promises.FileHandle;
  try {
    handle = await fs.promises.open(file, 'r');
  } catch (error) {
    return { reason: (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no cache file' : `cannot open it: ${(error as Error).message}` };
  }
  try {
    const size = (await handle.stat()).size;
    const read = async (bytes: number, position: number): Promise<Buffer> => {
      const buffer = Buffer.allocUnsafeSlow(bytes);
      let done = 0;
      while (done < bytes) {
        const { bytesRead } = await handle.read(buffer, done, bytes - done, position + done);
        if (bytesRead === 0) throw new Error('the file ends early');
        done += bytesRead;
      }
      return buffer;
    };
    if (size < HEADER_BYTES) return { reason: 'truncated' };
    const header = await read(HEADER_BYTES, 0);
    if (!header.subarray(0, 8).equals(MAGIC)) return { reason: 'not an index cache' };
    if (header.readUInt32LE(8) !== CACHE_FORMAT) return { reason: `format ${header.readUInt32LE(8)}, not ${CACHE_FORMAT}` };
    const metaBytes = header.readUInt32LE(12);
    const intCount = header.readUInt32LE(16);
    const stringBytes = header.readUInt32LE(20);
    if (metaBytes % 4 !== 0 || HEADER_BYTES + metaBytes + 4 * intCount + stringBytes !== size) return { reason: 'truncated or corrupt (sizes do not add up)' };
    const metaBuffer = await read(metaBytes, HEADER_BYTES);
    const ints = await read(4 * intCount, HEADER_BYTES + metaBytes);
    const strings = await read(stringBytes, HEADER_BYTES + metaBytes + 4 * intCount);
    return await decode(header, metaBuffer, new Int32Array(ints.buffer, ints.byteOffset, intCount), strings, identity);
  } catch (error) {
    return { reason: `unreadable: ${error instanceof Error ? error.message : String(error)}` };
  } finally {
    await handle.close().catch(() => undefined);
  }
}

async function decode(header: Buffer, metaBuffer: Buffer, ints: Int32Array, strings: Buffer, identity: CacheIdentity): Promise<CacheRead> {
  let stringSum = checksum(metaBuffer);
  for (let i = 0; i < strings.length; i += 1 << 22) {
    stringSum = checksum(strings.subarray(i, i + (1 << 22)), stringSum);
    await pause();
  }
  if (stringSum !== header.readUInt32LE(32)) return { reason: 'corrupt (checksum)' };
  let intSum = 0x811c9dc5;
  for (let i = 0; i < ints.length; i += 1 << 22) {
    intSum = checksum(ints.subarray(i, i + (1 << 22)), intSum);
    await pause();
  }
  if (intSum !== header.readUInt32LE(28)) return { reason: 'corrupt (checksum)' };
  if (ints[0] !== PROBE) return { reason: 'made on a machine of another byte order' };

  const meta = JSON.parse(metaBuffer.toString('utf8')) as Meta;
  if (meta.product !== VERSION) return { reason: `made by version ${meta.product}` };
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  if (!same(meta.folders, sortedFolders(identity.folders))) return { reason: 'made for other folders' };
  if (!same(meta.entityTypes, identity.entityTypes)) return { reason: 'made for other entity types' };
  if (meta.maxFileSize !== identity.maxFileSize) return { reason: 'made for another maximum file size' };

  // The string tables: lines of JSON arrays, an empty line after each table.
  const tables: unknown[][] = [[]];
  for (let start = 0, end = strings.indexOf(10); end >= 0; start = end + 1, end = strings.indexOf(10, start)) {
    if (end === start) tables.push([]);
    else tables[tables.length - 1].push(...(JSON.parse(strings.toString('utf8', start, end)) as unknown[]));
  }
  tables.pop();
  const [types, keys, names, uris, versions] = tables as [string[], string[], string[], string[], Array<string | number>];
  if (tables.length !== 5 || types.length !== meta.types || keys.length !== meta.keys || names.length !== meta.names || uris.length !== meta.cables || versions.length !== meta.cables) {
    return { reason: 'corrupt (tables)' };
  }
  const [K, N, C, P, T, hasDerived] = [ints[1], ints[2], ints[3], ints[4], ints[5], ints[6]];
  if (header.readUInt32LE(24) !== meta.cables || K !== meta.keys || N !== meta.names || C !== meta.cables || T !== meta.types || P < 0 || (hasDerived !== 0 && hasDerived !== 1)) return { reason: 'corrupt (counts)' };
  let at = 7;
  const take = (n: number): Int32Array | undefined => {
    if (at + n > ints.length) return undefined;
    at += n;
    return ints.subarray(at - n, at);
  };
  const keyNames = take(K);
  if (!keyNames) return { reason: 'corrupt (counts)' };
  let derived: IndexSnapshot['derived'];
  if (hasDerived) {
    const parts = [K, K, K * T, K, K, N, N, P].map(take);
    if (parts.some((part) => part === undefined)) return { reason: 'corrupt (counts)' };
    const [keyMentions, keyNameUsers, keyTypes, postLengths, keyHashes, nameRefs, nameHashes, postings] = parts as Int32Array[];
    derived = { keyMentions, keyNameUsers, keyTypes, postLengths, keyHashes, nameRefs, nameHashes, postings };
  }
  const data: Int32Array[] = new Array(meta.cables);
  for (let c = 0; c < meta.cables; c++) {
    const length = at < ints.length ? ints[at++] : -1;
    if (length < 0 || at + length > ints.length) return { reason: 'corrupt (cables)' };
    data[c] = ints.subarray(at, at + length);
    at += length;
    if (c % 50_000 === 0) await pause();
  }
  if (at !== ints.length) return { reason: 'corrupt (cables)' };
  return { snapshot: { types, keys, keyNames, names, uris, versions, data, derived } };
}
