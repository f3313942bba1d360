/**
 * `revert <request id>`: a new request whose plan restores the before-state an earlier request recorded, for each
 * of its subscriptions. It is planned against the state now, so if things moved since, the card shows exactly what
 * the revert would change. Same approval rules and audit chain as any request (it records `revertOf`).
 */
import type { TurnContext } from 'botbuilder';
import { buildMessageCard } from '../../cards';
import type { ApprovalRequest } from '../../core/approval';
import { desiredFromBefore, planRestoreTarget } from '../../core/desiredState';
import type { BotDeps } from '../deps';
import { changePrecheck } from '../guards/changePrecheck';
import type { EnableAnswer } from './enableFlow';
import { withLookAlikes } from './lookAlikeMarks';

/** Only a request that ran can have changed anything; the others left Azure as it was. */
const REVERTIBLE: ApprovalRequest['status'][] = ['succeeded', 'partially-failed', 'failed'];

const notRevertible = (message: string) => ({ reply: buildMessageCard({ tone: 'warning', title: 'Nothing to revert', message }) });

export async function planRevert(context: TurnContext, deps: BotDeps, requestId: string): Promise<EnableAnswer> {
  const precheck = changePrecheck(context, deps, 'open a request');
  if (!precheck.allowed) return { reply: precheck.card };
  const requester = precheck.actor;

  const original = await deps.approvals.get(requestId);
  if (!original) return notRevertible(`No request ${requestId} exists; \`history\` lists recent ones.`);
  if (!REVERTIBLE.includes(original.status)) return notRevertible(`Request ${requestId} is ${original.status}: it changed nothing in Azure, so there is nothing to put back.`);
  if (original.plan.kind === 'onboard') return notRevertible(`Request ${requestId} onboarded APIs; offboarding is not something revert does. Offboard them in the Defender for Cloud portal.`);

  const targets = await Promise.all(original.plan.targets.map(async (target) => {
    const current = await deps.gateway.readSettings(target.subscriptionId);
    return planRestoreTarget({ subscriptionId: target.subscriptionId, displayName: target.subscriptionName }, current, desiredFromBefore(target.before));
  }));
  const outcome = await deps.approvals.request({ plan: { kind: 'restore', targets: await withLookAlikes(deps, targets) }, requester, revertOf: original.id });
  switch (outcome.kind) {
    case 'nothing-to-change':
      return { reply: buildMessageCard({ tone: 'good', title: 'Nothing to revert', message: `The settings are already as request ${requestId} found them.` }) };
    case 'refused':
      return { reply: buildMessageCard({ tone: 'warning', title: 'Revert not opened', message: outcome.message }) };
    case 'already-open':
      return {
        reply: buildMessageCard({
          tone: 'warning',
          title: 'A request is already open',
          message: `Request ${outcome.request.id} is open for ${outcome.request.plan.targets.map((target) => target.subscriptionName).join(', ')}; one open request per subscription.`,
          nextStep: 'Wait for it to finish (or cancel it), then run `revert` again.',
        }),
      };
    case 'created': {
      return {
        reply: buildMessageCard({
          tone: 'default',
          title: `Revert request ${outcome.request.id} opened`,
          message: `It puts back the settings request ${requestId} found, exactly as listed on the card below; nothing changes until an approver approves.`,
        }),
        request: outcome.request,
      };
    }
  }
}
