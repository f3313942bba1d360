/** Microsoft.Resources subscriptions, api-version 2022-12-01: list (paged) and get. */
import type { ArmResponse, RequestContext, Route } from '../route';
import type { SubscriptionRecord } from '../state';
import { requireSubscription } from './common';

const API_VERSION = '2022-12-01';
/** ARM pages subscriptions; a small page lets fleets of hundreds exercise the client's paging. */
export const SUBSCRIPTIONS_PAGE_SIZE = 100;

function toArmSubscription(subscription: SubscriptionRecord) {
  return {
    id: `/subscriptions/${subscription.subscriptionId}`,
    authorizationSource: 'RoleBased',
    managedByTenants: [],
    subscriptionId: subscription.subscriptionId,
    tenantId: subscription.tenantId,
    displayName: subscription.displayName,
    state: subscription.state,
    subscriptionPolicies: { locationPlacementId: 'Public_2014-09-01', quotaId: 'EnterpriseAgreement_2014-09-01', spendingLimit: 'Off' },
  };
}

function listSubscriptions(context: RequestContext): ArmResponse {
  const all = context.state.listSubscriptions();
  const skip = Number(context.query.get('$skiptoken') ?? '0');
  const start = Number.isInteger(skip) && skip > 0 ? skip : 0;
  const page = all.slice(start, start + SUBSCRIPTIONS_PAGE_SIZE);
  const next = start + SUBSCRIPTIONS_PAGE_SIZE;
  // Like ARM, the last page carries no nextLink (the spec's `required: [nextLink]` is relaxed for this).
  const nextLink = next < all.length ? `${context.baseUrl}/subscriptions?api-version=${API_VERSION}&%24skiptoken=${next}` : undefined;
  return {
    status: 200,
    schema: 'SubscriptionListResult',
    body: { value: page.map(toArmSubscription), count: { type: 'Total', value: all.length }, ...(nextLink ? { nextLink } : {}) },
  };
}

export const subscriptionRoutes: Route[] = [
  { method: 'GET', pattern: /^\/subscriptions\/?$/i, apiVersion: API_VERSION, errorSchema: 'SubscriptionsCloudError', handle: listSubscriptions },
  {
    method: 'GET',
    pattern: /^\/subscriptions\/([^/]+)\/?$/i,
    apiVersion: API_VERSION,
    errorSchema: 'SubscriptionsCloudError',
    handle: (context, [subscriptionId]) => ({ status: 200, schema: 'Subscription', body: toArmSubscription(requireSubscription(context, subscriptionId)) }),
  },
];
