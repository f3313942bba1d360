/**
 * Registers a card action once for both ways it can arrive: an Action.Execute invoke and the Action.Submit fallback
 * of older clients (answered with a new message). The payload is validated before the handler runs; an invalid one
 * gets a clear card and nothing else happens.
 *
 * Invokes are answered here, never by teams-ai: its actionExecute switches to REPLACE_FOR_ALL once a card carries
 * `refresh` and then writes every answer (one viewer's view, a refusal) over the shared message. Our answer goes to
 * the person who clicked only; the shared card is changed by the card publisher alone, when the request changes.
 * The handler runs in a turn of its own (detachedTurn.ts): if it takes longer than the answer budget, the click is
 * answered "working on it" and its card follows as a new message, so Teams never waits past its invoke timeout.
 */
import type { TurnContext } from 'botbuilder';
import type { Application, TurnState } from '@microsoft/teams-ai';
import { AdaptiveCardJson, buildMessageCard } from '../cards';
import { KnownVerb, payloadProblem } from './guards/actionPayloads';
import { answerInvoke, cardActivity, sendCard } from './host/cardReplies';
import type { BotDeps } from './deps';
import { runDetached, within } from './host/detachedTurn';

export type ActionHandler<TData> = (context: TurnContext, data: TData) => Promise<AdaptiveCardJson>;

/** teams-ai expects an invoke answered within 5 s and Teams gives up soon after: answer well before. */
export const DEFAULT_INVOKE_ANSWER_BUDGET_MS = 3000;

export const STILL_WORKING_TEXT = 'Still working on it: the answer follows in this chat in a moment.';

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

type ActionDeps = Pick<BotDeps, 'proactive' | 'background' | 'logger' | 'invokeAnswerBudgetMs'>;

export function onAction<TData>(app: Application<TurnState>, deps: ActionDeps, verb: KnownVerb, handler: ActionHandler<TData>): void {
  app.adaptiveCards.actionExecute(verb, async (context, _state, data) => {
    const work = runDetached(deps.proactive, context.activity, (detached) => runValidated(detached, verb, data, handler));
    const quick = await within(work, deps.invokeAnswerBudgetMs ?? DEFAULT_INVOKE_ANSWER_BUDGET_MS);
    if (quick) {
      await answerInvoke(context, { card: quick.value });
    } else {
      await answerInvoke(context, { text: STILL_WORKING_TEXT });
      const activity = context.activity;
      deps.background.run(`finish ${verb}`, async () => {
        const card = await work.catch((error: unknown) => {
          deps.logger.error({ err: error, verb }, 'a card action failed after its click was answered');
          return buildMessageCard({ tone: 'attention', title: 'That did not finish', message: 'The bot hit an internal error while answering your click; nothing else was done for it.', nextStep: 'Try again in a minute.' });
        });
        await runDetached(deps.proactive, activity, (detached) => sendCard(detached, card));
      });
    }
    // Already answered above, so teams-ai neither answers again nor touches the shared message.
    return '' as never;
  });
  // Clients below card schema 1.5 submit instead: there is no answer for one person, so the answer is a new
  // message, and the card clicked (shared with everyone in the conversation) is left to the card publisher.
  app.adaptiveCards.actionSubmit(verb, async (context, _state, data) => {
    const card = await runValidated(context, verb, data, handler);
    try {
      await context.sendActivity(cardActivity(card));
    } catch (error) {
      // The action has run (an approval may be applying now): only its answer was lost. The turn's error sink would
      // tell the person "nothing was changed", so it must not hear of this; the card publisher still updates the card.
      deps.logger.warn({ err: error, verb }, 'a card action ran, but its answer could not be posted');
    }
  });
}
