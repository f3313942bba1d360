/** Microsoft.Resources subscriptions at api-version 2022-12-01, as they travel on the wire. */
import type { Subscription } from '../../core/defender';

export const SUBSCRIPTIONS_API_VERSION = '2022-12-01';

export interface ArmSubscription {
  id?: string;
  subscriptionId: string;
  displayName: string;
  state?: string;
  tenantId?: string;
}

export interface ArmSubscriptionList {
  value: ArmSubscription[];
  nextLink?: string;
}

export function toSubscription(wire: ArmSubscription): Subscription {
  return {
    subscriptionId: wire.subscriptionId,
    displayName: wire.displayName,
    ...(wire.state ? { state: wire.state } : {}),
  };
}
