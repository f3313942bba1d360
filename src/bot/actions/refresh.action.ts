/**
 * Card refresh (Teams fires it for the users in refresh.userIds) and the manual Refresh button: the request
 * as it is now, with the actions this viewer may use. Read-only, so no conversation guardrail.
 */
import type { Application, TurnState } from '@microsoft/teams-ai';
import { RequestActionData, VERBS } from '../../cards';
import { onAction } from '../actionRoute';
import type { BotDeps } from '../deps';
import { actingPerson } from '../guards/identity';
import { cardForViewer, refusalView } from '../flows/requestActions';

export function register(app: Application<TurnState>, deps: BotDeps): void {
  onAction<RequestActionData>(app, deps, VERBS.refreshRequest, async (context, { requestId }) => {
    const request = await deps.approvals.get(requestId);
    if (!request) return refusalView(context, deps, { message: `No request ${requestId} exists.` }, actingPerson(context.activity));
    return cardForViewer(context, deps, request, actingPerson(context.activity));
  });
}
