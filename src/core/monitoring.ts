/**
 * Validating monitoring, as plain data: Defender for APIs alerts and the API posture of a subscription's
 * API Management APIs. Nothing here knows about ARM; src/azure maps the alerts and API collections onto these.
 */
import type { DefenderSettings, Subscription } from './defender';

/** The prefix of every alert in Microsoft's "Alerts for Defender for APIs" reference (API_SpikeInAPITraffic, ...). */
export const API_ALERT_TYPE_PREFIX = 'API_';
/** `alerts` and the status line look this far back. */
export const API_ALERT_WINDOW_IN_MS = 7 * 24 * 3600 * 1000;

/** Most severe first. ARM models severity as an open string; anything else sorts after these. */
export const ALERT_SEVERITIES = ['High', 'Medium', 'Low', 'Informational'] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];
export type AlertStatus = 'Active' | 'InProgress' | 'Resolved' | 'Dismissed';
/** The only statuses the bot ever sets (Take it / Resolve); hiding an alert (Dismiss) is left to the portal. */
export type SettableAlertStatus = 'InProgress' | 'Resolved';

/** Where an alert lives in ARM (`.../locations/{location}/alerts/{name}`): enough to read it or change its status. */
export interface AlertRef {
  location: string;
  name: string;
  /** Set when ARM filed the alert under a resource group. */
  resourceGroup?: string;
}

export interface ApiAlert {
  subscriptionId: string;
  ref: AlertRef;
  alertType: string;
  /** Untrusted text from Azure (as are compromisedEntity, description and remediationSteps). */
  displayName: string;
  severity: string;
  status: string;
  /** ISO 8601. */
  timeGenerated: string;
  /** The API (or resource) the alert is about. */
  compromisedEntity?: string;
  description?: string;
  remediationSteps: string[];
  /** `alertUri` exactly as ARM sent it; cards decide whether it is safe to link. */
  portalUrl?: string;
}

/** One subscription's alerts, or why they could not be read. */
export interface SubscriptionApiAlerts {
  subscription: Subscription;
  alerts?: ApiAlert[];
  error?: { code: string; message: string };
}

export function isApiAlertType(alertType: string | undefined): boolean {
  return typeof alertType === 'string' && alertType.startsWith(API_ALERT_TYPE_PREFIX);
}

export function isOpenAlert(alert: Pick<ApiAlert, 'status'>): boolean {
  return alert.status === 'Active' || alert.status === 'InProgress';
}

function timeOf(alert: ApiAlert): number {
  const time = Date.parse(alert.timeGenerated);
  return Number.isNaN(time) ? 0 : time;
}

/** Newest first; ties by subscription and name, so pages stay stable across re-reads. */
export function newestFirst(alerts: readonly ApiAlert[]): ApiAlert[] {
  return [...alerts].sort(
    (a, b) => timeOf(b) - timeOf(a) || a.subscriptionId.localeCompare(b.subscriptionId) || a.ref.name.localeCompare(b.ref.name),
  );
}

/** Open alerts per known severity (others are not counted: the status line names the four ARM defines). */
export function countOpenBySeverity(alerts: readonly ApiAlert[]): Record<AlertSeverity, number> {
  const counts: Record<AlertSeverity, number> = { High: 0, Medium: 0, Low: 0, Informational: 0 };
  for (const alert of alerts) {
    if (isOpenAlert(alert) && (ALERT_SEVERITIES as readonly string[]).includes(alert.severity)) counts[alert.severity as AlertSeverity] += 1;
  }
  return counts;
}

/** The status card's alert line: counts, or why they could not be read (which never fails the status). */
export type OpenApiAlertsSummary =
  | { kind: 'counted'; openBySeverity: Record<AlertSeverity, number> }
  | { kind: 'unavailable'; reason: string };

/** An onboarded API (an API collection) and what Defender found on it. Counts are absent until Defender has them. */
export interface ApiCollectionPosture {
  resourceGroup: string;
  serviceName: string;
  apiId: string;
  displayName: string;
  endpoints?: number;
  unauthenticatedEndpoints?: number;
  /** Endpoints that received traffic from the internet. */
  externalEndpoints?: number;
  /** Endpoints without traffic in the last 30 days. */
  inactiveEndpoints?: number;
  sensitiveDataEndpoints?: number;
  /** Highest-priority Microsoft Purview label; untrusted text. */
  sensitivityLabel?: string;
}

/** An API Management API that is not an API collection yet. */
export interface NotOnboardedApi {
  resourceGroup: string;
  serviceName: string;
  apiId: string;
  displayName: string;
  /** False when its service's tier is one Defender for APIs does not support (it cannot be onboarded). */
  skuSupported: boolean;
}

/** `posture <sub>`: the plans that produce posture data, then one entry per API Management API. */
export interface ApiPosture {
  subscription: Subscription;
  settings: DefenderSettings;
  onboarded: ApiCollectionPosture[];
  notOnboarded: NotOnboardedApi[];
}

export interface PostureTotals {
  endpoints: number;
  unauthenticatedEndpoints: number;
  externalEndpoints: number;
  inactiveEndpoints: number;
  sensitiveDataEndpoints: number;
}

export function postureTotals(onboarded: readonly ApiCollectionPosture[]): PostureTotals {
  const sum = (pick: (api: ApiCollectionPosture) => number | undefined) => onboarded.reduce((total, api) => total + (pick(api) ?? 0), 0);
  return {
    endpoints: sum((api) => api.endpoints),
    unauthenticatedEndpoints: sum((api) => api.unauthenticatedEndpoints),
    externalEndpoints: sum((api) => api.externalEndpoints),
    inactiveEndpoints: sum((api) => api.inactiveEndpoints),
    sensitiveDataEndpoints: sum((api) => api.sensitiveDataEndpoints),
  };
}
