import type { Application, TurnState } from '@microsoft/teams-ai';
import { RequestActionData, VERBS } from '../../cards';
import { onAction } from '../actionRoute';
import type { BotDeps } from '../deps';
import { actorOrRefusal, cardForViewer, publishChange, refusalView } from '../requestActions';

export function register(app: Application<TurnState>, deps: BotDeps): void {
  onAction<RequestActionData>(app, deps, VERBS.cancel, async (context, { requestId }) => {
    const acting = actorOrRefusal(context, deps, 'cancel');
    if ('card' in acting) return acting.card;
    const outcome = await deps.approvals.cancel({ requestId, actor: acting.actor });
    if (outcome.kind === 'refused') return refusalView(context, deps, outcome, acting.actor, requestId);
    publishChange(deps, outcome.request);
    return cardForViewer(context, deps, outcome.request, acting.actor);
  });
}
