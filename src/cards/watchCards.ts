/**
 * The watch's other cards, as message cards: coverage lost (before → after, with Request re-enable), a new API that
 * is not onboarded (with Onboard), and the digest that replaces a flood. Both buttons open normal requests, so the
 * same approval rules and audit apply. Subscription, service and API names are untrusted: the message card escapes them.
 */
import type { WatchFinding } from '../core/watch/findings';
import { buildMessageCard } from './messageCard';
import { plural } from './text';
import type { AdaptiveCardJson } from './types';
import { VERBS } from './verbs';

type Finding<K extends WatchFinding['kind']> = Extract<WatchFinding, { kind: K }>;

export function buildCoverageLostCard(finding: Finding<'coverage-lost'>): AdaptiveCardJson {
  const subPlan = finding.before.apiSubPlan;
  return buildMessageCard({
    tone: 'attention',
    title: `⚠️ Coverage lost · ${finding.subscriptionName}`,
    message: `${finding.subscriptionName} (${finding.subscriptionId}) was covered by Defender for APIs and API security posture at the last scan; now it is not.`,
    itemsTitle: 'Before → after',
    items: finding.drops.map((drop) => `${drop.label}: ${drop.before} → ${drop.after}`),
    nextStep: 'Request re-enable opens a normal request to turn it back on: an approver must approve it, and it is audited.',
    choices: [{ title: 'Request re-enable', verb: VERBS.reenable, data: { subscriptionId: finding.subscriptionId, ...(subPlan ? { apiSubPlan: subPlan } : {}) } }],
  });
}

export function buildNewApiCard(finding: Finding<'new-api'>): AdaptiveCardJson {
  const { api } = finding;
  return buildMessageCard({
    tone: 'warning',
    title: `New API not onboarded · ${finding.subscriptionName}`,
    message: `${api.displayName} (${api.serviceName}/${api.apiId}) appeared in API Management on ${finding.subscriptionName}, which Defender for APIs covers, and is not onboarded: it gets no threat detection or posture assessment yet.`,
    nextStep: 'Onboard opens a normal onboarding request for every API of this subscription that is not onboarded: an approver must approve it.',
    choices: [{ title: 'Onboard', verb: VERBS.onboardApis, data: { subscriptionId: finding.subscriptionId } }],
  });
}

function digestLine(finding: WatchFinding): string {
  switch (finding.kind) {
    case 'coverage-lost':
      return `Coverage lost · ${finding.subscriptionName}: ${finding.drops.map((drop) => `${drop.label} ${drop.before} → ${drop.after}`).join(', ')}`;
    case 'new-api':
      return `New API not onboarded · ${finding.subscriptionName}: ${finding.api.displayName}`;
    case 'new-alert':
      return `${finding.alert.severity} alert · ${finding.subscriptionName}: ${finding.alert.displayName}`;
  }
}

/** Most severe kinds first, so the 15 lines the card shows are the ones that matter most. */
const KIND_ORDER: Record<WatchFinding['kind'], number> = { 'coverage-lost': 0, 'new-alert': 1, 'new-api': 2 };

export function buildWatchDigestCard(findings: WatchFinding[]): AdaptiveCardJson {
  const count = (kind: WatchFinding['kind']) => findings.filter((finding) => finding.kind === kind).length;
  const parts = [
    count('coverage-lost') && plural(count('coverage-lost'), 'subscription') + ' lost coverage',
    count('new-alert') && plural(count('new-alert'), 'new alert'),
    count('new-api') && plural(count('new-api'), 'new API') + ' not onboarded',
  ].filter(Boolean);
  const sorted = [...findings].sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind]);
  return buildMessageCard({
    tone: count('coverage-lost') || findings.some((finding) => finding.kind === 'new-alert' && finding.alert.severity === 'High') ? 'attention' : 'warning',
    title: `Defender watch: ${plural(findings.length, 'finding')} in one scan`,
    message: `${parts.join(', ')}. Too many for a card each, so here they are together.`,
    itemsTitle: 'What changed',
    items: sorted.map(digestLine),
    nextStep: 'Type `list` for coverage, `alerts` for the alerts (open them in the portal to take or resolve them) and `posture <subscription>` to onboard APIs.',
  });
}
