/** Microsoft.Security alerts at api-version 2022-01-01, as they travel on the wire, and the paths that reach one. */
import { DefenderError } from '../../core/errors';
import type { AlertRef, ApiAlert, SettableAlertStatus } from '../../core/monitoring';

export const ALERTS_API_VERSION = '2022-01-01';

export interface ArmAlert {
  id?: string;
  name?: string;
  properties?: {
    alertType?: string;
    alertDisplayName?: string;
    severity?: string;
    status?: string;
    timeGeneratedUtc?: string;
    compromisedEntity?: string;
    description?: string;
    remediationSteps?: unknown;
    alertUri?: string;
  };
}

/** The status-change operation of alerts.json for each status the bot sets. */
const STATUS_ACTIONS: Record<SettableAlertStatus, string> = { InProgress: 'inProgress', Resolved: 'resolve' };

const ALERT_ID = /^\/subscriptions\/[^/]+(?:\/resourceGroups\/([^/]+))?\/providers\/Microsoft\.Security\/locations\/([^/]+)\/alerts\/([^/]+)$/i;

/** "/subscriptions/s[/resourceGroups/rg]/providers/Microsoft.Security/locations/l/alerts/n" → its parts. */
export function alertRefOf(id: string | undefined): AlertRef | undefined {
  const match = ALERT_ID.exec(id ?? '');
  if (!match) return undefined;
  const [, resourceGroup, location, name] = match;
  return { location, name, ...(resourceGroup ? { resourceGroup } : {}) };
}

/** One path segment from data (later: from a card): never empty, `.` or `..`, which URL parsing would collapse. */
function segment(value: string, what: string): string {
  if (!value || value === '.' || value === '..' || value.length > 256) {
    throw new DefenderError('InvalidRequest', `InvalidRequest: "${value.slice(0, 40)}" is not a valid alert ${what}; use the alert as the bot listed it`);
  }
  return encodeURIComponent(value);
}

/** The alert's own path (its id): ARM finds a resource-group alert only through resource-group paths. */
export function alertPath(subscriptionId: string, alert: AlertRef, status?: SettableAlertStatus): string {
  const group = alert.resourceGroup ? `/resourceGroups/${segment(alert.resourceGroup, 'resource group')}` : '';
  const path = `/subscriptions/${segment(subscriptionId, 'subscription')}${group}/providers/Microsoft.Security/locations/${segment(alert.location, 'location')}/alerts/${segment(alert.name, 'name')}`;
  return status ? `${path}/${STATUS_ACTIONS[status]}` : path;
}

/** Undefined for an alert the bot could not address again (no parsable id) or date (no time). */
export function toApiAlert(subscriptionId: string, wire: ArmAlert): ApiAlert | undefined {
  const ref = alertRefOf(wire.id);
  const properties = wire.properties ?? {};
  if (!ref || !properties.timeGeneratedUtc || Number.isNaN(Date.parse(properties.timeGeneratedUtc))) return undefined;
  const remediationSteps = Array.isArray(properties.remediationSteps) ? properties.remediationSteps.filter((step): step is string => typeof step === 'string') : [];
  return {
    subscriptionId,
    ref,
    alertType: properties.alertType ?? '',
    displayName: properties.alertDisplayName ?? properties.alertType ?? ref.name,
    severity: properties.severity ?? 'Informational',
    status: properties.status ?? 'Active',
    timeGenerated: properties.timeGeneratedUtc,
    ...(properties.compromisedEntity ? { compromisedEntity: properties.compromisedEntity } : {}),
    ...(properties.description ? { description: properties.description } : {}),
    remediationSteps,
    ...(properties.alertUri ? { portalUrl: properties.alertUri } : {}),
  };
}
