/**
 * Approve. The service checks rights, expiry, state and the plan hash, and elects exactly one executor;
 * this handler answers at once and leaves ARM to the background.
 */
import { TurnContext } from 'botbuilder';
import type { Application, TurnState } from '@microsoft/teams-ai';
import { ApprovalActionData, buildMessageCard, VERBS } from '../../cards';
import { onAction } from '../actionRoute';
import type { BotDeps } from '../deps';
import { executeInBackground } from '../flows/executeApproved';
import { cardForViewer, publishChange, refusalView } from '../flows/requestActions';
import { changePrecheck } from '../guards/changePrecheck';

export function register(app: Application<TurnState>, deps: BotDeps): void {
  onAction<ApprovalActionData>(app, deps, VERBS.approve, async (context, { requestId, planHash }) => {
    const acting = changePrecheck(context, deps, 'approve');
    if (!acting.allowed) return acting.card;
    const tooOften = deps.rateLimits.refusal(context, 'approvals');
    if (tooOften) return tooOften;
    await deps.cardLocations.addUserMri(requestId, context.activity.from?.id);
    const outcome = await deps.approvals.approve({ requestId, planHash, approver: acting.actor });
    if (outcome.kind === 'refused') return refusalView(context, deps, outcome, acting.actor, requestId);
    if (outcome.kind === 'recorded') {
      publishChange(deps, outcome.request);
      return cardForViewer(context, deps, outcome.request, acting.actor);
    }
    executeInBackground(deps, outcome.request, TurnContext.getConversationReference(context.activity));
    try {
      return await cardForViewer(context, deps, outcome.request, acting.actor);
    } catch (error) {
      // The change is being applied whatever happened here: never answer "nothing was changed" now.
      deps.logger.warn({ err: error, requestId }, 'approved and applying, but the approver\'s card could not be drawn');
      return buildMessageCard({ tone: 'good', title: 'Approved: the change is being applied', message: `Request ${requestId} is being applied now; its card will show each setting when Azure has answered.` });
    }
  });
}
