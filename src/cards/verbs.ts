/**
 * The `verb` of every card action, shared by the cards that emit them and the bot handlers that route them.
 * Each action is an Action.Execute (Universal Actions) whose Action.Submit fallback carries the same data plus `verb`.
 */
export const VERBS = {
  /** Status card "Enable": data { subscriptionId }. */
  enablePreview: 'defender.enable',
  /** data { requestId, planHash }. */
  approve: 'defender.approve',
  /** data { requestId, planHash } plus the `reason` input. */
  reject: 'defender.reject',
  /** data { requestId }. */
  cancel: 'defender.cancel',
  /** Card refresh and the manual "Refresh" button: data { requestId }. */
  refreshRequest: 'defender.refresh',
  /** Failed / partially failed request: data { requestId, planHash }. */
  retry: 'defender.retry',
  /** Fleet card "Show more": data { page } (1-based page to show). */
  listMore: 'defender.list.more',
  /** data { subscriptionId }. */
  status: 'defender.status',
  /** A request card with many subscriptions, another page of them: data { requestId, page } (1-based). */
  requestPage: 'defender.request.page',
  /** Posture card "Onboard": the `onboard <sub>` request, data { subscriptionId }. */
  onboardApis: 'defender.onboard',
  /** Posture card "Show more": data { subscriptionId, page } (1-based page to show). */
  postureMore: 'defender.posture.more',
  /** Alerts card "Show more": data { page } plus { subscriptionId } when one subscription was asked about. */
  alertsMore: 'defender.alerts.more',
  /** Watch card "Request re-enable": the `enable` request, back to the subplan it had: data { subscriptionId, apiSubPlan? }. */
  reenable: 'defender.watch.reenable',
  /** Watch alert card "Take it" (status InProgress): data { findingId }. */
  alertTake: 'defender.alert.take',
  /** Watch alert card "Resolve" (status Resolved): data { findingId }. */
  alertResolve: 'defender.alert.resolve',
} as const;

export type Verb = (typeof VERBS)[keyof typeof VERBS];

/** Id of the Input.Text the Reject action submits; the reject handler reads `data.reason`. */
export const REJECT_REASON_INPUT_ID = 'reason';
export const REJECT_REASON_MAX_LENGTH = 500;

/** Action data: ids and the plan hash only. Identities come from the activity, never from the card. */
export interface EnablePreviewActionData { subscriptionId: string }
export interface StatusActionData { subscriptionId: string }
export interface RequestActionData { requestId: string }
export interface ApprovalActionData { requestId: string; planHash: string }
export interface RejectActionData extends ApprovalActionData { reason?: string }
export interface ListMoreActionData { page: number }
export interface RequestPageActionData { requestId: string; page: number }
export interface OnboardApisActionData { subscriptionId: string }
export interface PostureMoreActionData { subscriptionId: string; page: number }
export interface AlertsMoreActionData { page: number; subscriptionId?: string }
export interface ReenableActionData { subscriptionId: string; apiSubPlan?: string }
export interface AlertStatusActionData { findingId: string }
