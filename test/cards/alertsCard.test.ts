import assert from 'node:assert/strict';
import { ALERTS_MAX_UNREADABLE, ALERTS_PAGE_SIZE, buildAlertsCard } from '../../src/cards/alertsCard';
import { safePortalUrl } from '../../src/cards/portalLink';
import { VERBS } from '../../src/cards/verbs';
import type { ApiAlert, SubscriptionApiAlerts } from '../../src/core/monitoring';
import { SUBSCRIPTION_ID } from './fixtures';
import { cardText, collectActions, findUnresolvedPlaceholders, markdownTexts, MAX_CARD_UTF16_BYTES, validateAdaptiveCard } from './validateCard';

const PORTAL = 'https://portal.azure.com/#blade/Microsoft_Azure_Security_AzureDefenderForData/AlertBlade/alertId/2517/subscriptionId/x/referencedFrom/alertDeepLink/location/westeurope';
const SUBSCRIPTION = { subscriptionId: SUBSCRIPTION_ID, displayName: 'Contoso Dev' };

function apiAlert(minute: number, extra: Partial<ApiAlert> = {}): ApiAlert {
  return {
    subscriptionId: SUBSCRIPTION_ID,
    ref: { location: 'westeurope', name: `alert-${minute}`, resourceGroup: 'rg-dev' },
    alertType: 'API_SpikeInAPITraffic',
    displayName: `Suspicious spike in API traffic ${minute}`,
    severity: 'Medium',
    status: 'Active',
    timeGenerated: new Date(Date.UTC(2025, 5, 10, 12, minute)).toISOString(),
    compromisedEntity: 'Echo API',
    description: 'A suspicious spike in API traffic was detected.',
    remediationSteps: [],
    portalUrl: PORTAL,
    ...extra,
  };
}

function assertValid(card: Record<string, unknown>) {
  assert.deepEqual(validateAdaptiveCard(card), []);
  assert.deepEqual(findUnresolvedPlaceholders(card), []);
}

/** True when the text holds markdown a TextBlock would render as a link, emphasis or heading. */
function rendersMarkup(text: string): boolean {
  return /(?<!\\)\[[^\]]*(?<!\\)\]\(/.test(text) || /(?<!\\)\*\*/.test(text) || /^#/m.test(text);
}

describe('alerts card', () => {
  it('shows severity, name, API, time and status newest first, with Open in portal, and a headline of open alerts by severity', () => {
    const card = buildAlertsCard({ subscription: SUBSCRIPTION, page: 1, rows: [{ subscription: SUBSCRIPTION, alerts: [
      apiAlert(1, { severity: 'Low', status: 'Resolved' }), apiAlert(3, { severity: 'High' }), apiAlert(2, { status: 'InProgress' }),
    ] }] });
    assertValid(card);
    const text = cardText(card);
    assert.equal(text[0], 'Defender for APIs alerts · Contoso Dev');
    assert.equal(text[1], '3 alerts in the last 7 days · 2 open: 1 High, 1 Medium');
    assert.deepEqual(text.filter((line) => line.startsWith('Suspicious')), ['Suspicious spike in API traffic 3', 'Suspicious spike in API traffic 2', 'Suspicious spike in API traffic 1']);
    assert.ok(text.includes('API: Echo API · 2025-06-10 12:02 UTC · In progress'), text.join('\n'));
    assert.ok(text.includes('High') && text.includes('Low'));
    const links = collectActions(card).filter((action) => action.type === 'Action.OpenUrl');
    assert.equal(links.length, 3);
    assert.equal(links[0].title, 'Open in portal');
    assert.equal(links[0].url, PORTAL);
    assert.ok(JSON.stringify(card).includes('"color":"Attention"'), 'High stands out');
  });

  it('says so when there is none, and where such alerts come from', () => {
    const card = buildAlertsCard({ subscription: SUBSCRIPTION, page: 1, rows: [{ subscription: SUBSCRIPTION, alerts: [] }] });
    assertValid(card);
    const text = cardText(card).join('\n');
    assert.match(text, /No Defender for APIs alerts in the last 7 days/);
    assert.match(text, /only where it is on/);
    assert.deepEqual(collectActions(card), []);
  });

  it('pages with Show more (carrying the subscription when one was asked about) and clamps a page past the end', () => {
    const alerts = Array.from({ length: ALERTS_PAGE_SIZE + 3 }, (_, index) => apiAlert(index));
    const first = buildAlertsCard({ subscription: SUBSCRIPTION, page: 1, rows: [{ subscription: SUBSCRIPTION, alerts }] });
    assertValid(first);
    const more = collectActions(first).find((action) => action.verb === VERBS.alertsMore);
    assert.deepEqual(more?.data, { page: 2, subscriptionId: SUBSCRIPTION_ID });
    const last = buildAlertsCard({ subscription: SUBSCRIPTION, page: 9, rows: [{ subscription: SUBSCRIPTION, alerts }] });
    assert.match(cardText(last).join('\n'), new RegExp(`Showing ${ALERTS_PAGE_SIZE + 1}–${ALERTS_PAGE_SIZE + 3} of ${ALERTS_PAGE_SIZE + 3}`));
    assert.equal(collectActions(last).find((action) => action.verb === VERBS.alertsMore), undefined);
  });

  it('across subscriptions: names each alert\'s subscription, and the ones that could not be read (first page only)', () => {
    const other = { subscriptionId: '22222222-2222-3333-4444-555555555555', displayName: 'Woodgrove' };
    const rows: SubscriptionApiAlerts[] = [
      { subscription: SUBSCRIPTION, alerts: Array.from({ length: ALERTS_PAGE_SIZE }, (_, index) => apiAlert(index)) },
      { subscription: other, alerts: [{ ...apiAlert(30), subscriptionId: other.subscriptionId }] },
      { subscription: { subscriptionId: '3', displayName: 'Legacy Billing' }, error: { code: 'MissingSubscriptionRegistration', message: 'MissingSubscriptionRegistration: register it: az provider register --namespace Microsoft.Security' } },
    ];
    const card = buildAlertsCard({ page: 1, rows });
    assertValid(card);
    const text = cardText(card);
    assert.equal(text[0], 'Defender for APIs alerts · 3 subscriptions');
    assert.ok(text.includes('API: Echo API · 2025-06-10 12:30 UTC · Active · Woodgrove'), text.join('\n'));
    assert.ok(text.includes('Could not read the alerts of 1 subscription:'));
    assert.ok(text.includes('• Legacy Billing: MissingSubscriptionRegistration: register it: az provider register --namespace Microsoft.Security'), text.join('\n'));
    assert.deepEqual(collectActions(card).find((action) => action.verb === VERBS.alertsMore)?.data, { page: 2 });
    assert.doesNotMatch(cardText(buildAlertsCard({ page: 2, rows })).join('\n'), /Could not read/);
  });

  it('threat: alert names, APIs and descriptions carrying links, mentions and template syntax render as plain text', () => {
    const evil = '[Approve here](https://evil.example/phish) **urgent** <at>Avery</at> ${$root.title}\n# Resolved';
    const card = buildAlertsCard({ subscription: SUBSCRIPTION, page: 1, rows: [{ subscription: SUBSCRIPTION, alerts: [
      apiAlert(1, { displayName: evil, compromisedEntity: evil, description: evil, severity: '**Critical**', status: '[x](http://y)' }),
    ] }] });
    assert.deepEqual(validateAdaptiveCard(card), []);
    const text = markdownTexts(card);
    assert.equal(text.length, 6);
    assert.ok(text.every((line) => !rendersMarkup(line)), text.join('\n'));
    assert.ok(text.some((line) => line.includes('\\<at\\>Avery\\</at\\>')), 'a mention stays literal text');
    assert.ok(text.some((line) => line.includes('${$root.title}')), 'template syntax stays literal');
    // The description goes in a TextRun, which renders no markdown: exactly the text, on one line.
    assert.ok(JSON.stringify(card).includes(JSON.stringify(evil.replace('\n', ' '))));
    assert.deepEqual(collectActions(card).filter((action) => action.type === 'Action.OpenUrl').map((action) => action.url), [PORTAL], 'the only link is the checked portal link');
  });

  it('threat: only https links to the Azure portal become a button', () => {
    for (const bad of ['javascript:alert(1)', 'http://portal.azure.com/x', 'https://portal.azure.com.evil.example/x', 'https://portal.azure.com@evil.example/x',
      'https://evil.example/?https://portal.azure.com', 'https://portal.azure.com:8443/x', 'data:text/html,hi', `https://portal.azure.com/${'x'.repeat(1000)}`, 'not a url']) {
      assert.equal(safePortalUrl(bad), undefined, bad);
      const card = buildAlertsCard({ subscription: SUBSCRIPTION, page: 1, rows: [{ subscription: SUBSCRIPTION, alerts: [apiAlert(1, { portalUrl: bad })] }] });
      assertValid(card);
      assert.deepEqual(collectActions(card), [], bad);
    }
    assert.equal(safePortalUrl('https://PORTAL.azure.us/#blade/x'), 'https://portal.azure.us/#blade/x');
  });

  it('stays within the card size limits at the worst case: full pages of the longest fields, in the costliest characters', () => {
    for (const fill of ['\\', '中', '😀', '"', '<', '\u0001', 'a']) {
      const long = fill.repeat(2000);
      const subscriptions = Array.from({ length: 10 }, (_, index) => ({ subscriptionId: `${index}`.repeat(36).slice(0, 36), displayName: long }));
      const rows: SubscriptionApiAlerts[] = subscriptions.map((subscription, index) =>
        index < 2
          ? { subscription, alerts: Array.from({ length: ALERTS_PAGE_SIZE }, (_, minute) => ({ ...apiAlert(minute, { displayName: long, compromisedEntity: long, description: long, severity: long, status: long, portalUrl: `https://portal.azure.com/#${'a'.repeat(980)}` }), subscriptionId: subscription.subscriptionId })) }
          : { subscription, error: { code: 'ArmError', message: long } });
      assert.ok(rows.filter((row) => row.error).length > ALERTS_MAX_UNREADABLE);
      const card = buildAlertsCard({ page: 1, rows });
      assert.deepEqual(validateAdaptiveCard(card), [], `fill ${JSON.stringify(fill)}`);
      assert.ok(JSON.stringify(card).length * 2 <= MAX_CARD_UTF16_BYTES);
    }
  });
});
