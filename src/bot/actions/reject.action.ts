import type { Application, TurnState } from '@microsoft/teams-ai';
import { RejectActionData, VERBS } from '../../cards';
import { onAction } from '../actionRoute';
import type { BotDeps } from '../deps';
import { cardForViewer, publishChange, refusalView } from '../flows/requestActions';
import { changePrecheck } from '../guards/changePrecheck';

export function register(app: Application<TurnState>, deps: BotDeps): void {
  onAction<RejectActionData>(app, deps, VERBS.reject, async (context, { requestId, planHash, reason }) => {
    const acting = changePrecheck(context, deps, 'reject');
    if (!acting.allowed) return acting.card;
    const outcome = await deps.approvals.reject({ requestId, planHash, approver: acting.actor, reason: reason ?? '' });
    if (outcome.kind === 'refused') return refusalView(context, deps, outcome, acting.actor, requestId);
    publishChange(deps, outcome.request);
    return cardForViewer(context, deps, outcome.request, acting.actor);
  });
}
