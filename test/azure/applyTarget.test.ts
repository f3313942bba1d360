import assert from 'node:assert/strict';
import { isDefenderError } from '../../src/core/errors';
import { CUSTOMISED_EXTENSIONS, SUB_FLAKY, SUB_PROD, SUB_PROD_EU, SUB_READONLY, applyAsExecutor, badRequests, planEnable, startHarness, type Harness } from './simulatorHarness';

describe('applying a target as the executor does (real SDK pipeline against the HTTPS ARM simulator)', () => {
  let harness: Harness;
  beforeEach(async () => (harness = await startHarness()));
  afterEach(async () => harness.close());

  it('read-modify-write turns both settings on and keeps every other CloudPosture extension exactly as it was', async () => {
    const { client, simulator } = harness;
    const target = await planEnable(client, SUB_PROD, { apiSubPlan: 'P2' });
    assert.deepEqual(target.changes.map((change) => change.setting), ['defenderForApis', 'apiPosture']);
    simulator.clearRequests();

    const outcome = await applyAsExecutor(client, target);
    assert.equal(outcome.status, 'succeeded', JSON.stringify(outcome));
    assert.deepEqual(outcome.settings.map(({ setting, status }) => [setting, status]), [['defenderForApis', 'done'], ['apiPosture', 'done']]);

    // Round trips: re-read, two PUTs, one read-back.
    assert.deepEqual(simulator.requests().map((request) => request.method).sort(), ['GET', 'GET', 'PUT', 'PUT']);
    const puts = simulator.writes();
    const apiPut = puts.find((request) => request.path.endsWith('/pricings/Api'));
    const posturePut = puts.find((request) => request.path.endsWith('/pricings/CloudPosture'));
    assert.deepEqual(apiPut?.body, { properties: { pricingTier: 'Standard', subPlan: 'P2' } });
    const expectedExtensions = CUSTOMISED_EXTENSIONS.map((extension) => (extension.name === 'ApiPosture' ? { ...extension, isEnabled: 'True' } : extension));
    assert.deepEqual(posturePut?.body, { properties: { pricingTier: 'Standard', extensions: expectedExtensions } });
    assert.equal(puts.every((request) => request.query['api-version'] === '2024-01-01'), true);

    const stored = simulator.state.subscriptions.get(SUB_PROD)!.pricings.get('cloudposture')!;
    for (const before of CUSTOMISED_EXTENSIONS.filter((extension) => extension.name !== 'ApiPosture')) {
      assert.deepEqual(stored.extensions.find((extension) => extension.name === before.name), before);
    }
    assert.equal(stored.extensions.find((extension) => extension.name === 'ApiPosture')?.isEnabled, 'True');
    assert.deepEqual(badRequests(simulator), []);
    assert.deepEqual(simulator.violations(), []);
  });

  it('a second apply of a fresh plan is a no-op with zero PUTs', async () => {
    const { client, simulator } = harness;
    await applyAsExecutor(client, await planEnable(client, SUB_PROD_EU));
    const again = await planEnable(client, SUB_PROD_EU);
    assert.deepEqual(again.changes, []);
    simulator.clearRequests();
    const outcome = await applyAsExecutor(client, again);
    assert.equal(outcome.status, 'succeeded');
    assert.deepEqual(simulator.writes(), []);
  });

  it('turns the CSPM plan itself on from Free, sending the full extension catalogue with only ApiPosture on', async () => {
    const { client, simulator } = harness;
    const target = await planEnable(client, SUB_PROD_EU);
    assert.deepEqual(target.changes.map((change) => change.setting), ['defenderForApis', 'cspmPlan', 'apiPosture']);
    const outcome = await applyAsExecutor(client, target);
    assert.equal(outcome.status, 'succeeded', JSON.stringify(outcome));
    const body = simulator.writes().find((request) => request.path.endsWith('/CloudPosture'))?.body as { properties: { extensions: Array<{ name: string; isEnabled: string }> } };
    const enabled = body.properties.extensions.filter((extension) => extension.isEnabled === 'True').map((extension) => extension.name);
    assert.deepEqual(enabled, ['ApiPosture']);
    assert.ok(body.properties.extensions.length > 1, 'the whole list goes back, not just ApiPosture');
    assert.deepEqual(badRequests(simulator), []);
  });

  it('reports a partial failure per setting, with ARM\'s operationStatus inside a 200', async () => {
    const { client } = harness;
    const outcome = await applyAsExecutor(client, await planEnable(client, SUB_FLAKY));
    assert.equal(outcome.status, 'partially-failed');
    const bySetting = Object.fromEntries(outcome.settings.map((setting) => [setting.setting, setting]));
    assert.equal(bySetting.defenderForApis.status, 'done');
    assert.equal(bySetting.cspmPlan.status, 'done');
    assert.equal(bySetting.apiPosture.status, 'failed');
    assert.equal(bySetting.apiPosture.error?.code, 'Failed');
    assert.match(bySetting.apiPosture.error?.message ?? '', /ApiPosture/);
  });

  it('a missing permission gives AuthorizationFailed naming the Security Admin role and the exact az command', async () => {
    const { client } = harness;
    const outcome = await applyAsExecutor(client, await planEnable(client, SUB_READONLY));
    assert.equal(outcome.status, 'failed');
    for (const setting of outcome.settings) {
      assert.equal(setting.error?.code, 'AuthorizationFailed');
      assert.match(setting.error!.message, /Microsoft\.Security\/pricings\/write/);
      assert.match(setting.error!.message, /Security Admin/);
      assert.match(setting.error!.message, new RegExp(`az role assignment create --assignee \\S+ --role "Security Admin" --scope /subscriptions/${SUB_READONLY}`));
    }
  });

  it('refuses a plan that went stale between planning and applying, with zero PUTs', async () => {
    const { client, simulator } = harness;
    const target = await planEnable(client, SUB_PROD);
    // Someone else turns Defender for APIs on in the portal meanwhile.
    simulator.state.subscriptions.get(SUB_PROD)!.pricings.get('api')!.pricingTier = 'Standard';
    simulator.state.subscriptions.get(SUB_PROD)!.pricings.get('api')!.subPlan = 'P3';
    simulator.clearRequests();
    const outcome = await applyAsExecutor(client, target);
    assert.equal(outcome.status, 'stale');
    assert.match(outcome.staleReasons?.join('\n') ?? '', /Defender for APIs was Free when planned and is Standard \(P3\) now/);
    assert.deepEqual(simulator.writes(), []);
  });

  it('maps a 403 on read to an actionable error too', async () => {
    const { client, simulator } = harness;
    simulator.failNext({ method: 'GET', pathIncludes: '/pricings', status: 403, code: 'AuthorizationFailed', message: "The client 'x' with object id 'abc-123' does not have authorization to perform action 'Microsoft.Security/pricings/read' over scope '/subscriptions/s'." });
    const error = await client.readSettings(SUB_PROD).then(() => undefined, (caught: unknown) => caught);
    assert.ok(isDefenderError(error));
    assert.equal(error.code, 'AuthorizationFailed');
    assert.match(error.message, /Microsoft\.Security\/pricings\/read/);
    assert.match(error.message, /--assignee abc-123 /);
    assert.ok(error.details.requestId, 'keeps x-ms-request-id');
  });
});
