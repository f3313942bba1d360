/**
 * Resource Graph lags ARM, so a `list` right after an approval could show the settings as they were. The bot knows
 * better for the subscriptions it changed itself: it read each one back from ARM right after writing. This ledger
 * keeps those read-backs for a few minutes and lays them over Resource Graph's rows, until Resource Graph agrees
 * (then Graph is at least as fresh, and someone else's later change must show) or the time is up.
 */
import type { DefenderSettings, FleetRow } from '../core/defender';
import { describeApiPlan, describeApiPosture } from '../core/plan';
import type { Clock } from '../core/ports';
import type { ArmCall, ArmResponse } from './armTransport';
import { toDefenderSettings, type ArmPricingList } from './models/pricing';

export const DEFAULT_OWN_WRITE_MEMORY_IN_MS = 5 * 60_000;

const PRICING_PUT = /^\/subscriptions\/([^/]+)\/providers\/Microsoft\.Security\/pricings\/[^/]+$/i;
const PRICINGS_LIST = /^\/subscriptions\/([^/]+)\/providers\/Microsoft\.Security\/pricings$/i;

interface OwnWrite {
  writtenAtMs: number;
  /** The latest ARM read of the subscription's settings since the write (the read-back, or a later read). */
  settings?: DefenderSettings;
}

const sameAs = (a: DefenderSettings, b: DefenderSettings) =>
  describeApiPlan(a) === describeApiPlan(b) && a.cspm.pricingTier === b.cspm.pricingTier && describeApiPosture(a) === describeApiPosture(b);

export class RecentOwnWrites {
  private readonly writes = new Map<string, OwnWrite>();

  constructor(
    private readonly clock: Clock,
    private readonly rememberForMs: number = DEFAULT_OWN_WRITE_MEMORY_IN_MS,
  ) {}

  /** Fed every successful ARM call: a pricing PUT marks its subscription written; later pricing reads of it are kept. */
  observe(call: ArmCall, response: ArmResponse<unknown>): void {
    const path = /^https?:\/\//i.test(call.path) ? new URL(call.path).pathname : call.path;
    const nowMs = this.clock.now().getTime();
    const written = call.method === 'PUT' ? PRICING_PUT.exec(path) : null;
    if (written) {
      const key = decodeURIComponent(written[1]).toLowerCase();
      this.writes.set(key, { ...this.writes.get(key), writtenAtMs: nowMs });
      return;
    }
    const read = call.method === 'GET' ? PRICINGS_LIST.exec(path) : null;
    const own = read && this.fresh(decodeURIComponent(read[1]), nowMs);
    if (read && own) own.settings = toDefenderSettings(decodeURIComponent(read[1]), response.body as ArmPricingList);
  }

  /** Resource Graph's rows with the bot's own recent read-backs in place of what Graph has not caught up with yet. */
  overlay(rows: FleetRow[]): FleetRow[] {
    const nowMs = this.clock.now().getTime();
    return rows.map((row) => {
      const own = this.fresh(row.subscription.subscriptionId, nowMs);
      if (!own?.settings) return row;
      if (row.settings && sameAs(row.settings, own.settings)) {
        this.writes.delete(row.subscription.subscriptionId.toLowerCase());
        return row;
      }
      return { subscription: row.subscription, settings: { ...own.settings, subscriptionId: row.subscription.subscriptionId } };
    });
  }

  private fresh(subscriptionId: string, nowMs: number): OwnWrite | undefined {
    const key = subscriptionId.toLowerCase();
    const own = this.writes.get(key);
    if (own && nowMs - own.writtenAtMs > this.rememberForMs) {
      this.writes.delete(key);
      return undefined;
    }
    return own;
  }
}
