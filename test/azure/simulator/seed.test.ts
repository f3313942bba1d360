import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEMO_SEED, SeedError, generateFleetSeed, loadSeedFile, startArmSimulator, validateSeed } from '../../../src/azure/simulator';

const GOOD_ID = '11111111-2222-4333-8444-555555555555';

function rejects(seed: unknown, field: RegExp): void {
  assert.throws(() => validateSeed(seed), (error: unknown) => error instanceof SeedError && error.code === 'InvalidSimulatorSeed' && field.test(error.message));
}

describe('ARM simulator: seeds', () => {
  it('accepts the demo seed and the documented example', () => {
    validateSeed(structuredClone(DEMO_SEED));
    validateSeed({
      subscriptions: [{
        subscriptionId: GOOD_ID, displayName: 'Contoso Prod', registeredProviders: ['Microsoft.Security'], canWritePricings: true, failingExtensions: [],
        pricings: [{ name: 'Api', pricingTier: 'Free' }, { name: 'CloudPosture', pricingTier: 'Standard', extensions: [{ name: 'SensitiveDataDiscovery', isEnabled: 'True' }] }],
        apiManagementServices: [{ resourceGroup: 'rg-apis', name: 'contoso-apim', sku: 'Developer', apis: [{ name: 'petstore', displayName: 'Petstore' }] }],
      }],
      faults: { latencyMs: 0, throttleRate: 0, serverErrorRate: 0, seed: 1 },
    });
  });

  it('names the bad field', () => {
    rejects({}, /subscriptions must be an array/);
    rejects({ subscriptions: [{ subscriptionId: 'prod', displayName: 'x' }] }, /subscriptions\[0\]\.subscriptionId is "prod"; expected a GUID/);
    rejects({ subscriptions: [{ subscriptionId: GOOD_ID, displayName: 'a' }, { subscriptionId: GOOD_ID.toUpperCase(), displayName: 'b' }] }, /subscriptions\[1\]\.subscriptionId .* appears twice/);
    rejects({ subscriptions: [{ subscriptionId: GOOD_ID, displayName: 'x', pricings: [{ name: 'Api', pricingTier: 'Gold' }] }] }, /subscriptions\[0\]\.pricings\[0\]\.pricingTier is "Gold"/);
    rejects({ subscriptions: [{ subscriptionId: GOOD_ID, displayName: 'x', pricings: [{ name: 'Apis', pricingTier: 'Free' }] }] }, /pricings\[0\]\.name is "Apis"/);
    rejects({ subscriptions: [{ subscriptionId: GOOD_ID, displayName: 'x', pricings: [{ name: 'Api', pricingTier: 'Standard' }] }] }, /pricings\[0\]\.subPlan is required/);
    rejects(
      { subscriptions: [{ subscriptionId: GOOD_ID, displayName: 'x', pricings: [{ name: 'CloudPosture', pricingTier: 'Standard', extensions: [{ name: 'ApiPosture', isEnabled: true }] }] }] },
      /extensions\[0\]\.isEnabled is true; expected one of "True", "False"/,
    );
    rejects({ subscriptions: [{ subscriptionId: GOOD_ID, displayName: 'x', canWritePricings: 'yes' }] }, /canWritePricings must be true or false/);
    rejects({ subscriptions: [{ subscriptionId: GOOD_ID, displayName: 'x', apiManagementServices: [{ resourceGroup: 'rg', name: 'a' }] }] }, /apiManagementServices\[0\]\.sku/);
    rejects({ subscriptions: [], faults: { throttleRate: 1.5 } }, /faults .*throttleRate/);
  });

  it('names the bad field of a seeded alert or API posture count, checking alerts against the spec', () => {
    const withAlert = (alert: unknown) => ({ subscriptions: [{ subscriptionId: GOOD_ID, displayName: 'x', alerts: [alert] }] });
    const alert = { alertType: 'API_SpikeInPayload', alertDisplayName: 'Spike', severity: 'Low' };
    validateSeed(withAlert(alert));
    rejects(withAlert({ ...alert, severity: 'Severe' }), /subscriptions\[0\]\.alerts\[0\]\.severity is "Severe"; expected one of Informational, Low, Medium, High/);
    rejects(withAlert({ ...alert, alertType: '' }), /alerts\[0\]\.alertType must be a non-empty string/);
    rejects(withAlert({ ...alert, status: 'Closed' }), /alerts\[0\]\.status must be one of: Active, InProgress, Resolved, Dismissed/);
    rejects(withAlert({ ...alert, timeGeneratedUtc: 'yesterday' }), /alerts\[0\]\.timeGeneratedUtc must match format "date-time"/);
    rejects(withAlert({ ...alert, id: '/subscriptions/x' }), /alerts\[0\]\.id is filled by the simulator/);
    rejects(withAlert({ ...alert, location: 'west europe' }), /alerts\[0\]\.location must be an Azure location name/);
    rejects({ subscriptions: [{ subscriptionId: GOOD_ID, displayName: 'x', canReadAlerts: 'no' }] }, /canReadAlerts must be true or false/);
    const withApi = (api: object) => ({ subscriptions: [{ subscriptionId: GOOD_ID, displayName: 'x', apiManagementServices: [{ resourceGroup: 'rg', name: 'a', sku: 'Developer', apis: [{ name: 'p', displayName: 'P', ...api }] }] }] });
    validateSeed(withApi({ numberOfApiEndpoints: 4, sensitivityLabel: 'Confidential' }));
    rejects(withApi({ numberOfUnauthenticatedApiEndpoints: -1 }), /apis\[0\]\.numberOfUnauthenticatedApiEndpoints must be a whole number >= 0/);
    rejects(withApi({ sensitivityLabel: 3 }), /apis\[0\]\.sensitivityLabel must be a non-empty string/);
  });

  it('loads a seed file, and says which file is unreadable or not JSON', () => {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'seed-test-'));
    try {
      const good = path.join(directory, 'good.json');
      fs.writeFileSync(good, JSON.stringify({ subscriptions: [{ subscriptionId: GOOD_ID, displayName: 'From file' }] }));
      assert.equal(loadSeedFile(good).subscriptions[0].displayName, 'From file');
      const bad = path.join(directory, 'bad.json');
      fs.writeFileSync(bad, '{ nope');
      assert.throws(() => loadSeedFile(bad), /bad\.json is not valid JSON/);
      assert.throws(() => loadSeedFile(path.join(directory, 'missing.json')), /missing\.json could not be read \(ENOENT\)/);
    } finally {
      fs.rmSync(directory, { recursive: true, force: true });
    }
  });

  it('startArmSimulator refuses a bad seed before listening', async () => {
    await assert.rejects(startArmSimulator({ port: 0, seed: { subscriptions: [{ subscriptionId: 'x', displayName: 'y' }] } }), SeedError);
  });

  it('generates a reproducible, valid fleet of distinct subscriptions', () => {
    const fleet = generateFleetSeed(500);
    validateSeed(fleet);
    assert.equal(fleet.subscriptions.length, 500);
    assert.equal(new Set(fleet.subscriptions.map((subscription) => subscription.subscriptionId)).size, 500);
    assert.deepEqual(generateFleetSeed(500), fleet);
    const tiers = new Set(fleet.subscriptions.map((subscription) => subscription.pricings?.find((pricing) => pricing.name === 'Api')?.pricingTier ?? 'Free'));
    assert.deepEqual([...tiers].sort(), ['Free', 'Standard']);
  });

  it('the demo seed covers every case the bot handles', () => {
    const subscriptions = DEMO_SEED.subscriptions;
    assert.ok(subscriptions.some((subscription) => subscription.registeredProviders?.length === 0));
    assert.ok(subscriptions.some((subscription) => subscription.canWritePricings === false));
    assert.ok(subscriptions.some((subscription) => subscription.failingExtensions?.includes('ApiPosture')));
    assert.ok(subscriptions.some((subscription) => subscription.apiManagementServices?.some((service) => service.sku === 'Consumption')));
    assert.ok(subscriptions.some((subscription) => subscription.pricings?.some((pricing) => pricing.name === 'Api' && pricing.subPlan === 'P2')));
    const alerts = subscriptions.flatMap((subscription) => subscription.alerts ?? []);
    assert.ok(alerts.filter((alert) => alert.alertType.startsWith('API_')).length >= 3, 'a few Defender for APIs alerts');
    assert.ok(alerts.some((alert) => alert.alertType.startsWith('VM_')), 'and one `alerts` must never show');
    const apis = subscriptions.flatMap((subscription) => subscription.apiManagementServices ?? []).flatMap((service) => service.apis ?? []);
    assert.ok(apis.some((api) => api.onboarded && api.numberOfApiEndpoints !== undefined && api.sensitivityLabel), 'posture counts on an onboarded API');
  });
});
