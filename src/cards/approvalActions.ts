/**
 * The buttons of an approval card: exactly those the model's `buttons` allow (decided by the core's permissionsFor,
 * which the server also enforces on every click), plus a manual Refresh on the shared card.
 */
import { ActionJson } from './types';
import { executeAction, openUrlAction, showCardAction } from './actions';
import { RequestCardModel, ViewerRole } from './models';
import { REJECT_REASON_INPUT_ID, REJECT_REASON_MAX_LENGTH, VERBS } from './verbs';

/** Teams auto-refreshes a card for at most 60 users; the rest see the base card and its Refresh button. */
export const MAX_REFRESH_USER_IDS = 60;

function rejectAction(requestId: string, planHash: string): ActionJson {
  const reasonInput = {
    type: 'Input.Text',
    id: REJECT_REASON_INPUT_ID,
    label: 'Reason (shown to the requester)',
    placeholder: 'e.g. not during the release freeze',
    isMultiline: true,
    isRequired: true,
    errorMessage: 'Say why, so the requester knows what to change.',
    maxLength: REJECT_REASON_MAX_LENGTH,
  };
  const send = executeAction({ title: 'Send rejection', verb: VERBS.reject, data: { requestId, planHash }, style: 'destructive', associatedInputs: 'auto' });
  return showCardAction('Reject…', [reasonInput], [send]);
}

export function approvalActions(model: RequestCardModel, viewerRole: ViewerRole): ActionJson[] {
  const { requestId, planHash, status } = model;
  const ids = { requestId, planHash };
  const actions: ActionJson[] = [];
  const { buttons } = model;
  // 'none': the reject reason input must not ride along with an approval.
  if (buttons.approve) actions.push(executeAction({ title: 'Approve', verb: VERBS.approve, data: ids, style: 'positive', associatedInputs: 'none' }));
  if (buttons.reject) actions.push(rejectAction(requestId, planHash));
  if (buttons.cancel) actions.push(executeAction({ title: 'Cancel request', verb: VERBS.cancel, data: ids, associatedInputs: 'none' }));
  if (buttons.retry && !model.retriedAs) {
    actions.push(executeAction({ title: 'Retry', verb: VERBS.retry, data: ids, style: 'positive', associatedInputs: 'none' }));
  }
  const retriedLink = model.retriedAs?.url ? openUrlAction('Open the retry', model.retriedAs.url) : undefined;
  if (retriedLink) actions.push(retriedLink);
  // The base card never refreshes by itself on clients without Universal Actions: give it a manual Refresh.
  if (viewerRole === 'everyone' && (status === 'pending' || status === 'approved' || status === 'executing')) {
    actions.push(executeAction({ title: 'Refresh', verb: VERBS.refreshRequest, data: { requestId }, associatedInputs: 'none' }));
  }
  return actions;
}

/** The card's `refresh`: Teams fetches each listed user's own view (approver / requester / observer) on open. */
export function refreshSection(model: RequestCardModel) {
  const userIds = [...new Set(model.refreshUserIds.filter((userId) => userId.trim() !== ''))].slice(0, MAX_REFRESH_USER_IDS);
  return { action: { type: 'Action.Execute', verb: VERBS.refreshRequest, data: { requestId: model.requestId } }, userIds };
}
