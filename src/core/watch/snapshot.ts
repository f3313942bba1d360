/**
 * What one scan saw, kept between scans: each subscription's coverage, the APIs of covered subscriptions and the
 * open API alerts. Whatever a scan could not read keeps its last known value, so a read failure never looks like a
 * change (nor hides one for good: the next scan that reads it compares with what was last seen).
 */
import { isApiPostureOn, type DefenderSettings } from '../defender';
import type { ApiManagementInventory, FleetApiAlerts, FleetView, ServiceApis } from '../fleet';
import { API_ALERT_WINDOW_IN_MS, isApiAlertType, isOpenAlert, type ApiAlert } from '../monitoring';
import { alertKeyOf, apiKeyOf, type CoverageState, type WatchedApi } from './findings';

export interface WatchSnapshot {
  /** Unique per scan: a coverage finding is keyed by the scan it was measured against. */
  scanId: string;
  takenAt: string;
  /** Lower-cased subscription id → coverage. */
  coverage: Record<string, CoverageState>;
  /** Per covered subscription, every API key on services of supported tiers. Absent: no list yet (its baseline is next). */
  apis: Record<string, string[]>;
  /** Per subscription whose alerts were read at least once, the keys of its open API alerts. */
  alerts: Record<string, string[]>;
}

/** Everything a scan read; a part that could not be read is undefined (or a service with an error). */
export interface WatchReads {
  fleet: FleetView;
  inventory?: ApiManagementInventory;
  serviceApis: ServiceApis[];
  alerts?: FleetApiAlerts;
}

/** An API seen in this scan, with whether it is an API collection already. */
export interface ObservedApi extends WatchedApi {
  subscriptionId: string;
  key: string;
  onboarded: boolean;
}

/** This scan's view, beside the snapshot it becomes: the details findings are written from. */
export interface Observation {
  snapshot: WatchSnapshot;
  apis: Map<string, ObservedApi[]>;
  alerts: Map<string, ApiAlert[]>;
}

export function coverageStateOf(subscriptionName: string, settings: DefenderSettings): CoverageState {
  return {
    subscriptionName,
    apiTier: settings.api.pricingTier,
    ...(settings.api.pricingTier === 'Standard' && settings.api.subPlan ? { apiSubPlan: settings.api.subPlan } : {}),
    cspmTier: settings.cspm.pricingTier,
    apiPosture: isApiPostureOn(settings.cspm),
  };
}

export function isCovered(state: CoverageState | undefined): boolean {
  return state?.apiTier === 'Standard' && state.cspmTier === 'Standard' && state.apiPosture;
}

function coverageOf(fleet: FleetView, previous: WatchSnapshot | undefined): Record<string, CoverageState> {
  const coverage: Record<string, CoverageState> = {};
  for (const row of fleet.rows) {
    const id = row.subscription.subscriptionId.toLowerCase();
    const known = row.settings ? coverageStateOf(row.subscription.displayName, row.settings) : previous?.coverage[id];
    if (known) coverage[id] = known;
  }
  return coverage;
}

/** The APIs of covered subscriptions, per subscription, where every one of its listed services could be read. */
function observedApis(reads: WatchReads, coverage: Record<string, CoverageState>): Map<string, ObservedApi[]> | undefined {
  if (!reads.inventory) return undefined;
  const onboarded = new Map(reads.inventory.services.map((service) => [`${service.subscriptionId}/${service.resourceGroup}/${service.name}`.toLowerCase(), new Set(service.onboardedApis)]));
  const bySubscription = new Map<string, ObservedApi[]>();
  const failed = new Set<string>();
  for (const { service, apis, error } of reads.serviceApis) {
    const subscriptionId = service.subscriptionId.toLowerCase();
    if (!isCovered(coverage[subscriptionId])) continue;
    if (error || !apis) {
      failed.add(subscriptionId);
      continue;
    }
    const collections = onboarded.get(`${subscriptionId}/${service.resourceGroup}/${service.name}`.toLowerCase()) ?? new Set<string>();
    const seen = apis.map((api): ObservedApi => {
      const watched = { resourceGroup: service.resourceGroup, serviceName: service.name, apiId: api.name, displayName: api.displayName };
      return { ...watched, subscriptionId, key: apiKeyOf(subscriptionId, watched), onboarded: collections.has(api.name.toLowerCase()) };
    });
    bySubscription.set(subscriptionId, [...(bySubscription.get(subscriptionId) ?? []), ...seen]);
  }
  // A covered subscription with no supported service has an empty list: that is a fact, not a failure.
  for (const id of Object.keys(coverage)) if (isCovered(coverage[id]) && !bySubscription.has(id)) bySubscription.set(id, []);
  for (const id of failed) bySubscription.delete(id);
  return bySubscription;
}

/** Open API alerts of the last 7 days per subscription read; Resource Graph answers for every subscription at once. */
function observedAlerts(reads: WatchReads, now: Date): Map<string, ApiAlert[]> | undefined {
  if (!reads.alerts) return undefined;
  const sinceMs = now.getTime() - API_ALERT_WINDOW_IN_MS;
  const unreadable = new Set(reads.alerts.unreadable.map((entry) => entry.subscriptionId.toLowerCase()));
  const bySubscription = new Map<string, ApiAlert[]>();
  for (const row of reads.fleet.rows) {
    const id = row.subscription.subscriptionId.toLowerCase();
    if (!unreadable.has(id)) bySubscription.set(id, []);
  }
  for (const alert of reads.alerts.alerts) {
    const list = bySubscription.get(alert.subscriptionId.toLowerCase());
    // Only Defender for APIs alerts (API_…), however the source filtered: a VM_ alert is never the watch's business.
    if (list && isApiAlertType(alert.alertType) && isOpenAlert(alert) && Date.parse(alert.timeGenerated) >= sinceMs) list.push(alert);
  }
  return bySubscription;
}

export function observe(reads: WatchReads, previous: WatchSnapshot | undefined, scan: { scanId: string; now: Date }): Observation {
  const coverage = coverageOf(reads.fleet, previous);
  const apis = observedApis(reads, coverage) ?? new Map<string, ObservedApi[]>();
  const alerts = observedAlerts(reads, scan.now) ?? new Map<string, ApiAlert[]>();
  const apiLists: Record<string, string[]> = {};
  for (const id of Object.keys(coverage)) {
    if (!isCovered(coverage[id])) continue;
    const seen = apis.get(id);
    const list = seen ? seen.map((api) => api.key) : previous?.apis[id];
    if (list) apiLists[id] = list;
  }
  const alertLists: Record<string, string[]> = {};
  for (const id of Object.keys(coverage)) {
    const seen = alerts.get(id);
    const list = seen ? seen.map(alertKeyOf) : previous?.alerts[id];
    if (list) alertLists[id] = list;
  }
  return { snapshot: { scanId: scan.scanId, takenAt: scan.now.toISOString(), coverage, apis: apiLists, alerts: alertLists }, apis, alerts };
}
