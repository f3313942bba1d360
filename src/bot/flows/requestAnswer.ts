/**
 * The shape every request-opening command shares (enable, enable many, revert, onboard): a rate limit first,
 * then the plan behind a working card, then the request card posted where it can be updated in place.
 * Buttons that open a request (Enable, Onboard) share the same limit through requestFromButton().
 */
import type { TurnContext } from 'botbuilder';
import { buildMessageCard, type AdaptiveCardJson } from '../../cards';
import { isDefenderError } from '../../core/errors';
import type { Subscription } from '../../core/defender';
import { sendCard } from '../host/cardReplies';
import type { BotDeps } from '../deps';
import type { EnableAnswer } from './enableFlow';
import { resolveForButton } from './subscriptionLookup';
import { answerWithCard } from '../delivery/answerWithCard';

/** True after telling the person to wait: they opened too many requests lately. */
export async function refusedAsTooOften(context: TurnContext, deps: BotDeps): Promise<boolean> {
  const tooOften = deps.rateLimits.refusal(context, 'enable');
  if (tooOften) await sendCard(context, tooOften);
  return Boolean(tooOften);
}

/**
 * Planning reads Azure; when Azure refuses (not registered, no rights, throttled) that is the answer, with ARM's
 * fix in it, not a failed turn.
 */
async function planOrAzureRefusal(plan: () => Promise<EnableAnswer>): Promise<EnableAnswer> {
  try {
    return await plan();
  } catch (error) {
    if (!isDefenderError(error)) throw error;
    return { reply: buildMessageCard({ tone: 'warning', title: 'Azure said no', message: error.message, nextStep: 'Nothing was requested. Fix what Azure says, then ask again.' }) };
  }
}

export async function answerWithRequest(context: TurnContext, deps: BotDeps, workingText: string, plan: () => Promise<EnableAnswer>): Promise<void> {
  let request: EnableAnswer['request'];
  await answerWithCard(
    context,
    workingText,
    async () => {
      const answer = await planOrAzureRefusal(plan);
      request = answer.request;
      return answer.reply;
    },
    deps.workingCardDelayMs,
  );
  if (request) await deps.publisher.post(context, request);
}

/** A button that opens a request for the subscription on its card: the same limit, the same plan, the card posted. */
export async function requestFromButton(
  context: TurnContext,
  deps: BotDeps,
  subscriptionId: string,
  plan: (subscription: Subscription) => Promise<EnableAnswer>,
): Promise<AdaptiveCardJson> {
  const tooOften = deps.rateLimits.refusal(context, 'enable');
  if (tooOften) return tooOften;
  const found = await resolveForButton(deps.gateway, subscriptionId);
  if (found.kind === 'gone') return found.card;
  const answer = await planOrAzureRefusal(() => plan(found.subscription));
  if (answer.request) await deps.publisher.post(context, answer.request);
  return answer.reply;
}
