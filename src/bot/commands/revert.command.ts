/** `revert <request id>`: see revertFlow.ts. */
import type { Application, TurnState } from '@microsoft/teams-ai';
import { onCommand } from '../commandRoute';
import type { BotDeps } from '../deps';
import type { EnableAnswer } from '../enableFlow';
import { planRevert } from '../revertFlow';
import { answerWithCard } from '../workingCard';

export function register(app: Application<TurnState>, deps: BotDeps): void {
  onCommand(app, 'revert', async (context, command) => {
    let requestCard: EnableAnswer['requestCard'];
    await answerWithCard(
      context,
      `Planning the revert of ${command.requestId}…`,
      async () => {
        const answer = await planRevert(context, deps, command.requestId);
        requestCard = answer.requestCard;
        return answer.reply;
      },
      deps.workingCardDelayMs,
    );
    if (requestCard) await deps.publisher.post(context, requestCard.requestId, requestCard.card);
  });
}
