import assert from 'node:assert/strict';
import { buildStatusCard, STATUS_MAX_SERVICES } from '../../src/cards/statusCard';
import { describeFreeTrial } from '../../src/cards/statusSettings';
import { VERBS } from '../../src/cards/verbs';
import { apimService, HOSTILE_NAME, settings, SUBSCRIPTION_ID, subscriptionStatus } from './fixtures';
import { cardText, collectActions, findUnresolvedPlaceholders, validateAdaptiveCard } from './validateCard';

function assertValid(card: Record<string, unknown>) {
  assert.deepEqual(validateAdaptiveCard(card), []);
  assert.deepEqual(findUnresolvedPlaceholders(card), []);
}

describe('status card', () => {
  it('all off: says what is off first, shows each setting, flags the unsupported SKU, offers Enable', () => {
    const card = buildStatusCard(subscriptionStatus());
    assertValid(card);
    const text = cardText(card);
    assert.equal(text[2], '⚠️ Off: Defender for APIs and API security posture.');
    assert.ok(text.includes('Off'));
    assert.ok(text.includes('2 on · 1 off'), text.join('\n'));
    assert.ok(text.includes('API Management: 2 services, 4 APIs'));
    assert.ok(text.includes('⚠️ Consumption: SKU not supported'));
    assert.ok(text.includes('Premium · 3 APIs'));
    const actions = collectActions(card);
    assert.equal(actions.length, 1);
    assert.equal(actions[0].verb, VERBS.enablePreview);
    assert.deepEqual(actions[0].data, { subscriptionId: SUBSCRIPTION_ID });
  });

  it('all on: good headline, subplan, enablement time and free trial, and no Enable action', () => {
    const card = buildStatusCard(
      subscriptionStatus({ settings: settings({ apisOn: true, cspmOn: true, postureOn: true, subPlan: 'P3' }), apiManagementServices: [apimService('apim')] }),
    );
    assertValid(card);
    const text = cardText(card);
    assert.equal(text[2], '✅ Defender for APIs and API security posture are on.');
    assert.ok(text.includes('On · P3'));
    assert.ok(text.includes('Enabled 2025-03-04 14:05 UTC'));
    assert.ok(text.includes('Free trial: 29 days left'));
    assert.ok(JSON.stringify(card).includes('"color":"Good"'));
    assert.deepEqual(collectActions(card), []);
    assert.ok(!text.some((line) => line.startsWith('•')), 'no warnings expected');
  });

  it('CSPM on but API posture off still counts as off', () => {
    const card = buildStatusCard(subscriptionStatus({ settings: settings({ apisOn: true, cspmOn: true, postureOn: false }) }));
    assertValid(card);
    assert.equal(cardText(card)[2], '⚠️ Off: API security posture.');
    assert.equal(collectActions(card).length, 1);
  });

  it('warns about the unregistered provider (with the az command), missing rights and no APIM', () => {
    const card = buildStatusCard(subscriptionStatus({ securityProviderRegistered: false, canWritePricings: false, apiManagementServices: [] }));
    assertValid(card);
    const warnings = cardText(card).filter((line) => line.startsWith('•')).join('\n');
    assert.match(warnings, /`az provider register --namespace Microsoft.Security --subscription 11111111-2222-3333-4444-555555555555`/);
    assert.match(warnings, /Security Admin/);
    assert.match(warnings, /nothing to protect/);
    assert.ok(cardText(card).includes('API Management: 0 services, 0 APIs'));
  });

  it('caps the service list and stays small with many services', () => {
    const services = Array.from({ length: 40 }, (_, index) => apimService(`apim-${index}`, 'Developer', 50));
    const card = buildStatusCard(subscriptionStatus({ apiManagementServices: services }));
    assertValid(card);
    const text = cardText(card);
    assert.ok(text.includes(`…and ${40 - STATUS_MAX_SERVICES} more services`));
    assert.ok(!text.includes(`apim-${STATUS_MAX_SERVICES}`));
  });

  it('gains one line of open API alerts by severity, or why they could not be read', () => {
    const counted = cardText(buildStatusCard({ ...subscriptionStatus(), apiAlerts: { kind: 'counted', openBySeverity: { High: 1, Medium: 2, Low: 0, Informational: 0 } } }));
    const at = counted.indexOf('Open API alerts (7 days)');
    assert.deepEqual(counted.slice(at, at + 3), ['Open API alerts (7 days)', '1 High · 2 Medium', 'Type `alerts <sub>` to see them.']);
    const none = cardText(buildStatusCard({ ...subscriptionStatus(), apiAlerts: { kind: 'counted', openBySeverity: { High: 0, Medium: 0, Low: 0, Informational: 0 } } }));
    assert.equal(none[none.indexOf('Open API alerts (7 days)') + 1], 'None');
    const card = buildStatusCard({ ...subscriptionStatus(), apiAlerts: { kind: 'unavailable', reason: 'AuthorizationFailed: grant [Security Reader](http://x)' } });
    assertValid(card);
    const unavailable = cardText(card);
    assert.deepEqual(unavailable.slice(unavailable.indexOf('Open API alerts (7 days)'), unavailable.indexOf('Open API alerts (7 days)') + 3), [
      'Open API alerts (7 days)', 'Unavailable', 'alerts unavailable: AuthorizationFailed: grant \\[Security Reader\\](http://x)',
    ]);
    assert.ok(!cardText(buildStatusCard(subscriptionStatus())).includes('Open API alerts (7 days)'), 'no line when alerts were not read');
  });

  it('treats subscription names as plain text', () => {
    const status = subscriptionStatus();
    status.subscription.displayName = HOSTILE_NAME;
    const card = buildStatusCard(status);
    assert.deepEqual(validateAdaptiveCard(card), []);
    assert.equal(cardText(card)[0], 'Defender status · ${$root.title} \\*\\*bold\\*\\* \\[link\\](http://x)');
  });
});

describe('describeFreeTrial', () => {
  it('reads ISO 8601 and TimeSpan durations, and hides an exhausted trial', () => {
    assert.equal(describeFreeTrial('P1DT2H'), 'Free trial: 1 day left');
    assert.equal(describeFreeTrial('12.03:00:00'), 'Free trial: 12 days left');
    assert.equal(describeFreeTrial('PT5H'), 'Free trial: less than a day left');
    assert.equal(describeFreeTrial('0:00:00'), undefined);
    assert.equal(describeFreeTrial(undefined), undefined);
    assert.equal(describeFreeTrial('soon'), 'Free trial left: soon');
  });
});
