/**
 * execute(), reconcileInterrupted() and retry() against the real DefenderClient and the HTTPS ARM simulator.
 */
import assert from 'node:assert/strict';
import { DefenderClient } from '../../../src/azure/defenderClient';
import { SimulatorCredential } from '../../../src/azure/credentials';
import { permissionsFor, type ApprovalRequest } from '../../../src/core/approval';
import { verifyAuditChain } from '../../../src/core/audit';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SUB_FLAKY, SUB_PROD, SUB_PROD_EU, SUB_READONLY, applyAsExecutor, planEnable, startHarness, type Harness } from '../../azure/simulatorHarness';
import { planOnboardTarget, type ChangePlan } from '../../../src/core/plan';
import { ALICE, BOB, CAROL, buildWorld, sequentialRequestIds, type World } from './fixtures';

describe('ApprovalService execution (real ARM client against the HTTPS simulator)', () => {
  let harness: Harness;
  let world: World;
  beforeEach(async () => {
    harness = await startHarness();
    world = buildWorld({ gateway: harness.client });
  });
  afterEach(async () => harness.close());

  async function approvedRequest(...subscriptionIds: string[]): Promise<ApprovalRequest> {
    const plan: ChangePlan = { kind: 'enable', targets: await Promise.all(subscriptionIds.map((subscriptionId) => planEnable(harness.client, subscriptionId))) };
    const created = await world.service.request({ plan, requester: ALICE });
    if (created.kind !== 'created') throw new Error(`expected created, got ${JSON.stringify(created)}`);
    const approved = await world.service.approve({ requestId: created.request.id, planHash: created.request.planHash, approver: BOB });
    if (approved.kind !== 'execute') throw new Error(`expected execute, got ${approved.kind}`);
    return approved.request;
  }

  const pricing = (subscriptionId: string, name: string) => harness.simulator.state.subscriptions.get(subscriptionId)!.pricings.get(name)!;

  it('applies an approved request: succeeded, settings on in ARM, subscription freed, chain intact', async () => {
    const request = await approvedRequest(SUB_PROD_EU);
    const done = await world.service.execute(request.id);
    assert.equal(done.status, 'succeeded', JSON.stringify(done.outcomes));
    assert.equal(done.outcomes?.[0].status, 'succeeded');
    assert.equal(pricing(SUB_PROD_EU, 'api').pricingTier, 'Standard');
    assert.equal(pricing(SUB_PROD_EU, 'cloudposture').extensions.find((extension) => extension.name === 'ApiPosture')?.isEnabled, 'True');
    assert.equal(await world.service.openRequestFor(SUB_PROD_EU), undefined);
    const lines = readFileSync(path.join(world.dataDir, 'audit.jsonl'), 'utf8').split('\n');
    const verdict = verifyAuditChain(lines);
    assert.deepEqual(verdict.entries.map((entry) => entry.type), ['request.created', 'request.approval-recorded', 'request.executing', 'request.succeeded']);
    await assert.rejects(world.service.execute(request.id), { code: 'NotExecuting' }, 'a finished request cannot be executed again');
  });

  it('a target whose settings moved since planning is stale: zero writes, requester told to request again', async () => {
    const request = await approvedRequest(SUB_PROD_EU);
    Object.assign(pricing(SUB_PROD_EU, 'api'), { pricingTier: 'Standard', subPlan: 'P3' });
    harness.simulator.clearRequests();
    const done = await world.service.execute(request.id);
    assert.equal(done.status, 'stale');
    assert.deepEqual(harness.simulator.writes(), []);
    assert.match(done.outcomes?.[0].staleReasons?.join() ?? '', /Defender for APIs was Free when planned and is Standard \(P3\) now/);
    assert.match(done.statusReason ?? '', /Nothing was changed .* request again/);
  });

  it('ARM unavailable fails the target with its code and never leaves the request executing', async () => {
    const request = await approvedRequest(SUB_PROD_EU);
    harness.simulator.setFaults({ serverErrorRate: 1 });
    const done = await world.service.execute(request.id);
    assert.equal(done.status, 'failed');
    assert.equal(done.outcomes?.[0].settings[0].error?.code, 'ArmUnavailable');
    assert.equal((await world.service.get(request.id))?.status, 'failed');
  });

  it('several targets run together: one succeeds, one lacks permission → partially-failed', async () => {
    const request = await approvedRequest(SUB_PROD_EU, SUB_READONLY);
    const done = await world.service.execute(request.id);
    assert.equal(done.status, 'partially-failed');
    const bySubscription = Object.fromEntries(done.outcomes!.map((outcome) => [outcome.subscriptionId, outcome.status]));
    assert.deepEqual(bySubscription, { [SUB_PROD_EU]: 'succeeded', [SUB_READONLY]: 'failed' });
  });

  it('retry (approvers only) re-plans just the unfinished settings as a new linked request', async () => {
    const request = await approvedRequest(SUB_FLAKY);
    const done = await world.service.execute(request.id);
    assert.equal(done.status, 'partially-failed', JSON.stringify(done.outcomes));
    const byRequester = await world.service.retry({ requestId: request.id, actor: ALICE });
    assert.equal(byRequester.kind === 'refused' && byRequester.code, 'NotAnApprover', 'Alice requested it but is no approver');
    harness.simulator.state.subscriptions.get(SUB_FLAKY)!.failingExtensions = [];
    const retried = await world.service.retry({ requestId: request.id, actor: CAROL });
    assert.equal(retried.kind, 'created');
    if (retried.kind !== 'created') return;
    assert.equal(retried.request.retryOf, request.id);
    assert.deepEqual(retried.request.requester, CAROL);
    assert.deepEqual(retried.request.plan.targets[0].changes.map((change) => change.setting), ['apiPosture']);
    const notAgain = await world.service.approve({ requestId: retried.request.id, planHash: retried.request.planHash, approver: CAROL });
    assert.equal(notAgain.kind === 'refused' && notAgain.code, 'SelfApproval', 'the retrier cannot approve their own retry');
    const approved = await world.service.approve({ requestId: retried.request.id, planHash: retried.request.planHash, approver: BOB });
    assert.equal(approved.kind, 'execute');
    assert.equal((await world.service.execute(retried.request.id)).status, 'succeeded');
    const succeeded = await world.service.retry({ requestId: retried.request.id, actor: BOB });
    assert.equal(succeeded.kind === 'refused' && succeeded.code, 'NotRetryable');
  });

  it('starts no ARM call after the apply timeout, and says a write cut off then may or may not have landed', async () => {
    world = buildWorld({ gateway: harness.client, applyTimeoutMs: 300 });
    const request = await approvedRequest(SUB_PROD_EU);
    const writes = harness.simulator.hold({ method: 'PUT' });
    const done = await world.service.execute(request.id);
    writes.stop();
    assert.equal(done.status, 'failed');
    const error = done.outcomes?.[0].settings[0].error;
    assert.equal(error?.code, 'Interrupted');
    assert.match(error?.message ?? '', /ran out of its time .* may or may not have landed; check `status`/);
  });

  describe('reconcileInterrupted (start-up after a crash mid-apply)', () => {
    /** A new service, file store and ARM client over the same data directory and simulator, as after a process restart. */
    function restartedWithClient(): World {
      const client = new DefenderClient({ credential: new SimulatorCredential(), endpoint: harness.simulator.url, caCertificate: harness.simulator.caCertificate });
      return buildWorld({ dataDir: world.dataDir, clock: world.clock, gateway: client, ids: sequentialRequestIds(9000) });
    }

    it('nothing written yet: recovery never writes; it records each setting as interrupted, with Retry', async () => {
      const request = await approvedRequest(SUB_PROD_EU);
      harness.simulator.clearRequests();
      const [reconciled] = await restartedWithClient().service.reconcileInterrupted();
      assert.equal(reconciled.id, request.id);
      assert.equal(reconciled.status, 'failed', JSON.stringify(reconciled.outcomes));
      assert.deepEqual(reconciled.outcomes?.[0].settings.map((setting) => [setting.setting, setting.status, setting.error?.code]), [
        ['defenderForApis', 'failed', 'Interrupted'],
        ['cspmPlan', 'failed', 'Interrupted'],
        ['apiPosture', 'failed', 'Interrupted'],
      ]);
      assert.deepEqual(harness.simulator.writes(), [], 'a write the dead process sent may still land: never send it again');
      assert.equal(pricing(SUB_PROD_EU, 'api').pricingTier, 'Free');
    });

    it('everything already written before the crash: succeeded with zero writes', async () => {
      const request = await approvedRequest(SUB_PROD_EU);
      for (const target of request.plan.targets) await applyAsExecutor(harness.client, target);
      harness.simulator.clearRequests();
      const [reconciled] = await restartedWithClient().service.reconcileInterrupted();
      assert.equal(reconciled.status, 'succeeded');
      assert.deepEqual(harness.simulator.writes(), []);
    });

    it('half written: the setting that landed is done, the other interrupted (partly failed), nothing written, retry available', async () => {
      const request = await approvedRequest(SUB_PROD_EU);
      Object.assign(pricing(SUB_PROD_EU, 'api'), { pricingTier: 'Standard', subPlan: 'P1' });
      harness.simulator.clearRequests();
      const after = restartedWithClient();
      const [reconciled] = await after.service.reconcileInterrupted();
      assert.equal(reconciled.status, 'partially-failed');
      assert.deepEqual(reconciled.outcomes?.[0].settings.map((setting) => [setting.setting, setting.status]), [['defenderForApis', 'done'], ['cspmPlan', 'failed'], ['apiPosture', 'failed']]);
      assert.equal(reconciled.outcomes?.[0].settings[2].error?.code, 'Interrupted');
      assert.match(reconciled.outcomes?.[0].settings[2].error?.message ?? '', /stopped while applying .* use Retry/);
      assert.match(reconciled.statusReason ?? '', /Some settings were changed and others were not/);
      assert.deepEqual(harness.simulator.writes(), []);
      assert.equal(permissionsFor(after.policy, reconciled, BOB, after.clock.now()).retry.allowed, true);
      const entries = await after.audit.list({ requestId: request.id, limit: 2 });
      assert.equal(entries.map((entry) => entry.type).join(), 'request.partially-failed,request.reconciled');
      assert.deepEqual((entries[1].details.found as Array<{ settings: unknown }>)[0].settings, [
        { setting: 'defenderForApis', status: 'done' },
        { setting: 'cspmPlan', status: 'failed' },
        { setting: 'apiPosture', status: 'failed' },
      ], 'the audit log records what recovery found');
    });

    it('onboarding half done: the API onboarded before the crash is done, the other interrupted with Retry, nothing sent again', async () => {
      const record = harness.simulator.state.subscriptions.get(SUB_PROD)!;
      const service = record.apiManagementServices[0];
      service.apis.push({ ...service.apis[0], name: 'payments', displayName: 'Payments API', path: 'payments' });
      const apis = service.apis.map((api) => ({ resourceGroup: service.resourceGroup, serviceName: service.name, apiId: api.name, displayName: api.displayName }));
      const target = planOnboardTarget({ subscriptionId: SUB_PROD, displayName: 'Contoso Production' }, await harness.client.readSettings(SUB_PROD), apis);
      const created = await world.service.request({ plan: { kind: 'onboard', targets: [target] }, requester: ALICE });
      assert.equal(created.kind, 'created');
      if (created.kind !== 'created') return;
      assert.equal((await world.service.approve({ requestId: created.request.id, planHash: created.request.planHash, approver: BOB })).kind, 'execute');
      // The dead process got as far as the first API.
      record.apiCollections.push({ resourceGroup: service.resourceGroup, serviceName: service.name, apiId: 'orders', provisioningState: 'Succeeded', pollsRemaining: 0 });
      harness.simulator.clearRequests();
      const after = restartedWithClient();
      const [reconciled] = await after.service.reconcileInterrupted();
      assert.equal(reconciled.status, 'partially-failed');
      assert.deepEqual(reconciled.outcomes?.[0].settings.map((setting) => [setting.subject, setting.status, setting.error?.code]), [
        ['contoso-apim/orders', 'done', undefined],
        ['contoso-apim/payments', 'failed', 'Interrupted'],
      ]);
      assert.deepEqual(harness.simulator.writes(), [], 'no onboarding PUT is sent again');
      assert.equal(permissionsFor(after.policy, reconciled, BOB, after.clock.now()).retry.allowed, true);
      const retried = await after.service.retry({ requestId: reconciled.id, actor: BOB });
      assert.deepEqual(retried.kind === 'created' && retried.request.plan.targets[0].changes.map((change) => change.subject), ['contoso-apim/payments'], 'Retry onboards only what is missing');
    });

    it('leaves pending requests alone and respects minAgeMs', async () => {
      await approvedRequest(SUB_PROD_EU);
      const pending = await world.service.request({ plan: { kind: 'enable', targets: [await planEnable(harness.client, SUB_PROD)] }, requester: ALICE });
      const after = restartedWithClient();
      assert.deepEqual(await after.service.reconcileInterrupted({ minAgeMs: 60_000 }), [], 'too recent: another instance may still be applying it');
      after.clock.advance(60_000);
      assert.equal((await after.service.reconcileInterrupted({ minAgeMs: 60_000 })).length, 1);
      assert.equal((await after.service.get(pending.kind === 'created' ? pending.request.id : ''))?.status, 'pending');
    });
  });
});
