/** Sending and replacing Adaptive Cards. */
import { Activity, CardFactory, TurnContext } from 'botbuilder';
import type { AdaptiveCardJson } from '../cards';

export function cardActivity(card: AdaptiveCardJson): Partial<Activity> {
  return { type: 'message', attachments: [CardFactory.adaptiveCard(card)] };
}

/** Sends a card and returns its activity id, so it can be updated in place later. */
export async function sendCard(context: TurnContext, card: AdaptiveCardJson): Promise<string | undefined> {
  const response = await context.sendActivity(cardActivity(card));
  return response?.id;
}

export async function replaceCard(context: TurnContext, activityId: string, card: AdaptiveCardJson): Promise<void> {
  await context.updateActivity({ ...cardActivity(card), id: activityId });
}
