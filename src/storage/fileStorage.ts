/**
 * The embedded default store: one JSON file per key under `<dataDir>/store/`, in the botbuilder Storage shape.
 *
 * - Writes are atomic (temp file + fsync + rename + directory fsync): a crash never leaves a half-written item.
 *   A store built with `survives: 'process-crash'` skips the fsyncs, for records a power cut may lose at no cost.
 * - eTag = SHA-256 of the stored bytes. Equal eTags mean equal content, so a compare-and-swap that "succeeds"
 *   against content which changed and changed back still writes over exactly what the writer read.
 * - Compare-and-swap is made correct within this process by a per-key mutex shared by every FileStorage over the
 *   same directory. Several processes on one directory are NOT supported: the bot holds the directory's lock
 *   (dataDirectoryLock.ts, taken in src/wiring/storage.ts), and blob storage (eTags on the server) scales out.
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { ConcurrencyConflictError, type KeyValueStore, type StoreItem, type StoreItems } from '../core/keyValueStore';
import { TEMP_SUFFIX, removeFileDurably, writeFileAtomic, type DurabilityOptions } from './atomicFile';
import { mutexForDirectory, type KeyedMutex } from './directoryMutex';
import { fileNameForKey, keyForFileName } from './storageKeys';

export interface FileStorageOptions {
  /** The data directory (DEFENDER_DATA_DIR, default `.data/`); items go in its `store/` subdirectory. */
  dataDir: string;
  /** Another subdirectory of dataDir than `store/`, for records kept apart from the requests. */
  subdirectory?: string;
  /**
   * 'power-cut' (default): every write and delete is fsynced. 'process-crash': the same atomic temp file + rename,
   * without fsync, several times cheaper; an item outlives the process but may be lost when the machine loses power.
   */
  survives?: 'power-cut' | 'process-crash';
}

export class StorageClosedError extends Error {
  override readonly name = 'StorageClosedError';
  readonly code = 'StorageClosed';
  constructor() {
    super('StorageClosed: the file store was closed during shutdown; nothing more can be written.');
  }
}

export class CorruptItemError extends Error {
  override readonly name = 'CorruptItemError';
  readonly code = 'CorruptItem';
}

/** Directories already prepared (and swept of orphan temp files) in this process. */
const preparedDirectories = new Map<string, Promise<void>>();

export class FileStorage implements KeyValueStore {
  readonly directory: string;
  private readonly mutex: KeyedMutex;
  private readonly durability: DurabilityOptions;
  private readonly inFlight = new Set<Promise<unknown>>();
  private closed = false;

  constructor(options: FileStorageOptions) {
    this.directory = path.resolve(options.dataDir, options.subdirectory ?? 'store');
    this.durability = { sync: options.survives !== 'process-crash' };
    this.mutex = mutexForDirectory(this.directory);
  }

  async read(keys: string[]): Promise<StoreItems> {
    await this.prepare();
    const items: StoreItems = {};
    for (const key of keys) {
      const item = await this.readItem(key);
      if (item) items[key] = item;
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    const keys = Object.keys(changes);
    await this.track(() => this.mutex.runExclusive(keys, async () => {
      // Check every eTag before writing anything, so a conflicting batch writes nothing.
      for (const key of keys) {
        const expected = changes[key].eTag;
        if (expected === undefined || expected === '*') continue;
        const current = await this.readItem(key);
        if (current?.eTag !== expected) throw new ConcurrencyConflictError(key);
      }
      for (const key of keys) {
        const { eTag: _expected, ...value } = changes[key];
        await writeFileAtomic(this.pathFor(key), JSON.stringify(value), this.durability);
      }
    }));
  }

  /** Writes `item` only when `key` does not exist; true when this call created it. */
  async createIfAbsent(key: string, item: StoreItem): Promise<boolean> {
    return this.track(() => this.mutex.runExclusive([key], async () => {
      if (await this.readItem(key)) return false;
      const { eTag: _ignored, ...value } = item;
      await writeFileAtomic(this.pathFor(key), JSON.stringify(value), this.durability);
      return true;
    }));
  }

  async listKeys(prefix: string): Promise<string[]> {
    await this.prepare();
    const names = await fs.readdir(this.directory);
    return names
      .filter((name) => name.endsWith('.json'))
      .map(keyForFileName)
      .filter((key) => key.startsWith(prefix));
  }

  async delete(keys: string[]): Promise<void> {
    await this.track(() => this.mutex.runExclusive(keys, async () => {
      for (const key of keys) await removeFileDurably(this.pathFor(key), this.durability);
    }));
  }

  /** Resolves once every write and delete started so far has finished. */
  async flush(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  /** Graceful shutdown: refuse new writes, wait for in-flight ones. */
  async close(): Promise<void> {
    this.closed = true;
    await this.flush();
  }

  private async readItem(key: string): Promise<StoreItem | undefined> {
    const file = this.pathFor(key);
    let content: string;
    try {
      content = await fs.readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    try {
      return { ...(JSON.parse(content) as StoreItem), eTag: eTagOf(content) };
    } catch (error) {
      throw new CorruptItemError(`CorruptItem: ${file} is not valid JSON (${(error as Error).message}); restore it from backup or delete it.`);
    }
  }

  private async track<T>(start: () => Promise<T>): Promise<T> {
    if (this.closed) throw new StorageClosedError();
    // Tracked from the first moment, so close() also waits for an operation still preparing the directory.
    const operation = this.prepare().then(start);
    this.inFlight.add(operation);
    try {
      return await operation;
    } finally {
      this.inFlight.delete(operation);
    }
  }

  private pathFor(key: string): string {
    return path.join(this.directory, fileNameForKey(key));
  }

  /** Creates the directory and removes temp files orphaned by a crash, once per directory per process. */
  private prepare(): Promise<void> {
    let prepared = preparedDirectories.get(this.directory);
    if (!prepared) {
      prepared = sweepOrphans(this.directory);
      preparedDirectories.set(this.directory, prepared);
      prepared.catch(() => preparedDirectories.delete(this.directory)); // let the next call try again
    }
    return prepared;
  }
}

async function sweepOrphans(directory: string): Promise<void> {
  await fs.mkdir(directory, { recursive: true });
  for (const name of await fs.readdir(directory)) {
    if (name.endsWith(TEMP_SUFFIX)) await fs.rm(path.join(directory, name), { force: true });
  }
}

function eTagOf(content: string): string {
  return `"${createHash('sha256').update(content).digest('hex').slice(0, 32)}"`;
}
