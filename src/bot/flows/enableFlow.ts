/**
 * `enable <sub>` and the status card's Enable button: plan the exact changes, and unless there are none,
 * open an approval request. Nothing is written to Azure here.
 */
import type { TurnContext } from 'botbuilder';
import { AdaptiveCardJson, buildEnablePreviewCard, buildMessageCard } from '../../cards';
import type { ApiSubPlan, Subscription } from '../../core/defender';
import type { ApprovalRequest } from '../../core/approval';
import { planTarget } from '../../core/plan';
import type { BotDeps } from '../deps';
import { changePrecheck } from '../guards/changePrecheck';
import { withLookAlikes } from './lookAlikeMarks';

export interface EnableAnswer {
  /** The answer to the person who asked: the preview, or why nothing happened. */
  reply: AdaptiveCardJson;
  /** The request whose card to post in the conversation, when there is one to approve. */
  request?: ApprovalRequest;
}

export async function planEnable(context: TurnContext, deps: BotDeps, subscription: Subscription, apiSubPlan?: ApiSubPlan): Promise<EnableAnswer> {
  const precheck = changePrecheck(context, deps, 'open a request');
  if (!precheck.allowed) return { reply: precheck.card };
  const requester = precheck.actor;

  const settings = await deps.gateway.readSettings(subscription.subscriptionId);
  const [target] = await withLookAlikes(deps, [planTarget(subscription, settings, { apiSubPlan })]);
  const minApprovals = deps.config.approvals.minApprovals;
  if (target.changes.length === 0) return { reply: buildEnablePreviewCard({ plan: target, minApprovals }) };

  const outcome = await deps.approvals.request({ plan: { kind: 'enable', targets: [target] }, requester });
  switch (outcome.kind) {
    case 'nothing-to-change':
      return { reply: buildEnablePreviewCard({ plan: target, minApprovals }) };
    case 'refused':
      return { reply: buildMessageCard({ tone: 'warning', title: 'Request not opened', message: outcome.message }) };
    case 'already-open':
      return {
        reply: buildMessageCard({
          tone: 'default',
          title: 'A request is already open',
          message: `${subscription.displayName} already has an open request (${outcome.request.id}) from ${outcome.request.requester.name}.`,
          nextStep: 'Its card is below. Approvers can act on it there, or type `requests` to see every open request.',
        }),
        request: outcome.request,
      };
    case 'created':
      return {
        reply: buildEnablePreviewCard({ plan: target, requestId: outcome.request.id, minApprovals }),
        request: outcome.request,
      };
  }
}
