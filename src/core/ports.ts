/**
 * The ports the core talks through. Adapters live in src/azure, src/storage and src/bot;
 * tests wire the real ARM simulator and real file storage through the same interfaces.
 */
import type { DefenderSettings, Subscription, SubscriptionResolution, SubscriptionStatus } from './defender';
import type { ApiManagementInventory, ApiManagementServiceRef, FleetApiAlerts, FleetView, ServiceApis } from './fleet';
import type { TargetPlan } from './plan';
import type { TargetOutcome } from './outcome';
import type { AlertRef, ApiAlert, ApiPosture, SettableAlertStatus, SubscriptionApiAlerts } from './monitoring';

export interface OperationOptions {
  abortSignal?: AbortSignal;
}

export interface ListFleetOptions extends OperationOptions {
  /** Subscriptions read at once when reading one by one (the fallback without Resource Graph); default from configuration (16). */
  concurrency?: number;
}

export interface ListApiAlertsOptions extends OperationOptions {
  /** Oldest alert to include; default API_ALERT_WINDOW_IN_MS (7 days) before now. */
  since?: Date;
}

/** Everything the core needs from Azure Resource Manager. Implemented by src/azure/defenderClient.ts. */
export interface DefenderGateway {
  listSubscriptions(options?: OperationOptions): Promise<Subscription[]>;
  /** Loads what resolving a subscription needs before the first command asks (called at start-up). */
  warmUp(options?: OperationOptions): Promise<void>;
  /** "sub X": a GUID or a display name, case-insensitive. */
  resolveSubscription(query: string, options?: OperationOptions): Promise<SubscriptionResolution>;
  getStatus(subscriptionId: string, options?: OperationOptions): Promise<SubscriptionStatus>;
  /** Both pricings in one call (`$filter=name in (Api,CloudPosture)`). */
  readSettings(subscriptionId: string, options?: OperationOptions): Promise<DefenderSettings>;
  /**
   * Every visible subscription's settings, for views and plans only (a write re-reads its own subscription first):
   * from Azure Resource Graph (may lag), with the bot's own recent writes laid over it; or, when Graph cannot be used,
   * one ARM read per subscription, where one failing subscription does not fail the rest. `source` says which.
   */
  listFleet(options?: ListFleetOptions): Promise<FleetView>;
  /** Every API Management service and its APIs onboarded to Defender for APIs, fleet-wide (same sources as listFleet). */
  listApiManagementInventory(options?: ListFleetOptions): Promise<ApiManagementInventory>;
  /**
   * Writes one target's plan on top of `current` (read just before: the full extension list is merged from it),
   * with both PUTs concurrently, then reads back and reports each setting.
   */
  applyTarget(target: TargetPlan, current: DefenderSettings, options?: OperationOptions): Promise<TargetOutcome>;
  /** Defender for APIs alerts (alertType `API_…`) of the last 7 days unless `since` says otherwise, newest first. */
  listApiAlerts(subscriptionId: string, options?: ListApiAlertsOptions): Promise<ApiAlert[]>;
  /** listApiAlerts on every visible subscription, with bounded concurrency; one failing does not fail the rest. */
  listFleetApiAlerts(options?: ListApiAlertsOptions & ListFleetOptions): Promise<SubscriptionApiAlerts[]>;
  /**
   * The open Defender for APIs alerts of every visible subscription, for the watch: from Resource Graph (one query),
   * or the alerts API of each subscription for the last 7 days (unless `since` says otherwise) when Graph is unusable.
   */
  listFleetOpenApiAlerts(options?: ListApiAlertsOptions & ListFleetOptions): Promise<FleetApiAlerts>;
  /** The APIs of each service (one ARM call each: Resource Graph does not index APIs); a failing one does not fail the rest. */
  listApiManagementApis(services: readonly ApiManagementServiceRef[], options?: ListFleetOptions): Promise<ServiceApis[]>;
  /** Take it (`InProgress`) or Resolve one alert; the only write the monitoring features make. */
  setAlertStatus(subscriptionId: string, alert: AlertRef, status: SettableAlertStatus, options?: OperationOptions): Promise<void>;
  /** The plans, the onboarded APIs with their posture counts, and the API Management APIs not onboarded. */
  getApiPosture(subscriptionId: string, options?: OperationOptions): Promise<ApiPosture>;
  /** Cheap reachability check for /readyz. */
  ping(options?: OperationOptions): Promise<void>;
}

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export interface IdGenerator {
  newId(): string;
}
