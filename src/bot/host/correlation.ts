/** A correlation id per turn: in every log line of the turn, and in the one sentence a user sees when it fails. */
import { randomBytes } from 'node:crypto';
import type { TurnContext } from 'botbuilder';
import type { Logger } from '../../logging';

const CORRELATION_KEY = Symbol('defender.correlation');

interface TurnCorrelation {
  correlationId: string;
  logger: Logger;
}

export function newCorrelationId(): string {
  return randomBytes(6).toString('hex');
}

export function beginTurn(context: TurnContext, logger: Logger, correlationId = newCorrelationId()): TurnCorrelation {
  const activity = context.activity;
  const correlation = {
    correlationId,
    logger: logger.child({ correlationId, activityType: activity.type, conversationType: activity.conversation?.conversationType }),
  };
  context.turnState.set(CORRELATION_KEY, correlation);
  return correlation;
}

/** The turn's correlation, or a fresh one when the turn was not begun through the server (tests, proactive turns). */
export function turnCorrelation(context: TurnContext, fallbackLogger: Logger): TurnCorrelation {
  return context.turnState.get(CORRELATION_KEY) ?? beginTurn(context, fallbackLogger);
}
