/** DefenderClient.getApiPosture: APIM APIs joined with the API collections' posture counts, through the simulator. */
import assert from 'node:assert/strict';
import type { SimulatorSeed } from '../../src/azure/simulator';
import { DefenderError } from '../../src/core/errors';
import { postureTotals } from '../../src/core/monitoring';
import { startHarness, type Harness } from './simulatorHarness';

const SUB = 'cccccccc-0000-4000-8000-000000000001';
const UNREGISTERED = 'cccccccc-0000-4000-8000-000000000002';

const seed: SimulatorSeed = {
  subscriptions: [
    {
      subscriptionId: SUB,
      displayName: 'Posture',
      pricings: [{ name: 'Api', pricingTier: 'Standard', subPlan: 'P1' }],
      apiManagementServices: [
        {
          resourceGroup: 'rg-apis', name: 'contoso-apim', sku: 'Developer', apis: [
            { name: 'petstore', displayName: 'Petstore', onboarded: true, numberOfApiEndpoints: 10, numberOfInactiveApiEndpoints: 1, numberOfUnauthenticatedApiEndpoints: 2,
              numberOfExternalApiEndpoints: 3, numberOfApiEndpointsWithSensitiveDataExposed: 4, sensitivityLabel: 'Confidential' },
            { name: 'orders', displayName: 'Orders', onboarded: true, numberOfApiEndpoints: 5, numberOfInactiveApiEndpoints: 0, numberOfUnauthenticatedApiEndpoints: 1,
              numberOfExternalApiEndpoints: 0, numberOfApiEndpointsWithSensitiveDataExposed: 0 },
            { name: 'billing', displayName: 'Billing' },
          ],
        },
        { resourceGroup: 'rg-edge', name: 'edge-apim', sku: 'Consumption', apis: [{ name: 'edge', displayName: 'Edge' }] },
      ],
    },
    { subscriptionId: UNREGISTERED, displayName: 'Unregistered', registeredProviders: [] },
  ],
};

describe('DefenderClient: API posture', () => {
  let harness: Harness;
  beforeEach(async () => (harness = await startHarness(seed)));
  afterEach(async () => {
    assert.deepEqual(harness.simulator.violations(), []);
    await harness.close();
  });

  it('gives each onboarded API its counts and label, names the rest, and reads the plans', async () => {
    const posture = await harness.client.getApiPosture(SUB);
    assert.equal(posture.subscription.displayName, 'Posture');
    assert.equal(posture.settings.api.pricingTier, 'Standard');
    assert.deepEqual(posture.onboarded.find((api) => api.apiId === 'petstore'), {
      resourceGroup: 'rg-apis', serviceName: 'contoso-apim', apiId: 'petstore', displayName: 'Petstore',
      endpoints: 10, unauthenticatedEndpoints: 2, externalEndpoints: 3, inactiveEndpoints: 1, sensitiveDataEndpoints: 4, sensitivityLabel: 'Confidential',
    });
    assert.deepEqual(postureTotals(posture.onboarded), { endpoints: 15, unauthenticatedEndpoints: 3, externalEndpoints: 3, inactiveEndpoints: 1, sensitiveDataEndpoints: 4 });
    assert.deepEqual(posture.notOnboarded, [
      { resourceGroup: 'rg-apis', serviceName: 'contoso-apim', apiId: 'billing', displayName: 'Billing', skuSupported: true },
      { resourceGroup: 'rg-edge', serviceName: 'edge-apim', apiId: 'edge', displayName: 'Edge', skuSupported: false },
    ]);
    const collectionLists = harness.simulator.requests().filter((request) => request.path.endsWith('/apiCollections'));
    assert.deepEqual(collectionLists.map((request) => request.path), [`/subscriptions/${SUB}/providers/Microsoft.Security/apiCollections`], 'one list for the whole subscription');
  });

  it('still shows an API collection whose API is gone from API Management', async () => {
    harness.simulator.state.subscription(SUB).apiManagementServices[0].apis.splice(1, 1);
    const posture = await harness.client.getApiPosture(SUB);
    assert.deepEqual(posture.onboarded.map((api) => api.apiId), ['petstore', 'orders']);
    assert.deepEqual(posture.notOnboarded.map((api) => api.apiId), ['billing', 'edge']);
  });

  it('says to register Microsoft.Security, and names an unknown subscription', async () => {
    await assert.rejects(harness.client.getApiPosture(UNREGISTERED), (error: unknown) =>
      error instanceof DefenderError && error.code === 'MissingSubscriptionRegistration' && /az provider register --namespace Microsoft\.Security/.test(error.message));
    await assert.rejects(harness.client.getApiPosture('cccccccc-0000-4000-8000-00000000dead'), (error: unknown) => error instanceof DefenderError && error.code === 'SubscriptionNotFound');
  });
});
