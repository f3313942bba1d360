/** "Show more" / "Previous" on a request card with many subscriptions: the same request, another page, for this viewer. */
import type { Application, TurnState } from '@microsoft/teams-ai';
import { RequestPageActionData, VERBS } from '../../cards';
import { onAction } from '../actionRoute';
import type { BotDeps } from '../deps';
import { actingPerson } from '../guards/identity';
import { cardForViewer, refusalView } from '../flows/requestActions';

export function register(app: Application<TurnState>, deps: BotDeps): void {
  onAction<RequestPageActionData>(app, deps, VERBS.requestPage, async (context, { requestId, page }) => {
    const request = await deps.approvals.get(requestId);
    if (!request) return refusalView(context, deps, { message: `No request ${requestId} exists.` }, actingPerson(context.activity));
    return cardForViewer(context, deps, request, actingPerson(context.activity), { page });
  });
}
