/** Microsoft.Security pricings at subscription scope, api-version 2024-01-01: list (with $filter), get, update. */
import { ArmError, authorizationFailed, invalidRequest } from '../armErrors';
import { PLAN_CATALOG, findPlan, knownPlanNames } from '../pricingCatalog';
import type { ArmResponse, RequestContext, Route } from '../route';
import type { SubscriptionRecord } from '../state';
import { requireJsonObjectBody, requireRegistration, requireSubscription } from './common';
import { parsePricingFilter } from './pricingFilter';
import { PricingUpdateBody, applyPricingUpdate } from './pricingUpdate';
import { pricingView } from './pricingView';

const API_VERSION = '2024-01-01';
const SECURITY = 'Microsoft.Security';
const PRICINGS = /^\/subscriptions\/([^/]+)\/providers\/Microsoft\.Security\/pricings/i.source;

function securitySubscription(context: RequestContext, subscriptionId: string): SubscriptionRecord {
  const subscription = requireSubscription(context, subscriptionId);
  requireRegistration(subscription, SECURITY);
  return subscription;
}

function requirePlan(name: string) {
  const plan = findPlan(name);
  if (!plan) throw new ArmError(404, 'NotFound', `Pricing '${name}' was not found: it is not a Defender plan. Known plans: ${knownPlanNames()}.`);
  return plan;
}

function listPricings(context: RequestContext, [subscriptionId]: string[]): ArmResponse {
  const subscription = securitySubscription(context, subscriptionId);
  const selected = parsePricingFilter(context.query.get('$filter')) ?? PLAN_CATALOG.map((plan) => plan.name);
  const value = selected.map((name) => pricingView(subscription.subscriptionId, subscription.pricings.get(name.toLowerCase())!));
  return { status: 200, schema: 'PricingList', body: { value } };
}

function getPricing(context: RequestContext, [subscriptionId, name]: string[]): ArmResponse {
  const subscription = securitySubscription(context, subscriptionId);
  const plan = requirePlan(name);
  return { status: 200, schema: 'Pricing', body: pricingView(subscription.subscriptionId, subscription.pricings.get(plan.name.toLowerCase())!) };
}

function updatePricing(context: RequestContext, [subscriptionId, name]: string[]): ArmResponse {
  const subscription = requireSubscription(context, subscriptionId);
  // ARM checks RBAC before it routes to the resource provider, so 403 wins over 409 and 400.
  if (!subscription.canWritePricings) {
    throw authorizationFailed('Microsoft.Security/pricings/write', `/subscriptions/${subscription.subscriptionId}/providers/Microsoft.Security/pricings/${name}`);
  }
  requireRegistration(subscription, SECURITY);
  const plan = requirePlan(name);
  const body = requireJsonObjectBody(context);
  const verdict = context.validator.validateRequest('Pricing', body);
  if (!verdict.valid) throw invalidRequest(verdict.field, verdict.message);
  if (body.properties === undefined) throw invalidRequest('properties', 'is required');

  const current = subscription.pricings.get(plan.name.toLowerCase())!;
  const { record, responseExtensions } = applyPricingUpdate(subscription, plan, current, body as unknown as PricingUpdateBody, context.state.now());
  subscription.pricings.set(plan.name.toLowerCase(), record);
  return { status: 200, schema: 'Pricing', body: pricingView(subscription.subscriptionId, record, responseExtensions) };
}

export const pricingRoutes: Route[] = [
  { method: 'GET', pattern: new RegExp(`${PRICINGS}/?$`, 'i'), apiVersion: API_VERSION, errorSchema: 'SecurityCloudError', handle: listPricings },
  { method: 'GET', pattern: new RegExp(`${PRICINGS}/([^/]+)/?$`, 'i'), apiVersion: API_VERSION, errorSchema: 'SecurityCloudError', handle: getPricing },
  { method: 'PUT', pattern: new RegExp(`${PRICINGS}/([^/]+)/?$`, 'i'), apiVersion: API_VERSION, errorSchema: 'SecurityCloudError', handle: updatePricing },
];
