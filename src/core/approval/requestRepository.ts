/**
 * Requests on top of a KeyValueStore (botbuilder Storage shape plus createIfAbsent and listKeys).
 *
 * Layout:
 *   `defender/requests/<id>`             one document per request, replaced with compare-and-swap on its eTag.
 *   `defender/open/<subscription id>`    one lock per subscription: which request holds it open (or none).
 *
 * A request exists only once it holds the lock of each of its subscriptions AND its `request.created` audit entry
 * is written. Creation is therefore three steps (ApprovalService.createRequest): write the document marked
 * `opening`, take the locks, append the audit entry and clear the mark. Until then get() does not see it, so it can
 * be neither approved nor listed; if creation fails the steps are undone, and if the process dies half-way the
 * leftovers are inert: a lock whose holder is missing, or still `opening` after OPENING_GRACE_MS, is free to take.
 *
 * Locks are per subscription, so requests for different subscriptions never contend; a lock is taken with
 * create-if-absent, or with compare-and-swap when it exists but is free. Locks are released by compare-and-swap
 * (never deleted), so a release can never remove a lock another request took meanwhile.
 */
import { isOpenStatus } from './stateMachine';
import { isConcurrencyConflict, type KeyValueStore, type StoreItem } from '../keyValueStore';
import type { ApprovalRequest } from './types';
import { upgradeStoredPlan } from './storedPlan';

const REQUEST_KEY_PREFIX = 'defender/requests/';
const LOCK_KEY_PREFIX = 'defender/open/';
/** The single index document of earlier versions; its open entries become locks once, at initialise(). */
const LEGACY_INDEX_KEY = 'defender/open-requests';
/** How long a request may stay `opening` after taking its lock before the lock counts as abandoned (a crash mid-creation). */
export const OPENING_GRACE_MS = 60_000;
/** Attempts at one lock before answering "busy"; with the backoff below, about a second in all. */
const MAX_LOCK_ATTEMPTS = 8;

interface LockDocument {
  subscriptionId: string;
  /** The request holding the subscription open; null when free. */
  requestId: string | null;
  changedAt: string;
}

/** A request document as stored, with the creation mark. */
type StoredRequest = ApprovalRequest & { opening?: boolean };

export type ClaimResult = { kind: 'claimed' } | { kind: 'blocked'; holder: ApprovalRequest } | { kind: 'busy' };

export class StoreContentionError extends Error {
  override readonly name = 'StoreContentionError';
  readonly code = 'StoreContention';
}

export class DuplicateRequestIdError extends Error {
  override readonly name = 'DuplicateRequestIdError';
  readonly code = 'DuplicateRequestId';
}

export class StoreMisconfiguredError extends Error {
  override readonly name = 'StoreMisconfiguredError';
  readonly code = 'StoreMisconfigured';
}

export interface RequestRepositoryOptions {
  /** Time source for lock stamps and the opening grace; default the system clock. */
  now?: () => Date;
  /** Waits between lock attempts (tests pass a no-op); default setTimeout. */
  sleep?: (ms: number) => Promise<void>;
}

const lockKey = (subscriptionId: string) => LOCK_KEY_PREFIX + subscriptionId.toLowerCase();
const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class RequestRepository {
  private readonly now: () => Date;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly store: KeyValueStore, options: RequestRepositoryOptions = {}) {
    this.now = options.now ?? (() => new Date());
    this.sleep = options.sleep ?? defaultSleep;
  }

  /** Turns the open entries of an earlier version's single index into per-subscription locks. Safe to repeat. */
  async initialise(): Promise<void> {
    const legacy = (await this.store.read([LEGACY_INDEX_KEY]))[LEGACY_INDEX_KEY] as { open?: Record<string, string> } | undefined;
    for (const [subscriptionId, requestId] of Object.entries(legacy?.open ?? {})) {
      await this.store.createIfAbsent(lockKey(subscriptionId), { subscriptionId, requestId, changedAt: this.now().toISOString() });
    }
  }

  /** A request that exists (fully opened), or undefined. */
  async get(id: string): Promise<ApprovalRequest | undefined> {
    const stored = await this.readStored(id);
    return stored && !stored.opening ? stored : undefined;
  }

  async getMany(ids: string[]): Promise<ApprovalRequest[]> {
    if (ids.length === 0) return [];
    const items = await this.store.read(ids.map((id) => REQUEST_KEY_PREFIX + id));
    return ids
      .map((id) => fromItem(items[REQUEST_KEY_PREFIX + id]))
      .filter((item): item is StoredRequest => item !== undefined && !item.opening);
  }

  /** Step 1 of creation: the document, marked `opening` (invisible to get()). An id already taken is refused. */
  async create(request: ApprovalRequest): Promise<void> {
    const created = await this.store.createIfAbsent(REQUEST_KEY_PREFIX + request.id, toItem({ ...request, opening: true }));
    if (!created) {
      throw new DuplicateRequestIdError(`DuplicateRequestId: ${request.id} already exists; the id generator must produce unique ids (use createRequestIdGenerator()).`);
    }
  }

  /** Step 3 of creation: the request exists from now on. */
  async markOpened(request: ApprovalRequest): Promise<ApprovalRequest> {
    const stored = await this.readStored(request.id);
    if (!stored?.eTag) throw new StoreContentionError(`StoreContention: request ${request.id} vanished while it was being opened; try again.`);
    const { opening: _opening, ...opened } = stored;
    if (!(await this.compareAndSwap(opened, stored.eTag))) {
      throw new StoreContentionError(`StoreContention: request ${request.id} changed while it was being opened; try again.`);
    }
    return opened;
  }

  /** Removes a request that never came to exist (creation was undone). */
  async discard(id: string): Promise<void> {
    await this.store.delete([REQUEST_KEY_PREFIX + id]);
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

  /**
   * Step 2 of creation: takes the lock of each of the request's subscriptions, in sorted order. An open holder blocks
   * unless `stillBlocks` says otherwise (the service expires a holder whose time ran out). On `blocked` or `busy`
   * every lock taken so far is released again.
   */
  async claimOpen(request: ApprovalRequest, stillBlocks: (holder: ApprovalRequest) => Promise<boolean>): Promise<ClaimResult> {
    const taken: string[] = [];
    for (const subscriptionId of [...request.subscriptionIds].sort()) {
      const result = await this.takeLock(subscriptionId, request.id, stillBlocks);
      if (result.kind !== 'claimed') {
        for (const held of taken) await this.freeLock(held, request.id);
        return result;
      }
      taken.push(subscriptionId);
    }
    return { kind: 'claimed' };
  }

  /** Frees the subscriptions a request held. A lock another request holds now is left alone. */
  async releaseOpen(request: Pick<ApprovalRequest, 'id' | 'subscriptionIds'>): Promise<void> {
    for (const subscriptionId of request.subscriptionIds) await this.freeLock(subscriptionId, request.id);
  }

  /** Whether `request` holds the lock of every one of its subscriptions: an approval needs that. */
  async holdsOpen(request: Pick<ApprovalRequest, 'id' | 'subscriptionIds'>): Promise<boolean> {
    const keys = request.subscriptionIds.map(lockKey);
    const locks = await this.store.read(keys);
    return keys.every((key) => (locks[key] as unknown as LockDocument | undefined)?.requestId === request.id);
  }

  /** Requests in pending, approved or executing: the holders of the locks. */
  async listOpen(): Promise<ApprovalRequest[]> {
    const keys = await this.store.listKeys(LOCK_KEY_PREFIX);
    if (keys.length === 0) return [];
    const locks = Object.values(await this.store.read(keys)) as unknown as LockDocument[];
    const holders = [...new Set(locks.map((lock) => lock.requestId).filter((id): id is string => typeof id === 'string'))];
    return (await this.getMany(holders)).filter((request) => isOpenStatus(request.status));
  }

  async openBySubscription(subscriptionId: string): Promise<ApprovalRequest | undefined> {
    const lock = await this.readLock(subscriptionId);
    const holder = lock?.requestId ? await this.get(lock.requestId) : undefined;
    return holder && isOpenStatus(holder.status) ? holder : undefined;
  }

  private async takeLock(subscriptionId: string, requestId: string, stillBlocks: (holder: ApprovalRequest) => Promise<boolean>): Promise<ClaimResult> {
    const key = lockKey(subscriptionId);
    const mine: LockDocument = { subscriptionId: subscriptionId.toLowerCase(), requestId, changedAt: this.now().toISOString() };
    for (let attempt = 0; attempt < MAX_LOCK_ATTEMPTS; attempt++) {
      if (attempt > 0) await this.sleep(backoffMs(attempt));
      if (await this.store.createIfAbsent(key, { ...mine })) return { kind: 'claimed' };
      const lock = await this.readLock(subscriptionId);
      if (!lock) continue; // created and gone between our two calls: try again
      if (lock.requestId && lock.requestId !== requestId) {
        const holder = await this.readStored(lock.requestId);
        // Being opened right now: wait for it, then it blocks (or, if its creation was undone, the lock is free).
        if (holder?.opening && this.now().getTime() - Date.parse(lock.changedAt) < OPENING_GRACE_MS) continue;
        if (holder && !holder.opening && isOpenStatus(holder.status) && (await stillBlocks(holder))) return { kind: 'blocked', holder };
      }
      if (await this.writeLock(key, mine, lock.eTag)) return { kind: 'claimed' };
    }
    return { kind: 'busy' };
  }

  private async freeLock(subscriptionId: string, requestId: string): Promise<void> {
    const key = lockKey(subscriptionId);
    for (let attempt = 0; attempt < MAX_LOCK_ATTEMPTS; attempt++) {
      if (attempt > 0) await this.sleep(backoffMs(attempt));
      const lock = await this.readLock(subscriptionId);
      if (!lock || lock.requestId !== requestId) return;
      if (await this.writeLock(key, { ...lock, requestId: null, changedAt: this.now().toISOString() }, lock.eTag)) return;
    }
    throw new StoreContentionError(`StoreContention: the lock of subscription ${subscriptionId} kept changing while request ${requestId} released it; it is freed when the next request finds ${requestId} finished.`);
  }

  private async writeLock(key: string, lock: LockDocument, eTag: string | undefined): Promise<boolean> {
    if (!eTag) throw new StoreMisconfiguredError(`StoreMisconfigured: the store returned "${key}" without an eTag, so compare-and-swap is impossible; use a store that honours eTags.`);
    const { subscriptionId, requestId, changedAt } = lock;
    try {
      await this.store.write({ [key]: { subscriptionId, requestId, changedAt, eTag } });
      return true;
    } catch (error) {
      if (isConcurrencyConflict(error)) return false;
      throw error;
    }
  }

  private async readLock(subscriptionId: string): Promise<(LockDocument & { eTag?: string }) | undefined> {
    const key = lockKey(subscriptionId);
    return (await this.store.read([key]))[key] as unknown as (LockDocument & { eTag?: string }) | undefined;
  }

  private async readStored(id: string): Promise<StoredRequest | undefined> {
    const key = REQUEST_KEY_PREFIX + id;
    return fromItem((await this.store.read([key]))[key]);
  }
}

/** 10, 20, 40, … ms (capped at 320) plus up to as much again at random, so racing claimers spread out. */
function backoffMs(attempt: number): number {
  const base = Math.min(320, 10 * 2 ** (attempt - 1));
  return base + Math.floor(Math.random() * base);
}

/** A stored document as a request of today's shape (see storedPlan.ts). */
function fromItem(item: StoreItem | undefined): StoredRequest | undefined {
  if (!item) return undefined;
  const stored = item as unknown as StoredRequest;
  return { ...stored, plan: upgradeStoredPlan(stored.plan) };
}

function toItem(request: StoredRequest, eTag?: string): StoreItem {
  const { eTag: _readETag, ...persisted } = request;
  return eTag ? { ...persisted, eTag } : { ...persisted };
}
