/** Sending, replacing and answering with Adaptive Cards. */
import { Activity, CardFactory, TurnContext } from 'botbuilder';
import { fitForTeams, type AdaptiveCardJson } from '../../cards';

export function cardActivity(card: AdaptiveCardJson): Partial<Activity> {
  return { type: 'message', attachments: [CardFactory.adaptiveCard(fitForTeams(card))] };
}

/** Sends a card and returns its activity id, so it can be updated in place later. */
export async function sendCard(context: TurnContext, card: AdaptiveCardJson): Promise<string | undefined> {
  const response = await context.sendActivity(cardActivity(card));
  return response?.id;
}

export async function replaceCard(context: TurnContext, activityId: string, card: AdaptiveCardJson): Promise<void> {
  await context.updateActivity({ ...cardActivity(card), id: activityId });
}

/**
 * Answers an `adaptiveCard/action` invoke. A card answer replaces the card for the person who clicked only; a text
 * answer leaves the card as it is and shows the text. Setting the answer here also keeps teams-ai from answering
 * (and from updating the shared message: see actionRoute.ts).
 */
export async function answerInvoke(context: TurnContext, answer: { card: AdaptiveCardJson } | { text: string }): Promise<void> {
  const body = 'card' in answer
    ? { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: fitForTeams(answer.card) }
    : { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: answer.text };
  await context.sendActivity({ type: 'invokeResponse', value: { status: 200, body } });
}

export function isCardInvoke(context: TurnContext): boolean {
  return context.activity.type === 'invoke' && context.activity.name === 'adaptiveCard/action';
}
