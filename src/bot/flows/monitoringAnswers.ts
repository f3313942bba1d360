/**
 * The cards of `posture` and `alerts`, shared by the commands and their Show more buttons. A read Azure refuses
 * (no right, provider not registered, ...) becomes a card saying what to do, not a failed turn.
 */
import { AdaptiveCardJson, buildAlertsCard, buildPostureCard } from '../../cards';
import type { Subscription } from '../../core/defender';
import { isDefenderError } from '../../core/errors';
import type { BotDeps } from '../deps';
import { readFailureCard } from './readFailure';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The command to type again; the id goes into a code span (markdown), so only a well-formed GUID is pasted in. */
function againCommand(word: 'posture' | 'alerts', subscription: Subscription): string {
  return `${word} ${GUID.test(subscription.subscriptionId) ? subscription.subscriptionId : '<subscription>'}`;
}

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
    againCommand('posture', subscription),
  );
}

/** One subscription, or (undefined) every visible one: those that cannot be read are named on the card. */
/** One subscription's open API alerts, or (without one) every visible subscription's. */
export async function alertsAnswer(deps: BotDeps, { subscription, page }: { subscription?: Subscription; page: number }): Promise<AdaptiveCardJson> {
  if (!subscription) return buildAlertsCard({ rows: await deps.gateway.listFleetApiAlerts({ concurrency: deps.config.fleetConcurrency }), page });
  return orReadFailure(
    async () => buildAlertsCard({ subscription, rows: [{ subscription, alerts: await deps.gateway.listApiAlerts(subscription.subscriptionId) }], page }),
    `the alerts of ${subscription.displayName}`,
    againCommand('alerts', subscription),
  );
}
