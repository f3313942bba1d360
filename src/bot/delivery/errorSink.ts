/**
 * The one place a failed turn ends up. It logs the whole error with the turn's correlation id and tells the
 * user, in one sentence, what failed and what to do next. No stack trace or secret reaches the chat.
 */
import type { TurnContext } from 'botbuilder';
import { buildMessageCard } from '../../cards';
import { isDefenderError } from '../../core/errors';
import type { Logger } from '../../logging';
import { answerInvoke, cardActivity, isCardInvoke, replaceCard } from '../host/cardReplies';
import { turnCorrelation } from '../host/correlation';
import { pendingWorkingCard } from './answerWithCard';

/** What the user reads. DefenderError messages are written for people; anything else is an internal fault. */
export function describeFailure(error: unknown, correlationId: string): { title: string; message: string; nextStep: string } {
  if (isDefenderError(error)) {
    return { title: 'Azure said no', message: error.message, nextStep: `If this keeps happening, give an admin the reference ${correlationId}.` };
  }
  return {
    title: 'Something went wrong',
    message: 'The bot hit an internal error and did not finish your request; nothing was changed in Azure by this message.',
    nextStep: `Try again in a minute. If it keeps failing, give an admin the reference ${correlationId}.`,
  };
}

export function createErrorSink(logger: Logger) {
  return async function onTurnError(context: TurnContext, error: Error): Promise<void> {
    const { correlationId, logger: turnLogger } = turnCorrelation(context, logger);
    turnLogger.error({ err: error }, 'turn failed');
    const card = buildMessageCard({ tone: 'attention', ...describeFailure(error, correlationId) });
    try {
      if (isCardInvoke(context)) {
        await answerInvoke(context, { card });
        return;
      }
      const workingCardId = await pendingWorkingCard(context);
      if (workingCardId) await replaceCard(context, workingCardId, card);
      else await context.sendActivity(cardActivity(card));
    } catch (replyError) {
      turnLogger.error({ err: replyError }, 'could not tell the user about the failure');
    }
  };
}
