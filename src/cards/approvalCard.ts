/**
 * The approval request card: posted once to everyone (viewerRole 'everyone', the base card), then refreshed per
 * viewer through Universal Actions. The base card works alone for clients that never fire `refresh`.
 */
import template from './templates/approval.json';
import { approvalActions, refreshSection } from './approvalActions';
import { approvalFacts, LIVE_STATUSES, statusBanner } from './approvalStatus';
import { changeFacts, Fact } from './changes';
import { lookAlikeWarning } from './lookAlikeWarning';
import { expandTemplate } from './expand';
import { ApprovalCardModel, ViewerRole } from './models';
import { outcomeSummaryView } from './outcomeSummary';
import { escapeMarkdown, formatUtc, plainText } from './text';
import { bannerTextColor, toneColor, toneContainerStyle } from './tone';
import { AdaptiveCardJson } from './types';

const NOTES: Partial<Record<ViewerRole, string>> = {
  everyone: 'Only configured approvers can approve; the requester can cancel.',
  approver: 'You are an approver: approve, or reject with a reason.',
  requester: 'Waiting for approvers. You can cancel while it is pending.',
  observer: 'Only configured approvers can act on this request.',
};

function detailFacts(model: ApprovalCardModel): Fact[] {
  const facts: Fact[] = [
    { title: 'Requested by', value: escapeMarkdown(model.requester.name, 80) },
    { title: 'Created', value: formatUtc(model.createdAt) },
  ];
  if (model.status === 'pending' || model.status === 'expired') facts.push({ title: model.status === 'expired' ? 'Expired' : 'Expires', value: formatUtc(model.expiresAt) });
  facts.push(...approvalFacts(model));
  if (model.retryOf) facts.push({ title: 'Retry of', value: escapeMarkdown(model.retryOf, 60) });
  if (model.retriedAs) facts.push({ title: 'Retried as', value: escapeMarkdown(model.retriedAs.requestId, 60) });
  return facts;
}

export function approvalCardView(model: ApprovalCardModel, viewerRole: ViewerRole) {
  const banner = statusBanner(model);
  const outcome = model.outcome ? outcomeSummaryView(model.outcome) : undefined;
  const rejection = model.status === 'rejected' ? model.rejection : undefined;
  const note = model.status === 'pending' ? NOTES[viewerRole] : undefined;
  return {
    title: `Enable Defender for APIs · ${escapeMarkdown(model.plan.subscriptionName, 80)}`,
    subtitle: `${escapeMarkdown(model.plan.subscriptionId, 60)} · ${escapeMarkdown(model.requestId, 60)}`,
    bannerText: banner.text,
    bannerColor: bannerTextColor(banner.tone),
    bannerStyle: toneContainerStyle(banner.tone),
    changes: changeFacts(model.plan.changes),
    hasLookAlike: Boolean(lookAlikeWarning(model.plan)),
    lookAlike: lookAlikeWarning(model.plan) ?? '',
    hasOutcome: Boolean(outcome),
    outcome: outcome ?? { headline: '', rows: [], staleReasons: [] },
    outcomeColor: toneColor(outcome?.tone ?? 'default'),
    hasRejection: Boolean(rejection),
    rejectionTitle: rejection ? `Reason from ${escapeMarkdown(rejection.by.name, 80)}${rejection.at ? ` (${formatUtc(rejection.at)})` : ''}:` : '',
    // A TextRun renders no markdown: the reason is shown exactly as typed (one line, capped).
    rejectionReason: plainText(rejection?.reason, 500) || '(no reason given)',
    hasStatusReason: Boolean(model.statusReason),
    statusReason: plainText(model.statusReason, 300),
    facts: detailFacts(model),
    hasNotice: Boolean(model.notice),
    notice: plainText(model.notice, 400),
    hasNote: Boolean(note),
    note: note ?? '',
    actions: approvalActions(model, viewerRole),
  };
}

export function buildApprovalCard(model: ApprovalCardModel, viewerRole: ViewerRole): AdaptiveCardJson {
  const card = expandTemplate(template, approvalCardView(model, viewerRole));
  // Attached here rather than templated: a finished request has no refresh section at all.
  if (LIVE_STATUSES.includes(model.status)) card.refresh = refreshSection(model);
  return card;
}
