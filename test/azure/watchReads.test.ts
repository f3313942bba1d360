/**
 * What the watch reads from Azure: the open Defender for APIs alerts of every subscription in one Resource Graph query
 * (the simulator's securityresources alerts, `startswith_cs`), the alerts API of each subscription when Graph is
 * unusable, the APIs of chosen API Management services, and a seeded alert that appears only after start-up.
 */
import assert from 'node:assert/strict';
import { DEMO_SEED, DEMO_SUBSCRIPTIONS, type SimulatorSeed } from '../../src/azure/simulator';
import { OPEN_API_ALERTS_QUERY } from '../../src/azure/resourceGraph/queries';
import { parseKql } from '../../src/azure/simulator/graph/kql';
import { graphQueries, startHarness, type Harness } from './simulatorHarness';

function seedWithLateAlert(): SimulatorSeed {
  const seed = structuredClone(DEMO_SEED);
  const dev = seed.subscriptions.find((subscription) => subscription.subscriptionId === DEMO_SUBSCRIPTIONS.contosoDev)!;
  dev.alerts = [...(dev.alerts ?? []), { alertType: 'API_SpikeInAPITraffic', alertDisplayName: 'Late spike', severity: 'High', appearsAfterSeconds: 60 }];
  return seed;
}

describe('the watch\'s reads from Azure', () => {
  let harness: Harness;
  afterEach(async () => {
    assert.deepEqual(harness.simulator.violations(), []);
    await harness.close();
  });

  it('reads the open API alerts of every subscription in one Resource Graph query: no VM_ alert, nothing resolved', async () => {
    harness = await startHarness(structuredClone(DEMO_SEED));
    const { alerts, source, unreadable } = await harness.client.listFleetOpenApiAlerts();
    assert.equal(source, 'resource-graph');
    assert.deepEqual(unreadable, []);
    assert.equal(harness.simulator.requests().length, 1, 'one Resource Graph call for the whole fleet');
    assert.ok(alerts.length >= 3, `${alerts.length} alerts`);
    assert.ok(alerts.every((alert) => alert.alertType.startsWith('API_') && (alert.status === 'Active' || alert.status === 'InProgress')));
    assert.ok(alerts.every((alert) => alert.subscriptionId === DEMO_SUBSCRIPTIONS.contosoDev && alert.ref.resourceGroup === 'rg-dev'));
  });

  it('falls back to the alerts API of each subscription when Resource Graph answers 503, naming those it cannot read', async () => {
    harness = await startHarness(structuredClone(DEMO_SEED));
    harness.simulator.setFaults({ graphUnavailable: true });
    harness.simulator.state.alerts.setCanRead(DEMO_SUBSCRIPTIONS.fabrikamSandbox, false);
    const fallback = await harness.client.listFleetOpenApiAlerts();
    assert.equal(fallback.source, 'arm');
    assert.equal(fallback.fallbackReason, 'Azure Resource Graph did not answer (HTTP 503)');
    assert.deepEqual(fallback.unreadable.map((entry) => [entry.subscriptionId, entry.error.code]), [[DEMO_SUBSCRIPTIONS.fabrikamSandbox, 'AuthorizationFailed']]);
    assert.ok(fallback.alerts.every((alert) => alert.alertType.startsWith('API_') && alert.status !== 'Resolved'));
    assert.ok(fallback.alerts.length >= 3);
  });

  it('the alerts query is one the simulator recognises by shape, with the prefix filter case-sensitive', async () => {
    const where = parseKql(OPEN_API_ALERTS_QUERY.text).operators[1];
    assert.equal(where.kind, 'where');
    assert.match(JSON.stringify(where), /"op":"startswith_cs".*"value":"API_"/);
    harness = await startHarness(structuredClone(DEMO_SEED));
    harness.simulator.state.alerts.add(DEMO_SUBSCRIPTIONS.contosoDev, { alertType: 'api_lowercase', alertDisplayName: 'Not an API alert', severity: 'High' });
    const { alerts } = await harness.client.listFleetOpenApiAlerts();
    assert.ok(!alerts.some((alert) => alert.displayName === 'Not an API alert'));
    assert.equal(graphQueries(harness.simulator).length, 1);
  });

  it('lists the APIs of chosen services, one call each; a failing one is named, not fatal', async () => {
    harness = await startHarness(structuredClone(DEMO_SEED));
    const [dev, missing] = await harness.client.listApiManagementApis([
      { subscriptionId: DEMO_SUBSCRIPTIONS.contosoDev, resourceGroup: 'rg-dev', name: 'contoso-dev-apim' },
      { subscriptionId: DEMO_SUBSCRIPTIONS.contosoDev, resourceGroup: 'rg-dev', name: 'no-such-apim' },
    ]);
    assert.deepEqual(dev.apis?.map((api) => api.name).sort(), ['echo-api', 'internal-admin', 'orders-v1']);
    assert.equal(missing.apis, undefined);
    assert.match(missing.error?.message ?? '', /no-such-apim|not found/i);
  });

  it('a seeded alert with appearsAfterSeconds exists for neither Resource Graph nor the alerts API until then', async () => {
    let now = Date.now();
    harness = await startHarness(seedWithLateAlert(), {}, { clock: () => new Date(now) });
    const late = async () => (await harness.client.listFleetOpenApiAlerts()).alerts.some((alert) => alert.displayName === 'Late spike');
    assert.equal(await late(), false);
    assert.equal((await harness.client.listApiAlerts(DEMO_SUBSCRIPTIONS.contosoDev)).some((alert) => alert.displayName === 'Late spike'), false);
    now += 61_000;
    assert.equal(await late(), true);
  });
});
