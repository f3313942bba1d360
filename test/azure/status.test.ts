import assert from 'node:assert/strict';
import type { Clock } from '../../src/core/ports';
import { SUB_PROD, SUB_PROD_EU, SUB_READONLY, SUB_UNREGISTERED, badRequests, graphQueries, startHarness, testSeed, type Harness, applyAsExecutor, planEnable } from './simulatorHarness';
import { eventually } from '../support/eventually';

class ManualClock implements Clock {
  constructor(private ms = Date.parse('2025-01-01T00:00:00Z')) {}
  now = () => new Date(this.ms);
  advance(ms: number) {
    this.ms += ms;
  }
}

describe('DefenderClient status and subscription resolution (real SDK pipeline)', () => {
  let harness: Harness;
  const clock = new ManualClock();
  beforeEach(async () => (harness = await startHarness(testSeed(), { clock })));
  afterEach(async () => harness.close());

  it('shows both pricings, the CSPM extensions as booleans, APIM services with SKU support, registration and write permission', async () => {
    const status = await harness.client.getStatus(SUB_PROD);
    assert.deepEqual(status.subscription, { subscriptionId: SUB_PROD, displayName: 'Contoso Production', state: 'Enabled' });
    assert.equal(status.settings.api.pricingTier, 'Free');
    assert.equal(status.settings.cspm.pricingTier, 'Standard');
    assert.deepEqual(
      status.settings.cspm.extensions.map(({ name, isEnabled }) => [name, isEnabled]),
      [['SensitiveDataDiscovery', true], ['AgentlessVmScanning', true], ['ContainerRegistriesVulnerabilityAssessments', false], ['ApiPosture', false]],
    );
    assert.deepEqual(
      status.apiManagementServices.map(({ name, resourceGroup, sku, skuSupported, apis }) => ({ name, resourceGroup, sku, skuSupported, apis: apis.map((api) => api.displayName) })),
      [
        { name: 'contoso-apim', resourceGroup: 'rg-apis', sku: 'Developer', skuSupported: true, apis: ['Orders API'] },
        { name: 'contoso-consumption', resourceGroup: 'rg-edge', sku: 'Consumption', skuSupported: false, apis: [] },
      ],
    );
    assert.equal(status.securityProviderRegistered, true);
    assert.equal(status.canWritePricings, true);
    assert.deepEqual(badRequests(harness.simulator), []);
  });

  it('reports a read-only identity and an unregistered provider instead of failing', async () => {
    assert.equal((await harness.client.getStatus(SUB_READONLY)).canWritePricings, false);
    const unregistered = await harness.client.getStatus(SUB_UNREGISTERED);
    assert.equal(unregistered.securityProviderRegistered, false);
    assert.equal(unregistered.settings.api.pricingTier, 'Free');
  });

  it('runs the independent reads concurrently', async () => {
    harness.simulator.setFaults({ latencyMs: 200 });
    const started = Date.now();
    await harness.client.getStatus(SUB_PROD);
    // Six calls (subscription, pricings, APIM services then their APIs, provider, permissions): sequential would take 1.2 s.
    assert.ok(Date.now() - started < 700, `took ${Date.now() - started} ms`);
  });

  it('reads Api with its subplan, enablement time and free trial after enabling', async () => {
    await applyAsExecutor(harness.client, await planEnable(harness.client, SUB_PROD_EU, { apiSubPlan: 'P4' }));
    const { api } = await harness.client.readSettings(SUB_PROD_EU);
    assert.equal(api.pricingTier, 'Standard');
    assert.equal(api.subPlan, 'P4');
    assert.ok(api.enablementTime && api.freeTrialRemainingTime, JSON.stringify(api));
  });

  it('resolves by GUID or name case-insensitively; reports unknown and ambiguous queries', async () => {
    const { client } = harness;
    assert.deepEqual(await client.resolveSubscription(SUB_PROD.toUpperCase()), { kind: 'found', subscription: { subscriptionId: SUB_PROD, displayName: 'Contoso Production', state: 'Enabled' } });
    const exact = await client.resolveSubscription('contoso production');
    assert.equal(exact.kind === 'found' && exact.subscription.subscriptionId, SUB_PROD, 'the exact name wins over "Contoso Production EU"');
    const ambiguous = await client.resolveSubscription('contoso');
    assert.equal(ambiguous.kind, 'ambiguous');
    assert.deepEqual(ambiguous.kind === 'ambiguous' && ambiguous.candidates.map((candidate) => candidate.displayName).sort(), ['Contoso Production', 'Contoso Production EU']);
    const unknown = await client.resolveSubscription('woodgrove');
    assert.equal(unknown.kind, 'not-found');
    assert.equal(unknown.kind === 'not-found' && unknown.visible.length, 5);
    const unique = await client.resolveSubscription('fabrikam');
    assert.equal(unique.kind === 'found' && unique.subscription.displayName, 'Fabrikam Dev');
  });

  it('reads the subscriptions once from Resource Graph, never pages GET /subscriptions, and refreshes them in the background past the TTL', async () => {
    const { client, simulator } = harness;
    const listQueries = () => graphQueries(simulator).length;
    await client.resolveSubscription('contoso production');
    await client.resolveSubscription('fabrikam');
    await client.getStatus(SUB_PROD); // the subscription itself comes from the list, not another GET
    assert.equal(listQueries(), 1);
    assert.equal(simulator.requests().filter((request) => request.path === '/subscriptions').length, 0, 'no paging through GET /subscriptions');
    assert.equal(simulator.requests().filter((request) => request.path === `/subscriptions/${SUB_PROD}`).length, 0);
    clock.advance(61_000);
    assert.equal((await client.listSubscriptions()).length, 5, 'served at once from memory');
    await eventually(() => listQueries() === 2, 'a background read replaced the list');
  });

  it('warmUp (what /readyz asks on every probe) reads the list once; probes after that read nothing, however old the list', async () => {
    const { client, simulator } = harness;
    await client.warmUp();
    clock.advance(10 * 61_000);
    await client.warmUp();
    await client.warmUp();
    assert.equal(graphQueries(simulator).length, 1);
  });

  it('a name that matches nothing reads the list again once, so a subscription created since is found', async () => {
    const { client, simulator } = harness;
    await client.warmUp();
    simulator.state.subscriptions.set('aaaaaaaa-0000-4000-8000-00000000000f', { ...simulator.state.subscription(SUB_PROD_EU), subscriptionId: 'aaaaaaaa-0000-4000-8000-00000000000f', displayName: 'Tailspin New' });
    assert.equal((await client.resolveSubscription('tailspin')).kind, 'not-found', 'a list read a moment ago is not read again for a typo');
    clock.advance(6_000);
    const found = await client.resolveSubscription('tailspin');
    assert.equal(found.kind === 'found' && found.subscription.subscriptionId, 'aaaaaaaa-0000-4000-8000-00000000000f');
    assert.equal(graphQueries(simulator).length, 2);
  });

  it('while the first list is still loading, a name or GUID resolves with one Resource Graph search; what a search cannot settle waits for the list', async () => {
    const { client, simulator } = harness;
    const firstList = simulator.hold({ method: 'POST', pathIncludes: '/providers/Microsoft.ResourceGraph/', limit: 1 });
    const warming = client.warmUp();
    await firstList.untilHeld(1);
    const fabrikam = await client.resolveSubscription('FABRIKAM');
    assert.equal(fabrikam.kind === 'found' && fabrikam.subscription.displayName, 'Fabrikam Dev', 'a unique part, any case');
    const exact = await client.resolveSubscription('contoso production');
    assert.equal(exact.kind === 'found' && exact.subscription.subscriptionId, SUB_PROD, 'the exact name wins over "Contoso Production EU", as in the list');
    const ambiguous = await client.resolveSubscription('contoso');
    assert.deepEqual(ambiguous.kind === 'ambiguous' && ambiguous.candidates.map((candidate) => candidate.displayName).sort(), ['Contoso Production', 'Contoso Production EU']);
    const byId = await client.resolveSubscription(SUB_PROD_EU.toUpperCase());
    assert.equal(byId.kind === 'found' && byId.subscription.subscriptionId, SUB_PROD_EU);

    let settled = 0;
    const unknown = client.resolveSubscription('woodgrove').finally(() => (settled += 1));
    const quoted = client.resolveSubscription("contoso' or name != '").finally(() => (settled += 1));
    await eventually(() => graphQueries(simulator).length === 5, 'the search for woodgrove answered');
    assert.equal(settled, 0, 'nothing found, or nothing safe to search: both wait for the list');
    firstList.release();
    await warming;
    const notFound = await unknown;
    assert.equal(notFound.kind === 'not-found' && notFound.visible.length, 5, 'the list names what is visible');
    assert.equal((await quoted).kind, 'not-found');
    const texts = graphQueries(simulator).map((request) => String((request.body as { query?: string }).query));
    assert.equal(texts.length, 6, 'one list and five searches, each one call');
    assert.ok(texts.every((text) => !text.includes('or name !=')), 'a needle with a quote is never sent');
    assert.equal(simulator.requests().filter((request) => request.path === '/subscriptions').length, 0, 'no paging through GET /subscriptions');
    assert.deepEqual(badRequests(simulator), []);
  });
});
