/**
 * The status card: the subscription's status and, read at the same time, its open API alerts. Reading alerts
 * never fails the status: the line says why they are unavailable instead.
 */
import { AdaptiveCardJson, buildStatusCard } from '../../cards';
import { isDefenderError } from '../../core/errors';
import { countOpenBySeverity, type OpenApiAlertsSummary } from '../../core/monitoring';
import type { BotDeps } from '../deps';

async function openApiAlerts(deps: BotDeps, subscriptionId: string): Promise<OpenApiAlertsSummary> {
  try {
    return { kind: 'counted', openBySeverity: countOpenBySeverity(await deps.gateway.listApiAlerts(subscriptionId)) };
  } catch (error) {
    if (isDefenderError(error)) return { kind: 'unavailable', reason: error.message };
    deps.logger.error({ err: error, subscriptionId }, 'reading API alerts for status failed unexpectedly');
    return { kind: 'unavailable', reason: 'an internal error (logged); the rest of the status is current' };
  }
}

export async function statusCard(deps: BotDeps, subscriptionId: string): Promise<AdaptiveCardJson> {
  // Settled, not Promise.all: a failed status must not leave the alerts read running unobserved.
  const [status, apiAlerts] = await Promise.allSettled([deps.gateway.getStatus(subscriptionId), openApiAlerts(deps, subscriptionId)]);
  if (status.status === 'rejected') throw status.reason;
  return buildStatusCard({ ...status.value, ...(apiAlerts.status === 'fulfilled' ? { apiAlerts: apiAlerts.value } : {}) });
}
