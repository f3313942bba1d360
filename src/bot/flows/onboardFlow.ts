/**
 * `onboard <sub>`: every API Management API that is not yet an API collection of Defender for APIs, in services on
 * a supported tier, becomes one request that asks for approval like `enable`. Nothing is written here.
 */
import type { TurnContext } from 'botbuilder';
import { buildMessageCard } from '../../cards';
import { isDefenderForApisOn, type Subscription } from '../../core/defender';
import { MAX_APIS_PER_ONBOARDING, planOnboardTarget, type OnboardingApi } from '../../core/plan';
import type { BotDeps } from '../deps';
import { changePrecheck } from '../guards/changePrecheck';
import type { EnableAnswer } from './enableFlow';
import { withLookAlikes } from './lookAlikeMarks';

export async function planOnboard(context: TurnContext, deps: BotDeps, subscription: Subscription): Promise<EnableAnswer> {
  const precheck = changePrecheck(context, deps, 'open a request');
  if (!precheck.allowed) return { reply: precheck.card };
  const requester = precheck.actor;

  const status = await deps.gateway.getStatus(subscription.subscriptionId);
  const notOnboarded: OnboardingApi[] = status.apiManagementServices
    .filter((service) => service.skuSupported)
    .flatMap((service) => service.apis
      .filter((api) => api.onboarded === false)
      .map((api) => ({ resourceGroup: service.resourceGroup, serviceName: service.name, apiId: api.name, displayName: api.displayName })));
  // The card lists every API a request onboards, and must fit in Teams: more wait for the next request.
  const apis = notOnboarded.slice(0, MAX_APIS_PER_ONBOARDING);
  const later = notOnboarded.length - apis.length;
  const unsupported = status.apiManagementServices.filter((service) => !service.skuSupported).map((service) => `${service.name} (${service.sku})`);
  if (apis.length === 0) {
    return {
      reply: buildMessageCard({
        tone: 'good',
        title: 'Nothing to onboard',
        message: `Every API of ${subscription.displayName} on a supported API Management tier is onboarded already (or there is none).`,
        ...(unsupported.length ? { items: unsupported, itemsTitle: 'Services on tiers Defender for APIs does not support' } : {}),
      }),
    };
  }
  const target = planOnboardTarget(subscription, status.settings, apis);
  const outcome = await deps.approvals.request({ plan: { kind: 'onboard', targets: await withLookAlikes(deps, [target]) }, requester });
  if (outcome.kind === 'refused') return { reply: buildMessageCard({ tone: 'warning', title: 'Request not opened', message: outcome.message }) };
  if (outcome.kind === 'nothing-to-change') return { reply: buildMessageCard({ tone: 'good', title: 'Nothing to onboard', message: 'Every API is onboarded already.' }) };
  if (outcome.kind === 'already-open') {
    return {
      reply: buildMessageCard({ tone: 'default', title: 'A request is already open', message: `${subscription.displayName} already has an open request (${outcome.request.id}); one open request per subscription.`, nextStep: 'Its card is below.' }),
      request: outcome.request,
    };
  }
  const planOff = isDefenderForApisOn(status.settings.api) ? '' : ' Defender for APIs is off on this subscription: onboarded APIs are only protected once it is on (`enable`).';
  return {
    reply: buildMessageCard({
      tone: 'default',
      title: `Onboarding request ${outcome.request.id} opened`,
      message: `${apis.length} API${apis.length === 1 ? '' : 's'} to onboard; nothing changes until an approver approves.${planOff}`,
      ...(later > 0 ? { nextStep: `${later} more API${later === 1 ? '' : 's'} wait: one request onboards at most ${MAX_APIS_PER_ONBOARDING}. Run \`onboard\` again once this one is done.` } : {}),
    }),
    request: outcome.request,
  };
}
