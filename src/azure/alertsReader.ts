/**
 * Defender for APIs alerts through the alerts API (2022-01-01). It has no server-side filter, so every page is
 * read (nextLink) and the API alerts of the window are picked here; status changes are its POST operations.
 */
import { isApiAlertType, newestFirst, type AlertRef, type ApiAlert, type SettableAlertStatus } from '../core/monitoring';
import type { OperationOptions } from '../core/ports';
import type { ArmTransport } from './armTransport';
import { SECURITY_ADMIN, SECURITY_READER } from './armErrors';
import { ALERTS_API_VERSION, alertPath, toApiAlert, type ArmAlert } from './models/alert';

export interface ReadApiAlertsOptions extends OperationOptions {
  /** Oldest alert to keep. */
  since: Date;
}

/** API alerts (alertType `API_…`) generated at or after `since`, newest first. */
export async function readApiAlerts(transport: ArmTransport, subscriptionId: string, options: ReadApiAlertsOptions): Promise<ApiAlert[]> {
  const wire = await transport.sendList<ArmAlert>({
    method: 'GET',
    path: `/subscriptions/${encodeURIComponent(subscriptionId)}/providers/Microsoft.Security/alerts`,
    query: { 'api-version': ALERTS_API_VERSION },
    purpose: 'list the security alerts',
    subscriptionId,
    roleHint: SECURITY_READER,
    abortSignal: options.abortSignal,
  });
  const sinceMs = options.since.getTime();
  const alerts = wire
    .filter((alert) => isApiAlertType(alert.properties?.alertType))
    .map((alert) => toApiAlert(subscriptionId, alert))
    .filter((alert): alert is ApiAlert => alert !== undefined && Date.parse(alert.timeGenerated) >= sinceMs);
  return newestFirst(alerts);
}

/** Take it (InProgress) or Resolve: ARM answers 204. */
export async function writeAlertStatus(transport: ArmTransport, subscriptionId: string, alert: AlertRef, status: SettableAlertStatus, options: OperationOptions = {}): Promise<void> {
  await transport.send({
    method: 'POST',
    path: alertPath(subscriptionId, alert, status),
    query: { 'api-version': ALERTS_API_VERSION },
    purpose: `set the status of security alert ${alert.name} to ${status}`,
    subscriptionId,
    roleHint: SECURITY_ADMIN,
    abortSignal: options.abortSignal,
  });
}
