import assert from 'node:assert/strict';
import { DEMO_SUBSCRIPTIONS, type SimulatorSeed } from '../../../src/azure/simulator';
import { useArmSimulator, withArmSimulator } from './armSimulatorFixture';

const SUB = '11111111-2222-4333-8444-555555555555';
const SERVICE = `/subscriptions/${SUB}/resourceGroups/rg-apis/providers/Microsoft.ApiManagement/service/contoso-apim`;
const VERSION = 'api-version=2023-11-15';

const seed: SimulatorSeed = {
  subscriptions: [{
    subscriptionId: SUB,
    displayName: 'Collections',
    apiManagementServices: [{ resourceGroup: 'rg-apis', name: 'contoso-apim', sku: 'Developer', apis: [
      { name: 'petstore', displayName: 'Petstore', onboarded: true },
      { name: 'orders', displayName: 'Orders API', numberOfApiEndpoints: 9, numberOfInactiveApiEndpoints: 4, numberOfUnauthenticatedApiEndpoints: 3,
        numberOfExternalApiEndpoints: 2, numberOfApiEndpointsWithSensitiveDataExposed: 1, sensitivityLabel: 'Highly Confidential' },
    ] }],
  }],
};

describe('ARM simulator: API collections (2023-11-15)', () => {
  const arm = useArmSimulator({ per: 'test', seed, checkResponses: true });

  it('lists onboarded collections by subscription, resource group and service', async () => {
    for (const path of [`/subscriptions/${SUB}/providers/Microsoft.Security/apiCollections`, `/subscriptions/${SUB}/resourceGroups/rg-apis/providers/Microsoft.Security/apiCollections`, `${SERVICE}/providers/Microsoft.Security/apiCollections`]) {
      const response = await arm.http.request('GET', `${path}?${VERSION}`);
      assert.equal(response.status, 200, path);
      assert.deepEqual(response.body.value.map((collection: any) => collection.name), ['petstore']);
    }
  });

  it('onboards as a long-running operation: 201 InProgress with Location, 202 while polling, then 200 Succeeded', async () => {
    const put = await arm.http.request('PUT', `${SERVICE}/providers/Microsoft.Security/apiCollections/orders?${VERSION}`);
    assert.equal(put.status, 201);
    assert.equal(put.body.properties.provisioningState, 'InProgress');
    const location = String(put.headers.location);
    assert.ok(location.startsWith(arm.simulator.url) && location.includes('$asyncScope='));
    const pending = await arm.http.request('GET', location);
    assert.equal(pending.status, 202);
    const done = await arm.http.request('GET', String(pending.headers.location));
    assert.equal(done.status, 200);
    assert.equal(done.body.properties.provisioningState, 'Succeeded');
    assert.equal(done.body.properties.displayName, 'Orders API');
    const { numberOfApiEndpoints, numberOfInactiveApiEndpoints, numberOfUnauthenticatedApiEndpoints, numberOfExternalApiEndpoints, numberOfApiEndpointsWithSensitiveDataExposed, sensitivityLabel } = done.body.properties;
    assert.deepEqual(
      [numberOfApiEndpoints, numberOfInactiveApiEndpoints, numberOfUnauthenticatedApiEndpoints, numberOfExternalApiEndpoints, numberOfApiEndpointsWithSensitiveDataExposed, sensitivityLabel],
      [9, 4, 3, 2, 1, 'Highly Confidential'],
      'the seeded posture counts, once onboarded',
    );
    assert.equal(put.body.properties.numberOfApiEndpoints, undefined, 'no counts while onboarding is in progress');
    const again = await arm.http.request('PUT', `${SERVICE}/providers/Microsoft.Security/apiCollections/orders?${VERSION}`);
    assert.equal(again.status, 200, 'onboarding an onboarded API is a no-op 200');
  });

  it('offboards with DELETE (200, then 204), and 404s an unknown API', async () => {
    const path = `${SERVICE}/providers/Microsoft.Security/apiCollections/petstore?${VERSION}`;
    assert.equal((await arm.http.request('DELETE', path)).status, 200);
    assert.equal((await arm.http.request('DELETE', path)).status, 204);
    assert.equal((await arm.http.request('GET', path)).status, 404);
    const unknown = await arm.http.request('PUT', `${SERVICE}/providers/Microsoft.Security/apiCollections/nope?${VERSION}`);
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.error.code, 'ResourceNotFound');
  });

  it('403 for an identity that may not write', async () => {
    await withArmSimulator(async (demo) => {
      const path = `/subscriptions/${DEMO_SUBSCRIPTIONS.northwindAnalytics}/resourceGroups/rg-northwind/providers/Microsoft.ApiManagement/service/northwind-apim/providers/Microsoft.Security/apiCollections/reports?${VERSION}`;
      const response = await demo.http.request('PUT', path);
      assert.equal(response.status, 403);
      assert.match(response.body.error.message, /Microsoft\.Security\/apiCollections\/write/);
    });
  });
});
