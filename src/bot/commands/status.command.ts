import type { Application, TurnState } from '@microsoft/teams-ai';
import { buildStatusCard } from '../../cards';
import { onCommand } from '../commandRoute';
import type { BotDeps } from '../deps';
import { resolveOrExplain } from '../subscriptionLookup';
import { answerWithCard } from '../workingCard';

export function register(app: Application<TurnState>, deps: BotDeps): void {
  onCommand(app, 'status', async (context, command) => {
    const subscription = await resolveOrExplain(context, deps.gateway, command.subscription);
    if (!subscription) return;
    await answerWithCard(
      context,
      `Reading Defender settings of ${subscription.displayName}…`,
      async () => buildStatusCard(await deps.gateway.getStatus(subscription.subscriptionId)),
      deps.workingCardDelayMs,
    );
  });
}
