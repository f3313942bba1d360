/**
 * Requests on top of a KeyValueStore (botbuilder Storage shape), which can read, write and delete by key but not list.
 *
 * Layout:
 *   `defender/requests/<id>`      one document per request, replaced with compare-and-swap on its eTag.
 *   `defender/open-requests`      the index: which request holds each subscription open, plus recent ids.
 *
 * The index is also updated with compare-and-swap + retry, so two concurrent requests for one subscription
 * cannot both claim it. The request documents are the truth; the index may briefly point at a request that has
 * already finished (a crash between the two writes): such entries are treated as free and cleaned on the next claim.
 *
 * Storage has no "create only if absent": when the store offers the optional createIfAbsent() the first index document
 * is created with it (race-free everywhere). Otherwise it is written unconditionally, single-flight per store in this
 * process; with several instances on fresh shared storage, call initialise() at start-up before taking traffic.
 */
import { isOpenStatus } from './stateMachine';
import { isConcurrencyConflict, type KeyValueStore, type StoreItem } from './store';
import type { ApprovalRequest } from './types';

const REQUEST_KEY_PREFIX = 'defender/requests/';
const INDEX_KEY = 'defender/open-requests';
const MAX_CAS_ATTEMPTS = 200;
const DEFAULT_RECENT_LIMIT = 100;

interface OpenIndex {
  /** Lower-case subscription id → id of the request holding it open. */
  open: Record<string, string>;
  /** Newest first, bounded. */
  recent: string[];
}

export type ClaimResult = { kind: 'claimed' } | { kind: 'blocked'; holder: ApprovalRequest };

export class StoreContentionError extends Error {
  override readonly name = 'StoreContentionError';
  readonly code = 'StoreContention';
}

export class DuplicateRequestIdError extends Error {
  override readonly name = 'DuplicateRequestIdError';
  readonly code = 'DuplicateRequestId';
}

/** One bootstrap per store (by storeIdentity, else by object) in this process, shared by every repository over it. */
const indexBootstraps = new Map<unknown, Promise<void>>();

export class RequestRepository {
  private readonly recentLimit: number;

  constructor(private readonly store: KeyValueStore, options: { recentLimit?: number } = {}) {
    this.recentLimit = options.recentLimit ?? DEFAULT_RECENT_LIMIT;
  }

  async initialise(): Promise<void> {
    const identity = this.store.storeIdentity ?? this.store;
    let bootstrap = indexBootstraps.get(identity);
    if (!bootstrap) {
      bootstrap = this.writeIndexIfAbsent();
      indexBootstraps.set(identity, bootstrap);
      bootstrap.catch(() => indexBootstraps.delete(identity)); // a failed bootstrap may be retried by the next call
    }
    await bootstrap;
  }

  async get(id: string): Promise<ApprovalRequest | undefined> {
    const key = REQUEST_KEY_PREFIX + id;
    const items = await this.store.read([key]);
    return items[key] as unknown as ApprovalRequest | undefined;
  }

  async getMany(ids: string[]): Promise<ApprovalRequest[]> {
    if (ids.length === 0) return [];
    const items = await this.store.read(ids.map((id) => REQUEST_KEY_PREFIX + id));
    return ids
      .map((id) => items[REQUEST_KEY_PREFIX + id] as unknown as ApprovalRequest | undefined)
      .filter((item): item is ApprovalRequest => item !== undefined);
  }

  /**
   * Stores a new request document; claimOpen() then makes it count. Storage has no create-only write, so an id
   * already taken (a broken id generator) is caught by reading first rather than silently overwriting a request.
   */
  async create(request: ApprovalRequest): Promise<void> {
    if (await this.get(request.id)) {
      throw new DuplicateRequestIdError(`DuplicateRequestId: ${request.id} already exists; the id generator must produce unique ids (use createRequestIdGenerator()).`);
    }
    await this.store.write({ [REQUEST_KEY_PREFIX + request.id]: toItem(request, '*') });
  }

  /** Replaces the document only if it still has `expectedETag`. Returns false when someone else changed it first. */
  async compareAndSwap(request: ApprovalRequest, expectedETag: string): Promise<boolean> {
    try {
      await this.store.write({ [REQUEST_KEY_PREFIX + request.id]: toItem(request, expectedETag) });
      return true;
    } catch (error) {
      if (isConcurrencyConflict(error)) return false;
      throw error;
    }
  }

  /** Removes a request that never became visible (it lost the claim). */
  async discard(id: string): Promise<void> {
    await this.store.delete([REQUEST_KEY_PREFIX + id]);
  }

  /**
   * Makes `request` the open request of each of its subscriptions, unless another open request holds one of them.
   * `stillBlocks` decides about an open holder (the service expires a holder whose time ran out and answers false).
   */
  async claimOpen(request: ApprovalRequest, stillBlocks: (holder: ApprovalRequest) => Promise<boolean>): Promise<ClaimResult> {
    return this.updateIndex(async (index) => {
      for (const subscriptionId of request.subscriptionIds) {
        const holderId = index.open[subscriptionId];
        if (!holderId || holderId === request.id) continue;
        const holder = await this.get(holderId);
        if (holder && isOpenStatus(holder.status) && (await stillBlocks(holder))) return { kind: 'blocked', holder };
      }
      for (const subscriptionId of request.subscriptionIds) index.open[subscriptionId] = request.id;
      index.recent = [request.id, ...index.recent.filter((id) => id !== request.id)].slice(0, this.recentLimit);
      return { kind: 'claimed' };
    }, (result) => result.kind === 'claimed');
  }

  /** Frees the subscriptions a finished request held. Entries already taken by another request are left alone. */
  async releaseOpen(request: ApprovalRequest): Promise<void> {
    await this.updateIndex(async (index) => {
      let changed = false;
      for (const [subscriptionId, holderId] of Object.entries(index.open)) {
        if (holderId === request.id) {
          delete index.open[subscriptionId];
          changed = true;
        }
      }
      return changed;
    }, (changed) => changed);
  }

  /** Requests in pending, approved or executing. */
  async listOpen(): Promise<ApprovalRequest[]> {
    const { index } = await this.readIndex();
    const requests = await this.getMany([...new Set(Object.values(index.open))]);
    return requests.filter((request) => isOpenStatus(request.status));
  }

  async openBySubscription(subscriptionId: string): Promise<ApprovalRequest | undefined> {
    const { index } = await this.readIndex();
    const holderId = index.open[subscriptionId.toLowerCase()];
    const holder = holderId ? await this.get(holderId) : undefined;
    return holder && isOpenStatus(holder.status) ? holder : undefined;
  }

  async listRecent(limit: number): Promise<ApprovalRequest[]> {
    const { index } = await this.readIndex();
    return this.getMany(index.recent.slice(0, limit));
  }

  /** Read-modify-write of the index with compare-and-swap; `shouldWrite` says whether the mutation needs storing. */
  private async updateIndex<T>(mutate: (index: OpenIndex) => Promise<T>, shouldWrite: (result: T) => boolean): Promise<T> {
    for (let attempt = 0; attempt < MAX_CAS_ATTEMPTS; attempt++) {
      const { index, eTag } = await this.readIndex();
      const result = await mutate(index);
      if (!shouldWrite(result)) return result;
      try {
        await this.store.write({ [INDEX_KEY]: { ...index, eTag } });
        return result;
      } catch (error) {
        if (!isConcurrencyConflict(error)) throw error;
      }
    }
    throw new StoreContentionError(`StoreContention: the open-request index kept changing during ${MAX_CAS_ATTEMPTS} attempts; try again shortly.`);
  }

  private async readIndex(): Promise<{ index: OpenIndex; eTag: string }> {
    let item = (await this.store.read([INDEX_KEY]))[INDEX_KEY];
    if (!item) {
      await this.initialise();
      item = (await this.store.read([INDEX_KEY]))[INDEX_KEY];
    }
    if (!item) throw new Error(`IndexMissing: "${INDEX_KEY}" disappeared from storage; restart the bot to recreate it (open requests stay in their own documents).`);
    if (!item.eTag) throw new Error(`StoreMisconfigured: the store returned "${INDEX_KEY}" without an eTag, so compare-and-swap is impossible; use a store that honours eTags.`);
    const { open, recent } = item as unknown as OpenIndex;
    return { index: { open: { ...(open ?? {}) }, recent: [...(recent ?? [])] }, eTag: item.eTag };
  }

  private async writeIndexIfAbsent(): Promise<void> {
    const existing = await this.store.read([INDEX_KEY]);
    if (existing[INDEX_KEY]) return;
    const empty: OpenIndex = { open: {}, recent: [] };
    if (this.store.createIfAbsent) await this.store.createIfAbsent(INDEX_KEY, { ...empty });
    else await this.store.write({ [INDEX_KEY]: { ...empty, eTag: '*' } });
  }
}

function toItem(request: ApprovalRequest, eTag: string): StoreItem {
  const { eTag: _readETag, ...persisted } = request;
  return { ...persisted, eTag };
}
