/**
 * The approval card of a request with several subscriptions (a fleet request), or of a revert or onboarding
 * request: one section per subscription, its changes and (once run) its own result. Long requests are paged so
 * the card stays under Teams' size limit; the buttons and the refresh behave as on the single-target card.
 */
import template from './templates/requestTargets.json';
import { approvalActions, refreshSection } from './approvalActions';
import { approvalFacts, LIVE_STATUSES, statusBanner } from './approvalStatus';
import { executeAction } from './actions';
import type { Fact } from './changes';
import { expandTemplate } from './expand';
import type { ApprovalCardModel, ViewerRole } from './models';
import { requestTargetView, targetsSummary, type RequestTarget, type RequestTargetView } from './requestTargetView';
import { escapeMarkdown, formatUtc, plainText } from './text';
import { bannerTextColor, toneContainerStyle } from './tone';
import type { ActionJson, AdaptiveCardJson } from './types';
import { VERBS } from './verbs';

/** Subscriptions per page at most; fewer when their sections are long (see pageBreaks). */
export const REQUEST_TARGETS_PAGE_SIZE = 8;
/**
 * UTF-16 code units the subscriptions' sections of one page may take, leaving the rest of the card's 80 KB (40,960
 * code units) for the heading, facts, notes and buttons.
 */
const TARGETS_BUDGET_CODE_UNITS = 26_000;

/** First index of each page: as many sections as fit the budget (at least one, at most the page size), in order. */
export function pageBreaks(views: RequestTargetView[]): number[] {
  const starts: number[] = [];
  let used = Infinity;
  let onPage = REQUEST_TARGETS_PAGE_SIZE;
  views.forEach((view, index) => {
    const size = JSON.stringify(view).length;
    if (onPage >= REQUEST_TARGETS_PAGE_SIZE || used + size > TARGETS_BUDGET_CODE_UNITS) {
      starts.push(index);
      used = 0;
      onPage = 0;
    }
    used += size;
    onPage += 1;
  });
  return starts.length ? starts : [0];
}

export interface RequestTargetsCardModel extends Omit<ApprovalCardModel, 'plan' | 'outcome'> {
  /** e.g. "Enable Defender for APIs", "Revert req_…", "Onboard APIs to Defender for APIs". */
  heading: string;
  targets: RequestTarget[];
  /** 1-based; out of range clamps. */
  page?: number;
  /** The request this one reverts. */
  revertOf?: string;
}

const NOTES: Partial<Record<ViewerRole, string>> = {
  everyone: 'Only configured approvers can approve; the requester can cancel. One approval covers every subscription listed.',
  approver: 'You are an approver: one approval covers every subscription listed.',
  requester: 'Waiting for approvers. You can cancel while it is pending.',
  observer: 'Only configured approvers can act on this request.',
};

function facts(model: RequestTargetsCardModel): Fact[] {
  const list: Fact[] = [
    { title: 'Requested by', value: escapeMarkdown(model.requester.name, 80) },
    { title: 'Created', value: formatUtc(model.createdAt) },
  ];
  if (model.status === 'pending' || model.status === 'expired') list.push({ title: model.status === 'expired' ? 'Expired' : 'Expires', value: formatUtc(model.expiresAt) });
  list.push(...approvalFacts(model));
  if (model.revertOf) list.push({ title: 'Reverts', value: escapeMarkdown(model.revertOf, 60) });
  if (model.retryOf) list.push({ title: 'Retry of', value: escapeMarkdown(model.retryOf, 60) });
  if (model.retriedAs) list.push({ title: 'Retried as', value: escapeMarkdown(model.retriedAs.requestId, 60) });
  return list;
}

function pageActions(requestId: string, page: number, pages: number): ActionJson[] {
  const actions: ActionJson[] = [];
  if (page > 1) actions.push(executeAction({ title: 'Previous', verb: VERBS.requestPage, data: { requestId, page: page - 1 }, associatedInputs: 'none' }));
  if (page < pages) actions.push(executeAction({ title: 'Show more', verb: VERBS.requestPage, data: { requestId, page: page + 1 }, associatedInputs: 'none' }));
  return actions;
}

export function buildRequestTargetsCard(model: RequestTargetsCardModel, viewerRole: ViewerRole): AdaptiveCardJson {
  // The shared pieces (banner, buttons, refresh) read only the request-level fields, which this model has.
  const asApproval = { ...model, plan: model.targets[0]?.plan } as ApprovalCardModel;
  const banner = statusBanner(asApproval);
  const views = model.targets.map(requestTargetView);
  const breaks = pageBreaks(views);
  const pages = breaks.length;
  const page = Math.min(Math.max(1, Math.floor(model.page ?? 1)), pages);
  const first = breaks[page - 1];
  const shown = views.slice(first, breaks[page] ?? views.length);
  const rejection = model.status === 'rejected' ? model.rejection : undefined;
  const note = model.status === 'pending' ? NOTES[viewerRole] : undefined;
  const card = expandTemplate(template, {
    title: `${escapeMarkdown(model.heading, 100)} · ${model.targets.length === 1 ? escapeMarkdown(model.targets[0].plan.subscriptionName, 80) : `${model.targets.length} subscriptions`}`,
    subtitle: escapeMarkdown(model.requestId, 60),
    bannerText: banner.text,
    bannerColor: bannerTextColor(banner.tone),
    bannerStyle: toneContainerStyle(banner.tone),
    summary: targetsSummary(model.targets),
    targets: shown,
    hasPages: pages > 1,
    pageInfo: `Subscriptions ${first + 1}–${first + shown.length} of ${model.targets.length} (page ${page} of ${pages})`,
    pageActions: pageActions(model.requestId, page, pages),
    hasRejection: Boolean(rejection),
    rejectionTitle: rejection ? `Reason from ${escapeMarkdown(rejection.by.name, 80)}${rejection.at ? ` (${formatUtc(rejection.at)})` : ''}:` : '',
    rejectionReason: plainText(rejection?.reason, 500) || '(no reason given)',
    hasStatusReason: Boolean(model.statusReason),
    statusReason: plainText(model.statusReason, 300),
    facts: facts(model),
    hasNotice: Boolean(model.notice),
    notice: plainText(model.notice, 400),
    hasNote: Boolean(note),
    note: note ?? '',
    actions: approvalActions(asApproval, viewerRole),
  });
  if (LIVE_STATUSES.includes(model.status)) card.refresh = refreshSection(asApproval);
  return card;
}
