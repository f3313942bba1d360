/**
 * The watch's memory in the shared store (so it holds across restarts and instances):
 *   `defender/watch/snapshot`           the last scan's snapshot, replaced with compare-and-swap.
 *   `defender/watch/findings/<id>`      one document per finding, created once (create-if-absent decides "once"),
 *                                       then updated with where it was posted and each Take it / Resolve.
 *   `defender/watch/pending/<id>`       a marker while a finding waits to be posted, so a scan lists only those.
 */
import { StoreContentionError } from '../core/approval';
import { isConcurrencyConflict, type KeyValueStore, type StoreItem } from '../core/keyValueStore';
import type { Clock } from '../core/ports';
import { findingIdOf, type AlertAction, type WatchFinding } from '../core/watch/findings';
import type { StoredFinding, WatchMemory } from '../core/watch/ports';
import type { WatchSnapshot } from '../core/watch/snapshot';

const SNAPSHOT_KEY = 'defender/watch/snapshot';
const FINDING_PREFIX = 'defender/watch/findings/';
const PENDING_PREFIX = 'defender/watch/pending/';
const MAX_ATTEMPTS = 20;
/** Old findings are looked for at most this often: it reads every finding. */
const FORGET_EVERY_MS = 3600_000;

type StoredItem = StoredFinding & { eTag?: string };

export class StoreWatchMemory implements WatchMemory {
  private lastForgetMs = Number.NEGATIVE_INFINITY;

  constructor(private readonly store: KeyValueStore, private readonly clock: Clock) {}

  async readSnapshot(): Promise<{ snapshot: WatchSnapshot; eTag: string } | undefined> {
    const item = (await this.store.read([SNAPSHOT_KEY]))[SNAPSHOT_KEY] as { snapshot?: WatchSnapshot; eTag?: string } | undefined;
    return item?.snapshot && item.eTag ? { snapshot: item.snapshot, eTag: item.eTag } : undefined;
  }

  async writeSnapshot(snapshot: WatchSnapshot, eTag?: string): Promise<boolean> {
    if (!eTag) return this.store.createIfAbsent(SNAPSHOT_KEY, { snapshot } as unknown as StoreItem);
    try {
      await this.store.write({ [SNAPSHOT_KEY]: { snapshot, eTag } as unknown as StoreItem });
      return true;
    } catch (error) {
      if (isConcurrencyConflict(error)) return false;
      throw error;
    }
  }

  async queue(finding: WatchFinding, at: Date): Promise<boolean> {
    const id = findingIdOf(finding.key);
    const stored: StoredFinding = { id, finding, queuedAt: at.toISOString() };
    if (!(await this.store.createIfAbsent(FINDING_PREFIX + id, stored as unknown as StoreItem))) {
      // Queued before. A crash between the two writes left it without its marker, never to be posted; the scan after
      // the crash finds it again (the snapshot is written after queueing), and puts the marker back here.
      const earlier = await this.get(id);
      if (earlier && !earlier.delivered) await this.store.createIfAbsent(PENDING_PREFIX + id, { queuedAt: earlier.queuedAt });
      return false;
    }
    await this.store.createIfAbsent(PENDING_PREFIX + id, { queuedAt: stored.queuedAt });
    return true;
  }

  async pending(): Promise<StoredFinding[]> {
    const ids = (await this.store.listKeys(PENDING_PREFIX)).map((key) => key.slice(PENDING_PREFIX.length));
    if (ids.length === 0) return [];
    const items = await this.store.read(ids.map((id) => FINDING_PREFIX + id));
    const found: StoredFinding[] = [];
    const done: string[] = [];
    for (const id of ids) {
      const item = items[FINDING_PREFIX + id] as unknown as StoredItem | undefined;
      if (item && !item.delivered) found.push(withoutETag(item));
      else done.push(PENDING_PREFIX + id);
    }
    if (done.length) await this.store.delete(done);
    return found.sort((a, b) => a.queuedAt.localeCompare(b.queuedAt) || a.id.localeCompare(b.id));
  }

  async get(id: string): Promise<StoredFinding | undefined> {
    const item = (await this.store.read([FINDING_PREFIX + id]))[FINDING_PREFIX + id] as unknown as StoredItem | undefined;
    return item && withoutETag(item);
  }

  async markDelivered(id: string, delivered: NonNullable<StoredFinding['delivered']>): Promise<void> {
    await this.update(id, (stored) => ({ ...stored, delivered }));
    await this.store.delete([PENDING_PREFIX + id]);
  }

  async abandon(id: string): Promise<void> {
    await this.store.delete([PENDING_PREFIX + id]);
  }

  recordAction(id: string, action: AlertAction): Promise<StoredFinding> {
    return this.update(id, (stored) => ({ ...stored, actions: [...(stored.actions ?? []), action] }));
  }

  async forgetBefore(cutoff: Date): Promise<number> {
    const nowMs = this.clock.now().getTime();
    if (nowMs - this.lastForgetMs < FORGET_EVERY_MS) return 0;
    this.lastForgetMs = nowMs;
    const keys = await this.store.listKeys(FINDING_PREFIX);
    if (keys.length === 0) return 0;
    const items = await this.store.read(keys);
    const old = keys.filter((key) => {
      const item = items[key] as unknown as StoredItem | undefined;
      return item !== undefined && Date.parse(item.queuedAt) < cutoff.getTime();
    });
    if (old.length) await this.store.delete([...old, ...old.map((key) => PENDING_PREFIX + key.slice(FINDING_PREFIX.length))]);
    return old.length;
  }

  /** Read-modify-write with the eTag, retried on conflict (two clicks on one alert card at once). */
  private async update(id: string, change: (stored: StoredFinding) => StoredFinding): Promise<StoredFinding> {
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const item = (await this.store.read([FINDING_PREFIX + id]))[FINDING_PREFIX + id] as unknown as StoredItem | undefined;
      if (!item?.eTag) throw new StoreContentionError(`StoreContention: watch finding ${id} is not in the store (forgotten after 30 days?); nothing was recorded.`);
      const next = change(withoutETag(item));
      try {
        await this.store.write({ [FINDING_PREFIX + id]: { ...next, eTag: item.eTag } as unknown as StoreItem });
        return next;
      } catch (error) {
        if (!isConcurrencyConflict(error)) throw error;
      }
    }
    throw new StoreContentionError(`StoreContention: watch finding ${id} kept changing during ${MAX_ATTEMPTS} attempts; try again.`);
  }
}

function withoutETag(item: StoredItem): StoredFinding {
  const { eTag: _eTag, ...stored } = item;
  return stored;
}
