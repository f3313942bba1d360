/**
 * Fleet-wide views: every visible subscription at once. They come from Azure Resource Graph, which lags ARM by
 * seconds to minutes, or (when Resource Graph cannot be used) from one ARM read per subscription. Either way they
 * only inform a person or a plan: every write is decided on a fresh ARM read of its own subscription.
 */
import { isApiPostureOn, isDefenderForApisOn, type ApiManagementApi, type DefenderSettings, type FleetRow } from './defender';
import type { ApiAlert } from './monitoring';

export type FleetSource = 'resource-graph' | 'arm';

export interface FleetView {
  rows: FleetRow[];
  source: FleetSource;
  /** Set when source is 'arm' although Resource Graph was tried: why it could not be used. */
  fallbackReason?: string;
}

/** One API Management service and the APIs onboarded to Defender for APIs on it (from a fleet-wide read). */
export interface ApiManagementInventoryService {
  subscriptionId: string;
  resourceGroup: string;
  name: string;
  sku: string;
  skuSupported: boolean;
  /** APIM API names (lower-cased) that are Defender for APIs API collections. */
  onboardedApis: string[];
}

export interface ApiManagementInventory {
  services: ApiManagementInventoryService[];
  source: FleetSource;
  fallbackReason?: string;
}

/** Open Defender for APIs alerts of every visible subscription (same sources as FleetView). */
export interface FleetApiAlerts {
  /** Alerts with status Active or InProgress. */
  alerts: ApiAlert[];
  /** Subscriptions whose alerts could not be read (reading one by one only: Resource Graph answers for all or none). */
  unreadable: Array<{ subscriptionId: string; error: { code: string; message: string } }>;
  source: FleetSource;
  fallbackReason?: string;
}

/** Where an API Management service is. */
export interface ApiManagementServiceRef {
  subscriptionId: string;
  resourceGroup: string;
  name: string;
}

/** One service's APIs, or why they could not be read. */
export interface ServiceApis {
  service: ApiManagementServiceRef;
  apis?: ApiManagementApi[];
  error?: { code: string; message: string };
}

/** covered: both settings on; partly covered: one of them; off: neither. */
export type Coverage = 'covered' | 'partly-covered' | 'off';

export function coverageOf(settings: DefenderSettings): Coverage {
  const on = [isDefenderForApisOn(settings.api), isApiPostureOn(settings.cspm)].filter(Boolean).length;
  return on === 2 ? 'covered' : on === 1 ? 'partly-covered' : 'off';
}

export interface CoverageCounts {
  covered: number;
  partlyCovered: number;
  off: number;
  /** Rows that could not be read (ARM fallback only). */
  unreadable: number;
}

export function countCoverage(rows: readonly FleetRow[]): CoverageCounts {
  const counts: CoverageCounts = { covered: 0, partlyCovered: 0, off: 0, unreadable: 0 };
  for (const row of rows) {
    if (row.error || !row.settings) counts.unreadable += 1;
    else if (coverageOf(row.settings) === 'covered') counts.covered += 1;
    else if (coverageOf(row.settings) === 'partly-covered') counts.partlyCovered += 1;
    else counts.off += 1;
  }
  return counts;
}
