/**
 * The storage port: botbuilder's `Storage` shape (read, write, delete), so BlobsStorage and our file store
 * (src/storage/fileStorage.ts) both fit without core importing botbuilder, plus the two operations the request
 * repository, the leases and the ledgers need, which both our stores implement (src/storage/blobRequestStore.ts
 * wraps BlobsStorage for them).
 *
 * eTag rules on write: '*' or absent overwrites; any other value writes only if the stored item still has that
 * eTag (an absent item never matches), otherwise the write throws a concurrency conflict.
 */

export interface StoreItem {
  eTag?: string;
  [key: string]: unknown;
}

export interface StoreItems {
  [key: string]: StoreItem;
}

export interface KeyValueStore {
  /** Items that exist, keyed by key; missing keys are simply absent. Each item carries its current eTag. */
  read(keys: string[]): Promise<StoreItems>;
  write(changes: StoreItems): Promise<void>;
  delete(keys: string[]): Promise<void>;
  /** Writes `item` only if `key` does not exist yet; true when this call created it (blob: `If-None-Match: *`). */
  createIfAbsent(key: string, item: StoreItem): Promise<boolean>;
  /** Every key that starts with `prefix`, in no particular order (the per-subscription locks, due markers, ledgers). */
  listKeys(prefix: string): Promise<string[]>;
}

export const CONCURRENCY_CONFLICT = 'ConcurrencyConflict';

/** Thrown by our file store when an eTag no longer matches. */
export class ConcurrencyConflictError extends Error {
  override readonly name = 'ConcurrencyConflictError';
  readonly code = CONCURRENCY_CONFLICT;
  readonly statusCode = 412;
  constructor(readonly key: string) {
    super(`${CONCURRENCY_CONFLICT}: "${key}" changed since it was read; read it again and retry.`);
  }
}

/**
 * True for an eTag conflict from any store we support: ours, a raw 412 RestError from @azure/storage-blob,
 * or BlobsStorage, which rethrows a 412 as a plain Error whose message says "eTag conflict".
 */
export function isConcurrencyConflict(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const candidate = error as { code?: unknown; statusCode?: unknown; message?: unknown };
  if (candidate.code === CONCURRENCY_CONFLICT || candidate.code === 'ConditionNotMet') return true;
  if (candidate.statusCode === 412) return true;
  return typeof candidate.message === 'string' && /etag conflict/i.test(candidate.message);
}
