import assert from 'node:assert/strict';
import { type ApprovalPolicyInput, ApprovalPolicyError, createApprovalPolicy, isApprover, mayRequest, permissionsFor } from '../../../src/core/approval';
import { ALICE, BOB, CAROL, HOUR, MALLORY } from './fixtures';
import { buildWorld, planFor, SUB_A } from './fixtures';

describe('approval policy', () => {
  it('defaults minApprovals to 1, normalises ids and leaves requesters open when unset', () => {
    const policy = createApprovalPolicy({ approvers: [` ${BOB.id.toUpperCase()} `, BOB.id], requestTtlMs: HOUR });
    assert.deepEqual(policy, { approvers: [BOB.id], minApprovals: 1, requestTtlMs: HOUR });
    assert.equal(isApprover(policy, BOB), true);
    assert.equal(mayRequest(policy, MALLORY), true);
  });

  it('restricts requesters when listed', () => {
    const policy = createApprovalPolicy({ approvers: [BOB.id], requesters: [ALICE.id], requestTtlMs: HOUR });
    assert.equal(mayRequest(policy, ALICE), true);
    assert.equal(mayRequest(policy, MALLORY), false);
  });

  const invalid: Array<[string, ApprovalPolicyInput, RegExp]> = [
    ['no approvers', { approvers: [], requestTtlMs: HOUR }, /at least one approver/],
    ['zero quorum', { approvers: [BOB.id], minApprovals: 0, requestTtlMs: HOUR }, /at least 1/],
    ['fractional quorum', { approvers: [BOB.id, CAROL.id], minApprovals: 1.5, requestTtlMs: HOUR }, /whole number/],
    ['quorum above the approver count', { approvers: [BOB.id], minApprovals: 2, requestTtlMs: HOUR }, /only 1 approver/],
    ['non-positive TTL', { approvers: [BOB.id], requestTtlMs: 0 }, /requestTtlMs/],
  ];
  for (const [label, input, pattern] of invalid) {
    it(`rejects a policy with ${label}`, () => {
      assert.throws(() => createApprovalPolicy(input), (error: unknown) =>
        error instanceof ApprovalPolicyError && error.code === 'InvalidApprovalPolicy' && pattern.test(error.message));
    });
  }

  it('tells the card which buttons each person gets', async () => {
    const { service, clock } = buildWorld({ policy: { approvers: [ALICE.id, BOB.id] } });
    const created = await service.request({ plan: planFor(SUB_A), requester: ALICE });
    assert.equal(created.kind, 'created');
    if (created.kind !== 'created') return;
    const request = created.request;
    assert.deepEqual(service.permissionsFor(request, ALICE), { canApprove: false, canReject: false, canCancel: true, canRetry: false },
      'the requester is an approver too, yet never approves their own request');
    assert.deepEqual(service.permissionsFor(request, BOB), { canApprove: true, canReject: true, canCancel: false, canRetry: false });
    assert.deepEqual(service.permissionsFor(request, MALLORY), { canApprove: false, canReject: false, canCancel: false, canRetry: false });
    clock.advance(25 * HOUR);
    assert.equal(service.permissionsFor(request, BOB).canApprove, false, 'nothing to click once expired');
  });
});
