/**
 * The watch's "Request re-enable" on a coverage-lost card: the same request as `enable <sub>` (same rate limit, same
 * approval rules, same audit), back to the Defender for APIs subplan the subscription had when it was covered.
 */
import type { Application, TurnState } from '@microsoft/teams-ai';
import { ReenableActionData, VERBS } from '../../cards';
import type { ApiSubPlan } from '../../core/defender';
import { onAction } from '../actionRoute';
import type { BotDeps } from '../deps';
import { planEnable } from '../flows/enableFlow';
import { requestFromButton } from '../flows/requestAnswer';

export function register(app: Application<TurnState>, deps: BotDeps): void {
  onAction<ReenableActionData>(app, deps, VERBS.reenable, (context, { subscriptionId, apiSubPlan }) =>
    // The schema admits only P1..P5 as apiSubPlan.
    requestFromButton(context, deps, subscriptionId, (subscription) => planEnable(context, deps, subscription, apiSubPlan as ApiSubPlan | undefined)),
  );
}
