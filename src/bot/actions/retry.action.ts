/** Retry a failed or partly failed request: a fresh plan for what failed, as a new request linked to the first. */
import type { Application, TurnState } from '@microsoft/teams-ai';
import { RequestActionData, VERBS } from '../../cards';
import { onAction } from '../actionRoute';
import type { BotDeps } from '../deps';
import { cardForViewer, refusalView } from '../flows/requestActions';
import { changePrecheck } from '../guards/changePrecheck';

export function register(app: Application<TurnState>, deps: BotDeps): void {
  onAction<RequestActionData>(app, deps, VERBS.retry, async (context, { requestId }) => {
    const acting = changePrecheck(context, deps, 'retry');
    if (!acting.allowed) return acting.card;
    const outcome = await deps.approvals.retry({ requestId, actor: acting.actor });
    if (outcome.kind === 'refused') return refusalView(context, deps, outcome, acting.actor, requestId);
    if (outcome.kind === 'nothing-to-change') return refusalView(context, deps, { message: 'Everything the request set out to change is as planned now; nothing to retry.' }, acting.actor, requestId);
    await deps.publisher.post(context, outcome.request);
    const original = await deps.approvals.get(requestId);
    return cardForViewer(context, deps, original ?? outcome.request, acting.actor);
  });
}
