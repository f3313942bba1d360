/**
 * A request exists only once it holds its subscription's lock and its `request.created` entry is written.
 * What a crash or a failing store leaves half-made can be neither approved nor listed, and frees itself.
 */
import assert from 'node:assert/strict';
import type { AuditLog } from '../../../src/core/audit/auditLog';
import { ApprovalService, createApprovalPolicy } from '../../../src/core/approval';
import { OPENING_GRACE_MS } from '../../../src/core/approval/requestRepository';
import { newRequest } from '../../../src/core/approval/transitions';
import { ALICE, BOB, CAROL, HOUR, buildWorld, gatewayNotUsed, planFor, sequentialRequestIds, SUB_A } from './fixtures';

describe('request creation: whole or nothing', () => {
  it('a request left half-made by a crash (document and lock, no created entry) cannot be approved, and its lock frees itself', async () => {
    const world = buildWorld();
    const policy = createApprovalPolicy({ approvers: [BOB.id, CAROL.id], requestTtlMs: 24 * HOUR });
    // What a process killed between taking the lock and writing the created entry leaves behind.
    const halfMade = newRequest({ id: 'req_aaaaaaaaaaaaaaaaaaaa', plan: planFor(SUB_A), requester: ALICE, policy, now: world.clock.now() });
    await world.requests.create(halfMade);
    assert.deepEqual(await world.requests.claimOpen(halfMade, async () => true), { kind: 'claimed' });

    const approval = await world.service.approve({ requestId: halfMade.id, planHash: halfMade.planHash, approver: BOB });
    assert.equal(approval.kind === 'refused' && approval.code, 'UnknownRequest', 'it never existed, so it cannot be approved');
    assert.deepEqual(await world.service.listActionable(BOB), [], 'nor listed');

    const meanwhile = await world.service.request({ plan: planFor(SUB_A), requester: CAROL });
    assert.equal(meanwhile.kind === 'refused' && meanwhile.code, 'Busy', 'while it might still be opening, a new one waits and then says so');
    assert.match(meanwhile.kind === 'refused' ? meanwhile.message : '', /try again in a moment/);

    world.clock.advance(OPENING_GRACE_MS + 1);
    const after = await world.service.request({ plan: planFor(SUB_A), requester: CAROL });
    assert.equal(after.kind, 'created', 'after the grace the abandoned lock is taken over');
  });

  it('when the created entry cannot be written, the lock and the document are undone and nothing is left to approve', async () => {
    const world = buildWorld();
    const failingAudit: AuditLog = {
      append: async () => {
        throw new Error('AuditUnavailable: the disk is full');
      },
      list: (options) => world.audit.list(options),
    };
    const service = new ApprovalService({ requests: world.requests, audit: failingAudit, gateway: gatewayNotUsed, clock: world.clock, ids: sequentialRequestIds(500), policy: world.policy });
    await assert.rejects(service.request({ plan: planFor(SUB_A), requester: ALICE }), /disk is full/);
    assert.equal(await world.requests.openBySubscription(SUB_A), undefined, 'the lock was released');
    assert.deepEqual(await world.store.listKeys('defender/requests/'), [], 'the document was removed');
    const next = await world.service.request({ plan: planFor(SUB_A), requester: ALICE });
    assert.equal(next.kind, 'created', 'the subscription is free at once');
  });

  it('an approval of a request that does not hold its lock is refused', async () => {
    const world = buildWorld();
    const created = await world.service.request({ plan: planFor(SUB_A), requester: ALICE });
    assert.equal(created.kind, 'created');
    if (created.kind !== 'created') return;
    // Someone (a bug, a hand edit) points the subscription's lock at another request.
    await world.store.write({ [`defender/open/${SUB_A}`]: { subscriptionId: SUB_A, requestId: 'req_bbbbbbbbbbbbbbbbbbbb', changedAt: world.clock.now().toISOString(), eTag: '*' } });
    const approval = await world.service.approve({ requestId: created.request.id, planHash: created.request.planHash, approver: BOB });
    assert.equal(approval.kind === 'refused' && approval.code, 'NotOpen');
  });
});

describe('requests stored by an earlier version', () => {
  it('initialise() turns the single open-request index into per-subscription locks', async () => {
    const world = buildWorld();
    const created = await world.service.request({ plan: planFor(SUB_A), requester: ALICE });
    if (created.kind !== 'created') throw new Error('expected a request');
    // As an earlier version stored it: no lock, one index document.
    await world.store.delete([`defender/open/${SUB_A}`]);
    await world.store.write({ 'defender/open-requests': { open: { [SUB_A]: created.request.id }, recent: [created.request.id], eTag: '*' } });
    assert.equal(await world.requests.openBySubscription(SUB_A), undefined);
    await world.requests.initialise();
    assert.equal((await world.requests.openBySubscription(SUB_A))?.id, created.request.id);
    const again = await world.service.request({ plan: planFor(SUB_A), requester: CAROL });
    assert.equal(again.kind, 'already-open');
  });
});

describe('plans stored before they said their kind', () => {
  it('are read as enable, restore or onboard from their targets, once, at the storage boundary', async () => {
    const world = buildWorld();
    const created = await world.service.request({ plan: planFor(SUB_A), requester: ALICE });
    if (created.kind !== 'created') throw new Error('expected a request');
    const key = `defender/requests/${created.request.id}`;
    const stored = (await world.store.read([key]))[key] as unknown as { plan: { targets: Array<Record<string, unknown>> } };
    const asLegacy = (extra: Record<string, unknown>) => ({ targets: stored.plan.targets.map(({ kind: _kind, ...target }) => ({ ...target, ...extra })) });
    for (const [extra, kind] of [[{}, 'enable'], [{ desired: { api: { pricingTier: 'Free' }, cspm: { pricingTier: 'Free', extensions: [] } } }, 'restore'], [{ onboarding: { apis: [] } }, 'onboard']] as const) {
      await world.store.write({ [key]: { ...stored, plan: asLegacy(extra), eTag: '*' } });
      const read = await world.requests.get(created.request.id);
      assert.equal(read?.plan.kind, kind);
      assert.ok(read?.plan.targets.every((target) => target.kind === kind));
      assert.equal(read?.planHash, created.request.planHash, 'the stored hash is kept: approvals compare against it');
    }
  });
});
