/**
 * The security alerts of each subscription (alerts.json 2022-01-01). The simulator fills what ARM fills: the
 * name (reverse ticks + a GUID, as ARM spells them), the id (under the resource group of the alerted resource
 * when there is one), the type, and defaults for the properties a seed leaves out.
 */
import { createHash } from 'node:crypto';
import type { SeedAlert, SimulatorSeed } from './types';

export const DEFAULT_ALERT_LOCATION = 'westeurope';
export const ALERT_RESOURCE_TYPE = 'Microsoft.Security/Locations/alerts';

export interface AlertRecord {
  name: string;
  location: string;
  /** The resource group ARM files the alert under, from its first AzureResource identifier. */
  resourceGroup?: string;
  /** AlertProperties as ARM returns them; `status` changes in place. */
  properties: Record<string, unknown> & { status: string; timeGeneratedUtc: string };
  /** Epoch ms before which the alert does not exist yet (a seed's appearsAfterSeconds). */
  appearsAtMs?: number;
}

interface SubscriptionAlerts {
  subscriptionId: string;
  canRead: boolean;
  alerts: AlertRecord[];
  added: number;
}

// .NET ticks: alert names start with DateTime.MaxValue.Ticks minus the ticks of the alert's time.
const MAX_TICKS = 3155378975999999999n;
const UNIX_EPOCH_TICKS = 621355968000000000n;

function reverseTicks(time: Date): string {
  return (MAX_TICKS - (UNIX_EPOCH_TICKS + BigInt(time.getTime()) * 10000n)).toString();
}

/** A GUID-shaped id from a hash, so names are stable from run to run. */
function stableGuid(seed: string): string {
  const hex = createHash('sha256').update(seed).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function resourceGroupOf(properties: Record<string, unknown>): string | undefined {
  const identifiers = Array.isArray(properties.resourceIdentifiers) ? (properties.resourceIdentifiers as Array<Record<string, unknown>>) : [];
  const azure = identifiers.find((identifier) => identifier.type === 'AzureResource' && typeof identifier.azureResourceId === 'string');
  return azure ? /\/resourceGroups\/([^/]+)/i.exec(azure.azureResourceId as string)?.[1] : undefined;
}

export class AlertStore {
  private readonly subscriptions = new Map<string, SubscriptionAlerts>();

  constructor(seed: SimulatorSeed, private readonly clock: () => Date) {
    for (const subscription of seed.subscriptions) {
      const entry = { subscriptionId: subscription.subscriptionId, canRead: subscription.canReadAlerts ?? true, alerts: [], added: 0 };
      this.subscriptions.set(subscription.subscriptionId.toLowerCase(), entry);
      for (const alert of subscription.alerts ?? []) this.add(subscription.subscriptionId, alert);
    }
  }

  private entry(subscriptionId: string): SubscriptionAlerts {
    const entry = this.subscriptions.get(subscriptionId.toLowerCase());
    if (!entry) throw new Error(`SubscriptionNotFound: the simulator has no subscription ${subscriptionId}`);
    return entry;
  }

  canRead(subscriptionId: string): boolean {
    return this.entry(subscriptionId).canRead;
  }

  /** For tests: take the right to read alerts away (403), or give it back. */
  setCanRead(subscriptionId: string, canRead: boolean): void {
    this.entry(subscriptionId).canRead = canRead;
  }

  /** Newest first, like the portal; `location` narrows to one ASC location. Alerts not raised yet are not there. */
  list(subscriptionId: string, location?: string): AlertRecord[] {
    const nowMs = this.clock().getTime();
    return this.entry(subscriptionId)
      .alerts.filter((alert) => (alert.appearsAtMs ?? 0) <= nowMs)
      .filter((alert) => !location || alert.location.toLowerCase() === location.toLowerCase())
      .sort((a, b) => Date.parse(b.properties.timeGeneratedUtc) - Date.parse(a.properties.timeGeneratedUtc) || a.name.localeCompare(b.name));
  }

  find(subscriptionId: string, location: string, name: string): AlertRecord | undefined {
    return this.list(subscriptionId, location).find((alert) => alert.name.toLowerCase() === name.toLowerCase());
  }

  /** Adds a (validated) seed alert as ARM would hold it. */
  add(subscriptionId: string, seed: SeedAlert): AlertRecord {
    const entry = this.entry(subscriptionId);
    const { location = DEFAULT_ALERT_LOCATION, appearsAfterSeconds, ...given } = seed;
    const appearsAtMs = appearsAfterSeconds ? this.clock().getTime() + appearsAfterSeconds * 1000 : undefined;
    const time = given.timeGeneratedUtc ?? new Date(appearsAtMs ?? this.clock().getTime()).toISOString();
    entry.added += 1;
    // Seeds are validated (date-time), so the time parses; the clock covers a test that adds an alert directly.
    const parsed = Number.isNaN(Date.parse(time)) ? this.clock() : new Date(time);
    const name = `${reverseTicks(parsed)}_${stableGuid(`${entry.subscriptionId.toLowerCase()}/${entry.added}`)}`;
    const resourceGroup = resourceGroupOf(given);
    const properties = {
      version: '2022-01-01',
      systemAlertId: name,
      status: 'Active',
      startTimeUtc: time,
      endTimeUtc: time,
      timeGeneratedUtc: time,
      processingEndTimeUtc: time,
      resourceIdentifiers: [{ type: 'AzureResource', azureResourceId: `/subscriptions/${entry.subscriptionId}` }],
      remediationSteps: [],
      vendorName: 'Microsoft',
      productName: 'Microsoft Defender for Cloud',
      isIncident: false,
      alertUri: portalUri(entry.subscriptionId, name, location, resourceGroup),
      ...given,
    };
    const record: AlertRecord = { name, location, ...(resourceGroup ? { resourceGroup } : {}), properties, ...(appearsAtMs ? { appearsAtMs } : {}) };
    entry.alerts.push(record);
    return record;
  }
}

function portalUri(subscriptionId: string, name: string, location: string, resourceGroup: string | undefined): string {
  const group = resourceGroup ? `/resourceGroup/${resourceGroup}` : '';
  return `https://portal.azure.com/#blade/Microsoft_Azure_Security_AzureDefenderForData/AlertBlade/alertId/${name}/subscriptionId/${subscriptionId}${group}/referencedFrom/alertDeepLink/location/${location}`;
}

export function alertId(subscriptionId: string, alert: Pick<AlertRecord, 'name' | 'location' | 'resourceGroup'>): string {
  const group = alert.resourceGroup ? `/resourceGroups/${alert.resourceGroup}` : '';
  return `/subscriptions/${subscriptionId}${group}/providers/Microsoft.Security/locations/${alert.location}/alerts/${alert.name}`;
}

/** The alert as ARM returns it (`Alert`). */
export function alertView(subscriptionId: string, alert: AlertRecord) {
  return { id: alertId(subscriptionId, alert), name: alert.name, type: ALERT_RESOURCE_TYPE, properties: { ...alert.properties } };
}
