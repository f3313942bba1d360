import assert from 'node:assert/strict';
import { ALICE, BOB, CAROL, HOUR, MALLORY, SUB_A, SUB_B, buildWorld, planFor, sequentialRequestIds } from './fixtures';
import { isRequestId } from '../../../src/core/approval';
import { planHash } from '../../../src/core/plan';

describe('ApprovalService.request', () => {
  it('creates a pending request with its plan hash, expiry from the TTL, and an audit entry', async () => {
    const { service, audit } = buildWorld();
    const plan = planFor(SUB_A);
    const result = await service.request({ plan, requester: ALICE });
    assert.equal(result.kind, 'created');
    if (result.kind !== 'created') return;
    const { request } = result;
    assert.ok(isRequestId(request.id));
    assert.equal(request.status, 'pending');
    assert.equal(request.planHash, planHash(plan));
    assert.equal(request.createdAt, '2025-03-01T09:00:00.000Z');
    assert.equal(request.expiresAt, '2025-03-02T09:00:00.000Z');
    assert.deepEqual(request.requester, ALICE);
    assert.deepEqual(request.subscriptionIds, [SUB_A]);
    assert.deepEqual((await service.get(request.id))?.planHash, request.planHash);
    const [entry] = await audit.list({ limit: 10 });
    assert.equal(entry.type, 'request.created');
    assert.deepEqual(entry.actor, ALICE);
    assert.equal(entry.details.planHash, request.planHash);
  });

  it('answers already-open with the open request for the same subscription (any letter case)', async () => {
    const { service } = buildWorld();
    const first = await service.request({ plan: planFor(SUB_A), requester: ALICE });
    const second = await service.request({ plan: planFor(SUB_A.toUpperCase()), requester: CAROL });
    assert.equal(second.kind, 'already-open');
    assert.equal(second.kind === 'already-open' && first.kind === 'created' && second.request.id, first.kind === 'created' && first.request.id);
    assert.equal((await service.request({ plan: planFor(SUB_B), requester: CAROL })).kind, 'created', 'another subscription is free');
  });

  it('blocks a multi-target request when any of its subscriptions is open', async () => {
    const { service } = buildWorld();
    await service.request({ plan: planFor(SUB_B), requester: ALICE });
    const result = await service.request({ plan: planFor(SUB_A, SUB_B), requester: CAROL });
    assert.equal(result.kind, 'already-open');
    assert.equal((await service.request({ plan: planFor(SUB_A), requester: CAROL })).kind, 'created', 'the blocked request left nothing behind');
  });

  it('two concurrent requests for one subscription: one created, one already-open pointing at it', async () => {
    const { service, requests } = buildWorld();
    const results = await Promise.all([
      service.request({ plan: planFor(SUB_A), requester: ALICE }),
      service.request({ plan: planFor(SUB_A), requester: CAROL }),
    ]);
    const kinds = results.map((result) => result.kind).sort();
    assert.deepEqual(kinds, ['already-open', 'created']);
    const created = results.find((result) => result.kind === 'created');
    const open = results.find((result) => result.kind === 'already-open');
    assert.equal(created && 'request' in created && created.request.id, open && 'request' in open && open.request.id);
    assert.equal((await requests.listOpen()).length, 1);
  });

  it('ten concurrent requests from two services sharing one store still create exactly one', async () => {
    const first = buildWorld({ ids: sequentialRequestIds(0) });
    const second = buildWorld({ dataDir: first.dataDir, ids: sequentialRequestIds(1000) });
    const results = await Promise.all(Array.from({ length: 10 }, (_, index) =>
      (index % 2 ? first : second).service.request({ plan: planFor(SUB_A), requester: index % 3 ? ALICE : CAROL })));
    assert.equal(results.filter((result) => result.kind === 'created').length, 1);
    assert.equal(results.filter((result) => result.kind === 'already-open').length, 9);
  });

  it('replaces an open request whose time ran out, expiring it on the way', async () => {
    const { service, clock } = buildWorld();
    const first = await service.request({ plan: planFor(SUB_A), requester: ALICE });
    clock.advance(24 * HOUR);
    const second = await service.request({ plan: planFor(SUB_A), requester: ALICE });
    assert.equal(second.kind, 'created');
    assert.equal((await service.get(first.kind === 'created' ? first.request.id : ''))?.status, 'expired');
  });

  it('answers nothing-to-change for an empty plan and drops targets that need nothing', async () => {
    const { service } = buildWorld();
    assert.deepEqual(await service.request({ plan: { kind: 'enable', targets: [] }, requester: ALICE }), { kind: 'nothing-to-change' });
    const done = planFor(SUB_A);
    done.targets[0].changes = [];
    assert.deepEqual(await service.request({ plan: done, requester: ALICE }), { kind: 'nothing-to-change' });
    const mixed = { kind: 'enable' as const, targets: [...done.targets, ...planFor(SUB_B).targets] };
    const result = await service.request({ plan: mixed, requester: ALICE });
    assert.deepEqual(result.kind === 'created' && result.request.subscriptionIds, [SUB_B]);
  });

  it('refuses a plan naming one subscription twice', async () => {
    const { service } = buildWorld();
    const result = await service.request({ plan: planFor(SUB_A, SUB_A), requester: ALICE });
    assert.equal(result.kind === 'refused' && result.code, 'InvalidPlan');
  });

  it('refuses someone outside a configured requester list, saying whom to ask', async () => {
    const { service } = buildWorld({ policy: { requesters: [ALICE.id] } });
    const result = await service.request({ plan: planFor(SUB_A), requester: MALLORY });
    assert.equal(result.kind, 'refused');
    assert.equal(result.kind === 'refused' && result.code, 'NotARequester');
    assert.match(result.kind === 'refused' ? result.message : '', /ask an admin to add you/);
  });

  it('refuses when the other approvers could never reach the quorum', async () => {
    const { service } = buildWorld({ policy: { approvers: [BOB.id, CAROL.id], minApprovals: 2 } });
    const result = await service.request({ plan: planFor(SUB_A), requester: BOB });
    assert.equal(result.kind === 'refused' && result.code, 'QuorumUnreachable');
    assert.match(result.kind === 'refused' ? result.message : '', /only the 1 other approver\(s\) could approve it, but it needs 2. Ask someone who is not an approver/);
  });

  it('throws for a missing identity: the bot must pass the activity sender', async () => {
    const { service } = buildWorld();
    await assert.rejects(service.request({ plan: planFor(SUB_A), requester: { id: ' ', name: 'x' } }), { code: 'MissingIdentity' });
  });
});
