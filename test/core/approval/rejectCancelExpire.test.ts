import assert from 'node:assert/strict';
import { MAX_REASON_LENGTH } from '../../../src/core/approval';
import { ALICE, BOB, CAROL, HOUR, MALLORY, SUB_A, SUB_B, buildWorld, planFor } from './fixtures';

async function worldWithRequest(subscriptionId = SUB_A) {
  const world = buildWorld();
  const result = await world.service.request({ plan: planFor(subscriptionId), requester: ALICE });
  if (result.kind !== 'created') throw new Error(`expected created, got ${result.kind}`);
  return { ...world, request: result.request };
}

describe('ApprovalService.reject', () => {
  it('stores the trimmed reason, frees the subscription and audits it', async () => {
    const { service, audit, request } = await worldWithRequest();
    const result = await service.reject({ requestId: request.id, planHash: request.planHash, approver: BOB, reason: '  not during the freeze  ' });
    assert.equal(result.kind, 'rejected');
    const stored = await service.get(request.id);
    assert.equal(stored?.status, 'rejected');
    assert.deepEqual(stored?.rejection, { by: BOB, reason: 'not during the freeze', at: '2025-03-01T09:00:00.000Z' });
    assert.equal((await service.request({ plan: planFor(SUB_A), requester: ALICE })).kind, 'created', 'subscription is free again');
    const entry = (await audit.list({ requestId: request.id, limit: 1 }))[0];
    assert.deepEqual([entry.type, entry.details.reason], ['request.rejected', 'not during the freeze']);
  });

  it('needs a reason, at most 500 characters, from an approver who is not the requester', async () => {
    const { service, request } = await worldWithRequest();
    const attempt = (approver = BOB, reason = 'because') => service.reject({ requestId: request.id, approver, reason });
    const codeOf = async (result: ReturnType<typeof attempt>) => {
      const answer = await result;
      return answer.kind === 'refused' ? [answer.code, answer.message] : [answer.kind, ''];
    };
    const [blank, blankMessage] = await codeOf(attempt(BOB, '   '));
    assert.equal(blank, 'ReasonRequired');
    assert.match(blankMessage, /needs a reason; type why/);
    const [long, longMessage] = await codeOf(attempt(BOB, 'x'.repeat(MAX_REASON_LENGTH + 1)));
    assert.equal(long, 'ReasonTooLong');
    assert.match(longMessage, /501 characters; shorten it to at most 500/);
    assert.equal((await codeOf(attempt(ALICE)))[0], 'SelfRejection');
    assert.match((await codeOf(attempt(ALICE)))[1], /use Cancel/);
    assert.equal((await codeOf(attempt(MALLORY)))[0], 'NotAnApprover');
    assert.equal((await codeOf(service.reject({ requestId: request.id, planHash: '0'.repeat(64), approver: BOB, reason: 'x' })))[0], 'PlanMismatch');
    assert.equal((await service.get(request.id))?.status, 'pending', 'no refusal changed anything');
    assert.equal((await codeOf(attempt(BOB, 'x'.repeat(MAX_REASON_LENGTH))))[0], 'rejected');
    assert.equal((await codeOf(attempt(CAROL)))[0], 'NotPending');
  });
});

describe('ApprovalService.cancel', () => {
  it('only the requester can cancel, and only while pending', async () => {
    const { service, request } = await worldWithRequest();
    const byApprover = await service.cancel({ requestId: request.id, actor: BOB });
    assert.equal(byApprover.kind === 'refused' && byApprover.code, 'NotTheRequester');
    assert.match(byApprover.kind === 'refused' ? byApprover.message : '', /Only Alice Requester, who requested .* can cancel it; approvers can Reject/);
    const cancelled = await service.cancel({ requestId: request.id, actor: ALICE });
    assert.equal(cancelled.kind, 'cancelled');
    assert.deepEqual((await service.get(request.id))?.cancellation, { by: ALICE, at: '2025-03-01T09:00:00.000Z' });
    const twice = await service.cancel({ requestId: request.id, actor: ALICE });
    assert.equal(twice.kind === 'refused' && twice.code, 'NotPending');
  });

  it('cannot cancel a request that is already executing', async () => {
    const { service, request } = await worldWithRequest();
    await service.approve({ requestId: request.id, planHash: request.planHash, approver: BOB });
    const result = await service.cancel({ requestId: request.id, actor: ALICE });
    assert.equal(result.kind === 'refused' && result.code, 'NotPending');
    assert.match(result.kind === 'refused' ? result.message : '', /approved and being applied/);
  });
});

describe('ApprovalService.expireDue and listActionable', () => {
  it('expires only pending requests past expiresAt and returns them for their cards', async () => {
    const { service, clock, audit, request } = await worldWithRequest(SUB_A);
    clock.advance(2 * HOUR);
    const later = await service.request({ plan: planFor(SUB_B), requester: ALICE });
    clock.advance(22 * HOUR - 1);
    assert.deepEqual(await service.expireDue(), [], 'nothing is due one millisecond early');
    clock.advance(1);
    const expired = await service.expireDue();
    assert.deepEqual(expired.map((item) => [item.id, item.status]), [[request.id, 'expired']]);
    assert.equal((await service.get(later.kind === 'created' ? later.request.id : ''))?.status, 'pending');
    assert.deepEqual(await service.expireDue(), [], 'a second sweep finds nothing');
    const entry = (await audit.list({ requestId: request.id, limit: 1 }))[0];
    assert.deepEqual([entry.type, entry.actor.id], ['request.expired', 'system']);
  });

  it('lists for each person the pending requests they can act on', async () => {
    const { service, clock, request } = await worldWithRequest(SUB_A);
    const ids = async (person: typeof ALICE) => (await service.listActionable(person)).map((item) => item.id);
    assert.deepEqual(await ids(BOB), [request.id], 'an approver sees what they can approve');
    assert.deepEqual(await ids(ALICE), [request.id], 'the requester sees it too, to cancel');
    assert.deepEqual(await ids(MALLORY), []);
    const second = buildWorld({ dataDir: undefined });
    assert.deepEqual(await second.service.listActionable(BOB), [], 'a fresh store lists nothing');
    clock.advance(24 * HOUR);
    assert.deepEqual(await ids(BOB), [], 'expired requests are not actionable');
  });

  it('drops a request from an approver\'s list once they approved it (quorum 2)', async () => {
    const world = buildWorld({ policy: { minApprovals: 2 } });
    const created = await world.service.request({ plan: planFor(SUB_A), requester: ALICE });
    if (created.kind !== 'created') throw new Error('expected created');
    await world.service.approve({ requestId: created.request.id, planHash: created.request.planHash, approver: BOB });
    assert.deepEqual(await world.service.listActionable(BOB), []);
    assert.deepEqual((await world.service.listActionable(CAROL)).map((item) => item.id), [created.request.id]);
  });
});
