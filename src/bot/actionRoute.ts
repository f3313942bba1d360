/**
 * Registers a card action once for both ways it can arrive: an Action.Execute invoke (answered with the new
 * card) and the Action.Submit fallback of older clients (answered by replacing the card, or a new message).
 * The payload is validated before the handler runs; an invalid one gets a clear card and nothing else happens.
 */
import type { TurnContext } from 'botbuilder';
import type { Application, TurnState } from '@microsoft/teams-ai';
import { AdaptiveCardJson, buildMessageCard } from '../cards';
import { KnownVerb, payloadProblem } from './actionPayloads';
import { cardActivity } from './cardReplies';

export type ActionHandler<TData> = (context: TurnContext, data: TData) => Promise<AdaptiveCardJson>;

export function invalidPayloadCard(problem: string): AdaptiveCardJson {
  return buildMessageCard({
    tone: 'attention',
    title: 'That button sent something I cannot accept',
    message: `Nothing was done: ${problem}.`,
    nextStep: 'Use the buttons on a card the bot sent, or type `help` to start again.',
  });
}

async function runValidated<TData>(context: TurnContext, verb: KnownVerb, data: unknown, handler: ActionHandler<TData>) {
  const problem = payloadProblem(verb, data);
  return problem ? invalidPayloadCard(problem) : handler(context, data as TData);
}

export function onAction<TData>(app: Application<TurnState>, verb: KnownVerb, handler: ActionHandler<TData>): void {
  // teams-ai types the answer as botframework's AdaptiveCard interface; our cards are the same JSON.
  app.adaptiveCards.actionExecute(verb, async (context, _state, data) => (await runValidated(context, verb, data, handler)) as never);
  app.adaptiveCards.actionSubmit(verb, async (context, _state, data) => {
    const card = await runValidated(context, verb, data, handler);
    const cardMessageId = context.activity.replyToId;
    if (cardMessageId) await context.updateActivity({ ...cardActivity(card), id: cardMessageId });
    else await context.sendActivity(cardActivity(card));
  });
}
