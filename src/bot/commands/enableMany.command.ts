/** `enable A, B, C` / `enable all`: one fleet request; see fleetEnableFlow.ts. */
import type { Application, TurnState } from '@microsoft/teams-ai';
import { onCommand } from '../commandRoute';
import type { BotDeps } from '../deps';
import type { EnableAnswer } from '../enableFlow';
import { planFleetEnable } from '../fleetEnableFlow';
import { answerWithCard } from '../workingCard';

export function register(app: Application<TurnState>, deps: BotDeps): void {
  onCommand(app, 'enableMany', async (context, command) => {
    let requestCard: EnableAnswer['requestCard'];
    const what = command.subscriptions === 'all' ? 'every subscription' : `${command.subscriptions.length} subscriptions`;
    await answerWithCard(
      context,
      `Planning the changes for ${what}…`,
      async () => {
        const answer = await planFleetEnable(context, deps, command.subscriptions, command.apiSubPlan);
        requestCard = answer.requestCard;
        return answer.reply;
      },
      deps.workingCardDelayMs,
    );
    if (requestCard) await deps.publisher.post(context, requestCard.requestId, requestCard.card);
  });
}
