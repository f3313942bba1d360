/**
 * The short validation summary the requester's notice carries after a successful enable or onboard: reads each
 * subscription's API posture and alerts (at most a few subscriptions: the notice is one short message) and says
 * what it found, or that it could not be read. Never throws: the result stands whatever these reads do.
 */
import type { ApprovalRequest } from '../../core/approval';
import { isDefenderError } from '../../core/errors';
import { validationSentence } from '../../core/validationSummary';
import type { BotDeps } from '../deps';

/** Subscriptions summarised in one notice; a fleet request names how many more `posture` can show. */
export const VALIDATION_MAX_SUBSCRIPTIONS = 2;

const reason = (error: unknown) => (isDefenderError(error) ? error.code : 'the bot hit an internal error');

async function settle<T>(read: Promise<T>): Promise<{ value: T } | { error: string }> {
  try {
    return { value: await read };
  } catch (error) {
    return { error: reason(error) };
  }
}

/** " Validation: …" for a succeeded enable or onboard; "" for anything else. */
export async function validationSummary(deps: Pick<BotDeps, 'gateway' | 'logger'>, request: ApprovalRequest): Promise<string> {
  if (request.status !== 'succeeded' || request.plan.kind === 'restore') return '';
  const targets = request.plan.targets.slice(0, VALIDATION_MAX_SUBSCRIPTIONS);
  const sentences = await Promise.all(targets.map(async (target) => {
    const [posture, alerts] = await Promise.all([settle(deps.gateway.getApiPosture(target.subscriptionId)), settle(deps.gateway.listApiAlerts(target.subscriptionId))]);
    if ('error' in posture || 'error' in alerts) deps.logger.info({ requestId: request.id, subscriptionId: target.subscriptionId }, 'part of the validation summary could not be read');
    const justOnboarded = target.kind === 'onboard' ? target.apis.map((api) => `${api.serviceName}/${api.apiId}`.toLowerCase()) : [];
    return validationSentence({ subscriptionName: target.subscriptionName, posture, alerts, justOnboarded });
  }));
  const more = request.plan.targets.length - targets.length;
  return ` Validation: ${sentences.join(' ')}${more > 0 ? ` And ${more} more subscriptions: posture <subscription> shows each.` : ''}`;
}
