/**
 * Card actions nobody registered: an unknown verb, or a submit without one. Registered last, so it only
 * sees what every other route refused. Answered with a clear card; nothing else happens.
 */
import type { TurnContext } from 'botbuilder';
import type { Application, TurnState } from '@microsoft/teams-ai';
import { invalidPayloadCard } from '../actionRoute';
import { answerInvoke, cardActivity, isCardInvoke } from '../host/cardReplies';

const isCardSubmit = async (context: TurnContext) =>
  context.activity.type === 'message' && !context.activity.text?.trim() && typeof context.activity.value === 'object';

function describeVerb(verb: unknown): string {
  return typeof verb === 'string' ? `"${verb.slice(0, 40)}" is not an action this bot knows` : 'the action names no verb';
}

export function register(app: Application<TurnState>): void {
  app.activity(async (context) => isCardInvoke(context), async (context) => {
    const card = invalidPayloadCard(describeVerb(context.activity.value?.action?.verb));
    await answerInvoke(context, { card });
  });
  app.activity(isCardSubmit, async (context) => {
    await context.sendActivity(cardActivity(invalidPayloadCard(describeVerb(context.activity.value?.verb))));
  });
}
