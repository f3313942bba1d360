/** DefenderClient's alerts: the real SDK pipeline against the simulator's alerts API (2022-01-01). */
import assert from 'node:assert/strict';
import type { SeedAlert, SimulatorSeed } from '../../src/azure/simulator';
import { ALERTS_PAGE_SIZE } from '../../src/azure/simulator/handlers/alerts';
import { DefenderError } from '../../src/core/errors';
import { startHarness, type Harness } from './simulatorHarness';

const NOW = new Date('2025-06-10T12:00:00Z');
const SUB = 'bbbbbbbb-0000-4000-8000-000000000001';
const READER = 'bbbbbbbb-0000-4000-8000-000000000002';
const UNREGISTERED = 'bbbbbbbb-0000-4000-8000-000000000003';
const UNKNOWN = 'bbbbbbbb-0000-4000-8000-00000000dead';
const PETSTORE = `/subscriptions/${SUB}/resourceGroups/rg-apis/providers/Microsoft.ApiManagement/service/contoso-apim/apis/petstore`;

const hoursAgo = (hours: number) => new Date(NOW.getTime() - hours * 3_600_000).toISOString();
const alert = (hours: number, extra: Partial<SeedAlert> = {}): SeedAlert => ({
  alertType: 'API_SpikeInAPITraffic',
  alertDisplayName: `Spike ${hours}h ago`,
  severity: 'Medium',
  timeGeneratedUtc: hoursAgo(hours),
  compromisedEntity: 'Petstore',
  resourceIdentifiers: [{ type: 'AzureResource', azureResourceId: PETSTORE }],
  ...extra,
});

const seed: SimulatorSeed = {
  subscriptions: [
    {
      subscriptionId: SUB,
      displayName: 'Alerting',
      alerts: [
        ...Array.from({ length: 22 }, (_, index) => alert(index + 1)),
        alert(0.5, { alertType: 'VM_EICAR', alertDisplayName: 'A VM alert', severity: 'High' }),
        alert(8 * 24, { alertDisplayName: 'Too old' }),
        alert(3, { alertType: 'API_SpikeInPayload', alertDisplayName: 'Subscription-level', resourceIdentifiers: [], severity: 'High', status: 'InProgress' }),
      ],
    },
    { subscriptionId: READER, displayName: 'Reader only', canReadAlerts: false, canWritePricings: false, alerts: [alert(1)] },
    { subscriptionId: UNREGISTERED, displayName: 'Unregistered', registeredProviders: [] },
  ],
};

async function failure(promise: Promise<unknown>): Promise<DefenderError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof DefenderError, String(error));
    return error;
  }
  throw new Error('expected a DefenderError');
}

describe('DefenderClient: Defender for APIs alerts', () => {
  let harness: Harness;
  beforeEach(async () => (harness = await startHarness(seed, { clock: { now: () => NOW } })));
  afterEach(async () => {
    assert.deepEqual(harness.simulator.violations(), []);
    await harness.close();
  });

  const alertCalls = () => harness.simulator.requests().filter((request) => request.path.endsWith('/Microsoft.Security/alerts'));

  it('reads every page, keeps only API_ alerts of the last 7 days, newest first', async () => {
    const alerts = await harness.client.listApiAlerts(SUB);
    assert.equal(alertCalls().length, Math.ceil(25 / ALERTS_PAGE_SIZE), 'followed nextLink to the last page');
    assert.equal(alerts.length, 23);
    assert.ok(alerts.every((found) => found.alertType.startsWith('API_')), 'the VM_ alert is left out');
    assert.ok(!alerts.some((found) => found.displayName === 'Too old'));
    assert.deepEqual(alerts.slice(0, 3).map((found) => found.displayName), ['Spike 1h ago', 'Spike 2h ago', 'Subscription-level']);
    const times = alerts.map((found) => Date.parse(found.timeGenerated));
    assert.deepEqual(times, [...times].sort((a, b) => b - a));
    const [newest] = alerts;
    assert.deepEqual(newest.ref, { location: 'westeurope', name: newest.ref.name, resourceGroup: 'rg-apis' });
    assert.equal(newest.compromisedEntity, 'Petstore');
    assert.match(newest.portalUrl ?? '', /^https:\/\/portal\.azure\.com\//);
    assert.deepEqual(alerts[2].ref.resourceGroup, undefined, 'filed at subscription level');
  });

  it('honours `since`', async () => {
    const alerts = await harness.client.listApiAlerts(SUB, { since: new Date(NOW.getTime() - 2.5 * 3_600_000) });
    assert.deepEqual(alerts.map((found) => found.displayName), ['Spike 1h ago', 'Spike 2h ago']);
  });

  it('says what to do: unknown subscription, no right to read alerts (Security Reader), Microsoft.Security not registered', async () => {
    const unknown = await failure(harness.client.listApiAlerts(UNKNOWN));
    assert.equal(unknown.code, 'SubscriptionNotFound');
    assert.match(unknown.message, /does not exist or the bot's identity cannot see it/);
    const forbidden = await failure(harness.client.listApiAlerts(READER));
    assert.equal(forbidden.code, 'AuthorizationFailed');
    assert.match(forbidden.message, /may not list the security alerts on subscription bbbbbbbb-0000-4000-8000-000000000002 \(it lacks Microsoft\.Security\/alerts\/read\)/);
    assert.match(forbidden.message, /az role assignment create --assignee \S+ --role "Security Reader" --scope \/subscriptions\/bbbbbbbb-0000-4000-8000-000000000002/);
    const unregistered = await failure(harness.client.listApiAlerts(UNREGISTERED));
    assert.equal(unregistered.code, 'MissingSubscriptionRegistration');
    assert.match(unregistered.message, /so the bot cannot list the security alerts\. Register it: az provider register --namespace Microsoft\.Security --subscription bbbbbbbb-0000-4000-8000-000000000003/);
  });

  it('reads every visible subscription, one failing without failing the rest, in the directory order', async () => {
    const rows = await harness.client.listFleetApiAlerts({ concurrency: 2 });
    assert.deepEqual(rows.map((row) => row.subscription.displayName), ['Alerting', 'Reader only', 'Unregistered']);
    assert.equal(rows[0].alerts?.length, 23);
    assert.equal(rows[1].error?.code, 'AuthorizationFailed');
    assert.equal(rows[2].error?.code, 'MissingSubscriptionRegistration');
  });

  it('takes and resolves an alert through its own id (resource-group and subscription level)', async () => {
    const [newest, , subscriptionLevel] = await harness.client.listApiAlerts(SUB);
    await harness.client.setAlertStatus(SUB, newest.ref, 'InProgress');
    await harness.client.setAlertStatus(SUB, subscriptionLevel.ref, 'Resolved');
    const stored = (name: string) => harness.simulator.state.alerts.find(SUB, 'westeurope', name)?.properties.status;
    assert.equal(stored(newest.ref.name), 'InProgress');
    assert.equal(stored(subscriptionLevel.ref.name), 'Resolved');
    assert.deepEqual(harness.simulator.writes().map((write) => `${write.method} ${write.path.replace(/\/alerts\/[^/]+/, '/alerts/…')} ${write.status}`), [
      `POST /subscriptions/${SUB}/resourceGroups/rg-apis/providers/Microsoft.Security/locations/westeurope/alerts/…/inProgress 204`,
      `POST /subscriptions/${SUB}/providers/Microsoft.Security/locations/westeurope/alerts/…/resolve 204`,
    ]);
    const [again] = await harness.client.listApiAlerts(SUB);
    assert.equal(again.status, 'InProgress');
  });

  it('refuses to change an alert without the right (Security Admin), and a ref that would leave its path before any call', async () => {
    harness.simulator.state.alerts.setCanRead(READER, true);
    const [readable] = await harness.client.listApiAlerts(READER);
    const forbidden = await failure(harness.client.setAlertStatus(READER, readable.ref, 'Resolved'));
    assert.equal(forbidden.code, 'AuthorizationFailed');
    assert.match(forbidden.message, /--role "Security Admin"/);
    assert.match(forbidden.message, /Microsoft\.Security\/locations\/alerts\/resolve\/action/);
    const before = harness.simulator.requests().length;
    const escaping = await failure(harness.client.setAlertStatus(SUB, { location: '..', name: '..' }, 'Resolved'));
    assert.equal(escaping.code, 'InvalidRequest');
    assert.equal(harness.simulator.requests().length, before, 'no ARM call');
  });
});
