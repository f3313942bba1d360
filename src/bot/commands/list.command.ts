import type { Application, TurnState } from '@microsoft/teams-ai';
import { buildFleetCard } from '../../cards';
import { sendCard } from '../host/cardReplies';
import { onCommand } from '../commandRoute';
import type { BotDeps } from '../deps';
import { answerWithCard } from '../delivery/answerWithCard';

export function register(app: Application<TurnState>, deps: BotDeps): void {
  onCommand(app, 'list', async (context) => {
    const tooOften = deps.rateLimits.refusal(context, 'list');
    if (tooOften) {
      await sendCard(context, tooOften);
      return;
    }
    await answerWithCard(
      context,
      'Reading every subscription the bot can see…',
      async () => buildFleetCard({ ...(await deps.gateway.listFleet({ concurrency: deps.config.fleetConcurrency })), page: 1 }),
      deps.workingCardDelayMs,
    );
  });
}
