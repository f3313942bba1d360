import assert from 'node:assert/strict';
import { DEMO_SUBSCRIPTIONS } from '../../../src/azure/simulator';
import { pricingPath } from './armHttp';
import { useArmSimulator } from './armSimulatorFixture';

const PROD = DEMO_SUBSCRIPTIONS.contosoProd;

describe('ARM simulator: auth, routing and request validation', () => {
  const arm = useArmSimulator({ per: 'block' });

  it('requires an Authorization: Bearer header (401 in ARM shape), and accepts any token', async () => {
    for (const authorization of [null, 'Basic abc', 'Bearer ']) {
      const response = await arm.http.request('GET', '/subscriptions?api-version=2022-12-01', { authorization });
      assert.equal(response.status, 401, String(authorization));
      assert.equal(response.body.error.code, 'AuthenticationFailed');
      assert.ok(response.headers['www-authenticate']);
    }
    const ok = await arm.http.request('GET', '/subscriptions?api-version=2022-12-01', { authorization: 'Bearer anything-at-all' });
    assert.equal(ok.status, 200);
  });

  it('rejects pricingTier "Gold" with 400 InvalidRequest naming the field', async () => {
    const response = await arm.http.request('PUT', pricingPath(PROD, 'Api'), { body: { properties: { pricingTier: 'Gold', subPlan: 'P1' } } });
    assert.equal(response.status, 400);
    assert.equal(response.body.error.code, 'InvalidRequest');
    assert.match(response.body.error.message, /properties\.pricingTier must be one of: Free, Standard/);
  });

  it('rejects isEnabled as a boolean (the spec wants the strings "True"/"False")', async () => {
    const response = await arm.http.request('PUT', pricingPath(PROD, 'CloudPosture'), {
      body: { properties: { pricingTier: 'Standard', extensions: [{ name: 'ApiPosture', isEnabled: true }] } },
    });
    assert.equal(response.status, 400);
    assert.match(response.body.error.message, /properties\.extensions\[0\]\.isEnabled must be string/);
  });

  it('rejects read-only fields such as operationStatus or id in a PUT body', async () => {
    const withStatus = await arm.http.request('PUT', pricingPath(PROD, 'CloudPosture'), {
      body: { properties: { pricingTier: 'Standard', extensions: [{ name: 'ApiPosture', isEnabled: 'True', operationStatus: { code: 'Succeeded' } }] } },
    });
    assert.equal(withStatus.status, 400);
    assert.match(withStatus.body.error.message, /properties\.extensions\[0\]\.operationStatus is read-only/);
    const withId = await arm.http.request('PUT', pricingPath(PROD, 'Api'), { body: { id: 'x', properties: { pricingTier: 'Free' } } });
    assert.equal(withId.status, 400);
    assert.match(withId.body.error.message, /\bid is read-only/);
  });

  it('accepts ApiPosture (missing from the spec, issue #43338) but not a misspelt extension name', async () => {
    const good = await arm.http.request('PUT', pricingPath(PROD, 'CloudPosture'), {
      body: { properties: { pricingTier: 'Standard', extensions: [{ name: 'ApiPosture', isEnabled: 'True' }] } },
    });
    assert.equal(good.status, 200);
    const typo = await arm.http.request('PUT', pricingPath(PROD, 'CloudPosture'), {
      body: { properties: { pricingTier: 'Standard', extensions: [{ name: 'ApiPostur', isEnabled: 'True' }] } },
    });
    assert.equal(typo.status, 400);
    assert.match(typo.body.error.message, /properties\.extensions\[0\]\.name must be one of: .*ApiPosture/);
  });

  it('rejects a body that is not JSON, and duplicate extension names', async () => {
    const notJson = await arm.http.request('PUT', pricingPath(PROD, 'Api'), { rawBody: '{"properties": ' });
    assert.equal(notJson.status, 400);
    assert.equal(notJson.body.error.code, 'InvalidRequestContent');
    const duplicate = await arm.http.request('PUT', pricingPath(PROD, 'CloudPosture'), {
      body: { properties: { pricingTier: 'Standard', extensions: [{ name: 'ApiPosture', isEnabled: 'True' }, { name: 'ApiPosture', isEnabled: 'False' }] } },
    });
    assert.equal(duplicate.status, 400);
    assert.match(duplicate.body.error.message, /extensions\[1\]\.name "ApiPosture" appears more than once/);
  });

  it('checks api-version: missing and wrong versions are 400 naming the supported one', async () => {
    const missing = await arm.http.request('GET', `/subscriptions/${PROD}/providers/Microsoft.Security/pricings`);
    assert.equal(missing.status, 400);
    assert.equal(missing.body.error.code, 'MissingApiVersionParameter');
    const wrong = await arm.http.request('GET', pricingPath(PROD, undefined, 'api-version=2022-03-01'));
    assert.equal(wrong.status, 400);
    assert.equal(wrong.body.error.code, 'InvalidApiVersionParameter');
    assert.match(wrong.body.error.message, /2024-01-01/);
  });

  it('404s: unknown subscription (SubscriptionNotFound), unknown route, unknown plan', async () => {
    const unknownSubscription = await arm.http.request('GET', pricingPath('00000000-0000-4000-8000-000000000000'));
    assert.equal(unknownSubscription.status, 404);
    assert.equal(unknownSubscription.body.error.code, 'SubscriptionNotFound');
    const unknownRoute = await arm.http.request('GET', `/subscriptions/${PROD}/providers/Microsoft.Compute/virtualMachines?api-version=2024-01-01`);
    assert.equal(unknownRoute.status, 404);
    assert.ok(unknownRoute.body.error.message);
    const unknownPlan = await arm.http.request('GET', pricingPath(PROD, 'Quantum'));
    assert.equal(unknownPlan.status, 404);
    assert.match(unknownPlan.body.error.message, /Known plans: .*CloudPosture/);
  });

  it('answers a response the spec rejects with 500 and records the violation', async () => {
    // Corrupt the state the way a simulator bug would: a tier the spec does not allow.
    const pricing = arm.simulator.state.getPricing(PROD, 'Containers');
    (pricing as { pricingTier: string }).pricingTier = 'Gold';
    const response = await arm.http.request('GET', pricingPath(PROD, 'Containers'));
    assert.equal(response.status, 500);
    assert.equal(response.body.error.code, 'SimulatorResponseInvalid');
    assert.match(response.body.error.message, /properties\.pricingTier/);
    assert.equal(arm.simulator.violations().length, 1);
    pricing.pricingTier = 'Free';
  });
});
