/** The posture card's "Onboard" button: the same request as `onboard <sub>`, for the subscription on the card. */
import type { Application, TurnState } from '@microsoft/teams-ai';
import { OnboardApisActionData, VERBS } from '../../cards';
import { onAction } from '../actionRoute';
import type { BotDeps } from '../deps';
import { planOnboard } from '../flows/onboardFlow';
import { requestFromButton } from '../flows/requestAnswer';

export function register(app: Application<TurnState>, deps: BotDeps): void {
  onAction<OnboardApisActionData>(app, deps, VERBS.onboardApis, (context, { subscriptionId }) =>
    requestFromButton(context, deps, subscriptionId, (subscription) => planOnboard(context, deps, subscription)),
  );
}
