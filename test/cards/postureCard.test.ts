import assert from 'node:assert/strict';
import { buildPostureCard, POSTURE_PAGE_SIZE } from '../../src/cards/postureCard';
import { VERBS } from '../../src/cards/verbs';
import type { ApiCollectionPosture, ApiPosture, NotOnboardedApi } from '../../src/core/monitoring';
import { settings, SUBSCRIPTION_ID } from './fixtures';
import { cardText, collectActions, findUnresolvedPlaceholders, validateAdaptiveCard } from './validateCard';

function onboarded(apiId: string, extra: Partial<ApiCollectionPosture> = {}): ApiCollectionPosture {
  return {
    resourceGroup: 'rg-dev', serviceName: 'contoso-dev-apim', apiId, displayName: apiId.toUpperCase(),
    endpoints: 12, unauthenticatedEndpoints: 2, externalEndpoints: 5, inactiveEndpoints: 3, sensitiveDataEndpoints: 1, sensitivityLabel: 'Confidential', ...extra,
  };
}
const notOnboarded = (apiId: string, skuSupported = true): NotOnboardedApi => ({ resourceGroup: 'rg-dev', serviceName: 'contoso-dev-apim', apiId, displayName: apiId.toUpperCase(), skuSupported });

function posture(overrides: Partial<ApiPosture> = {}): ApiPosture {
  return {
    subscription: { subscriptionId: SUBSCRIPTION_ID, displayName: 'Contoso Dev' },
    settings: settings({ apisOn: true, cspmOn: true, postureOn: true }),
    onboarded: [onboarded('echo'), onboarded('orders', { unauthenticatedEndpoints: 0, sensitiveDataEndpoints: 0, sensitivityLabel: undefined, endpoints: 8 })],
    notOnboarded: [notOnboarded('admin')],
    ...overrides,
  };
}

function assertValid(card: Record<string, unknown>) {
  assert.deepEqual(validateAdaptiveCard(card), []);
  assert.deepEqual(findUnresolvedPlaceholders(card), []);
}

describe('posture card', () => {
  it('totals at the top, then one row per API with its counts and label; Onboard for the rest', () => {
    const card = buildPostureCard({ posture: posture(), page: 1 });
    assertValid(card);
    const text = cardText(card);
    assert.equal(text[0], 'API posture · Contoso Dev');
    assert.equal(text[2], '✅ Defender for APIs and API security posture are on · 2 of 3 APIs onboarded.');
    for (const fact of ['APIs onboarded: 2 of 3', 'Endpoints: 20', 'Unauthenticated: 2', 'Exposed to the internet: 10', 'Inactive (30 days): 6', 'Exposing sensitive data: 1']) {
      assert.ok(text.includes(fact), `${fact} in\n${text.join('\n')}`);
    }
    assert.ok(text.includes('12 endpoints · 2 unauthenticated · 5 exposed to the internet · 3 inactive 30 days · 1 exposing sensitive data · label: Confidential'), text.join('\n'));
    const rows = text.filter((line) => ['ADMIN', 'ECHO', 'ORDERS'].includes(line));
    assert.deepEqual(rows, ['ADMIN', 'ECHO', 'ORDERS'], 'by service, then name');
    assert.ok(text.includes('Not onboarded'));
    const actions = collectActions(card);
    assert.deepEqual(actions.map((action) => [action.title, action.verb, action.data]), [['Onboard 1 API…', VERBS.onboardApis, { subscriptionId: SUBSCRIPTION_ID }]]);
  });

  it('says what is missing with Enable when Defender for APIs or API posture is off', () => {
    const card = buildPostureCard({ posture: posture({ settings: settings({ apisOn: false, cspmOn: false }) }), page: 1 });
    assertValid(card);
    const text = cardText(card).join('\n');
    assert.match(text, /Missing: Defender for APIs is off and API security posture is off \(Defender CSPM is off\)\./);
    assert.match(text, /Enable asks an approver/);
    const enable = collectActions(card).find((action) => action.verb === VERBS.enablePreview);
    assert.deepEqual(enable?.data, { subscriptionId: SUBSCRIPTION_ID });
    const postureOnly = cardText(buildPostureCard({ posture: posture({ settings: settings({ apisOn: true, cspmOn: true, postureOn: false }) }), page: 1 })).join('\n');
    assert.match(postureOnly, /Missing: API security posture is off\./);
  });

  it('an API onboarded moments ago has no counts yet; an unsupported tier gets no Onboard', () => {
    const card = buildPostureCard({
      posture: posture({ onboarded: [onboarded('fresh', { endpoints: undefined, unauthenticatedEndpoints: undefined, externalEndpoints: undefined, inactiveEndpoints: undefined, sensitiveDataEndpoints: undefined, sensitivityLabel: undefined })], notOnboarded: [notOnboarded('edge', false)] }),
      page: 1,
    });
    assertValid(card);
    const text = cardText(card).join('\n');
    assert.match(text, /No posture data yet: it appears within hours of onboarding\./);
    assert.match(text, /tier is not one Defender for APIs supports/);
    assert.equal(collectActions(card).find((action) => action.verb === VERBS.onboardApis), undefined);
  });

  it('no API Management API: says there is nothing to assess', () => {
    const card = buildPostureCard({ posture: posture({ onboarded: [], notOnboarded: [] }), page: 1 });
    assertValid(card);
    assert.match(cardText(card).join('\n'), /No API Management API here/);
  });

  it('stays within the size limits at the worst case: a full page of the longest names in the costliest characters', () => {
    for (const fill of ['\\', '中', '😀', '"', '<', 'a']) {
      const long = fill.repeat(2000);
      const counts = { endpoints: 1e12, unauthenticatedEndpoints: 1e12, externalEndpoints: 1e12, inactiveEndpoints: 1e12, sensitiveDataEndpoints: 1e12 };
      const many = Array.from({ length: POSTURE_PAGE_SIZE }, (_, index) => onboarded(`api-${index}`, { displayName: long, serviceName: long, resourceGroup: long, sensitivityLabel: long, ...counts }));
      const card = buildPostureCard({ posture: posture({ subscription: { subscriptionId: SUBSCRIPTION_ID, displayName: long }, onboarded: many, notOnboarded: [notOnboarded('x')], settings: settings() }), page: 1 });
      assert.deepEqual(validateAdaptiveCard(card), [], `fill ${JSON.stringify(fill)}`);
    }
  });

  it('pages with Show more', () => {
    const many = Array.from({ length: POSTURE_PAGE_SIZE * 2 + 1 }, (_, index) => onboarded(`api-${String(index).padStart(2, '0')}`));
    const first = buildPostureCard({ posture: posture({ onboarded: many, notOnboarded: [notOnboarded('x')], settings: settings() }), page: 1 });
    assertValid(first);
    const more = collectActions(first).find((action) => action.verb === VERBS.postureMore);
    assert.deepEqual(more?.data, { subscriptionId: SUBSCRIPTION_ID, page: 2 });
    assert.equal(collectActions(first).length, 3, 'Enable, Onboard and Show more');
    const last = buildPostureCard({ posture: posture({ onboarded: many }), page: 3 });
    assert.match(cardText(last).join('\n'), new RegExp(`Showing ${POSTURE_PAGE_SIZE * 2 + 1}–${POSTURE_PAGE_SIZE * 2 + 2} of ${POSTURE_PAGE_SIZE * 2 + 2}`));
    assert.equal(collectActions(last).find((action) => action.verb === VERBS.postureMore), undefined);
  });
});
