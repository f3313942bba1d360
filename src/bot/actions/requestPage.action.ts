/** "Show more" / "Previous" on a request card with many subscriptions: the same request, another page, for this viewer. */
import type { Application, TurnState } from '@microsoft/teams-ai';
import { RequestPageActionData, VERBS } from '../../cards';
import { onAction } from '../actionRoute';
import type { BotDeps } from '../deps';
import { actingPerson } from '../identity';
import { refusalCard } from '../requestActions';
import { approvalCard, viewerRoleOf } from '../requestView';

export function register(app: Application<TurnState>, deps: BotDeps): void {
  onAction<RequestPageActionData>(app, VERBS.requestPage, async (context, { requestId, page }) => {
    const request = await deps.approvals.get(requestId);
    if (!request) return refusalCard(`No request ${requestId} exists; type \`requests\` to see the open ones.`);
    const viewer = actingPerson(context.activity);
    const { userMris } = await deps.requestCards.get(request.id);
    const approverIds = deps.config.approvals.approvers;
    return approvalCard(request, viewerRoleOf(request, viewer, approverIds), { approverIds, userMris }, page);
  });
}
