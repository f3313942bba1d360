/** What a request does, read from its plan: enable (the default), restore (made by `revert`) or onboard. */
import type { ApprovalRequest } from '../core/approval';
import { planKind, type PlanKind } from '../core/plan';

export type RequestKind = PlanKind;

export function requestKindOf(request: Pick<ApprovalRequest, 'plan'>): RequestKind {
  return planKind(request.plan);
}

export function requestHeading(request: Pick<ApprovalRequest, 'plan' | 'revertOf'>): string {
  switch (requestKindOf(request)) {
    case 'onboard':
      return 'Onboard APIs to Defender for APIs';
    case 'restore':
      return request.revertOf ? `Revert ${request.revertOf}` : 'Revert Defender settings';
    case 'enable':
      return 'Enable Defender for APIs';
  }
}

/** The single-subscription enable card stays as it was; everything else lists subscriptions one by one. */
export function usesTargetsCard(request: Pick<ApprovalRequest, 'plan'>): boolean {
  return request.plan.targets.length > 1 || requestKindOf(request) !== 'enable';
}
