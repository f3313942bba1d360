/**
 * An activity whose sender identity has the wrong shape (`from.id` or `from.aadObjectId` not a string, e.g. an array
 * or a number) is answered with a clear refusal and logged, before any handler could trip over it or, worse, act on
 * a half-read identity. A missing identity is not malformed: handlers answer "I cannot tell who you are".
 */
import type { TurnContext } from 'botbuilder';
import { buildMessageCard } from '../../cards';
import type { Logger } from '../../logging';
import { answerInvoke, cardActivity, isCardInvoke } from '../host/cardReplies';
import { turnCorrelation } from '../host/correlation';

const IDENTITY_FIELDS = ['id', 'aadObjectId', 'name'] as const;

/** The identity fields present with a type other than string; empty when the identity is well formed (or absent). */
export function malformedIdentityFields(from: unknown): string[] {
  if (from === undefined || from === null) return [];
  if (typeof from !== 'object' || Array.isArray(from)) return ['from'];
  const record = from as Record<string, unknown>;
  return IDENTITY_FIELDS.filter((field) => record[field] !== undefined && typeof record[field] !== 'string').map((field) => `from.${field}`);
}

const refusalCard = (fields: string[]) =>
  buildMessageCard({
    tone: 'attention',
    title: 'I cannot tell who you are',
    message: `This message carried a malformed identity (${fields.join(', ')} is not text), so I did nothing with it.`,
    nextStep: 'Use the bot from Microsoft Teams, signed in with your work account. If this keeps happening, tell your admin.',
  });

export function identityGuard(logger: Logger) {
  return async (context: TurnContext): Promise<boolean> => {
    const fields = malformedIdentityFields(context.activity.from);
    if (fields.length === 0) return true;
    turnCorrelation(context, logger).logger.warn({ fields, activityType: context.activity.type }, 'refused an activity whose sender identity is malformed');
    const card = refusalCard(fields);
    if (isCardInvoke(context)) {
      await answerInvoke(context, { card });
    } else if (context.activity.type === 'message') {
      await context.sendActivity(cardActivity(card));
    }
    return false;
  };
}
