/**
 * The fleet read straight from ARM, one subscription at a time: what `list` did before Resource Graph, and what it
 * falls back to when Resource Graph cannot be used. Slow at scale (one call per subscription) but always current.
 */
import type { FleetRow, Subscription } from '../core/defender';
import { isDefenderError } from '../core/errors';
import type { ApiManagementInventoryService, FleetApiAlerts } from '../core/fleet';
import { isOpenAlert, type ApiAlert } from '../core/monitoring';
import type { OperationOptions } from '../core/ports';
import { readApiAlerts } from './alertsReader';
import type { ArmTransport } from './armTransport';
import { mapWithConcurrency } from './boundedConcurrency';
import { resourceGroupOf, toApiManagementInventoryService } from './models/apiManagement';
import { SUBSCRIPTIONS_API_VERSION, toSubscription, type ArmSubscription } from './models/subscription';
import { readOnboardedApiNamesIfRegistered } from './onboardedApis';
import { listApiManagementServices, readDefenderSettings } from './settingsReader';

/** Pages through GET /subscriptions (100 a page). */
export async function listSubscriptionsFromArm(transport: ArmTransport, options: OperationOptions = {}): Promise<Subscription[]> {
  const wire = await transport.sendList<ArmSubscription>({
    method: 'GET',
    path: '/subscriptions',
    query: { 'api-version': SUBSCRIPTIONS_API_VERSION },
    purpose: 'list the subscriptions it can see',
    abortSignal: options.abortSignal,
  });
  return wire.map(toSubscription);
}

/** One filtered pricings call per subscription, `concurrency` at once; a failing subscription becomes an error row. */
export function readFleetFromArm(transport: ArmTransport, subscriptions: Subscription[], concurrency: number, options: OperationOptions = {}): Promise<FleetRow[]> {
  return mapWithConcurrency(subscriptions, concurrency, async (subscription): Promise<FleetRow> => {
    try {
      return { subscription, settings: await readDefenderSettings(transport, subscription.subscriptionId, options) };
    } catch (error) {
      if (!isDefenderError(error)) throw error;
      return { subscription, error: { code: error.code, message: error.message } };
    }
  });
}

const unregistered = (error: unknown) => isDefenderError(error) && error.code === 'MissingSubscriptionRegistration';

/** Each subscription's APIM services, then each service's API collections. Unregistered providers mean none of either. */
export async function readApiManagementInventoryFromArm(
  transport: ArmTransport,
  subscriptions: Subscription[],
  concurrency: number,
  options: OperationOptions = {},
): Promise<ApiManagementInventoryService[]> {
  const perSubscription = await mapWithConcurrency(subscriptions, concurrency, async ({ subscriptionId }) => {
    const services = await listApiManagementServices(transport, subscriptionId, options);
    return Promise.all(services.map(async (service): Promise<ApiManagementInventoryService> => {
      const onboarded = (await readOnboardedApiNamesIfRegistered(transport, subscriptionId, service.id, options)) ?? new Set<string>();
      return toApiManagementInventoryService({ subscriptionId, resourceGroup: resourceGroupOf(service.id), name: service.name, sku: service.sku.name }, [...onboarded]);
    }));
  });
  return perSubscription.flat();
}

/** Each subscription's alerts API, open API alerts since `since`; a subscription that cannot be read is named, not fatal. */
export async function readOpenApiAlertsFromArm(
  transport: ArmTransport,
  subscriptions: Subscription[],
  concurrency: number,
  options: OperationOptions & { since: Date },
): Promise<Pick<FleetApiAlerts, 'alerts' | 'unreadable'>> {
  const alerts: ApiAlert[] = [];
  const unreadable: FleetApiAlerts['unreadable'] = [];
  await mapWithConcurrency(subscriptions, concurrency, async ({ subscriptionId }) => {
    try {
      alerts.push(...(await readApiAlerts(transport, subscriptionId, options)).filter(isOpenAlert));
    } catch (error) {
      if (unregistered(error)) return; // no Microsoft.Security: no alerts
      if (!isDefenderError(error)) throw error;
      unreadable.push({ subscriptionId, error: { code: error.code, message: error.message } });
    }
  });
  return { alerts, unreadable };
}
