import type { Application, TurnState } from '@microsoft/teams-ai';
import { sendCard } from '../cardReplies';
import { onCommand } from '../commandRoute';
import type { BotDeps } from '../deps';
import { planEnable } from '../enableFlow';
import { resolveOrExplain } from '../subscriptionLookup';
import { answerWithCard } from '../workingCard';

export function register(app: Application<TurnState>, deps: BotDeps): void {
  onCommand(app, 'enable', async (context, command) => {
    const tooOften = deps.rateLimits.refusal(context, 'enable');
    if (tooOften) {
      await sendCard(context, tooOften);
      return;
    }
    const subscription = await resolveOrExplain(context, deps.gateway, command.subscription);
    if (!subscription) return;
    let requestCard: Awaited<ReturnType<typeof planEnable>>['requestCard'];
    await answerWithCard(
      context,
      `Planning the changes for ${subscription.displayName}…`,
      async () => {
        const answer = await planEnable(context, deps, subscription, command.apiSubPlan);
        requestCard = answer.requestCard;
        return answer.reply;
      },
      deps.workingCardDelayMs,
    );
    if (requestCard) await deps.publisher.post(context, requestCard.requestId, requestCard.card);
  });
}
