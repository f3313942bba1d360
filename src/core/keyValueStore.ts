/**
 * The storage port, structurally identical to botbuilder's `Storage` so botbuilder-azure-blobs' BlobsStorage
 * and our file store (src/storage/fileStorage.ts) both fit without core importing botbuilder; the request
 * repository also needs the two optional extras below, which both our stores implement.
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
  /**
   * Optional: the same string for every instance over the same data (our file store: its directory), so one-time
   * set-up is shared between them in one process. Not part of botbuilder's Storage; stores without it are keyed by object.
   */
  readonly storeIdentity?: string;
  /**
   * Optional: write `item` only if `key` does not exist yet; true when this call created it. Storage's write cannot
   * express "create only", so without this the repository's first index document is written unconditionally
   * (see requestRepository.ts). Blob storage can implement it with `If-None-Match: *`.
   */
  createIfAbsent?(key: string, item: StoreItem): Promise<boolean>;
  /**
   * Optional: every key that starts with `prefix`, in no particular order. Storage cannot list; the request repository
   * needs it to find the per-subscription locks (and so the open requests) without one shared index document.
   */
  listKeys?(prefix: string): Promise<string[]>;
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
