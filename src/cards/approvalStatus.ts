/** The approval card's banner: the request's status in a few words and a colour. */
import { RequestCardModel, ApprovalStatus } from './models';
import type { Fact } from './changeFacts';
import { escapeMarkdown, plural, shortList } from './text';
import { Tone } from './types';

export function quorumText(model: Pick<RequestCardModel, 'approvals' | 'minApprovals'>): string {
  return `${model.approvals.length} of ${plural(model.minApprovals, 'approval')}`;
}

export function statusBanner(model: RequestCardModel): { text: string; tone: Tone } {
  const banners: Record<ApprovalStatus, () => { text: string; tone: Tone }> = {
    pending: () => ({ text: `⏳ Waiting for approval · ${quorumText(model)}`, tone: 'warning' }),
    approved: () => ({ text: '✅ Approved · applying shortly', tone: 'good' }),
    executing: () => ({ text: '⏳ Approved · applying the changes now', tone: 'default' }),
    succeeded: () => ({ text: '✅ Done: the changes are applied', tone: 'good' }),
    'partially-failed': () => ({ text: '⚠️ Partly done: some changes failed', tone: 'attention' }),
    failed: () => ({ text: '❌ Failed: the changes were not applied', tone: 'attention' }),
    rejected: () => ({ text: `⛔ Rejected${model.rejection ? ` by ${escapeMarkdown(model.rejection.by.name, 80)}` : ''}`, tone: 'attention' }),
    cancelled: () => ({ text: `Cancelled${model.cancelledBy ? ` by ${escapeMarkdown(model.cancelledBy.name, 80)}` : ''}`, tone: 'default' }),
    expired: () => ({ text: `⌛ Expired with ${quorumText(model)}: nothing changed`, tone: 'warning' }),
    stale: () => ({ text: '⚠️ Stale: settings changed since it was planned; nothing changed', tone: 'warning' }),
  };
  return banners[model.status]();
}

/** Statuses whose card can still change for someone: the ones worth refreshing. */
export const LIVE_STATUSES: readonly ApprovalStatus[] = ['pending', 'approved', 'executing', 'partially-failed', 'failed'];

/** Names beyond this are counted, not listed: the quorum line must stay one line on a phone. */
const MAX_APPROVER_NAMES = 5;

/** "Approvals: 1 of 2 approvals: Avery", and one line per approval that no longer counts, saying why. */
export function approvalFacts(model: Pick<RequestCardModel, 'approvals' | 'minApprovals' | 'notCounted'>): Fact[] {
  const names = model.approvals.map((approval) => escapeMarkdown(approval.name, 60));
  const facts: Fact[] = [{ title: 'Approvals', value: names.length ? `${quorumText(model)}: ${shortList(names, MAX_APPROVER_NAMES)}` : quorumText(model) }];
  const notCounted = (model.notCounted ?? []).map(({ name, reason }) => `${escapeMarkdown(name, 60)}'s approval no longer counts: ${reason}`);
  if (notCounted.length) facts.push({ title: 'Not counted', value: shortList(notCounted, MAX_APPROVER_NAMES) });
  return facts;
}
