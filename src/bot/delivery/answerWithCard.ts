/**
 * Long work gets a "working…" card that is replaced in place by the answer. Fast work (under
 * `workingCardDelayMs`) skips it, so a quick status does not flicker through two cards.
 */
import type { TurnContext } from 'botbuilder';
import { AdaptiveCardJson, buildWorkingCard } from '../../cards';
import { replaceCard, sendCard } from '../host/cardReplies';

export const DEFAULT_WORKING_CARD_DELAY_MS = 1500;

const WORKING_CARD_KEY = Symbol('defender.workingCard');

/** The working card this turn showed, if any: the error sink replaces it instead of leaving "working…" behind. */
export function pendingWorkingCard(context: TurnContext): Promise<string | undefined> | undefined {
  return context.turnState.get(WORKING_CARD_KEY);
}

export async function answerWithCard(
  context: TurnContext,
  workingText: string,
  produceCard: () => Promise<AdaptiveCardJson>,
  workingCardDelayMs = DEFAULT_WORKING_CARD_DELAY_MS,
): Promise<void> {
  const timer = setTimeout(() => {
    context.turnState.set(WORKING_CARD_KEY, sendCard(context, buildWorkingCard(workingText)));
  }, workingCardDelayMs);
  let card: AdaptiveCardJson;
  try {
    card = await produceCard();
  } finally {
    clearTimeout(timer);
  }
  const workingCard = pendingWorkingCard(context);
  const activityId = workingCard ? await workingCard : undefined;
  context.turnState.delete(WORKING_CARD_KEY);
  if (activityId) await replaceCard(context, activityId, card);
  else await sendCard(context, card);
}
