/**
 * The request card: one card for every request, whatever it does (enable, revert, onboard) and however many
 * subscriptions, posted once to everyone (the shared card) and answered per viewer. One section per subscription, its
 * changes and (once run) each one's result; long requests are paged so the card stays within Teams' size limit.
 */
import template from './templates/request.json';
import { executeAction } from './actions';
import { approvalActions, refreshSection } from './approvalActions';
import { approvalFacts, LIVE_STATUSES, statusBanner } from './approvalStatus';
import type { Fact } from './changeFacts';
import { expandTemplate } from './expand';
import type { RequestCardModel, ViewerRole } from './models';
import { requestTargetView, targetsSummary, type RequestTargetView } from './requestTargetView';
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

const NOTES: Partial<Record<ViewerRole, string>> = {
  everyone: 'Only configured approvers can approve; the requester can cancel.',
  approver: 'You are an approver: approve, or reject with a reason.',
  requester: 'Waiting for approvers. You can cancel while it is pending.',
  observer: 'Only configured approvers can act on this request.',
};

function noteFor(model: RequestCardModel, viewerRole: ViewerRole): string | undefined {
  if (model.status !== 'pending') return undefined;
  const note = NOTES[viewerRole];
  return note && model.targets.length > 1 && (viewerRole === 'everyone' || viewerRole === 'approver') ? `${note} One approval covers every subscription listed.` : note;
}

function facts(model: RequestCardModel): Fact[] {
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

export function buildRequestCard(model: RequestCardModel, viewerRole: ViewerRole): AdaptiveCardJson {
  const banner = statusBanner(model);
  const views = model.targets.map(requestTargetView);
  const breaks = pageBreaks(views);
  const pages = breaks.length;
  const page = Math.min(Math.max(1, Math.floor(model.page ?? 1)), pages);
  const first = breaks[page - 1];
  const shown = views.slice(first, breaks[page] ?? views.length);
  const single = model.targets.length === 1 ? model.targets[0].plan : undefined;
  const rejection = model.status === 'rejected' ? model.rejection : undefined;
  const note = noteFor(model, viewerRole);
  const card = expandTemplate(template, {
    title: `${escapeMarkdown(model.heading, 100)} · ${single ? escapeMarkdown(single.subscriptionName, 80) : `${model.targets.length} subscriptions`}`,
    subtitle: single ? `${escapeMarkdown(single.subscriptionId, 60)} · ${escapeMarkdown(model.requestId, 60)}` : escapeMarkdown(model.requestId, 60),
    hasNotice: Boolean(model.notice),
    notice: plainText(model.notice, 400),
    bannerText: banner.text,
    bannerColor: bannerTextColor(banner.tone),
    bannerStyle: toneContainerStyle(banner.tone),
    hasSummary: model.targets.length > 1,
    summary: targetsSummary(model.targets),
    targets: shown,
    hasPages: pages > 1,
    pageInfo: `Subscriptions ${first + 1}–${first + shown.length} of ${model.targets.length} (page ${page} of ${pages})`,
    pageActions: pageActions(model.requestId, page, pages),
    hasRejection: Boolean(rejection),
    rejectionTitle: rejection ? `Reason from ${escapeMarkdown(rejection.by.name, 80)}${rejection.at ? ` (${formatUtc(rejection.at)})` : ''}:` : '',
    // A TextRun renders no markdown: the reason is shown exactly as typed (one line, capped).
    rejectionReason: plainText(rejection?.reason, 500) || '(no reason given)',
    hasStatusReason: Boolean(model.statusReason),
    statusReason: plainText(model.statusReason, 300),
    facts: facts(model),
    hasNote: Boolean(note),
    note: note ?? '',
    actions: approvalActions(model, viewerRole),
  });
  // Attached here rather than templated: a finished request has no refresh section at all.
  if (LIVE_STATUSES.includes(model.status)) card.refresh = refreshSection(model);
  return card;
}
