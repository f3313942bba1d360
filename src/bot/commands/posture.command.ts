/** `posture <sub>`: each API Management API, onboarded or not, with what Defender for APIs found on it. */
import type { Application, TurnState } from '@microsoft/teams-ai';
import { onCommand } from '../commandRoute';
import type { BotDeps } from '../deps';
import { postureAnswer } from '../flows/monitoringAnswers';
import { resolveOrExplain } from '../flows/subscriptionLookup';
import { answerWithCard } from '../delivery/answerWithCard';

export function register(app: Application<TurnState>, deps: BotDeps): void {
  onCommand(app, 'posture', async (context, command) => {
    const subscription = await resolveOrExplain(context, deps.gateway, command.subscription);
    if (!subscription) return;
    await answerWithCard(context, `Reading the API posture of ${subscription.displayName}…`, () => postureAnswer(deps, subscription, 1), deps.workingCardDelayMs);
  });
}
