/**
 * Where DefenderClient's fleet reads come from: Resource Graph by default; over the tenant subscription limit, Graph
 * again in explicit batches; ARM one subscription at a time when Graph answers 403/503 (saying so), but never on a 400.
 */
import assert from 'node:assert/strict';
import { generateFleetSeed } from '../../../src/azure/simulator';
import { isDefenderError } from '../../../src/core/errors';
import { ManualClock } from '../../support/manualClock';
import { graphQueries, startHarness, type Harness } from '../simulatorHarness';

const pricingReads = (harness: Harness) => harness.simulator.requests().filter((request) => request.path.endsWith('/providers/Microsoft.Security/pricings'));

describe('DefenderClient fleet reads: Resource Graph and its fallbacks', () => {
  let harness: Harness;
  afterEach(async () => {
    assert.deepEqual(harness.simulator.violations(), []);
    await harness.close();
  });

  it('reads thousands of subscriptions in a few Resource Graph calls, none per subscription', async () => {
    harness = await startHarness(generateFleetSeed(2600));
    const view = await harness.client.listFleet();
    assert.equal(view.source, 'resource-graph');
    assert.equal(view.rows.length, 2600);
    assert.ok(view.rows.every((row) => row.settings && !row.error));
    assert.equal(harness.simulator.requests().length, 3, 'three pages of 1,000');
    // The fleet read sees every subscription, so resolving a name needs no further call.
    assert.equal((await harness.client.resolveSubscription('Fleet 2599')).kind, 'found');
    assert.equal(harness.simulator.requests().length, 3);
  });

  it('over the tenant subscription limit, asks again in batches of fewer than 300 subscriptions listed by ARM', async () => {
    harness = await startHarness(generateFleetSeed(650));
    harness.simulator.setFaults({ graphTenantSubscriptionLimit: 100 });
    const view = await harness.client.listFleet();
    assert.equal(view.source, 'resource-graph');
    assert.equal(new Set(view.rows.map((row) => row.subscription.subscriptionId)).size, 650);
    const scopes = graphQueries(harness.simulator).map((query) => (query.body as { subscriptions?: string[] }).subscriptions);
    assert.equal(scopes[0], undefined, 'tenant scope first');
    const batches = scopes.slice(1);
    assert.ok(batches.every((batch) => batch && batch.length < 300), `batch sizes ${batches.map((batch) => batch?.length)}`);
    assert.equal(new Set(batches.flat()).size, 650, 'every subscription ARM lists, once');
    assert.equal(harness.simulator.requests().filter((request) => request.path === '/subscriptions').length, 7, 'ARM listed the subscriptions (100 a page)');
  });

  it('over the tenant subscription limit, stops paging the tenant-wide answer at the first page that says so', async () => {
    harness = await startHarness(generateFleetSeed(2600));
    harness.simulator.setFaults({ graphTenantSubscriptionLimit: 1500 });
    const view = await harness.client.listFleet();
    assert.equal(new Set(view.rows.map((row) => row.subscription.subscriptionId)).size, 2600);
    const tenantScoped = graphQueries(harness.simulator).filter((query) => !(query.body as { subscriptions?: string[] }).subscriptions);
    assert.equal(tenantScoped.length, 1, 'the second tenant-wide page (rows thrown away) is not asked for');
  });

  it('over the tenant subscription limit, queries running at once share one listing of the subscriptions from ARM', async () => {
    harness = await startHarness(generateFleetSeed(650));
    harness.simulator.setFaults({ graphTenantSubscriptionLimit: 100 });
    const [first, second] = await Promise.all([harness.client.listFleet(), harness.client.listFleet()]);
    assert.equal(first.rows.length, 650);
    assert.equal(second.rows.length, 650);
    assert.equal(harness.simulator.requests().filter((request) => request.path === '/subscriptions').length, 7, 'one listing (100 a page), not one per query');
  });

  it('when Resource Graph answers 503, reads each subscription from ARM and says why; Graph is left alone for a minute', async () => {
    const clock = new ManualClock();
    harness = await startHarness(generateFleetSeed(12), { clock });
    harness.simulator.setFaults({ graphUnavailable: true });
    const view = await harness.client.listFleet();
    assert.equal(view.source, 'arm');
    assert.equal(view.fallbackReason, 'Azure Resource Graph did not answer (HTTP 503)');
    assert.equal(view.rows.length, 12);
    assert.equal(pricingReads(harness).length, 12);
    const triedGraph = graphQueries(harness.simulator).length;
    assert.ok(triedGraph >= 1, 'Graph was tried (the pipeline retries a 503)');

    harness.simulator.setFaults({ graphUnavailable: false });
    assert.equal((await harness.client.listFleet()).source, 'arm', 'within the minute Graph is not asked');
    assert.equal(graphQueries(harness.simulator).length, triedGraph);
    clock.advance(61_000);
    assert.equal((await harness.client.listFleet()).source, 'resource-graph');
  });

  it('when Resource Graph sees no subscription that ARM lists (Reader missing), reads from ARM and says which role is missing', async () => {
    harness = await startHarness(generateFleetSeed(4));
    harness.simulator.setFaults({ graphWithoutReader: true });
    assert.equal((await harness.client.resolveSubscription('Fleet 0003')).kind, 'found', 'names still resolve, from ARM');
    const view = await harness.client.listFleet();
    assert.equal(view.source, 'arm');
    assert.equal(view.fallbackReason, "Resource Graph shows none of the 4 subscriptions ARM lists: give the bot's identity Reader on them");
    assert.equal(view.rows.length, 4);
  });

  it('when Resource Graph sees no subscription, the subscriptions ARM listed to find that out are the list: GET /subscriptions is paged once', async () => {
    harness = await startHarness(generateFleetSeed(250));
    harness.simulator.setFaults({ graphWithoutReader: true });
    assert.equal((await harness.client.listSubscriptions()).length, 250);
    const listingPages = harness.simulator.requests().filter((request) => request.path === '/subscriptions').length;
    assert.equal(listingPages, 3, 'three pages of 100, read once');
  });

  it('a 400 from Resource Graph (a query it cannot run) is an error, not a silent fallback', async () => {
    harness = await startHarness(generateFleetSeed(3));
    harness.simulator.failNext({ method: 'POST', pathIncludes: 'Microsoft.ResourceGraph', status: 400, code: 'BadRequest', message: 'Query is invalid.' });
    await assert.rejects(harness.client.listFleet(), (error: unknown) => isDefenderError(error) && error.code === 'InvalidRequest' && /Azure Resource Graph/.test(error.message));
    assert.equal(pricingReads(harness).length, 0);
  });

  it('the API Management inventory reads the same from Resource Graph and from ARM', async () => {
    harness = await startHarness(generateFleetSeed(30));
    const fromGraph = await harness.client.listApiManagementInventory();
    assert.equal(fromGraph.source, 'resource-graph');
    assert.ok(fromGraph.services.length > 3, `${fromGraph.services.length} services`);
    harness.simulator.setFaults({ graphUnavailable: true });
    const fromArm = await harness.client.listApiManagementInventory();
    assert.equal(fromArm.source, 'arm');
    const sorted = (services: typeof fromGraph.services) => [...services].sort((a, b) => `${a.subscriptionId}/${a.name}`.localeCompare(`${b.subscriptionId}/${b.name}`));
    assert.deepEqual(sorted(fromArm.services), sorted(fromGraph.services));
  });
});
