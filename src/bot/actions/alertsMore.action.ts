/** The alerts card's "Show more": re-read (one subscription, or all of them), next page, in place of the card. */
import type { Application, TurnState } from '@microsoft/teams-ai';
import { AlertsMoreActionData, VERBS } from '../../cards';
import { onAction } from '../actionRoute';
import type { BotDeps } from '../deps';
import { alertsAnswer } from '../flows/monitoringAnswers';
import { resolveForButton } from '../flows/subscriptionLookup';

export function register(app: Application<TurnState>, deps: BotDeps): void {
  onAction<AlertsMoreActionData>(app, deps, VERBS.alertsMore, async (context, { page, subscriptionId }) => {
    if (subscriptionId === undefined) {
      // Each page re-reads every subscription, so it counts like a `list`.
      return deps.rateLimits.refusal(context, 'list') ?? alertsAnswer(deps, { page });
    }
    const found = await resolveForButton(deps.gateway, subscriptionId);
    return found.kind === 'gone' ? found.card : alertsAnswer(deps, { subscription: found.subscription, page });
  });
}
