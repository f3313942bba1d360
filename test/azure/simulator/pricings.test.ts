import assert from 'node:assert/strict';
import { DEMO_SEED, DEMO_SUBSCRIPTIONS } from '../../../src/azure/simulator';
import { pricingPath } from './armHttp';
import { useArmSimulator } from './armSimulatorFixture';

const PROD = DEMO_SUBSCRIPTIONS.contosoProd;

describe('ARM simulator: pricings', () => {
  const arm = useArmSimulator({ per: 'block', seed: DEMO_SEED, clock: () => new Date('2025-06-01T10:00:00Z'), checkResponses: true });

  it('lists only the plans named in $filter=name in (Api,CloudPosture), in any case', async () => {
    const response = await arm.http.request('GET', pricingPath(PROD, undefined, 'api-version=2024-01-01&$filter=name%20in%20(api,%20CloudPosture)'));
    assert.equal(response.status, 200);
    assert.deepEqual(response.body.value.map((pricing: any) => pricing.name), ['Api', 'CloudPosture']);
    assert.equal(response.body.value[0].type, 'Microsoft.Security/pricings');
  });

  it('lists every known plan without a filter; a plan not in the seed is Free', async () => {
    const response = await arm.http.request('GET', pricingPath(PROD));
    const names = response.body.value.map((pricing: any) => pricing.name);
    assert.ok(names.includes('VirtualMachines') && names.includes('StorageAccounts') && names.includes('Api'));
    const storage = response.body.value.find((pricing: any) => pricing.name === 'StorageAccounts');
    assert.equal(storage.properties.pricingTier, 'Free');
  });

  it('rejects a filter it cannot parse with 400 InvalidFilter', async () => {
    const response = await arm.http.request('GET', pricingPath(PROD, undefined, 'api-version=2024-01-01&$filter=startswith(name,%27A%27)'));
    assert.equal(response.status, 400);
    assert.equal(response.body.error.code, 'InvalidFilter');
  });

  it('matches pricing names case-insensitively in the path and answers with the canonical name', async () => {
    const response = await arm.http.request('GET', pricingPath(PROD, 'cLoUdPoStUrE'));
    assert.equal(response.status, 200);
    assert.equal(response.body.name, 'CloudPosture');
    assert.equal(response.body.id, `/subscriptions/${PROD}/providers/Microsoft.Security/pricings/CloudPosture`);
  });

  it('a PUT that omits an extension disables it but keeps it listed as "False"', async () => {
    const put = await arm.http.request('PUT', pricingPath(PROD, 'CloudPosture'), {
      body: { properties: { pricingTier: 'Standard', extensions: [{ name: 'ApiPosture', isEnabled: 'True' }] } },
    });
    assert.equal(put.status, 200);
    const byName = Object.fromEntries(put.body.properties.extensions.map((extension: any) => [extension.name, extension]));
    assert.equal(byName.ApiPosture.isEnabled, 'True');
    assert.deepEqual(byName.ApiPosture.operationStatus, { code: 'Succeeded', message: 'Successfully enabled extension' });
    assert.equal(byName.SensitiveDataDiscovery.isEnabled, 'False');
    assert.equal(byName.AgentlessVmScanning.additionalExtensionProperties, undefined, 'omitted extensions lose their properties');
    const get = await arm.http.request('GET', pricingPath(PROD, 'CloudPosture'));
    const stored = Object.fromEntries(get.body.properties.extensions.map((extension: any) => [extension.name, extension.isEnabled]));
    assert.equal(stored.SensitiveDataDiscovery, 'False');
    assert.equal(stored.ApiPosture, 'True');
    assert.equal(get.body.properties.extensions[0].operationStatus, undefined, 'GET carries no operationStatus');
  });

  it('Standard on Api records enablementTime and a free trial; Free clears subPlan', async () => {
    const on = await arm.http.request('PUT', pricingPath(PROD, 'Api'), { body: { properties: { pricingTier: 'Standard', subPlan: 'P3' } } });
    assert.equal(on.status, 200);
    assert.equal(on.body.properties.subPlan, 'P3');
    assert.equal(on.body.properties.enablementTime, '2025-06-01T10:00:00.000Z');
    assert.equal(on.body.properties.freeTrialRemainingTime, 'P30D');
    const off = await arm.http.request('PUT', pricingPath(PROD, 'Api'), { body: { properties: { pricingTier: 'Free', subPlan: 'P3' } } });
    assert.equal(off.status, 200);
    assert.equal(off.body.properties.pricingTier, 'Free');
    assert.equal(off.body.properties.subPlan, undefined);
    assert.equal(off.body.properties.enablementTime, undefined);
    assert.equal(arm.simulator.state.getPricing(PROD, 'api').subPlan, undefined);
  });

  it('Free on CloudPosture disables every extension', async () => {
    const off = await arm.http.request('PUT', pricingPath(DEMO_SUBSCRIPTIONS.contosoDev, 'CloudPosture'), {
      body: { properties: { pricingTier: 'Free', extensions: [{ name: 'ApiPosture', isEnabled: 'True' }] } },
    });
    assert.equal(off.status, 200);
    assert.ok(off.body.properties.extensions.every((extension: any) => extension.isEnabled === 'False'));
  });

  it('requires a valid subPlan for Api at Standard', async () => {
    const missing = await arm.http.request('PUT', pricingPath(PROD, 'Api'), { body: { properties: { pricingTier: 'Standard' } } });
    assert.equal(missing.status, 400);
    assert.match(missing.body.error.message, /properties\.subPlan is required/);
    const wrong = await arm.http.request('PUT', pricingPath(PROD, 'Api'), { body: { properties: { pricingTier: 'Standard', subPlan: 'P9' } } });
    assert.equal(wrong.status, 400);
    assert.match(wrong.body.error.message, /properties\.subPlan "P9"/);
  });

  it('a failing extension comes back in a 200 with operationStatus Failed and stays disabled', async () => {
    const subscription = DEMO_SUBSCRIPTIONS.woodgrovePayments;
    const put = await arm.http.request('PUT', pricingPath(subscription, 'CloudPosture'), {
      body: { properties: { pricingTier: 'Standard', extensions: [{ name: 'SensitiveDataDiscovery', isEnabled: 'True' }, { name: 'ApiPosture', isEnabled: 'True' }] } },
    });
    assert.equal(put.status, 200);
    const posture = put.body.properties.extensions.find((extension: any) => extension.name === 'ApiPosture');
    assert.equal(posture.operationStatus.code, 'Failed');
    assert.match(posture.operationStatus.message, /ApiPosture/);
    const stored = arm.simulator.state.getPricing(subscription, 'CloudPosture').extensions.find((extension) => extension.name === 'ApiPosture');
    assert.equal(stored?.isEnabled, 'False');
  });

  it('403 AuthorizationFailed when the identity may not write pricings, in ARM wording', async () => {
    const subscription = DEMO_SUBSCRIPTIONS.northwindAnalytics;
    const put = await arm.http.request('PUT', pricingPath(subscription, 'Api'), { body: { properties: { pricingTier: 'Standard', subPlan: 'P1' } } });
    assert.equal(put.status, 403);
    assert.equal(put.body.error.code, 'AuthorizationFailed');
    assert.match(put.body.error.message, /does not have authorization to perform action 'Microsoft\.Security\/pricings\/write' over scope '\/subscriptions\//);
    const read = await arm.http.request('GET', pricingPath(subscription, 'Api'));
    assert.equal(read.status, 200, 'reading is still allowed');
    assert.equal(arm.simulator.state.getPricing(subscription, 'Api').pricingTier, 'Free');
  });

  it('409 MissingSubscriptionRegistration on every pricings call when Microsoft.Security is not registered', async () => {
    const subscription = DEMO_SUBSCRIPTIONS.legacyBilling;
    for (const [method, name] of [['GET', undefined], ['GET', 'Api'], ['PUT', 'Api']] as const) {
      const response = await arm.http.request(method, pricingPath(subscription, name), method === 'PUT' ? { body: { properties: { pricingTier: 'Free' } } } : {});
      assert.equal(response.status, 409, `${method} ${name ?? 'list'}`);
      assert.equal(response.body.error.code, 'MissingSubscriptionRegistration');
      assert.equal(
        response.body.error.message,
        "The subscription is not registered to use namespace 'Microsoft.Security'. See https://aka.ms/rps-not-found for how to register subscriptions.",
      );
    }
  });
});
