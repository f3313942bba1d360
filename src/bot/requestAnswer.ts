/**
 * The shape every request-opening command shares (enable, enable many, revert, onboard): a rate limit first,
 * then the plan behind a working card, then the request card posted where it can be updated in place.
 */
import type { TurnContext } from 'botbuilder';
import { sendCard } from './cardReplies';
import type { BotDeps } from './deps';
import type { EnableAnswer } from './enableFlow';
import { answerWithCard } from './workingCard';

/** True after telling the person to wait: they opened too many requests lately. */
export async function refusedAsTooOften(context: TurnContext, deps: BotDeps): Promise<boolean> {
  const tooOften = deps.rateLimits.refusal(context, 'enable');
  if (tooOften) await sendCard(context, tooOften);
  return Boolean(tooOften);
}

export async function answerWithRequest(context: TurnContext, deps: BotDeps, workingText: string, plan: () => Promise<EnableAnswer>): Promise<void> {
  let requestCard: EnableAnswer['requestCard'];
  await answerWithCard(
    context,
    workingText,
    async () => {
      const answer = await plan();
      requestCard = answer.requestCard;
      return answer.reply;
    },
    deps.workingCardDelayMs,
  );
  if (requestCard) await deps.publisher.post(context, requestCard.requestId, requestCard.card);
}
