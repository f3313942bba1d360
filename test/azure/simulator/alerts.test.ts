import assert from 'node:assert/strict';
import { ALERTS_PAGE_SIZE } from '../../../src/azure/simulator/handlers/alerts';
import type { SeedAlert, SimulatorSeed } from '../../../src/azure/simulator';
import { useArmSimulator } from './armSimulatorFixture';

const SUB = '11111111-2222-4333-8444-555555555555';
const READER = '11111111-2222-4333-8444-666666666666';
const UNREGISTERED = '11111111-2222-4333-8444-777777777777';
const VERSION = 'api-version=2022-01-01';
const ALERTS = `/subscriptions/${SUB}/providers/Microsoft.Security/alerts`;
const API_RESOURCE = `/subscriptions/${SUB}/resourceGroups/rg-apis/providers/Microsoft.ApiManagement/service/contoso-apim/apis/petstore`;

function apiAlert(index: number, extra: Partial<SeedAlert> = {}): SeedAlert {
  return {
    alertType: 'API_SpikeInAPITraffic',
    alertDisplayName: `Spike ${index}`,
    severity: 'Medium',
    timeGeneratedUtc: new Date(Date.UTC(2025, 5, 1, 0, index)).toISOString(),
    compromisedEntity: 'Petstore',
    resourceIdentifiers: [{ type: 'AzureResource', azureResourceId: API_RESOURCE }],
    ...extra,
  };
}

const seed: SimulatorSeed = {
  subscriptions: [
    {
      subscriptionId: SUB,
      displayName: 'Alerts',
      alerts: [
        ...Array.from({ length: 23 }, (_, index) => apiAlert(index)),
        { alertType: 'VM_EICAR', alertDisplayName: 'Test alert', severity: 'High', location: 'centralus', timeGeneratedUtc: '2025-06-02T00:00:00Z' },
      ],
    },
    { subscriptionId: READER, displayName: 'No alert rights', canReadAlerts: false, canWritePricings: false, alerts: [apiAlert(0)] },
    { subscriptionId: UNREGISTERED, displayName: 'Unregistered', registeredProviders: [] },
  ],
};

describe('ARM simulator: security alerts (2022-01-01)', () => {
  const arm = useArmSimulator({ per: 'test', seed, checkResponses: true });

  async function listAll(path: string): Promise<{ pages: number; alerts: any[] }> {
    let response = await arm.http.request('GET', `${path}?${VERSION}`);
    const alerts = [...response.body.value];
    let pages = 1;
    while (response.body.nextLink) {
      assert.ok(String(response.body.nextLink).startsWith(arm.simulator.url), 'nextLink is absolute, on the simulator');
      response = await arm.http.request('GET', response.body.nextLink);
      assert.equal(response.status, 200);
      alerts.push(...response.body.value);
      pages += 1;
    }
    return { pages, alerts };
  }

  it('lists by subscription in pages of ALERTS_PAGE_SIZE, newest first, with nextLink absent on the last page', async () => {
    const first = await arm.http.request('GET', `${ALERTS}?${VERSION}`);
    assert.equal(first.status, 200);
    assert.equal(first.body.value.length, ALERTS_PAGE_SIZE);
    const { pages, alerts } = await listAll(ALERTS);
    assert.equal(pages, Math.ceil(24 / ALERTS_PAGE_SIZE));
    assert.equal(alerts.length, 24);
    assert.equal(new Set(alerts.map((alert) => alert.name)).size, 24, 'no alert twice across pages');
    assert.equal(alerts[0].properties.alertType, 'VM_EICAR');
    assert.equal(alerts[1].properties.alertDisplayName, 'Spike 22');
    const spike = alerts[1];
    assert.equal(spike.type, 'Microsoft.Security/Locations/alerts');
    assert.match(spike.name, /^\d{19}_[0-9a-f-]{36}$/);
    assert.equal(spike.id, `/subscriptions/${SUB}/resourceGroups/rg-apis/providers/Microsoft.Security/locations/westeurope/alerts/${spike.name}`);
    assert.equal(spike.properties.status, 'Active');
    assert.match(spike.properties.alertUri, /^https:\/\/portal\.azure\.com\/#blade\//);
    assert.equal(alerts[0].id, `/subscriptions/${SUB}/providers/Microsoft.Security/locations/centralus/alerts/${alerts[0].name}`, 'no AzureResource identifier: filed at subscription level');
  });

  it('lists by location and by resource group', async () => {
    const central = await listAll(`/subscriptions/${SUB}/providers/Microsoft.Security/locations/centralus/alerts`);
    assert.deepEqual(central.alerts.map((alert) => alert.properties.alertType), ['VM_EICAR']);
    const group = await listAll(`/subscriptions/${SUB}/resourceGroups/RG-APIS/providers/Microsoft.Security/alerts`);
    assert.equal(group.alerts.length, 23);
    const groupWest = await listAll(`/subscriptions/${SUB}/resourceGroups/rg-apis/providers/Microsoft.Security/locations/westeurope/alerts`);
    assert.equal(groupWest.alerts.length, 23);
  });

  it('gets one alert through its own id, and 404s it through the other scope', async () => {
    const [spike] = (await arm.http.request('GET', `/subscriptions/${SUB}/resourceGroups/rg-apis/providers/Microsoft.Security/alerts?${VERSION}`)).body.value;
    const got = await arm.http.request('GET', `${spike.id}?${VERSION}`);
    assert.equal(got.status, 200);
    assert.deepEqual(got.body, spike);
    const subscriptionLevel = await arm.http.request('GET', `/subscriptions/${SUB}/providers/Microsoft.Security/locations/westeurope/alerts/${spike.name}?${VERSION}`);
    assert.equal(subscriptionLevel.status, 404);
    assert.equal(subscriptionLevel.body.error.code, 'ResourceNotFound');
  });

  it('changes status with resolve, activate, inProgress and dismiss (204, no body)', async () => {
    const [spike] = (await arm.http.request('GET', `/subscriptions/${SUB}/resourceGroups/rg-apis/providers/Microsoft.Security/alerts?${VERSION}`)).body.value;
    for (const [action, status] of [['inProgress', 'InProgress'], ['resolve', 'Resolved'], ['activate', 'Active'], ['dismiss', 'Dismissed']]) {
      const post = await arm.http.request('POST', `${spike.id}/${action}?${VERSION}`);
      assert.equal(post.status, 204, action);
      assert.equal(post.body, undefined);
      assert.equal((await arm.http.request('GET', `${spike.id}?${VERSION}`)).body.properties.status, status);
    }
    assert.equal(arm.simulator.writes().length, 4);
    const unknown = await arm.http.request('POST', `/subscriptions/${SUB}/providers/Microsoft.Security/locations/westeurope/alerts/nope/resolve?${VERSION}`);
    assert.equal(unknown.status, 404);
    const simulate = await arm.http.request('POST', `/subscriptions/${SUB}/providers/Microsoft.Security/locations/westeurope/alerts/${spike.name}/simulate?${VERSION}`);
    assert.equal(simulate.status, 404, 'only the four status changes are implemented');
  });

  it('403 without the right to read alerts or to change them; 409 unregistered; 404 unknown subscription; 400 wrong api-version', async () => {
    const read = await arm.http.request('GET', `/subscriptions/${READER}/providers/Microsoft.Security/alerts?${VERSION}`);
    assert.equal(read.status, 403);
    assert.equal(read.body.error.code, 'AuthorizationFailed');
    assert.match(read.body.error.message, /Microsoft\.Security\/alerts\/read/);
    arm.simulator.state.alerts.setCanRead(READER, true);
    const [alert] = (await arm.http.request('GET', `/subscriptions/${READER}/providers/Microsoft.Security/alerts?${VERSION}`)).body.value;
    const write = await arm.http.request('POST', `${alert.id}/resolve?${VERSION}`);
    assert.equal(write.status, 403);
    assert.match(write.body.error.message, /Microsoft\.Security\/locations\/alerts\/resolve\/action/);
    const unregistered = await arm.http.request('GET', `/subscriptions/${UNREGISTERED}/providers/Microsoft.Security/alerts?${VERSION}`);
    assert.equal(unregistered.status, 409);
    assert.equal(unregistered.body.error.code, 'MissingSubscriptionRegistration');
    const unknown = await arm.http.request('GET', `/subscriptions/99999999-2222-4333-8444-555555555555/providers/Microsoft.Security/alerts?${VERSION}`);
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.error.code, 'SubscriptionNotFound');
    const version = await arm.http.request('GET', `${ALERTS}?api-version=2024-01-01`);
    assert.equal(version.status, 400);
    assert.equal(version.body.error.code, 'InvalidApiVersionParameter');
  });

  it('POST /_simulator/alerts raises an alert while running, checked like a seeded one', async () => {
    const raised = await arm.http.request('POST', '/_simulator/alerts', { body: { subscriptionId: SUB, alert: apiAlert(99, { alertDisplayName: 'Raised now', timeGeneratedUtc: undefined }) } });
    assert.equal(raised.status, 201);
    assert.equal(raised.body.properties.alertDisplayName, 'Raised now');
    const { alerts } = await listAll(ALERTS);
    assert.equal(alerts[0].name, raised.body.name, 'raised now: the newest');
    assert.equal(alerts.length, 25);
    const bad = await arm.http.request('POST', '/_simulator/alerts', { body: { subscriptionId: SUB, alert: apiAlert(1, { severity: 'Severe' as never }) } });
    assert.equal(bad.status, 400);
    assert.match(bad.body.error.message, /alert\.severity is "Severe"; expected one of Informational, Low, Medium, High/);
    const notSpec = await arm.http.request('POST', '/_simulator/alerts', { body: { subscriptionId: SUB, alert: apiAlert(1, { remediationSteps: 'not a list' }) } });
    assert.equal(notSpec.status, 400);
    assert.match(notSpec.body.error.message, /alert\.remediationSteps must be array/);
    const nowhere = await arm.http.request('POST', '/_simulator/alerts', { body: { subscriptionId: 'nope', alert: apiAlert(1) } });
    assert.equal(nowhere.status, 404);
    assert.equal(arm.simulator.requests().filter((request) => request.path.startsWith('/_simulator')).length, 0, 'control routes are not logged');
  });
});
