/** Checks every subscription-scoped handler starts with. */
import { ArmError, missingRegistration, subscriptionNotFound } from '../armErrors';
import type { RequestContext } from '../route';
import type { SubscriptionRecord } from '../state';

/** Path segment for a subscription id: a GUID-ish token, matched case-insensitively. */
export const SUBSCRIPTION_SEGMENT = '([^/]+)';

export function requireSubscription(context: RequestContext, subscriptionId: string): SubscriptionRecord {
  const subscription = context.state.findSubscription(subscriptionId);
  if (!subscription) throw subscriptionNotFound(subscriptionId);
  return subscription;
}

export function isRegistered(subscription: SubscriptionRecord, namespace: string): boolean {
  return subscription.registeredProviders.some((registered) => registered.toLowerCase() === namespace.toLowerCase());
}

export function requireRegistration(subscription: SubscriptionRecord, namespace: string): void {
  if (!isRegistered(subscription, namespace)) throw missingRegistration(namespace);
}

export function requireJsonObjectBody(context: RequestContext): Record<string, unknown> {
  const body = context.body;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ArmError(400, 'InvalidRequestContent', 'The request content was invalid and could not be deserialized: expected a JSON object body.');
  }
  return body as Record<string, unknown>;
}
