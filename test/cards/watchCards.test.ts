/** The watch's cards: valid, within Teams' size at their worst, saying what changed, with the right buttons. */
import assert from 'node:assert/strict';
import { buildCoverageLostCard, buildNewApiCard, buildWatchAlertCard, buildWatchDigestCard, VERBS } from '../../src/cards';
import type { ApiAlert } from '../../src/core/monitoring';
import type { CoverageState, WatchFinding } from '../../src/core/watch/findings';
import { SUBSCRIPTION_ID } from './fixtures';
import { cardText, collectActions, findUnresolvedPlaceholders, MAX_CARD_UTF16_BYTES, validateAdaptiveCard } from './validateCard';

const PORTAL = 'https://portal.azure.com/#blade/Microsoft_Azure_Security_AzureDefenderForData/AlertBlade/alertId/2517/subscriptionId/x/referencedFrom/alertDeepLink/location/westeurope';
const FINDING_ID = 'a'.repeat(40);
const ALERT: ApiAlert = {
  subscriptionId: SUBSCRIPTION_ID,
  ref: { location: 'westeurope', name: '2517_x', resourceGroup: 'rg-dev' },
  alertType: 'API_SpikeInAPITraffic',
  displayName: 'Suspicious spike in API traffic to an API endpoint from a single IP address',
  severity: 'High',
  status: 'Active',
  timeGenerated: '2025-06-10T12:03:00Z',
  compromisedEntity: 'Echo API',
  description: 'A suspicious spike in API traffic was detected from client IP 203.0.113.24.',
  remediationSteps: ['Check whether the client IP address is known to you.', 'Block it with an ip-filter policy.'],
  portalUrl: PORTAL,
};
const COVERED: CoverageState = { subscriptionName: 'Contoso Dev', apiTier: 'Standard', apiSubPlan: 'P2', cspmTier: 'Standard', apiPosture: true };

function assertValid(card: Record<string, unknown>) {
  assert.deepEqual(validateAdaptiveCard(card), []);
  assert.deepEqual(findUnresolvedPlaceholders(card), []);
}

const titles = (card: Record<string, unknown>) => collectActions(card).map((action) => String(action.title));

describe('watch cards', () => {
  it('an alert card shows name, severity, API, time, description, steps and Open in portal, with Take it and Resolve while it is active', () => {
    const card = buildWatchAlertCard({ findingId: FINDING_ID, subscriptionName: 'Contoso Dev', alert: ALERT, actions: [] });
    assertValid(card);
    const text = cardText(card).join('\n');
    assert.match(text, /New Defender for APIs alert · Contoso Dev\nHigh\nSuspicious spike in API traffic/);
    assert.match(text, /API: Echo API\nTime: 2025-06-10 12:03 UTC\nStatus: Active/);
    assert.match(text, /Description\nA suspicious spike[\s\S]*Remediation steps\n1\. Check whether[\s\S]*2\. Block it/);
    assert.deepEqual(titles(card), ['Take it', 'Resolve', 'Open in portal']);
  });

  it('after Take it: who took it and when, Resolve only; after Resolve: who resolved it, no buttons but the portal', () => {
    const taken = { status: 'InProgress' as const, by: { id: 'a', name: 'Avery Approver' }, at: '2025-06-10T12:10:00Z' };
    const inProgress = buildWatchAlertCard({ findingId: FINDING_ID, subscriptionName: 'Contoso Dev', alert: ALERT, actions: [taken] });
    assertValid(inProgress);
    assert.match(cardText(inProgress).join('\n'), /Status: In progress[\s\S]*Taken \(in progress\) by Avery Approver · 2025-06-10 12:10 UTC/);
    assert.deepEqual(titles(inProgress), ['Resolve', 'Open in portal']);
    const resolved = buildWatchAlertCard({ findingId: FINDING_ID, subscriptionName: 'Contoso Dev', alert: ALERT, actions: [taken, { ...taken, status: 'Resolved', by: { id: 'r', name: 'Rowan' } }] });
    assert.match(cardText(resolved).join('\n'), /Resolved by Rowan/);
    assert.deepEqual(titles(resolved), ['Open in portal']);
  });

  it('an alert card at its worst (huge texts, 50 steps, both actions) stays within 80 KB', () => {
    const huge = '𝔸'.repeat(20_000);
    const alert = { ...ALERT, displayName: huge, compromisedEntity: huge, description: huge, severity: huge, remediationSteps: Array.from({ length: 50 }, () => huge) };
    const by = { id: 'x', name: huge };
    const card = buildWatchAlertCard({ findingId: FINDING_ID, subscriptionName: huge, alert, actions: [{ status: 'InProgress', by, at: ALERT.timeGenerated }, { status: 'Resolved', by, at: ALERT.timeGenerated }] });
    assertValid(card);
    assert.match(cardText(card).join('\n'), /and 44 more steps in the portal/);
  });

  it('coverage lost shows before → after and Request re-enable back to the subplan it had', () => {
    const finding: Extract<WatchFinding, { kind: 'coverage-lost' }> = {
      kind: 'coverage-lost', key: 'k', subscriptionId: SUBSCRIPTION_ID, subscriptionName: 'Contoso Dev', before: COVERED, after: { ...COVERED, apiTier: 'Free', apiSubPlan: undefined, apiPosture: false },
      drops: [{ setting: 'defenderForApis', label: 'Defender for APIs', before: 'Standard (P2)', after: 'Free' }, { setting: 'apiPosture', label: 'API security posture management (CSPM)', before: 'On', after: 'Off' }],
    };
    const card = buildCoverageLostCard(finding);
    assertValid(card);
    assert.match(cardText(card).join('\n'), /Coverage lost · Contoso Dev[\s\S]*Before → after\n• Defender for APIs: Standard \(P2\) → Free\n• API security posture management \(CSPM\): On → Off/);
    const [button] = collectActions(card);
    assert.deepEqual([button.title, button.verb, button.data], ['Request re-enable', VERBS.reenable, { subscriptionId: SUBSCRIPTION_ID, apiSubPlan: 'P2' }]);
  });

  it('a new API card names it and offers Onboard (the onboard request)', () => {
    const card = buildNewApiCard({ kind: 'new-api', key: 'k', subscriptionId: SUBSCRIPTION_ID, subscriptionName: 'Contoso Dev', api: { resourceGroup: 'rg', serviceName: 'dev-apim', apiId: 'billing', displayName: 'Billing API' } });
    assertValid(card);
    assert.match(cardText(card).join('\n'), /New API not onboarded · Contoso Dev\nBilling API \(dev-apim\/billing\) appeared/);
    assert.deepEqual(collectActions(card).map((action) => [action.title, action.verb]), [['Onboard', VERBS.onboardApis]]);
  });

  it('the digest of 5,000 findings counts each kind, lists the most severe first, and fits', () => {
    const lost: WatchFinding = { kind: 'coverage-lost', key: 'k', subscriptionId: SUBSCRIPTION_ID, subscriptionName: 'Fleet 0001', before: COVERED, after: { ...COVERED, cspmTier: 'Free', apiPosture: false }, drops: [{ setting: 'cspmPlan', label: 'Defender CSPM plan', before: 'Standard', after: 'Free' }] };
    const alert: WatchFinding = { kind: 'new-alert', key: 'a', subscriptionId: SUBSCRIPTION_ID, subscriptionName: 'Fleet 0002', alert: ALERT };
    const findings: WatchFinding[] = [...Array.from({ length: 4990 }, () => alert), ...Array.from({ length: 10 }, () => lost)];
    const card = buildWatchDigestCard(findings);
    assertValid(card);
    assert.ok(JSON.stringify(card).length * 2 <= MAX_CARD_UTF16_BYTES);
    const text = cardText(card).join('\n');
    assert.match(text, /Defender watch: 5000 findings in one scan\n10 subscriptions lost coverage, 4990 new alerts\./);
    assert.match(text, /What changed\n• Coverage lost · Fleet 0001: Defender CSPM plan Standard → Free/);
    assert.match(text, /…and 4985 more/);
  });
});
