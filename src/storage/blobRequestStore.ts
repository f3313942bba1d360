/**
 * Requests, card locations and conversation references in Azure Blob Storage, through botbuilder-azure-blobs'
 * BlobsStorage (one JSON blob per key). BlobsStorage sends the item's eTag as If-Match, so compare-and-swap is
 * decided by the blob service itself and holds across any number of bot instances.
 *
 * This thin wrapper adds what the KeyValueStore port asks of us and BlobsStorage lacks: createIfAbsent
 * (If-None-Match: *), listKeys, flush() for graceful shutdown, and an actionable error when the endpoint is
 * unreachable. eTag conflicts pass through untouched (BlobsStorage reports a 412 as `Error('Storage: error writing "<key>" due to eTag conflict.')`,
 * which isConcurrencyConflict recognises).
 */
import type { ContainerClient } from '@azure/storage-blob';
import { BlobsStorage } from 'botbuilder-azure-blobs';
import { sanitizeBlobKey } from 'botbuilder-azure-blobs/lib/sanitizeBlobKey';
import { isConcurrencyConflict, type KeyValueStore, type StoreItem, type StoreItems } from '../core/keyValueStore';
import { BLOB_PIPELINE_OPTIONS, BlobStorageError, containerUrlOf, describeContainer, networkFailureCode, type BlobTarget } from './blobEndpoint';

export class BlobRequestStore implements KeyValueStore {
  private readonly blobs: BlobsStorage;
  private readonly inFlight = new Set<Promise<unknown>>();
  /** The container URL without secrets, for identity and messages. */
  private readonly endpoint: string;

  /** `container` must address the same container as `target` (createContainerClient(target)). */
  constructor(target: BlobTarget, private readonly container: ContainerClient) {
    this.endpoint = describeContainer(container);
    const options = { storagePipelineOptions: BLOB_PIPELINE_OPTIONS };
    this.blobs =
      target.access.kind === 'connection-string'
        ? new BlobsStorage(target.access.connectionString, target.container, options)
        : new BlobsStorage('', target.container, options, containerUrlOf(target.access.accountUrl, target.container), target.credential);
  }

  read(keys: string[]): Promise<StoreItems> {
    return this.track('read', () => this.blobs.read(keys));
  }

  write(changes: StoreItems): Promise<void> {
    return this.track('write', () => this.blobs.write(changes));
  }

  delete(keys: string[]): Promise<void> {
    return this.track('delete', () => this.blobs.delete(keys));
  }

  /** Creates the item only if no blob has its key yet, decided by the blob service; false when one already existed. */
  createIfAbsent(key: string, item: StoreItem): Promise<boolean> {
    return this.track('create', async () => {
      const { eTag: _ignored, ...value } = item;
      const body = Buffer.from(JSON.stringify(value), 'utf8');
      try {
        // The same blob name and JSON body as BlobsStorage.write, so BlobsStorage.read returns it unchanged.
        await this.container.getBlockBlobClient(sanitizeBlobKey(key)).upload(body, body.length, {
          conditions: { ifNoneMatch: '*' },
          blobHTTPHeaders: { blobContentType: 'application/json' },
        });
        return true;
      } catch (error) {
        const status = (error as { statusCode?: number }).statusCode;
        if (status === 409 || status === 412) return false; // BlobAlreadyExists / condition not met: someone else created it
        throw error;
      }
    });
  }

  /** Keys starting with `prefix`: blob names are the keys URI-encoded (as sanitizeBlobKey writes them), so list by the encoded prefix. */
  listKeys(prefix: string): Promise<string[]> {
    return this.track('list', async () => {
      const keys: string[] = [];
      for await (const blob of this.container.listBlobsFlat({ prefix: encodeURIComponent(prefix) })) keys.push(decodeURIComponent(blob.name));
      return keys;
    });
  }

  /** Resolves once every operation started so far has finished (shutdown). */
  async flush(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  private async track<T>(operation: string, run: () => Promise<T>): Promise<T> {
    const pending = run();
    this.inFlight.add(pending);
    try {
      return await pending;
    } catch (error) {
      throw this.explain(operation, error);
    } finally {
      this.inFlight.delete(pending);
    }
  }

  private explain(operation: string, error: unknown): unknown {
    if (isConcurrencyConflict(error)) return error;
    const network = networkFailureCode(error);
    if (!network) return error;
    // Nothing after this point is known to have happened: callers treat it as a failed step and the stored state
    // (compare-and-swap on eTags) decides what a later retry does, so nothing is lost or applied twice.
    return new BlobStorageError('BlobStorageUnavailable', `could not ${operation} at ${this.endpoint} (${network}); the step did not complete. Try again when blob storage is reachable.`, { cause: error });
  }
}
