import type { Application, TurnState } from '@microsoft/teams-ai';
import { statusCard } from '../flows/statusAnswer';
import { onCommand } from '../commandRoute';
import type { BotDeps } from '../deps';
import { resolveOrExplain } from '../flows/subscriptionLookup';
import { answerWithCard } from '../delivery/answerWithCard';

export function register(app: Application<TurnState>, deps: BotDeps): void {
  onCommand(app, 'status', async (context, command) => {
    const subscription = await resolveOrExplain(context, deps.gateway, command.subscription);
    if (!subscription) return;
    await answerWithCard(
      context,
      `Reading Defender settings of ${subscription.displayName}…`,
      () => statusCard(deps, subscription.subscriptionId),
      deps.workingCardDelayMs,
    );
  });
}
