/**
 * A lease in the shared store, so one instance at a time does a job (the watch scan): taken with create-if-absent,
 * renewed and taken over with compare-and-swap on the eTag, and free once its expiry has passed (a holder that died
 * holds it no longer than that). The holder renews it at every scan, so it keeps it while it lives.
 */
import { StoreMisconfiguredError } from '../core/approval';
import { isConcurrencyConflict, type KeyValueStore } from '../core/keyValueStore';
import type { Clock } from '../core/ports';
import type { WatchLease } from '../core/watch/ports';

export interface StoreLeaseOptions {
  key: string;
  /** Unique per process: who holds it. */
  holder: string;
  /** How long a taken or renewed lease lasts. */
  ttlMs: number;
  clock: Clock;
}

interface LeaseDocument {
  holder: string;
  expiresAt: string;
  eTag?: string;
}

export class StoreLease implements WatchLease {
  constructor(private readonly store: KeyValueStore, private readonly options: StoreLeaseOptions) {}

  async acquire(): Promise<boolean> {
    const { key, holder, ttlMs, clock } = this.options;
    const now = clock.now().getTime();
    const mine = { holder, expiresAt: new Date(now + ttlMs).toISOString() };
    if (await this.store.createIfAbsent(key, { ...mine })) return true;
    const current = await this.read();
    if (!current) return false; // released and deleted between the two calls: the next scan takes it
    if (current.holder !== holder && Date.parse(current.expiresAt) > now) return false;
    return this.replace(current, mine);
  }

  async release(): Promise<void> {
    const current = await this.read();
    if (current?.holder !== this.options.holder) return;
    await this.replace(current, { holder: this.options.holder, expiresAt: new Date(0).toISOString() });
  }

  private async replace(current: LeaseDocument, next: Omit<LeaseDocument, 'eTag'>): Promise<boolean> {
    if (!current.eTag) throw new StoreMisconfiguredError(`StoreMisconfigured: the store returned "${this.options.key}" without an eTag, so compare-and-swap is impossible; use a store that honours eTags.`);
    try {
      await this.store.write({ [this.options.key]: { ...next, eTag: current.eTag } });
      return true;
    } catch (error) {
      if (isConcurrencyConflict(error)) return false; // another instance renewed or took it first
      throw error;
    }
  }

  private async read(): Promise<LeaseDocument | undefined> {
    return (await this.store.read([this.options.key]))[this.options.key] as unknown as LeaseDocument | undefined;
  }
}
