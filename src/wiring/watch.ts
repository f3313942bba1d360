/**
 * The watch's parts, built from what wireBotDeps already has: its memory and its lease in the shared store, its cards
 * in the approvers' channel, and the scanning service over the gateway. The timer is started by the composition root.
 */
import { randomUUID } from 'node:crypto';
import type { WatchSettings } from '../config/watchSettings';
import type { KeyValueStore } from '../core/keyValueStore';
import type { Clock, DefenderGateway } from '../core/ports';
import { WatchService } from '../core/watch/watchService';
import type { Logger } from '../logging';
import type { ApprovalChannel } from '../bot/delivery/approvalChannel';
import type { ConnectorRetryOptions } from '../bot/delivery/connectorRetry';
import type { WatchDeps } from '../bot/deps';
import type { ProactiveChannel } from '../bot/host/detachedTurn';
import { WatchChannel } from '../bot/watch/watchChannel';
import { StoreLease } from '../storage/storeLease';
import { StoreWatchMemory } from '../storage/watchMemory';

export const WATCH_LEASE_KEY = 'defender/watch/lease';
/** Used for the lease when the timer is off (scans started by hand, e.g. tests). */
const DEFAULT_LEASE_INTERVAL_MS = 15 * 60_000;

/** Long enough that the holder renews it at its next scan; a holder that died frees it after this. */
export function watchLeaseTtlMs(intervalMs: number | undefined): number {
  return 2 * (intervalMs ?? DEFAULT_LEASE_INTERVAL_MS) + 60_000;
}

export const DEFAULT_WATCH_SETTINGS: WatchSettings = { minSeverity: 'Medium', responders: [] };

export interface WatchWiring {
  store: KeyValueStore;
  gateway: DefenderGateway;
  clock: Clock;
  logger: Logger;
  proactive: ProactiveChannel;
  approvalChannel?: ApprovalChannel;
  settings?: WatchSettings;
  connectorRetry?: ConnectorRetryOptions;
  /** Who holds the lease; default a fresh id per process (tests name two instances). */
  instanceId?: string;
}

export function wireWatch(wiring: WatchWiring): WatchDeps {
  const settings = wiring.settings ?? DEFAULT_WATCH_SETTINGS;
  const memory = new StoreWatchMemory(wiring.store, wiring.clock);
  const channel = new WatchChannel({ approvalChannel: wiring.approvalChannel, proactive: wiring.proactive, memory, logger: wiring.logger, ...(wiring.connectorRetry ? { retry: wiring.connectorRetry } : {}) });
  const lease = new StoreLease(wiring.store, { key: WATCH_LEASE_KEY, holder: wiring.instanceId ?? randomUUID(), ttlMs: watchLeaseTtlMs(settings.intervalMs), clock: wiring.clock });
  const service = new WatchService({ gateway: wiring.gateway, lease, memory, channel, clock: wiring.clock, ids: { newId: () => randomUUID() }, minSeverity: settings.minSeverity });
  return { service, lease, memory, channel, settings, responders: settings.responders };
}
