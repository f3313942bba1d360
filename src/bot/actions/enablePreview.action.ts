/** The status card's "Enable" button: the same flow as `enable <sub>`, for the subscription on the card. */
import type { Application, TurnState } from '@microsoft/teams-ai';
import { EnablePreviewActionData, VERBS } from '../../cards';
import { onAction } from '../actionRoute';
import type { BotDeps } from '../deps';
import { planEnable } from '../enableFlow';
import { subscriptionNotFoundCard } from '../subscriptionLookup';

export function register(app: Application<TurnState>, deps: BotDeps): void {
  onAction<EnablePreviewActionData>(app, VERBS.enablePreview, async (context, { subscriptionId }) => {
    const tooOften = deps.rateLimits.refusal(context, 'enable');
    if (tooOften) return tooOften;
    const resolution = await deps.gateway.resolveSubscription(subscriptionId);
    if (resolution.kind !== 'found') return subscriptionNotFoundCard(subscriptionId, resolution.kind === 'not-found' ? resolution.visible : []);
    const answer = await planEnable(context, deps, resolution.subscription);
    if (answer.requestCard) await deps.publisher.post(context, answer.requestCard.requestId, answer.requestCard.card);
    return answer.reply;
  });
}
