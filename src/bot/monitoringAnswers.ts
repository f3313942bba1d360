/**
 * The cards of `posture` and `alerts`, shared by the commands and their Show more buttons. A read Azure refuses
 * (no right, provider not registered, ...) becomes a card saying what to do, not a failed turn.
 */
import { AdaptiveCardJson, buildAlertsCard, buildPostureCard } from '../cards';
import type { Subscription } from '../core/defender';
import { isDefenderError } from '../core/errors';
import type { BotDeps } from './deps';
import { readFailureCard } from './readFailure';

async function orReadFailure(read: () => Promise<AdaptiveCardJson>, what: string, again: string): Promise<AdaptiveCardJson> {
  try {
    return await read();
  } catch (error) {
    if (!isDefenderError(error)) throw error;
    return readFailureCard(what, error, again);
  }
}

export function postureAnswer(deps: BotDeps, subscription: Subscription, page: number): Promise<AdaptiveCardJson> {
  return orReadFailure(
    async () => buildPostureCard({ posture: await deps.gateway.getApiPosture(subscription.subscriptionId), page }),
    `the API posture of ${subscription.displayName}`,
    `posture ${subscription.subscriptionId}`,
  );
}

/** One subscription, or (undefined) every visible one: those that cannot be read are named on the card. */
export function alertsAnswer(deps: BotDeps, subscription: Subscription | undefined, page: number): Promise<AdaptiveCardJson> {
  if (!subscription) {
    return (async () => buildAlertsCard({ rows: await deps.gateway.listFleetApiAlerts({ concurrency: deps.config.fleetConcurrency }), page }))();
  }
  return orReadFailure(
    async () => buildAlertsCard({ subscription, rows: [{ subscription, alerts: await deps.gateway.listApiAlerts(subscription.subscriptionId) }], page }),
    `the alerts of ${subscription.displayName}`,
    `alerts ${subscription.subscriptionId}`,
  );
}
