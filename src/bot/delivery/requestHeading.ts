/** What a request's card calls it: the plan says what it does (enable, restore made by `revert`, onboard). */
import type { ApprovalRequest } from '../../core/approval';

export function requestHeading(request: Pick<ApprovalRequest, 'plan' | 'revertOf'>): string {
  switch (request.plan.kind) {
    case 'onboard':
      return 'Onboard APIs to Defender for APIs';
    case 'restore':
      return request.revertOf ? `Revert ${request.revertOf}` : 'Revert Defender settings';
    case 'enable':
      return 'Enable Defender for APIs';
  }
}
