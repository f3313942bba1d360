/**
 * Runs an approved request after the invoke has been answered: Teams gives an invoke about 15 s and ARM can
 * be slower, so the approver sees "executing" at once and every card is updated when ARM is done.
 */
import type { ApprovalRequest } from '../../core/approval';
import type { ConversationReference } from 'botbuilder';
import type { BotDeps } from '../deps';
import { reconcileDelayMs } from '../../core/approval';
import type { PlanKind } from '../../core/plan';
import { validationSummary } from './validationNotice';

const SUCCESS_TEXT: Record<PlanKind, string> = {
  enable: 'Defender for APIs and API security posture are on',
  restore: 'The earlier settings are restored',
  onboard: 'The APIs are onboarded to Defender for APIs',
};

const ENDINGS: Partial<Record<ApprovalRequest['status'], { title: string; tone: 'good' | 'warning' | 'attention' }>> = {
  succeeded: { title: 'Your request is done', tone: 'good' },
  'partially-failed': { title: 'Your request partly failed', tone: 'warning' },
  failed: { title: 'Your request failed', tone: 'attention' },
  stale: { title: 'Your request was not applied', tone: 'warning' },
};

function endingText(request: ApprovalRequest): string {
  const subscription = request.plan.targets.map((target) => target.subscriptionName).join(', ');
  switch (request.status) {
    case 'succeeded':
      return `${SUCCESS_TEXT[request.plan.kind]} for ${subscription} (request ${request.id}).`;
    case 'stale':
      return `The settings of ${subscription} changed after the plan was made, so nothing was written. Run the command again for a fresh plan.`;
    default:
      return `Some settings of ${subscription} could not be changed (a subscription whose settings moved since planning is skipped); the request card shows what happened to each. An approver can Retry.`;
  }
}

/**
 * `approverConversation` is where the approval was clicked: if applying fails before any outcome is stored
 * (e.g. storage went away), the approver is told there, which needs no storage.
 */
export function executeInBackground(deps: BotDeps, request: ApprovalRequest, approverConversation: Partial<ConversationReference>): void {
  deps.background.run(`execute ${request.id}`, async () => {
    let finished: ApprovalRequest;
    try {
      finished = await deps.approvals.execute(request.id);
    } catch (error) {
      deps.logger.error({ err: error, requestId: request.id }, 'applying an approved request failed before its outcome was stored');
      await deps.publisher.notify(approverConversation, {
        tone: 'attention',
        title: 'The approved change did not finish',
        text: `Applying request ${request.id} failed inside the bot before its result was saved. Within ${Math.ceil(reconcileDelayMs(deps.config.timing) / 60_000)} minutes the bot re-reads Azure and records on its card what was applied (it never applies it twice); check its card or \`history\` then.`,
      });
      return;
    }
    await deps.publisher.updateAll(finished);
    const ending = ENDINGS[finished.status];
    if (ending) await deps.publisher.notifyRequester(finished, { ...ending, text: endingText(finished) + (await validationSummary(deps, finished)) });
  });
}
