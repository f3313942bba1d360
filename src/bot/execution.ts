/**
 * Runs an approved request after the invoke has been answered: Teams gives an invoke about 15 s and ARM can
 * be slower, so the approver sees "executing" at once and every card is updated when ARM is done.
 */
import type { ApprovalRequest } from '../core/approval';
import type { BotDeps } from './deps';

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
      return `Defender for APIs and API security posture are on for ${subscription} (request ${request.id}).`;
    case 'stale':
      return `The settings of ${subscription} changed after the plan was made, so nothing was written. Run \`enable\` again for a fresh plan.`;
    default:
      return `Some settings of ${subscription} could not be changed; the request card shows ARM's message for each. An approver can Retry.`;
  }
}

export function executeInBackground(deps: BotDeps, request: ApprovalRequest): void {
  deps.background.run(`execute ${request.id}`, async () => {
    const finished = await deps.approvals.execute(request.id);
    await deps.publisher.updateAll(finished);
    const ending = ENDINGS[finished.status];
    if (ending) await deps.publisher.notifyRequester(finished, { ...ending, text: endingText(finished) });
  });
}
