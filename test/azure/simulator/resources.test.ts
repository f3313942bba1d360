import assert from 'node:assert/strict';
import { DEMO_SUBSCRIPTIONS, generateFleetSeed } from '../../../src/azure/simulator';
import { useArmSimulator, withArmSimulator } from './armSimulatorFixture';

const PROD = DEMO_SUBSCRIPTIONS.contosoProd;

describe('ARM simulator: subscriptions, API Management, providers, permissions', () => {
  const arm = useArmSimulator({ per: 'block', checkResponses: true });

  it('lists the demo subscriptions and gets one; an unknown one is 404 SubscriptionNotFound', async () => {
    const list = await arm.http.request('GET', '/subscriptions?api-version=2022-12-01');
    assert.equal(list.status, 200);
    assert.deepEqual(list.body.value.map((subscription: any) => subscription.displayName), [
      'Contoso Prod', 'Contoso Dev', 'Fabrikam Sandbox', 'Legacy Billing', 'Northwind Analytics', 'Woodgrove Payments',
    ]);
    assert.equal(list.body.nextLink, undefined, 'the last page has no nextLink, as on ARM');
    const one = await arm.http.request('GET', `/subscriptions/${PROD.toUpperCase()}?api-version=2022-12-01`);
    assert.equal(one.status, 200);
    assert.equal(one.body.id, `/subscriptions/${PROD}`);
    assert.equal(one.body.state, 'Enabled');
    const missing = await arm.http.request('GET', '/subscriptions/00000000-0000-4000-8000-000000000000?api-version=2022-12-01');
    assert.equal(missing.status, 404);
    assert.equal(missing.body.error.code, 'SubscriptionNotFound');
  });

  it('pages a large fleet through nextLink', async () => {
    await withArmSimulator(async (fleet) => {
      const ids: string[] = [];
      let next: string | undefined = '/subscriptions?api-version=2022-12-01';
      while (next) {
        const page = await fleet.http.request('GET', next);
        assert.equal(page.status, 200);
        ids.push(...page.body.value.map((subscription: any) => subscription.subscriptionId));
        next = page.body.nextLink;
        if (next) assert.ok(next.startsWith(fleet.simulator.url));
      }
      assert.equal(ids.length, 250);
      assert.equal(new Set(ids).size, 250);
    }, { seed: generateFleetSeed(250) });
  });

  it('lists API Management services with their SKU, and a service\'s APIs', async () => {
    const services = await arm.http.request('GET', `/subscriptions/${PROD}/providers/Microsoft.ApiManagement/service?api-version=2022-08-01`);
    assert.equal(services.status, 200);
    const [service] = services.body.value;
    assert.equal(service.name, 'contoso-apim');
    assert.deepEqual(service.sku, { name: 'Developer', capacity: 1 });
    assert.equal(service.type, 'Microsoft.ApiManagement/service');
    const apis = await arm.http.request('GET', `${service.id}/apis?api-version=2022-08-01`);
    assert.equal(apis.status, 200);
    assert.deepEqual(apis.body.value.map((api: any) => api.properties.displayName), ['Petstore', 'Orders API', 'Payments v2']);
    assert.equal(apis.body.value[0].properties.isCurrent, true);
    const consumption = await arm.http.request('GET', `/subscriptions/${DEMO_SUBSCRIPTIONS.northwindAnalytics}/providers/Microsoft.ApiManagement/service?api-version=2022-08-01`);
    assert.equal(consumption.body.value[0].sku.name, 'Consumption');
    const none = await arm.http.request('GET', `/subscriptions/${DEMO_SUBSCRIPTIONS.fabrikamSandbox}/providers/Microsoft.ApiManagement/service?api-version=2022-08-01`);
    assert.deepEqual(none.body.value, []);
  });

  it('serves API Management at every GA api-version from 2022-08-01 to 2024-05-01, and refuses a preview', async () => {
    for (const version of ['2022-08-01', '2024-05-01']) {
      const services = await arm.http.request('GET', `/subscriptions/${PROD}/providers/Microsoft.ApiManagement/service?api-version=${version}`);
      assert.equal(services.status, 200, version);
      assert.equal((await arm.http.request('GET', `${services.body.value[0].id}/apis?api-version=${version}`)).status, 200, version);
    }
    const preview = await arm.http.request('GET', `/subscriptions/${PROD}/providers/Microsoft.ApiManagement/service?api-version=2023-09-01-preview`);
    assert.equal(preview.status, 400);
    assert.equal(preview.body.error.code, 'InvalidApiVersionParameter');
    assert.match(preview.body.error.message, /'2022-08-01,2024-05-01'/);
  });

  it('reports Microsoft.Security registration', async () => {
    const registered = await arm.http.request('GET', `/subscriptions/${PROD}/providers/Microsoft.Security?api-version=2021-04-01`);
    assert.equal(registered.body.registrationState, 'Registered');
    assert.equal(registered.body.namespace, 'Microsoft.Security');
    const notRegistered = await arm.http.request('GET', `/subscriptions/${DEMO_SUBSCRIPTIONS.legacyBilling}/providers/Microsoft.Security?api-version=2021-04-01`);
    assert.equal(notRegistered.body.registrationState, 'NotRegistered');
  });

  it('reports permissions: Security Admin-like where writes are allowed, reader-like where not', async () => {
    const admin = await arm.http.request('GET', `/subscriptions/${PROD}/providers/Microsoft.Authorization/permissions?api-version=2022-04-01`);
    assert.ok(admin.body.value[0].actions.includes('Microsoft.Security/*'));
    assert.deepEqual(admin.body.value[0].dataActions, []);
    const reader = await arm.http.request('GET', `/subscriptions/${DEMO_SUBSCRIPTIONS.northwindAnalytics}/providers/Microsoft.Authorization/permissions?api-version=2022-04-01`);
    assert.deepEqual(reader.body.value[0].actions, ['*/read']);
  });
});
