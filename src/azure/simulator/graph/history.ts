/**
 * What Resource Graph has seen, for `faults.graphLagMs`: before each write through the ARM routes, the subscription's
 * record is copied, stamped with the write's time. A query at time T sees, per subscription, the newest state that
 * was already in place at T − lag. Direct changes to SimulatorState in tests bypass this and show at once.
 */
import type { SubscriptionRecord } from '../state';

interface Version {
  record: SubscriptionRecord;
  /** When a write replaced this state. */
  replacedAtMs: number;
}

export class GraphHistory {
  private readonly versions = new Map<string, Version[]>();

  /** Call just before a write to `record`; with no lag there is nothing to keep. */
  beforeWrite(record: SubscriptionRecord, nowMs: number, lagMs: number): void {
    if (lagMs <= 0) return;
    const key = record.subscriptionId.toLowerCase();
    // States replaced longer than one lag ago can never be seen again.
    const kept = (this.versions.get(key) ?? []).filter((version) => version.replacedAtMs > nowMs - lagMs);
    kept.push({ record: structuredClone(record), replacedAtMs: nowMs });
    this.versions.set(key, kept);
  }

  /** The state of the subscription as Resource Graph sees it at `asOfMs` (now − lag). */
  asOf(current: SubscriptionRecord, asOfMs: number): SubscriptionRecord {
    const seen = this.versions.get(current.subscriptionId.toLowerCase())?.find((version) => version.replacedAtMs > asOfMs);
    return seen?.record ?? current;
  }
}
