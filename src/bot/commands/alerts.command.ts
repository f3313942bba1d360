/** `alerts [sub]`: Defender for APIs alerts of the last 7 days; without a subscription, every visible one. */
import type { Application, TurnState } from '@microsoft/teams-ai';
import { sendCard } from '../host/cardReplies';
import { onCommand } from '../commandRoute';
import type { BotDeps } from '../deps';
import { alertsAnswer } from '../flows/monitoringAnswers';
import { resolveOrExplain } from '../flows/subscriptionLookup';
import { answerWithCard } from '../delivery/answerWithCard';

export function register(app: Application<TurnState>, deps: BotDeps): void {
  onCommand(app, 'alerts', async (context, command) => {
    if (!command.subscription) {
      // Reads every visible subscription, so it counts like a `list`.
      const tooOften = deps.rateLimits.refusal(context, 'list');
      if (tooOften) {
        await sendCard(context, tooOften);
        return;
      }
      await answerWithCard(context, 'Reading the alerts of every subscription the bot can see…', () => alertsAnswer(deps, { page: 1 }), deps.workingCardDelayMs);
      return;
    }
    const subscription = await resolveOrExplain(context, deps.gateway, command.subscription);
    if (!subscription) return;
    await answerWithCard(context, `Reading the alerts of ${subscription.displayName}…`, () => alertsAnswer(deps, { subscription, page: 1 }), deps.workingCardDelayMs);
  });
}
