/** `onboard <sub>`: see onboardFlow.ts. */
import type { Application, TurnState } from '@microsoft/teams-ai';
import { onCommand } from '../commandRoute';
import type { BotDeps } from '../deps';
import { planOnboard } from '../flows/onboardFlow';
import { answerWithRequest, refusedAsTooOften } from '../flows/requestAnswer';
import { resolveOrExplain } from '../flows/subscriptionLookup';

export function register(app: Application<TurnState>, deps: BotDeps): void {
  onCommand(app, 'onboard', async (context, command) => {
    if (await refusedAsTooOften(context, deps)) return;
    const subscription = await resolveOrExplain(context, deps.gateway, command.subscription);
    if (!subscription) return;
    await answerWithRequest(context, deps, `Finding the APIs of ${subscription.displayName} to onboard…`, () => planOnboard(context, deps, subscription));
  });
}
