/**
 * What the watch tells the approvers' channel, as plain data: coverage lost on a subscription, a new API that is not
 * onboarded, a new Defender for APIs alert. Each finding has a key that names the change it reports, so it is posted
 * once however many scans, restarts and instances see it. Plus the two posting rules: severity and the digest.
 */
import { createHash } from 'node:crypto';
import type { Person } from '../approval';
import { ALERT_SEVERITIES, type AlertSeverity, type ApiAlert } from '../monitoring';

/** A subscription's coverage as the watch remembers it between scans. */
export interface CoverageState {
  subscriptionName: string;
  apiTier: 'Free' | 'Standard';
  apiSubPlan?: string;
  cspmTier: 'Free' | 'Standard';
  apiPosture: boolean;
}

/** One setting that went down, in words for the card ("Defender for APIs", "Standard (P2)", "Free"). */
export interface CoverageDrop {
  setting: 'defenderForApis' | 'cspmPlan' | 'apiPosture';
  label: string;
  before: string;
  after: string;
}

export interface WatchedApi {
  resourceGroup: string;
  serviceName: string;
  apiId: string;
  displayName: string;
}

export type WatchFinding =
  | { kind: 'coverage-lost'; key: string; subscriptionId: string; subscriptionName: string; drops: CoverageDrop[]; before: CoverageState; after: CoverageState }
  | { kind: 'new-api'; key: string; subscriptionId: string; subscriptionName: string; api: WatchedApi }
  | { kind: 'new-alert'; key: string; subscriptionId: string; subscriptionName: string; alert: ApiAlert };

/** Take it or Resolve, as the card shows it: who, what, when. */
export interface AlertAction {
  status: 'InProgress' | 'Resolved';
  by: Person;
  at: string;
}

/** Posting one card per finding is useful up to here; past it, one digest card says what the scan found. */
export const DIGEST_THRESHOLD = 10;

export type DeliveryPlan<T> = { kind: 'cards'; findings: T[] } | { kind: 'digest'; findings: T[] };

/** More than DIGEST_THRESHOLD findings at once become one digest card, not a flood. */
export function planDelivery<T>(findings: T[]): DeliveryPlan<T> {
  return findings.length > DIGEST_THRESHOLD ? { kind: 'digest', findings } : { kind: 'cards', findings };
}

/** High = 0 … Informational = 3; a severity ARM adds later ranks below Informational. */
function severityRank(severity: string): number {
  const rank = (ALERT_SEVERITIES as readonly string[]).indexOf(severity);
  return rank === -1 ? ALERT_SEVERITIES.length : rank;
}

export function meetsMinSeverity(severity: string, minSeverity: AlertSeverity): boolean {
  return severityRank(severity) <= severityRank(minSeverity);
}

/** The id a card carries for its finding: a hash of the key, so card data names no Azure resource by itself. */
export function findingIdOf(key: string): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 40);
}

export const FINDING_ID_PATTERN = /^[0-9a-f]{40}$/;

export const apiKeyOf = (subscriptionId: string, api: Pick<WatchedApi, 'resourceGroup' | 'serviceName' | 'apiId'>) =>
  `${subscriptionId}/${api.resourceGroup}/${api.serviceName}/${api.apiId}`.toLowerCase();

export const alertKeyOf = (alert: Pick<ApiAlert, 'subscriptionId' | 'ref'>) =>
  `${alert.subscriptionId}/${alert.ref.resourceGroup ?? ''}/${alert.ref.location}/${alert.ref.name}`.toLowerCase();

/** Who may take or resolve an alert: the approvers (at the time of the click) and DEFENDER_RESPONDERS. */
export function mayRespondToAlerts(personId: string, who: { approvers: readonly string[]; responders: readonly string[] }): boolean {
  const id = personId.toLowerCase();
  return who.approvers.includes(id) || who.responders.includes(id);
}
