import type { Application, TurnState } from '@microsoft/teams-ai';
import { RequestActionData, VERBS } from '../../cards';
import { onAction } from '../actionRoute';
import type { BotDeps } from '../deps';
import { cardForViewer, publishChange, refusalView } from '../flows/requestActions';
import { changePrecheck } from '../guards/changePrecheck';

export function register(app: Application<TurnState>, deps: BotDeps): void {
  onAction<RequestActionData>(app, deps, VERBS.cancel, async (context, { requestId }) => {
    const acting = changePrecheck(context, deps, 'cancel');
    if (!acting.allowed) return acting.card;
    const outcome = await deps.approvals.cancel({ requestId, actor: acting.actor });
    if (outcome.kind === 'refused') return refusalView(context, deps, outcome, acting.actor, requestId);
    publishChange(deps, outcome.request);
    return cardForViewer(context, deps, outcome.request, acting.actor);
  });
}
