import type { Application, TurnState } from '@microsoft/teams-ai';
import { onCommand } from '../commandRoute';
import type { BotDeps } from '../deps';
import { planEnable } from '../flows/enableFlow';
import { answerWithRequest, refusedAsTooOften } from '../flows/requestAnswer';
import { resolveOrExplain } from '../flows/subscriptionLookup';

export function register(app: Application<TurnState>, deps: BotDeps): void {
  onCommand(app, 'enable', async (context, command) => {
    if (await refusedAsTooOften(context, deps)) return;
    const subscription = await resolveOrExplain(context, deps.gateway, command.subscription);
    if (!subscription) return;
    await answerWithRequest(context, deps, `Planning the changes for ${subscription.displayName}…`, () =>
      planEnable(context, deps, subscription, command.apiSubPlan),
    );
  });
}
