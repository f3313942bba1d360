/** What a request does, read from its plan: enable (the default), revert (targets carry a desired state) or onboard. */
import type { ApprovalRequest } from '../core/approval';

export type RequestKind = 'enable' | 'revert' | 'onboard';

export function requestKindOf(request: Pick<ApprovalRequest, 'plan'>): RequestKind {
  if (request.plan.targets.some((target) => target.onboarding)) return 'onboard';
  if (request.plan.targets.some((target) => target.desired)) return 'revert';
  return 'enable';
}

export function requestHeading(request: Pick<ApprovalRequest, 'plan' | 'revertOf'>): string {
  switch (requestKindOf(request)) {
    case 'onboard':
      return 'Onboard APIs to Defender for APIs';
    case 'revert':
      return request.revertOf ? `Revert ${request.revertOf}` : 'Revert Defender settings';
    case 'enable':
      return 'Enable Defender for APIs';
  }
}

/** The single-subscription enable card stays as it was; everything else lists subscriptions one by one. */
export function usesTargetsCard(request: Pick<ApprovalRequest, 'plan'>): boolean {
  return request.plan.targets.length > 1 || requestKindOf(request) !== 'enable';
}
