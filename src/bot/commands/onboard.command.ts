/** `onboard <sub>`: see onboardFlow.ts. */
import type { Application, TurnState } from '@microsoft/teams-ai';
import { onCommand } from '../commandRoute';
import type { BotDeps } from '../deps';
import type { EnableAnswer } from '../enableFlow';
import { planOnboard } from '../onboardFlow';
import { resolveOrExplain } from '../subscriptionLookup';
import { answerWithCard } from '../workingCard';

export function register(app: Application<TurnState>, deps: BotDeps): void {
  onCommand(app, 'onboard', async (context, command) => {
    const subscription = await resolveOrExplain(context, deps.gateway, command.subscription);
    if (!subscription) return;
    let requestCard: EnableAnswer['requestCard'];
    await answerWithCard(
      context,
      `Finding the APIs of ${subscription.displayName} to onboard…`,
      async () => {
        const answer = await planOnboard(context, deps, subscription);
        requestCard = answer.requestCard;
        return answer.reply;
      },
      deps.workingCardDelayMs,
    );
    if (requestCard) await deps.publisher.post(context, requestCard.requestId, requestCard.card);
  });
}
