import assert from 'node:assert/strict';
import { type ApprovalRequest, type Person } from '../../../src/core/approval';
import { ALICE, BOB, CAROL, HOUR, MALLORY, SUB_A, SUB_B, buildWorld, planFor, sequentialRequestIds, type WorldOptions } from './fixtures';

async function pendingRequest(options: WorldOptions = {}) {
  const world = buildWorld(options);
  const result = await world.service.request({ plan: planFor(SUB_A), requester: ALICE });
  if (result.kind !== 'created') throw new Error(`expected a created request, got ${result.kind}`);
  return { ...world, request: result.request };
}

function refusalOf(result: { kind: string; code?: string; message?: string }) {
  assert.equal(result.kind, 'refused', JSON.stringify(result));
  return { code: result.code, message: result.message ?? '' };
}

describe('ApprovalService.approve', () => {
  it('one approval meets the default quorum: the request moves to executing and the caller is told to execute', async () => {
    const { service, audit, request } = await pendingRequest();
    const result = await service.approve({ requestId: request.id, planHash: request.planHash, approver: BOB });
    assert.equal(result.kind, 'execute');
    const stored = await service.get(request.id);
    assert.equal(stored?.status, 'executing');
    assert.deepEqual(stored?.approvals.map((approval) => approval.by), [BOB]);
    assert.equal(stored?.version, request.version + 1, 'one write for pending → approved → executing');
    const types = (await audit.list({ requestId: request.id, limit: 10 })).map((entry) => entry.type).reverse();
    assert.deepEqual(types, ['request.created', 'request.approval-recorded', 'request.executing']);
  });

  it('with minApprovals 2, the first approval is recorded and the second distinct approver executes', async () => {
    const { service, request } = await pendingRequest({ policy: { minApprovals: 2 } });
    const first = await service.approve({ requestId: request.id, planHash: request.planHash, approver: BOB });
    assert.equal(first.kind, 'recorded');
    const again = refusalOf(await service.approve({ requestId: request.id, planHash: request.planHash, approver: { ...BOB, id: BOB.id.toUpperCase() } }));
    assert.equal(again.code, 'AlreadyApproved');
    assert.match(again.message, /already approved .* still needs 1 more approval/);
    const second = await service.approve({ requestId: request.id, planHash: request.planHash, approver: CAROL });
    assert.equal(second.kind, 'execute');
  });

  describe('refusals (each says what went wrong and what to do next)', () => {
    const cases: Array<[string, string, RegExp, (request: ApprovalRequest) => { requestId: string; planHash: string; approver: Person }]> = [
      ['a malformed id', 'InvalidRequestId', /not a request id .* copy the id exactly/, (request) => ({ requestId: 'req_nope', planHash: request.planHash, approver: BOB })],
      ['an unknown id', 'UnknownRequest', /No request req_\w+ exists; .*status/, (request) => ({ requestId: 'req_zzzzzzzzzzzzzzzzzzzz', planHash: request.planHash, approver: BOB })],
      ['a different plan hash', 'PlanMismatch', /different plan .* refresh the card/, (request) => ({ requestId: request.id, planHash: 'f'.repeat(64), approver: BOB })],
      ['the requester', 'SelfApproval', /can't approve it yourself; ask another approver/, (request) => ({ requestId: request.id, planHash: request.planHash, approver: ALICE })],
      ['a non-approver', 'NotAnApprover', /not on the approver list/, (request) => ({ requestId: request.id, planHash: request.planHash, approver: MALLORY })],
    ];
    for (const [label, code, pattern, input] of cases) {
      it(`refuses ${label} with ${code}, recording nothing`, async () => {
        const { service, request } = await pendingRequest();
        const refusal = refusalOf(await service.approve(input(request)));
        assert.equal(refusal.code, code);
        assert.match(refusal.message, pattern);
        assert.deepEqual((await service.get(request.id))?.approvals, []);
        assert.equal((await service.get(request.id))?.status, 'pending');
      });
    }

    it('refuses the requester even when they are listed as an approver', async () => {
      const { service, request } = await pendingRequest({ policy: { approvers: [ALICE.id, BOB.id] } });
      assert.equal(refusalOf(await service.approve({ requestId: request.id, planHash: request.planHash, approver: ALICE })).code, 'SelfApproval');
    });

    it("refuses another request's plan hash", async () => {
      const world = await pendingRequest();
      const other = await world.service.request({ plan: planFor(SUB_B), requester: ALICE });
      assert.equal(other.kind, 'created');
      const otherHash = other.kind === 'created' ? other.request.planHash : '';
      const refusal = refusalOf(await world.service.approve({ requestId: world.request.id, planHash: otherHash, approver: BOB }));
      assert.equal(refusal.code, 'PlanMismatch');
    });

    it('an expired request is moved to expired and the approval refused, without sleeping', async () => {
      const { service, clock, request } = await pendingRequest();
      clock.advance(24 * HOUR - 1);
      assert.equal((await service.approve({ requestId: request.id, planHash: request.planHash, approver: CAROL })).kind, 'execute',
        'one millisecond before expiry still counts');
      const late = await pendingRequest();
      late.clock.advance(24 * HOUR);
      const refusal = refusalOf(await late.service.approve({ requestId: late.request.id, planHash: late.request.planHash, approver: BOB }));
      assert.equal(refusal.code, 'Expired');
      assert.match(refusal.message, /expired at 2025-03-02T09:00:00.000Z .* request it again/);
      assert.equal((await late.service.get(late.request.id))?.status, 'expired');
      assert.equal((await late.audit.list({ limit: 1 }))[0].type, 'request.expired');
    });

    it('a request that is no longer pending is refused naming its status', async () => {
      const { service, request } = await pendingRequest({ policy: { minApprovals: 1 } });
      await service.cancel({ requestId: request.id, actor: ALICE });
      const refusal = refusalOf(await service.approve({ requestId: request.id, planHash: request.planHash, approver: BOB }));
      assert.equal(refusal.code, 'NotPending');
      assert.match(refusal.message, /already cancelled/);
    });
  });

  describe('exactly one executor', () => {
    it('a double click by the same approver: one execute, the other told it is already being applied', async () => {
      const { service, request } = await pendingRequest();
      const clicks = await Promise.all([1, 2].map(() => service.approve({ requestId: request.id, planHash: request.planHash, approver: BOB })));
      assert.deepEqual(clicks.map((click) => click.kind).sort(), ['execute', 'refused']);
      const refused = clicks.find((click) => click.kind === 'refused');
      assert.equal(refused && 'code' in refused && refused.code, 'NotPending');
    });

    it('50 concurrent approvals by 50 approvers with minApprovals 1: exactly one execute', async () => {
      const approvers = Array.from({ length: 50 }, (_, index) => ({ id: `aaaaaaaa-0000-4000-8000-${String(index).padStart(12, "0")}`, name: `Approver ${index}` }));
      const { service, request } = await pendingRequest({ policy: { approvers: approvers.map((approver) => approver.id) } });
      const results = await Promise.all(approvers.map((approver) => service.approve({ requestId: request.id, planHash: request.planHash, approver })));
      assert.equal(results.filter((result) => result.kind === 'execute').length, 1);
      assert.equal(results.filter((result) => result.kind === 'refused' && result.code === 'NotPending').length, 49);
      const stored = await service.get(request.id);
      assert.equal(stored?.status, 'executing');
      assert.equal(stored?.approvals.length, 1, 'losers recorded nothing');
    });

    it('minApprovals 3 with 20 concurrent approvers: three recorded approvals, one execute', async () => {
      const approvers = Array.from({ length: 20 }, (_, index) => ({ id: `aaaaaaaa-0000-4000-8000-${String(index).padStart(12, "0")}`, name: `Approver ${index}` }));
      const { service, request } = await pendingRequest({ policy: { approvers: approvers.map((approver) => approver.id), minApprovals: 3 } });
      const results = await Promise.all(approvers.map((approver) => service.approve({ requestId: request.id, planHash: request.planHash, approver })));
      assert.equal(results.filter((result) => result.kind === 'execute').length, 1);
      assert.equal(results.filter((result) => result.kind === 'recorded').length, 2);
      assert.equal(new Set((await service.get(request.id))?.approvals.map((approval) => approval.by.id)).size, 3);
    });

    it('two services (as two processes) sharing one store: exactly one execute', async () => {
      const first = await pendingRequest({ ids: sequentialRequestIds(0) });
      const second = buildWorld({ dataDir: first.dataDir, ids: sequentialRequestIds(5000) });
      const input = { requestId: first.request.id, planHash: first.request.planHash };
      const results = await Promise.all([
        first.service.approve({ ...input, approver: BOB }),
        second.service.approve({ ...input, approver: CAROL }),
        second.service.approve({ ...input, approver: BOB }),
        first.service.approve({ ...input, approver: CAROL }),
      ]);
      assert.equal(results.filter((result) => result.kind === 'execute').length, 1);
    });
  });

  it('keeps the quorum the request was made under when the policy changes later', async () => {
    const world = await pendingRequest({ policy: { minApprovals: 2 } });
    assert.equal(world.request.minApprovals, 2);
    const relaxed = buildWorld({ dataDir: world.dataDir, policy: { minApprovals: 1 }, ids: sequentialRequestIds(100) });
    const result = await relaxed.service.approve({ requestId: world.request.id, planHash: world.request.planHash, approver: BOB });
    assert.equal(result.kind, 'recorded');
  });
});
