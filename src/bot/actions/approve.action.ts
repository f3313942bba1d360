/**
 * Approve. The service checks rights, expiry, state and the plan hash, and elects exactly one executor;
 * this handler answers at once and leaves ARM to the background.
 */
import { TurnContext } from 'botbuilder';
import type { Application, TurnState } from '@microsoft/teams-ai';
import { ApprovalActionData, VERBS } from '../../cards';
import { onAction } from '../actionRoute';
import type { BotDeps } from '../deps';
import { executeInBackground } from '../execution';
import { actorOrRefusal, cardForViewer, publishChange, refusalCard } from '../requestActions';

export function register(app: Application<TurnState>, deps: BotDeps): void {
  onAction<ApprovalActionData>(app, VERBS.approve, async (context, { requestId, planHash }) => {
    const acting = actorOrRefusal(context, deps, 'approve');
    if ('card' in acting) return acting.card;
    const tooOften = deps.rateLimits.refusal(context, 'approvals');
    if (tooOften) return tooOften;
    await deps.requestCards.addUserMri(requestId, context.activity.from?.id);
    const outcome = await deps.approvals.approve({ requestId, planHash, approver: acting.actor });
    if (outcome.kind === 'refused') return refusalCard(outcome.message, outcome.request?.id);
    if (outcome.kind === 'execute') executeInBackground(deps, outcome.request, TurnContext.getConversationReference(context.activity));
    else publishChange(deps, outcome.request);
    return cardForViewer(deps, outcome.request, acting.actor);
  });
}
